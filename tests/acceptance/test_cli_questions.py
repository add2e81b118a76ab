"""`qualmark questions` and the QUAL-IM-G line of `qualmark validate`."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.acceptance.test_cli import NOLOC, qualmark
from tests.conftest import FRAMEWORKS

TEMPLATE = FRAMEWORKS / "qual-im-g-template.yaml"
BLOCKS = (
    "fundamentals",
    "profile",
    "testing",
    "mentoring",
    "certification",
    "recertification",
    "organisation",
)


def counted_by_hand(path: object) -> dict[str, int]:
    """The file's answers counted from its YAML, without qualmark: answered, skipped, open of 215."""
    data = yaml.safe_load(open(path, encoding="utf-8"))  # noqa: SIM115
    answered = skipped = 0
    for block in BLOCKS:
        for answer in (data.get(block) or {}).get("answers", {}).values():
            if isinstance(answer, dict) and "skip" in answer:
                skipped += 1
            elif answer is not None:  # a text, a text per language, or {answer: …} / {see: …}
                answered += 1
    return {"answered": answered, "skipped": skipped, "open": 215 - answered - skipped}


def test_the_template_answers_nothing() -> None:
    result = qualmark("questions", TEMPLATE, "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert (data["answered"], data["skipped"], data["open"], data["total"]) == (0, 0, 215, 215)
    assert len(data["blocks"]) == 7


@pytest.mark.parametrize("name", ["noloc-register-loopbaanprofessional", "estqf-career-specialist-7"])
def test_the_numbers_match_the_file(name: str) -> None:
    path = FRAMEWORKS / f"{name}.yaml"
    data = json.loads(qualmark("questions", path, "--format", "json").stdout)
    assert {k: data[k] for k in ("answered", "skipped", "open")} == counted_by_hand(path)
    line = f"answered {data['answered']}, skipped {data['skipped']}, open {data['open']} of 215"
    assert f"  QUAL-IM-G questions: {line}" in qualmark("validate", path).stdout


def test_open_lists_only_the_open_questions_and_skips_say_why() -> None:
    full = qualmark("questions", NOLOC, "--lang", "en").stdout
    assert "  – Q1-7 Will the quality mark be protected from misuse" in full
    assert "(skipped: The document does not say whether or how the quality mark is protected" in full
    only_open = qualmark("questions", NOLOC, "--open").stdout
    assert "Q1-7 " not in only_open and "  ○ " in only_open and "  ✔ " not in only_open


def test_min_fails_below_the_percentage() -> None:
    assert qualmark("questions", TEMPLATE, "--min", "0").returncode == 0
    below = qualmark("questions", TEMPLATE, "--min", "50")
    assert below.returncode == 1
    assert "0.0 % answered or skipped, below --min 50" in below.stderr
    assert qualmark("questions", TEMPLATE, "--min", "101").returncode == 2


def test_markdown_has_a_section_per_block_and_sub_block() -> None:
    out = qualmark("questions", NOLOC, "--format", "markdown").stdout
    assert out.startswith("# QUAL-IM-G questions of noloc-register-loopbaanprofessional\n")
    assert out.count("\n## ") == 7
    assert "\n### 4.1 " in out
    assert (
        "| Q1-7 | Will the quality mark be protected from misuse from others? If so, how? | skipped: " in out
    )
