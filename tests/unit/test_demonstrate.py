"""`demonstrate`: a profile vocabulary shown in the cases (all, mandatory + electives, at_least + including,
each_case, not_relevant)."""

from __future__ import annotations

from typing import Any

import pytest

from qualmark import FrameworkError, Outcome, PortfolioError, Status
from tests.unit.helpers import case, en, evaluate, framework, nl, portfolio

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE

PROFILE = """\
profile:
  tasks:
    - {id: t1, code: "1", label: {en: Intake, nl: Intake}}
    - {id: t2, code: "2", label: {en: Exploring, nl: Verkennen}}
    - {id: t3, code: "3", label: {en: Carrying out, nl: Uitvoeren}}
  knowledge_areas:
    - {id: k1, label: {en: Career theory, nl: Loopbaantheorie}}
    - {id: k2, label: {en: Human development, nl: Ontwikkeling van de mens}}
    - {id: k3, label: {en: Labour market, nl: Arbeidsmarkt}}
    - {id: k4, label: {en: Ethics, nl: Ethiek}}
    - {id: k5, label: {en: Methods, nl: Methodiek}}
  competences:
    - {id: c1, label: {en: Counselling, nl: Begeleiden}}
    - {id: c2, label: {en: Coaching, nl: Coachen}}
    - {id: e1, label: {en: Career education, nl: Loopbaanonderwijs}, group: elective}
    - {id: e2, label: {en: Career information, nl: Loopbaaninformatie}, group: elective}
"""

FW = framework(
    PROFILE
    + """\
testing:
  requirements:
    - {id: T, demonstrate: tasks, all: true}
    - id: T-nr
      demonstrate: tasks
      all: true
      not_relevant: {motivation: required, shown_in_other_case: true}
    - id: T-nr-optional
      demonstrate: tasks
      all: true
      not_relevant: {motivation: optional, shown_in_other_case: false}
    - {id: T-each, demonstrate: tasks, across: each_case, all: true}
    - id: T-each-nr
      demonstrate: tasks
      across: each_case
      all: true
      not_relevant: {motivation: required, shown_in_other_case: true}
    - {id: K, demonstrate: knowledge_areas, at_least: 3, including: [k1, k2]}
    - {id: B3, demonstrate: competences, all: mandatory, electives: {min: 1}}
"""
)


def shows(id: str, not_relevant: dict[str, str | None] | None = None, **vocabularies: str) -> dict[str, Any]:
    """A case demonstrating items (``tasks="t1 t2"``), with items marked not relevant (id → motivation)."""
    demonstrates = {
        name: [{"id": i, "text": f"In {id} I did {i}."} for i in ids.split()]
        for name, ids in vocabularies.items()
    }
    extra: dict[str, Any] = {"demonstrates": demonstrates}
    if not_relevant is not None:
        extra["not_relevant"] = {
            "tasks": [{"id": i} if m is None else {"id": i, "motivation": m} for i, m in not_relevant.items()]
        }
    return case(id, "2025-01-06", "2025-06-27", **extra)


def check(rule_id: str, *cases: dict[str, Any]) -> Outcome:
    result = evaluate(FW, portfolio(cases=list(cases))).find(rule_id)
    assert result is not None
    return result


# --- all: true -------------------------------------------------------------------------------


def test_all_items_shown_across_the_cases() -> None:
    result = check("T", shows("c1", tasks="t1 t2"), shows("c2", tasks="t3"))
    assert result.status is MET
    assert en(result.found) == "all 3 tasks shown"
    assert nl(result.found) == "alle 3 taken aangetoond"
    assert en(result.required) == "all 3 tasks"
    assert result.evidence == (  # item by item, in the order the portfolio shows them
        "/cases/0/demonstrates/tasks/0",
        "/cases/0/demonstrates/tasks/1",
        "/cases/1/demonstrates/tasks/0",
    )


