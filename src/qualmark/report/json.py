"""JSON output: one evaluation as an object, several as a list."""

from __future__ import annotations

import json

from rich.console import Console

from qualmark.evaluate import Evaluation


def render_json(evaluations: list[Evaluation], console: Console, lang: str | None, many: bool) -> None:
    """One object for one portfolio; a list when several were asked for (whatever became of them)."""
    data = [e.to_json(lang) for e in evaluations]
    text = json.dumps(data if many else data[0], ensure_ascii=False, indent=2, allow_nan=False)
    console.out(text, highlight=False)
