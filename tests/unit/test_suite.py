"""Framework test files (qualmark.suite): what a case compares, and inline inputs."""

from __future__ import annotations

import textwrap

import pytest

from qualmark import load_framework
from qualmark.suite import Difference, parse_suite
from tests.conftest import EXAMPLES, FRAMEWORKS

NOLOC = load_framework(FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml")
FOLDER = EXAMPLES / "noloc-register-loopbaanprofessional"


def run(cases: str) -> list[tuple[Difference, ...]]:
    text = f"qualmark_tests: 1\nframework: x.yaml\ncases:\n{textwrap.dedent(cases)}"
    suite = parse_suite(text, str(FOLDER / "t.tests.yaml"))
    return [r.differences for r in suite.run(NOLOC)]


def test_expectations_per_requirement_status_and_text() -> None:
    [differences] = run(
        """\
        - name: hours
          portfolio: fail-b1-hours.json
          judgements: judgements/agreed.yaml
          verdict: not_eligible
          expect:
            B1-uren: {status: not_met, says: [50 te weinig, 1.150 van 1.200 uur]}
            B1-jaren: {says: twaalf jaar}
            B1-uurtjes: met
        """
    )
    assert [(d.what, d.expected, d.actual) for d in differences] == [
        ("B1-jaren", "explanation containing 'twaalf jaar'", "not said"),
        ("B1-uurtjes", "met", "not in the evaluation (did you mean 'B1-uren'?)"),
    ]
    assert "actief sinds 2014-09-01" in (differences[0].explanation or "")


def test_a_case_may_name_its_language() -> None:
    [differences] = run(
        """\
        - name: hours in English
          portfolio: fail-b1-hours.json
          judgements: judgements/agreed.yaml
          lang: en
          verdict: not_eligible
          expect:
            B1-uren: {says: "1,150 of 1,200 hours — 50 short"}
        """
    )
    assert differences == ()


def test_inline_judgements_decide_review_items() -> None:
    [differences] = run(
        """\
        - name: inline judgements
          portfolio: eligible.json
          verdict: review
          review: [C1-werkveld]
          judgements:
            qualmark_judgements: 1
            candidate: K-2026-0317
            framework: {id: noloc-register-loopbaanprofessional, version: "1"}
            judgements:
              - {item: C1-diversiteit, decision: met, assessor: A, date: 2026-10-20, rationale: Divers.}
              - {item: C1-diversiteit, decision: met, assessor: B, date: 2026-10-21, rationale: Divers.}
        """
    )
    assert differences == ()


def test_inline_judgements_that_do_not_fit_are_refused_at_their_line() -> None:
    text = textwrap.dedent(
        """\
        qualmark_tests: 1
        framework: x.yaml
        cases:
          - name: bad judgements
            portfolio: eligible.json
            verdict: review
            judgements:
              qualmark_judgements: 1
              candidate: K-2026-0317
              framework: {id: noloc-register-loopbaanprofessional, version: "1"}
              judgements:
                - {item: C1-werkveld, decision: perhaps, assessor: A, date: 2026-10-20, rationale: x}
        """
    )
    file = str(FOLDER / "t.tests.yaml")
    [result] = parse_suite(text, file).run(NOLOC)
    [problem] = result.problems
    assert str(problem.span) == f"{file}:12:41"  # at `perhaps`
    assert not result.passed


def test_a_wrong_verdict_and_gap_list_are_differences() -> None:
    [differences] = run(
        """\
        - name: wrong
          portfolio: fail-b1-hours.json
          judgements: judgements/agreed.yaml
          verdict: eligible
          failing: []
          review: [C1-werkveld]
        """
    )
    assert [(d.what, d.expected, d.actual) for d in differences] == [
        ("verdict", "eligible", "not_eligible"),
        ("failing", "none", "B1-uren"),
        ("review", "C1-werkveld", "none"),
    ]


@pytest.mark.parametrize("keyword", ["WRONG", "ron"])
def test_k_matches_part_of_a_name_in_any_case(keyword: str) -> None:
    text = "qualmark_tests: 1\nframework: x.yaml\ncases:\n  - {name: Wrong one, portfolio: a.json, verdict: eligible}\n"
    assert [c.name for _, c in parse_suite(text, "t.tests.yaml").selected(keyword)] == ["Wrong one"]
