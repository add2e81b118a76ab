"""Reading a portfolio and checking it: against a portfolio schema, then for what a schema cannot say."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any, Protocol

import jsonschema_rs
from pydantic import ValidationError

from qualmark.dates import why_not_a_date
from qualmark.errors import PortfolioError, Problem
from qualmark.files import DEFAULT_MAX_BYTES
from qualmark.inert import comparable, describe, quote, written
from qualmark.jsonfile import load_json, parse_json
from qualmark.model.portfolio import Portfolio
from qualmark.scales import Scales, shipped_scales
from qualmark.schema import DATE, LEVEL, portfolio_schema
from qualmark.source import pointer
from qualmark.suggest import choices_hint, did_you_mean

if TYPE_CHECKING:  # jsonschema is imported only to explain a portfolio that does not fit
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError as SchemaError

SEE_DOCS = "remove it, or check its spelling: see docs/portfolio.md"

MAX_PROBLEMS = 200
"""The most schema problems reported for one portfolio: past that, it is not the portfolio meant."""


def _description(error: SchemaError) -> str | None:
    """What the failing schema says in words (see :mod:`qualmark.schema`), if anything."""
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    return described if isinstance(described, str) else None


# JSON Schema's type names in words.
_TYPES = {
    "object": "an object",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}
_REQUIRED = re.compile(r"'([A-Za-z0-9_$]+)' is a required property")


def _message(error: SchemaError, scales: Scales) -> str:
    """The sentence for one schema violation. Values are quoted short; a list or object is never quoted whole.

    A level beyond the known scale it names (``EQF9``) says what the scale's levels are.
    """
    described, instance, expected = _description(error), error.instance, error.validator_value
    shown = quote(instance)
    if error.validator == "not":  # an id list the framework leaves empty
        return f"{shown} is not allowed here" + (f": {described}" if described else "")
    if described == DATE["description"]:
        why = why_not_a_date(instance) if isinstance(instance, str) else None
        return f"{shown} is {why or 'not a date: write YYYY-MM-DD'}"
    level = instance if described == LEVEL["description"] and isinstance(instance, str) else None
    off_scale = scales.off_scale(level) if level is not None else None
    if off_scale:
        return f"{shown} is not a level: {off_scale}"
    if described and error.validator in ("type", "format", "pattern"):
        return f"{shown} is not {described}"
    if error.validator == "type":
        types = [str(t) for t in (expected if isinstance(expected, list) else [expected])]
        wanted = " or ".join(_TYPES.get(t, t) for t in types)
        return f"expected {wanted}, found {describe(instance) if not isinstance(instance, str) else shown}"
    if error.validator in ("enum", "const"):
        return f"{shown} is not allowed here"
    if error.validator == "maximum":
        return f"{shown} is too large: the most allowed is {expected:,}"
    if error.validator == "minimum":
        return f"{shown} is too small: the least allowed is {expected:,}"
    if error.validator == "minLength":
        return "must not be empty"
    if error.validator == "maxLength":
        return f"{shown} is too long: at most {expected:,} characters are allowed here"
    if error.validator == "maxItems":
        return f"{describe(instance)}: at most {expected:,} are allowed"
    if error.validator == "required":
        found = _REQUIRED.fullmatch(error.message)
        return f"missing required key '{found.group(1)}'" if found else "a required key is missing"
    return f"{shown} does not fit the framework's portfolio schema ({error.validator})"


def _hint(error: SchemaError) -> str | None:
    if error.validator == "enum" and isinstance(error.validator_value, list):
        allowed = [str(v) for v in error.validator_value]
        if isinstance(error.instance, str):
            composed = unicodedata.normalize("NFC", error.instance)
            if composed != error.instance and composed in allowed:
                return (
                    f"it reads as {quote(composed)}, but is written with an accent as a character of its own: "
                    "retype it, or save the file with composed characters (NFC)"
                )
        return choices_hint(str(error.instance), allowed)
    if error.validator == "not":
        return "remove it"
    if error.validator == "required":
        return "add it"
    return None


def _unknown_keys(error: SchemaError, file: str | None) -> list[Problem]:
    """One problem per key that ``additionalProperties: false`` refused, pointing at the key."""
    allowed = list(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
    extra = [key for key in error.instance if key not in allowed] if isinstance(error.instance, dict) else []
    path = list(error.absolute_path)
    marks = len(path) == 3 and path[0] == "cases" and path[2] == "not_relevant"
    problems = []
    for key in extra:
        message, otherwise = f"unknown key {quote(key)}", SEE_DOCS
        if marks:  # a real vocabulary, perhaps, but no rule reads its marks
            message = f"{quote(key)} cannot be marked not relevant in this framework"
            otherwise = (
                f"remove it: only {', '.join(allowed)} can be marked here"
                if allowed
                else "remove it: no rule here reads such marks"
            )
        problems.append(
            Problem(
                message,
                pointer=pointer([*path, key]),
                hint=did_you_mean(key, allowed) or otherwise,
                file=file,
            )
        )
    return problems


def schema_problems(
    validator: Draft202012Validator, data: Any, file: str | None, scales: Scales | None = None
) -> list[Problem]:
    """Every schema violation, as problems with JSON pointers (each once); the first MAX_PROBLEMS of them.

    ``scales`` are those the schema's levels are on (default: the shipped ones).
    """
    scales = scales or shipped_scales()
    problems: list[Problem] = []
    for error in validator.iter_errors(data):
        if len(problems) >= MAX_PROBLEMS:
            problems.append(
                Problem(f"and more problems after the first {MAX_PROBLEMS}: fix these first", file=file)
            )
            break
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            problems.extend(_unknown_keys(error, file))
            continue
        where = pointer(error.absolute_path)
        message = _message(error, scales)
        if "propertyNames" in error.relative_schema_path:  # reported as the inner check (enum, not)
            where = pointer([*error.absolute_path, error.instance])
            message = f"unknown key {quote(error.instance)}"
            if error.validator == "not" and _description(error):
                message += f": {_description(error)}"
        problems.append(Problem(message, pointer=where, hint=_hint(error), file=file))
    # A date can fail both ``format`` and ``pattern``: one problem is enough.
    return sorted(dict.fromkeys(problems), key=lambda p: p.pointer or "")


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` date, or ``None`` for anything else (the schema reports those)."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _items(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _duplicate_ids(data: Any, key: str, what: str, file: str | None) -> list[Problem]:
    """A problem for each item of ``data[key]`` whose id an earlier item already has.

    Ids that differ only in ways a reader cannot see (Unicode form, invisible
    characters) count as the same.
    """
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for index, item in enumerate(_items(data, key)):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        seen = first.setdefault(comparable(ident, fold_case=False), (index, ident))
        if seen[0] == index:
            continue
        how = "" if seen[1] == ident else f" (it reads the same as {quote(seen[1])})"
        problems.append(
            Problem(
                f"the {what} id {quote(ident)} is already used by {pointer([key, seen[0]])}{how}",
                pointer=pointer([key, index, "id"]),
                hint=f"give each {what} its own id",
                file=file,
            )
        )
    return problems


def _backward_periods(data: Any, file: str | None) -> list[Problem]:
    """A problem for each case whose period ends before it starts."""
    problems = []
    for index, case in enumerate(_items(data, "cases")):
        period = case.get("period") if isinstance(case, dict) else None
        if not isinstance(period, dict):
            continue
        start, end = _date(period.get("start")), _date(period.get("end"))
        if start is not None and end is not None and end < start:
            problems.append(
                Problem(
                    f"the period ends on {end}, before it starts on {start}",
                    pointer=pointer(["cases", index, "period", "end"]),
                    hint="check both dates: a period ends on or after its start",
                    file=file,
                )
            )
    return problems


def _blank_names(data: Any, file: str | None) -> list[Problem]:
    """The candidate's name and the ids of evidence and cases must show something."""
    named: list[tuple[list[str | int], Any]] = []
    if isinstance(data, dict) and isinstance(data.get("candidate"), dict):
        named.append((["candidate", "name"], data["candidate"].get("name")))
    for key in ("evidence", "cases"):
        named.extend(
            ([key, i, "id"], item.get("id"))
            for i, item in enumerate(_items(data, key))
            if isinstance(item, dict)
        )
    return [
        Problem(
            f"{quote(value)} shows nothing: only spaces or invisible characters",
            pointer=pointer(path),
            hint="write it out",
            file=file,
        )
        for path, value in named
        if isinstance(value, str) and value and not written(value)
    ]


