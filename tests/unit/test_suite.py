"""Framework test files (qualmark.suite): what a case compares, and inline inputs."""

from __future__ import annotations

import textwrap

import pytest

from qualmark import load_framework
from qualmark.errors import SuiteError
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
            B1-uren: {status: not_met, says: [50 te weinig, "1.150 uur: 50 te weinig (1.200 nodig)"]}
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
            B1-uren: {says: "1,150 hours: 50 short of 1,200"}
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


def test_a_misspelt_key_in_a_test_file_gets_a_did_you_mean_from_the_test_file_format() -> None:
    text = "qualmark_tests: 1\nframework: x.yaml\ncases:\n  - {name: a, portfolio: eligible.json, verdict: review, expekt: {A: met}}\n"
    with pytest.raises(SuiteError) as caught:
        parse_suite(text, "t.tests.yaml")
    [problem] = caught.value.problems
    assert (problem.message, problem.hint) == ("unknown key 'expekt'", "did you mean 'expect'?")


def test_coverage_follows_each_item_a_candidate_chooses_in_a_k_of_n_selection() -> None:
    from qualmark import load_portfolio
    from qualmark.suite import coverage

    evaluations = [
        NOLOC.evaluate(load_portfolio(FOLDER / name, NOLOC))
        for name in ("eligible.json", "c2-without-labour-market.json")
    ]
    branches = {b.id: b for b in coverage(NOLOC, evaluations).branches}
    # C2-vier-van-vijf is four of the five knowledge areas: each is an item a candidate may choose
    items = sorted(i for i, b in branches.items() if b.item_of == "C2-vier-van-vijf")
    assert items == sorted(
        f"C2-vier-van-vijf[{area}]"
        for area in (
            "loopbaantheorie",
            "ontwikkeling-mens",
            "arbeidsmarkt",
            "opleidingen-beroepen",
            "organisaties",
        )
    )
    labour = branches["C2-vier-van-vijf[arbeidsmarkt]"]
    assert (labour.met, labour.not_met) == (True, True)  # shown in eligible.json, left out of the other
    theory = branches["C2-vier-van-vijf[loopbaantheorie]"]
    assert (theory.met, theory.not_met) == (True, False)
    # C2-verplicht names its two areas: they are required, not chosen, so no item branches
    assert not any(b.item_of == "C2-verplicht" for b in branches.values())
    # items come right after their rule, in the order of the vocabulary
    order = list(branches)
    assert order.index("C2-vier-van-vijf") + 1 == order.index("C2-vier-van-vijf[loopbaantheorie]")
