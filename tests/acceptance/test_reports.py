"""Markdown and HTML reports (`check --format markdown|html`, `Evaluation.render`): what a reader sees.

The HTML is read back with the standard library's HTML parser, the Markdown with markdown-it-py
(CommonMark with tables): both independent of the templates that wrote them.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from qualmark import load_framework, load_portfolio, parse_portfolio
from qualmark.evaluate import Evaluation
from tests.acceptance.test_cli import qualmark
from tests.conftest import EXAMPLES, FRAMEWORKS

NOLOC = FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml"
NOLOC_EXAMPLES = EXAMPLES / "noloc-register-loopbaanprofessional"


class Page(HTMLParser):
    """The parts of an HTML report a test asserts on: text per element kind, rows, attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.rules: list[str] = []  # data-rule of each requirement row
        self.cells: dict[str, list[str]] = {}  # matrix vocabulary → its cells' text
        self._matrix: str | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "tr" and found.get("data-rule"):
            self.rules.append(found["data-rule"] or "")
        if tag == "table" and found.get("data-vocabulary"):
            self._matrix = found["data-vocabulary"]
            self.cells[self._matrix] = []
        if tag == "td" and self._matrix is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._matrix is not None:
            self.cells[self._matrix].append("".join(self._cell).strip())
            self._cell = None
        if tag == "table":
            self._matrix = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def evaluate(name: str, portfolio: Path | None = None) -> Evaluation:
    framework = load_framework(FRAMEWORKS / f"{name}.yaml")
    path = portfolio or EXAMPLES / name / "eligible.json"
    return framework.evaluate(load_portfolio(path, framework))


def outcome_ids(evaluation: Evaluation) -> list[str]:
    return [o.rule_id for root in evaluation.outcomes for o in root.walk()]


@pytest.mark.parametrize("name", ["noloc-register-loopbaanprofessional", "estqf-career-specialist-7"])
def test_the_html_report_shows_the_verdict_every_requirement_and_the_matrices(name: str) -> None:
    evaluation = evaluate(name, EXAMPLES / name / "eligible.json")
    page = Page(evaluation.render("html", "en", "assessor"))
    assert "Verdict: For the assessor" in page.all_text  # review items await the assessors
    assert page.rules == outcome_ids(evaluation)
    for matrix in evaluation.matrices:
        assert len(page.cells[matrix.vocabulary]) == len(matrix.items) * len(matrix.cases)
    # self-contained: nothing fetched, nothing run
    assert not any(tag in ("script", "link", "img", "iframe", "object") for tag, _ in page.tags)
    assert all(
        not (a.get("src") or a.get("href") or "").startswith(("http:", "https:", "//")) for _, a in page.tags
    )


def test_the_noloc_matrices_show_tasks_knowledge_areas_competences_and_attitude_per_case() -> None:
    evaluation = evaluate("noloc-register-loopbaanprofessional")
    page = Page(evaluation.render("html", "en"))
    assert set(page.cells) == {"tasks", "knowledge_areas", "competences", "attitude"}
    # casus-1 marks one task not relevant, with a motivation: shown as such, in words
    assert page.cells["tasks"].count("– not relevant (motivated)") == 1
    assert page.cells["attitude"] == ["✔ answered"] * 8
    assert "✘ missing" in page.cells["knowledge_areas"]


def test_a_failing_requirement_says_what_is_missing_in_the_candidate_report() -> None:
    evaluation = evaluate("noloc-register-loopbaanprofessional", NOLOC_EXAMPLES / "fail-b1-hours.json")
    page = Page(evaluation.render("html", "en", "candidate"))
    text = page.all_text
    assert "Verdict: Not eligible" in text
    assert "1,150 hours: 50 short of 1,200" in text
    assert "50 more qualifying hours" in text  # in the list of what to do
    # the candidate report leaves out the assessor's judgement forms and evidence pointers
    assert "Rationale" not in text and "/experience/hours" not in text


def test_the_assessor_report_adds_evidence_source_sentences_and_room_for_each_judgement() -> None:
    evaluation = evaluate("noloc-register-loopbaanprofessional")
    text = Page(evaluation.render("html", "en", "assessor")).all_text
    assert text.count("Rationale") == len(evaluation.reviews()) == 2
    assert "/cases/0" in text
    assert "You must demonstrate one of the four criteria." in text  # the source's sentence of rule A


def test_an_attempted_route_and_the_nearest_other_lead_what_to_do() -> None:
    evaluation = evaluate("noloc-register-loopbaanprofessional", NOLOC_EXAMPLES / "fail-a3-evc-too-old.json")
    md = evaluation.render("markdown", "en")
    todo = md.split("## What to do", 1)[1].split("##", 1)[0]
    items = [line for line in todo.splitlines() if line.startswith("- ")]
    assert len(items) == 1  # one piece of advice for the one_of, not one per alternative
    assert "or else meet A2" in items[0]


def test_the_markdown_report_is_commonmark_with_a_row_per_requirement() -> None:
    evaluation = evaluate("noloc-register-loopbaanprofessional", NOLOC_EXAMPLES / "fail-b1-hours.json")
    md = evaluation.render("markdown", "nl", "assessor")
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Beoordelingsrapport: Sanne de Groot"
    assert "Eisen" in headings and "Dekking" in headings
    html = MarkdownIt("commonmark").enable("table").render(md)
    rows = Page(html)
    # every requirement is a row of the requirements table (after its header row)
    body_rows = [t for t in tokens if t.type == "tr_open"]
    matrices = sum(len(m.items) + 1 for m in evaluation.matrices)
    judgement_tables = 4 * len(evaluation.reviews())
    facts = 1 + 5
    assert len(body_rows) == 1 + len(outcome_ids(evaluation)) + matrices + judgement_tables + facts
    assert "1.150 uur: 50 te weinig (1.200 nodig)" in rows.all_text


