"""`all_of`, `one_of`, `at_least`: the three-valued logic of docs/dsl.md, through real rules.

The leaves are `declarations` rules, whose status the portfolio sets directly:
agreed → met, refused → not met, not answered → incomplete.
"""

from __future__ import annotations

import itertools
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import Framework, FrameworkError, Outcome, Status, Verdict, explain
from tests.unit.helpers import HEADER, en, evaluate, framework, nl, portfolio

MET, NOT_MET, INCOMPLETE, ADVISORY = Status.MET, Status.NOT_MET, Status.INCOMPLETE, Status.ADVISORY
REVIEW = Status.REVIEW
LEAF_STATUSES = (MET, NOT_MET, INCOMPLETE)

Leaf = tuple[Status, bool]  # the status a leaf is given, and whether it is advisory


@cache
def combinator(kind: str, advisory: tuple[bool, ...], n: int = 1) -> Framework:
    """A framework whose rule X combines leaves L0… (leaf Li = declaration di)."""
    declarations = "".join(f"    - {{id: d{i}, text: Statement {i}}}\n" for i in range(len(advisory)))
    leaves = "".join(
        f"          - {{id: L{i}, declarations: [d{i}]{', advisory: true' if adv else ''}}}\n"
        for i, adv in enumerate(advisory)
    )
    head = f"      at_least:\n        n: {n}\n        of:\n" if kind == "at_least" else f"      {kind}:\n"
    if kind != "at_least":
        leaves = leaves.replace("          - ", "        - ")
    body = f"testing:\n  declarations:\n{declarations}  requirements:\n    - id: X\n{head}{leaves}"
    return framework(body)


def answers(statuses: list[Status]) -> dict[str, dict[str, bool]]:
    """Declaration answers giving leaf i the status ``statuses[i]``."""
    return {f"d{i}": {"agreed": s is MET} for i, s in enumerate(statuses) if s is not INCOMPLETE}


def check(kind: str, leaves: list[Leaf], n: int = 1) -> Outcome:
    fw = combinator(kind, tuple(adv for _, adv in leaves), n)
    result = evaluate(fw, portfolio(declarations=answers([s for s, _ in leaves]))).find("X")
    assert result is not None
    return result


def counted(leaves: list[Leaf]) -> list[Status]:
    return [s for s, adv in leaves if not adv]


leaves_st = st.lists(st.tuples(st.sampled_from(LEAF_STATUSES), st.booleans()), min_size=1, max_size=5)
# all_of and one_of need a part that is not advisory (all_of would always be met, one_of never),
# at_least n such parts
counted_leaves_st = leaves_st.filter(lambda leaves: not all(adv for _, adv in leaves))
plain_leaves_st = st.lists(st.sampled_from(LEAF_STATUSES), min_size=1, max_size=5)


# --- the laws, on real rules -----------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(counted_leaves_st)
def test_all_of_law(leaves: list[Leaf]) -> None:
    status = check("all_of", leaves).status
    statuses = counted(leaves)
    assert (status is NOT_MET) == (NOT_MET in statuses)
    assert (status is MET) == all(s is MET for s in statuses)
    if status is INCOMPLETE:
        assert NOT_MET not in statuses and INCOMPLETE in statuses


@settings(max_examples=60, deadline=None)
@given(counted_leaves_st)
def test_one_of_law(leaves: list[Leaf]) -> None:
    status = check("one_of", leaves).status
    statuses = counted(leaves)
    assert (status is MET) == (MET in statuses)
    # not met only on what was submitted: an attempted route that fails decides when none is met
    assert (status is NOT_MET) == (MET not in statuses and NOT_MET in statuses)
    if status is INCOMPLETE:
        assert set(statuses) == {INCOMPLETE}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_at_least_law(data: st.DataObject) -> None:
    leaves = data.draw(counted_leaves_st)
    n = data.draw(st.integers(1, len(counted(leaves))))
    status = check("at_least", leaves, n).status
    statuses = counted(leaves)
    met, open_ = statuses.count(MET), statuses.count(INCOMPLETE)
    expected = MET if met >= n else INCOMPLETE if met + open_ >= n else NOT_MET
    assert status is expected


