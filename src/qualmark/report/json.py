"""JSON output: one evaluation as an object, several as a list."""

from __future__ import annotations

import json

from rich.console import Console

from qualmark.evaluate import Evaluation


def render_json(evaluations: list[Evaluation], console: Console, lang: str | None) -> None:
    data = [e.to_json(lang) for e in evaluations]
    text = json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)
    console.out(text, highlight=False)
