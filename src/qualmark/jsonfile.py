"""Reading portfolio JSON into plain data.

Python's json module checks the syntax; the text is then scanned once more,
only when a hook saw something, for what that module lets through: duplicate
keys, NaN and Infinity, numbers too large for a float or with too many digits
for an int, and strings holding a lone surrogate (``"\\ud800"``, half of a
UTF-16 pair, which is no character). Nesting deeper than
:data:`~qualmark.loader.MAX_DEPTH` is refused as in YAML, and so is a file
with more than :data:`~qualmark.loader.MAX_VALUES` values (objects are
counted while it is parsed, the rest right after), and a list longer than
:data:`MAX_ITEMS` (reported at its JSON pointer). Every other problem carries
``file:line:col``.

The file itself is read by :mod:`qualmark.files`: a regular file, no larger
than a limit.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Any

from qualmark.errors import LoadError, Problem
from qualmark.files import DEFAULT_MAX_BYTES, decode, read_bytes
from qualmark.inert import LONE_SURROGATE, inert, quote
from qualmark.loader import INEXACT, INEXACT_HINT, MAX_DEPTH, MAX_VALUES, TOO_DEEP, TOO_DEEP_HINT, exact_float
from qualmark.source import Span, pointer, span_at

# One JSON token: a string, a bracket, ':' or ',', or a word (a number, true/false/null, NaN, Infinity).
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
# An escape that may write half of a UTF-16 pair (json.loads combines the halves of a whole pair).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


# A framework file given where a portfolio was expected (`qualmark check PORTFOLIO FRAMEWORK`).
_FRAMEWORK_FILE = re.compile(r"^qualmark:[ \t]*1\b", re.MULTILINE)
_FRAMEWORK_HINT = (
    "this looks like a framework file: the framework comes first, qualmark check FRAMEWORK PORTFOLIO..."
)


class _TooManyValues(Exception):
    """Raised from a hook to stop json.loads as soon as a file holds more than MAX_VALUES values."""


def _int_or_none(digits: str) -> int | None:
    """``int``, but None for a number with more digits than Python converts."""
    try:
        return int(digits)
    except ValueError:
        return None


class _JsonHooks:
    """Hooks for json.loads that notice what JSON forbids but the json module lets through.

    They cannot tell where it was: :class:`_JsonScan` finds that out.
    """

    def __init__(self) -> None:
        self.noticed = False
        self.values = 0

    def on_object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self.values += len(pairs) + 1
        if self.values > MAX_VALUES:
            raise _TooManyValues
        result = dict(pairs)
        self.noticed |= len(result) < len(pairs)  # a duplicate key
        return result

    def on_constant(self, name: str) -> None:  # NaN, Infinity, -Infinity
        self.noticed = True

    def on_float(self, text: str) -> float:
        value = float(text)
        self.noticed |= math.isinf(value)  # too large, such as 1e400
        # 1199.99999999999999999 (becomes 1200.0) or 1e-400 (becomes 0.0)
        self.noticed |= (len(text) > 16 or "e" in text or "E" in text) and not exact_float(text, value)
        return value

    def on_int(self, digits: str) -> int | None:
        value = _int_or_none(digits)
        self.noticed |= value is None
        return value


MAX_ITEMS = 1000
"""The longest list a portfolio may hold (cases, evidence items, hours, demonstrations, …): far
beyond any real portfolio, and what keeps an evaluation's time and the size of its report bounded."""


def _measure(value: Any) -> tuple[int, int, bool]:
    """Levels of nesting, values, and whether some list is longer than MAX_ITEMS.

    Counted level by level, without recursion.
    """
    depth = values = 0
    too_long = False
    level = [value]
    while level := [v for v in level if isinstance(v, dict | list)]:
        depth += 1
        too_long = too_long or any(len(v) > MAX_ITEMS for v in level if isinstance(v, list))
        level = [child for v in level for child in (v.values() if isinstance(v, dict) else v)]
        values += len(level)
    return depth, values, too_long


def _surely_within_limits(text: str) -> bool:
    """Whether the text is too short to break a limit, which counting a few characters tells faster
    than walking the data: a value takes at least a character, a list of n items n - 1 commas, and
    each level of nesting a bracket (characters inside strings only make the counts larger)."""
    return (
        len(text) <= MAX_VALUES
        and text.count(",") < MAX_ITEMS
        and text.count("{") + text.count("[") <= MAX_DEPTH
    )


