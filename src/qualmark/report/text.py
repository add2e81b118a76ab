"""The text report: a verdict line, then a tree of requirements (laid out by rich on a terminal).

Every string from an input (a name, a title, an id, a file name) passes
:func:`shown` (:func:`~qualmark.inert.inert`, and no box-drawing characters)
and is placed in a :class:`rich.text.Text` as plain text, so nothing a
portfolio says is read as markup, an emoji code or a terminal control
sequence. Lines that start at the left edge are never wrapped, and the
tree's wrapped lines keep its guides, so no input can pass for a line of the
report.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from qualmark.errors import QualmarkError
from qualmark.evaluate import Evaluation
from qualmark.explain import Message, Outcome, Review, Status, Verdict
from qualmark.inert import inert
from qualmark.messages import Lang, fallback_notice, render

_MARK = {
    Status.MET: ("✔", "green"),
    Status.NOT_MET: ("✘", "red"),
    Status.INCOMPLETE: ("…", "yellow"),
    Status.REVIEW: ("?", "magenta"),
    Status.ADVISORY: ("ℹ", "blue"),
}
_VERDICT = {
    Verdict.ELIGIBLE: ("ELIGIBLE", "VOLDOET", "bold green"),
    Verdict.NOT_ELIGIBLE: ("NOT ELIGIBLE", "VOLDOET NIET", "bold red"),
    Verdict.INCOMPLETE: ("INCOMPLETE", "ONVOLLEDIG", "bold yellow"),
    Verdict.REVIEW: ("REVIEW", "TER BEOORDELING", "bold magenta"),
}


# What input text may not show as it is, beyond what inert() escapes:
# - the tree's lines and the report's status marks, or a wrapped line could pass for a requirement;
# - characters whose width terminals and rich count differently (regional indicators, skin-tone
#   modifiers, spacing marks such as Devanagari vowel signs): rich would lay out a line that the
#   terminal then wraps where rich does not know, at the left edge.
_NOT_SHOWN = re.compile("[\u2500-\u257f✔✘ℹ○→\U0001f1e6-\U0001f1ff\U0001f3fb-\U0001f3ff]")
_MIN_WIDTH = 60  # narrower, and a deep tree has no room left for its lines

# Lines that start at the left edge (the verdict, the gap list) are never wrapped: a continuation
# there could pass for a report line of its own. Wider than the terminal, they are cut with '…'.
_ONE_LINE: dict[str, Any] = {"no_wrap": True, "overflow": "ellipsis"}


_PIPED_WIDTH = 1_000_000  # as good as no width: piped output is not wrapped


def console_for(stream: TextIO) -> Console:
    """A rich console that never interprets what it prints: no markup, emoji codes or highlighting.

    Piped output is not wrapped at 80 columns, so paths and sentences stay whole for CI logs and grep.
    """
    width = None if stream.isatty() or "COLUMNS" in os.environ else _PIPED_WIDTH
    console = Console(file=stream, width=width, highlight=False, markup=False, emoji=False)
    console.width = max(console.width, _MIN_WIDTH)  # COLUMNS=0 would print nothing at all
    return console


def _escape(char: str) -> str:
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


def shown(text: str) -> str:
    """Text from an input as the report shows it: inert, drawing none of the report's own lines and marks.

    >>> shown("BSc ├── ✔ R9 — met")
    'BSc \\\\u251c\\\\u2500\\\\u2500 \\\\u2714 R9 — met'
    """
    text = inert(text)
    if text.isascii():
        return text
    return "".join(
        _escape(char) if _NOT_SHOWN.match(char) or unicodedata.category(char) == "Mc" else char
        for char in text
    )


def _say(message: Message, L: Lang) -> str:
    return shown(render(message, L.code, L.fallback))


# A line of the report as pieces of text, each with its rich style ("" for none): rich lays them out
# on a terminal, and elsewhere the report joins them itself (TextReport.plain).
Line = list[tuple[str, str]]


@dataclass
class _Branch:
    """A requirement in the report's tree, with those below it."""

    label: Line
    children: list[_Branch] = field(default_factory=list)


