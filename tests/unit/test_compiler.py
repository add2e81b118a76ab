"""The compiler: every problem of a framework file, at its file:line:col, with a way to fix it.

Each test adds a few lines to a small valid framework. Expected positions are
found in the test's own YAML with :func:`at`, never copied from output.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from qualmark import FrameworkError, parse_framework

HEADER = """\
qualmark: 1
id: demo
uri: urn:qualmark:framework:demo
version: "1"
title: {en: Demo mark, nl: Demokeurmerk}
languages: [en, nl]
issuer: {name: Demo}
source: {title: Demo source}
"""

PROFILE = """\
profile:
  knowledge_areas:
    - {id: career-theory, label: Career theory}
    - {id: labour-market, label: Labour market}
    - {id: ethics, label: Ethics}
    - {id: psychology, label: Psychology}
    - {id: methods, label: Methods}
  competences:
    - {id: counselling, label: Counselling}
    - {id: coaching, label: Coaching, group: elective}
testing:
  evidence_kinds:
    - id: diploma
      label: Diploma
      fields: {level: level, signed: boolean, hours: number, field: {type: text, values: [social, other]}}
"""


@dataclass(frozen=True)
class Found:
    line: int
    column: int
    message: str
    hint: str | None


def framework(body: str) -> str:
    return HEADER + PROFILE + body


def check(body: str, *, profile: bool = True) -> list[Found]:
    """The problems the compiler reports for the framework, in the order reported."""
    text = framework(body) if profile else HEADER + body
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, "fw.yaml")
    found = []
    for problem in caught.value.problems:
        assert problem.span is not None and problem.span.file == "fw.yaml", problem
        found.append(Found(problem.span.line, problem.span.column, problem.message, problem.hint))
    return found


def at(body: str, needle: str, nth: int = 1, *, profile: bool = True) -> tuple[int, int]:
    """Line and column (from 1) of the ``nth`` occurrence of ``needle`` in ``body``, in the whole file."""
    prefix = HEADER + PROFILE if profile else HEADER
    text = prefix + body
    start = len(prefix) - 1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def only(found: list[Found]) -> Found:
    assert len(found) == 1, found
    return found[0]


# --- the base is valid ----------------------------------------------------------------------


def test_the_base_framework_compiles() -> None:
    fw = parse_framework(framework("  requirements:\n    - {id: A, evidence: diploma}\n"), "fw.yaml")
    assert fw.id == "demo"
    assert [rule.header.id for rule in fw.rules] == ["A"]


# --- shape: unknown keys, types, missing keys ------------------------------------------------

MISSPELT = """\
  requirements:
    - id: A1
      evidance: diploma
