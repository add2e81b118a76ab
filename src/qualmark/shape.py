"""Shape problems of a framework file: pydantic's validation errors as :class:`Problem` s.

Each error gets the position of the key or value it is about, a sentence a
quality-mark designer understands, and a hint where one helps.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from qualmark.errors import Problem, QualmarkError
from qualmark.inert import quote
from qualmark.model.framework import keys_at
from qualmark.source import Path, SourceMap
from qualmark.suggest import did_you_mean

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
}

# What a pattern-constrained value must look like, by its pattern.
_PATTERNS = {
    r"^[a-z0-9][a-z0-9._-]*$": "an id: lower-case letters, digits and '-', starting with a letter or digit",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "an id: letters, digits and '-', starting with a letter or digit",
    r"^[a-z]{2,3}$": "a language code: two or three lower-case letters, like nl or en",
    r"^[0-9]{1,4}$": "an ISCO-08 code: up to four digits, like 2423",
    r"^[A-Za-z]{1,20}$": "the name of a qualifications framework or scale: letters only, like EQF, NLQF or CEFR",
    r"^[A-Za-z0-9]{1,20}$": "a level id: at most 20 letters and digits, like 6, C1 or basic",
}

_YAML_BOOLEANS = "YAML reads yes/no/on/off/true/false as true or false; put the value in quotes"


def clean_loc(loc: tuple[Any, ...], data: Any, *, key_error: bool = False) -> Path:
    """Keep the parts of a pydantic ``loc`` that are real keys or indexes of ``data``.

    With ``key_error`` (a missing or unknown key), its last part is the key, which is kept.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
            path.append(part)
        elif key_error and isinstance(part, str) and isinstance(node, dict) and path and loc[-1] == part:
            path.append(part)  # the missing or unknown key at the end
    return tuple(path)


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return quote(value)


def _bound(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _describe(err: ErrorDetails) -> tuple[str, str | None]:
    """The sentence and hint for one error other than unknown and missing keys."""
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind in _TYPE_NAMES:
        hint = None
        if kind == "string_type" and isinstance(value, bool):
            hint = _YAML_BOOLEANS
        elif kind == "string_type" and isinstance(value, dt.date):
            hint = f"YAML reads {value.isoformat()} as a date; put it in quotes to keep it as text: '{value.isoformat()}'"
        elif (
            kind == "string_type"
            and isinstance(value, dict)
            and value
            and all(v is None for v in value.values())
        ):
            # `source: {Deel III, Ad A}`: unquoted braces made a mapping of the words between the commas
            words = ", ".join(str(k) for k in value)
            hint = (
                f"braces make a YAML mapping; to write the text {quote('{' + words + '}')}, put it in quotes"
            )
        return f"expected {_TYPE_NAMES[kind]}, found {_found(value)}", hint
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])), None
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return f"{_found(value)} is not {wanted}", None
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {_bound(ctx.get('ge', ctx.get('gt')))}, found {_found(value)}", None
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {_bound(ctx.get('le', ctx.get('lt')))}, found {_found(value)}", None
    if kind in ("too_short", "string_too_short"):
        return "must not be empty", None
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} are allowed here, found {ctx.get('actual_length')}", None
    if kind in ("date_from_datetime_inexact", "datetime_type") or isinstance(value, dt.datetime):
        return f"expected a date (YYYY-MM-DD), found a date with a time ({_found(value)})", None
    if kind == "finite_number":
        return f"must be a finite number, found {_found(value)}", None
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, found {_found(value)}", None
    return err["msg"], None


# Where the keys of each kind of document are described, for the hint on an unknown key.
_DOCS = {"SuiteDocument": "docs/testing.md", "JudgementsDocument": "docs/evaluation.md"}


def problems_from_validation(
    exc: ValidationError, data: Any, smap: SourceMap, root: type[BaseModel] | None = None
) -> list[Problem]:
    """One problem per place and meaning, with positions and hints (``root``: the model of the
    document, a framework file by default)."""
    docs = _DOCS.get(root.__name__, "docs/dsl.md") if root is not None else "docs/dsl.md"
    by_place: dict[Path, list[Problem]] = {}
    # Where a mapping or list was given to a union, the forms that take no mapping or list
    # only say "expected …, found a mapping": noise when the form that does take it says more.
    wrong_shape: dict[Path, set[Problem]] = {}
    # Likewise a number given to `count: 2 | {exactly: 2}`: "expected a mapping" is noise
    # when the form that takes a number says why this one will not do.
    not_a_mapping: dict[Path, set[Problem]] = {}
    for err in exc.errors():
        loc = clean_loc(tuple(err["loc"]), data, key_error=err["type"] in ("missing", "extra_forbidden"))
        if err["type"] == "extra_forbidden":
            name = str(loc[-1]) if loc else "?"
            hint = (
                did_you_mean(name, keys_at(loc[:-1], root))
                or f"remove it, or see {docs} for the keys allowed here"
            )
            problem = Problem(f"unknown key {quote(name)}", smap.span(loc, key=True), hint=hint)
        elif err["type"] == "missing":
            missing = err["loc"][-1]
            problem = Problem(
                f"missing required key '{missing}'",
                smap.span(loc[:-1] if loc and loc[-1] == missing else loc),
            )
            loc = (*loc, f"<missing {missing}>")
        else:
            message, advice = _describe(err)
            problem = Problem(message, smap.span(loc), hint=advice)
            if err["type"] in (*_TYPE_NAMES, "literal_error") and isinstance(err.get("input"), dict | list):
                wrong_shape.setdefault(loc, set()).add(problem)
            if err["type"] in ("model_type", "dict_type") and not isinstance(err.get("input"), dict):
                not_a_mapping.setdefault(loc, set()).add(problem)
        by_place.setdefault(loc, []).append(problem)
    for place, noise in wrong_shape.items():
        if any(len(other) > len(place) and other[: len(place)] == place for other in by_place):
            by_place[place] = [p for p in by_place[place] if p not in noise]
    for place, noise in not_a_mapping.items():
        if any(p not in noise for p in by_place[place]):
            by_place[place] = [p for p in by_place[place] if p not in noise]
    result: list[Problem] = []
    for group in by_place.values():
        distinct = list(dict.fromkeys(group))
        # A value that fits none of a union's forms yields one error per form: say it once.
        if len(distinct) > 1 and not any(
            "unknown key" in p.message or "missing" in p.message for p in distinct
        ):
            forms = "; or ".join(p.message for p in distinct)
            advice = next((p.hint for p in distinct if p.hint), None)  # `title: yes` still says to quote it
            result.append(
                Problem("this value has none of the allowed forms: " + forms, distinct[0].span, hint=advice)
            )
        else:
            result.extend(distinct)
    return result


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: Any, smap: SourceMap, error: type[QualmarkError]) -> M:
    """``data`` as a ``model``, or ``error`` with every problem at its place in ``smap``'s file."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(problems_from_validation(exc, data, smap, model)) from None
