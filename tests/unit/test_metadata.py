"""Top-level metadata: who awards, who approved, which levels, and what the encoder assigned.

A framework states an awarding body only where its source names one; it may
name the body that approved the standard instead; `levels` is the level of the
mark and `entry_level` the education a candidate needs, both checked on their
scale; and a `note` marks a value the source does not give.
"""

from __future__ import annotations

from typing import Any

import pytest

from qualmark import FrameworkError, load_framework, parse_framework
from qualmark.catalogue import load_catalogue
from qualmark.catalogue.template import render_template
from qualmark.loader import load_yaml
from qualmark.model.framework import AnswerDetail, FrameworkDocument
from qualmark.schema import framework_schema
from tests.conftest import FRAMEWORKS
from tests.unit.test_compiler import HEADER as COMPILER_HEADER

NOLOC = FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml"
ESTQF = FRAMEWORKS / "estqf-career-specialist-7.yaml"

HEADER = COMPILER_HEADER.replace("issuer: {name: Demo}\n", "")  # no awarding body
assert HEADER != COMPILER_HEADER


def document(body: str = "") -> FrameworkDocument:
    """The validated document of the header (which has no issuer) plus ``body``."""
    return parse_framework(HEADER + body, "fw.yaml").document


def problems(body: str) -> list[tuple[int, int, str]]:
    """Line, column and message of every problem of the header plus ``body``."""
    with pytest.raises(FrameworkError) as caught:
        parse_framework(HEADER + body, "fw.yaml")
    found = []
    for problem in caught.value.problems:
        assert problem.span is not None
        found.append((problem.span.line, problem.span.column, problem.message))
    return found


def at(body: str, needle: str) -> tuple[int, int]:
    """Line and column (from 1) in the whole file of ``needle``, written in ``body``."""
    text = HEADER + body
    start = text.index(needle, len(HEADER))
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)


def line_of(body: str, needle: str) -> int:
    """The line of the whole file on which ``needle`` (in ``body``) stands."""
    return at(body, needle)[0]


# --- issuer and approved_by ------------------------------------------------------------------


def test_a_framework_need_not_name_an_awarding_body() -> None:
    assert document().issuer is None


def test_approved_by_names_the_body_the_decision_and_its_date() -> None:
    approval = document(
        'approved_by: {name: Sectoral Council "Education", decision: 33, date: 2023-04-06, source: "C.1"}\n'
    ).approved_by
    assert approval is not None
    assert approval.name == 'Sectoral Council "Education"'
    assert approval.decision == "33"  # a number as written, read as text
    assert approval.date is not None and approval.date.isoformat() == "2023-04-06"
    assert approval.source == "C.1"


def test_approved_by_and_an_issuer_may_both_be_given() -> None:
    doc = document("issuer: {name: Awarding body}\napproved_by: {name: Council}\n")
    assert doc.issuer is not None and doc.issuer.name == "Awarding body"
    assert doc.approved_by is not None and doc.approved_by.name == "Council"


def test_a_misspelt_key_of_approved_by_is_refused_with_a_suggestion() -> None:
    body = "approved_by: {name: Council, decison: 33}\n"
    with pytest.raises(FrameworkError) as caught:
        parse_framework(HEADER + body, "fw.yaml")
    (problem,) = caught.value.problems
    assert problem.span is not None and problem.span.line == line_of(body, "decison")
    assert problem.hint == "did you mean 'decision'?"


def test_approved_by_needs_a_name() -> None:
    (found,) = problems("approved_by: {decision: 33}\n")
    assert "name" in found[2]


def test_the_editor_schema_offers_approved_by_and_entry_level_and_no_longer_requires_an_issuer() -> None:
    schema = framework_schema()
    assert {"approved_by", "entry_level", "issuer"} <= set(schema["properties"])
    assert "issuer" not in schema.get("required", [])


def test_the_blank_form_claims_no_awarding_body_and_shows_both_keys() -> None:
    template = render_template()
    assert "\nissuer:" not in template and "\napproved_by:" not in template
    assert "# issuer: {name:" in template and "# approved_by: {name:" in template
    assert parse_framework(template, "template.yaml").document.issuer is None


# --- levels and entry_level ------------------------------------------------------------------


def test_entry_level_is_kept_apart_from_the_level_of_the_mark() -> None:
    doc = document("entry_level: {eqf: 6, national: {framework: NLQF, level: 6}}\n")
    assert doc.levels is None
    assert doc.entry_level is not None and doc.entry_level.eqf == 6
    assert doc.entry_level.national is not None and doc.entry_level.national.level == 6


@pytest.mark.parametrize("key", ["levels", "entry_level"])
def test_a_level_off_its_scale_is_refused_where_it_is_written(key: str) -> None:
    body = f"{key}:\n  national: {{framework: NLQF, level: 9}}\n"
    (found,) = problems(body)
    assert found == (*at(body, "9}"), "NLQF has levels 1 to 8, so there is no NLQF9")


