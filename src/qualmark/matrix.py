"""Coverage matrices of a portfolio: the items of a profile vocabulary × the cases.

What a report shows as a grid (tasks × cases, knowledge areas × cases,
competences × cases, attitude questions × cases): for each item and case,
whether the case shows it (with a text), marks it not relevant (with or
without a motivation), answers its question (attitude), or leaves it out.
Only vocabularies a rule reads get a matrix, in the order of the profile.
This is data; the reports draw it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from qualmark.explain import Outcome, Status
from qualmark.inert import written
from qualmark.model.framework import VOCABULARIES
from qualmark.model.portfolio import Case, Portfolio
from qualmark.model.text import Text
from qualmark.rules.base import Rule
from qualmark.rules.demonstrate import DemonstrateRule
from qualmark.rules.reflection import ReflectionRule
from qualmark.vocabulary import Catalogues


class Cell(StrEnum):
    """What one case does with one item."""

    SHOWN = "shown"  # demonstrated, with a text
    ANSWERED = "answered"  # its reflection question answered
    NOT_RELEVANT = "not_relevant"  # marked not relevant, with a motivation
    UNMOTIVATED = "unmotivated"  # marked not relevant, without a motivation
    MISSING = "missing"  # none of these


@dataclass(frozen=True, slots=True)
class Matrix:
    """One vocabulary × the portfolio's cases."""

    vocabulary: str
    items: tuple[tuple[str, Text], ...]  # (id, label), in the order of the profile
    cases: tuple[tuple[str, str | None], ...]  # (id, title), in the order of the portfolio
    cells: tuple[tuple[Cell, ...], ...]  # one row per item, one cell per case
    rules: tuple[str, ...]  # the rules that read it
    review: bool = False  # one of those rules awaits an assessor: what is shown is not yet judged


def matrices(
    rules: Iterable[Rule], catalogues: Catalogues, portfolio: Portfolio, outcomes: Iterable[Outcome]
) -> tuple[Matrix, ...]:
    """The matrices of the vocabularies the ``rules`` read, for ``portfolio`` (``outcomes``: its evaluation)."""
    readers: dict[str, list[Rule]] = {}
    for top in rules:
        for rule in top.walk():
            if isinstance(rule, DemonstrateRule | ReflectionRule):
                readers.setdefault(rule.vocabulary, []).append(rule)
    in_review = {o.rule_id for root in outcomes for o in root.walk() if o.status is Status.REVIEW}
    cases = tuple((case.id, case.title) for case in portfolio.cases)
    result = []
    for name in (v for v in VOCABULARIES if v in readers):
        reflected = any(isinstance(rule, ReflectionRule) for rule in readers[name])
        items = catalogues.vocabularies[name].items
        cells = tuple(
            tuple(_cell(case, name, item.id, reflected) for case in portfolio.cases) for item in items
        )
        ids = tuple(rule.header.id for rule in readers[name])
        result.append(
            Matrix(
                name,
                tuple((item.id, item.label) for item in items),
                cases,
                cells,
                ids,
                review=any(i in in_review for i in ids),
            )
        )
    return tuple(result)


def _cell(case: Case, vocabulary: str, item: str, reflected: bool) -> Cell:
    if reflected and written(case.reflections.get(item)):
        return Cell.ANSWERED
    if any(d.id == item and written(d.text) for d in case.demonstrates.get(vocabulary, [])):
        return Cell.SHOWN
    for mark in case.not_relevant.get(vocabulary, []):
        if mark.id == item:
            return Cell.NOT_RELEVANT if written(mark.motivation) else Cell.UNMOTIVATED
    return Cell.MISSING
