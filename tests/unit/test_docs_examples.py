"""The evaluation record shown in docs/evaluation.md is what qualmark really prints (abridged)."""

from __future__ import annotations

import json
import re
from typing import Any

from qualmark import load_framework, load_portfolio
from tests.conftest import EXAMPLES, FRAMEWORKS, ROOT

DOC = ROOT / "docs" / "evaluation.md"


def _documented_record() -> dict[str, Any]:
    """The JSON block of docs/evaluation.md that shows an evaluation with outcomes."""
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    records = [json.loads(block) for block in blocks if '"outcomes"' in block]
    assert len(records) == 1
    record: dict[str, Any] = records[0]
    return record


def _real_record(framework_file: str, portfolio_file: str) -> dict[str, Any]:
    framework = load_framework(ROOT / framework_file)
    evaluation = framework.evaluate(load_portfolio(ROOT / portfolio_file, framework))
    record: dict[str, Any] = evaluation.to_json()
    return record


def _without_lines(outcome: dict[str, Any]) -> dict[str, Any]:
    """An outcome as the docs show it: line numbers move with the file, the path is as run, children as shown."""
    source = dict(outcome["source"] or {})
    source.pop("line", None)
    source.pop("file", None)
    return {**outcome, "source": source, "children": None}


def _check_outcomes(shown: list[dict[str, Any]], real: list[dict[str, Any]]) -> None:
    """Every shown outcome is a real one (by id), equal but for its line and abridged children."""
    by_id = {outcome["id"]: outcome for outcome in real}
    for outcome in shown:
        assert outcome["id"] in by_id, f"{outcome['id']} is not an outcome qualmark reports"
        found = by_id[outcome["id"]]
        assert _without_lines(outcome) == _without_lines(found)
        _check_outcomes(outcome["children"], found["children"])


def test_the_documented_evaluation_is_real_output() -> None:
    shown = _documented_record()
    assert shown["framework"]["file"].startswith("frameworks/")
    assert (ROOT / shown["framework"]["file"]).parent == FRAMEWORKS
    assert (ROOT / shown["portfolio"]["file"]).is_relative_to(EXAMPLES)
    real = _real_record(shown["framework"]["file"], shown["portfolio"]["file"])
    assert {k: v for k, v in shown.items() if k not in ("outcomes", "framework", "portfolio")} == {
        k: v for k, v in real.items() if k not in ("outcomes", "framework", "portfolio")
    }
    assert shown["framework"] | {"file": None} == real["framework"] | {"file": None}
    assert shown["portfolio"]["candidate"] == real["portfolio"]["candidate"]
    _check_outcomes(shown["outcomes"], real["outcomes"])