@settings(max_examples=40, deadline=None)
@given(counted_leaves_st)
def test_at_least_one_differs_from_one_of_only_on_an_attempted_route(leaves: list[Leaf]) -> None:
    """`at_least 1` counts parts; `one_of` chooses a route, and a failed attempt makes it not met."""
    statuses = counted(leaves)
    one_of, at_least = check("one_of", leaves).status, check("at_least", leaves, 1).status
    if MET in statuses or NOT_MET not in statuses or INCOMPLETE not in statuses:
        assert one_of is at_least
    else:
        assert (one_of, at_least) == (NOT_MET, INCOMPLETE)


@settings(max_examples=40, deadline=None)
@given(plain_leaves_st)
def test_at_least_all_equals_all_of(statuses: list[Status]) -> None:
    leaves = [(s, False) for s in statuses]
    assert check("at_least", leaves, len(leaves)).status is check("all_of", leaves).status


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["all_of", "one_of", "at_least"]), plain_leaves_st, leaves_st, st.data())
def test_advisory_children_never_count(
    kind: str, plain: list[Status], extra: list[Leaf], data: st.DataObject
) -> None:
    """Adding advisory children, whatever became of them, changes nothing."""
    n = data.draw(st.integers(1, len(plain))) if kind == "at_least" else 1
    base = [(s, False) for s in plain]
    advisory = [(s, True) for s, _ in extra]
    mixed = data.draw(st.permutations(base + advisory))
    assert check(kind, mixed, n).status is check(kind, base, n).status


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["all_of", "one_of", "at_least"]), counted_leaves_st)
def test_children_keep_their_order_and_advisory_ones_are_marked(kind: str, leaves: list[Leaf]) -> None:
    result = check(kind, leaves)
    assert [c.rule_id for c in result.children] == [f"L{i}" for i in range(len(leaves))]
    for child, (status, adv) in zip(result.children, leaves, strict=True):
        assert child.status is (ADVISORY if adv else status)
        if adv:
            assert child.advisory_met is (status is MET)


def test_pure_combine_functions_follow_the_table_exhaustively() -> None:
    """qualmark.explain holds the logic in one place; check it over every input up to length 4."""
    everything = (MET, NOT_MET, INCOMPLETE, REVIEW, ADVISORY)
    for size in range(5):
        for statuses in itertools.product(everything, repeat=size):
            real = [s for s in statuses if s is not ADVISORY]
            if NOT_MET in real:
                assert explain.all_of(statuses) is NOT_MET
            elif INCOMPLETE in real:
                assert explain.all_of(statuses) is INCOMPLETE
            elif REVIEW in real:
                assert explain.all_of(statuses) is REVIEW
            else:
                assert explain.all_of(statuses) is MET
            one_of = (
                MET
                if MET in real
                else REVIEW
                if REVIEW in real
                else NOT_MET
                if NOT_MET in real or not real
                else INCOMPLETE
            )
            assert explain.one_of(statuses) is one_of
            for n in range(1, 5):
                met, review, open_ = real.count(MET), real.count(REVIEW), real.count(INCOMPLETE)
                expected = (
                    MET
                    if met >= n
                    else REVIEW
                    if met + review >= n
                    else INCOMPLETE
                    if met + review + open_ >= n
                    else NOT_MET
                )
                assert explain.at_least(n, statuses) is expected


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        ([MET, MET], Verdict.ELIGIBLE),
        ([MET, ADVISORY], Verdict.ELIGIBLE),
        ([MET, INCOMPLETE], Verdict.INCOMPLETE),
        ([INCOMPLETE, NOT_MET], Verdict.NOT_ELIGIBLE),
        ([MET, REVIEW], Verdict.REVIEW),
        ([REVIEW, INCOMPLETE], Verdict.INCOMPLETE),
        ([REVIEW, NOT_MET], Verdict.NOT_ELIGIBLE),
    ],
)
def test_verdict_is_all_of_over_the_top_level(statuses: list[Status], verdict: Verdict) -> None:
    assert explain.verdict_of(statuses) is verdict


