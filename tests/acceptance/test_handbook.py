"""The framework handbook (`qualmark docs`, `Framework.handbook`): what a reader of it finds.

Expectations are read from the framework YAML itself (with PyYAML, not through qualmark), and the
documents are read back with independent parsers: markdown-it-py for the Markdown, the standard
library's HTML parser for the HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from qualmark import load_framework, load_portfolio
from qualmark.messages import LANGUAGES, render
from qualmark.progress import progress
from tests.acceptance.test_cli import assert_no_traceback, qualmark
from tests.conftest import EXAMPLES, FRAMEWORKS

NOLOC = FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml"
ESTQF = FRAMEWORKS / "estqf-career-specialist-7.yaml"
SHIPPED = [NOLOC, ESTQF]


class Text(HTMLParser):
    """The text of an HTML document (entities decoded), and the elements carrying data-* attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.data: list[dict[str, str | None]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if any(k.startswith("data-") for k in found):
            self.data.append(found)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))

    def attribute(self, name: str) -> list[str]:
        return [a[name] or "" for a in self.data if name in a]


def markdown_text(markdown: str) -> str:
    """What a reader of the Markdown sees: rendered by markdown-it-py (CommonMark with tables)."""
    return Text(MarkdownIt("commonmark").enable("table").render(markdown)).text


def words(text: Any, lang: str) -> str:
    """A text of the framework file in ``lang``, as the handbook shows it (one line)."""
    value = text.get(lang, next(iter(text.values()))) if isinstance(text, dict) else str(text)
    return re.sub(r"\s+", " ", value).strip()


