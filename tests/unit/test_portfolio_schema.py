"""A framework's portfolio schema: ids as enums, and bad portfolios refused with JSON pointers."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from qualmark import EvaluationError, PortfolioError, parse_framework, parse_portfolio
from qualmark.errors import Problem
from qualmark.inert import quote
from qualmark.portfolio import consistency_problems, schema_problems
from qualmark.schema import portfolio_schema

FRAMEWORK_TEXT = """\
qualmark: 1
id: demo
uri: urn:qualmark:framework:demo
version: "1"
title: Demo
languages: [en]
issuer: {name: Demo}
source: {title: Demo}
profile:
  tasks:
    - {id: intake, label: Intake}
    - {id: advice, label: Advice, question: "What did you learn?"}
  competences:
    - {id: counselling, label: Counselling}
testing:
  evidence_kinds:
    - id: diploma
      label: Diploma
      fields: {level: level, signed: boolean}
    - id: course
      label: Course
      fields: {hours: number, topic: {type: text, values: [ethics, theory]}}
  experience_activities:
    - {id: guidance, label: Guidance}
    - {id: admin, label: Administration, counts: false}
  case_fields:
    client_type: text
  portfolio_elements:
    - {id: cv, label: CV}
  declarations:
    - {id: ethics-code, text: I follow the code of ethics.}
  requirements:
    - {id: A, evidence: diploma}
    - id: T
      demonstrate: tasks
      all: true
      not_relevant: {motivation: required, shown_in_other_case: true}
