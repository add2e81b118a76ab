"""`experience`: counted hours, years active (calendar years), currently practising."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from qualmark import FrameworkError, Outcome, Status
from tests.unit.helpers import AS_OF, DAY, en, evaluate, framework, nl, portfolio, years_before

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE

FW = framework(
    """\
    testing:
      experience_activities:
        - {id: begeleiding, label: {en: Guidance, nl: Begeleiding}, counts: true}
        - {id: training, label: {en: Training, nl: Training}}
        - {id: administratie, label: {en: Administration, nl: Administratie}, counts: false}
      requirements:
        - id: B1
          experience: {min_hours: 1200, min_years_active: 2, currently_practising: true}
        - id: B2
          experience: {min_years_active: 1.5}
        - id: B3
          experience: {stated: true}
    """
)


def check(
    rule_id: str,
    hours: list[tuple[str, float]] | None = None,
    since: dt.date | str | None = None,
    practising: bool | None = None,
    as_of: dt.date | str = AS_OF,
) -> Outcome:
    """The outcome of ``rule_id`` (B1, B1.hours, B1.years, B1.current, B2 or B3)."""
    experience: dict[str, Any] = {}
    if hours is not None:
        experience["hours"] = [{"activity": a, "hours": h} for a, h in hours]
    if since is not None:
        experience["active_since"] = since.isoformat() if isinstance(since, dt.date) else since
    if practising is not None:
        experience["currently_practising"] = practising
    result = evaluate(FW, portfolio(experience=experience), as_of).find(rule_id)
    assert result is not None
    return result


# --- hours -----------------------------------------------------------------------------------


def test_exactly_1200_hours_passes() -> None:
    result = check("B1.hours", [("begeleiding", 1000), ("training", 200)])
    assert result.status is MET
    assert en(result.found) == "1,200 hours (1,200 needed)"
    assert nl(result.found) == "1.200 uur (1.200 nodig)"
    assert en(result.required) == "at least 1,200 hours of qualifying work"
    assert nl(result.required) == "minimaal 1.200 uur beroepsgerichte werkervaring"
    assert result.fix is None
    assert result.evidence == ("/experience/hours/0", "/experience/hours/1")


def test_half_an_hour_short_fails() -> None:
    result = check("B1.hours", [("begeleiding", 1199.5)])
    assert result.status is NOT_MET
    assert en(result.found) == "1,199.5 hours: 0.5 short of 1,200"
    assert nl(result.found) == "1.199,5 uur: 0,5 te weinig (1.200 nodig)"


def test_excluded_activities_are_reported_not_counted() -> None:
    result = check("B1.hours", [("begeleiding", 1050), ("administratie", 300)])
    assert result.status is NOT_MET
    assert en(result.found) == "1,050 hours: 150 short of 1,200; not counted: Administration 300"
    assert nl(result.found) == "1.050 uur: 150 te weinig (1.200 nodig); niet meegeteld: Administratie 300"
    assert en(result.fix) == "150 more qualifying hours"
    assert nl(result.fix) == "nog 150 uur beroepsgerichte werkervaring"


def test_many_excluded_hours_do_not_make_up_for_few_counted_ones() -> None:
    result = check("B1.hours", [("begeleiding", 100), ("administratie", 5000), ("administratie", 200)])
    assert result.status is NOT_MET
    assert en(result.found).endswith("; not counted: Administration 5,200")


def test_entries_of_one_activity_add_up() -> None:
    assert check("B1.hours", [("begeleiding", 600), ("begeleiding", 600)]).status is MET


def test_no_hours_stated_is_incomplete() -> None:
    result = check("B1.hours", [])
    assert result.status is INCOMPLETE
    assert en(result.found) == "0 hours (1,200 needed)"


def test_only_excluded_hours_is_not_met() -> None:
    assert check("B1.hours", [("administratie", 2000)]).status is NOT_MET


def test_hours_with_decimals_add_up_exactly() -> None:
    """624.8 + 399.4 + 175.8 is 1,200; binary floating point makes it 1,199.9999999999998."""
    result = check("B1.hours", [("begeleiding", 624.8), ("training", 399.4), ("begeleiding", 175.8)])
    assert result.status is MET
    assert en(result.found) == "1,200 hours (1,200 needed)"


# --- years active ----------------------------------------------------------------------------


def test_active_exactly_two_years_to_the_day_passes() -> None:
    result = check("B1.years", since="2024-03-10")
    assert result.status is MET
    assert en(result.required) == "active for at least 2 years"
    assert en(result.found) == "active since 2024-03-10: 2 years"
    assert nl(result.found) == "actief sinds 2024-03-10: 2 jaar"
    assert result.evidence == ("/experience/active_since",)


def test_one_day_short_of_two_years_fails_and_says_when_it_will_be_reached() -> None:
    result = check("B1.years", since="2024-03-11")
    assert result.status is NOT_MET
    assert en(result.found).startswith("active since 2024-03-11: 1 ")
    assert en(result.found).endswith(", 11 months")
    assert en(result.fix) == "reached on 2026-03-11"
    assert nl(result.fix) == "bereikt op 2026-03-11"


def test_start_after_the_evaluation_date_fails() -> None:
    result = check("B1.years", since="2026-06-01")
    assert result.status is NOT_MET
    assert en(result.found) == "active since 2026-06-01: after the evaluation date"


def test_no_start_date_is_incomplete() -> None:
    result = check("B1.years", hours=[("begeleiding", 10)])
    assert result.status is INCOMPLETE
    assert en(result.found) == "no start date of activity given"
    assert en(result.fix) == "state experience.active_since"


@pytest.mark.parametrize(
    ("since", "as_of", "status"),
    [
        # the anniversary of 29 February in a common year is 28 February
        ("2024-02-29", "2026-02-28", MET),
        ("2024-02-29", "2026-02-27", NOT_MET),
        ("2024-02-29", "2026-03-01", MET),
        # evaluated on 29 February: two years back is 28 February
        ("2026-02-28", "2028-02-29", MET),
        ("2026-03-01", "2028-02-29", NOT_MET),
    ],
)
def test_years_active_around_29_february(since: str, as_of: str, status: Status) -> None:
    assert check("B1.years", since=since, as_of=as_of).status is status


@pytest.mark.parametrize(("since", "status"), [("2024-09-10", MET), ("2024-09-11", NOT_MET)])
def test_fractional_years_are_years_and_months(since: str, status: Status) -> None:
    result = check("B2", since=since)  # a rule stating one condition is that condition
    assert result.status is status
    assert result.children == ()
    assert en(result.required) == "active for at least 1.5 years"


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_years_active_boundary_for_any_evaluation_date(as_of: dt.date) -> None:
    since = years_before(as_of, 2)
    assert check("B1.years", since=since, as_of=as_of).status is MET
    later = since + DAY
    # a start on 29 February has its anniversary on 28 February, the same day as 28 February's
    assume((later.month, later.day) != (2, 29))
    assert check("B1.years", since=later, as_of=as_of).status is NOT_MET


# --- currently practising --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("practising", "status", "found_en", "found_nl"),
    [
        (True, MET, "yes", "ja"),
        (False, NOT_MET, "no", "nee"),
        (None, INCOMPLETE, "not stated", "niet opgegeven"),
    ],
)
def test_currently_practising(practising: bool | None, status: Status, found_en: str, found_nl: str) -> None:
    result = check("B1.current", hours=[], practising=practising)
    assert result.status is status
    assert en(result.found) == found_en
    assert nl(result.found) == found_nl
    assert en(result.required) == "currently practising"
    if status is not MET:
        assert en(result.fix) == "state that you currently practise"


# --- the rule as a whole ---------------------------------------------------------------------


def test_every_stated_condition_is_a_part() -> None:
    result = check("B1", [("begeleiding", 1200)], "2024-03-10", True)
    assert result.status is MET
    assert [c.rule_id for c in result.children] == ["B1.hours", "B1.years", "B1.current"]
    assert en(result.found) == "all 3 met"


def test_one_failing_part_fails_the_rule_and_is_named() -> None:
    result = check("B1", [("begeleiding", 1200)], "2024-03-11", None)
    assert result.status is NOT_MET
    assert en(result.fix) == "meet B1.years, B1.current"


def test_no_experience_at_all_is_incomplete() -> None:
    result = evaluate(FW, portfolio()).find("B1")
    assert result is not None
    assert result.status is INCOMPLETE
    assert [c.status for c in result.children] == [INCOMPLETE, INCOMPLETE, INCOMPLETE]


def test_hours_required_without_a_counting_activity_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        framework(
            """\
            testing:
              experience_activities:
                - {id: administratie, label: Administration, counts: false}
              requirements:
                - {id: B1, experience: {min_hours: 100}}
            """
        )
    assert [p.message for p in error.value.problems] == ["no experience activity counts towards hours"]


def test_an_experience_rule_without_a_condition_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        framework(
            """\
            testing:
              requirements:
                - {id: B1, experience: {}}
            """
        )
    assert [p.message for p in error.value.problems] == ["the experience rule states no condition"]


# --- stated: experience in activities that count, in any amount ---------------------------


@pytest.mark.parametrize(
    ("hours", "status", "found"),
    [
        ([("begeleiding", 0.5)], MET, "0.5 hours counted"),
        (
            [("begeleiding", 40), ("administratie", 900)],
            MET,
            "40 hours counted; not counted: Administration 900",
        ),
        ([("administratie", 900)], NOT_MET, "0 hours counted; not counted: Administration 900"),
        ([], INCOMPLETE, "0 hours counted"),
        (None, INCOMPLETE, "0 hours counted"),
    ],
)
def test_stated_experience_needs_hours_in_an_activity_that_counts(
    hours: list[tuple[str, float]] | None, status: Status, found: str
) -> None:
    result = check("B3", hours)
    assert result.status is status
    assert en(result.found) == found
    assert en(result.required) == "work experience in the activities that count, stated per activity"
    if status is not MET:
        assert nl(result.fix) == "geef je uren in de activiteiten die meetellen op (experience.hours)"


@pytest.mark.parametrize("spec", ["{currently_practising: false}", "{stated: false}"])
def test_a_condition_that_checks_nothing_is_refused(spec: str) -> None:
    with pytest.raises(FrameworkError) as error:
        framework(
            f"""\
            testing:
              requirements:
                - {{id: B1, experience: {spec}}}
            """
        )
    assert [p.message for p in error.value.problems] == ["the experience rule states no condition"]
