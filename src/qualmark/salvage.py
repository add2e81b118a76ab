"""The well-formed part of a framework file that has shape problems.

``qualmark validate`` reports every problem of a file in one run: shape
problems (a misspelt key, a value of the wrong type) and the problems the
compiler finds (an unknown id, a rule that asks the impossible) together,
not in two rounds. The compiler needs a well-formed document, so
:func:`salvage` takes out the smallest pieces that hold a shape problem
and keeps the rest:

- an unknown key is removed;
- a value that is optional where it stands is removed with its key;
- otherwise the nearest list item (a rule, a task, …) or dict entry around
  the problem is removed; when there is none (a required top-level key),
  nothing can be salvaged and only the shape problems are reported.

What the compiler then says about the pieces that were changed could be an
effect of the removal (a rule left without its kind, an id that named a
removed item or entry), so the problems at a changed place and those
naming a removed id are left out. They show up, if real, once the shape
problems are fixed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from qualmark.errors import Problem
from qualmark.model.framework import FrameworkDocument, keys_at, required_at
from qualmark.shape import clean_loc
from qualmark.source import Path, SourceMap, Span

MAX_ROUNDS = 25
"""Rounds of removal before giving up (each round removes every piece one validation names)."""


@dataclass(frozen=True)
class Salvage:
    """A valid document made of what was well-formed, with positions of the original file."""

    document: FrameworkDocument
    source_map: SourceMap  # the document's paths, mapped to where they were written
    changed: frozenset[Span]  # the places of the pieces around what was removed
    withdrawn: frozenset[str]  # the ids of removed list items and the keys of removed dict entries

    def keeps(self, problem: Problem) -> bool:
        """Whether a compiler problem found in the salvaged document is the file's own, not an effect of the removal.

        (Problems naming a ``withdrawn`` id the compiler leaves out itself: see ``CompileContext.unknown``.)
        """
        return problem.span not in self.changed


def salvage(data: Any, smap: SourceMap) -> Salvage | None:
    """What of ``data`` (a framework file that fails validation) is well-formed, or None."""
    work = copy.deepcopy(data)
    survivors: dict[Path, list[int]] = {}  # a shortened list's original indexes, by its original path
    removed: list[Path] = []  # original paths
    withdrawn: set[str] = set()
    for _ in range(MAX_ROUNDS):
        try:
            document = FrameworkDocument.model_validate(work)
        except ValidationError as exc:
            errors = exc.errors()
        else:
            return Salvage(
                document, _reindexed(smap, survivors, removed), _changed(smap, removed), frozenset(withdrawn)
            )
        targets: dict[Path, None] = {}  # an ordered set
        for err in errors:
            target = _piece(err["type"], tuple(err["loc"]), work)
            if target is None:
                return None
            targets[target] = None
        # a piece inside another that goes too need not be removed on its own
        outermost = [t for t in targets if not any(o != t and t[: len(o)] == o for o in targets)]
        # (the list or dict, the index or key, the original path of the list or dict)
        deletions: list[tuple[Any, Any, Path]] = []
        for path in outermost:
            container = _at(work, path[:-1])
            original = _original(path, work, survivors)
            removed.append(original)
            withdrawn.update(_names(container, path))
            deletions.append((container, path[-1], original[:-1]))
        # highest index first, so that the other indexes of a list stay right
        for container, key, original_parent in sorted(deletions, key=_by_index_descending):
            if isinstance(container, list):
                kept = survivors.setdefault(original_parent, list(range(len(container))))
                del kept[key]
            del container[key]
    return None


def _names(container: Any, path: Path) -> Iterator[str]:
    """What the piece at ``path`` gave a name to: a list item's id, a dict entry's key (a case field)."""
    last = path[-1]
    if isinstance(container, list) and isinstance(last, int):
        item = container[last]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            yield item["id"]
    elif isinstance(last, str) and last not in keys_at(path[:-1]):  # not a model's key: an entry named by it
        yield last


def _by_index_descending(deletion: tuple[Any, Any, Path]) -> int:
    key = deletion[1]
    return -key if isinstance(key, int) else 0


def _piece(kind: str, loc: tuple[Any, ...], work: Any) -> Path | None:
    """The path (in ``work``) of the smallest piece whose removal takes this error away, if any."""
    path = clean_loc(loc, work, key_error=kind in ("missing", "extra_forbidden"))
    if kind == "extra_forbidden":
        return path
    if kind == "missing":
        path = path[:-1] if path and path[-1] == loc[-1] else path
    while path:
        container = _at(work, path[:-1])
        last = path[-1]
        if isinstance(container, list):
            return path
        if isinstance(container, dict) and last not in required_at(path[:-1]):
            return path
        path = path[:-1]
    return None


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _original(path: Path, work: Any, survivors: dict[Path, list[int]]) -> Path:
    """``path`` in ``work`` as a path of the data as it was read."""
    out: list[str | int] = []
    for part in path:
        kept = survivors.get(tuple(out))
        out.append(kept[part] if kept is not None and isinstance(part, int) else part)
    return tuple(out)


def _reindexed(smap: SourceMap, survivors: dict[Path, list[int]], removed: Iterable[Path]) -> SourceMap:
    """``smap`` with the paths of the salvaged document (what was removed is left out)."""
    gone = set(removed)
    now = {parent: {old: new for new, old in enumerate(kept)} for parent, kept in survivors.items()}

    def moved(path: Path) -> Path | None:
        out: list[str | int] = []
        for i, part in enumerate(path):
            if path[: i + 1] in gone:
                return None
            shift = now.get(path[:i])
            if shift is not None and isinstance(part, int):
                out.append(shift[part])  # present: a removed index is in `gone`
            else:
                out.append(part)
        return tuple(out)

    def table(old: dict[Path, Any]) -> dict[Path, Any]:
        return {new: value for path, value in old.items() if (new := moved(path)) is not None}

    return SourceMap(
        smap.file,
        table(smap.values),
        table(smap.keys),
        table(smap.numbers_as_written),
        table(smap.aliases),
    )


def _changed(smap: SourceMap, removed: Iterable[Path]) -> frozenset[Span]:
    """Where the compiler could speak of a piece that lost something: the piece, what is directly in it, its ancestors.

    It speaks of a rule at its id or at any of its keys ("rule 'C' needs
    exactly one rule kind", "say what of 'competences' must be shown").
    """
    parents = {path[:-1] for path in removed}
    places: set[Span] = set()
    for path, span in smap.values.items():
        if path[:-1] in parents:
            places.add(span)
            places.add(smap.span(path, key=True))
    for parent in parents:
        for end in range(len(parent) + 1):
            around = parent[:end]
            for place in (around, (*around, "id")):
                places.add(smap.span(place))
                places.add(smap.span(place, key=True))
    return frozenset(places)