@pytest.mark.parametrize("key", ["levels", "entry_level"])
def test_the_eqf_and_a_national_level_referenced_to_it_must_agree(key: str) -> None:
    body = f"{key}:\n  eqf: 5\n  national: {{framework: NLQF, level: 6}}\n"
    (found,) = problems(body)
    assert found[:2] == at(body, "5\n")
    assert found[2].startswith(f"{key}.eqf 5 and {key}.national NLQF6 disagree")


# --- notes -----------------------------------------------------------------------------------


def test_metadata_carries_a_note_on_what_the_encoder_assigned() -> None:
    doc = document(
        "occupation: {isco08: '2423', note: {en: Assigned by the encoder., nl: Toegekend door de codeerder.}}\n"
        "entry_level: {national: {framework: NLQF, level: 6}, note: Not stated as EQF.}\n"
        "issuer: {name: Demo, note: Not named by the source.}\n"
    )
    assert doc.occupation is not None and doc.occupation.note == {
        "en": "Assigned by the encoder.",
        "nl": "Toegekend door de codeerder.",
    }
    assert doc.entry_level is not None and doc.entry_level.note == "Not stated as EQF."
    assert doc.issuer is not None and doc.issuer.note == "Not named by the source."


def test_a_note_in_an_undeclared_language_is_refused() -> None:
    body = "occupation: {isco08: '2423', note: {de: Vom Kodierer.}}\n"
    (found,) = problems(body)
    assert found[0] == line_of(body, "de:")
    assert "language 'de' is not in languages" in found[2]


# --- the shipped frameworks ------------------------------------------------------------------


def _answers(path: Any) -> dict[str, Any]:
    """Every catalogue answer of a framework file, by question id."""
    doc = load_framework(path).document
    blocks = [doc.fundamentals, doc.profile, doc.testing, doc.mentoring, doc.certification]
    blocks += [doc.recertification, doc.organisation]
    return {qid: answer for block in blocks for qid, answer in block.answers.items()}


def _detail(answers: dict[str, Any], question_id: str) -> AnswerDetail:
    answer = answers.get(question_id)
    assert isinstance(answer, AnswerDetail), f"{question_id} is not answered in the long form"
    assert answer.source, f"{question_id} names no section of the source"
    return answer


def test_estqf_names_who_approved_the_standard_and_no_awarding_body() -> None:
    doc = load_framework(ESTQF).document
    assert doc.issuer is None
    assert doc.approved_by is not None
    assert doc.approved_by.name == {"en": 'Sectoral Council "Education"'}
    assert doc.approved_by.decision == "33"
    assert doc.approved_by.date is not None and doc.approved_by.date.isoformat() == "2023-04-06"
    assert doc.levels is not None and doc.levels.eqf == 7  # C.1 item 9: the qualification's own level
    assert doc.entry_level is None


def test_noloc_states_the_entry_level_and_notes_what_the_encoder_assigned() -> None:
    doc = load_framework(NOLOC).document
    assert doc.levels is None  # the source states no level of the mark itself
    assert doc.entry_level is not None and doc.entry_level.national is not None
    assert (doc.entry_level.national.framework, doc.entry_level.national.level) == ("NLQF", 6)
    assert doc.entry_level.note is not None  # EQF 6 is the encoder's
    assert doc.occupation is not None and doc.occupation.note is not None  # ISCO 2423 too
    assert doc.issuer is not None and doc.issuer.note is not None


@pytest.mark.parametrize("question_id", ["Q1-7", "Q1-9"])
def test_noloc_skips_with_the_reason(question_id: str) -> None:
    answer = _detail(_answers(NOLOC), question_id)
    assert answer.skip is not None and answer.answer is None


def test_noloc_names_the_register() -> None:
    answer = _detail(_answers(NOLOC), "Q1-8")
    assert isinstance(answer.answer, dict) and "Register Loopbaanprofessional" in answer.answer["nl"]


def test_noloc_skips_every_recertification_question_as_initial_certification_only() -> None:
    answers = _answers(NOLOC)
    block = next(b for b in load_catalogue().blocks if b.key == "recertification")
    for question in block.all_questions():
        answer = _detail(answers, question.id)
        assert isinstance(answer.skip, dict) and "initiële certificering" in answer.skip["nl"]


@pytest.mark.parametrize("question_id", ["Q2-1", "Q5.1-1", "Q5.1-3"])
def test_estqf_answers_from_the_standard(question_id: str) -> None:
    answer = _detail(_answers(ESTQF), question_id)
    assert answer.answer is not None and answer.skip is None


def test_the_noloc_block_6_skips_are_written_once() -> None:
    """An alias repeats the first skip, so the reason cannot drift between questions."""
    data, _ = load_yaml(NOLOC)
    skips = [a["skip"]["nl"] for a in data["recertification"]["answers"].values()]
    assert len(set(skips)) == 1