def test_an_item_not_shown_anywhere_is_not_met_and_named() -> None:
    result = check("T", shows("c1", tasks="t1 t2"), shows("c2", tasks="t1"))
    assert result.status is NOT_MET
    assert en(result.found) == "2 of the 3 tasks shown"
    assert en(result.fix) == "demonstrate Carrying out"
    assert nl(result.fix) == "toon aan: Uitvoeren"


def test_no_cases_is_incomplete() -> None:
    result = check("T")
    assert result.status is INCOMPLETE
    assert en(result.fix) == "add the case descriptions"
    assert nl(result.fix) == "voeg de casusbeschrijvingen toe"


@pytest.mark.parametrize(
    "text", ["  \n ", "\ufeff", "\u200b\u2060", "\u3164"], ids=["spaces", "bom", "zero-width", "filler"]
)
def test_a_blank_text_does_not_count(text: str) -> None:
    """Text a reader cannot see is no text: invisible characters only count as blank."""
    blank = case("c2", "2025-01-06", "2025-06-27", demonstrates={"tasks": [{"id": "t3", "text": text}]})
    result = check("T", shows("c1", tasks="t1 t2"), blank)
    assert result.status is NOT_MET
    assert en(result.fix) == "demonstrate Carrying out"


def test_an_empty_text_is_refused_by_the_portfolio_schema() -> None:
    empty = case("c1", demonstrates={"tasks": [{"id": "t1", "text": ""}]})
    with pytest.raises(PortfolioError) as error:
        evaluate(FW, portfolio(cases=[empty]))
    assert [p.pointer for p in error.value.problems] == ["/cases/0/demonstrates/tasks/0/text"]


def test_an_item_mentioned_twice_counts_once_with_the_text_that_has_content() -> None:
    twice = case(
        "c1",
        demonstrates={"tasks": [{"id": "t1", "text": " "}, {"id": "t1", "text": "Intake done."}]},
    )
    result = check("T", twice, shows("c2", tasks="t2 t3"))
    assert result.status is MET
    assert "/cases/0/demonstrates/tasks/1" in result.evidence
    assert "/cases/0/demonstrates/tasks/0" not in result.evidence


# --- all: mandatory + electives --------------------------------------------------------------


def test_mandatory_and_one_elective_is_met() -> None:
    result = check("B3", shows("c1", competences="c1 e1"), shows("c2", competences="c2"))
    assert result.status is MET
    assert en(result.required) == "all 2 mandatory competences; at least 1 elective"
    assert en(result.found) == "3 of the 4 competences shown, 1 elective"


def test_mandatory_without_an_elective_is_not_met() -> None:
    result = check("B3", shows("c1", competences="c1 c2"))
    assert result.status is NOT_MET
    assert en(result.fix) == "add 1 elective of: Career education, Career information"
    assert nl(result.fix) == "toon 1 keuze-onderdeel aan uit: Loopbaanonderwijs, Loopbaaninformatie"


def test_electives_do_not_replace_a_mandatory_item() -> None:
    result = check("B3", shows("c1", competences="c1 e1 e2"))
    assert result.status is NOT_MET
    assert en(result.fix) == "demonstrate Coaching"


# --- at_least + including --------------------------------------------------------------------


def test_at_least_with_the_named_items_is_met() -> None:
    result = check("K", shows("c1", knowledge_areas="k1"), shows("c2", knowledge_areas="k2 k4"))
    assert result.status is MET
    assert en(result.required) == "each of: Career theory, Human development; at least 3 of 5"
    assert nl(result.required) == "elk van: Loopbaantheorie, Ontwikkeling van de mens; minstens 3 van 5"


def test_enough_items_but_a_named_one_missing_is_not_met() -> None:
    result = check("K", shows("c1", knowledge_areas="k1 k3 k4"))
    assert result.status is NOT_MET
    assert en(result.fix) == "demonstrate Human development"