def _line(outcome: Outcome, L: Lang, needed: bool) -> Line:
    """One requirement. ``needed`` is false below a met parent: an alternative not taken."""
    failing = outcome.status in (Status.NOT_MET, Status.INCOMPLETE, Status.REVIEW)
    mark, colour = _MARK[outcome.status] if needed or not failing else ("○", "dim")
    line = [(mark, colour), (" ", ""), (shown(outcome.rule_id), "bold")]
    if outcome.title:
        line.append((" " + shown(L.text(outcome.title)), ""))
    line.append((" — " + _say(outcome.found, L), ""))
    if outcome.status is Status.ADVISORY:
        advice = (
            L.pick("advice followed", "advies opgevolgd")
            if outcome.advisory_met
            else L.pick("advice not followed (does not count)", "advies niet opgevolgd (telt niet mee)")
        )
        line.append((" " + advice, "blue"))
    review = outcome.review
    judged = "\n   " + _judged(review, L) if review is not None and review.judgements else ""
    if not failing or not needed:
        if failing:
            line.append((f" ({L.pick('not needed', 'niet nodig')})", "dim"))
        line.append((judged, "dim"))
        return line
    line.append((f" ({L.pick('required', 'vereist')}: {_say(outcome.required, L)})", "dim"))
    if outcome.fix is not None:
        line.append(("\n   → " + _say(outcome.fix, L), colour))
    if outcome.source is not None:
        section = f", {outcome.source.section}" if outcome.source.section else ""
        line.append((f"\n   {shown(outcome.source.file)}:{outcome.source.line}{shown(section)}", "dim"))
    line.append((judged, "dim"))
    return line


def _judged(review: Review, L: Lang) -> str:
    """Who decided what on a review item: one line per judgement."""
    return "\n   ".join(
        L.pick("judged by ", "beoordeeld door ")
        + f"{shown(j.assessor)} ({j.date.isoformat()}): "
        + (L.pick("met", "voldaan") if j.decision is Status.MET else L.pick("not met", "niet voldaan"))
        + f" — {shown(j.rationale)}"
        for j in review.judgements
    )


def _branch(outcome: Outcome, L: Lang, needed: bool = True) -> _Branch:
    below = needed and outcome.status is not Status.MET
    return _Branch(_line(outcome, L, needed), [_branch(child, L, below) for child in outcome.children])


def _plain(line: Line) -> str:
    return "".join(text for text, _ in line)


def _lines(piece: Line | _Branch) -> Iterator[str]:
    """The lines of one piece of the report where nothing wraps and nothing is coloured."""
    return _tree_lines(piece) if isinstance(piece, _Branch) else iter(_plain(piece).split("\n"))


def _tree_lines(tree: _Branch) -> Iterator[str]:
    """The lines rich draws for ``tree`` where nothing wraps and nothing is coloured."""
    yield from _plain(tree.label).split("\n")

    def below(node: _Branch, prefix: str) -> Iterator[str]:
        for i, child in enumerate(node.children):
            last = i == len(node.children) - 1
            first, *more = _plain(child.label).split("\n")
            yield prefix + ("└── " if last else "├── ") + first
            inside = prefix + ("    " if last else "│   ")
            for line in more:
                yield inside + line
            yield from below(child, inside)

    yield from below(tree, "")


def _rich(piece: Line | _Branch) -> Text | Tree:
    """A piece of the report as rich lays it out."""
    if not isinstance(piece, _Branch):
        return Text.assemble(*piece)

    def grow(tree: Tree, children: list[_Branch]) -> Tree:
        for child in children:
            grow(tree.add(Text.assemble(*child.label)), child.children)
        return tree

    return grow(Tree(Text.assemble(*piece.label), guide_style="dim"), piece.children)