def _long_lists(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], int]]:
    """Where the lists longer than MAX_ITEMS are, and how long (for a file known to have one)."""
    if isinstance(value, list) and len(value) > MAX_ITEMS:
        yield path, len(value)
        return
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _long_lists(child, (*path, key))


def _too_many(file: str) -> LoadError:
    message = f"the file holds more than {MAX_VALUES:,} values, far more than a portfolio needs"
    hint = "check that this is the portfolio you meant (see docs/limits.md)"
    return LoadError([Problem(message, file=file, hint=hint)])


_YAML_LOOK = re.compile(r"\A\s*(?:#|---|[A-Za-z_][\w-]*\s*:(?:\s|$))")


def _syntax_problem(exc: json.JSONDecodeError, text: str, file: str) -> Problem:
    """A JSON syntax error, said as a person would: a trailing comma, a YAML file, or the parser's words."""
    span = Span(file, exc.lineno, exc.colno)
    before = text[: exc.pos].rstrip()
    if before.endswith(",") and text[exc.pos : exc.pos + 1] in ("}", "]"):
        comma = span_at(text, len(before) - 1, file)
        return Problem(
            f"invalid JSON: a comma before '{text[exc.pos]}' (a trailing comma)",
            comma,
            hint="JSON allows no comma after the last item: remove it",
        )
    if exc.msg == "Extra data" and text[exc.pos : exc.pos + 1] == "{" and "\n" in text[len(before) : exc.pos]:
        return Problem(
            "invalid JSON: another JSON object starts on a new line after the first (JSON Lines?)",
            span,
            hint="a portfolio file holds one JSON object; for JSON Lines, a portfolio per line, use qualmark batch",
        )
    if _FRAMEWORK_FILE.search(text, 0, 10_000):
        return Problem(f"invalid JSON: {exc.msg}", span, hint=_FRAMEWORK_HINT)
    if exc.pos == len(text) - len(text.lstrip()) and _YAML_LOOK.match(text):
        return Problem(
            "this is YAML, not JSON: a portfolio is a JSON file",
            span,
            hint="write the portfolio as JSON (docs/portfolio.md); `qualmark schema FRAMEWORK` gives its schema",
        )
    return Problem(f"invalid JSON: {exc.msg}", span)


def parse_json(text: str | bytes, file: str) -> Any:
    """Parse JSON (RFC 8259, an optional UTF-8 BOM first) from UTF-8 bytes or a string into plain data.

    Errors carry ``file:line:col``; see the module docstring for what is refused.
    json.loads checks the syntax and its hooks notice the rest; only then is
    the text scanned again to find where.
    """
    from_utf8 = isinstance(text, bytes)  # decoded strictly: it holds no surrogate character
    text = decode(text, file).removeprefix("\ufeff")
    if not text.strip():
        raise LoadError([Problem("the file is empty", Span(file, 1, 1))])
    hooks = _JsonHooks()
    data: Any = None
    try:
        data = json.loads(
            text,
            object_pairs_hook=hooks.on_object,
            parse_constant=hooks.on_constant,
            parse_float=hooks.on_float,
            parse_int=hooks.on_int,
        )
    except json.JSONDecodeError as exc:
        raise LoadError([_syntax_problem(exc, text, file)]) from None
    except RecursionError:  # so deep that the json module gave up; the scan says where
        hooks.noticed = True
    except _TooManyValues:
        raise _too_many(file) from None
    depth, values, too_long = 0, 0, False  # the limits a portfolio-sized text cannot break
    if not _surely_within_limits(text):
        depth, values, too_long = _measure(data)
    if hooks.noticed or depth > MAX_DEPTH:
        problems = _JsonScan(text, file).run()
        raise LoadError(problems or [Problem("invalid JSON: nested too deeply", Span(file, 1, 1))])
    if values > MAX_VALUES:
        raise _too_many(file)
    if too_long:
        raise LoadError(
            [
                Problem(
                    f"a list of {n:,} items: at most {MAX_ITEMS:,} are allowed",
                    pointer=pointer(path),
                    file=file,
                    hint="no portfolio needs this many; check that this is the portfolio you meant",
                )
                for path, n in _long_lists(data)
            ]
        )
    if _may_hold_surrogates(text, from_utf8):
        problems = _JsonScan(text, file, strings=True).run()
        if problems:
            raise LoadError(problems)
    return data


