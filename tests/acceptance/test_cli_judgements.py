"""`qualmark check --judgements`: review items decided by assessors, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.acceptance.test_cli import NOLOC, NOLOC_EXAMPLES, assert_no_traceback, qualmark

JUDGEMENTS = NOLOC_EXAMPLES / "judgements"
ELIGIBLE = NOLOC_EXAMPLES / "eligible.json"


def test_without_judgements_the_verdict_is_review_and_exits_1() -> None:
    result = qualmark("check", NOLOC, ELIGIBLE, "--lang", "en")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("REVIEW Sanne de Groot")
    assert "? C1-werkveld" in result.stdout
    assert "→ for the assessor: Do both guidance processes fit the field of work" in result.stdout
    assert result.stdout.rstrip().endswith("2 questions for the assessor: C1-diversiteit, C1-werkveld")


def test_two_agreeing_assessors_make_it_eligible_and_the_report_says_who_decided() -> None:
    result = qualmark("check", NOLOC, ELIGIBLE, "--judgements", JUDGEMENTS / "agreed.yaml", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ELIGIBLE")
    assert (
        "judged by Marieke Jansen (2026-10-20): met — Passend" not in result.stdout
    )  # each its own rationale
    assert "Pieter Bakker (2026-10-21): met — Passend binnen werkveld en scope." in result.stdout


def test_one_assessor_or_a_disagreement_leaves_review() -> None:
    one = qualmark("check", NOLOC, ELIGIBLE, "--judgements", JUDGEMENTS / "one-assessor.yaml", "--lang", "en")
    assert one.returncode == 1 and one.stdout.startswith("REVIEW")
    assert "(1 of 2 assessors agreed so far)" in one.stdout
    split = qualmark(
        "check", NOLOC, ELIGIBLE, "--judgements", JUDGEMENTS / "disagree.yaml", "--format", "json"
    )
    record = json.loads(split.stdout)
    assert split.returncode == 1 and record["verdict"] == "review"
    c1 = next(o for o in record["outcomes"] if o["id"] == "C1")
    werkveld = next(o for o in c1["children"] if o["id"] == "C1-werkveld")
    assert werkveld["status"] == "review" and werkveld["review"]["decision"] is None
    assert [j["decision"] for j in werkveld["review"]["judgements"]] == ["met", "not_met"]


def test_judgements_for_another_candidate_are_bad_input(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        (JUDGEMENTS / "agreed.yaml").read_text(encoding="utf-8").replace("K-2026-0317", "K-2026-0999"),
        encoding="utf-8",
    )
    result = qualmark("check", NOLOC, ELIGIBLE, "--judgements", other)
    assert result.returncode == 2
    assert (
        f"{other}:4:12: error: these judgements are for candidate 'K-2026-0999', not 'K-2026-0317'"
        in result.stderr
    )
    assert_no_traceback(result)


def test_a_judgement_on_an_unknown_item_is_bad_input(tmp_path: Path) -> None:
    typo = tmp_path / "typo.yaml"
    typo.write_text(
        (JUDGEMENTS / "agreed.yaml")
        .read_text(encoding="utf-8")
        .replace("item: C1-werkveld", "item: C1-werkveldd", 1),
        encoding="utf-8",
    )
    result = qualmark("check", NOLOC, ELIGIBLE, "--judgements", typo)
    assert result.returncode == 2
    assert "'C1-werkveldd' is not a review item of 'noloc-register-loopbaanprofessional'" in result.stderr
    assert "did you mean 'C1-werkveld'?" in result.stderr
    assert_no_traceback(result)


def test_an_unreadable_judgements_file_stops_before_any_portfolio(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("qualmark_judgements: 1\ncandidate: [unclosed\n", encoding="utf-8")
    result = qualmark("check", NOLOC, ELIGIBLE, "--judgements", broken)
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"cannot read judgements {broken}" in result.stderr
    assert_no_traceback(result)


def test_with_several_portfolios_a_file_for_none_of_them_is_an_error(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        (JUDGEMENTS / "agreed.yaml").read_text(encoding="utf-8").replace("K-2026-0317", "K-2026-0999"),
        encoding="utf-8",
    )
    result = qualmark(
        "check",
        NOLOC,
        ELIGIBLE,
        NOLOC_EXAMPLES / "fail-b1-hours.json",
        "--judgements",
        other,
        "--format",
        "json",
    )
    assert result.returncode == 2
    assert [r["verdict"] for r in json.loads(result.stdout)] == ["review", "not_eligible"]
    assert "whose portfolio was not checked" in result.stderr
    assert_no_traceback(result)