"""


def test_an_unknown_key_gets_a_did_you_mean_at_the_keys_position() -> None:
    problem = only(check(MISSPELT))
    assert (problem.line, problem.column) == at(MISSPELT, "evidance")
    assert problem.message == "unknown key 'evidance'"
    assert problem.hint == "did you mean 'evidence'?"


def test_the_error_prints_as_file_line_col_message_and_hint() -> None:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(framework(MISSPELT), "fw.yaml")
    line, col = at(MISSPELT, "evidance")
    assert str(caught.value) == f"fw.yaml:{line}:{col}: unknown key 'evidance' — did you mean 'evidence'?"


def test_an_unknown_top_level_key_suggests_the_right_one() -> None:
    body = "isuer: {name: Other}\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "isuer")
    assert problem.hint == "did you mean 'issuer'?"


def test_an_unknown_key_with_nothing_close_points_to_the_docs() -> None:
    body = "  requirements:\n    - {id: A, evidence: diploma, colour: blue}\n"
    problem = only(check(body))
    assert problem.message == "unknown key 'colour'"
    assert problem.hint is not None and "docs/dsl.md" in problem.hint


@pytest.mark.parametrize(
    ("line", "needle", "expected"),
    [
        ("    - {id: A, evidence: diploma, count: many}", "many", ("whole number", "integer")),
        ("    - {id: A, evidence: diploma, advisory: maybe}", "maybe", ("true or false", "boolean")),
        ("    - {id: A, demonstrate: competences, including: counselling}", "counselling}", ("list",)),
        ("    - {id: A, experience: 1200}", "1200", ("mapping",)),
    ],
    ids=["count", "advisory", "including", "experience"],
)
def test_a_wrong_type_names_the_type_expected(line: str, needle: str, expected: tuple[str, ...]) -> None:
    body = "  requirements:\n" + line + "\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, needle)
    assert problem.message.startswith("expected ")
    assert any(name in problem.message for name in expected), problem.message


def test_a_wrong_type_at_the_top_level() -> None:
    body = "valid_until: someday\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "someday")
    assert "date" in problem.message and "'someday'" in problem.message


def test_a_missing_required_key_is_named() -> None:
    text = HEADER.replace("uri: urn:qualmark:framework:demo\n", "")
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, "fw.yaml")
    (problem,) = caught.value.problems
    assert problem.message == "missing required key 'uri'"
    assert str(problem.span) == "fw.yaml:1:1"  # the mapping that lacks it


def test_a_missing_key_of_a_nested_mapping_points_at_that_mapping() -> None:
    body = "  requirements:\n    - id: T\n      total: {field: hours, of: diploma}\n"
    problem = only(check(body))
    assert problem.message == "missing required key 'min'"
    assert (problem.line, problem.column) == at(body, "{field")


def test_shape_errors_are_reported_together_sorted_by_position() -> None:
    # The testing block comes before fundamentals in the file, though the models list it later.
    body = """\
  requirements:
    - id: A
      evidence: diploma
      count: many
    - id: B
      evidance: diploma
fundamentals:
  validity: {certification_years: four}
"""
    found = check(body)
    assert [(f.line, f.column) for f in found] == [
        at(body, "many"),
        at(body, "evidance"),
        at(body, "four"),
    ]
    assert [f.message.split(" ")[0] for f in found] == ["expected", "unknown", "expected"]


# --- references that resolve to nothing ------------------------------------------------------


def test_an_unknown_vocabulary_id_in_including_gets_a_did_you_mean() -> None:
    body = """\
  requirements:
    - id: C2
      demonstrate: knowledge_areas
      at_least: 2
      including: [career-theory, labour-markets]
"""
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "labour-markets")
    assert problem.message == "unknown knowledge area 'labour-markets'"
    assert problem.hint == "did you mean 'labour-market'?"


def test_every_unknown_id_of_a_list_is_reported() -> None:
    body = """\
  requirements:
    - id: C2
      demonstrate: knowledge_areas
      including: [etics, career-theory, psycology]
"""
    found = check(body)
    assert [(f.line, f.column) for f in found] == [at(body, "etics"), at(body, "psycology")]
    assert [f.hint for f in found] == ["did you mean 'ethics'?", "did you mean 'psychology'?"]


def test_an_unknown_vocabulary_is_refused() -> None:
    body = "  requirements:\n    - {id: C, demonstrate: skills, all: true}\n"
    problem = only(check(body))
    assert problem.message == "unknown vocabulary 'skills'"
    assert (problem.line, problem.column) == at(body, "skills")


def test_an_unknown_evidence_kind_gets_a_did_you_mean() -> None:
    body = "  requirements:\n    - id: A1\n      evidence: diplom\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "diplom\n")
    assert problem.message == "unknown evidence kind 'diplom'"
    assert problem.hint == "did you mean 'diploma'?"


def test_an_unknown_evidence_kind_in_a_total() -> None:
    body = "  requirements:\n    - {id: T, total: {field: hours, of: course, min: 98}}\n"
    problem = only(check(body))
    assert problem.message == "unknown evidence kind 'course'"
    assert (problem.line, problem.column) == at(body, "course")


def test_an_unknown_field_in_where_is_reported_at_its_key() -> None:
    body = """\
  requirements:
    - id: A1
      evidence: diploma
      where:
        levle: {min: EQF6}
