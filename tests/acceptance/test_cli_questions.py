"""`qualmark questions` and the QUAL-IM-G line of `qualmark validate`."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_new_writes_a_framework_that_validates_with_a_schema_that_resolves(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "my-mark.yaml"
    path.parent.mkdir()
    made = qualmark("new", path, "--lang", "nl", "--lang", "en")
    assert made.returncode == 0, made.stderr
    text = path.read_text(encoding="utf-8")
    modeline = text.splitlines()[0]
    assert modeline.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / modeline.split("$schema=", 1)[1]).resolve()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"].startswith("qualmark framework file")
    assert "id: my-mark\n" in text and "languages: [nl, en]\n" in text
    assert "    # Who will be the holder of the quality mark?\n    Q1-1: ~\n" in text
    validated = qualmark("validate", path, "--strict")
    assert validated.returncode == 0, validated.stderr
    assert "(1 top-level requirements)" in validated.stdout
    again = qualmark("new", path)
    assert again.returncode == 2 and "exists; choose a new file name" in again.stderr
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["My Mark.yaml"], "'My Mark' is not a valid id"),
        (["ok.yaml", "--lang", "english"], "--lang 'english' is not a language code"),
    ],
)
def test_new_refuses_a_bad_id_or_language(tmp_path: Path, args: list[str], message: str) -> None:
    result = qualmark("new", tmp_path / args[0], *args[1:])
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / args[0]).exists()
