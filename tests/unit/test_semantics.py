"""What rules mean together: subsumed alternatives, uncounted advisories, items no rule asks for,
contradicting counts (an error), and the implication between conditions they rest on."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualmark import FrameworkError, parse_framework
from qualmark.framework import examine_framework
from qualmark.lint import findings
from qualmark.model.framework import ConditionSpec
from qualmark.rules.conditions import compile_condition
from tests.unit.test_compiler import HEADER, PROFILE, at


def warnings(body: str, *, profile: str = PROFILE) -> list[tuple[int, int, str]]:
    examination = examine_framework(HEADER + profile + body, "fw.yaml")
    assert examination.error is None, examination.error
    return [
        (f.problem.span.line, f.problem.span.column, f.problem.message)
        for f in findings(examination)
        if f.problem.span and "has no source" not in f.problem.message
    ]


def one_of(*alternatives: str) -> str:
    lines = "".join(f"        - {a}\n" for a in alternatives)
    return f"  requirements:\n    - id: R\n      source: s\n      one_of:\n{lines}"


# --- subsumed alternatives ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("narrow", "wide"),
    [
        ("{hours: {min: 20}, signed: true}", "{hours: {min: 10}}"),
        ("{hours: 15}", "{hours: {min: 10, max: 20}}"),
        ("{field: social}", "{field: {in: [social, other]}}"),
        ("{field: {in: [social]}}", "{field: {in: [social, other]}}"),
        ("{signed: true}", "{signed: {present: true}}"),
        ("{level: {min: NLQF6}, signed: true}", "{level: {min: NLQF6}}"),
    ],
    ids=["min", "eq-in-range", "eq-in-set", "subset", "present", "extra-condition"],
)
def test_an_alternative_whose_conditions_imply_anothers_is_subsumed(narrow: str, wide: str) -> None:
    body = one_of(
        f"{{id: A1, evidence: diploma, where: {wide}}}",
        f"{{id: A2, evidence: diploma, where: {narrow}}}",
    )
    found = warnings(body)
    assert found == [
        (
            *at(body, "A2"),
            "alternative 'A2' of 'R' is subsumed by 'A1': a portfolio that meets it also meets 'A1', "
            "so it never decides",
        )
    ]


@pytest.mark.parametrize(
    ("a1", "a2"),
    [
        ("{hours: {min: 10}}", "{hours: {max: 20}}"),
        ("{hours: {min: 10}}", "{hours: {in: [5, 15]}}"),
        ("{field: {in: [social]}}", "{field: {in: [other]}}"),
        ("{signed: true}", "{signed: {present: false}}"),
        ("{signed: true}", "{hours: {min: 1}}"),
        # NLQF7 is above NLQF6, but levels are compared through scales: not judged here, so not reported
        ("{level: {min: NLQF6}}", "{level: {min: NLQF7}}"),
    ],
    ids=["other-bound", "value-outside", "other-values", "absent", "other-field", "levels"],
)
def test_alternatives_neither_of_which_implies_the_other_are_not_reported(a1: str, a2: str) -> None:
    body = one_of(
        f"{{id: A1, evidence: diploma, where: {a1}}}", f"{{id: A2, evidence: diploma, where: {a2}}}"
    )
    assert warnings(body) == []


def test_age_count_and_review_decide_too() -> None:
    stricter = one_of(
        "{id: A1, evidence: diploma, max_age: {years: 5}}",
        "{id: A2, evidence: diploma, max_age: {years: 2}, count: 2}",
    )
    [message] = [m for *_, m in warnings(stricter)]
    assert message.startswith("alternative 'A2' of 'R' is subsumed by 'A1'")
    capped = one_of("{id: A1, evidence: diploma, count: {max: 3}}", "{id: A2, evidence: diploma, count: 2}")
    assert warnings(capped) == []  # four diplomas meet A2 but not A1
    reviewed = one_of(
        '{id: A1, evidence: diploma, review: {question: "Is it relevant?"}}',
        "{id: A2, evidence: diploma, where: {signed: true}}",
    )
    assert warnings(reviewed) == []  # meeting A2 leaves A1 to an assessor


def test_the_same_alternative_twice_is_reported_once_at_the_second() -> None:
    body = one_of("{id: A1, evidence: diploma, count: 2}", "{id: A2, evidence: diploma, count: 2}")
    assert warnings(body) == [(*at(body, "A2"), "alternative 'A2' of 'R' checks the same as 'A1'")]


# --- advisory rules in a branch, items no rule asks for ----------------------------------------


def test_an_advisory_alternative_or_part_never_counts() -> None:
    body = one_of(
        "{id: A1, evidence: diploma}", "{id: A2, evidence: diploma, where: {signed: true}, advisory: true}"
    )
    assert [m for *_, m in warnings(body)] == [
        "advisory alternative 'A2' of 'R' never counts: an advisory rule neither meets nor fails a one_of"
    ]
    body = """\
  requirements:
    - id: R
      source: s
      at_least:
        n: 1
        of:
          - {id: P1, evidence: diploma}
          - {id: P2, evidence: diploma, where: {signed: true}, advisory: true}
