"""`declarations` (statements agreed to) and `present` (portfolio elements handed in)."""

from __future__ import annotations

from typing import Any

import pytest

from qualmark import FrameworkError, Outcome, PortfolioError, Status
from tests.unit.helpers import en, evaluate, framework, nl, portfolio

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE

TESTING = """\
testing:
  declarations:
    - {id: gedragscode, text: {en: I follow the code of conduct., nl: Ik volg de gedragscode.}}
    - {id: naar-waarheid, text: {en: I answered truthfully., nl: Ik heb naar waarheid geantwoord.}}
  portfolio_elements:
    - {id: cv, label: {en: Curriculum vitae, nl: Curriculum vitae}, assessed: false}
    - {id: motivation, label: {en: Motivation letter, nl: Motivatiebrief}}
  requirements:
"""

FW = framework(
    TESTING
    + """\
    - {id: E, declarations: [gedragscode, naar-waarheid]}
    - {id: CV, present: cv}
    - {id: M, present: motivation}
"""
)


def check(rule_id: str, **parts: Any) -> Outcome:
    result = evaluate(FW, portfolio(**parts)).find(rule_id)
    assert result is not None
    return result


def answered(**agreed: bool) -> dict[str, dict[str, Any]]:
    return {k.replace("_", "-"): {"agreed": v, "date": "2026-03-01"} for k, v in agreed.items()}


# --- declarations ----------------------------------------------------------------------------


def test_all_agreed_is_met() -> None:
    result = check("E", declarations=answered(gedragscode=True, naar_waarheid=True))
    assert result.status is MET
    assert en(result.required) == "2 declarations agreed"
    assert en(result.found) == "both agreed"
    assert nl(result.found) == "beide onderschreven"
    assert result.evidence == ("/declarations/gedragscode", "/declarations/naar-waarheid")
    assert result.fix is None


def test_a_refused_declaration_is_not_met() -> None:
    result = check("E", declarations=answered(gedragscode=False, naar_waarheid=True))
    assert result.status is NOT_MET
    assert en(result.found) == "1 of the 2 agreed; refused: I follow the code of conduct."
    assert nl(result.found) == "1 van de 2 onderschreven; geweigerd: Ik volg de gedragscode."
    assert en(result.fix) == "agree to: I follow the code of conduct."
    assert nl(result.fix) == "onderschrijf: Ik volg de gedragscode."


def test_a_missing_declaration_is_incomplete() -> None:
    result = check("E", declarations=answered(gedragscode=True))
    assert result.status is INCOMPLETE
    assert en(result.found) == "1 of the 2 agreed; not answered: I answered truthfully."
    assert nl(result.found) == "1 van de 2 onderschreven; niet beantwoord: Ik heb naar waarheid geantwoord."
    assert result.evidence == ("/declarations/gedragscode",)


def test_refused_weighs_more_than_missing() -> None:
    assert check("E", declarations=answered(gedragscode=False)).status is NOT_MET


def test_no_declarations_at_all_is_incomplete() -> None:
    result = check("E")
    assert result.status is INCOMPLETE
    assert en(result.fix) == "agree to: I follow the code of conduct., I answered truthfully."


def test_an_unknown_declaration_in_the_portfolio_is_refused() -> None:
    with pytest.raises(PortfolioError) as error:
        evaluate(FW, portfolio(declarations={"gedragcode": {"agreed": True}}))
    assert error.value.problems[0].pointer == "/declarations/gedragcode"


def test_an_unknown_declaration_in_a_rule_is_refused_with_a_suggestion() -> None:
    with pytest.raises(FrameworkError) as error:
        framework(TESTING + "    - {id: E, declarations: [gedragcode]}\n")
    [problem] = error.value.problems
    assert problem.message == "unknown declaration 'gedragcode'"
    assert "gedragscode" in (problem.hint or "")


# --- present ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "element",
    [{"provided": True, "document": "cv.pdf"}, {"provided": True, "text": "2016– career coach"}],
    ids=["document", "text"],
)
def test_an_element_provided_is_met(element: dict[str, Any]) -> None:
    result = check("CV", elements={"cv": element})
    assert result.status is MET
    assert en(result.found) == "provided"
    assert nl(result.found) == "aanwezig"
    assert result.evidence == ("/elements/cv",)


@pytest.mark.parametrize(
    ("element", "found"),
    [
        ({"provided": False, "document": "cv.pdf"}, "missing"),
        ({"provided": True}, "marked as provided, but no document or text given"),
        (
            {"provided": True, "document": "  ", "text": ""},
            "marked as provided, but no document or text given",
        ),
        (
            {"provided": True, "document": "\u200b", "text": "\ufeff"},
            "marked as provided, but no document or text given",
        ),
    ],
    ids=["not-provided", "nothing-attached", "blank", "invisible"],
)
def test_an_element_without_content_is_incomplete(element: dict[str, Any], found: str) -> None:
    result = check("CV", elements={"cv": element})
    assert result.status is INCOMPLETE
    assert en(result.found) == found


def test_a_missing_element_is_incomplete_and_says_what_to_add() -> None:
    result = check("CV")
    assert result.status is INCOMPLETE
    assert en(result.found) == "missing"
    assert nl(result.found) == "ontbreekt"
    assert en(result.fix) == "add Curriculum vitae"
    assert nl(result.fix) == "voeg Curriculum vitae toe"
    assert result.evidence == ()


def test_an_element_not_assessed_is_still_required() -> None:
    result = check("CV")
    assert en(result.required) == "Curriculum vitae handed in (required, not assessed)"
    assert nl(result.required) == "Curriculum vitae aangeleverd (verplicht, niet beoordeeld)"
    assessed = check("M")
    assert en(assessed.required) == "Motivation letter handed in"
    assert nl(assessed.required) == "Motivatiebrief aangeleverd"


def test_an_unknown_element_in_a_rule_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        framework(TESTING + "    - {id: P, present: vc}\n")
    assert [p.message for p in error.value.problems] == ["unknown portfolio element 'vc'"]
