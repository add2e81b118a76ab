"""The two-speed schema check (qualmark.portfolio.SchemaCheck) says exactly what jsonschema says.

jsonschema-rs answers yes or no; jsonschema explains a no. Over valid portfolios of both shipped
frameworks and the same with one value broken (values that regular expressions of Python and of
Rust read differently among them: trailing newlines, digits of other scripts, impossible dates,
numbers beyond 64 bits), the problems reported are those of jsonschema alone.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from qualmark import load_framework
from qualmark.portfolio import SchemaCheck, schema_problems
from tests.conftest import FRAMEWORKS
from tests.schema_strategy import from_schema

SHIPPED = ["noloc-register-loopbaanprofessional", "estqf-career-specialist-7"]
FRAMEWORKS_BY_ID = {name: load_framework(FRAMEWORKS / f"{name}.yaml") for name in SHIPPED}

AWKWARD = st.sampled_from(
    [
        "2026-02-30",
        "2026-1-01",
        "2026-01-01\n",
        "\u0662\u0660\u0662\u0666-01-01",  # Arabic-Indic digits
        "NLQF6\n",
        "NLQF\u0666",
        "BOC 6",
        "",
        " ",
        "\u200b",
        2**70,
        -(2**70),
        1e308,
        -1,
        0.5,
        True,
        None,
        [],
        {},
        {"x": 1},
        ["NVAO"],
    ]
)


def paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document: keys of objects and indexes of arrays."""
    found = [here]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*here, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*here, index))
    return found


def broken(document: dict[str, Any], where: tuple[Any, ...], value: Any, drop: bool) -> dict[str, Any]:
    """A copy of ``document`` with the value at ``where`` replaced by ``value`` (or removed)."""
    if not where:
        return document
    *parents, last = where
    copy: Any = _copy(document)
    target = copy
    for part in parents:
        target = target[part]
    if drop and isinstance(target, dict):
        del target[last]
    else:
        target[last] = value
    return copy  # type: ignore[no-any-return]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@pytest.mark.parametrize("name", SHIPPED)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_fast_check_reports_what_jsonschema_reports(name: str, data: st.DataObject) -> None:
    schema = FRAMEWORKS_BY_ID[name].portfolio_schema()
    document = data.draw(from_schema(schema))
    where = data.draw(st.sampled_from(paths(document)))
    value = data.draw(AWKWARD | st.text(max_size=8) | st.integers() | st.floats(allow_nan=False))
    document = broken(document, where, value, data.draw(st.booleans()))
    slow = Draft202012Validator(schema, format_checker=FormatChecker())
    check = SchemaCheck(schema, FRAMEWORKS_BY_ID[name].catalogues.scales)
    expected = schema_problems(slow, document, "p.json", FRAMEWORKS_BY_ID[name].catalogues.scales)
    assert check.problems(document, "p.json") == expected


def test_a_schema_check_pickles_before_and_after_use() -> None:
    framework = FRAMEWORKS_BY_ID[SHIPPED[0]]
    check = SchemaCheck(framework.portfolio_schema(), framework.catalogues.scales)
    again = pickle.loads(pickle.dumps(check))
    assert again.problems({"candidate": 1}, "p.json") == check.problems({"candidate": 1}, "p.json") != []
    assert pickle.loads(pickle.dumps(check)).problems({}, None) == check.problems({}, None)
