"""The JSON outputs of `qualmark test` and `qualmark validate` fit their published schemas."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from tests.acceptance.test_cli import NOLOC, NOLOC_EXAMPLES, qualmark
from tests.acceptance.test_cli_validate_formats import files
from tests.conftest import FRAMEWORKS, ROOT


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors(name: str, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


def test_test_results_with_coverage_failures_and_errors_fit_the_schema(tmp_path: Path) -> None:
    cases = tmp_path / "mark.tests.yaml"
    cases.write_text(
        f"qualmark_tests: 1\nframework: {NOLOC}\ncases:\n"
        f"  - {{name: short, portfolio: {NOLOC_EXAMPLES / 'fail-b1-hours.json'}, verdict: eligible}}\n"
        "  - {name: gone, portfolio: gone.json, verdict: eligible}\n",
        encoding="utf-8",
    )
    data = json.loads(qualmark("test", cases, "--coverage", "--format", "json").stdout)
    assert {c["outcome"] for c in data["cases"]} == {"failed", "error"} and data["coverage"]
    assert errors("test-results.schema.json", data) == []
    shipped = json.loads(qualmark("test", FRAMEWORKS / "tests", "--coverage", "--format", "json").stdout)
    assert errors("test-results.schema.json", shipped) == []


def test_validate_results_fit_the_schema(tmp_path: Path) -> None:
    linted, broken = files(tmp_path)
    data = json.loads(
        qualmark("validate", linted, broken, *sorted(FRAMEWORKS.glob("*.yaml")), "--format", "json").stdout
    )
    assert {p["severity"] for f in data["files"] for p in f["problems"]} == {"error", "warning"}
    assert errors("validate.schema.json", data) == []


def test_the_schemas_refuse_what_they_should() -> None:
    assert errors("test-results.schema.json", {"qualmark_test_results": 1, "summary": {}, "cases": []})
    assert errors("validate.schema.json", {"qualmark_validate": 1, "files": [{"file": "x", "valid": "yes"}]})