"""
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "levle")
    assert problem.message == "unknown field 'levle' of evidence kind 'diploma'"
    assert problem.hint == "did you mean 'level'?"


def test_common_evidence_fields_may_be_used_in_where() -> None:
    body = "  requirements:\n    - {id: A1, evidence: diploma, where: {issued: {min: 2020-01-01}}}\n"
    fw = parse_framework(framework(body), "fw.yaml")
    assert [r.header.id for r in fw.rules] == ["A1"]


@pytest.mark.parametrize(
    ("condition", "needle", "words"),
    [
        ('signed: "yes"', '"yes"', ("boolean", "text")),
        ("hours: {min: ten}", "ten", ("number", "text")),
        ("level: {min: 6}", "{min: 6}", ("not a level",)),
        ("field: medicine", "medicine", ("not one of", "social, other")),
        ("signed: {min: true}", "{min: true}", ("'min' compares",)),
    ],
    ids=["bool", "number", "level", "values", "min-on-boolean"],
)
def test_a_where_value_of_the_wrong_type(condition: str, needle: str, words: tuple[str, ...]) -> None:
    body = f"  requirements:\n    - id: A1\n      evidence: diploma\n      where:\n        {condition}\n"
    problem = only(check(body))
    line, _ = at(body, needle)
    assert problem.line == line
    assert all(word in problem.message for word in words), problem.message


# --- rules that can never be met -------------------------------------------------------------


def test_at_least_more_items_than_the_vocabulary_has() -> None:
    body = "  requirements:\n    - id: C2\n      demonstrate: knowledge_areas\n      at_least: 6\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "6\n")
    assert problem.message == "at_least 6 can never be met: knowledge_areas has 5 items"
    assert problem.hint is not None and "5" in problem.hint


def test_at_least_exactly_the_vocabulary_size_is_fine() -> None:
    body = "  requirements:\n    - {id: C2, demonstrate: knowledge_areas, at_least: 5}\n"
    assert [r.header.id for r in parse_framework(framework(body), "fw.yaml").rules] == ["C2"]


def test_more_electives_than_the_vocabulary_has() -> None:
    body = """\
  requirements:
    - id: B3
      demonstrate: competences
      all: mandatory
      electives: {min: 2}
"""
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "2}")
    assert "electives min 2 can never be met" in problem.message
    assert "1 elective" in problem.message


def test_as_many_electives_as_there_are_is_fine() -> None:
    body = "  requirements:\n    - {id: B3, demonstrate: competences, all: mandatory, electives: {min: 1}}\n"
    assert [r.header.id for r in parse_framework(framework(body), "fw.yaml").rules] == ["B3"]


def test_at_least_n_of_more_parts_than_given() -> None:
    body = """\
  requirements:
    - id: X
      at_least:
        n: 3
        of:
          - {id: X1, evidence: diploma}
          - {id: X2, evidence: diploma, where: {signed: true}}
"""
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "3\n")
    assert problem.message == "at_least 3 can never be met: there are 2 parts"


def test_at_least_n_without_demonstrate() -> None:
    body = "  requirements:\n    - id: X\n      at_least: 2\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "2\n")
    assert "demonstrate" in problem.message
    assert problem.hint is not None and "of:" in problem.hint


def test_demonstrate_without_a_selection() -> None:
    body = "  requirements:\n    - {id: C, demonstrate: competences}\n"
    problem = only(check(body))
    assert "must be shown" in problem.message


# --- rule kinds and ids ----------------------------------------------------------------------


def test_a_rule_with_two_kinds() -> None:
    body = """\
  requirements:
    - id: A2
      evidence: diploma
      total: {field: hours, of: diploma, min: 98}
"""
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "A2")
    assert "exactly one" in problem.message
    assert problem.message.endswith("found: evidence, total")
    assert problem.hint is not None and "all_of" in problem.hint


def test_a_rule_with_no_kind() -> None:
    body = "  requirements:\n    - id: A3\n      title: Nothing to check\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "A3")
    assert problem.message.endswith("found: none")
    assert problem.hint is not None and "evidence" in problem.hint


def test_a_modifier_that_does_not_fit_the_kind() -> None:
    body = "  requirements:\n    - {id: E, declarations: [x], where: {signed: true}}\n"
    messages = [f.message for f in check(body)]
    assert "'where' does not apply to a 'declarations' rule" in messages


def test_duplicate_rule_ids_name_the_first_line() -> None:
    body = """\
  requirements:
    - id: A
      evidence: diploma
    - id: B
      all_of:
        - id: A
          evidence: diploma
