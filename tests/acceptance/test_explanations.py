"""Explanations read as findings: amounts with what is needed, no fractions of a minimum, no
"(s)" plurals, no set notation — for every example portfolio of both shipped frameworks, in
every language the engine speaks."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from qualmark import load_framework, load_portfolio
from qualmark.explain import Message
from qualmark.messages import Lang, render
from tests.conftest import EXAMPLES, FRAMEWORKS

FRAMEWORK_NAMES = ["noloc-register-loopbaanprofessional", "estqf-career-specialist-7"]

# "1,150 of 1,200 hours", "108 van 98 studie-uren": a minimum written as a fraction
FRACTION_OF_A_MINIMUM = re.compile(r"\b\d[\d.,]* (of|van) \d[\d.,]* (hours?|uur|study hours|studie-uren)\b")


def _texts(value: Any) -> Iterator[str]:
    """Every rendered sentence in an evaluation's JSON."""
    if isinstance(value, dict):
        if isinstance(value.get("text"), str):
            yield value["text"]
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize("name", FRAMEWORK_NAMES)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_explanation_reads_as_a_fraction_or_hedges_its_plural(name: str, lang: str) -> None:
    framework = load_framework(FRAMEWORKS / f"{name}.yaml")
    examples = sorted((EXAMPLES / name).glob("*.json"))
    assert len(examples) > 10
    for path in examples:
        evaluation = framework.evaluate(load_portfolio(path, framework))
        texts = list(_texts(evaluation.to_json(lang)))
        assert texts, path
        for text in texts:
            assert not FRACTION_OF_A_MINIMUM.search(text), (path.name, text)
            assert "(s)" not in text and "(en)" not in text, (path.name, text)
            assert "∈" not in text, (path.name, text)


def test_a_shortfall_names_the_number_and_the_minimum() -> None:
    framework = load_framework(FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml")
    portfolio = load_portfolio(
        EXAMPLES / "noloc-register-loopbaanprofessional" / "fail-b1-hours.json", framework
    )
    hours = framework.evaluate(portfolio).find("B1-uren")
    assert hours is not None
    assert render(hours.found, "en").startswith("1,150 hours: 50 short of 1,200")
    assert render(hours.found, "nl").startswith("1.150 uur: 50 te weinig (1.200 nodig)")
    met = framework.evaluate(
        load_portfolio(EXAMPLES / "noloc-register-loopbaanprofessional" / "eligible.json", framework)
    ).find("B1-uren")
    assert met is not None and render(met.found, "en").startswith("5,200 hours (1,200 needed)")


def test_an_evc_report_too_old_gives_its_date_the_evaluation_date_and_the_cut_off() -> None:
    framework = load_framework(FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml")
    path = EXAMPLES / "noloc-register-loopbaanprofessional" / "fail-a3-evc-too-old.json"
    outcome = framework.evaluate(load_portfolio(path, framework)).find("A3-evc")
    assert outcome is not None
    issued = json.loads(path.read_text(encoding="utf-8"))
    report = next(e for e in issued["evidence"] if e["kind"] == "evc-rapportage")
    assert (
        f"issued {report['issued']}, more than 2 years before 2026-10-01 (issued on or after 2024-10-01 needed)"
        in render(outcome.found, "en")
    )


@pytest.mark.parametrize(
    ("short", "en", "nl"),
    [(1, "1 more qualifying hour", "nog 1 uur"), (50, "50 more qualifying hours", "nog 50 uur")],
)
def test_the_fix_for_missing_hours_says_hour_in_the_singular(short: int, en: str, nl: str) -> None:
    fix = Message("experience.hours.fix", {"short": short})
    assert render(fix, "en") == en
    assert render(fix, "nl").startswith(nl)


@pytest.mark.parametrize(
    ("done", "n", "en", "nl"),
    [
        (1, 1, "met", "voldaan"),
        (0, 1, "not met", "niet voldaan"),
        (2, 2, "both met", "beide voldaan"),
        (5, 5, "all 5 met", "alle 5 voldaan"),
        (0, 3, "none of the 3 met", "geen van de 3 voldaan"),
        (4, 5, "4 of the 5 met", "4 van de 5 voldaan"),
    ],
)
def test_how_many_parts_are_met_reads_as_a_finding(done: int, n: int, en: str, nl: str) -> None:
    found = Message("all_of.found", {"met": done, "n": n})
    assert (render(found, "en"), render(found, "nl")) == (en, nl)


def test_a_list_of_allowed_values_is_written_out() -> None:
    condition = {
        "field": "by",
        "label": {"en": "Conducted by"},
        "op": "in",
        "value": ["bureau", "psychologist"],
    }
    assert Lang("en", "en").condition(condition) == "Conducted by: bureau or psychologist"
