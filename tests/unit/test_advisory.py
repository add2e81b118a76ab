"""`advisory: true`: a rule that informs ("preferably a master's degree") and never fails."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import Evaluation, Status, Verdict
from tests.unit.helpers import en, evaluate, framework, item, portfolio

MET, NOT_MET, INCOMPLETE, ADVISORY = Status.MET, Status.NOT_MET, Status.INCOMPLETE, Status.ADVISORY

FW = framework(
    """\
    testing:
      evidence_kinds:
        - {id: diploma, label: Diploma, fields: {level: level}}
      declarations:
        - {id: d, text: I answered truthfully.}
      requirements:
        - {id: E, declarations: [d]}
        - id: A-master
          title: {en: Preferably a master's degree, nl: Bij voorkeur een masterdiploma}
          advisory: true
          evidence: diploma
          where: {level: {min: EQF7}}
        - id: G
          all_of:
            - {id: G1, declarations: [d]}
            - {id: G2, advisory: true, evidence: diploma, where: {level: {min: EQF8}}}
        - id: H
          advisory: true
          all_of:
            - {id: H1, evidence: diploma, where: {level: {min: EQF8}}}
            - {id: H2, evidence: diploma, where: {level: {max: EQF2}}}
    """
)


def run(agreed: bool | None = True, level: str | None = None) -> Evaluation:
    evidence = [] if level is None else [item("diploma", "d1", title="Bachelor", level=level)]
    declarations = {} if agreed is None else {"d": {"agreed": agreed}}
    return evaluate(FW, portfolio(evidence=evidence, declarations=declarations))


def find(evaluation: Evaluation, rule_id: str) -> Any:
    result = evaluation.find(rule_id)
    assert result is not None
    return result


def test_advice_not_followed_never_fails_the_verdict() -> None:
    evaluation = run(level="EQF6")
    assert evaluation.verdict is Verdict.ELIGIBLE
    advice = find(evaluation, "A-master")
    assert advice.status is ADVISORY
    assert advice.advisory_met is False
    # the explanation is kept: what was wanted and how far the candidate is
    assert "'Bachelor'" in en(advice.found)
    assert "level ≥ EQF7" in en(advice.found)


def test_advice_followed_is_reported() -> None:
    evaluation = run(level="EQF7")
    assert evaluation.verdict is Verdict.ELIGIBLE
    advice = find(evaluation, "A-master")
    assert advice.status is ADVISORY
    assert advice.advisory_met is True


def test_advice_without_evidence_is_not_followed_and_does_not_leave_it_incomplete() -> None:
    evaluation = run(level=None)
    assert evaluation.verdict is Verdict.ELIGIBLE
    assert find(evaluation, "A-master").advisory_met is False


def test_advisory_rules_are_not_gaps() -> None:
    evaluation = run(agreed=False, level="EQF6")
    assert evaluation.verdict is Verdict.NOT_ELIGIBLE
    assert sorted(o.rule_id for o in evaluation.gaps()) == ["E", "G1"]


def test_advice_does_not_hide_other_gaps() -> None:
    assert run(agreed=None, level="EQF8").verdict is Verdict.INCOMPLETE
    assert run(agreed=False, level="EQF8").verdict is Verdict.NOT_ELIGIBLE


def test_advisory_part_of_all_of_does_not_fail_it() -> None:
    evaluation = run(level="EQF6")
    group = find(evaluation, "G")
    assert group.status is MET
    assert [c.status for c in group.children] == [MET, ADVISORY]
    assert group.children[1].advisory_met is False


def test_advisory_combinator_keeps_its_parts_statuses_but_never_fails() -> None:
    evaluation = run(level="EQF6")
    advice = find(evaluation, "H")
    assert advice.status is ADVISORY
    assert advice.advisory_met is False
    assert [c.status for c in advice.children] == [NOT_MET, NOT_MET]
    assert "H1" not in {o.rule_id for o in evaluation.gaps()}


def test_advisory_met_in_the_json_report() -> None:
    report = run(level="EQF7").to_json("en")
    by_id = {o["id"]: o for o in report["outcomes"]}
    assert by_id["A-master"]["status"] == "advisory"
    assert by_id["A-master"]["advisory_met"] is True
    assert by_id["A-master"]["title"] == "Preferably a master's degree"
    assert "advisory_met" not in by_id["E"]
    assert report["verdict"] == "eligible"
    assert run(level="EQF7").to_json("nl")["outcomes"][1]["title"] == "Bij voorkeur een masterdiploma"


levels = st.one_of(
    st.none(), st.builds(lambda f, n: f"{f}{n}", st.sampled_from(["EQF", "NLQF", "BOC"]), st.integers(1, 8))
)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([True, False, None]), levels)
def test_the_verdict_depends_only_on_the_rules_that_are_not_advisory(
    agreed: bool | None, level: str | None
) -> None:
    expected = {True: Verdict.ELIGIBLE, False: Verdict.NOT_ELIGIBLE, None: Verdict.INCOMPLETE}[agreed]
    evaluation = run(agreed, level)
    assert evaluation.verdict is expected
    advice = find(evaluation, "A-master")
    assert advice.status is ADVISORY
    assert isinstance(advice.advisory_met, bool)
