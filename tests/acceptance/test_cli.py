"""The real CLI, run in a subprocess as users and CI run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, FRAMEWORKS, ROOT

ESTQF = FRAMEWORKS / "estqf-career-specialist-7.yaml"
ESTQF_EXAMPLES = EXAMPLES / "estqf-career-specialist-7"
NOLOC = FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml"
NOLOC_EXAMPLES = EXAMPLES / "noloc-register-loopbaanprofessional"
AGREED = NOLOC_EXAMPLES / "judgements" / "agreed.yaml"  # both assessors: every review item met
ESTQF_AGREED = ESTQF_EXAMPLES / "judgements" / "agreed.yaml"  # the assessor: every review item met


def qualmark(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qualmark", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"},
    )


def qualmark_into(file: Path, *args: str | Path, append: bool = True) -> subprocess.CompletedProcess[str]:
    """``qualmark ARGS >> FILE`` (or ``> FILE``): standard output sent to a file, as the shell does it."""
    with file.open("ab" if append else "wb") as stdout:
        return subprocess.run(
            [sys.executable, "-m", "qualmark", *map(str, args)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
        )


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_validate_every_shipped_framework() -> None:
    result = qualmark("validate", *sorted(FRAMEWORKS.glob("*.yaml")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("valid") == len(list(FRAMEWORKS.glob("*.yaml")))


def test_validate_reports_every_problem_with_position(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "qualmark: 1\nid: x\nuri: urn:x\nversion: '1'\ntitle: X\nlanguages: [en]\n"
        "issuer: {name: X}\nsource: {title: X}\ntitel: oops\nprofile:\n  taks: []\n",
        encoding="utf-8",
    )
    result = qualmark("validate", broken)
    assert result.returncode == 1
    assert f"{broken}:9:1: error: unknown key 'titel'" in result.stderr
    assert "did you mean 'title'?" in result.stderr
    assert f"{broken}:11:3: error: unknown key 'taks'" in result.stderr
    assert "did you mean 'tasks'?" in result.stderr
    assert_no_traceback(result)


def test_validate_unreadable_yaml_is_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("qualmark: 1\nid: [unclosed\n", encoding="utf-8")
    result = qualmark("validate", broken)
    assert result.returncode == 2
    assert f"{broken}:" in result.stderr
    assert_no_traceback(result)


def test_validate_missing_file() -> None:
    result = qualmark("validate", "no-such-framework.yaml")
    assert result.returncode == 2
    assert "no such file" in result.stderr
    assert_no_traceback(result)


def test_check_eligible_portfolio() -> None:
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "eligible.json", "--judgements", ESTQF_AGREED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ELIGIBLE")
    assert "B3" in result.stdout


def test_check_failing_portfolio_explains_the_gap() -> None:
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "fail-b3-mandatory.json")
    assert result.returncode == 1
    assert result.stdout.startswith("NOT ELIGIBLE")
    assert "→ demonstrate Guidance" in result.stdout
    assert "estqf-career-specialist-7.yaml:" in result.stdout


def test_check_json_output() -> None:
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "fail-b3-elective.json", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["verdict"] == "not_eligible"
    b3 = next(o for o in data["outcomes"] if o["id"] == "B3")
    assert b3["status"] == "not_met"
    assert b3["source"]["section"]
    assert all(p.startswith("/cases/") for p in b3["evidence"])


def test_check_as_of_after_the_standard_expired() -> None:
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "eligible.json", "--as-of", "2028-04-06")
    assert "valid until 2028-04-05" in result.stdout


@pytest.mark.parametrize("value", ["05-04-2028", "tomorrow"])
def test_check_bad_as_of_is_usage_error(value: str) -> None:
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "eligible.json", "--as-of", value)
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr
    assert_no_traceback(result)


def test_check_refuses_a_bad_portfolio_with_pointers(tmp_path: Path) -> None:
    data = json.loads((ESTQF_EXAMPLES / "eligible.json").read_text(encoding="utf-8"))
    data["evidence"][0]["kind"] = "diplomma"
    data["cases"][0]["colour"] = "blue"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = qualmark("check", ESTQF, bad)
    assert result.returncode == 2
    assert f"{bad}#/evidence/0/kind" in result.stderr
    assert f"{bad}#/cases/0" in result.stderr and "colour" in result.stderr
    assert_no_traceback(result)


def test_check_invalid_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"framework": "x",\n  "candidate": }', encoding="utf-8")
    result = qualmark("check", ESTQF, bad)
    assert result.returncode == 2
    assert f"{bad}:2:" in result.stderr
    assert_no_traceback(result)


def test_check_portfolio_for_another_framework() -> None:
    result = qualmark("check", NOLOC, ESTQF_EXAMPLES / "eligible.json")
    assert result.returncode == 2
    assert "estqf-career-specialist-7" in result.stderr
    assert_no_traceback(result)


def test_check_in_english_and_dutch() -> None:
    dutch = qualmark("check", NOLOC, NOLOC_EXAMPLES / "eligible.json", "--judgements", AGREED)
    english = qualmark(
        "check", NOLOC, NOLOC_EXAMPLES / "eligible.json", "--judgements", AGREED, "--lang", "en"
    )
    assert dutch.returncode == english.returncode == 0, dutch.stderr
    assert dutch.stdout.startswith("VOLDOET")
    assert english.stdout.startswith("ELIGIBLE")


def test_unknown_language_is_usage_error() -> None:
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "eligible.json", "--lang", "fr")
    assert result.returncode == 2


def test_no_arguments_is_usage_error() -> None:
    assert qualmark("check").returncode == 2


def test_new_prints_the_shipped_template() -> None:
    result = qualmark("new")
    assert result.returncode == 0
    assert result.stdout == (FRAMEWORKS / "qual-im-g-template.yaml").read_text(encoding="utf-8")


def test_schema_prints_the_portfolio_schema() -> None:
    result = qualmark("schema", ESTQF)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["framework"] == {"const": "estqf-career-specialist-7"}


def test_every_problem_of_a_portfolio_in_one_run(tmp_path: Path) -> None:
    data = json.loads((ESTQF_EXAMPLES / "eligible.json").read_text(encoding="utf-8"))
    data["submitted"] = "2026-13-01"  # wrong for every framework
    data["cases"][0]["demonstrates"]["competences"][0]["id"] = "b-3-4-guidance"  # wrong for this one
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = qualmark("check", ESTQF, bad)
    assert result.returncode == 2
    assert f"{bad}#/submitted" in result.stderr
    assert f"{bad}#/cases/0/demonstrates/competences/0/id" in result.stderr


def test_json_is_a_list_whenever_several_portfolios_are_asked_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    judged = ("--judgements", ESTQF_AGREED)
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "eligible.json", bad, *judged, "--format", "json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2  # one record per portfolio, the bad one too
    assert data[0]["verdict"] == "eligible"
    assert data[1]["portfolio"] == {"file": str(bad)} and data[1]["error"]["phase"] == "portfolio"
    assert f"cannot evaluate {bad}" in result.stderr


def test_compact_dates_are_not_taken_for_as_of() -> None:
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "eligible.json", "--as-of", "20261001")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_check_against_a_framework_without_requirements_is_refused() -> None:
    result = qualmark("check", FRAMEWORKS / "qual-im-g-template.yaml", ESTQF_EXAMPLES / "eligible.json")
    assert result.returncode == 2
    assert "states no requirements" in result.stderr


def test_paths_that_look_like_markup_are_shown_as_they_are(tmp_path: Path) -> None:
    odd = tmp_path / "fw [draft].yaml"
    odd.write_text("qualmark: 1\n", encoding="utf-8")
    result = qualmark("validate", odd)
    assert result.returncode == 1
    assert f"invalid framework {odd}" in result.stderr
    assert_no_traceback(result)


# --- many portfolios, streamed ------------------------------------------------------------------

PEAK_MEMORY = (
    "import resource, subprocess, sys\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    code = subprocess.call([sys.executable, '-m', 'qualmark', *sys.argv[2:]], stdout=out)\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"  # kilobytes on Linux
)


def test_three_thousand_portfolios_as_json_stay_under_200_mb(tmp_path: Path) -> None:
    """Each record is written when it is made and then dropped: memory does not grow with the batch."""
    out = tmp_path / "out.json"
    portfolios = [str(NOLOC_EXAMPLES / "eligible.json")] * 3000
    judged = ["--judgements", str(AGREED)]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK_MEMORY,
            str(out),
            "check",
            str(NOLOC),
            *portfolios,
            *judged,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    code, peak_kb = map(int, result.stdout.split())
    assert code == 0, result.stderr
    assert peak_kb < 200 * 1024
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 3000 and {r["verdict"] for r in records} == {"eligible"}


def test_the_size_limit_can_be_set_in_the_environment(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "qualmark", "check", str(NOLOC), str(NOLOC_EXAMPLES / "eligible.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "QUALMARK_MAX_FILE_SIZE": "4k", "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 2
    assert "more than the limit of 4 KiB" in result.stderr


def test_an_error_record_fits_the_published_schema(tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas" / "evaluation.schema.json").read_text(encoding="utf-8"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"qualmark_portfolio": 1, "framework": "x",\n "oops"}', encoding="utf-8")
    result = qualmark("check", ESTQF, bad, tmp_path / "missing.json", "--format", "json")
    records = json.loads(result.stdout)
    for record in records:
        assert list(Draft202012Validator(schema).iter_errors(record)) == []
    assert records[0]["error"]["problems"][0]["line"] == 2
    assert records[1]["error"] == {
        "phase": "load",
        "problems": [
            {
                "message": "no such file",
                "hint": "check the path",
                "file": str(tmp_path / "missing.json"),
                "line": None,
                "column": None,
                "pointer": None,
            }
        ],
    }


def test_one_portfolio_that_cannot_be_read_gives_one_error_object() -> None:
    result = qualmark("check", ESTQF, "missing.json", "--format", "json")
    assert result.returncode == 2
    record = json.loads(result.stdout)
    assert record["portfolio"] == {"file": "missing.json"} and record["error"]["phase"] == "load"


def test_version() -> None:
    from importlib.metadata import version

    result = qualmark("--version")
    assert result.returncode == 0
    assert result.stdout == f"qualmark {version('qualmark')}\n"


@pytest.mark.parametrize(
    ("command", "out_is"),
    [
        (["check", "{framework}", "{portfolio}", "--format", "json"], "{portfolio}"),
        (["check", "{framework}", "{portfolio}"], "{framework}"),
        (["check", "{framework}", "{portfolio}", "--judgements", "{judgements}"], "{judgements}"),
        (["docs", "{framework}"], "{framework}"),
        (["batch", "{framework}", "{portfolio}"], "{framework}"),
    ],
)
def test_out_never_overwrites_an_input(tmp_path: Path, command: list[str], out_is: str) -> None:
    files = {
        "framework": tmp_path / "framework.yaml",
        "portfolio": tmp_path / "portfolio.json",
        "judgements": tmp_path / "judgements.yaml",
    }
    files["framework"].write_bytes(ESTQF.read_bytes())
    files["portfolio"].write_bytes((ESTQF_EXAMPLES / "eligible.json").read_bytes())
    files["judgements"].write_bytes(ESTQF_AGREED.read_bytes())
    before = {name: path.read_bytes() for name, path in files.items()}
    named = {f"{{{name}}}": str(path) for name, path in files.items()}
    (tmp_path / "sub").mkdir()
    out = tmp_path / "sub" / ".." / Path(named[out_is]).name  # the same file, spelt otherwise
    result = qualmark(*[named.get(arg, arg) for arg in command], "--out", out)
    assert result.returncode == 2
    assert f"--out {out} is the input {named[out_is]} under another name" in result.stderr
    assert {name: path.read_bytes() for name, path in files.items()} == before
    assert_no_traceback(result)


def test_a_folder_of_reports_never_overwrites_an_input_in_it(tmp_path: Path) -> None:
    eligible = (ESTQF_EXAMPLES / "eligible.json").read_bytes()
    for name in ("a.html", "a.json", "index.html"):  # portfolios, whatever their names
        (tmp_path / name).write_bytes(eligible)
    index = qualmark("check", ESTQF, tmp_path / "index.html", "--format", "html", "--out", tmp_path)
    assert index.returncode == 2 and "its index of the reports would replace the input" in index.stderr
    assert_no_traceback(index)
    result = qualmark(
        "check", ESTQF, tmp_path / "a.html", tmp_path / "a.json", "--format", "html", "--out", tmp_path
    )
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "a.html").read_bytes() == eligible  # the reports took other names
    assert (tmp_path / "a.json").read_bytes() == eligible
    assert {"a-2.html", "a-3.html"} <= {p.name for p in tmp_path.iterdir()}
    assert "a-2.html" in (tmp_path / "index.html").read_text(encoding="utf-8")  # index.html: no input here


def test_a_link_loop_among_the_inputs_of_a_folder_of_reports_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "loop.json").symlink_to("loop.json")
    result = qualmark("check", ESTQF, tmp_path / "loop.json", "--format", "html", "--out", tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 2 and "internal error" not in result.stderr
    assert "cannot read the file" in result.stderr


@pytest.mark.parametrize(
    ("command", "appended_to"),
    [
        (["check", "{framework}", "{portfolio}", "--format", "json"], "{portfolio}"),
        (["docs", "{framework}"], "{framework}"),
        (["validate", "{framework}"], "{framework}"),
        (["questions", "{framework}"], "{framework}"),
        (["schema", "{framework}"], "{framework}"),
    ],
)
def test_output_the_shell_appends_to_an_input_is_refused(
    tmp_path: Path, command: list[str], appended_to: str
) -> None:
    named = {"{framework}": tmp_path / "framework.yaml", "{portfolio}": tmp_path / "portfolio.json"}
    named["{framework}"].write_bytes(ESTQF.read_bytes())
    named["{portfolio}"].write_bytes((ESTQF_EXAMPLES / "eligible.json").read_bytes())
    before = {name: path.read_bytes() for name, path in named.items()}
    result = qualmark_into(named[appended_to], *[named.get(arg, arg) for arg in command])  # `… >> input`
    assert result.returncode == 2
    assert (
        f"standard output goes to the input {named[appended_to]}: writing there would destroy it"
        in result.stderr
    )
    assert {name: path.read_bytes() for name, path in named.items()} == before


def test_the_report_of_framework_tests_is_not_appended_to_a_file_they_read(tmp_path: Path) -> None:
    (tmp_path / "frameworks" / "tests").mkdir(parents=True)
    suite = tmp_path / "frameworks" / "tests" / "noloc-register-loopbaanprofessional.tests.yaml"
    suite.write_bytes((FRAMEWORKS / "tests" / suite.name).read_bytes())
    (tmp_path / "frameworks" / NOLOC.name).write_bytes(NOLOC.read_bytes())
    copied = tmp_path / "examples" / "portfolios" / NOLOC_EXAMPLES.name
    shutil.copytree(NOLOC_EXAMPLES, copied)
    portfolio = copied / "eligible.json"  # a case of the suite reads it
    before = portfolio.read_bytes()
    result = qualmark_into(
        portfolio, "test", suite.parent
    )  # `qualmark test frameworks/tests >> …/eligible.json`
    assert result.returncode == 2
    assert "standard output goes to the input" in result.stderr and "eligible.json" in result.stderr
    assert portfolio.read_bytes() == before
    assert qualmark("test", suite.parent).returncode == 0  # the copy itself passes