def _marked_twice(data: Any, file: str | None) -> list[Problem]:
    """An item marked not relevant twice in one case."""
    problems = []
    for i, case in enumerate(_items(data, "cases")):
        marks = case.get("not_relevant") if isinstance(case, dict) else None
        for vocabulary, entries in marks.items() if isinstance(marks, dict) else ():
            seen: dict[str, int] = {}
            for j, entry in enumerate(entries if isinstance(entries, list) else ()):
                ident = entry.get("id") if isinstance(entry, dict) else None
                if isinstance(ident, str) and seen.setdefault(ident, j) != j:
                    problems.append(
                        Problem(
                            f"{quote(ident)} is marked not relevant twice in this case",
                            pointer=pointer(["cases", i, "not_relevant", vocabulary, j, "id"]),
                            hint=f"remove one of the two (the first is {pointer(['cases', i, 'not_relevant', vocabulary, seen[ident]])})",
                            file=file,
                        )
                    )
    return problems


def consistency_problems(data: Any, file: str | None) -> list[Problem]:
    """What JSON Schema cannot check: unique evidence and case ids, periods that end after they start,
    names that show something, items marked not relevant once per case.

    Meant for schema-valid data, but anything of another shape is skipped
    rather than refused (the schema reports it), so the problems can be
    reported together with the schema's.
    """
    return [
        *_duplicate_ids(data, "evidence", "evidence item", file),
        *_duplicate_ids(data, "cases", "case", file),
        *_backward_periods(data, file),
        *_blank_names(data, file),
        *_marked_twice(data, file),
    ]


