"""`reflection`: every case answers the question of every item of a vocabulary."""

from __future__ import annotations

from typing import Any

import pytest

from qualmark import FrameworkError, Outcome, PortfolioError, Status
from tests.unit.helpers import case, en, evaluate, framework, nl, portfolio

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE

PROFILE = """\
profile:
  attitude:
    - id: a1
      label: {en: Integrity, nl: Integriteit}
      question: {en: "How did you act with integrity?", nl: "Hoe handelde je integer?"}
    - id: a2
      label: {en: Diversity, nl: Diversiteit}
      question: {en: "How did you respect diversity?", nl: "Hoe ging je om met diversiteit?"}
  tasks:
    - {id: t1, label: Intake}
"""

FW = framework(PROFILE + "testing:\n  requirements:\n    - {id: C4, reflection: attitude, per: case}\n")


def reflecting(id: str, **answers: str) -> dict[str, Any]:
    return case(id, "2025-01-06", "2025-06-27", reflections=answers)


def check(rule_id: str, *cases: dict[str, Any]) -> Outcome:
    result = evaluate(FW, portfolio(cases=list(cases))).find(rule_id)
    assert result is not None
    return result


BOTH = {"a1": "I told the client about my role.", "a2": "I adapted the tests to her language."}


def test_every_case_answers_every_question() -> None:
    result = check("C4", reflecting("c1", **BOTH), reflecting("c2", **BOTH))
    assert result.status is MET
    assert en(result.required) == "all 2 questions answered in every case"
    assert nl(result.required) == "alle 2 vragen beantwoord in elke casus"
    assert [(c.rule_id, c.status) for c in result.children] == [("C4/c1", MET), ("C4/c2", MET)]
    assert result.children[1].evidence == ("/cases/1/reflections/a1", "/cases/1/reflections/a2")
    assert en(result.children[0].found) == "both answered"


def test_a_case_leaving_a_question_open_is_incomplete() -> None:
    result = check("C4", reflecting("c1", **BOTH), reflecting("c2", a1=BOTH["a1"]))
    assert result.status is INCOMPLETE
    assert en(result.fix) == "meet C4/c2"
    c2 = result.children[1]
    assert c2.status is INCOMPLETE
    assert en(c2.found) == "1 of the 2 answered"
    assert nl(c2.found) == "1 van de 2 beantwoord"
    assert en(c2.fix) == "answer in c2: Diversity"
    assert nl(c2.fix) == "beantwoord in c2: Diversiteit"
    assert c2.evidence == ("/cases/1/reflections/a1",)


@pytest.mark.parametrize("answer", ["   ", "\u200b", "\u2800"], ids=["spaces", "zero-width", "braille-blank"])
def test_a_blank_answer_is_no_answer(answer: str) -> None:
    result = check("C4", reflecting("c1", a1=answer, a2=BOTH["a2"]))
    assert result.status is INCOMPLETE
    assert en(result.children[0].fix) == "answer in c1: Integrity"


def test_an_empty_answer_is_no_answer() -> None:
    assert check("C4", reflecting("c1", a1="", a2=BOTH["a2"])).status is INCOMPLETE


def test_no_cases_is_incomplete() -> None:
    result = check("C4")
    assert result.status is INCOMPLETE
    assert result.children == ()
    assert en(result.fix) == "add the case descriptions"
    assert nl(result.fix) == "voeg de casusbeschrijvingen toe"


def test_never_not_met() -> None:
    """A missing reflection can always still be written: it leaves the rule incomplete, never failed."""
    result = check("C4", reflecting("c1"), reflecting("c2"), reflecting("c3"))
    assert result.status is INCOMPLETE
    assert all(c.status is INCOMPLETE for c in result.children)


def test_an_answer_to_an_unknown_question_is_refused_by_the_schema() -> None:
    with pytest.raises(PortfolioError) as error:
        evaluate(FW, portfolio(cases=[reflecting("c1", a9="?", **BOTH)]))
    assert error.value.problems[0].pointer == "/cases/0/reflections/a9"


def test_reflection_on_items_without_a_question_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        framework(PROFILE + "testing:\n  requirements:\n    - {id: C4, reflection: tasks, per: case}\n")
    assert [p.message for p in error.value.problems] == ["'t1' has no question to reflect on"]
    assert error.value.problems[0].hint == "add question: … to the item"