# --- concrete cases and their explanations ---------------------------------------------------


def test_all_of_names_the_parts_to_meet() -> None:
    result = check("all_of", [(MET, False), (NOT_MET, False), (INCOMPLETE, False)])
    assert result.status is NOT_MET
    assert en(result.required) == "all 3 parts met"
    assert en(result.found) == "1 of the 3 met"
    assert en(result.fix) == "meet L1, L2"
    assert nl(result.found) == "1 van de 3 voldaan"
    assert nl(result.fix) == "voldoe aan L1, L2"


def test_all_of_met_has_no_fix_and_ignores_advisory_failure() -> None:
    result = check("all_of", [(MET, False), (NOT_MET, True)])
    assert result.status is MET
    assert result.fix is None
    assert en(result.found) == "met"


def test_one_of_met_by_any_alternative() -> None:
    result = check("one_of", [(NOT_MET, False), (MET, False), (INCOMPLETE, False)])
    assert result.status is MET
    assert en(result.required) == "one of 3 alternatives: L0, L1, L2"
    assert en(result.found) == "met: L1"
    assert nl(result.found) == "voldaan: L1"
    assert result.fix is None


def test_one_of_advisory_alternative_met_does_not_satisfy_it() -> None:
    result = check("one_of", [(MET, True), (NOT_MET, False)])
    assert result.status is NOT_MET
    assert en(result.found).startswith("none met; attempted L1: ")
    assert en(result.required) == "one of 1 alternatives: L1"


ONE_OF_NESTED = """\
testing:
  declarations:
    - {id: d0, text: Statement 0}
    - {id: d1, text: Statement 1}
    - {id: d2, text: Statement 2}
  requirements:
    - id: X
      title: {en: Education, nl: Opleiding}
      one_of:
        - id: Route-A
          title: {en: Two statements, nl: Twee verklaringen}
          all_of:
            - {id: L0, declarations: [d0]}
            - {id: L1, declarations: [d1]}
        - id: Route-B
          title: {en: One statement, nl: Eén verklaring}
          declarations: [d2]
"""


def test_one_of_fix_points_at_the_closest_alternative() -> None:
    fw = framework(ONE_OF_NESTED)
    evaluation = evaluate(fw, portfolio(declarations={k: {"agreed": False} for k in ("d0", "d1", "d2")}))
    result = evaluation.find("X")
    assert result is not None and result.status is NOT_MET
    # Every route was attempted and refused; Route-A lacks two statements, Route-B one: the
    # explanation leads with B, the nearer, then names the other route.
    assert en(result.found) == (
        "none met; attempted Route-B (One statement): not agreed; refused: Statement 2"
        " — needed: 1 declaration agreed"
    )
    assert en(result.fix) == "agree to: Statement 2; or else meet Route-A (Two statements)"
    assert nl(result.fix) == "onderschrijf: Statement 2; of voldoe aan Route-A (Twee verklaringen)"
    # Every alternative of a failing one_of is in the gap list.
    assert sorted(o.rule_id for o in evaluation.gaps()) == ["L0", "L1", "Route-B"]


def test_one_of_with_nothing_submitted_is_incomplete_and_points_at_the_closest() -> None:
    fw = framework(ONE_OF_NESTED)
    result = evaluate(fw, portfolio()).find("X")
    assert result is not None and result.status is INCOMPLETE
    assert en(result.found) == "none met"
    assert en(result.fix) == "closest alternative: Route-B (One statement)"
    assert nl(result.fix) == "dichtstbijzijnde mogelijkheid: Route-B (Eén verklaring)"


def test_an_attempted_route_that_fails_makes_one_of_not_met() -> None:
    """d0 refused (Route-A attempted and failed), d2 not answered (Route-B open): not met."""
    fw = framework(ONE_OF_NESTED)
    result = evaluate(fw, portfolio(declarations={"d0": {"agreed": False}})).find("X")
    assert result is not None and result.status is NOT_MET
    assert en(result.found).startswith("none met; attempted Route-A (Two statements), L0: ")
    assert en(result.fix).endswith("; or else meet Route-B (One statement)")


