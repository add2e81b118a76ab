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


# One mistake of each sort a designer makes, each reported once, at its line, in one run.
SIX_MISTAKES = (
    COMPILER_HEADER
    + """\
profile:
  tasks:
    - {id: t1, label: One}
    - {id: t2, label: Two}
    - {id: t3, label: Three}
    - {id: t4, label: Four}
    - {id: t5, label: Five}
testing:
  evidence_kinds:
    - {id: diploma, label: Diploma, fields: {hours: number}}
  requirements:
    - {id: A, source: s, titel: Misspelt, evidence: diploma}
    - {id: B, source: s, evidence: diplome}
    - {id: C, source: s, demonstrate: tasks, at_least: 6}
    - id: D
      source: s
      source: t
      evidence: diploma
    - id: E
      source: s
      one_of:
        - {id: E1, source: s, evidence: diploma, where: {hours: {min: 10}}}
        - {id: E2, source: s, evidence: diploma, where: {hours: {min: 20}}}
    - {id: F, source: {Deel III, Ad A}, evidence: diploma}
"""
)


def _place(needle: str) -> tuple[int, int]:
    """Line and column (from 1) of ``needle`` in SIX_MISTAKES."""
    offset = SIX_MISTAKES.index(needle)
    return SIX_MISTAKES.count("\n", 0, offset) + 1, offset - SIX_MISTAKES.rfind("\n", 0, offset)


MISTAKES = [  # (line, column, severity, the start of the message), in the order of the file
    (*_place("titel"), "error", "unknown key 'titel'"),
    (*_place("diplome}"), "error", "unknown evidence kind 'diplome'"),
    (*_place("6}"), "error", "at_least 6 can never be met"),
    (*_place("source: t"), "error", "duplicate key 'source'"),
    (*_place("E2, source"), "warning", "alternative 'E2' of 'E' is subsumed by 'E1'"),
    (*_place("{Deel"), "error", "expected text, found a mapping"),
]


def _six(tmp_path: Path) -> Path:
    sample = tmp_path / "six.yaml"
    sample.write_text(SIX_MISTAKES, encoding="utf-8")
    return sample


def test_six_mistakes_in_text(tmp_path: Path) -> None:
    sample = _six(tmp_path)
    result = qualmark("validate", sample)
    assert result.returncode == 2  # a duplicate key: the file cannot be read as written
    reported = [line for line in result.stderr.splitlines() if line.startswith(f"{sample}:")]
    assert len(reported) == len(MISTAKES), result.stderr
    for line, (row, column, severity, message) in zip(reported, MISTAKES, strict=True):
        assert line.startswith(f"{sample}:{row}:{column}: {severity}: {message}"), line
    assert "5 problems" in result.stderr  # the errors; the warning is not counted among them


def test_six_mistakes_in_json_github_and_sarif(tmp_path: Path) -> None:
    sample = _six(tmp_path)
    as_json = json.loads(qualmark("validate", sample, "--format", "json").stdout)
    problems = as_json["files"][0]["problems"]
    assert [(p["line"], p["column"], p["severity"]) for p in problems] == [m[:3] for m in MISTAKES]
    assert all(p["message"].startswith(m[3]) for p, m in zip(problems, MISTAKES, strict=True))

    github = qualmark("validate", sample, "--format", "github").stdout.splitlines()
    assert len(github) == len(MISTAKES)
    for line, (row, column, severity, message) in zip(github, MISTAKES, strict=True):
        assert line.startswith(
            f"::{severity} file={sample},line={row},col={column},title=qualmark validate::{message}"
        )

    sarif = json.loads(qualmark("validate", sample, "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert [
        (
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["level"],
        )
        for r in results
    ] == [m[:3] for m in MISTAKES]
    assert all(r["message"]["text"].startswith(m[3]) for r, m in zip(results, MISTAKES, strict=True))
