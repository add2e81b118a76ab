"""Levels on scales, through the real CLI: EstQF B.2 item 12 (CEFR) and Noloc A3 (BOC ≙ NLQF)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.acceptance.test_cli import (
    ESTQF,
    ESTQF_EXAMPLES,
    NOLOC,
    NOLOC_EXAMPLES,
    assert_no_traceback,
    qualmark,
)


def test_estonian_at_b2_is_not_eligible_naming_item_12() -> None:
    agreed = ESTQF_EXAMPLES / "judgements" / "agreed.yaml"
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "fail-b2-12-estonian-b2.json", "--judgements", agreed)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("NOT ELIGIBLE")
    assert "✘ B2-12-estonian" in result.stdout
    assert "→ provide a document with: Communication skills (CEFR level) ≥ CEFR C1;" in result.stdout
    assert "B.2, item 12" in result.stdout
    assert result.stdout.rstrip().endswith("1 gap: B2-12-estonian")
    assert_no_traceback(result)


def test_estonian_at_b2_as_json() -> None:
    result = qualmark("check", ESTQF, ESTQF_EXAMPLES / "fail-b2-12-estonian-b2.json", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["verdict"] == "not_eligible"
    b2 = next(o for o in data["outcomes"] if o["id"] == "B2")
    failing = [child for child in b2["children"] if child["status"] not in ("met", "review")]
    assert [child["id"] for child in failing] == ["B2-12-estonian"]
    assert failing[0]["source"]["section"] == "B.2, item 12; Appendix 2"
    assert "Communication skills (CEFR level) ≥ CEFR C1 (found: B2)" in failing[0]["found"]["text"]


def test_an_off_scale_level_in_a_portfolio_is_refused_with_its_pointer(tmp_path: Path) -> None:
    data = json.loads((ESTQF_EXAMPLES / "eligible.json").read_text(encoding="utf-8"))
    estonian = next(e for e in data["evidence"] if e["kind"] == "estonian-proficiency")
    index = data["evidence"].index(estonian)
    estonian["writing"] = "B3"
    bad = tmp_path / "b3.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = qualmark("check", ESTQF, bad)
    assert result.returncode == 2
    assert (
        f"b3.json#/evidence/{index}/writing: error: 'B3' is not a level of CEFR: "
        "write A1, A2, B1, B2, C1 or C2 (or with the scale's name, like CEFR C2)"
    ) in result.stderr
    assert_no_traceback(result)


def test_an_evc_report_at_nlqf7_meets_a3() -> None:
    agreed = NOLOC_EXAMPLES / "judgements" / "agreed.yaml"
    result = qualmark(
        "check", NOLOC, NOLOC_EXAMPLES / "evc-nlqf7.json", "--judgements", agreed, "--lang", "en"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✔ A3-evc" in result.stdout