class SchemaCheck:
    """A portfolio JSON Schema, checked in two speeds.

    jsonschema-rs (compiled, in Rust) says whether the data fits; only when it does not does
    jsonschema (in Python, about 70 times slower) go over it again to find every problem with
    its JSON pointer, in the words :func:`schema_problems` gives them. jsonschema decides: data
    jsonschema-rs refuses (or cannot take, such as a number beyond 64 bits) that jsonschema accepts
    passes. Pickles without its compiled validators, which are built again on first use.
    """

    def __init__(self, schema: dict[str, Any], scales: Scales | None = None) -> None:
        self.schema = schema
        self.scales = scales
        self._fast: Any = None
        self._slow: Draft202012Validator | None = None

    def problems(self, data: Any, file: str | None) -> list[Problem]:
        """Every problem of ``data`` against the schema (none when it fits)."""
        if self._fast is None:
            self._fast = jsonschema_rs.Draft202012Validator(self.schema, validate_formats=True)
        try:
            if self._fast.is_valid(data):
                return []
        except (ValueError, TypeError, OverflowError):  # data it cannot convert: let jsonschema judge
            pass
        if self._slow is None:
            from jsonschema import Draft202012Validator, FormatChecker

            self._slow = Draft202012Validator(self.schema, format_checker=FormatChecker())
        return schema_problems(self._slow, data, file, self.scales)

    def __getstate__(self) -> dict[str, Any]:
        return {"schema": self.schema, "scales": self.scales}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["schema"], state["scales"])  # type: ignore[misc]


@cache
def _generic_check() -> SchemaCheck:
    return SchemaCheck(portfolio_schema())


class PortfolioChecker(Protocol):
    """What can check a portfolio's plain data: a framework (its own schema)."""

    def check_data(self, data: Any, file: str | None) -> None:
        """Raise :class:`PortfolioError` for every problem: the schema's, then :func:`consistency_problems`."""


def portfolio_from_data(
    data: Any, file: str | None = None, framework: PortfolioChecker | None = None
) -> Portfolio:
    """Check plain data and build a :class:`Portfolio`.

    With a framework, the data is checked against that framework's schema, so
    every problem is reported in one go; without, against the shape every
    portfolio has. Then come the checks a schema cannot express
    (:func:`consistency_problems`).
    """
    if not isinstance(data, dict):
        raise PortfolioError([Problem("a portfolio is a JSON object", pointer="", file=file)])
    if "qualmark_evaluation" in data and "qualmark_portfolio" not in data:  # every key would be wrong
        raise PortfolioError(
            [
                Problem(
                    "this is an evaluation (what qualmark check or batch writes), not a portfolio",
                    pointer="",
                    file=file,
                    hint="give the portfolio it was made from; keep results apart from the portfolios",
                )
            ]
        )
    if framework is not None:
        framework.check_data(data, file)  # its schema, then consistency_problems
    else:
        problems = _generic_check().problems(data, file) + consistency_problems(data, file)
        if problems:
            raise PortfolioError(problems)
    try:
        portfolio = Portfolio.model_validate({**data, "source": file, "raw": data})
    except ValidationError as exc:  # the schema should have caught it; say where anyway
        raise PortfolioError(
            [Problem(e["msg"], pointer=pointer(e["loc"]), file=file) for e in exc.errors()]
        ) from None
    portfolio._checked_by = framework
    return portfolio


def load_portfolio(
    path: str | FsPath, framework: PortfolioChecker | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Portfolio:
    """Read a portfolio JSON file (checked against ``framework`` when given).

    Only a regular file of at most ``max_bytes`` is read (see :mod:`qualmark.files`).
    """
    return portfolio_from_data(load_json(path, max_bytes), str(path), framework)


def parse_portfolio(
    text: str | bytes, file: str = "<portfolio>", framework: PortfolioChecker | None = None
) -> Portfolio:
    """Parse a portfolio from JSON text or UTF-8 bytes (checked against ``framework`` when given)."""
    return portfolio_from_data(parse_json(text, file), file, framework)
