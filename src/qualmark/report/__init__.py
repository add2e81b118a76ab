"""Renderers: one per output format, registered by name. They format; they never decide."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from qualmark.evaluate import Evaluation
from qualmark.report.json import render_json
from qualmark.report.text import render_text

# (evaluations, console, language, several portfolios were asked for)
Renderer = Callable[[list[Evaluation], Console, str | None, bool], None]

RENDERERS: dict[str, Renderer] = {"text": render_text, "json": render_json}

__all__ = ["RENDERERS", "Renderer"]
