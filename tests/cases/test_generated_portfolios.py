"""Portfolios generated from each shipped framework's printed schema (tests/schema_strategy.py).

What the printed schema accepts, ``parse_portfolio`` accepts — unless it breaks
one of the documented consistency rules the schema cannot express — and
evaluating it never raises, gives the same result twice, and renders in every
format.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from qualmark import Framework, PortfolioError, load_framework, parse_portfolio
from qualmark.dates import EARLIEST, LATEST
from qualmark.portfolio import consistency_problems
from qualmark.report import REPORTS
from tests.conftest import FRAMEWORKS, ROOT
from tests.schema_strategy import from_schema

SHIPPED = ["noloc-register-loopbaanprofessional", "estqf-career-specialist-7"]
FRAMEWORKS_BY_ID = {name: load_framework(FRAMEWORKS / f"{name}.yaml") for name in SHIPPED}
EVALUATION_SCHEMA = Draft202012Validator(
    json.loads((ROOT / "schemas" / "evaluation.schema.json").read_text(encoding="utf-8"))
)


def documents(name: str) -> st.SearchStrategy[dict[str, Any]]:
    return from_schema(FRAMEWORKS_BY_ID[name].portfolio_schema())


def read(framework: Framework, data: dict[str, Any]) -> Any:
    """The portfolio, or None when it breaks a consistency rule (and only such a rule)."""
    try:
        return parse_portfolio(json.dumps(data), "generated.json", framework)
    except PortfolioError as exc:
        assert set(exc.problems) == set(consistency_problems(data, "generated.json"))
        return None


@pytest.mark.parametrize("name", SHIPPED)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_the_printed_schema_accepts_is_read_and_evaluated(name: str, data: st.DataObject) -> None:
    framework = FRAMEWORKS_BY_ID[name]
    document = data.draw(documents(name))
    validator = Draft202012Validator(framework.portfolio_schema(), format_checker=FormatChecker())
    assert list(validator.iter_errors(document)) == []  # the generator makes what the schema accepts
    portfolio = read(framework, document)
    if portfolio is None:
        return
    as_of = data.draw(st.none() | st.dates(EARLIEST, LATEST))
    first = framework.evaluate(portfolio, as_of=as_of)
    again = framework.evaluate(portfolio, as_of=as_of)
    for lang in ("en", "nl"):
        assert first.to_json(lang) == again.to_json(lang)  # deterministic
        assert list(EVALUATION_SCHEMA.iter_errors(json.loads(json.dumps(first.to_json(lang))))) == []
    for output in REPORTS.values():
        report = output(io.StringIO(), None, False)
        report.evaluation(first)
        report.close()


@settings(max_examples=40, deadline=None)
@given(as_of=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_an_evaluation_date_out_of_range_is_an_error_not_a_crash(as_of: dt.date) -> None:
    framework = FRAMEWORKS_BY_ID[SHIPPED[0]]
    portfolio = parse_portfolio(
        (ROOT / "examples/portfolios" / SHIPPED[0] / "eligible.json").read_text(encoding="utf-8")
    )
    try:
        framework.evaluate(portfolio, as_of=as_of)
    except Exception as exc:
        assert type(exc).__name__ == "EvaluationError" and not EARLIEST <= as_of <= LATEST
