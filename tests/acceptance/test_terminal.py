"""The text report as a terminal shows it (pyte, a VT100 emulator): no portfolio string can forge it.

A candidate controls their name, the titles of their evidence and the ids of
their cases. Whatever they write there, the first line of a NOT ELIGIBLE
report reads NOT ELIGIBLE, and no line is added: written to a pipe, the
report has exactly as many lines as for an ordinary name; on a terminal 80
columns wide, where long lines wrap, every line that looks like a
requirement is one, and no other line starts with a verdict.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyte
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualmark import (
    Evaluation,
    JudgementsError,
    PortfolioError,
    Problem,
    load_framework,
    load_judgements,
    load_portfolio,
    parse_portfolio,
)
from qualmark.report.text import TextReport
from tests.conftest import EXAMPLES, FRAMEWORKS, ROOT

NOLOC = FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml"
FAILING = EXAMPLES / "noloc-register-loopbaanprofessional" / "fail-b1-hours.json"
FRAMEWORK = load_framework(NOLOC)
BASE: dict[str, Any] = json.loads(FAILING.read_text(encoding="utf-8"))

COLUMNS, LINES = 1000, 600  # enough lines that nothing scrolls off, even wrapped at 80 columns

# What a forger reaches for: terminal controls, fake line breaks, overrides, markup, the report's own words.
PIECES = [
    "\x1b[2K",
    "\x1b[1G",
    "\x1b[1;32m",
    "\x1b[A",
    "\x1b[H",
    "\x1b[2J",
    "\x1bM",
    "\x1b]0;title\x07",
    "\x9b1A",
    "\x9bH",
    "\r",
    "\n",
    "\x0b",
    "\x0c",
    "\x08",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200b",
    ":heavy_check_mark:",
    "[bold green]",
    "[/]",
    "ELIGIBLE",
    "VOLDOET",
    "✔ R9 — met",
    " ",
    "Anna",
    # characters whose width rich and terminals count differently, and look-alikes of the tree's lines
    "\U0001f3fb" * 8,
    "\U0001f1e6",
    "\U0001f1f3\U0001f1f1",
    "कि",
    "\u093f" * 8,
    "⊢―― ✔ ",
    "├── ✔ ",
]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=40)
# Long runs that push text to where a wrapped line starts.
PADDING = st.integers(0, 200).map(" ".__mul__) | st.integers(0, 200).map("x".__mul__)
PADDED = st.lists(st.sampled_from(PIECES) | PADDING, max_size=12).map("".join)
REQUIREMENT_LINE = re.compile(r"^[│ ]*[├└]── ")
VERDICTS = ("ELIGIBLE", "NOT ELIGIBLE", "INCOMPLETE", "VOLDOET", "ONVOLLEDIG")


class Terminal(io.StringIO):
    """What the report writes to: a terminal, as far as rich can tell."""

    def isatty(self) -> bool:
        return True


def screen_of(text: str) -> list[str]:
    """The lines a VT100 terminal shows for ``text``, trailing blank lines dropped."""
    columns = int(os.environ.get("COLUMNS", COLUMNS))
    screen = pyte.Screen(columns, LINES if columns < 200 else LINES // 4)
    stream = pyte.Stream(screen)
    stream.feed(text.replace("\n", "\r\n"))  # a terminal's line discipline turns \n into \r\n
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def evaluation_of(name: str, title: str, case_id: str) -> Evaluation:
    """The failing portfolio with these texts, each cut to the longest its field takes (docs/limits.md)."""
    data = copy.deepcopy(BASE)
    data["candidate"]["name"] = ("A" + name)[:200]  # a name is not empty
    data["evidence"][0]["title"] = title[:500]
    data["cases"][0]["id"] = ("c-" + case_id)[:100]
    return FRAMEWORK.evaluate(parse_portfolio(json.dumps(data), "p.json", FRAMEWORK))


def report(name: str, title: str, case_id: str, stream: io.StringIO | None = None) -> list[str]:
    """The screen of the report; on a terminal (the default) as wide as COLUMNS, else as written to a pipe."""
    stream = Terminal() if stream is None else stream
    TextReport(stream, "en", False).evaluation(evaluation_of(name, title, case_id))
    return screen_of(stream.getvalue())


@pytest.fixture(autouse=True)
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", str(COLUMNS))
    monkeypatch.delenv("NO_COLOR", raising=False)


ORDINARY = None


def ordinary_lines() -> int:
    global ORDINARY
    if ORDINARY is None:
        ORDINARY = len(report("nna de Vries", "Bachelor", "casus-1"))
    return ORDINARY


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=HOSTILE, title=HOSTILE, case_id=HOSTILE)
def test_no_portfolio_string_changes_the_verdict_line_or_adds_a_line(
    name: str, title: str, case_id: str
) -> None:
    lines = report(name, title, case_id)
    assert lines[0].startswith("NOT ELIGIBLE ")
    assert len(lines) == ordinary_lines()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=PADDED, title=PADDED, case_id=PADDED)
def test_on_a_narrow_terminal_wrapped_text_never_passes_for_a_line_of_the_report(
    name: str, title: str, case_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = report(name, title, case_id)
    assert lines[0].startswith("NOT ELIGIBLE ")
    outcomes = sum(1 for top in evaluation_of(name, title, case_id).outcomes for _ in top.walk())
    assert sum(1 for line in lines if REQUIREMENT_LINE.match(line)) == outcomes
    assert not [line for line in lines[1:] if line.startswith(VERDICTS)]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=HOSTILE, padding=st.integers(0, 500))
def test_piped_output_never_breaks_a_line_however_long(
    name: str, padding: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    pad = " " * padding

    def piped(name: str, title: str, case_id: str) -> list[str]:
        pipe = io.StringIO()
        TextReport(pipe, "en", False).evaluation(evaluation_of(name, title, case_id))
        return pipe.getvalue().split("\n")  # as `grep` and CI logs read it

    # the longest each field takes, its end forged
    lines = piped(
        (name + pad)[-190:] + "ELIGIBLE",
        ("x" + pad)[-480:] + "├── ✔ R9 — met",
        ("c" + pad)[-80:] + "ELIGIBLE",
    )
    assert lines[0].startswith("NOT ELIGIBLE ")
    assert len(lines) == len(piped("nna de Vries", "Bachelor", "casus-1"))


@pytest.mark.parametrize(
    "filler",
    ["\U0001f3fb", "\U0001f1e6", "क\u093f", "\u093f"],
    ids=["skin-tone-modifier", "regional-indicator", "devanagari-syllable", "spacing-mark"],
)
def test_characters_rich_measures_narrower_than_a_terminal_cannot_push_a_forged_line(
    filler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Had rich counted them narrower than the terminal, the verdict line would wrap where rich cannot see."""
    monkeypatch.setenv("COLUMNS", "80")
    for count in range(70):
        lines = report("nn" + filler * count + "ELIGIBLE Anna — Registered", "Bachelor", "casus-1")
        assert lines[0].startswith("NOT ELIGIBLE ")
        assert not [line for line in lines[1:] if line.startswith(VERDICTS)], count


