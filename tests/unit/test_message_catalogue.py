"""The message catalogue: every message in every language qualmark has sentences in.

Each message is rendered with the parameters the evaluator really gives it (collected from every
example portfolio of the shipped frameworks), or, for the few the examples never reach, with
parameters written here. A message whose sentence is the same in English and Dutch was not
translated, unless it only lists what the portfolio says.
"""

from __future__ import annotations

from functools import cache

import pytest

from qualmark import load_framework, load_portfolio
from qualmark.explain import Message
from qualmark.messages import LANGUAGES, MESSAGES, fallback_notice, render
from tests.conftest import EXAMPLES, FRAMEWORKS

# Messages no example portfolio gives, with parameters of the shape their rules give them.
WRITTEN = {
    "at_least.required": {"n": 2, "of": 3},
    "at_least.found": {"met": 1, "of": 3},
    "at_least.fix": {"short": 1, "ids": ["R2", "R3"]},
    "cases.fix_none": {},
    "evidence.fix_fewer": {"max": 2, "n": 3, "kind": {"en": "Diploma", "nl": "Diploma"}},
    "experience.years.fix_state": {},
    "experience.years.none": {},
    "notice.not_yet_valid": {"from": "2027-01-01", "as_of": "2026-12-01"},
    "one_of.fix": {"id": "A2", "title": {"en": "Other programme", "nl": "Andere opleiding"}},
    "review.fix_refused": {"question": {"en": "Do the cases differ?", "nl": "Verschillen de casussen?"}},
}
# Messages made only of what the portfolio says (titles of its items, by year): nothing to translate.
PORTFOLIO_ONLY = {"evidence.found", "evidence.by_year"}


@cache
def given() -> dict[str, Message]:
    """A message of each key the evaluator gives over every example portfolio."""
    found: dict[str, Message] = {}
    for path in sorted(FRAMEWORKS.glob("*.yaml")):
        framework = load_framework(path)
        for example in sorted((EXAMPLES / framework.id).glob("*.json")):
            evaluation = framework.evaluate(load_portfolio(example, framework))
            for message in evaluation.notices:
                found.setdefault(message.key, message)
            for top in evaluation.outcomes:
                for outcome in top.walk():
                    for message in (outcome.required, outcome.found, outcome.fix):
                        if message is not None:
                            found.setdefault(message.key, message)
    return found


def sample(key: str) -> Message:
    return given().get(key) or Message(key, WRITTEN[key])


def test_every_message_has_parameters_to_render_with() -> None:
    assert set(given()) | set(WRITTEN) == set(MESSAGES)
    assert not set(given()) & set(WRITTEN), "an example reaches it now: drop it from WRITTEN"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_is_written_in_every_language(key: str) -> None:
    sentences = {lang: render(sample(key), lang) for lang in LANGUAGES}
    assert all(sentences.values())
    if key not in PORTFOLIO_ONLY:
        assert sentences["nl"] != sentences["en"], f"{key} reads the same in Dutch: not translated?"


def test_a_language_without_sentences_gets_english_ones_and_says_so() -> None:
    message = sample("experience.hours.fix")
    assert render(message, "et") == render(message, "en")
    assert fallback_notice("et") is not None and "et" in (fallback_notice("et") or "")
    assert all(fallback_notice(lang) is None for lang in LANGUAGES)