def test_named_items_but_too_few_in_all_is_not_met() -> None:
    result = check("K", shows("c1", knowledge_areas="k1 k2"))
    assert result.status is NOT_MET
    assert en(result.fix) == "add 1 more of: Labour market, Ethics, Methods"
    assert nl(result.fix) == "toon er nog 1 aan uit: Arbeidsmarkt, Ethiek, Methodiek"


def test_a_named_item_missing_and_too_few_asks_for_both() -> None:
    result = check("K", shows("c1", knowledge_areas="k1"))
    assert result.status is NOT_MET
    assert en(result.fix) == "demonstrate Human development; add 1 more of: Labour market, Ethics, Methods"


# --- each_case -------------------------------------------------------------------------------


def test_each_case_must_show_every_item() -> None:
    result = check("T-each", shows("c1", tasks="t1 t2 t3"), shows("c2", tasks="t1 t2"))
    assert result.status is NOT_MET
    assert [(c.rule_id, c.status) for c in result.children] == [("T-each/c1", MET), ("T-each/c2", NOT_MET)]
    assert en(result.fix) == "meet T-each/c2"
    assert en(result.children[1].fix) == "demonstrate Carrying out"
    assert set(result.children[1].evidence) == {
        "/cases/1/demonstrates/tasks/0",
        "/cases/1/demonstrates/tasks/1",
    }


def test_each_case_met_when_every_case_shows_everything() -> None:
    result = check("T-each", shows("c1", tasks="t1 t2 t3"), shows("c2", tasks="t3 t2 t1"))
    assert result.status is MET
    assert en(result.required) == "shown in every case"


def test_each_case_without_cases_is_incomplete() -> None:
    assert check("T-each").status is INCOMPLETE


# --- each_case with not_relevant (Noloc C.1: every task in each case, or motivated as not relevant) --


def test_each_case_a_task_marked_not_relevant_and_shown_in_the_other_case_is_met() -> None:
    result = check(
        "T-each-nr",
        shows("c1", tasks="t1 t2", not_relevant={"t3": "The client found a job before we got there."}),
        shows("c2", tasks="t1 t2 t3"),
    )
    assert result.status is MET
    assert [c.rule_id for c in result.children] == ["T-each-nr/c1", "T-each-nr/c2", "T-each-nr.not_relevant"]


def test_each_case_a_task_silently_left_out_of_one_case_is_not_met() -> None:
    # pooled over both cases every task is there, but case 1 neither shows t3 nor says why not
    result = check("T-each-nr", shows("c1", tasks="t1 t2"), shows("c2", tasks="t1 t2 t3"))
    assert result.status is NOT_MET
    assert [o.rule_id for o in result.children if o.status is not MET] == ["T-each-nr/c1"]
    assert en(result.children[0].fix) == "demonstrate Carrying out"


def test_each_case_not_relevant_without_motivation_is_incomplete() -> None:
    result = check(
        "T-each-nr", shows("c1", tasks="t1 t2", not_relevant={"t3": None}), shows("c2", tasks="t1 t2 t3")
    )
    assert result.status is INCOMPLETE
    assert [o.rule_id for o in result.children if o.status is not MET] == ["T-each-nr.not_relevant"]


def test_each_case_not_relevant_in_one_case_and_missing_in_the_other_is_not_met() -> None:
    result = check(
        "T-each-nr",
        shows("c1", tasks="t1 t2", not_relevant={"t3": "Not part of this question."}),
        shows("c2", tasks="t1 t2"),
    )
    assert result.status is NOT_MET
    failing = {o.rule_id for o in result.children if o.status is not MET}
    assert failing == {"T-each-nr/c2", "T-each-nr.not_relevant"}


# --- not_relevant ----------------------------------------------------------------------------


