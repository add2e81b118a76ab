"""Every hostile input of the catalogue, through the real CLI: the documented exit code and message,
no traceback, in bounded time and memory (see run.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hostile.cases import CASES, Hostile
from tests.hostile.run import run
from tests.hostile.table import table


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Hostile, tmp_path: Path) -> None:
    result = run(case, tmp_path)
    output = result.stdout if case.stream == "stdout" else result.stderr
    assert result.returncode == case.exit_code, result.stderr
    assert case.says in output, output
    assert "Traceback" not in result.stdout + result.stderr
    if case.records is not None:
        records = json.loads(result.stdout)
        assert len(records) == case.records  # one record per portfolio, in order
        assert [("error" in r) for r in records] == [False, False, True, False, False]


def test_the_documented_table_is_current() -> None:
    documented = (ROOT / "docs" / "hostile-inputs.md").read_text(encoding="utf-8")
    assert documented == table(), "run: python -m tests.hostile.table > docs/hostile-inputs.md"