class TextReport:
    """Writes one report per portfolio as soon as it is evaluated.

    On a terminal rich lays the report out (colours, the terminal's width). Elsewhere (a pipe, a
    file, ``Evaluation.render``) nothing is coloured or wrapped, and the report writes the same
    lines itself, several times faster; a test holds the two to the same text.
    """

    def __init__(self, stream: TextIO, lang: str | None, many: bool) -> None:
        self.console = console_for(stream)
        self.lang = lang
        self.noticed = False  # the language notice is said once, before the first report
        console = self.console
        self.plain = not (  # as rich would write it: no colour, no wrapping, the tree's own lines
            console.is_terminal
            or console.color_system is not None
            or console.width != _PIPED_WIDTH
            or console.options.ascii_only
            or console.legacy_windows
            or console.is_jupyter
        )

    def evaluation(self, evaluation: Evaluation) -> None:
        first = evaluation.framework.languages[0]
        L = Lang(self.lang or first, first)
        pieces: list[Line | _Branch] = []
        language = fallback_notice(L.code)
        if language and not self.noticed:
            pieces.append([("! " + language, "bold yellow")])
            self.noticed = True
        en, nl, style = _VERDICT[evaluation.verdict]
        head = [
            (L.pick(en, nl), style),
            (f" {shown(evaluation.candidate)} — {shown(L.text(evaluation.framework.title))} ", ""),
            (
                f"({L.pick('as of', 'per')} {evaluation.as_of.isoformat()}; "
                f"{shown(evaluation.portfolio_file or '')})",
                "dim",
            ),
        ]
        pieces.append(head)
        for notice in evaluation.notices:
            pieces.append([("! " + _say(notice, L), "bold yellow")])
        requirements = [(L.pick("requirements", "eisen"), "")]
        pieces.append(_Branch(requirements, [_branch(outcome, L) for outcome in evaluation.outcomes]))
        gaps = evaluation.gaps()
        if gaps:
            noun = {"en": ("gap", "gaps"), "nl": ("tekortkoming", "tekortkomingen")}
            pieces.append([(L.count(len(gaps), noun) + ": " + ", ".join(shown(g.rule_id) for g in gaps), "")])
        reviews = evaluation.reviews()
        if reviews:
            asked = L.pick(
                f"{len(reviews)} question{'s' if len(reviews) != 1 else ''} for the assessor: ",
                f"{len(reviews)} {'vragen' if len(reviews) != 1 else 'vraag'} voor de assessor: ",
            )
            pieces.append([(asked + ", ".join(shown(r.rule_id) for r in reviews), "")])
        pieces.append([])
        self._print(pieces)

    def failure(self, file: str, error: QualmarkError) -> None:
        """A portfolio that could not be checked: one line here, its problems on standard error."""
        L = Lang(self.lang or "en", "en")
        count = len(error.problems)
        problems = L.pick(
            f"{count} problem{'s' if count != 1 else ''} (see the error output)",
            f"{count} probleem{'en' if count != 1 else ''} (zie de foutuitvoer)",
        )
        line = [(L.pick("NOT CHECKED", "NIET BEOORDEELD"), "bold red"), (f" {shown(file)}: {problems}", "")]
        self._print([line, []])

    def _print(self, pieces: list[Line | _Branch]) -> None:
        """Lines that start at the left edge are never wrapped (see _ONE_LINE); the tree's may be."""
        if self.plain:
            lines = [line for piece in pieces for line in _lines(piece)]
            # a character may take two columns: anything near the width is left to rich to cut
            width = self.console.width  # (worked out afresh, from the environment, on every read)
            if all(2 * len(line) < width for line in lines):
                self.console.file.write("\n".join(lines) + "\n")
                return
        for piece in pieces:
            self.console.print(_rich(piece), **({} if isinstance(piece, _Branch) else _ONE_LINE))

    def close(self) -> None:
        """Nothing is held back: every report is written when it is made."""
