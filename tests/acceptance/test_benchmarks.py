"""The benchmark's ground: generated portfolios fit their framework, and the hand-written Noloc
rules (the baseline every ratio is taken against) and the peer engine's JDM graph say what qualmark
says about each of them."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from qualmark import batch, load_framework, parse_portfolio
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import generate
import noloc_by_hand
import noloc_by_hand_batch
import noloc_zen


@pytest.mark.parametrize("name", sorted(generate.GENERATORS))
def test_generated_portfolios_fit_their_framework_and_vary(name: str) -> None:
    framework = load_framework(generate.FRAMEWORK_FILES[name])
    verdicts = set()
    for portfolio in generate.GENERATORS[name](150, seed=2):
        evaluation = framework.evaluate(parse_portfolio(json.dumps(portfolio), "generated.json", framework))
        verdicts.add(evaluation.verdict.value)
    assert len(verdicts) >= 2, verdicts  # not all alike


def test_the_generator_is_seeded() -> None:
    assert list(generate.noloc(20, seed=4)) == list(generate.noloc(20, seed=4))
    assert list(generate.noloc(20, seed=4)) != list(generate.noloc(20, seed=5))


@pytest.mark.parametrize(
    ("seed", "scale", "as_of"),
    [(1, 1, None), (2, 1, dt.date(2028, 2, 29)), (3, 1, dt.date(2025, 6, 1)), (4, 7, None)],
)
def test_the_hand_written_noloc_rules_agree_with_qualmark(
    seed: int, scale: int, as_of: dt.date | None
) -> None:
    framework = load_framework(generate.FRAMEWORK_FILES["noloc"])
    gaps: set[str] = set()
    for n, portfolio in enumerate(generate.noloc(250 // scale, seed=seed, scale=scale)):
        evaluation = framework.evaluate(
            parse_portfolio(json.dumps(portfolio), "generated.json", framework), as_of=as_of
        )
        ours = (evaluation.verdict.value, {g.rule_id for g in evaluation.gaps()})
        assert noloc_by_hand.check(portfolio, as_of) == ours, n
        assert noloc_zen.check(portfolio, as_of) == ours, n  # the peer engine's graph too
        gaps |= ours[1]
    assert len(gaps) > 10  # many different requirements fail across the portfolios


def test_generated_noloc_portfolios_reach_every_verdict_a_machine_gives() -> None:
    verdicts = {noloc_by_hand.check(p)[0] for p in generate.noloc(200, seed=1)}
    assert verdicts == {"not_eligible", "incomplete", "review"}  # eligible needs the assessors


def test_the_hand_written_batch_counts_what_qualmark_batch_counts(tmp_path: Path) -> None:
    """The ceiling the batch line is held to does the same work: the same counts per verdict and per
    failing requirement as ``qualmark batch --summary-only`` over the same register."""
    source = tmp_path / "register.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in generate.noloc(300, seed=9)), encoding="utf-8")
    verdicts, failing, _ = noloc_by_hand_batch.run(source, 2)
    framework = load_framework(generate.FRAMEWORK_FILES["noloc"])
    summary = batch.Summary()
    for result in batch.run(framework, batch.inputs([str(source)]), workers=2):
        summary.add(result)
    assert summary.errors == 0 and sum(verdicts.values()) == 300
    assert {v: n for v, n in summary.verdicts.items() if n} == dict(verdicts)
    assert summary.failing == dict(failing)