def test_the_forged_name_of_the_issue_shows_as_written() -> None:
    name = "nna\x1b[2K\x1b[1G\x1b[1;32mELIGIBLE Anna"
    lines = report(name, "Bachelor", "casus-1")
    assert lines[0].startswith("NOT ELIGIBLE Anna\\x1b[2K\\x1b[1G\\x1b[1;32mELIGIBLE Anna — ")


def test_a_real_terminal_session(tmp_path: Path) -> None:
    """The CLI in colour (FORCE_COLOR), read by the emulator: the forged verdict stays visible as text."""
    data = copy.deepcopy(BASE)
    data["candidate"]["name"] = "\x1b[2K\x1b[1G\x1b[1;32mELIGIBLE\nA"
    portfolio = tmp_path / "p.json"
    portfolio.write_text(json.dumps(data), encoding="utf-8")
    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": str(COLUMNS)}
    result = subprocess.run(
        [sys.executable, "-m", "qualmark", "check", str(NOLOC), str(portfolio), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "\x1b[1;31m" in result.stdout or "\x1b[31m" in result.stdout  # in colour: a terminal's view
    lines = screen_of(result.stdout)
    assert lines[0].startswith("NOT ELIGIBLE \\x1b[2K\\x1b[1G\\x1b[1;32mELIGIBLE⏎A — ")
    assert len(lines) == ordinary_lines()


# --- piped: the report writes rich's lines itself ---------------------------------------------------


def _written_both_ways(evaluation: Evaluation, lang: str | None) -> tuple[str, str]:
    """The report as written to a pipe by the report itself, and as rich lays it out."""
    own, laid_out = io.StringIO(), io.StringIO()
    by_itself = TextReport(own, lang, False)
    assert by_itself.plain
    by_itself.evaluation(evaluation)
    by_rich = TextReport(laid_out, lang, False)
    by_rich.plain = False
    by_rich.evaluation(evaluation)
    return own.getvalue(), laid_out.getvalue()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=PADDED | HOSTILE, title=PADDED | HOSTILE, case_id=HOSTILE)
def test_piped_the_report_is_the_text_rich_would_write(
    name: str, title: str, case_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    own, laid_out = _written_both_ways(evaluation_of(name, title, case_id), "en")
    assert own == laid_out


def test_piped_every_example_report_is_the_text_rich_would_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example portfolio in every language of its framework, with every example judgement file,
    and a portfolio that cannot be checked."""
    monkeypatch.delenv("COLUMNS", raising=False)
    compared = 0
    for folder in sorted(EXAMPLES.iterdir()):
        framework = load_framework(FRAMEWORKS / f"{folder.name}.yaml")
        judgements = [None, *(load_judgements(f) for f in sorted((folder / "judgements").glob("*.yaml")))]
        for file in sorted(folder.glob("*.json")):
            portfolio = load_portfolio(file, framework)
            # "de": the notice of a language qualmark lacks
            langs = (None, *framework.document.languages, "de")
            for lang in langs:
                for decided in judgements:
                    try:
                        evaluation = framework.evaluate(portfolio, judgements=decided)
                    except JudgementsError:  # judgements of another candidate
                        continue
                    own, laid_out = _written_both_ways(evaluation, lang)
                    assert own == laid_out, (file, lang)
                    compared += 1
    assert compared > 100
    own, laid_out = io.StringIO(), io.StringIO()
    error = PortfolioError([Problem("no", pointer="/x")])
    TextReport(own, "nl", False).failure("p\u202e.json", error)
    by_rich = TextReport(laid_out, "nl", False)
    by_rich.plain = False
    by_rich.failure("p\u202e.json", error)
    assert own.getvalue() == laid_out.getvalue()


@pytest.mark.parametrize("variable", ["FORCE_COLOR", "COLUMNS"])
def test_rich_lays_out_the_report_wherever_it_would_colour_or_wrap(
    variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert TextReport(io.StringIO(), "en", False).plain
    assert not TextReport(Terminal(), "en", False).plain
    monkeypatch.setenv(variable, "80")
    assert not TextReport(io.StringIO(), "en", False).plain
