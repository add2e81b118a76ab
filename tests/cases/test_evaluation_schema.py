"""The JSON form of every example's evaluation fits the published schema (schemas/evaluation.schema.json)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from qualmark import load_framework, load_portfolio
from tests.cases.test_examples import CASES, SUITES
from tests.conftest import FRAMEWORKS, ROOT

SCHEMA = json.loads((ROOT / "schemas" / "evaluation.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())


def test_the_schema_is_a_valid_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(("folder", "index", "case"), CASES, ids=[f"{f}/{c.name}" for f, _, c in CASES])
def test_every_example_evaluation_fits_the_schema(folder: str, index: int, case: object) -> None:
    """Each case of the shipped test files, with its judgements (reviews decided, or still open)."""
    suite = SUITES[folder]
    result = suite.run_case(load_framework(suite.framework_path), index)
    assert result.evaluation is not None
    for lang in ("en", "nl"):
        data = json.loads(json.dumps(result.evaluation.to_json(lang)))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]
        assert errors == []


def test_an_outcome_the_schema_refuses_is_refused() -> None:
    framework = load_framework(FRAMEWORKS / "estqf-career-specialist-7.yaml")
    folder = FRAMEWORKS.parent / "examples" / "portfolios" / "estqf-career-specialist-7"
    data = framework.evaluate(load_portfolio(folder / "eligible.json", framework)).to_json("en")
    data["outcomes"][0]["status"] = "passed"
    assert not VALIDATOR.is_valid(data)


def test_a_review_the_schema_refuses_is_refused() -> None:
    framework = load_framework(FRAMEWORKS / "estqf-career-specialist-7.yaml")
    folder = FRAMEWORKS.parent / "examples" / "portfolios" / "estqf-career-specialist-7"
    data = framework.evaluate(load_portfolio(folder / "eligible.json", framework)).to_json("en")
    review = data["outcomes"][0]["children"][2]["review"]  # A3-cpd, awaiting the assessor
    assert review["decision"] is None
    review["decision"] = "maybe"
    assert not VALIDATOR.is_valid(data)