def _may_hold_surrogates(text: str, from_utf8: bool) -> bool:
    """Whether the text escapes a surrogate (``\\ud800``) or holds one (the cheap tests first: a
    search for a range of characters costs more than parsing the whole portfolio). Text decoded
    from UTF-8 holds none: only its escapes are looked at."""
    if "\\" in text and _SURROGATE_ESCAPE.search(text):  # (a character is found faster than two)
        return True
    if from_utf8 or text.isascii():
        return False
    try:
        text.encode("utf-8")  # refuses surrogates
    except UnicodeEncodeError:
        return True
    return False


class _JsonScan:
    """A second pass over JSON text that json.loads has read, for what that module lets through.

    (When json.loads gave up on deep nesting, it had read far beyond the
    point where this scan stops, at MAX_DEPTH.)
    """

    def __init__(self, text: str, file: str, *, strings: bool = False) -> None:
        self.text = text
        self.file = file
        self.strings = strings  # look into every string for lone surrogates
        self.problems: list[Problem] = []

    def report(self, offset: int, message: str, hint: str) -> None:
        span = span_at(self.text, offset, self.file)
        self.problems.append(Problem(f"invalid JSON: {message}", span, hint=hint))

    def run(self) -> list[Problem]:
        open_brackets: list[dict[str, int] | None] = []  # per bracket: an object's keys (→ offset) or None
        expect_key = False  # is the next string an object key?
        for match in _JSON_TOKEN.finditer(self.text):
            token, offset = match.group(), match.start()
            if token in ("{", "["):
                if len(open_brackets) == MAX_DEPTH:
                    self.report(offset, TOO_DEEP, TOO_DEEP_HINT)
                    break
                open_brackets.append({} if token == "{" else None)
                expect_key = token == "{"
            elif token in ("}", "]"):
                open_brackets.pop()
                expect_key = False
            elif token == ",":
                expect_key = open_brackets[-1] is not None
            elif token.startswith('"'):
                keys = open_brackets[-1] if expect_key else None
                if keys is not None:
                    self._key(json.loads(token), offset, keys)
                if self.strings:
                    self._string(json.loads(token), offset)
                expect_key = False
            elif token != ":":
                self._word(token, offset)
        return self.problems

    def _key(self, key: str, offset: int, keys: dict[str, int]) -> None:
        """Note an object key, or report it as a duplicate of one already in ``keys``."""
        if key not in keys:
            keys[key] = offset
            return
        first = span_at(self.text, keys[key], self.file)
        message = f"duplicate key {quote(key)} (first at line {first.line}, column {first.column})"
        self.report(offset, message, "remove one of the two")

    def _string(self, value: str, offset: int) -> None:
        """Report a string holding half of a UTF-16 pair on its own."""
        found = LONE_SURROGATE.search(value)
        if found is not None:
            message = (
                f"{quote(value)} holds a lone surrogate ({inert(found.group())}), which is not a character"
            )
            self.report(offset, message, "remove that \\u escape, or write the character itself")

    def _word(self, token: str, offset: int) -> None:
        """Report a number JSON does not have (NaN, Infinity) or Python cannot hold."""
        if token in ("NaN", "Infinity", "-Infinity"):
            self.report(offset, f"{token} is not a JSON number", "write a number")
        elif token in ("true", "false", "null"):
            pass
        elif any(c in token for c in ".eE"):
            if math.isinf(float(token)):
                self.report(offset, "number too large", "write a smaller number")
            elif not exact_float(token, float(token)):
                self.report(offset, f"{quote(token)} {INEXACT}", INEXACT_HINT)
        elif _int_or_none(token) is None:
            self.report(offset, "number has too many digits", "write a shorter number")


def load_json(path: str | FsPath, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """Read and parse a JSON file (a regular file of at most ``max_bytes``); see :func:`parse_json`."""
    return parse_json(read_bytes(path, max_bytes), str(path))