"""
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "A", 2)
    first_line, _ = at(body, "A")
    assert problem.message == f"rule id 'A' is used twice (first at line {first_line})"


def test_duplicate_vocabulary_ids() -> None:
    body = "profile:\n  tasks:\n    - {id: intake, label: Intake}\n    - {id: intake, label: Again}\n"
    problem = only(check(body, profile=False))
    assert (problem.line, problem.column) == at(body, "intake", 2, profile=False)
    assert problem.message == "tasks id 'intake' is used twice"


# --- answers to the question catalogue -------------------------------------------------------


def test_a_question_answered_in_the_wrong_block() -> None:
    body = "fundamentals:\n  answers:\n    Q2-1: We adopt an existing profile.\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "Q2-1")
    assert problem.message == "question Q2-1 belongs to block 2"
    assert problem.hint == "move it to profile.answers"


def test_a_sub_block_question_belongs_to_its_building_block() -> None:
    body = (
        "certification:\n  answers:\n    Q5.2-2: Two assessors.\nmentoring:\n  answers:\n    Q4.4-1: Yes.\n"
    )
    fw = parse_framework(framework(body), "fw.yaml")
    assert fw.document.certification.answers["Q5.2-2"] == "Two assessors."


def test_an_unknown_question_id() -> None:
    body = "fundamentals:\n  answers:\n    Q1-12: Who pays?\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "Q1-12")
    assert problem.message == "unknown question 'Q1-12' in block 1"


def test_an_answer_both_skipped_and_answered() -> None:
    body = 'fundamentals:\n  answers:\n    Q1-4: {skip: "Not addressed.", answer: "One mark."}\n'
    problem = only(check(body))
    assert problem.line == at(body, "Q1-4")[0]
    assert problem.message == "a question is either answered or skipped, not both"


def test_see_to_an_empty_part() -> None:
    body = "profile:\n  answers:\n    Q2-3: {see: profile.tasks}\n"
    problem = only(check(body, profile=False))
    assert (problem.line, problem.column) == at(body, "profile.tasks", profile=False)
    assert problem.message == "'profile.tasks' is empty"


def test_see_to_an_unknown_part() -> None:
    body = "fundamentals:\n  answers:\n    Q1-9: {see: fundamentals.valdity}\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "fundamentals.valdity")
    assert problem.message == "unknown part of the framework 'fundamentals.valdity'"
    assert problem.hint == "did you mean 'fundamentals.validity'?"


def test_see_to_a_filled_part_is_fine() -> None:
    body = "  requirements: []\n  answers:\n    Q3-1: {see: testing.evidence_kinds}\n"
    fw = parse_framework(framework(body), "fw.yaml")
    assert fw.id == "demo"


def test_an_added_question_may_not_reuse_a_catalogue_id() -> None:
    body = 'fundamentals:\n  questions:\n    - {id: Q1-1, text: "Who?", answer: Us.}\n'
    problem = only(check(body))
    assert problem.message == "question id 'Q1-1' is already used"


# --- languages -------------------------------------------------------------------------------


def test_a_language_not_in_languages() -> None:
    body = "fundamentals:\n  answers:\n    Q1-2: {en: Demo mark, de: Demo-Gütesiegel}\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "de:")
    assert problem.message == "language 'de' is not in languages (en, nl)"


def test_declared_languages_are_fine_everywhere() -> None:
    body = "  requirements:\n    - {id: A, title: {en: Degree, nl: Diploma}, evidence: diploma}\n"
    assert parse_framework(framework(body), "fw.yaml").rules[0].header.title == {
        "en": "Degree",
        "nl": "Diploma",
    }


# --- all problems together -------------------------------------------------------------------


def test_compile_problems_are_reported_together_sorted_by_position() -> None:
    # Requirements come first in the file; answers and languages are checked first by the compiler.
    body = """\
  requirements:
    - {id: A, evidence: diplom}
    - {id: B, demonstrate: knowledge_areas, at_least: 6}
    - {id: A, demonstrate: competences, including: [counseling]}
