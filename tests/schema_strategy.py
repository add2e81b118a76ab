"""Hypothesis strategies for the documents a JSON Schema printed by ``qualmark schema`` accepts.

A small generator for exactly the keywords that schema uses (see
qualmark/schema.py); any other keyword raises, so a change to the schema
cannot go untested silently. (hypothesis-jsonschema would be the general tool,
but its release does not run with the current hypothesis.)

Dates and levels, whose patterns carry meaning, are drawn from their own
strategies — every date the schema allows, edges included, and levels of
every known scale and of others — and checked against the pattern.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import strategies as st

from qualmark.dates import EARLIEST, LATEST
from qualmark.schema import DATE, LANGUAGE, LEVEL

_HANDLED = {
    "type", "properties", "required", "additionalProperties", "propertyNames", "items", "enum", "const",
    "minLength", "minimum", "maximum", "pattern", "format", "description", "title", "allOf", "not", "maxItems", "maxLength",
    "$schema", "examples",
}  # fmt: skip

TEXT = st.text(max_size=12) | st.sampled_from(["", " ", "Anna", "casus-1", "Zoë", "\u200b", "é", "e\u0301"])
NUMBER = st.integers(0, 10**9) | st.floats(0, 1e9, allow_nan=False) | st.sampled_from([0, 0.1, 1e9, 1200])
DATES = st.dates(EARLIEST, LATEST) | st.sampled_from(
    [EARLIEST, LATEST, dt.date(2024, 2, 29), dt.date(2000, 1, 1), dt.date(2026, 10, 1)]
)
_SEPARATORS = st.sampled_from(["", " ", "-", " - "])
LEVELS = (
    st.builds(
        "{}{}{}".format, st.sampled_from(["EQF", "NLQF", "EstQF", "eqf"]), _SEPARATORS, st.integers(1, 8)
    )
    | st.builds("{}{}{}".format, st.sampled_from(["BOC", "X", "Eq"]), _SEPARATORS, st.integers(0, 99))
    | st.builds(
        "{}{}{}".format,
        st.sampled_from(["CEFR", "cefr", "DigComp"]),
        _SEPARATORS,
        st.sampled_from(["A1", "b2", "C2", "C7", "basic", "Independent", "expert"]),
    )
).filter(lambda text: re.search(str(LEVEL["pattern"]), text) is not None)


def _written_freely(examples: list[str]) -> st.SearchStrategy[str]:
    """The examples as a person may type them: in any case, with spaces around or a hyphen after the name."""
    return st.builds(
        lambda text, case, pad: pad + case(text.replace(" ", pad or "-")) + pad,
        st.sampled_from(examples),
        st.sampled_from([str, str.lower, str.upper]),
        st.sampled_from(["", " "]),
    )


def _check(schema: dict[str, Any]) -> None:
    unknown = set(schema) - _HANDLED
    if unknown:
        raise NotImplementedError(f"the strategy does not know the keywords {sorted(unknown)}")


def _string(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if schema.get("description") == DATE["description"]:
        return DATES.map(dt.date.isoformat)
    if schema.get("description") == LEVEL["description"]:
        return LEVELS.filter(lambda text: re.search(str(schema["pattern"]), text) is not None)
    if "examples" in schema:  # a level of one scale: its levels, as the schema lists them, in any case
        return _written_freely(schema["examples"]).filter(
            lambda text: re.search(str(schema["pattern"]), text) is not None
        )
    if schema.get("description") == LANGUAGE["description"]:
        return st.from_regex(r"\A[a-z]{2,3}\Z")
    if "format" in schema:
        raise NotImplementedError(f"a format without a strategy: {schema}")
    if "pattern" in schema:
        return st.from_regex(schema["pattern"])
    low, high = schema.get("minLength", 0), schema.get("maxLength", 10**9)
    return TEXT.filter(lambda text: low <= len(text) <= high)


def _object(schema: dict[str, Any], properties: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    names = schema.get("propertyNames")
    if names is not None and "not" in names:  # no key is allowed at all
        return st.just({})
    required = set(schema.get("required", ()))
    extra = schema.get("additionalProperties", True)
    fixed = {
        name: from_schema(sub)
        for name, sub in properties.items()
        if not (isinstance(sub, dict) and "not" in sub)  # a property nothing satisfies: leave it out
    }
    strategy: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
        {k: v for k, v in fixed.items() if k in required},
        optional={k: v for k, v in fixed.items() if k not in required},
    )
    if isinstance(extra, dict) and names is not None and "enum" in names:
        keyed = st.dictionaries(st.sampled_from(names["enum"]), from_schema(extra), max_size=3)
        strategy = st.builds(lambda a, b: {**b, **a}, strategy, keyed)
    return strategy


def _kinds(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Evidence items: the common fields and, per kind (an `if`/`then` branch), its own fields."""
    branches = []
    for branch in schema["allOf"]:
        kind = branch["if"]["properties"]["kind"]["const"]
        then = branch["then"]
        allowed = set(then["propertyNames"]["enum"])
        properties = {**schema["properties"], **then["properties"], "kind": {"const": kind}}
        own = {"type": "object", "required": schema["required"]}
        branches.append(_object(own, {k: v for k, v in properties.items() if k in allowed}))
    return st.one_of(branches)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents ``schema`` accepts (for the keywords listed in _HANDLED)."""
    _check(schema)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "allOf" in schema:
        return _kinds(schema)
    kind = schema.get("type")
    if kind == "object":
        return _object(schema, schema.get("properties", {}))
    if kind == "array":
        return st.lists(from_schema(schema["items"]), max_size=3)
    if kind == "string":
        return _string(schema)
    if kind == "number":
        return NUMBER.filter(lambda n: schema.get("minimum", 0) <= n <= schema.get("maximum", 10**9))
    if kind == "boolean":
        return st.booleans()
    raise NotImplementedError(f"the strategy does not know this schema: {schema}")
