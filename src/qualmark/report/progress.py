"""QUAL-IM-G progress (``qualmark questions``) as text, Markdown or JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from qualmark.inert import inert
from qualmark.model.text import text_in
from qualmark.progress import Progress, QuestionState, SectionProgress
from qualmark.report.json import dumps

_MARK = {"answered": "✔", "skipped": "–", "open": "○"}


def _counts(section: SectionProgress | Progress) -> str:
    return (
        f"answered {section.count('answered')}, skipped {section.count('skipped')}, "
        f"open {section.count('open')} of {section.total} ({section.percent:.0f} %)"
    )


def _shown(questions: tuple[QuestionState, ...], only_open: bool) -> list[QuestionState]:
    return [q for q in questions if q.state == "open" or not only_open]


def _reason(question: QuestionState, lang: str) -> str:
    return f" (skipped: {inert(text_in(question.reason, lang, lang))})" if question.reason else ""


def as_text(progress: Progress, only_open: bool = False, lang: str = "en") -> str:
    lines = [f"{inert(progress.framework)}: {_counts(progress)}"]

    def section(s: SectionProgress, depth: int) -> Iterator[str]:
        pad = "  " * depth
        yield f"{pad}{s.id} {s.title}: {_counts(s)}"
        for q in _shown(s.questions, only_open):
            yield f"{pad}  {_MARK[q.state]} {q.id} {q.text}{_reason(q, lang)}"
        for sub in s.sub_blocks:
            yield from section(sub, depth + 1)

    for block in progress.blocks:
        lines.extend(section(block, 0))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: inert, and no character Markdown would read as markup."""
    out = inert(text).replace("\\", "\\\\")
    for char in "|*_`[]<>#":
        out = out.replace(char, "\\" + char)
    return out


def as_markdown(progress: Progress, only_open: bool = False, lang: str = "en") -> str:
    lines = [f"# QUAL-IM-G questions of {_cell(progress.framework)}", "", _counts(progress), ""]

    def section(s: SectionProgress, level: int) -> Iterator[str]:
        yield f"{'#' * level} {s.id} {_cell(s.title)}"
        yield ""
        yield _counts(s)
        yield ""
        shown = _shown(s.questions, only_open)
        if shown:
            yield "| question | | state |"
            yield "| --- | --- | --- |"
            for q in shown:
                reason = f": {_cell(text_in(q.reason, lang, lang))}" if q.reason else ""
                yield f"| {q.id} | {_cell(q.text)} | {q.state}{reason} |"
            yield ""
        for sub in s.sub_blocks:
            yield from section(sub, level + 1)

    for block in progress.blocks:
        lines.extend(section(block, 2))
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(progress: Progress, only_open: bool = False, lang: str = "en") -> str:
    def section(s: SectionProgress) -> dict[str, Any]:
        return {
            "id": s.id,
            "title": s.title,
            "answered": s.count("answered"),
            "skipped": s.count("skipped"),
            "open": s.count("open"),
            "total": s.total,
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "state": q.state,
                    "reason": text_in(q.reason, lang, lang) if q.reason else None,
                }
                for q in _shown(s.questions, only_open)
            ],
            "sub_blocks": [section(sub) for sub in s.sub_blocks],
        }

    record = {
        "framework": progress.framework,
        "answered": progress.count("answered"),
        "skipped": progress.count("skipped"),
        "open": progress.count("open"),
        "total": progress.total,
        "percent": round(progress.percent, 1),
        "blocks": [section(b) for b in progress.blocks],
    }
    return dumps(record) + "\n"


RENDERERS: dict[str, Callable[[Progress, bool, str], str]] = {
    "text": as_text,
    "markdown": as_markdown,
    "json": as_json,
}
