"""A framework's portfolio schema: ids as enums, and bad portfolios refused with JSON pointers."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from qualmark import EvaluationError, PortfolioError, parse_framework, parse_portfolio
from qualmark.errors import Problem

FRAMEWORK = parse_framework(
    """\
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
""",
    "demo.yaml",
)

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
    case = {"id": "case-1", "not_relevant": {"tasks": [{"id": "adviec"}]}}
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


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "01-10-2026", "2026-10-1", "yesterday"])
def test_a_bad_submission_date(date: str) -> None:
    problems = check(portfolio(submitted=date))
    assert problems
    assert set(pointers(problems)) == {"/submitted"}
    assert all(p.hint == "write dates as YYYY-MM-DD" for p in problems)


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
