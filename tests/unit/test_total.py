"""`total`: the sum of a number field over the evidence items of a kind that meet `where`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qualmark import FrameworkError, Outcome, Status
from tests.unit.helpers import en, framework, item, nl, outcome, portfolio

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE

FW = framework(
    """\
    testing:
      evidence_kinds:
        - id: course
          label: {en: courses, nl: cursussen}
          fields: {hours: number, quality_mark: boolean, signed: boolean}
        - id: diploma
          label: Diploma
          fields: {hours: number}
      requirements:
        - id: A2
          total: {field: hours, of: course, min: 98}
          where: {quality_mark: true, signed: true, hours: {present: true}}
        - id: A3
          total: {field: hours, of: course, min: 1200}
        - id: A4
          total: {field: hours, of: course, min: 10}
          max_age: {years: 2}
    """
)


def check(*items: dict[str, Any], rule: str = "A2") -> Outcome:
    return outcome(FW, portfolio(evidence=list(items)), rule)


def course(id: str, hours: float | None = None, **fields: Any) -> dict[str, Any]:
    """A course with a quality mark, signed, unless ``fields`` say otherwise."""
    data = {"title": f"Course {id}", "quality_mark": True, "signed": True, **fields}
    if hours is not None:
        data["hours"] = hours
    return item("course", id, **data)


def test_sum_reaching_the_minimum_exactly_is_met() -> None:
    result = check(course("a", 60), course("b", 38))
    assert result.status is MET
    assert result.evidence == ("/evidence/0", "/evidence/1")
    assert en(result.found) == "98 hours from 2 items (98 needed)"
    assert nl(result.found) == "98 hours uit 2 stukken (98 nodig)"
    assert result.fix is None


def test_half_an_hour_short_is_not_met() -> None:
    result = check(course("a", 60), course("b", 37.5))
    assert result.status is NOT_MET
    assert en(result.found) == "97.5 hours from 2 items: 0.5 short of 98"
    assert nl(result.found) == "97,5 hours uit 2 stukken: 0,5 te weinig (98 nodig)"
    assert en(result.fix) == "add 0.5 hours of courses"
    assert nl(result.fix) == "voeg 0,5 hours aan cursussen toe"


def test_requirement_states_the_minimum_and_the_conditions() -> None:
    result = check()
    assert en(result.required) == (
        "at least 98 hours of courses (quality_mark = yes; signed = yes; hours stated)"
    )
    assert nl(result.required) == (
        "minstens 98 hours aan cursussen (quality_mark = ja; signed = ja; hours vermeld)"
    )


def test_items_failing_where_are_not_counted_and_named() -> None:
    result = check(course("a", 60), course("b", 38, signed=False))
    assert result.status is NOT_MET
    assert result.evidence == ("/evidence/0",)
    assert en(result.found) == (
        "60 hours from 1 item: 38 short of 98; not counted: 'Course b' (signed = yes (found: no))"
    )
    assert nl(result.found) == (
        "60 hours uit 1 stuk: 38 te weinig (98 nodig); niet meegeteld: 'Course b' (signed = ja (gevonden: nee))"
    )


def test_no_item_of_the_kind_is_incomplete() -> None:
    result = check(item("diploma", "d", hours=500))
    assert result.status is INCOMPLETE
    assert en(result.found) == "0 hours from 0 items (98 needed)"
    assert result.evidence == ()


def test_incomplete_while_items_with_unstated_fields_could_make_up_the_rest() -> None:
    result = check(course("a", 60), item("course", "b", title="Course b", hours=38, quality_mark=True))
    assert result.status is INCOMPLETE
    assert en(result.found).endswith("; not counted: 'Course b' (not stated: signed)")
    assert nl(result.found).endswith("; niet meegeteld: 'Course b' (niet vermeld: signed)")


def test_not_met_when_even_the_unstated_items_would_not_make_it() -> None:
    result = check(course("a", 60), item("course", "b", hours=10, quality_mark=True))
    assert result.status is NOT_MET


def test_an_item_without_hours_is_not_counted_and_the_reason_is_given() -> None:
    result = check(course("a", 60), course("b"))
    assert result.evidence == ("/evidence/0",)
    assert en(result.found).endswith("; not counted: 'Course b' (not stated: hours)")


def test_thousands_are_written_the_way_each_language_writes_them() -> None:
    result = check(course("a", 700), course("b", 350), rule="A3")
    assert result.status is NOT_MET
    assert en(result.found) == "1,050 hours from 2 items: 150 short of 1,200"
    assert nl(result.found) == "1.050 hours uit 2 stukken: 150 te weinig (1.200 nodig)"
    assert en(result.required) == "at least 1,200 hours of courses"


def test_an_item_without_the_summed_field_and_no_where_is_named_with_the_field() -> None:
    result = check(course("a", 1100), course("b"), rule="A3")
    assert "not counted: 'Course b' (not stated: hours)" in en(result.found)


def test_max_age_applies_to_each_item() -> None:
    # evaluated 2026-03-10: 2024-03-10 is exactly two years back
    result = check(course("a", 6, issued="2024-03-10"), course("b", 6, issued="2024-03-09"), rule="A4")
    assert result.status is NOT_MET
    assert result.evidence == ("/evidence/0",)
    assert en(result.found).startswith("6 hours from 1 item: 4 short of 10; not counted: 'Course b' (")


def test_hours_with_decimals_add_up_exactly() -> None:
    """24.4 + 39.8 + 33.8 is 98; binary floating point makes it 97.99999999999999."""
    result = check(course("a", 24.4), course("b", 39.8), course("c", 33.8))
    assert result.status is MET
    assert en(result.found) == "98 hours from 3 items (98 needed)"


tenths = st.integers(min_value=0, max_value=600).map(lambda n: Decimal(n) / 10)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(tenths, min_size=1, max_size=5))
@example([Decimal("24.4"), Decimal("39.8"), Decimal("33.8")])
def test_met_exactly_when_the_stated_hours_reach_the_minimum(hours: list[Decimal]) -> None:
    result = check(*(course(f"c{i}", float(h)) for i, h in enumerate(hours)))
    assert (result.status is MET) == (sum(hours) >= 98)
    if result.status is not MET:
        assert result.status is NOT_MET


def test_total_over_a_field_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        framework(
            """\
            testing:
              evidence_kinds:
                - {id: course, label: Course, fields: {hours: number, signed: boolean}}
              requirements:
                - {id: T, total: {field: signed, of: course, min: 1}}
            """
        )
    [problem] = error.value.problems
    assert problem.message == "'signed' is not a number field of 'course'"
    assert problem.hint == "use one of: hours"
