"""The text report as a terminal shows it (pyte, a VT100 emulator): no portfolio string can forge it.

A candidate controls their name, the titles of their evidence and the ids of
their cases. Whatever they write there, the first line of a NOT ELIGIBLE
report reads NOT ELIGIBLE, and the report has exactly as many lines as it has
for an ordinary name.
"""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyte
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualmark import load_framework, parse_portfolio
from qualmark.report.text import TextReport
from tests.conftest import EXAMPLES, FRAMEWORKS, ROOT

NOLOC = FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml"
FAILING = EXAMPLES / "noloc-register-loopbaanprofessional" / "fail-b1-hours.json"
FRAMEWORK = load_framework(NOLOC)
BASE: dict[str, Any] = json.loads(FAILING.read_text(encoding="utf-8"))

COLUMNS, LINES = 1000, 120

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
]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=40)


class Terminal(io.StringIO):
    """What the report writes to: a terminal, as far as rich can tell."""

    def isatty(self) -> bool:
        return True


def screen_of(text: str) -> list[str]:
    """The lines a VT100 terminal shows for ``text``, trailing blank lines dropped."""
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.Stream(screen)
    stream.feed(text.replace("\n", "\r\n"))  # a terminal's line discipline turns \n into \r\n
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def report(name: str, title: str, case_id: str) -> list[str]:
    data = copy.deepcopy(BASE)
    data["candidate"]["name"] = "A" + name  # a name is not empty
    data["evidence"][0]["title"] = title
    data["cases"][0]["id"] = "c-" + case_id
    evaluation = FRAMEWORK.evaluate(parse_portfolio(json.dumps(data), "p.json", FRAMEWORK))
    terminal = Terminal()
    TextReport(terminal, "en", False).evaluation(evaluation)
    return screen_of(terminal.getvalue())


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
