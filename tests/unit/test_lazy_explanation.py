"""The evaluation decides every status first and explains an outcome only when it is read.

What is read later must be exactly what an evaluation that explained everything at once would
give: the same statuses at every level, the same gaps, the same tree.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import pickle
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import Evaluation, load_framework, load_judgements, parse_portfolio
from qualmark.explain import Finding, Message, Outcome, Status, failing_leaves, review_items
from qualmark.messages import render
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import generate

FRAMEWORKS = {name: load_framework(path) for name, path in generate.FRAMEWORK_FILES.items()}


def evaluations(name: str, seed: int, as_of: dt.date | None = None) -> Iterator[Evaluation]:
    framework = FRAMEWORKS[name]
    for portfolio in generate.GENERATORS[name](8, seed=seed):
        yield framework.evaluate(parse_portfolio(json.dumps(portfolio), "p.json", framework), as_of=as_of)


def pairs(finding: Finding, outcome: Outcome) -> Iterator[tuple[Finding, Outcome]]:
    """Each finding with the outcome it explains, down through the combinations it keeps."""
    yield finding, outcome
    if finding.children:
        assert len(finding.children) == len(outcome.children)
        for child, explained in zip(finding.children, outcome.children, strict=True):
            yield from pairs(child, explained)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(generate.GENERATORS)),
    st.integers(0, 10_000),
    st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2032, 12, 31)),
)
def test_what_is_read_first_is_what_a_full_explanation_says(
    name: str, seed: int, as_of: dt.date | None
) -> None:
    for lazy in evaluations(name, seed, as_of):
        gaps = lazy.gaps()  # before anything else is explained
        reviews = lazy.reviews()
        outcomes = lazy.outcomes
        assert [o.status for o in outcomes] == [f.status for f in lazy.findings]
        for finding, outcome in (
            p for f, o in zip(lazy.findings, outcomes, strict=True) for p in pairs(f, o)
        ):
            assert finding.status is outcome.status
        # the gaps are outcomes of the tree itself, the ones a walk over the whole tree finds
        in_tree = {id(o) for top in outcomes for o in top.walk()}
        assert all(id(g) in in_tree for g in gaps)
        assert gaps == lazy.gaps() and reviews == lazy.reviews()
        assert gaps == failing_leaves(outcomes)
        assert reviews == review_items(outcomes)


def test_a_verdict_and_no_gaps_explain_nothing() -> None:
    framework = FRAMEWORKS["estqf"]
    folder = ROOT / "examples" / "portfolios" / generate.ESTQF
    example = folder / "eligible.json"
    judged = load_judgements(folder / "judgements" / "agreed.yaml")
    evaluation = framework.evaluate(
        parse_portfolio(example.read_bytes(), str(example), framework), judgements=judged
    )
    assert evaluation.verdict.value == "eligible"
    assert evaluation.gaps() == [] and evaluation.reviews() == []
    assert len(evaluation.findings) == len(framework.rules)  # every rule decided
    assert not any(f.explained for f in evaluation.findings)  # and none explained
    assert evaluation.outcomes and all(f.explained for f in evaluation.findings)


def test_gaps_explain_only_the_failing_branches() -> None:
    for evaluation in evaluations("noloc", 3):
        evaluation.gaps()
        for finding in evaluation.findings:
            if finding.status in (Status.MET, Status.ADVISORY):
                assert not finding.explained


@pytest.mark.parametrize("name", sorted(generate.GENERATORS))
def test_an_evaluation_pickles_with_its_explanation(name: str) -> None:
    for evaluation in evaluations(name, 5):
        again = pickle.loads(pickle.dumps(evaluation))
        assert again.verdict is evaluation.verdict
        assert again.outcomes == evaluation.outcomes
        assert again.to_json("en") == evaluation.to_json("en")
        assert again.matrices == evaluation.matrices


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(sorted(generate.GENERATORS)), st.integers(0, 10_000), st.booleans())
def test_what_a_rule_requires_is_made_once_and_says_what_a_fresh_message_says(
    name: str, seed: int, dutch_first: bool
) -> None:
    """A register renders each requirement once per language: the message is kept on its rule, and
    its kept sentences are those of a message made afresh, in whichever language is asked first."""
    framework = FRAMEWORKS[name]
    langs = sorted(framework.document.languages, reverse=dutch_first)
    first, second = (list(e.outcomes) for e in itertools.islice(evaluations(name, seed), 2))
    kept = 0
    for one, other in zip(first, second, strict=True):
        for a, b in zip(one.walk(), other.walk(), strict=False):
            if a.rule_id == b.rule_id and a.kind in ("all_of", "one_of", "evidence", "total", "declarations"):
                assert a.required is b.required  # made once, for both portfolios
                kept += 1
            fresh = Message(a.required.key, a.required.params)
            for lang in langs:
                assert render(a.required, lang) == render(fresh, lang)
    assert kept
