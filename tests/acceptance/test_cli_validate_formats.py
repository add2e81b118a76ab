"""`qualmark validate`: warnings, --strict, and the json, github and sarif formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.acceptance.test_cli import qualmark
from tests.conftest import FRAMEWORKS
from tests.unit.test_compiler import HEADER as COMPILER_HEADER

HEADER = COMPILER_HEADER.replace("issuer: {name: Demo}\n", "")  # line numbers below count on 7 lines

# Valid, with three warnings: no source (line 11), a text without nl (12), within_years as a number (13).
LINTED = (
    HEADER
    + """\
testing:
  case_fields: {supervised: boolean}
  requirements:
    - id: C
      title: {en: Cases}
      cases: {count: 1, within_years: 2}
"""
)
# Invalid: an unknown rule kind key (line 10, column 26).
BROKEN = HEADER + "testing:\n  requirements:\n    - {id: C, source: x, casez: {count: 1}}\n"


def files(tmp_path: Path) -> tuple[Path, Path]:
    linted, broken = tmp_path / "linted.yaml", tmp_path / "broken.yaml"
    linted.write_text(LINTED, encoding="utf-8")
    broken.write_text(BROKEN, encoding="utf-8")
    return linted, broken


def test_warnings_are_reported_and_fail_only_with_strict(tmp_path: Path) -> None:
    linted, _ = files(tmp_path)
    result = qualmark("validate", linted)
    assert result.returncode == 0
    assert result.stdout.startswith(f"valid {linted}: demo")
    assert f"{linted}:11:11: warning: rule 'C' has no source" in result.stderr
    assert f"{linted}:12:14: warning: this text has no nl" in result.stderr
    assert f"{linted}:13:39: warning: within_years of rule 'C' reads as of: whole" in result.stderr
    assert qualmark("validate", linted, "--strict").returncode == 1


def test_the_shipped_frameworks_have_no_warnings() -> None:
    result = qualmark("validate", *sorted(FRAMEWORKS.glob("*.yaml")), "--strict")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_json(tmp_path: Path) -> None:
    linted, broken = files(tmp_path)
    result = qualmark("validate", linted, broken, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    first, second = data["files"]
    assert (first["valid"], first["framework"], first["questions"]["open"]) == (True, "demo", 215)
    assert [(p["severity"], p["line"]) for p in first["problems"]] == [
        ("warning", 11),
        ("warning", 12),
        ("warning", 13),
    ]
    assert second["valid"] is False and second["framework"] is None
    assert [(p["severity"], p["line"], p["column"]) for p in second["problems"]] == [("error", 10, 26)]
    assert result.stderr == ""


def test_github_annotations(tmp_path: Path) -> None:
    linted, broken = files(tmp_path)
    result = qualmark("validate", linted, broken, "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        f"::warning file={linted},line=11,col=11,title=qualmark validate::rule 'C' has no source"
    )
    assert lines[-1].startswith(
        f"::error file={broken},line=10,col=26,title=qualmark validate::unknown key 'casez'"
    )


@pytest.mark.parametrize("strict", [False, True])
def test_sarif(tmp_path: Path, strict: bool) -> None:
    linted, broken = files(tmp_path)
    result = qualmark("validate", linted, broken, "--format", "sarif", *(["--strict"] if strict else []))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["version"] == "2.1.0" and len(data["runs"]) == 1
    run = data["runs"][0]
    assert run["tool"]["driver"]["name"] == "qualmark"
    levels = [r["level"] for r in run["results"]]
    assert levels == ["warning", "warning", "warning", "error"]
    error = run["results"][-1]
    assert error["ruleId"] == "qualmark/error"
    assert error["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": str(broken)},
        "region": {"startLine": 10, "startColumn": 26},
    }


def test_text_shows_the_offending_line_under_each_message(tmp_path: Path) -> None:
    linted, broken = files(tmp_path)
    result = qualmark("validate", broken, linted)
    lines = result.stderr.splitlines()
    at = lines.index(
        next(line for line in lines if line.startswith(f"{broken}:10:26: error: unknown key 'casez'"))
    )
    assert lines[at + 1] == "    |     - {id: C, source: x, casez: {count: 1}}"
    assert lines[at + 2] == "    |" + " " * 26 + "^"
    warning = lines.index(next(line for line in lines if line.startswith(f"{linted}:13:39: warning:")))
    assert lines[warning + 1] == "    |       cases: {count: 1, within_years: 2}"
    assert lines[warning + 2].endswith(" " * 38 + "^")
