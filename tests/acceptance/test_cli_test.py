"""`qualmark test`: framework test files run through the real CLI."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.acceptance.test_cli import NOLOC, NOLOC_EXAMPLES, assert_no_traceback, qualmark
from tests.conftest import FRAMEWORKS, ROOT

ELIGIBLE = NOLOC_EXAMPLES / "eligible.json"
AGREED = NOLOC_EXAMPLES / "judgements" / "agreed.yaml"


def write(folder: Path, body: str, name: str = "mark.tests.yaml") -> Path:
    """A test file for the Noloc framework in ``folder``, with ``body`` as its cases."""
    path = folder / name
    path.write_text(f"qualmark_tests: 1\nframework: {NOLOC}\ncases:\n{body}", encoding="utf-8")
    return path


PASSING = f"""\
  - name: eligible with both assessors
    portfolio: {ELIGIBLE}
    judgements: {AGREED}
    verdict: eligible
    failing: []
"""

FAILING = f"""\
  - name: hours short but expected eligible
    portfolio: {NOLOC_EXAMPLES / "fail-b1-hours.json"}
    judgements: {AGREED}
    verdict: eligible
    expect:
      B1-uren: met
      B1-jaren: {{status: met, says: "actief sinds 2014-09-01"}}
"""


def test_the_shipped_test_files_pass() -> None:
    result = qualmark("test", FRAMEWORKS / "tests")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith(" passed, 0 failed")
    assert "noloc-register-loopbaanprofessional.tests.yaml" in result.stdout


def test_a_failing_case_shows_each_difference_with_the_explanation(tmp_path: Path) -> None:
    result = qualmark("test", write(tmp_path, PASSING + FAILING))
    assert result.returncode == 1
    out = result.stdout
    assert "  ✔ eligible with both assessors" in out
    assert "  ✘ hours short but expected eligible" in out
    assert "      verdict: expected eligible, got not_eligible" in out
    assert "      B1-uren: expected met, got not_met" in out
    assert "1.150 uur: 50 te weinig (1.200 nodig)" in out  # the explanation, in the framework's language
    assert "B1-jaren" not in out  # met, and its explanation says what was expected
    assert out.rstrip().endswith("1 passed, 1 failed")


def test_k_selects_cases_by_name(tmp_path: Path) -> None:
    result = qualmark("test", write(tmp_path, PASSING + FAILING), "-k", "BOTH ASSESSORS")
    assert result.returncode == 0
    assert result.stdout.rstrip().endswith("1 passed, 0 failed")


def test_without_a_path_test_files_are_found_below_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    write(tmp_path / "deep" / "er", PASSING)
    write(tmp_path, FAILING, name="ignored.yaml")  # not *.tests.yaml
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", FAILING)
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "qualmark", "test"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT / "src")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("deep/er/mark.tests.yaml")


def test_no_test_file_is_bad_input(tmp_path: Path) -> None:
    result = qualmark("test", tmp_path)
    assert result.returncode == 2
    assert "no test files (*.tests.yaml)" in result.stderr


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        ("  - name: x\n    portfolio: a.json\n    verdict: great\n", ":6:14:", "found 'great'"),
        ("  - name: x\n    portfolio: a.json\n    verdict: eligible\n    expectt: {}\n", ":7:5:", "expectt"),
    ],
)
def test_a_test_file_that_does_not_fit_is_bad_input_at_its_place(
    tmp_path: Path, body: str, where: str, message: str
) -> None:
    path = write(tmp_path, body)
    result = qualmark("test", path)
    assert result.returncode == 2
    assert f"{path}{where}" in result.stderr and message in result.stderr
    assert_no_traceback(result)


def test_an_inline_portfolio_problem_points_into_the_test_file(tmp_path: Path) -> None:
    body = """\
  - name: inline
    verdict: incomplete
    portfolio:
      qualmark_portfolio: 1
      framework: noloc-register-loopbaanprofessional
      candidate: {name: Anna}
      submitted: 2026-10-01
      evidence:
        - {id: d, kind: diplomaa}