def rules(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every requirement of the file, depth first (read from the YAML)."""
    found = []
    for node in nodes:
        found.append(node)
        for key in ("all_of", "one_of"):
            found += rules(node.get(key) or [])
        if isinstance(node.get("at_least"), dict):
            found += rules(node["at_least"]["of"])
    return found


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_noloc_handbook_shows_the_profile_and_every_requirement_with_its_source(lang: str) -> None:
    raw = yaml.safe_load(NOLOC.read_text(encoding="utf-8"))
    shown = markdown_text(load_framework(NOLOC).handbook("markdown", lang))
    profile = raw["profile"]
    assert [len(profile[v]) for v in ("tasks", "knowledge_areas", "competences", "attitude")] == [8, 5, 5, 4]
    for vocabulary in ("tasks", "knowledge_areas", "competences", "attitude"):
        for item in profile[vocabulary]:
            assert words(item["label"], lang) in shown, item["id"]
            for indicator in item.get("indicators", []):
                assert words(indicator, lang) in shown
            if "question" in item:
                assert words(item["question"], lang) in shown
            assert item["source"] in shown
    requirements = rules(raw["testing"]["requirements"])
    assert len(requirements) > 30
    for rule in requirements:
        assert f"{rule['id']} {words(rule['title'], lang)}" in shown
        assert rule["source"] in shown


def test_every_requirement_is_a_row_with_its_statement_in_html() -> None:
    framework = load_framework(NOLOC)
    page = Text(framework.handbook("html", "en"))
    expected = [r.header.id for top in framework.rules for r in top.walk()]
    assert page.attribute("data-rule") == expected
    # the requirements in words, as the evaluator checks them
    assert "at least 1,200 hours of qualifying work" in page.text
    assert "active for at least 2 years" in page.text
    assert "each case completed within the last 2 years" in page.text  # no window dates without a date
    assert "at least 4 of 5" in page.text and "all 5 competences" in page.text
    assert page.attribute("data-vocabulary") == ["tasks", "knowledge_areas", "competences", "attitude"]
    assert len(page.attribute("data-item")) == 8 + 5 + 5 + 4


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_qual_im_g_answers_and_skip_reasons_per_block(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    framework = load_framework(path)
    lang = raw["languages"][0]
    shown = markdown_text(framework.handbook("markdown", lang))
    state = progress(framework.document)
    counts = (
        f"answered {state.count('answered')}, skipped {state.count('skipped')}, "
        f"open {state.count('open')} of {state.total}"
    )
    if lang == "en":
        assert counts in shown
    blocks = [k for k in ("fundamentals", "profile", "testing", "mentoring", "certification") if k in raw]
    for block in blocks:
        for question_id, answer in (raw[block].get("answers") or {}).items():
            if isinstance(answer, dict) and "skip" in answer:
                assert f"{question_id} " in shown and words(answer["skip"], lang) in shown
            elif isinstance(answer, dict) and answer.get("answer") is not None:
                assert words(answer["answer"], lang) in shown
        for own in raw[block].get("questions") or []:
            assert words(own["text"], lang) in shown


def test_the_template_handbook_answers_nothing_yet() -> None:
    framework = load_framework(FRAMEWORKS / "qual-im-g-template.yaml")
    shown = markdown_text(framework.handbook("markdown", "en"))
    assert "answered 0, skipped 0, open 215 of 215" in shown


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_handbook_states_what_the_evaluator_requires(path: Path) -> None:
    """Each rule's requirements (as the handbook prints them) are the `required` of its evaluated
    outcomes, but for the dates of a window, which only an evaluation has."""
    framework = load_framework(path)
    window = re.compile(r" \(\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}\)")
    for example in sorted((EXAMPLES / path.stem).glob("*.json")):
        portfolio = load_portfolio(example, framework)
        evaluation = framework.evaluate(portfolio)
        for top in framework.rules:
            for rule in top.walk():
                outcome = evaluation.find(rule.header.id)
                assert outcome is not None
                evaluated = {
                    window.sub("", render(o.required, "en"))
                    for o in outcome.walk()
                    if o.rule_id == rule.header.id
                    or o.rule_id.startswith((rule.header.id + ".", rule.header.id + "/"))
                }
                for message in rule.requirements(framework.catalogues):
                    stated = render(message, "en")
                    if message.key == "demonstrate.each_case.required" and not portfolio.cases:
                        continue
                    assert stated in evaluated, (example.name, rule.header.id, stated, evaluated)


def test_docs_command_writes_markdown_and_html(tmp_path: Path) -> None:
    result = qualmark("docs", NOLOC)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Handboek: Register Loopbaanprofessional")
    out = tmp_path / "handbook.html"
    result = qualmark("docs", NOLOC, "--format", "html", "--lang", "en", "--out", out)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    # one self-contained file: nothing fetched from anywhere
    page = Text(html)
    assert not [t for t, a in page.tags if t in ("script", "link", "img", "iframe")]
    assert "http" not in "".join(str(a) for _, a in page.tags if _ != "a")


def test_docs_command_refuses_a_language_with_the_ones_it_has(tmp_path: Path) -> None:
    result = qualmark("docs", NOLOC, "--lang", "de")
    assert result.returncode == 2 and result.stdout == ""
    assert "no texts in 'de'" in result.stderr and "--lang nl or --lang en" in result.stderr
    assert_no_traceback(result)
    result = qualmark("docs", NOLOC, "--format", "pdf")
    assert result.returncode == 2
    assert_no_traceback(result)


def test_a_language_without_messages_needs_lang_fallback_and_is_said_once(tmp_path: Path) -> None:
    assert "et" not in LANGUAGES
    framework = tmp_path / "estqf-et.yaml"
    framework.write_text(
        ESTQF.read_text(encoding="utf-8")
        .replace("languages: [en]", "languages: [en, et]")
        .replace(
            'title: {en: "Career Specialist, EstQF Level 7"}',
            "title: {en: Career Specialist, et: Karjäärispetsialist}",
        ),
        encoding="utf-8",
    )
    portfolios = [EXAMPLES / ESTQF.stem / "eligible.json", EXAMPLES / ESTQF.stem / "eligible.json"]
    refused = qualmark("check", framework, *portfolios, "--lang", "et")
    assert refused.returncode == 2
    assert (
        "not written in 'et' (they are in en, nl)" in refused.stderr and "--lang-fallback" in refused.stderr
    )
    text = qualmark("check", framework, *portfolios, "--lang", "et", "--lang-fallback")
    assert text.stdout.count("qualmark's own messages are in English") == 1
    assert text.stdout.startswith("! The framework's texts are in et")
    assert "Karjäärispetsialist" in text.stdout  # the framework's texts in et
    html = qualmark("check", framework, *portfolios, "--lang", "et", "--lang-fallback", "--format", "html")
    assert Text(html.stdout).text.count("qualmark's own messages are in English") == 1
    docs = qualmark("docs", framework, "--lang", "et", "--lang-fallback")
    assert docs.returncode == 0 and "# Handbook: Karjäärispetsialist" in docs.stdout
    assert docs.stdout.count("qualmark's own messages are in English") == 1


def test_texts_of_the_framework_cannot_change_the_handbook(tmp_path: Path) -> None:
    framework = tmp_path / "hostile.yaml"
    framework.write_text(
        ESTQF.read_text(encoding="utf-8").replace(
            'title: {en: "Career Specialist, EstQF Level 7"}',
            'title: "<script>alert(1)</script> *bold* [link](http://x) | cell\\n# Heading"',
        ),
        encoding="utf-8",
    )
    compiled = load_framework(framework)
    html = compiled.handbook("html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    markdown = compiled.handbook("markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert headings[0].tag == "h1"
    inline = tokens[tokens.index(headings[0]) + 1]
    assert [c.type for c in inline.children or []] == ["text"]  # no emphasis, link or html
    assert "⏎" in inline.content  # the line break shown, not a new heading