"""
FRAMEWORK = parse_framework(FRAMEWORK_TEXT, "demo.yaml")

VALID: dict[str, Any] = {
    "qualmark_portfolio": 1,
    "framework": "demo",
    "candidate": {"name": "Anna de Vries"},
    "submitted": "2026-10-01",
    "evidence": [
        {"id": "d1", "kind": "diploma", "issued": "2011-07-04", "level": "EQF6", "signed": True},
        {"id": "c1", "kind": "course", "hours": 40, "topic": "ethics"},
    ],
    "experience": {"active_since": "2016-09-01", "hours": [{"activity": "guidance", "hours": 1200}]},
    "cases": [
        {
            "id": "case-1",
            "client_type": "student",
            "period": {"start": "2025-01-01", "end": "2025-03-01"},
            "demonstrates": {"tasks": [{"id": "intake", "text": "First talk."}]},
            "not_relevant": {"tasks": [{"id": "advice", "motivation": "No advice asked."}]},
            "reflections": {"advice": "Listen first."},
        }
    ],
    "elements": {"cv": {"provided": True}},
    "declarations": {"ethics-code": {"agreed": True, "date": "2026-09-30"}},
}


def portfolio(**changes: Any) -> dict[str, Any]:
    """The valid portfolio with top-level keys replaced (``None`` removes a key)."""
    data = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def check(data: dict[str, Any]) -> list[Problem]:
    """The problems that refuse ``data`` (parsed, then checked against the framework); [] if accepted."""
    try:
        FRAMEWORK.check_portfolio(parse_portfolio(json.dumps(data), "p.json"))
    except PortfolioError as exc:
        return list(exc.problems)
    return []


def pointers(problems: list[Problem]) -> list[str]:
    return [p.pointer or "" for p in problems]


# --- the schema itself -----------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = FRAMEWORK.portfolio_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_schema_pins_the_framework_id() -> None:
    assert FRAMEWORK.portfolio_schema()["properties"]["framework"] == {"const": "demo"}


def test_the_schema_lists_the_frameworks_ids_as_enums() -> None:
    props = FRAMEWORK.portfolio_schema()["properties"]
    assert props["evidence"]["items"]["properties"]["kind"]["enum"] == ["diploma", "course"]
    assert props["experience"]["properties"]["hours"]["items"]["properties"]["activity"]["enum"] == [
        "guidance",
        "admin",
    ]
    assert props["elements"]["propertyNames"]["enum"] == ["cv"]
    assert props["declarations"]["propertyNames"]["enum"] == ["ethics-code"]
    case = props["cases"]["items"]["properties"]
    assert case["demonstrates"]["properties"]["tasks"]["items"]["properties"]["id"]["enum"] == [
        "intake",
        "advice",
    ]
    assert case["demonstrates"]["properties"]["competences"]["items"]["properties"]["id"]["enum"] == [
        "counselling"
    ]
    # Vocabularies the profile leaves empty cannot be demonstrated.
    assert set(case["demonstrates"]["properties"]) == {"tasks", "competences"}
    assert case["not_relevant"]["properties"]["tasks"]["items"]["properties"]["id"]["enum"] == [
        "intake",
        "advice",
    ]


def test_each_evidence_kind_brings_its_own_typed_fields() -> None:
    branches = FRAMEWORK.portfolio_schema()["properties"]["evidence"]["items"]["allOf"]
    by_kind = {b["if"]["properties"]["kind"]["const"]: b["then"] for b in branches}
    assert set(by_kind) == {"diploma", "course"}
    assert set(by_kind["diploma"]["properties"]) == {"level", "signed"}
    assert by_kind["diploma"]["properties"]["signed"] == {"type": "boolean"}
    assert by_kind["course"]["properties"]["topic"]["enum"] == ["ethics", "theory"]
    assert "hours" not in by_kind["diploma"]["propertyNames"]["enum"]
    assert {"id", "kind", "issued", "level", "signed"} <= set(by_kind["diploma"]["propertyNames"]["enum"])


# --- accepted --------------------------------------------------------------------------------


def test_a_valid_portfolio_is_accepted() -> None:
    assert check(VALID) == []
    assert Draft202012Validator(FRAMEWORK.portfolio_schema()).is_valid(VALID)


def test_only_the_required_keys_are_enough() -> None:
    minimal = {k: VALID[k] for k in ("qualmark_portfolio", "framework", "candidate", "submitted")}
    assert check(minimal) == []


# --- refused, with pointers ------------------------------------------------------------------


def test_an_unknown_evidence_kind() -> None:
    data = portfolio(evidence=[{"id": "x", "kind": "diplome"}])
    (problem,) = check(data)
    assert problem.pointer == "/evidence/0/kind"
    assert "'diplome'" in problem.message
    assert problem.hint is not None and "diploma" in problem.hint
    assert problem.where == "p.json#/evidence/0/kind"


def test_an_unknown_task_id_in_a_demonstration() -> None:
    case = {"id": "case-1", "demonstrates": {"tasks": [{"id": "intak", "text": "First talk."}]}}
    (problem,) = check(portfolio(cases=[case]))
    assert problem.pointer == "/cases/0/demonstrates/tasks/0/id"
    assert "'intak'" in problem.message


def test_an_unknown_task_id_marked_not_relevant() -> None:
    case = {"id": "case-0", "not_relevant": {"tasks": [{"id": "adviec"}]}}
    (problem,) = check(portfolio(cases=[case, copy.deepcopy(VALID["cases"][0])]))
    assert problem.pointer == "/cases/0/not_relevant/tasks/0/id"


def test_an_unknown_activity() -> None:
    data = portfolio(
        experience={"hours": [{"activity": "guidance", "hours": 10}, {"activity": "x", "hours": 1}]}
    )
    (problem,) = check(data)
    assert problem.pointer == "/experience/hours/1/activity"


def test_an_unknown_top_level_key() -> None:
    (problem,) = check(portfolio(colour="red"))
    assert "'colour'" in problem.message
    assert problem.pointer in ("", "/colour")  # the object holding it, or the key itself


def test_an_unknown_key_in_the_candidate() -> None:
    (problem,) = check(portfolio(candidate={"name": "Anna", "phone": "0612345678"}))
    assert "'phone'" in problem.message
    assert problem.pointer in ("/candidate", "/candidate/phone")


def test_a_field_of_another_evidence_kind_is_refused_at_that_field() -> None:
    # `hours` belongs to courses, not to diplomas: the pointer names the offending key.
    data = portfolio(evidence=[{"id": "d1", "kind": "diploma", "hours": 3}])
    (problem,) = check(data)
    assert "'hours'" in problem.message
    assert problem.pointer == "/evidence/0/hours"


def test_an_unknown_element_or_declaration_id_is_refused_at_that_id() -> None:
    data = portfolio(elements={"cvv": {"provided": True}}, declarations={"ethic": {"agreed": True}})
    problems = check(data)
    assert sorted(pointers(problems)) == ["/declarations/ethic", "/elements/cvv"]


@pytest.mark.parametrize(
    ("date", "why"),
    [
        ("2026-02-30", "not a date: February 2026 has 28 days"),
        ("2026-13-01", "not a date: there is no month 13"),
        ("9999-12-31", "not a date from 1800 to 8999"),
        ("0001-01-01", "not a date from 1800 to 8999"),
        ("01-10-2026", "not a date: write YYYY-MM-DD"),
        ("2026-10-1", "not a date: write YYYY-MM-DD"),
        ("yesterday", "not a date: write YYYY-MM-DD"),
    ],
)
def test_a_bad_submission_date(date: str, why: str) -> None:
    # Reported once, even when the date fails both the date format and the YYYY-MM-DD pattern.
    (problem,) = check(portfolio(submitted=date))
    assert problem.pointer == "/submitted"
    assert problem.message == f"'{date}' is {why}"


def test_a_bad_date_deep_inside() -> None:
    case = {"id": "case-1", "period": {"start": "2025-01-01", "end": "2025-02-29"}}
    problems = check(portfolio(cases=[case]))
    assert set(pointers(problems)) == {"/cases/0/period/end"}


def test_a_leap_day_is_a_date() -> None:
    assert check(portfolio(submitted="2028-02-29")) == []


def test_a_missing_candidate_name() -> None:
    (problem,) = check(portfolio(candidate={"id": "N-1"}))
    assert problem.pointer == "/candidate"
    assert "'name'" in problem.message


def test_an_empty_candidate_name() -> None:
    (problem,) = check(portfolio(candidate={"name": ""}))
    assert problem.pointer == "/candidate/name"


def test_a_missing_candidate() -> None:
    (problem,) = check(portfolio(candidate=None))
    assert problem.pointer == ""
    assert "'candidate'" in problem.message


def test_a_field_value_of_the_wrong_type() -> None:
    data = portfolio(evidence=[{"id": "d1", "kind": "diploma", "signed": "yes", "level": "high"}])
    problems = check(data)
    assert sorted(pointers(problems)) == ["/evidence/0/level", "/evidence/0/signed"]


def test_a_value_outside_a_fields_list() -> None:
    (problem,) = check(portfolio(evidence=[{"id": "c1", "kind": "course", "topic": "astrology"}]))
    assert problem.pointer == "/evidence/0/topic"


def test_negative_hours_are_refused() -> None:
    (problem,) = check(portfolio(experience={"hours": [{"activity": "guidance", "hours": -1}]}))
    assert problem.pointer == "/experience/hours/0/hours"


def test_every_problem_against_the_framework_is_reported_together() -> None:
    case = {"id": "case-1", "demonstrates": {"tasks": [{"id": "intak", "text": "First talk."}]}}
    data = portfolio(
        evidence=[{"id": "x", "kind": "diplome"}],
        cases=[case],
        experience={"hours": [{"activity": "guidence", "hours": 10}]},
    )
    assert pointers(check(data)) == [
        "/cases/0/demonstrates/tasks/0/id",
        "/evidence/0/kind",
        "/experience/hours/0/activity",
    ]


def test_every_problem_of_the_common_shape_is_reported_together() -> None:
    data = portfolio(submitted="2026-10-32", candidate={"id": "N-1"}, extra=True)
    found = set(pointers(check(data)))
    assert {"/submitted", "/candidate"} <= found
    assert len(found) == 3


def test_a_portfolio_naming_another_framework_is_refused() -> None:
    parsed = parse_portfolio(json.dumps(portfolio(framework="noloc")), "p.json")
    with pytest.raises(EvaluationError) as caught:
        FRAMEWORK.check_portfolio(parsed)
    (problem,) = caught.value.problems
    assert problem.pointer == "/framework"
    assert "'noloc'" in problem.message and "'demo'" in problem.message
    with pytest.raises(EvaluationError):
        FRAMEWORK.evaluate(parsed)


def test_a_refused_portfolio_is_never_evaluated() -> None:
    parsed = parse_portfolio(json.dumps(portfolio(evidence=[{"id": "x", "kind": "degree"}])), "p.json")
    with pytest.raises(PortfolioError):
        FRAMEWORK.evaluate(parsed)


def test_read_against_the_framework_every_problem_is_reported_at_once() -> None:
    data = portfolio()
    data["submitted"] = "2026-13-01"  # wrong in any portfolio
    data["evidence"][0]["kind"] = "diplomma"  # wrong for this framework
    with pytest.raises(PortfolioError) as error:
        parse_portfolio(json.dumps(data), "p.json", FRAMEWORK)
    assert {"/submitted", "/evidence/0/kind"} <= {p.pointer for p in error.value.problems}


def test_a_portfolio_read_without_the_framework_is_checked_when_evaluated() -> None:
    data = portfolio()
    data["evidence"][0]["kind"] = "diplomma"  # fits the shape of every portfolio, not this framework
    read = parse_portfolio(json.dumps(data), "p.json")
    with pytest.raises(PortfolioError) as error:
        FRAMEWORK.evaluate(read)
    assert [p.pointer for p in error.value.problems] == ["/evidence/0/kind"]


# --- what a schema cannot say: unique ids, periods in order ---------------------------------


def with_case(**changes: Any) -> dict[str, Any]:
    """The valid portfolio with its one case changed."""
    return portfolio(cases=[{**VALID["cases"][0], **changes}])


def test_a_period_that_ends_before_it_starts_is_refused_at_its_end() -> None:
    (problem,) = check(with_case(period={"start": "2025-03-01", "end": "2025-02-28"}))
    assert problem.pointer == "/cases/0/period/end"
    assert "2025-02-28" in problem.message and "2025-03-01" in problem.message


def test_a_period_of_a_single_day_is_accepted() -> None:
    assert check(with_case(period={"start": "2025-03-01", "end": "2025-03-01"})) == []


def test_a_backward_period_is_refused_when_read_against_the_framework_too() -> None:
    data = with_case(period={"start": "2025-03-01", "end": "2024-03-01"})
    with pytest.raises(PortfolioError) as error:
        parse_portfolio(json.dumps(data), "p.json", FRAMEWORK)
    assert [p.pointer for p in error.value.problems] == ["/cases/0/period/end"]


def test_a_duplicate_evidence_id_is_refused_naming_the_first() -> None:
    first, second = VALID["evidence"]
    data = portfolio(evidence=[first, second, {**second, "id": "d1"}, {**second, "id": "d1"}])
    problems = check(data)
    assert pointers(problems) == ["/evidence/2/id", "/evidence/3/id"]
    assert all("'d1'" in p.message and "/evidence/0" in p.message for p in problems)


def test_a_duplicate_case_id_is_refused_naming_the_first() -> None:
    case = VALID["cases"][0]
    data = portfolio(cases=[case, {**case, "id": "case-2"}, case])
    (problem,) = check(data)
    assert problem.pointer == "/cases/2/id"
    assert "'case-1'" in problem.message and "/cases/0" in problem.message


def test_an_evidence_item_and_a_case_may_share_an_id() -> None:
    assert check(with_case(id="d1")) == []


def test_consistency_problems_skip_what_the_schema_refuses() -> None:
    # Called alongside the schema check, it must not trip over data of the wrong shape.
    odd = {
        "evidence": "none",
        "cases": [3, {"id": 7}, {"id": 7}, {"period": {"start": "2025-13-01", "end": 1}}],
    }
    assert consistency_problems(odd, "p.json") == []
    assert consistency_problems([], None) == []


# --- numbers ---------------------------------------------------------------------------------


def hours(value: Any) -> dict[str, Any]:
    return portfolio(experience={"hours": [{"activity": "guidance", "hours": value}]})


def test_hours_up_to_a_billion_are_accepted() -> None:
    assert check(hours(1_000_000_000)) == []


@pytest.mark.parametrize("value", [1_000_000_000.5, 10**400])
def test_hours_above_a_billion_are_refused(value: float) -> None:
    (problem,) = check(hours(value))
    assert problem.pointer == "/experience/hours/0/hours"
    assert len(problem.message) < 100  # a 400-digit number is not repeated in full


def test_a_huge_number_field_is_refused_before_any_rule_runs() -> None:
    data = portfolio(evidence=[VALID["evidence"][0], {"id": "c1", "kind": "course", "hours": 10**400}])
    with pytest.raises(PortfolioError) as error:  # not an OverflowError from a rule
        FRAMEWORK.evaluate(parse_portfolio(json.dumps(data), "p.json"))
    assert [p.pointer for p in error.value.problems] == ["/evidence/1/hours"]


def test_every_number_in_the_schema_is_bounded() -> None:
    props = FRAMEWORK.portfolio_schema()["properties"]
    course = props["evidence"]["items"]["allOf"][1]["then"]["properties"]["hours"]
    entry = props["experience"]["properties"]["hours"]["items"]["properties"]["hours"]
    for number in (course, entry):
        assert number["minimum"] == 0 and number["maximum"] == 1e9


# --- messages that say what is expected ------------------------------------------------------


def test_a_bad_level_says_what_a_level_is() -> None:
    (problem,) = check(portfolio(evidence=[{"id": "d1", "kind": "diploma", "level": "level six"}]))
    assert problem.pointer == "/evidence/0/level"
    assert problem.message == (
        "'level six' is not a level: write a framework name and a number, like NLQF6 or EQF7 "
        "(EQF, NLQF and EstQF have levels 1 to 8), or a scale's name and a level, like CEFR C1"
    )


def test_a_bad_language_says_what_a_language_code_is() -> None:
    (problem,) = check(portfolio(language="EN"))
    assert problem.pointer == "/language"
    assert problem.message == "'EN' is not a language code: two or three lower-case letters, like nl"


def test_a_date_failing_both_format_and_pattern_is_reported_once() -> None:
    (problem,) = check(portfolio(submitted="20261001"))
    assert problem.pointer == "/submitted"
    assert problem.message == "'20261001' is not a date: write YYYY-MM-DD"


def test_a_date_that_is_not_a_string_says_what_a_date_is() -> None:
    (problem,) = check(portfolio(submitted=20261001))
    assert problem.message == "20261001 is not a date: write YYYY-MM-DD"


BARE = parse_framework(
    """\
