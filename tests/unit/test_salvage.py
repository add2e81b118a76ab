"""All problems of a framework file in one run: shape problems and what the compiler finds in the rest."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import FrameworkError, LoadError, parse_framework
from qualmark.compiler import compile_all
from qualmark.loader import load_yaml
from qualmark.source import SourceMap
from tests.conftest import FRAMEWORKS
from tests.unit.test_compiler import HEADER, PROFILE, at


def problems(body: str) -> list[tuple[int, int, str]]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(HEADER + PROFILE + body, "fw.yaml")
    return [(p.span.line, p.span.column, p.message) for p in caught.value.problems if p.span]


def test_a_shape_problem_and_an_unknown_id_in_other_rules_are_reported_together() -> None:
    body = """\
  requirements:
    - {id: A, source: s, evidence: diploma, count: many}
    - {id: B, source: s, evidence: diplome}
"""
    found = problems(body)
    assert [(line, column) for line, column, _ in found] == [at(body, "many"), at(body, "diplome}")]
    assert "whole number" in found[0][2] and found[1][2] == "unknown evidence kind 'diplome'"


def test_positions_after_a_removed_rule_are_those_of_the_file() -> None:
    # rule A cannot be compiled (its id is not an id): B and C, now one place up, keep their lines
    body = """\
  requirements:
    - {id: "A A", source: s, evidence: diploma}
    - {id: B, source: s, evidence: diploma}
    - {id: B, source: s, evidence: certificaat}
"""
    found = problems(body)
    assert found[0][:2] == at(body, '"A A"') and "is not an id" in found[0][2]
    assert (found[1][0], found[1][2]) == (
        at(body, "id: B", 2)[0],
        f"rule id 'B' is used twice (first at line {at(body, 'id: B')[0]})",
    )
    assert found[2][:2] == at(body, "certificaat") and "unknown evidence kind" in found[2][2]
    assert len(found) == 3


def test_an_item_left_out_for_its_shape_is_not_reported_again_where_it_is_named() -> None:
    # the task's label is a list: the task is left out, but naming it elsewhere is no second error
    body = """\
profile:
  tasks:
    - {id: guide, label: [Guide]}
    - {id: advise, label: Advise}
testing:
  requirements:
    - {id: A, source: s, demonstrate: tasks, including: [guide, advize]}
"""
    with pytest.raises(FrameworkError) as caught:
        parse_framework(HEADER + body, "fw.yaml")
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 2, messages
    assert "expected" in messages[0] and "found a list" in messages[0]
    assert messages[1] == "unknown task 'advize'"


def test_a_rule_left_without_its_kind_is_not_blamed_for_it() -> None:
    body = "  requirements:\n    - {id: C, source: x, casez: {count: 1}}\n"
    assert [message for _, _, message in problems(body)] == ["unknown key 'casez'"]


def test_a_nested_alternative_with_a_shape_problem_leaves_the_others_checked() -> None:
    body = """\
  requirements:
    - id: A
      source: s
      one_of:
        - {id: A1, evidence: diploma, max_age: {yeers: 2}}
        - {id: A2, evidence: diplome}
"""
    found = problems(body)
    assert [message for _, _, message in found] == ["unknown key 'yeers'", "unknown evidence kind 'diplome'"]
    assert found[1][:2] == at(body, "diplome}")


def test_when_a_required_top_level_value_is_wrong_only_the_shape_problems_are_reported() -> None:
    text = (
        HEADER.replace('version: "1"', "version: [1]")
        + "testing:\n  requirements:\n    - {id: A, evidence: nothing}\n"
    )
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, "fw.yaml")
    assert [p.message for p in caught.value.problems] == ["expected text, found a list"]


def test_a_duplicate_key_and_a_reference_problem_are_reported_together() -> None:
    body = """\
  requirements:
    - id: A
      source: s
      source: t
      evidence: diplome
"""
    with pytest.raises(LoadError) as caught:  # a file with a duplicate key cannot be read as written
        parse_framework(HEADER + PROFILE + body, "fw.yaml")
    assert [p.message for p in caught.value.problems] == [
        f"duplicate key 'source' (first at line {at(body, 'source: s')[0]})",
        "unknown evidence kind 'diplome'",
    ]


# --- a property: salvage finds the shipped frameworks' rules where they are --------------------


def _requirements(name: str) -> tuple[dict[str, Any], SourceMap]:
    data, smap = load_yaml(FRAMEWORKS / name)
    return data, smap


@pytest.mark.parametrize(
    "name", ["noloc-register-loopbaanprofessional.yaml", "estqf-career-specialist-7.yaml"]
)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_breaking_one_rule_of_a_shipped_framework_leaves_the_others_checked_at_their_lines(
    name: str, data: st.DataObject
) -> None:
    original, smap = _requirements(name)
    rules = original["testing"]["requirements"]
    broken, duplicate, first = data.draw(
        st.lists(st.integers(0, len(rules) - 1), min_size=3, max_size=3, unique=True),
        label="broken, duplicate, first",
    )
    doc = copy.deepcopy(original)
    doc["testing"]["requirements"][broken]["advisory"] = "maybe"  # a shape problem: the rule is left out
    doc["testing"]["requirements"][duplicate]["id"] = rules[first]["id"]  # a compiler problem elsewhere
    compiled = compile_all(doc, smap)
    messages = {(p.span.line, p.message) for p in compiled.problems if p.span}
    assert (
        smap.span(("testing", "requirements", broken, "advisory")).line,
        "expected true or false, found 'maybe'",
    ) in messages
    later = max(duplicate, first)
    earlier_line = smap.span(("testing", "requirements", min(duplicate, first), "id")).line
    assert (
        smap.span(("testing", "requirements", later, "id")).line,
        f"rule id '{rules[first]['id']}' is used twice (first at line {earlier_line})",
    ) in messages
    assert len(compiled.problems) == 2, compiled.problems


def test_a_case_field_left_out_for_its_shape_is_not_reported_again_where_a_rule_names_it() -> None:
    body = """\
  case_fields:
    supervised: {type: yes-or-no}
  requirements:
    - {id: C, source: s, cases: {count: 1, where: {supervised: true, sector: health}}}
"""
    found = problems(body)
    assert [message.split(",")[0] for *_, message in found] == [
        "expected 'text'",
        "unknown field 'sector' of a case",
    ]


def test_a_refused_tag_on_the_whole_document_is_the_problem_reported() -> None:
    # the document reads as nothing, which is no framework: the refused tag says why
    with pytest.raises(LoadError) as caught:
        parse_framework('!!python/object/apply:os.system ["true"]\n', "fw.yaml")
    [problem] = caught.value.problems
    assert problem.message.startswith("invalid YAML: YAML tags are not allowed here")