fundamentals:
  answers:
    Q2-1: Adopted.
    Q1-2: {fr: Marque}
"""
    found = check(body)
    assert [(f.line, f.column) for f in found] == [
        at(body, "diplom"),
        at(body, "6}"),
        at(body, "A,", 2),
        at(body, "counseling"),
        at(body, "Q2-1"),
        at(body, "fr:"),
    ]
    assert found[3].hint == "did you mean 'counselling'?"


def test_an_id_named_twice_in_a_list_is_refused() -> None:
    body = "testing:\n  declarations: [{id: d1, text: T}]\n  requirements:\n    - {id: a, declarations: [d1, d1]}\n"
    problem = only(check(body, profile=False))
    assert problem.message == "declaration 'd1' is named twice"
    assert problem.hint == "remove one"
    assert (problem.line, problem.column) == (12, 34)


@pytest.mark.parametrize(("written", "read"), [("1.10", "1.1"), ("010", "8"), ("1_000", "1000")])
def test_an_unquoted_number_that_would_change_as_text_is_refused(written: str, read: str) -> None:
    body = f"profile:\n  tasks:\n    - {{id: t1, code: {written}, label: T}}\n"
    problem = only(check(body, profile=False))
    assert problem.message == f"YAML reads the unquoted {written} as the number {read}"
    assert problem.hint == f"put it in quotes to keep it as written: '{written}'"
    assert (problem.line, problem.column) == at(body, written, profile=False)


def test_numbers_that_read_back_as_written_or_mean_numbers_are_fine() -> None:
    body = (
        "profile:\n  tasks:\n    - {id: t1, code: 3, label: T}\n"
        "testing:\n  evidence_kinds: [{id: c, label: C, fields: {hours: number}}]\n"
        "  requirements:\n    - {id: a, total: {field: hours, of: c, min: 98.50}}\n"
    )
    framework = parse_framework(HEADER + body, "fw.yaml")
    assert framework.document.profile.tasks[0].code == "3"


# --- names a reader cannot tell apart, reserved names, bounds (hostile inputs) ----------------


@pytest.mark.parametrize("name", ["id", "period", "summary", "demonstrates", "not_relevant", "reflections"])
def test_a_case_field_may_not_take_the_name_of_a_part_every_case_has(name: str) -> None:
    body = f"  case_fields:\n    {name}: text\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, name)
    assert problem.message == f"'{name}' is a part of every case; do not declare it"


def test_field_names_that_differ_only_by_an_invisible_character_are_refused() -> None:
    body = '  case_fields:\n    sector: text\n    "sector\\u200b": text\n'
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, '"sector')
    assert problem.message == "the field name 'sector\\u200b' holds an invisible character (\\u200b)"
    assert problem.hint == "delete it (most editors do not show it)"


def test_a_field_name_in_decomposed_unicode_is_refused() -> None:
    body = '  case_fields:\n    "financie\\u0308le": text\n'
    problem = only(check(body))
    assert "is not in Unicode's composed form (NFC)" in problem.message
    assert "(U+0308)" in problem.message


def test_field_names_that_differ_only_in_case_are_refused() -> None:
    body = "  case_fields:\n    Sector: text\n    sector: text\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "sector")
    assert problem.message == "the field name 'sector' reads the same as 'Sector'"


def test_values_of_a_field_that_read_the_same_are_refused() -> None:
    body = "  case_fields:\n    kind: {type: text, values: [werknemer, Werknemer]}\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "Werknemer")
    assert problem.message == "the value 'Werknemer' reads the same as 'werknemer'"


@pytest.mark.parametrize(
    ("rule", "needle"),
    [
        ("{id: A1, evidence: diploma, count: 100000000000000000000000000000}", "1000000"),
        ("{id: A1, at_least: {n: 1001, of: [{id: A2, evidence: diploma}]}}", "1001"),
        ("{id: A1, cases: {count: {min: 1, max: 5000}}}", "5000"),
    ],
    ids=["count", "at-least", "cases-count"],
)
def test_counts_beyond_the_documented_maximum_are_refused(rule: str, needle: str) -> None:
    body = f"  requirements:\n    - {rule}\n"
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, needle)
    assert problem.message.startswith("must be at most 1000, found ")


@pytest.mark.parametrize("level", ["EQF9", "NLQF0", "EstQF 12"])
def test_a_level_beyond_its_scale_is_refused(level: str) -> None:
    body = f"  requirements:\n    - {{id: A1, evidence: diploma, where: {{level: {{min: {level}}}}}}}\n"
    problem = only(check(body))
    assert "has levels 1 to 8, so there is no" in problem.message


def test_a_level_of_another_scale_may_have_any_two_digit_number() -> None:
    # BOC was such a scale until it shipped with qualmark (levels 1 to 9): see test_scales.py
    body = "  requirements:\n    - {id: A1, evidence: diploma, where: {level: {min: XYZ12}}}\n"
    assert parse_framework(framework(body), "fw.yaml").rules


def test_a_national_level_reference_is_bounded() -> None:
    body = "levels: {national: {framework: EstQF, level: 123456789012345678901234567890}}\n"
    (problem,) = check(body, profile=False)
    assert problem.message.startswith("must be at most 99")


def test_a_number_yaml_reads_as_text_is_explained() -> None:
    body = "  requirements:\n    - {id: A1, evidence: diploma, where: {hours: {min: 2.5E3}}}\n"
    problem = only(check(body))
    assert problem.message == "'hours': YAML reads '2.5E3' as text, not as a number: write 2.5e+3"


# --- found by an adversarial probe ------------------------------------------------------------------


def test_short_field_names_are_fields_not_languages() -> None:
    body = "  case_fields: {age: text, sex: text}\n  requirements:\n    - {id: A1, evidence: diploma, where: {field: social}}\n"
    assert parse_framework(framework(body), "fw.yaml").catalogues.case_fields.keys() == {"age", "sex"}


@pytest.mark.parametrize(
    ("body", "key", "hint"),
    [
        ("fundamentals:\n  answers:\n    Q1-1: {answr: Own answer}\n", "answr", "did you mean 'answer'?"),
        (
            "fundamentals:\n  questions:\n    - {id: X1, text: {en: What, descripton: typo}}\n",
            "descripton",
            None,
        ),
        ("fundamentals:\n  questions:\n    - {id: X1, text: {EN: What}}\n", "EN", "did you mean 'en'?"),
    ],
    ids=["answer-detail-typo", "typo-in-a-text", "upper-case-language"],
)
def test_a_key_of_a_text_that_is_no_declared_language_is_refused(
    body: str, key: str, hint: str | None
) -> None:
    problem = only(check(body, profile=False))
    assert (problem.line, problem.column) == at(body, key, profile=False)
    assert problem.message == f"language '{key}' is not in languages (en, nl)"
    if hint:
        assert problem.hint == hint


def test_an_added_question_id_used_twice_is_refused() -> None:
    body = "mentoring:\n  questions:\n    - {id: X1, text: One}\n    - {id: X1, text: Two}\n"
    problem = only(check(body, profile=False))
    assert (problem.line, problem.message) == (
        at(body, "X1", 2, profile=False)[0],
        "question id 'X1' is already used",
    )


def test_min_and_max_levels_of_unrelated_frameworks_are_refused() -> None:
    body = "  requirements:\n    - {id: A1, evidence: diploma, where: {level: {min: BOC7, max: EQF5}}}\n"
    problem = only(check(body))
    assert problem.message == (
        "'level': min BOC7 and max EQF5 are levels of different frameworks, so no level meets both"
    )


@pytest.mark.parametrize(
    ("body", "needle", "message"),
    [
        (
            "levels: {national: {framework: EQF, level: 9}}\n",
            "9}",
            "EQF has levels 1 to 8, so there is no EQF9",
        ),
        ("testing:\n  case_fields: {kind: {type: text, values: []}}\n", "[]", "must not be empty"),
        ('testing:\n  case_fields: {"": text}\n', '""', "the field name '' is empty"),
        ("uri2: x\n", "uri2", "unknown key 'uri2'"),
    ],
    ids=["national-level", "no-values", "empty-field-name", "unknown-key"],
)
def test_bounds_and_empties_the_probe_found(body: str, needle: str, message: str) -> None:
    problem = only(check(body, profile=False))
    assert (problem.line, problem.column) == at(body, needle, profile=False)
    assert problem.message.startswith(message)


@pytest.mark.parametrize("count", ["true", "'2'", "2.0"])
def test_a_count_must_be_a_whole_number_as_written(count: str) -> None:
    body = f"  requirements:\n    - {{id: A1, evidence: diploma, count: {count}}}\n"
    problem = only(check(body))
    assert problem.message.startswith("expected a whole number")


def test_a_see_to_a_part_the_file_leaves_out_says_so() -> None:
    body = "fundamentals:\n  answers:\n    Q1-1: {see: fundamentals.validity}\n"
    problem = only(check(body, profile=False))
    assert problem.message == "'fundamentals.validity' is not filled in"


def test_pydantic_never_speaks_for_itself() -> None:
    text = (
        HEADER.replace("uri: urn:qualmark:framework:demo", "uri: ''") + "valid_until: 2030-01-01 10:00:00\n"
    )
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, "fw.yaml")
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "must not be empty",
        "expected a date (YYYY-MM-DD), found a date with a time (2030-01-01 10:00:00)",
    ]


# --- found by a second probe -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("fundamentals:\n  questions:\n    - {id: X1, text: ''}\n", "''"),
        ('fundamentals:\n  questions:\n    - {id: X1, text: {en: What, nl: "\\u200b"}}\n', '"\\u200b"'),
        ("profile:\n  attitude:\n    - {id: a1, label: Honest, question: ' '}\n", "' '"),
    ],
    ids=["empty", "invisible-translation", "blank-question"],
)
def test_a_text_that_shows_nothing_is_refused(body: str, needle: str) -> None:
    problem = only(check(body, profile=False))
    assert (problem.line, problem.column) == at(body, needle, profile=False)
    assert problem.message == "this text is empty"


@pytest.mark.parametrize("name", ["Period", "period ", "DEMONSTRATES"])
def test_a_reserved_case_field_name_is_refused_however_it_is_written(name: str) -> None:
    body = f"  case_fields:\n    '{name}': text\n"
    problem = only(check(body))
    assert problem.message.startswith(f"'{name}' is read as")


def test_values_that_differ_only_in_the_kind_of_space_are_refused() -> None:
    body = '  case_fields:\n    kind: {type: text, values: ["a b", "a\\u00a0b"]}\n'
    problem = only(check(body))
    assert problem.message == "the value 'a\u00a0b' reads the same as 'a b'"


def test_the_eqf_level_and_a_national_level_referenced_to_it_must_agree() -> None:
    body = "levels: {eqf: 5, national: {framework: NLQF, level: 6}}\n"
    problem = only(check(body, profile=False))
    assert problem.message.startswith("levels.eqf 5 and levels.national NLQF6 disagree")


@pytest.mark.parametrize("value", ["'y'", "1", "'off'"])
def test_a_flag_is_true_or_false_as_written(value: str) -> None:
    body = f"  case_fields: {{tags: {{type: text, many: {value}}}}}\n"
    problem = only(check(body))
    assert problem.message.startswith("expected true or false")


# --- value labels -------------------------------------------------------------------------------


def test_a_value_label_for_a_value_the_field_does_not_list_gets_a_did_you_mean() -> None:
    body = """\
  case_fields:
    sector:
      type: text
      values: [care, education]
      value_labels: {care: Health care, educaton: Education}
  requirements:
    - {id: A, evidence: diploma}
"""
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "educaton")
    assert problem.message == "unknown value 'educaton' of field 'sector'"
    assert problem.hint == "did you mean 'education'?"


def test_value_labels_need_listed_values() -> None:
    body = """\
  case_fields:
    sector: {type: text, value_labels: {care: Health care}}
  requirements:
    - {id: A, evidence: diploma}
"""
    problem = only(check(body))
    assert (problem.line, problem.column) == at(body, "value_labels")
    assert "lists none" in problem.message and problem.hint is not None and "values: [" in problem.hint
