"""The editor schema (schemas/framework.schema.json) through an independent client, check-jsonschema.

Editors and CI systems check framework files against the published schema
without qualmark. It must accept every shipped framework and, for a mistake
inside a nested rule, point at the mistake itself rather than at the rule
around it ("not valid under any of the given schemas").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FRAMEWORKS, ROOT

SCHEMA = ROOT / "schemas" / "framework.schema.json"
CHECK = Path(sys.executable).parent / "check-jsonschema"

BASE = """\
qualmark: 1
id: demo
uri: urn:qualmark:framework:demo
version: "1"
title: {en: Demo}
languages: [en]
source: {title: Demo source}
testing:
  evidence_kinds:
    - {id: diploma, label: Diploma}
  requirements:
    - id: A
      source: s
      one_of:
        - {id: A1, evidence: diploma}
"""


def check(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK), "--schemafile", str(SCHEMA), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_shipped_framework_fits_the_editor_schema() -> None:
    shipped = sorted(FRAMEWORKS.glob("*.yaml"))
    assert len(shipped) == 3
    result = check(*shipped)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_base_of_the_broken_samples_fits(tmp_path: Path) -> None:
    sample = tmp_path / "base.yaml"
    sample.write_text(BASE, encoding="utf-8")
    assert check(sample).returncode == 0


@pytest.mark.parametrize(
    ("alternative", "where", "error"),
    [
        (
            "{id: A2, cases: {count: 1, whithin_years: 2}}",
            "$.testing.requirements[0].one_of[1].cases",
            "Additional properties are not allowed ('whithin_years' was unexpected)",
        ),
        (
            "{id: A2, evidence: diploma, count: {exactly: 2, minn: 1}}",
            "$.testing.requirements[0].one_of[1].count",
            "Additional properties are not allowed ('minn' was unexpected)",
        ),
        (
            "{id: A2, evidence: diploma, count: two}",
            "$.testing.requirements[0].one_of[1].count",
            "'two' is not of type 'integer', 'null'",
        ),
        (
            # a modifier of another rule kind: `across` belongs to `demonstrate`
            "{id: A2, evidence: diploma, across: cases}",
            "$.testing.requirements[0].one_of[1]",
            "Additional properties are not allowed ('across' was unexpected)",
        ),
        (
            "{id: A2, title: {en: [Diploma]}, evidence: diploma}",
            "$.testing.requirements[0].one_of[1].title.en",
            "['Diploma'] is not of type",
        ),
        (
            "{id: A2, evidence: diploma, max_age: {yeers: 2}}",
            "$.testing.requirements[0].one_of[1].max_age",
            "Additional properties are not allowed ('yeers' was unexpected)",
        ),
    ],
    ids=["cases-key", "count-key", "count-type", "modifier-of-another-kind", "text", "duration-key"],
)
def test_a_mistake_in_a_nested_rule_is_reported_where_it_is(
    tmp_path: Path, alternative: str, where: str, error: str
) -> None:
    sample = tmp_path / "broken.yaml"
    sample.write_text(BASE + f"        - {alternative}\n", encoding="utf-8")
    result = check(sample)
    assert result.returncode == 1
    first = next(line.strip() for line in result.stdout.splitlines() if "::$" in line)
    assert first.startswith(f"{sample}::{where}: {error}"), result.stdout
    assert "is not valid under any of the given schemas" not in result.stdout
