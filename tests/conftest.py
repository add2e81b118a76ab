"""Shared paths for the test suite."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "frameworks"
EXAMPLES = ROOT / "examples" / "portfolios"