"""
    assert warnings(body) == [
        (
            *at(body, "P2"),
            "advisory part 'P2' of 'R' never counts: an advisory rule neither meets nor fails a at_least",
        )
    ]


def test_an_item_no_rule_can_ask_for_is_reported_at_the_item() -> None:
    # coaching is an elective, and the only rule on competences asks for the mandatory ones
    body = "  requirements:\n    - {id: C, source: s, demonstrate: competences, all: mandatory}\n"
    assert warnings(body) == [
        (*at(PROFILE, "coaching", profile=False), "no rule asks for competences item 'coaching'")
    ]
    body = "  requirements:\n    - {id: C, source: s, demonstrate: competences, all: mandatory, electives: {min: 1}}\n"
    assert warnings(body) == []


def test_a_vocabulary_no_rule_reads_is_not_reported() -> None:
    # the profile may describe more than the testing checks: knowledge_areas is read by no rule here
    assert warnings("  requirements:\n    - {id: A, source: s, evidence: diploma}\n") == []


# --- contradicting counts: an error ------------------------------------------------------------


def test_counts_that_exclude_each_other_are_an_error() -> None:
    body = """\
  requirements:
    - {id: G, source: s, evidence: diploma, count: {max: 1}}
    - id: H
      source: s
      all_of:
        - {id: H1, evidence: diploma, where: {signed: true}, count: 2}
"""
    with pytest.raises(FrameworkError) as caught:
        parse_framework(HEADER + PROFILE + body, "fw.yaml")
    [problem] = caught.value.problems
    assert (problem.span.line, problem.span.column) == at(body, "H1") if problem.span else False
    assert (
        problem.message
        == "rules 'H1' and 'G' can never both be met: 'H1' needs at least 2 of what 'G' allows at most 1 of"
    )


def test_counts_in_different_alternatives_do_not_contradict() -> None:
    body = one_of(
        "{id: A1, evidence: diploma, count: {max: 1}}",
        "{id: A2, evidence: diploma, where: {signed: true}, count: 2}",
    )
    assert warnings(body) == []
    cases = "  requirements:\n    - {id: C1, source: s, cases: {count: {exactly: 2}}}\n    - {id: C2, source: s, cases: {count: 3}}\n"
    with pytest.raises(FrameworkError, match="'C2' needs at least 3 of what 'C1' allows at most 2 of"):
        parse_framework(HEADER + PROFILE + cases, "fw.yaml")


# --- implication between conditions is sound ---------------------------------------------------

numbers = st.integers(-5, 25)
bounds: Any = st.fixed_dictionaries(
    {},
    optional={"min": numbers, "max": numbers, "in": st.lists(numbers, min_size=1, max_size=4)},
)
conditions = st.one_of(numbers, bounds, st.just({"present": True}))


def _compiled(spec: Any) -> Any:
    written = ConditionSpec.model_validate(spec) if isinstance(spec, dict) else spec
    condition, errors = compile_condition("hours", written, "number", None, False)
    return condition if not errors else None


@given(conditions, conditions, st.lists(numbers, min_size=1, max_size=30))
def test_a_condition_that_implies_another_never_passes_a_value_the_other_fails(
    a: Any, b: Any, values: list[int]
) -> None:
    first, second = _compiled(a), _compiled(b)
    if first is None or second is None or not first.implies(second):
        return
    for value in values:
        if first.test(value)[0] is True:
            assert second.test(value)[0] is True, (a, b, value)


def test_implication_is_found_where_it_holds() -> None:
    # the property above cannot fail if implies() always said no
    assert _compiled({"min": 10}).implies(_compiled({"min": 5}))
    assert _compiled(7).implies(_compiled({"in": [6, 7]}))
    assert _compiled({"in": [6, 7]}).implies(_compiled({"min": 6, "max": 7}))
    assert not _compiled({"min": 5}).implies(_compiled({"min": 10}))
