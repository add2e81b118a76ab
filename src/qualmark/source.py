"""Source positions: where in a file a value came from.

A :class:`SourceMap` is keyed by *path tuples* — the same shape as pydantic's
error ``loc`` and jsonschema's ``absolute_path`` — so one lookup turns any
validation error into ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """A position in a source file; ``line`` and ``column`` count from 1."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(slots=True)
class SourceMap:
    """Maps the path of every node of a loaded document to its position.

    ``keys`` holds where a mapping key was written (errors about the key
    itself, such as "unknown key", point there); ``values`` where its value
    starts.
    """

    file: str
    values: dict[Path, Span] = field(default_factory=dict)
    keys: dict[Path, Span] = field(default_factory=dict)
    # Unquoted numbers whose value does not read back as written (`1.10` is 1.1, `010` is 8),
    # with their text: harmless where a number is meant, a silent change where text is.
    numbers_as_written: dict[Path, str] = field(default_factory=dict)
    # Values written as an alias (`*name`), with the alias's position: the value itself
    # (and all inside it) carries the positions of its anchor.
    aliases: dict[Path, Span] = field(default_factory=dict)

    def span(self, path: Path, *, key: bool = False) -> Span:
        """The position of ``path``, or of its nearest ancestor that was recorded."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            found = table.get(probe) or self.values.get(probe)
            if found is not None:
                return found
            probe = probe[:-1]
        return self.values.get((), Span(self.file, 1, 1))

    def under(self, prefix: Path) -> SourceMap:
        """The positions below ``prefix``, with paths relative to it (a document inside another)."""
        n = len(prefix)

        def below(table: dict[Path, Span]) -> dict[Path, Span]:
            return {path[n:]: span for path, span in table.items() if path[:n] == tuple(prefix)}

        return SourceMap(self.file, below(self.values), below(self.keys), aliases=below(self.aliases))

    def alias_at(self, path: Path) -> Span | None:
        """Where the alias was written through which ``path`` (or a value around it) was reached, if any."""
        probe = tuple(path)
        while probe:
            if probe in self.aliases:
                return self.aliases[probe]
            probe = probe[:-1]
        return None


def pointer(path: Iterable[str | int]) -> str:
    """A JSON pointer (RFC 6901) for a path of keys and indexes.

    >>> pointer(["cases", 0, "a/b"])
    '/cases/0/a~1b'
    """
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def span_at(text: str, offset: int, file: str) -> Span:
    """The line and column of character ``offset`` of ``text``, as an editor shows them."""
    if text.startswith("\ufeff"):  # a byte order mark is invisible
        text, offset = text[1:], max(offset - 1, 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)  # rfind gives -1 on the first line
    return Span(file, line, column)
