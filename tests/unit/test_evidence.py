"""`evidence`: items of a kind that meet every `where` condition, `max_age`, `count`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import Framework, FrameworkError, Outcome, Status
from tests.unit.helpers import AS_OF, DAY, en, framework, item, nl, outcome, portfolio, years_before

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE

KINDS = """\
testing:
  evidence_kinds:
    - id: diploma
      label: {en: Diploma, nl: Diploma}
      fields:
        level: level
        field: {type: text, values: [mens-en-organisatie, techniek, anders]}
        signed: boolean
        accredited_by: {type: text, many: true}
        hours: number
        completed: date
    - id: certificate
      label: {en: Certificate, nl: Certificaat}
      fields: {signed: boolean}
  requirements:
    - id: A1
      evidence: diploma
"""


def rule(spec: str = "") -> Framework:
    """The kinds above with rule A1 (`evidence: diploma`) plus ``spec`` (indented YAML lines)."""
    return framework(KINDS + "".join(f"      {line}\n" for line in spec.strip().splitlines()))


def check(fw: Framework, *items: dict[str, Any], as_of: dt.date = AS_OF) -> Outcome:
    return outcome(fw, portfolio(evidence=list(items)), "A1", as_of)


def diploma(id: str = "d1", **fields: Any) -> dict[str, Any]:
    return item("diploma", id, title=f"Diploma {id}", **fields)


# --- equality and contains -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [(True, MET), (False, NOT_MET), (None, INCOMPLETE)],
    ids=["true", "false", "unstated"],
)
def test_equality_on_a_boolean(value: bool | None, status: Status) -> None:
    fw = rule("where: {signed: true}")
    fields = {} if value is None else {"signed": value}
    assert check(fw, diploma(**fields)).status is status


def test_equality_on_a_text_with_listed_values() -> None:
    fw = rule("where: {field: mens-en-organisatie}")
    assert check(fw, diploma(field="mens-en-organisatie")).status is MET
    result = check(fw, diploma(field="techniek"))
    assert result.status is NOT_MET
    assert (
        en(result.found) == "closest: 'Diploma d1', which fails field = mens-en-organisatie (found: techniek)"
    )


@pytest.mark.parametrize(
    ("value", "status"),
    [(["NVAO"], MET), (["ECA", "NVAO"], MET), (["ECA"], NOT_MET), ([], NOT_MET), (None, INCOMPLETE)],
)
def test_contains_for_a_many_field(value: list[str] | None, status: Status) -> None:
    fw = rule("where: {accredited_by: NVAO}")
    fields = {} if value is None else {"accredited_by": value}
    assert check(fw, diploma(**fields)).status is status


def test_value_outside_a_fields_values_is_refused_at_compile_time() -> None:
    with pytest.raises(FrameworkError) as error:
        rule("where: {field: psychologie}")
    assert any("'psychologie' is not one of the field's values" in p.message for p in error.value.problems)


def test_undeclared_field_is_refused_with_a_suggestion() -> None:
    with pytest.raises(FrameworkError) as error:
        rule("where: {signd: true}")
    [problem] = error.value.problems
    assert "'signd'" in problem.message and "'diploma'" in problem.message
    assert "signed" in (problem.hint or "")


# --- levels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "status"),
    [
        ("NLQF6", MET),
        ("NLQF7", MET),
        ("NLQF 6", MET),
        ("nlqf6", MET),
        ("NLQF5", NOT_MET),
        # NLQF, EstQF and EQF are aligned one-to-one at levels 1–8
        ("EQF6", MET),
        ("EstQF 7", MET),
        ("EQF5", NOT_MET),
        # a framework that is not aligned with the EQF cannot be compared: not met
        ("BOC6", NOT_MET),
    ],
)
def test_min_level(level: str, status: Status) -> None:
    fw = rule("where: {level: {min: NLQF6}}")
    assert check(fw, diploma(level=level)).status is status


@pytest.mark.parametrize(("level", "status"), [("EQF5", MET), ("NLQF5", MET), ("EQF6", NOT_MET)])
def test_max_level(level: str, status: Status) -> None:
    fw = rule("where: {level: {max: EQF5}}")
    assert check(fw, diploma(level=level)).status is status


def test_min_and_max_level_together() -> None:
    fw = rule("where: {level: {min: EQF5, max: EQF6}}")
    assert [check(fw, diploma(level=f"NLQF{n}")).status for n in (4, 5, 6, 7)] == [NOT_MET, MET, MET, NOT_MET]


def test_level_shortfall_is_explained() -> None:
    fw = rule("where: {level: {min: NLQF6}}")
    result = check(fw, diploma(level="NLQF5"))
    assert en(result.required) == "1 × Diploma (level ≥ NLQF6)"
    assert en(result.found) == "closest: 'Diploma d1', which fails level ≥ NLQF6 (found: NLQF5)"
    assert en(result.fix) == "provide a document with: level ≥ NLQF6"
    assert (
        nl(result.found) == "dichtstbij: 'Diploma d1', dat voldoet niet aan level ≥ NLQF6 (gevonden: NLQF5)"
    )
    assert nl(result.fix) == "lever een document met: level ≥ NLQF6"
    assert result.evidence == ("/evidence/0",)


def test_a_level_that_is_not_a_level_is_refused_at_compile_time() -> None:
    with pytest.raises(FrameworkError) as error:
        rule("where: {level: {min: bachelor}}")
    assert any("'bachelor' is not a level" in p.message for p in error.value.problems)


# --- numbers, dates, in, present -------------------------------------------------------------


@pytest.mark.parametrize(("hours", "status"), [(40, MET), (40.0, MET), (39.5, NOT_MET), (120, MET)])
def test_min_number_is_inclusive(hours: float, status: Status) -> None:
    fw = rule("where: {hours: {min: 40}}")
    assert check(fw, diploma(hours=hours)).status is status


@pytest.mark.parametrize(
    ("completed", "status"),
    [("2020-01-01", MET), ("2019-12-31", NOT_MET), ("2024-12-31", MET), ("2025-01-01", NOT_MET)],
)
def test_date_bounds_are_inclusive(completed: str, status: Status) -> None:
    fw = rule("where: {completed: {min: 2020-01-01, max: 2024-12-31}}")
    assert check(fw, diploma(completed=completed)).status is status


def test_min_on_the_common_issued_field() -> None:
    fw = rule("where: {issued: {min: 2015-01-01}}")
    assert check(fw, diploma(issued="2015-01-01")).status is MET
    assert check(fw, diploma(issued="2014-12-31")).status is NOT_MET


@pytest.mark.parametrize(
    ("value", "status"),
    [("techniek", MET), ("mens-en-organisatie", MET), ("anders", NOT_MET), (None, INCOMPLETE)],
)
def test_in(value: str | None, status: Status) -> None:
    fw = rule("where: {field: {in: [mens-en-organisatie, techniek]}}")
    fields = {} if value is None else {"field": value}
    assert check(fw, diploma(**fields)).status is status


def test_in_with_levels() -> None:
    fw = rule("where: {level: {in: [NLQF6, NLQF7]}}")
    assert check(fw, diploma(level="NLQF7")).status is MET
    assert check(fw, diploma(level="NLQF8")).status is NOT_MET


def test_present() -> None:
    fw = rule("where: {hours: {present: true}}")
    assert check(fw, diploma(hours=0)).status is MET
    result = check(fw, diploma())
    assert result.status is INCOMPLETE
    assert en(result.found) == "closest: 'Diploma d1', which does not state hours"
    assert en(result.fix) == "state hours for 'Diploma d1'"


def test_min_on_a_text_field_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        rule("where: {field: {min: techniek}}")
    assert any("'min' compares numbers, dates and levels" in p.message for p in error.value.problems)


# --- unstated fields and missing items -------------------------------------------------------


def test_several_conditions_must_all_hold() -> None:
    fw = rule("where: {level: {min: NLQF6}, signed: true, accredited_by: NVAO}")
    good = {"level": "NLQF6", "signed": True, "accredited_by": ["NVAO"]}
    assert check(fw, diploma(**good)).status is MET
    assert check(fw, diploma(**{**good, "signed": False})).status is NOT_MET


def test_an_unstated_field_leaves_it_incomplete_and_says_which() -> None:
    fw = rule("where: {level: {min: NLQF6}, signed: true}")
    result = check(fw, diploma(level="NLQF6"))
    assert result.status is INCOMPLETE
    assert en(result.found) == "closest: 'Diploma d1', which does not state signed"
    assert nl(result.found) == "dichtstbij: 'Diploma d1', dat vermeldt niet signed"
    assert en(result.fix) == "state signed for 'Diploma d1'"
    assert nl(result.fix) == "vermeld signed bij 'Diploma d1'"


def test_a_failed_condition_beats_an_unstated_one() -> None:
    fw = rule("where: {level: {min: NLQF6}, signed: true}")
    assert check(fw, diploma(level="NLQF5")).status is NOT_MET


def test_no_item_of_the_kind_is_incomplete() -> None:
    fw = rule("where: {signed: true}")
    result = check(fw, item("certificate", "c1", signed=True))
    assert result.status is INCOMPLETE
    assert en(result.found) == "no Diploma in the portfolio"
    assert en(result.fix) == "add 1 × Diploma"
    assert nl(result.found) == "geen Diploma in het portfolio"
    assert nl(result.fix) == "voeg 1 × Diploma toe"
    assert result.evidence == ()


def test_no_evidence_at_all_is_incomplete() -> None:
    assert check(rule()).status is INCOMPLETE


def test_without_where_any_item_of_the_kind_will_do() -> None:
    result = check(rule(), item("certificate", "c1"), diploma("d9"))
    assert result.status is MET
    assert result.evidence == ("/evidence/1",)
    assert en(result.found) == "Diploma d9"


def test_the_closest_item_is_named() -> None:
    fw = rule("where: {level: {min: NLQF6}, signed: true, accredited_by: NVAO}")
    far = diploma("far", level="NLQF4", signed=False, accredited_by=["ECA"])
    near = diploma("near", level="NLQF6", signed=True, accredited_by=["ECA"])
    result = check(fw, far, near)
    assert result.status is NOT_MET
    assert "'Diploma near'" in en(result.found)
    assert "accredited_by = NVAO (found: ECA)" in en(result.found)
    assert result.evidence == ("/evidence/1",)


def test_the_matching_item_is_used_whatever_its_place() -> None:
    fw = rule("where: {signed: true}")
    result = check(fw, diploma("a", signed=False), diploma("b"), diploma("c", signed=True))
    assert result.status is MET
    assert result.evidence == ("/evidence/2",)
    assert result.fix is None


# --- max_age ---------------------------------------------------------------------------------

AGED = "max_age: {years: 2}"


def test_max_age_exactly_two_years_passes_one_day_more_fails() -> None:
    fw = rule(AGED)
    assert check(fw, diploma(issued="2024-03-10")).status is MET
    result = check(fw, diploma(issued="2024-03-09"))
    assert result.status is NOT_MET
    assert en(result.found) == (
        "closest: 'Diploma d1', which fails at most 2 years old"
        ": issued 2024-03-09, more than 2 years before 2026-03-10 (issued on or after 2024-03-10 needed)"
    )
    assert nl(result.found) == (
        "dichtstbij: 'Diploma d1', dat voldoet niet aan maximaal 2 jaar oud"
        ": uitgegeven 2024-03-09, meer dan 2 jaar voor 2026-03-10 (uitgegeven op of na 2024-03-10 nodig)"
    )


def test_max_age_document_issued_on_the_evaluation_date_passes_and_a_future_one_fails() -> None:
    fw = rule(AGED)
    assert check(fw, diploma(issued=AS_OF)).status is MET
    assert check(fw, diploma(issued=AS_OF + DAY)).status is NOT_MET


def test_max_age_without_issued_date_is_incomplete() -> None:
    result = check(rule(AGED), diploma())
    assert result.status is INCOMPLETE
    assert "does not state date of issue" in en(result.found)


@pytest.mark.parametrize(
    ("as_of", "issued", "status"),
    [
        # issued on 29 February: on 28 February two years later it is less than two years old …
        ("2026-02-28", "2024-02-29", MET),
        # … on 1 March it is more
        ("2026-03-01", "2024-02-29", NOT_MET),
        ("2026-03-01", "2024-03-01", MET),
        # evaluated on 29 February: two years back is 28 February of a common year
        ("2028-02-29", "2026-02-28", MET),
        ("2028-02-29", "2026-02-27", NOT_MET),
        # four years back from 29 February is 29 February
        ("2028-02-29", "2024-02-29", MET),
        ("2028-02-29", "2024-02-28", NOT_MET),
    ],
)
def test_max_age_on_29_february(as_of: str, issued: str, status: Status) -> None:
    years = 4 if issued.startswith("2024") and as_of.startswith("2028") else 2
    fw = rule(f"max_age: {{years: {years}}}")
    assert check(fw, diploma(issued=issued), as_of=dt.date.fromisoformat(as_of)).status is status


def test_max_age_in_months() -> None:
    fw = rule("max_age: {months: 6}")
    assert check(fw, diploma(issued="2025-09-10")).status is MET
    assert check(fw, diploma(issued="2025-09-09")).status is NOT_MET


AGED_FW = rule(AGED)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_max_age_boundary_for_any_evaluation_date(as_of: dt.date) -> None:
    oldest = years_before(as_of, 2)
    assert check(AGED_FW, diploma(issued=oldest), as_of=as_of).status is MET
    assert check(AGED_FW, diploma(issued=oldest - DAY), as_of=as_of).status is NOT_MET


def test_max_age_is_described_in_the_requirement() -> None:
    fw = rule("where: {signed: true}\nmax_age: {years: 2}")
    result = check(fw)
    assert en(result.required) == "1 × Diploma (signed = yes; at most 2 years old)"
    assert nl(result.required) == "1 × Diploma (signed = ja; maximaal 2 jaar oud)"


# --- count -----------------------------------------------------------------------------------

TWO_SIGNED = "where: {signed: true}\ncount: 2"


def test_count_two_met_by_two_matching_items() -> None:
    result = check(rule(TWO_SIGNED), diploma("a", signed=True), diploma("b", signed=True))
    assert result.status is MET
    assert result.evidence == ("/evidence/0", "/evidence/1")
    assert en(result.found) == "Diploma a, Diploma b"
    assert en(result.required) == "2 × Diploma (signed = yes)"


def test_count_two_with_one_matching_and_one_unstated_is_incomplete() -> None:
    result = check(rule(TWO_SIGNED), diploma("a", signed=True), diploma("b"))
    assert result.status is INCOMPLETE
    assert result.evidence == ("/evidence/0", "/evidence/1")


def test_count_two_with_one_matching_and_one_failing_is_not_met() -> None:
    result = check(rule(TWO_SIGNED), diploma("a", signed=True), diploma("b", signed=False))
    assert result.status is NOT_MET
    assert "'Diploma b'" in en(result.found)


def test_count_two_with_a_single_matching_item_asks_for_one_more() -> None:
    """One good diploma of the two required: the candidate still has to add one (incomplete)."""
    result = check(rule(TWO_SIGNED), diploma("a", signed=True))
    assert result.status is INCOMPLETE
    assert en(result.fix) == "add 1 × Diploma"


def test_texts_compare_in_one_unicode_form() -> None:
    """'é' typed as one character or as 'e' and an accent is the same text."""
    fw = framework(
        "testing:\n  evidence_kinds:\n    - {id: diploma, label: Diploma, fields: {school: text}}\n"
        '  requirements:\n    - {id: A1, evidence: diploma, where: {school: "Universite\\u0301 Paris"}}\n'
    )
    assert check(fw, diploma(school="Université Paris")).status is MET
    assert check(fw, diploma(school="Universite\u0301 Paris")).status is MET
    assert check(fw, diploma(school="Universite Paris")).status is NOT_MET


def test_a_document_dated_after_the_evaluation_date_is_not_called_too_old() -> None:
    fw = rule("max_age: {years: 2}")
    result = check(fw, diploma(issued=AS_OF + DAY))
    assert result.status is NOT_MET
    assert en(result.found) == (
        f"closest: 'Diploma d1', which fails date of issue ≤ {AS_OF.isoformat()} (found: {(AS_OF + DAY).isoformat()})"
    )


def test_items_an_assessor_judges_are_listed_by_year() -> None:
    """Under review ("continuous development"), the items that qualify are shown by the year of issue."""
    fw = rule('review: {question: {en: "Continuous?", nl: "Doorlopend?"}}')
    items = [
        diploma("d3", issued="2025-05-01"),
        diploma("d1", issued="2023-01-10"),
        diploma("d2", issued="2025-01-20"),
        diploma("d0"),
    ]
    result = check(fw, *items)
    assert result.status is Status.REVIEW
    assert en(result.found) == "2023: Diploma d1; 2025: Diploma d2, Diploma d3; undated: Diploma d0"
    assert nl(result.found) == "2023: Diploma d1; 2025: Diploma d2, Diploma d3; zonder datum: Diploma d0"


LABELLED = KINDS.replace(
    "field: {type: text, values: [mens-en-organisatie, techniek, anders]}",
    "field:\n          type: text\n          values: [mens-en-organisatie, techniek, anders]\n"
    "          label: {en: Field, nl: Gebied}\n"
    "          value_labels:\n"
    "            mens-en-organisatie: {en: people and organisation, nl: mens en organisatie}\n"
    "            techniek: {en: engineering, nl: techniek}",
)


@pytest.mark.parametrize(
    ("where", "lang", "found", "required"),
    [
        (
            "{field: mens-en-organisatie}",
            "en",
            "closest: 'Diploma d1', which fails Field = people and organisation (found: engineering)",
            "1 × Diploma (Field = people and organisation)",
        ),
        (
            "{field: {in: [mens-en-organisatie, anders]}}",
            "nl",
            "dichtstbij: 'Diploma d1', dat voldoet niet aan Gebied: mens en organisatie of anders"
            " (gevonden: techniek)",
            "1 × Diploma (Gebied: mens en organisatie of anders)",
        ),
    ],
)
def test_listed_values_are_shown_in_the_framework_s_words(
    where: str, lang: str, found: str, required: str
) -> None:
    """A label where the field gives one (the value itself where it does not); the ids stay in the data."""
    fw = framework(LABELLED + f"      where: {where}\n")
    result = check(fw, diploma(field="techniek"))
    say = en if lang == "en" else nl
    assert result.status is NOT_MET
    assert say(result.found) == found
    assert say(result.required) == required
    assert result.found.params["failed"][0]["actual"] == "techniek"  # the id, for programs