def test_not_relevant_motivated_and_shown_in_the_other_case() -> None:
    result = check(
        "T-nr",
        shows("c1", tasks="t1 t2", not_relevant={"t3": "The client found a job before we got there."}),
        shows("c2", tasks="t1 t2 t3"),
    )
    assert result.status is MET
    [nr] = result.children
    assert nr.rule_id == "T-nr.not_relevant"
    assert nr.status is MET
    assert en(nr.found) == "marked not relevant: Carrying out (c1)"
    assert nr.evidence == ("/cases/0/not_relevant/tasks/0",)


def test_not_relevant_without_motivation_is_incomplete() -> None:
    result = check(
        "T-nr", shows("c1", tasks="t1 t2", not_relevant={"t3": None}), shows("c2", tasks="t1 t2 t3")
    )
    assert result.status is INCOMPLETE
    assert en(result.fix) == "explain in c1 why Carrying out was not relevant"
    assert nl(result.fix) == "motiveer in c1 waarom Uitvoeren niet relevant was"
    assert en(result.children[0].found) == (
        "marked not relevant: Carrying out (c1); without motivation: Carrying out"
    )


@pytest.mark.parametrize("motivation", ["   ", "\u200b"], ids=["spaces", "zero-width"])
def test_a_blank_motivation_is_no_motivation(motivation: str) -> None:
    result = check(
        "T-nr", shows("c1", tasks="t1 t2", not_relevant={"t3": motivation}), shows("c2", tasks="t1 t2 t3")
    )
    assert result.status is INCOMPLETE


def test_not_relevant_and_not_shown_in_another_case_is_not_met() -> None:
    result = check(
        "T-nr",
        shows("c1", tasks="t1 t2", not_relevant={"t3": "No time left."}),
        shows("c2", tasks="t1 t2"),
    )
    assert result.status is NOT_MET
    [nr] = result.children
    assert nr.status is NOT_MET
    assert en(nr.fix) == "demonstrate Carrying out in a case other than c1"
    assert nl(nr.fix) == "toon Uitvoeren aan in een andere casus dan c1"
    assert en(nr.found).endswith("; not shown in another case: Carrying out")


def test_shown_in_the_same_case_that_marks_it_not_relevant_does_not_count() -> None:
    result = check(
        "T-nr",
        shows("c1", tasks="t1 t2 t3", not_relevant={"t3": "Only partly."}),
        shows("c2", tasks="t1 t2"),
    )
    assert result.children[0].status is NOT_MET
    assert result.status is NOT_MET


def test_optional_motivation_and_no_other_case_needed() -> None:
    result = check(
        "T-nr-optional", shows("c1", tasks="t1 t2 t3"), shows("c2", tasks="t1 t2", not_relevant={"t3": None})
    )
    assert result.status is MET
    assert result.children[0].status is MET


def test_nothing_marked_not_relevant() -> None:
    result = check("T-nr", shows("c1", tasks="t1 t2 t3"), shows("c2", tasks="t1 t2 t3"))
    assert result.status is MET
    assert en(result.children[0].found) == "nothing marked not relevant"


# --- compile-time checks ---------------------------------------------------------------------


def _rule(spec: str) -> None:
    framework(PROFILE + f"testing:\n  requirements:\n    - {{id: X, {spec}}}\n")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "demonstrate: knowledge_areas, at_least: 6",
            "at_least 6 can never be met: knowledge_areas has 5 items",
        ),
        ("demonstrate: knowledge_areas, at_least: 2, including: [k9]", "unknown knowledge area 'k9'"),
        ("demonstrate: tasks", "say what of 'tasks' must be shown"),
        (
            "demonstrate: competences, electives: {min: 3}",
            "electives min 3 can never be met: competences has 2 electives",
        ),
        ("demonstrate: skills, all: true", "unknown vocabulary 'skills'"),
    ],
)
def test_impossible_or_unknown_selections_are_refused(spec: str, message: str) -> None:
    with pytest.raises(FrameworkError) as error:
        _rule(spec)
    assert any(p.message.startswith(message) for p in error.value.problems), error.value.problems
