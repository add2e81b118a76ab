"""Assessors' judgements: a YAML or JSON file read, checked against a framework and a portfolio.

The file names the candidate and the framework (id and version) it is for;
each entry judges one review item (a rule with ``review:``). Everything that
does not fit (another candidate, another framework version, an item that
is not a review item, an assessor judging an item twice) is a problem at its
``file:line:col``: a judgement is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import TYPE_CHECKING

from qualmark.errors import JudgementsError, Problem
from qualmark.explain import Judgement, Status
from qualmark.files import DEFAULT_MAX_BYTES
from qualmark.inert import quote
from qualmark.loader import load_yaml, parse_yaml
from qualmark.model.judgements import JudgementsDocument
from qualmark.shape import validated
from qualmark.source import SourceMap
from qualmark.suggest import did_you_mean

if TYPE_CHECKING:
    from qualmark.evaluate import Compiled
    from qualmark.model.portfolio import Portfolio


@dataclass(frozen=True, slots=True)
class Judgements:
    """A judgements file as read: its document and where each of its nodes was written."""

    document: JudgementsDocument
    smap: SourceMap

    @property
    def file(self) -> str:
        return self.smap.file

    def for_portfolio(self, framework: Compiled, portfolio: Portfolio) -> dict[str, tuple[Judgement, ...]]:
        """The judgements by rule id, once they are known to be for this framework and portfolio."""
        problems = self._problems(framework, portfolio)
        if problems:
            raise JudgementsError(problems)
        result: dict[str, list[Judgement]] = {}
        for entry in self.document.judgements:
            decision = Status.MET if entry.decision == "met" else Status.NOT_MET
            judgement = Judgement(entry.item, decision, entry.assessor, entry.date, entry.rationale)
            result.setdefault(entry.item, []).append(judgement)
        return {item: tuple(each) for item, each in result.items()}

    def names(self, portfolio: Portfolio) -> bool:
        """Whether this file is for the portfolio's candidate (by id, else by name)."""
        return self.document.candidate == (portfolio.candidate.id or portfolio.candidate.name)

    def _problems(self, framework: Compiled, portfolio: Portfolio) -> list[Problem]:
        doc, span = self.document, self.smap.span
        problems = []
        candidate = portfolio.candidate.id or portfolio.candidate.name
        if not self.names(portfolio):
            problems.append(
                Problem(
                    f"these judgements are for candidate {quote(doc.candidate)}, "
                    f"not {quote(candidate)} of {quote(portfolio.source or 'the portfolio')}",
                    span(("candidate",)),
                    hint="give the judgements file of this portfolio",
                )
            )
        fw = framework.document
        if doc.framework.id != fw.id:
            problems.append(
                Problem(
                    f"these judgements are for framework {quote(doc.framework.id)}, not {quote(fw.id)}",
                    span(("framework", "id")),
                    hint="give the judgements made under this framework",
                )
            )
        elif doc.framework.version != fw.version:
            problems.append(
                Problem(
                    f"these judgements are for version {quote(doc.framework.version)} of {quote(fw.id)}, "
                    f"not version {quote(fw.version)}",
                    span(("framework", "version")),
                    hint="judgements do not carry over between versions: judge again under this one",
                )
            )
        reviewable = {rule.header.id for top in framework.rules for rule in top.walk() if rule.header.review}
        seen: dict[tuple[str, str], int] = {}
        for index, entry in enumerate(doc.judgements):
            where = ("judgements", index)
            if entry.item not in reviewable:
                hint = did_you_mean(entry.item, sorted(reviewable))
                problems.append(
                    Problem(
                        f"{quote(entry.item)} is not a review item of {quote(fw.id)}",
                        span((*where, "item")),
                        hint=hint
                        or (
                            "review items: " + ", ".join(sorted(reviewable))
                            if reviewable
                            else "this framework has no review items"
                        ),
                    )
                )
            key = (entry.item, entry.assessor.strip().casefold())
            if key in seen:
                problems.append(
                    Problem(
                        f"{quote(entry.assessor)} judges {quote(entry.item)} twice "
                        f"(first at judgements[{seen[key]}])",
                        span((*where, "assessor")),
                        hint="keep one judgement per assessor and item",
                    )
                )
            seen.setdefault(key, index)
        return problems


def load_judgements(path: str | FsPath, max_bytes: int = DEFAULT_MAX_BYTES) -> Judgements:
    """Read a judgements file (YAML, or JSON, which YAML reads too) with the position of every node."""
    data, smap = load_yaml(path, max_bytes)
    return Judgements(validated(JudgementsDocument, data, smap, JudgementsError), smap)


def parse_judgements(text: str, file: str = "<judgements>") -> Judgements:
    """Read judgements from text; see :func:`load_judgements`."""
    data, smap = parse_yaml(text, file)
    return Judgements(validated(JudgementsDocument, data, smap, JudgementsError), smap)


def judgements_by_item(
    files: list[Judgements], framework: Compiled, portfolio: Portfolio
) -> Mapping[str, tuple[Judgement, ...]]:
    """The judgements of every file for this portfolio, merged by item."""
    merged: dict[str, tuple[Judgement, ...]] = {}
    for judgements in files:
        for item, each in judgements.for_portfolio(framework, portfolio).items():
            merged[item] = merged.get(item, ()) + each
    return merged
