"""`review`: questions only an assessor answers, and the judgements that decide them."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import (
    Framework,
    FrameworkError,
    JudgementsError,
    Status,
    Verdict,
    parse_judgements,
)
from qualmark.portfolio import portfolio_from_data
from tests.unit.helpers import AS_OF, en, framework, nl, portfolio

MET, NOT_MET, INCOMPLETE, REVIEW = Status.MET, Status.NOT_MET, Status.INCOMPLETE, Status.REVIEW


def reviewed(assessors: int | None = 2) -> Framework:
    method = f"certification:\n  method: {{assessors: {assessors}}}\n" if assessors else ""
    return framework(
        method
        + textwrap.dedent(
            """\
        testing:
          declarations:
            - {id: d0, text: Statement 0}
            - {id: d1, text: Statement 1}
          requirements:
            - id: Q
              declarations: [d0]
              review:
                question: {en: "Is the statement credible?", nl: "Is de verklaring geloofwaardig?"}
                by: assessor
            - id: P
              declarations: [d1]
        """
        )
    )


FW = reviewed()


def judgements(*entries: tuple[str, str, str], candidate: str = "Anna de Vries", version: str = "1") -> str:
    """A judgements file: (item, decision, assessor) per entry."""
    lines = [
        "qualmark_judgements: 1",
        f"candidate: {candidate}",
        f'framework: {{id: unit-test, version: "{version}"}}',
        "judgements:" if entries else "judgements: []",
    ]
    for item, decision, assessor in entries:
        lines += [
            f"  - item: {item}",
            f"    decision: {decision}",
            f"    assessor: {assessor}",
            "    date: 2026-03-20",
            "    rationale: Read the portfolio.",
        ]
    return "\n".join(lines) + "\n"


def run(fw: Framework, answers: dict[str, Any], *entries: tuple[str, str, str], **file: Any) -> Any:
    data = portfolio(declarations=answers)
    judged = parse_judgements(judgements(*entries, **file), "j.yaml") if entries or file else None
    return fw.evaluate(portfolio_from_data(data, "p.json"), as_of=AS_OF, judgements=judged)


BOTH = {"d0": {"agreed": True}, "d1": {"agreed": True}}


def test_a_met_rule_under_review_awaits_the_assessor() -> None:
    evaluation = run(FW, BOTH)
    outcome = evaluation.find("Q")
    assert outcome.status is REVIEW
    assert evaluation.verdict is Verdict.REVIEW
    assert [o.rule_id for o in evaluation.reviews()] == ["Q"]
    assert evaluation.gaps() == []
    assert en(outcome.fix) == "for the assessor: Is the statement credible?"
    assert nl(outcome.fix) == "voor de assessor: Is de verklaring geloofwaardig?"
    record = evaluation.to_json("en")
    assert record["verdict"] == "review"
    assert record["outcomes"][0]["review"] == {
        "question": "Is the statement credible?",
        "by": "assessor",
        "needed": 2,
        "decision": None,
        "judgements": [],
    }


@pytest.mark.parametrize(("answer", "status"), [({"agreed": False}, NOT_MET), (None, INCOMPLETE)])
def test_a_rule_that_fails_its_machine_check_is_not_put_to_the_assessor(
    answer: dict[str, bool] | None, status: Status
) -> None:
    answers = {"d1": {"agreed": True}} | ({"d0": answer} if answer else {})
    evaluation = run(FW, answers, ("Q", "met", "A"), ("Q", "met", "B"))
    assert evaluation.find("Q").status is status  # the judgements decide nothing
    assert evaluation.reviews() == []


def test_two_agreeing_assessors_decide() -> None:
    evaluation = run(FW, BOTH, ("Q", "met", "Marieke Jansen"), ("Q", "met", "Pieter Bakker"))
    assert evaluation.verdict is Verdict.ELIGIBLE
    outcome = evaluation.find("Q")
    assert outcome.status is MET and outcome.fix is None
    assert [j.assessor for j in outcome.review.judgements] == ["Marieke Jansen", "Pieter Bakker"]
    assert evaluation.to_json()["outcomes"][0]["review"]["decision"] == "met"


def test_two_assessors_refusing_make_it_not_met() -> None:
    evaluation = run(FW, BOTH, ("Q", "not_met", "A"), ("Q", "not_met", "B"))
    assert evaluation.verdict is Verdict.NOT_ELIGIBLE
    assert en(evaluation.find("Q").fix) == "the assessors judged not met: Is the statement credible?"


def test_one_assessor_of_two_leaves_it_in_review() -> None:
    outcome = run(FW, BOTH, ("Q", "met", "A")).find("Q")
    assert outcome.status is REVIEW
    assert en(outcome.fix).endswith("(1 of 2 assessors agreed so far)")


def test_disagreement_leaves_it_in_review_and_says_so() -> None:
    outcome = run(FW, BOTH, ("Q", "met", "A"), ("Q", "not_met", "B")).find("Q")
    assert outcome.status is REVIEW
    assert en(outcome.fix).endswith("(the assessors disagree)")
    assert nl(outcome.fix).endswith("(de assessoren zijn het oneens)")


def test_one_assessor_suffices_when_the_framework_names_none() -> None:
    assert run(reviewed(None), BOTH, ("Q", "met", "A")).verdict is Verdict.ELIGIBLE


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["met", "not_met"]), st.sampled_from("ABC")),
        max_size=4,
        unique_by=lambda j: j[1],
    ),
    st.integers(1, 3),
)
def test_agreement_law(entries: list[tuple[str, str]], needed: int) -> None:
    """Decided exactly when at least ``needed`` different assessors judged and all agree."""
    evaluation = run(reviewed(needed), BOTH, *[("Q", d, a) for d, a in entries])
    status = evaluation.findings[0].status  # decided before anything is explained
    outcome = evaluation.find("Q")
    assert outcome.status is status
    decisions = {d for d, _ in entries}
    if len(entries) >= needed and len(decisions) == 1:
        assert outcome.status is (MET if decisions == {"met"} else NOT_MET)
    else:
        assert outcome.status is REVIEW


# --- the judgements file: every problem at its place ------------------------------------------


def problems(text: str, answers: dict[str, Any] = BOTH) -> list[str]:
    with pytest.raises(JudgementsError) as error:
        judged = parse_judgements(text, "j.yaml")
        FW.evaluate(portfolio_from_data(portfolio(declarations=answers), "p.json"), judgements=judged)
    return [f"{p.where}: {p.message}" for p in error.value.problems]


def test_judgements_for_another_candidate_are_refused() -> None:
    assert problems(judgements(("Q", "met", "A"), candidate="Bob")) == [
        "j.yaml:2:12: these judgements are for candidate 'Bob', not 'Anna de Vries' of 'p.json'"
    ]


def test_judgements_for_another_framework_version_are_refused() -> None:
    assert problems(judgements(("Q", "met", "A"), version="2")) == [
        "j.yaml:3:37: these judgements are for version '2' of 'unit-test', not version '1'"
    ]


def test_a_judgement_on_an_item_that_is_not_under_review_is_refused() -> None:
    with pytest.raises(JudgementsError) as error:
        FW.evaluate(
            portfolio_from_data(portfolio(declarations=BOTH), "p.json"),
            judgements=parse_judgements(judgements(("P", "met", "A"), ("q", "met", "A")), "j.yaml"),
        )
    first, second = error.value.problems
    assert (str(first.span), first.message, first.hint) == (
        "j.yaml:5:11",
        "'P' is not a review item of 'unit-test'",
        "review items: Q",
    )
    assert (str(second.span), second.hint) == ("j.yaml:10:11", "did you mean 'Q'?")


def test_an_assessor_judging_an_item_twice_is_refused() -> None:
    [message] = problems(judgements(("Q", "met", "A"), ("Q", "not_met", "A")))
    assert message == "j.yaml:12:15: 'A' judges 'Q' twice (first at judgements[0])"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("decision: met", "decision: yes"), "j.yaml:6:15"),
        (("assessor: A", "assessor: ' '"), "j.yaml:7:15"),
        (("date: 2026-03-20", "date: last week"), "j.yaml:8:11"),
        (("rationale: Read the portfolio.", "rationale: ''"), "j.yaml:9:16"),
        (("qualmark_judgements: 1", "qualmark_judgements: 2"), "j.yaml:1:22"),
    ],
)
def test_a_judgements_file_that_does_not_fit_is_refused_at_the_place(
    change: tuple[str, str], where: str
) -> None:
    text = judgements(("Q", "met", "A")).replace(*change)
    with pytest.raises(JudgementsError) as error:
        parse_judgements(text, "j.yaml")
    assert [str(p.span) for p in error.value.problems] == [where]


# --- the framework side -------------------------------------------------------------------------


def test_an_advisory_rule_cannot_take_a_review() -> None:
    with pytest.raises(FrameworkError) as error:
        framework(
            """\
            testing:
              declarations: [{id: d0, text: Statement 0}]
              requirements:
                - id: Q
                  advisory: true
                  declarations: [d0]
                  review: {question: {en: "Why?"}, by: assessor}
            """
        )
    [problem] = error.value.problems
    assert problem.message == "an advisory rule never fails, so an assessor's judgement on it decides nothing"


def test_a_review_needs_a_question() -> None:
    with pytest.raises(FrameworkError):
        framework(
            """\
            testing:
              declarations: [{id: d0, text: Statement 0}]
              requirements:
                - {id: Q, declarations: [d0], review: {by: assessor}}
            """
        )


def test_all_of_over_a_review_item_says_what_awaits() -> None:
    fw = framework(
        """\
        testing:
          declarations: [{id: d0, text: Statement 0}, {id: d1, text: Statement 1}]
          requirements:
            - id: X
              all_of:
                - {id: Q, declarations: [d0], review: {question: {en: "Credible?", nl: "Geloofwaardig?"}}}
                - {id: P, declarations: [d1]}
        """
    )
    outcome = run(fw, BOTH).find("X")
    assert outcome.status is REVIEW
    assert en(outcome.fix) == "awaiting the assessors: Q"


def test_dates_in_judgements_are_dates() -> None:
    judged = parse_judgements(judgements(("Q", "met", "A")), "j.yaml")
    assert judged.document.judgements[0].date == dt.date(2026, 3, 20)