def test_nested_outcomes_can_be_found() -> None:
    fw = framework(ONE_OF_NESTED)
    evaluation = evaluate(fw, portfolio(declarations={"d0": {"agreed": True}, "d1": {"agreed": True}}))
    assert evaluation.verdict is Verdict.ELIGIBLE
    route_a, leaf = evaluation.find("Route-A"), evaluation.find("L1")
    assert route_a is not None and route_a.status is MET
    assert leaf is not None and leaf.status is MET
    route_b = evaluation.find("Route-B")
    assert route_b is not None and route_b.status is INCOMPLETE


def test_at_least_explains_how_many_more() -> None:
    result = check("at_least", [(NOT_MET, False), (MET, False), (INCOMPLETE, False)], n=3)
    assert result.status is NOT_MET
    assert en(result.required) == "at least 3 of 3"
    assert en(result.found) == "1 of the 3 met"
    assert en(result.fix).startswith("meet 2 more of: ")
    assert set(en(result.fix).removeprefix("meet 2 more of: ").split(", ")) == {"L0", "L2"}
    assert nl(result.required) == "minstens 3 van 3"
    assert nl(result.fix).startswith("voldoe aan nog 2 van: ")


def test_at_least_incomplete_while_open_parts_could_make_it() -> None:
    result = check("at_least", [(MET, False), (INCOMPLETE, False), (NOT_MET, False)], n=2)
    assert result.status is INCOMPLETE
    assert en(result.fix).startswith("meet 1 more of: ")


def test_at_least_counts_only_non_advisory_parts_in_its_messages() -> None:
    result = check("at_least", [(MET, False), (MET, True), (NOT_MET, False)], n=2)
    assert result.status is NOT_MET
    assert en(result.found) == "1 of the 2 met"


# --- compile-time checks ---------------------------------------------------------------------


def _at_least_framework(n: int, advisory_last: bool = False) -> str:
    last = ", advisory: true" if advisory_last else ""
    return f"""\
testing:
  declarations:
    - {{id: d0, text: Statement 0}}
    - {{id: d1, text: Statement 1}}
  requirements:
    - id: X
      at_least:
        n: {n}
        of:
          - {{id: L0, declarations: [d0]}}
          - {{id: L1, declarations: [d1]{last}}}
"""


def test_at_least_more_than_its_parts_is_refused() -> None:
    with pytest.raises(FrameworkError) as error:
        framework(_at_least_framework(3))
    [problem] = error.value.problems
    assert problem.message == "at_least 3 can never be met: there are 2 parts"
    assert problem.span is not None and problem.span.file == "unit.yaml"
    # `n: 3` is line 8 of the body, after the header.
    assert problem.span.line == HEADER.count("\n") + 8


def test_at_least_that_only_advisory_parts_could_reach_is_refused() -> None:
    """Advisory parts never count, so `at_least 2` of one counted part can never be met."""
    with pytest.raises(FrameworkError) as error:
        framework(_at_least_framework(2, advisory_last=True))
    assert any("can never be met" in p.message for p in error.value.problems)


def test_bare_at_least_number_is_not_a_combinator() -> None:
    body = """\
    testing:
      declarations: [{id: d0, text: S}]
      requirements:
        - id: X
          at_least: 2
    """
    with pytest.raises(FrameworkError) as error:
        framework(body)
    assert any("at_least: {n: 2, of: [...]}" in (p.hint or "") for p in error.value.problems)


def test_one_of_whose_alternatives_are_all_advisory_is_refused() -> None:
    """No alternative counts, so the rule could never be met."""
    with pytest.raises(FrameworkError) as error:
        combinator("one_of", (True, True))
    [problem] = error.value.problems
    assert problem.message == "every alternative is advisory, so none counts and the rule can never be met"


def test_all_of_whose_parts_are_all_advisory_is_refused() -> None:
    """No part counts, so the rule would be met whatever the portfolio holds."""
    with pytest.raises(FrameworkError) as error:
        combinator("all_of", (True,))
    [problem] = error.value.problems
    assert problem.message == "every part is advisory, so none counts and the rule is always met"
