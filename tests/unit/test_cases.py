"""`cases`: how many case descriptions, how recent (within_years), how diverse."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import Framework, FrameworkError, Outcome, Status
from tests.unit.helpers import AS_OF, DAY, case, en, evaluate, framework, nl, portfolio, years_before

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE

FW = framework(
    """\
    testing:
      case_fields:
        question_type: text
        client_type: text
      requirements:
        - id: C1
          cases: {count: {exactly: 2}, within_years: 2, diverse: {any_of: [question_type, client_type]}}
        - id: C2
          cases: {count: {min: 2, max: 3}}
    """
)


def check(rule_id: str, *cases: dict[str, Any], as_of: dt.date | str = AS_OF) -> Outcome:
    result = evaluate(FW, portfolio(cases=list(cases)), as_of).find(rule_id)
    assert result is not None
    return result


def recent(id: str, **fields: Any) -> dict[str, Any]:
    """A case well inside the last two years before AS_OF."""
    return case(id, "2025-01-06", "2025-06-27", **fields)


# --- count -----------------------------------------------------------------------------------


def test_exactly_the_count_is_met() -> None:
    result = check("C1.count", recent("c1"), recent("c2"))
    assert result.status is MET
    assert en(result.required) == "exactly 2 cases"
    assert nl(result.required) == "precies 2 casussen"
    assert en(result.found) == "2 cases"
    assert result.evidence == ("/cases/0", "/cases/1")


def test_too_few_cases_is_incomplete() -> None:
    result = check("C1.count", recent("c1"))
    assert result.status is INCOMPLETE
    assert en(result.fix) == "add 1 case"
    assert nl(result.fix) == "voeg 1 casus toe"


def test_no_cases_is_incomplete() -> None:
    result = check("C1")
    assert result.status is INCOMPLETE
    assert [c.status for c in result.children] == [INCOMPLETE, INCOMPLETE, INCOMPLETE]


def test_too_many_cases_is_not_met() -> None:
    result = check("C1.count", recent("c1"), recent("c2"), recent("c3"))
    assert result.status is NOT_MET
    assert en(result.fix) == "remove 1 case"
    assert nl(result.fix) == "verwijder 1 casus"


@pytest.mark.parametrize(("n", "status"), [(1, INCOMPLETE), (2, MET), (3, MET), (4, NOT_MET)])
def test_count_range(n: int, status: Status) -> None:
    result = check("C2", *(recent(f"c{i}") for i in range(n)))
    assert result.status is status


def test_count_range_is_described() -> None:
    result = check("C2")  # a rule stating one condition is that condition
    assert en(result.required) == "at least 2 cases, at most 3"
    assert nl(result.required) == "minstens 2 casussen, hoogstens 3"


# --- within_years ----------------------------------------------------------------------------


def test_a_case_starting_exactly_two_years_before_passes() -> None:
    result = check("C1.period", case("c1", "2024-03-10", "2024-09-01"), recent("c2"))
    assert result.status is MET
    assert en(result.required) == "each case carried out within the last 2 years (2024-03-10 – 2026-03-10)"
    assert en(result.found) == "2 cases within the period"
    assert result.evidence == ("/cases/0/period", "/cases/1/period")


def test_a_case_starting_one_day_earlier_fails() -> None:
    result = check("C1.period", case("c1", "2024-03-09", "2024-09-01"), recent("c2"))
    assert result.status is NOT_MET
    assert en(result.found) == "started too early: c1 (2024-03-09)"
    assert nl(result.found) == "te vroeg begonnen: c1 (2024-03-09)"
    assert en(result.fix) == "describe cases carried out within the last 2 years (2024-03-10 – 2026-03-10)"
    assert nl(result.fix) == "beschrijf casussen uitgevoerd in de afgelopen 2 jaar (2024-03-10 – 2026-03-10)"


def test_a_case_ending_on_the_evaluation_date_passes() -> None:
    assert check("C1.period", case("c1", "2025-10-01", AS_OF), recent("c2")).status is MET


def test_a_case_ending_after_the_evaluation_date_fails() -> None:
    result = check("C1.period", case("c1", "2025-10-01", AS_OF + DAY), recent("c2"))
    assert result.status is NOT_MET
    assert en(result.found) == "ends after the evaluation date: c1 (2026-03-11)"
    assert nl(result.found) == "eindigt na de beoordelingsdatum: c1 (2026-03-11)"


def test_a_case_without_a_period_is_incomplete() -> None:
    result = check("C1.period", recent("c1"), case("c2"))
    assert result.status is INCOMPLETE
    assert en(result.found) == "no period: c2"


def test_a_case_too_old_fails_even_when_another_has_no_period() -> None:
    assert check("C1.period", case("c1", "2020-01-01", "2020-06-01"), case("c2")).status is NOT_MET


@pytest.mark.parametrize(
    ("start", "as_of", "status"),
    [
        ("2024-02-28", "2026-02-28", MET),
        ("2024-02-27", "2026-02-28", NOT_MET),
        ("2024-02-29", "2026-02-28", MET),
        # evaluated on 29 February: two years back is 28 February
        ("2026-02-28", "2028-02-29", MET),
        ("2026-02-27", "2028-02-29", NOT_MET),
    ],
)
def test_within_years_around_29_february(start: str, as_of: str, status: Status) -> None:
    result = check("C1.period", case("c1", start, as_of), case("c2", as_of, as_of), as_of=as_of)
    assert result.status is status


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_within_years_boundary_for_any_evaluation_date(as_of: dt.date) -> None:
    oldest = years_before(as_of, 2)
    assert check("C1.period", case("c1", oldest, as_of), as_of=as_of).status is MET
    assert check("C1.period", case("c1", oldest - DAY, as_of), as_of=as_of).status is NOT_MET


# --- diversity -------------------------------------------------------------------------------


def test_cases_differing_in_one_field_are_diverse() -> None:
    result = check(
        "C1.diversity",
        recent("c1", question_type="heroriëntatie", client_type="werknemer"),
        recent("c2", question_type="loopbaankeuze", client_type="werknemer"),
    )
    assert result.status is MET
    assert en(result.found) == "they differ in: question_type"
    assert nl(result.found) == "ze verschillen in: question_type"


def test_cases_alike_in_every_field_are_not_diverse() -> None:
    result = check(
        "C1.diversity",
        recent("c1", question_type="heroriëntatie", client_type="werknemer"),
        recent("c2", question_type="Heroriëntatie ", client_type="werknemer"),
    )
    assert result.status is NOT_MET
    assert en(result.found) == "no difference"
    assert en(result.required) == "cases differ in at least one of: question_type, client_type"
    assert en(result.fix) == "choose cases that differ in question_type or client_type"
    assert nl(result.fix) == "kies casussen die verschillen in question_type of client_type"


@pytest.mark.parametrize(
    "second",
    ["herorie\u0308ntatie", "heroriëntatie\u200b", "\u2060HERORIËNTATIE"],
    ids=["decomposed", "zero-width-space", "word-joiner-and-upper-case"],
)
def test_values_a_reader_cannot_tell_apart_are_not_diverse(second: str) -> None:
    """NFC and NFD spellings, invisible characters and case do not make two cases differ."""
    result = check(
        "C1.diversity",
        recent("c1", question_type="heroriëntatie", client_type="werknemer"),
        recent("c2", question_type=second, client_type="werknemer"),
    )
    assert result.status is NOT_MET


LIST_FW = framework(
    """    testing:
      case_fields:
        themes: {type: text, many: true}
      requirements:
        - id: C
          cases: {count: 2, diverse: {any_of: [themes]}}
    """
)


@pytest.mark.parametrize(
    ("first", "second", "status"),
    [
        (["werk", "studie"], ["werk"], MET),
        (["werk", "studie"], ["Studie", "werk"], NOT_MET),  # the same set, in another order and case
        (["werk"], [], INCOMPLETE),  # an empty list states nothing
    ],
)
def test_a_list_field_differs_when_its_set_of_values_differs(
    first: list[str], second: list[str], status: Status
) -> None:
    data = portfolio(cases=[recent("c1", themes=first), recent("c2", themes=second)])
    result = evaluate(LIST_FW, data).find("C")
    assert result is not None and result.status is status


def test_a_field_left_out_while_the_rest_is_alike_is_incomplete() -> None:
    result = check(
        "C1.diversity",
        recent("c1", question_type="heroriëntatie", client_type="werknemer"),
        recent("c2", question_type="heroriëntatie"),
    )
    assert result.status is INCOMPLETE
    assert en(result.found) == "no difference; not stated: client_type"
    assert nl(result.found) == "geen verschil; niet ingevuld: client_type"


def test_diversity_of_a_single_case_is_incomplete() -> None:
    result = check("C1.diversity", recent("c1", question_type="a", client_type="b"))
    assert result.status is INCOMPLETE


def test_all_parts_met() -> None:
    result = check(
        "C1",
        recent("c1", question_type="heroriëntatie"),
        case("c2", "2024-03-10", AS_OF, question_type="loopbaankeuze"),
    )
    assert result.status is MET
    assert [c.rule_id for c in result.children] == ["C1.count", "C1.period", "C1.diversity"]


# --- compile-time checks ---------------------------------------------------------------------


def _cases_rule(spec: str) -> Framework:
    return framework(
        f"""\
        testing:
          case_fields: {{question_type: text}}
          requirements:
            - {{id: C1, cases: {spec}}}
        """
    )


def test_diversity_over_an_undeclared_field_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        _cases_rule("{count: 2, diverse: {any_of: [question_typ]}}")
    [problem] = error.value.problems
    assert problem.message == "unknown case field 'question_typ'"
    assert "question_type" in (problem.hint or "")


def test_diversity_of_at_most_one_case_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        _cases_rule("{count: {exactly: 1}, diverse: {any_of: [question_type]}}")
    assert [p.message for p in error.value.problems] == ["diversity needs at least two cases"]


def test_diversity_with_a_plain_count_of_one_is_accepted() -> None:
    """`count: 1` is at least one case: two or more can still differ."""
    assert [r.header.id for r in _cases_rule("{count: 1, diverse: {any_of: [question_type]}}").rules] == [
        "C1"
    ]


def test_count_range_upside_down_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        _cases_rule("{count: {min: 3, max: 2}}")
    assert [p.message for p in error.value.problems] == ["count max 2 is below min 3"]


def test_a_message_names_twenty_cases_and_counts_the_rest() -> None:
    """An explanation does not grow with the portfolio: 25 cases without a period, 20 named."""
    cases = [case(f"c{i}") for i in range(25)]
    result = evaluate(FW, portfolio(cases=cases)).find("C1.period")
    assert result is not None
    assert en(result.found) == "no period: " + ", ".join(f"c{i}" for i in range(20)) + " and 5 more"
    assert nl(result.found).endswith(" en nog 5")
    assert result.found.params["undated_more"] == 5