qualmark: 1
id: bare
uri: urn:qualmark:framework:bare
version: "1"
title: Bare
languages: [en]
issuer: {name: Bare}
source: {title: Bare}
profile:
  tasks:
    - {id: intake, label: Intake}
testing:
  requirements:
    - {id: T, demonstrate: tasks, all: true}
""",
    "bare.yaml",
)


def check_bare(**changes: Any) -> list[Problem]:
    data = {**{k: VALID[k] for k in ("qualmark_portfolio", "candidate", "submitted")}, "framework": "bare"}
    try:
        parse_portfolio(json.dumps({**data, **changes}), "p.json", BARE)
    except PortfolioError as exc:
        return list(exc.problems)
    return []


def test_a_framework_without_lists_still_has_a_valid_schema() -> None:
    Draft202012Validator.check_schema(BARE.portfolio_schema())
    assert check_bare() == []


@pytest.mark.parametrize(
    ("changes", "where", "message"),
    [
        (
            {"evidence": [{"id": "d1", "kind": "diploma"}]},
            "/evidence/0/kind",
            "'diploma' is not allowed here: this framework defines no evidence kinds",
        ),
        (
            {"experience": {"hours": [{"activity": "guidance", "hours": 1}]}},
            "/experience/hours/0/activity",
            "'guidance' is not allowed here: this framework defines no experience activities",
        ),
        (
            {"elements": {"cv": {"provided": True}}},
            "/elements/cv",
            "unknown key 'cv': this framework defines no portfolio elements",
        ),
        (
            {"declarations": {"ethics-code": {"agreed": True}}},
            "/declarations/ethics-code",
            "unknown key 'ethics-code': this framework defines no declarations",
        ),
    ],
)
def test_an_id_from_a_list_the_framework_leaves_empty(
    changes: dict[str, Any], where: str, message: str
) -> None:
    (problem,) = check_bare(**changes)
    assert (problem.pointer, problem.message) == (where, message)


def test_an_unknown_key_hint_points_to_the_docs_without_brackets() -> None:
    (problem,) = check(portfolio(colour="red"))
    assert problem.hint == "remove it, or check its spelling: see docs/portfolio.md"


def test_no_hint_ends_in_brackets() -> None:
    # The CLI prints each hint in parentheses already.
    data = portfolio(
        colour="red",
        submitted="2026-13-01",
        candidate={"id": "N-1"},
        evidence=[{"id": "x", "kind": "diplome", "level": "six", "topic": "x"}],
        experience={"hours": [{"activity": "guidence", "hours": -1}]},
        elements={"cvv": {"provided": True}},
    )
    with pytest.raises(PortfolioError) as error:
        parse_portfolio(json.dumps(data), "p.json", FRAMEWORK)
    problems = [
        *error.value.problems,
        *check_bare(evidence=[{"id": "d1", "kind": "diploma"}], elements={"cv": {}}),
    ]
    assert len(problems) >= 10
    assert not [p.hint for p in problems if p.hint and p.hint.rstrip(".").endswith(")")]


# --- not_relevant marks only where a rule reads them -----------------------------------------


def schema_check(data: dict[str, Any], marks: set[str] | None, framework: bool = True) -> list[Problem]:
    """The problems of ``data`` against a schema allowing not_relevant marks for ``marks`` only."""
    catalogues = FRAMEWORK.catalogues if framework else None
    schema = portfolio_schema(catalogues, "demo", not_relevant_vocabularies=marks)
    return schema_problems(Draft202012Validator(schema, format_checker=FormatChecker()), data, "p.json")


COMPETENCE_MARKED = with_case(
    not_relevant={"tasks": [{"id": "advice"}], "competences": [{"id": "counselling"}]}
)


def test_by_default_every_vocabulary_takes_not_relevant_marks() -> None:
    assert schema_check(COMPETENCE_MARKED, None) == []
    assert schema_check(COMPETENCE_MARKED, None, framework=False) == []


@pytest.mark.parametrize("framework", [True, False])
def test_marks_for_a_vocabulary_no_rule_reads_are_refused(framework: bool) -> None:
    (problem,) = schema_check(COMPETENCE_MARKED, {"tasks"}, framework)
    assert problem.pointer == "/cases/0/not_relevant/competences"
    assert "'competences'" in problem.message
    assert problem.hint is not None and "tasks" in problem.hint


def test_a_misspelt_vocabulary_under_not_relevant_gets_a_suggestion() -> None:
    (problem,) = schema_check(with_case(not_relevant={"taks": [{"id": "advice"}]}), {"tasks"})
    assert problem.pointer == "/cases/0/not_relevant/taks"
    assert problem.hint == "did you mean 'tasks'?"


def test_with_no_vocabulary_named_nothing_can_be_marked() -> None:
    (problem,) = schema_check(VALID, set())
    assert problem.pointer == "/cases/0/not_relevant/tasks"
    assert schema_check(with_case(not_relevant={}), set()) == []


def test_marks_no_rule_reads_are_refused_by_the_framework() -> None:
    (problem,) = check(
        with_case(not_relevant={"tasks": [{"id": "advice"}], "competences": [{"id": "counselling"}]})
    )
    assert problem.pointer == "/cases/0/not_relevant/competences"


# --- hostile portfolios --------------------------------------------------------------------------


def test_a_schema_reference_is_allowed_as_the_printed_schema_says() -> None:
    data = portfolio(**{"$schema": "./demo.schema.json"})
    assert check(data) == []
    assert parse_portfolio(json.dumps(data), "p.json", FRAMEWORK).schema_uri == "./demo.schema.json"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("cases", {"case 1": {"summary": "private"}}, "expected a list, found an object with 1 key"),
        ("candidate", ["Anna", "private"], "expected an object, found a list of 2 items"),
        ("evidence", "private " * 100, "expected a list, found 'private private private private private…'"),
    ],
    ids=["object-for-list", "list-for-object", "long-text"],
)
def test_a_value_of_the_wrong_type_is_described_never_quoted_whole(
    key: str, value: Any, message: str
) -> None:
    (problem,) = check(portfolio(**{key: value}))
    assert (problem.pointer, problem.message) == (f"/{key}", message)


@pytest.mark.parametrize("copy_id", ["case-1\u200b", "case-\u20601", "\ufeffcase-1"])
def test_case_ids_that_differ_only_by_invisible_characters_are_the_same_id(copy_id: str) -> None:
    cases = [VALID["cases"][0], {**VALID["cases"][0], "id": copy_id}]
    (problem,) = [p for p in check(portfolio(cases=cases)) if p.pointer == "/cases/1/id"]
    assert problem.message.startswith(f"the case id {quote(copy_id)} is already used by /cases/0")
    assert "reads the same as 'case-1'" in problem.message


@pytest.mark.parametrize(
    ("level", "message"),
    [
        ("EQF99", "'EQF99' is not a level: EQF has levels 1 to 8, so there is no EQF99"),
        ("EQF 0", "'EQF 0' is not a level: EQF has levels 1 to 8, so there is no EQF0"),
        ("NLQF" + "9" * 5000, "'NLQF99999999999999999999999999999999999…' is not a level: write a framework"),
    ],
    ids=["eqf99", "eqf0", "5000-digits"],
)
def test_a_level_beyond_its_scale_is_refused(level: str, message: str) -> None:
    evidence = [{"id": "d1", "kind": "diploma", "level": level}]
    (problem,) = check(portfolio(evidence=evidence))
    assert problem.pointer == "/evidence/0/level"
    assert problem.message.startswith(message)


def test_an_enumerated_value_in_decomposed_unicode_gets_a_hint() -> None:
    fw = parse_framework(
        FRAMEWORK_TEXT.replace("values: [ethics, theory]", "values: [ethiek, théorie]"), "demo.yaml"
    )
    evidence = [{"id": "c1", "kind": "course", "topic": "the\u0301orie"}]
    with pytest.raises(PortfolioError) as caught:
        fw.check_portfolio(parse_portfolio(json.dumps(portfolio(evidence=evidence)), "p.json"))
    (problem,) = caught.value.problems
    assert problem.hint is not None and "written with an accent as a character of its own" in problem.hint


def test_case_ids_that_differ_only_in_the_kind_of_space_are_the_same_id() -> None:
    cases = [{**VALID["cases"][0], "id": "case 1"}, {**VALID["cases"][0], "id": "case\u00a01"}]
    (problem,) = [p for p in check(portfolio(cases=cases)) if p.pointer == "/cases/1/id"]
    assert "reads the same as 'case 1'" in problem.message


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            {"candidate": {"name": "\u3000"}},
            "/candidate/name",
            "'\u3000' shows nothing: only spaces or invisible characters",
        ),
        ({"cases": [{**VALID["cases"][0], "id": ""}]}, "/cases/0/id", "must not be empty"),
        (
            {"cases": [{**VALID["cases"][0], "id": "c" * 101}]},
            "/cases/0/id",
            "is too long: at most 100 characters",
        ),
    ],
    ids=["blank-name", "empty-id", "long-id"],
)
def test_names_and_ids_must_show_something_and_stay_short(
    change: dict[str, Any], where: str, message: str
) -> None:
    (problem,) = check(portfolio(**change))
    assert problem.pointer == where and message in problem.message


def test_an_item_marked_not_relevant_twice_in_a_case_is_refused() -> None:
    case = {**VALID["cases"][0], "not_relevant": {"tasks": [{"id": "advice", "motivation": "x"}] * 2}}
    (problem,) = check(portfolio(cases=[case]))
    assert problem.pointer == "/cases/0/not_relevant/tasks/1/id"
    assert problem.message == "'advice' is marked not relevant twice in this case"


def test_an_evaluation_given_as_a_portfolio_is_named_for_what_it_is() -> None:
    evaluation = FRAMEWORK.evaluate(parse_portfolio(json.dumps(portfolio()), "p.json", FRAMEWORK))
    record = json.dumps(evaluation.to_json())
    for checked_by in (FRAMEWORK, None):  # one problem, not one per key of the record
        with pytest.raises(PortfolioError) as error:
            parse_portfolio(record, "results.json", checked_by)
        (problem,) = error.value.problems
        assert "an evaluation" in problem.message and "not a portfolio" in problem.message
        assert (problem.file, problem.pointer) == ("results.json", "")
    # a portfolio that merely has such a key is a portfolio with an unknown key
    with pytest.raises(PortfolioError) as error:
        parse_portfolio(json.dumps(portfolio(qualmark_evaluation=1)), "p.json", FRAMEWORK)
    assert [p.pointer for p in error.value.problems] == ["/qualmark_evaluation"]