HOSTILE = "<script>alert(1)</script> *bold* [link](http://x) | \u202etxt.exe\n# heading"


def _hostile_portfolio() -> Any:
    data = json.loads((NOLOC_EXAMPLES / "eligible.json").read_text(encoding="utf-8"))
    data["candidate"]["name"] = HOSTILE
    data["cases"][0]["title"] = HOSTILE
    return data


def test_text_from_a_portfolio_cannot_change_the_html() -> None:
    framework = load_framework(NOLOC)
    portfolio = parse_portfolio(json.dumps(_hostile_portfolio()), "hostile.json", framework)
    html = framework.evaluate(portfolio).render("html", "en", "assessor")
    page = Page(html)
    assert not any(tag == "script" for tag, _ in page.tags)
    assert "\u202e" not in html and "\\u202e" in page.all_text  # the override is shown, not obeyed
    assert "<script>alert(1)</script>" in page.all_text  # as text, for the reader to see


def test_text_from_a_portfolio_cannot_change_the_markdown() -> None:
    framework = load_framework(NOLOC)
    portfolio = parse_portfolio(json.dumps(_hostile_portfolio()), "hostile.json", framework)
    md = framework.evaluate(portfolio).render("markdown", "en")
    html = MarkdownIt("commonmark").enable("table").render(md)
    page = Page(html)
    # no markup of the candidate's survives: no script, link or emphasis (the report's own bold verdict aside)
    assert not any(tag in ("script", "a", "em") for tag, _ in page.tags)
    assert page.all_text.count("<script>alert(1)</script> *bold* [link](http://x) |") >= 2
    # the newline in the name did not end its line: no heading of the candidate's making
    headings = [t for t in MarkdownIt("commonmark").enable("table").parse(md) if t.type == "heading_open"]
    assert len(headings) == len([line for line in md.splitlines() if line.startswith("#")])
    assert not any(line.lstrip().startswith("# heading") for line in md.splitlines())


def test_check_writes_one_report_per_portfolio_and_an_index_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    portfolios = [NOLOC_EXAMPLES / "eligible.json", NOLOC_EXAMPLES / "fail-b1-hours.json"]
    result = qualmark("check", NOLOC, *portfolios, "--format", "html", "--out", out, "--lang", "en")
    assert result.returncode == 1  # not all eligible
    assert sorted(p.name for p in out.iterdir()) == ["eligible.html", "fail-b1-hours.html", "index.html"]
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    links = [a["href"] for tag, a in index.tags if tag == "a"]
    assert links == ["eligible.html", "fail-b1-hours.html"]
    assert "Not eligible" in index.all_text
    one = tmp_path / "one.md"
    assert qualmark("check", NOLOC, *portfolios, "--format", "markdown", "--out", one).returncode == 1
    assert one.read_text(encoding="utf-8").count("# Portfoliorapport: Sanne de Groot") == 2


def test_a_folder_is_refused_for_text_and_json(tmp_path: Path) -> None:
    result = qualmark("check", NOLOC, NOLOC_EXAMPLES / "eligible.json", "--out", tmp_path)
    assert result.returncode == 2
    assert "is a folder" in result.stderr and "Traceback" not in result.stderr


def test_the_library_renders_an_outcome_and_a_summary() -> None:
    evaluation = evaluate("noloc-register-loopbaanprofessional", NOLOC_EXAMPLES / "fail-b1-hours.json")
    hours = evaluation.find("B1-uren")
    assert hours is not None
    assert hours.text("en").startswith(
        "B1-uren At least 1,200 hours of professional work experience: 1,150 hours"
    )
    assert hours.text("en").endswith("— 50 more qualifying hours")
    assert evaluation.summary("en") == (
        "Not eligible. 1 gap: B1-uren (50 more qualifying hours). "
        "2 questions for the assessor: C1-diversiteit, C1-werkveld."
    )
    assert evaluation.summary("nl").startswith("Voldoet niet. 1 tekortkoming: B1-uren (nog 50 uur")
    with pytest.raises(ValueError, match="format must be one of"):
        evaluation.render("pdf")


def test_check_as_junit_has_a_test_case_per_requirement() -> None:
    import xml.etree.ElementTree as ET

    path = NOLOC_EXAMPLES / "fail-b1-hours.json"
    result = qualmark(
        "check", NOLOC, path, NOLOC_EXAMPLES / "missing.json", "--format", "junit", "--lang", "en"
    )
    assert result.returncode == 2  # one portfolio could not be read
    root = ET.fromstring(result.stdout)
    checked, missing = root.findall("testsuite")
    evaluation = evaluate("noloc-register-loopbaanprofessional", path)
    cases = checked.findall("testcase")
    assert [c.get("name", "").split(" ")[0] for c in cases] == outcome_ids(evaluation)
    failed = [c.get("name", "").split(" ")[0] for c in cases if c.find("failure") is not None]
    assert failed == ["B1", "B1-uren"]
    hours = next(c for c in cases if c.get("name", "").startswith("B1-uren"))
    failure = hours.find("failure")
    assert failure is not None and "50 more qualifying hours" in (failure.text or "")
    skipped = {
        c.get("name", "").split(" ")[0]: c.find("skipped") for c in cases if c.find("skipped") is not None
    }
    assert skipped["C1-werkveld"] is not None
    assert (skipped["C1-werkveld"].get("message") or "").startswith(
        "for the assessor: Do both guidance processes"
    )
    assert (skipped["A3-evc"].get("message") or "").startswith("not needed")
    assert (checked.get("tests"), checked.get("failures")) == (str(len(cases)), "2")
    assert missing.get("errors") == "1" and missing.find("testcase/error") is not None
