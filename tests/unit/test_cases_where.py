"""`cases` with `where` (conditions on case fields, summary and period) and recency `of: end | start | whole`."""

from __future__ import annotations

from typing import Any

import pytest

from qualmark import FrameworkError, Outcome, Status
from tests.unit.helpers import AS_OF, DAY, case, en, evaluate, framework, nl, portfolio

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE

# AS_OF is 2026-03-10: three years back is 2023-03-10, two years back 2024-03-10.
FW = framework(
    """\
    testing:
      case_fields:
        supervised: {type: boolean, label: {en: supervised, nl: onder supervisie}}
        sector: text
      requirements:
        - id: SUP
          cases: {count: 1, where: {supervised: true, period: {years: 3, of: end}}}
        - id: END
          cases: {within_years: {years: 2, of: end}}
        - id: START
          cases: {within_years: {years: 2, of: start}}
        - id: TWO-ZORG
          cases: {count: {exactly: 2}, where: {sector: zorg}}
        - id: SUMMARY
          cases: {count: 1, where: {summary: {present: true}}}
    """
)


def check(rule_id: str, *cases: dict[str, Any]) -> Outcome:
    result = evaluate(FW, portfolio(cases=list(cases))).find(rule_id)
    assert result is not None
    return result


# --- where -----------------------------------------------------------------------------------


def test_one_supervised_recent_case_meets_the_rule() -> None:
    result = check(
        "SUP",
        case("c1", "2024-01-08", "2024-06-28", supervised=False),
        case("c2", "2023-01-09", "2023-06-30", supervised=True),
    )
    assert result.status is MET
    assert result.evidence == ("/cases/1",)
    assert en(result.found) == "2 cases; meeting the conditions: 1"
    assert en(result.required) == (
        "at least 1 case meeting: supervised = yes; period completed within the last 3 years (2023-03-10 – 2026-03-10)"
    )


def test_an_unsupervised_case_does_not_count() -> None:
    """The case the issue names: "one supervised case" is not met by an unsupervised one."""
    result = check("SUP", case("c1", "2025-01-06", "2025-06-27", supervised=False))
    assert result.status is NOT_MET
    assert "supervised = yes (found: no)" in en(result.found)
    assert "onder supervisie = ja (gevonden: nee)" in nl(result.found)


def test_a_supervised_case_completed_too_long_ago_does_not_count() -> None:
    result = check("SUP", case("c1", "2022-09-05", "2023-03-09", supervised=True))
    assert result.status is NOT_MET
    assert "too early (2023-03-09)" in en(result.found)


def test_a_supervised_case_completed_on_the_first_day_of_the_window_counts() -> None:
    assert check("SUP", case("c1", "2022-09-05", "2023-03-10", supervised=True)).status is MET


def test_a_case_that_does_not_say_whether_it_was_supervised_leaves_the_rule_open() -> None:
    result = check("SUP", case("c1", "2025-01-06", "2025-06-27"))
    assert result.status is INCOMPLETE
    assert (
        en(result.found)
        == "1 case; meeting the conditions: 0; closest: 'Case c1', which does not state supervised"
    )
    assert en(result.fix).endswith(", or state supervised for 'Case c1'")


def test_no_cases_is_incomplete() -> None:
    result = check("SUP")
    assert result.status is INCOMPLETE
    assert en(result.fix).startswith("add 1 case meeting: supervised = yes")


def test_text_conditions_ignore_case_and_surrounding_spaces() -> None:
    assert check("TWO-ZORG", case("c1", sector=" Zorg"), case("c2", sector="zorg")).status is MET


def test_exactly_two_counts_only_matching_cases() -> None:
    assert check("TWO-ZORG", case("c1", sector="zorg"), case("c2", sector="bedrijf")).status is NOT_MET
    three = [case(f"c{i}", sector="zorg") for i in range(3)]
    result = check("TWO-ZORG", *three)
    assert result.status is NOT_MET
    assert en(result.fix) == "remove 1 case"


def test_a_where_on_summary_checks_the_case_summary() -> None:
    assert check("SUMMARY", case("c1", summary="Outplacement")).status is MET
    assert check("SUMMARY", case("c1")).status is INCOMPLETE


# --- recency: which date counts ------------------------------------------------------------


def test_of_end_counts_a_case_that_started_before_the_window() -> None:
    assert check("END", case("c1", "2023-11-06", "2024-03-10")).status is MET


def test_of_end_refuses_a_case_completed_before_the_window() -> None:
    result = check(
        "END",
        case("c1", "2023-11-06", "2024-03-10") | {"period": {"start": "2023-11-06", "end": "2024-03-09"}},
    )
    assert result.status is NOT_MET
    assert en(result.found) == "completed too early: c1 (2024-03-09)"
    assert nl(result.found) == "te vroeg afgerond: c1 (2024-03-09)"
    assert en(result.fix) == "describe cases completed within the last 2 years (2024-03-10 – 2026-03-10)"


def test_a_case_without_an_end_date_is_not_complete() -> None:
    result = check("END", case("c1", "2025-06-02"))
    assert result.status is NOT_MET
    assert en(result.found) == "not completed (no end date): c1"
    assert nl(result.found) == "niet afgerond (geen einddatum): c1"


def test_of_start_counts_a_case_started_in_the_window_and_still_running() -> None:
    assert check("START", case("c1", "2024-03-10")).status is MET
    assert check("START", case("c1", "2024-03-09", "2025-01-01")).status is NOT_MET
    late = check("START", case("c1", AS_OF + DAY))
    assert late.status is NOT_MET
    assert en(late.found) == "starts after the evaluation date: c1 (2026-03-11)"


def test_a_plain_number_of_years_covers_the_whole_period() -> None:
    fw = framework(
        """\
        testing:
          requirements:
            - {id: C, cases: {within_years: 2}}
        """
    )
    outcome = evaluate(fw, portfolio(cases=[case("c1", "2025-06-02")])).find("C")
    assert outcome is not None and outcome.status is NOT_MET  # not completed


# --- compile-time checks ---------------------------------------------------------------------


def _problems(spec: str) -> list[str]:
    with pytest.raises(FrameworkError) as error:
        framework(
            f"""\
            testing:
              case_fields: {{supervised: boolean}}
              requirements:
                - {{id: C, cases: {spec}}}
            """
        )
    return [p.message for p in error.value.problems]


def test_a_where_on_an_undeclared_field_is_refused() -> None:
    assert _problems("{where: {supervized: true}}") == ["unknown field 'supervized' of a case"]


def test_an_impossible_condition_is_refused() -> None:
    [message] = _problems("{where: {supervised: maybe}}")
    assert "supervised" in message


def test_period_takes_a_recency() -> None:
    assert _problems("{where: {period: {present: true}}}") == ["a condition on period says how recent"]


def test_years_apply_to_period_only() -> None:
    assert _problems("{where: {supervised: {years: 2, of: end}}}") == ["'supervised' is not a period"]


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("{exactly: 2, min: 1}", "exactly cannot be combined with min or max"),
        ("{}", "the count states no number"),
        ("{min: 3, max: 2}", "count max 2 is below min 3"),
    ],
)
def test_bad_counts_are_refused(count: str, message: str) -> None:
    assert _problems(f"{{count: {count}}}") == [message]