"""
    path = write(tmp_path, body)
    result = qualmark("test", path)
    assert result.returncode == 2
    assert f"cannot run: {path}:12:25: 'diplomaa' is not allowed here" in result.stdout
    assert "diplomaa" in result.stdout


def test_a_missing_portfolio_is_bad_input_and_the_other_cases_still_run(tmp_path: Path) -> None:
    body = PASSING + "  - name: gone\n    portfolio: gone.json\n    verdict: eligible\n"
    result = qualmark("test", write(tmp_path, body))
    assert result.returncode == 2
    assert "  ✔ eligible with both assessors" in result.stdout
    assert "  ! gone" in result.stdout
    assert result.stdout.rstrip().endswith("1 passed, 0 failed, 1 not run")


def test_json_junit_and_github_formats(tmp_path: Path) -> None:
    path = write(tmp_path, PASSING + FAILING)
    data = json.loads(qualmark("test", path, "--format", "json").stdout)
    assert data["summary"] == {"passed": 1, "failed": 1, "errors": 0}
    failed = data["cases"][1]
    assert failed["outcome"] == "failed" and failed["verdict"] == "not_eligible"
    assert {
        "what": "verdict",
        "expected": "eligible",
        "actual": "not_eligible",
        "explanation": None,
    } in failed["differences"]
    root = ET.fromstring(qualmark("test", path, "--format", "junit").stdout)
    [suite] = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    assert root.find(".//testcase[@name='hours short but expected eligible']/failure") is not None
    github = qualmark("test", path, "--format", "github")
    assert github.returncode == 1
    [annotation] = [line for line in github.stdout.splitlines() if line.startswith("::error ")]
    assert annotation.startswith(
        f"::error file={path},line=9,title=qualmark test::hours short but expected eligible:"
    )


def test_a_copied_test_folder_runs_where_it_is(tmp_path: Path) -> None:
    """Paths in a test file are relative to the file: a copy of framework, tests and examples still runs."""
    shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    result = qualmark("test", tmp_path / "frameworks" / "tests", "-k", "fail-b1-")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("4 passed, 0 failed")  # hours, current, years, statements


def test_coverage_names_what_no_case_meets_or_fails(tmp_path: Path) -> None:
    path = write(tmp_path, PASSING)
    result = qualmark("test", path, "--coverage")
    assert result.returncode == 0  # coverage reported, no minimum asked
    assert "coverage of noloc-register-loopbaanprofessional: " in result.stdout
    assert (
        "  alternative A3 (Hbo working and thinking level through a recognised EVC procedure" in result.stdout
    )
    assert "is never met by any case" in result.stdout
    assert (
        "  requirement B1-uren (At least 1,200 hours of professional work experience) is never failed by any case"
        in result.stdout
    )
    # an item a candidate may choose among four of five: no case leaves it out
    assert (
        "  item arbeidsmarkt of C2-vier-van-vijf (Four of the five knowledge areas) is shown by every case"
        in result.stdout
    )
    below = qualmark("test", path, "--min-coverage", "100", "--format", "json")
    assert below.returncode == 1
    [coverage] = json.loads(below.stdout)["coverage"]
    assert 0 < coverage["percent"] < 100
    assert {"id": "B1-uren", "met": True, "not_met": False} in coverage["branches"]
    github = qualmark("test", path, "--coverage", "--format", "github").stdout
    assert f"::warning file={NOLOC},title=coverage::requirement B1-uren (" in github


def test_the_shipped_test_files_cover_every_requirement_met_and_failed() -> None:
    result = qualmark("test", FRAMEWORKS / "tests", "--min-coverage", "100")
    assert result.returncode == 0, result.stdout
    assert "coverage of estqf-career-specialist-7: 100.0 %" in result.stdout
    assert "coverage of noloc-register-loopbaanprofessional: 100.0 %" in result.stdout


def test_min_coverage_must_be_a_percentage(tmp_path: Path) -> None:
    result = qualmark("test", write(tmp_path, PASSING), "--min-coverage", "120")
    assert result.returncode == 2
    assert "--min-coverage 120 is not a percentage" in result.stderr


def test_update_writes_a_snapshot_that_passes_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "portfolios"
    folder.mkdir()
    for name in ("eligible.json", "fail-b1-hours.json"):
        shutil.copy(NOLOC_EXAMPLES / name, folder / name)
    out = tmp_path / "snap.tests.yaml"
    made = qualmark("test", folder, "--update", NOLOC, "--out", out)
    assert made.returncode == 0, made.stderr
    assert "wrote 2 cases" in made.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# A snapshot written by `qualmark test --update`")
    assert '  - name: "fail-b1-hours"\n    portfolio: "portfolios/fail-b1-hours.json"\n' in text
    assert (
        '    verdict: not_eligible\n    failing: ["B1-uren"]\n    review: ["C1-diversiteit", "C1-werkveld"]\n'
        in text
    )
    ran = qualmark("test", out)
    assert ran.returncode == 0 and ran.stdout.rstrip().endswith("2 passed, 0 failed")
    again = qualmark("test", folder, "--update", NOLOC, "--out", out)
    assert again.returncode == 2
    assert "exists: a snapshot never overwrites expectations" in again.stderr
    assert out.read_text(encoding="utf-8") == text
    alone = qualmark("test", folder, "--update", NOLOC)
    assert alone.returncode == 2 and "--update FRAMEWORK and --out FILE go together" in alone.stderr


def test_control_characters_in_a_case_name_stay_inert_in_junit_and_github(tmp_path: Path) -> None:
    body = FAILING.replace("  - name: hours short but expected eligible", '  - name: "short\\a\\x1b[2Kok"')
    path = write(tmp_path, body)
    root = ET.fromstring(qualmark("test", path, "--format", "junit").stdout)  # XML 1.0 allows no BEL or ESC
    [case] = root.findall(".//testcase")
    assert case.get("name") == "short\\x07\\x1b[2Kok"
    github = qualmark("test", path, "--format", "github").stdout
    assert "\x1b" not in github and "\x07" not in github
