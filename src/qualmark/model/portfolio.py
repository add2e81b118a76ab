"""The portfolio: what a candidate hands in (see docs/portfolio.md).

A portfolio is first checked against its framework's JSON Schema (see
:mod:`qualmark.schema`), which refuses unknown keys and ids with JSON pointers;
these models then give the rules typed access. Evidence items and cases keep
their framework-specific fields in ``fields``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr


class PortfolioModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Candidate(PortfolioModel):
    name: str
    id: str | None = None
    email: str | None = None


class EvidenceItem(PortfolioModel):
    model_config = ConfigDict(frozen=True, extra="allow")

    id: str
    kind: str
    title: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    document: str | None = None
    note: str | None = None

    def field(self, name: str) -> Any:
        """The value of a common or kind-specific field (``None`` when not stated)."""
        if name in _COMMON_FIELDS:
            return getattr(self, name)
        return (self.__pydantic_extra__ or {}).get(name)


_COMMON_FIELDS = frozenset(EvidenceItem.model_fields)


class HoursEntry(PortfolioModel):
    activity: str
    hours: float
    note: str | None = None


class Experience(PortfolioModel):
    active_since: dt.date | None = None
    currently_practising: bool | None = None
    hours: list[HoursEntry] = Field(default_factory=list)


class Period(PortfolioModel):
    start: dt.date
    end: dt.date | None = None  # no end date: the case is not completed


class Demonstration(PortfolioModel):
    id: str
    text: str


class NotRelevant(PortfolioModel):
    id: str
    motivation: str | None = None


class Case(PortfolioModel):
    model_config = ConfigDict(frozen=True, extra="allow")

    id: str
    title: str | None = None
    period: Period | None = None
    summary: str | None = None
    demonstrates: dict[str, list[Demonstration]] = Field(default_factory=dict)
    not_relevant: dict[str, list[NotRelevant]] = Field(default_factory=dict)
    reflections: dict[str, str] = Field(default_factory=dict)

    def field(self, name: str) -> Any:
        """A framework-specific case field (``None`` when not stated)."""
        return (self.__pydantic_extra__ or {}).get(name)


class Element(PortfolioModel):
    provided: bool = False
    document: str | None = None
    text: str | None = None


class DeclarationAnswer(PortfolioModel):
    agreed: bool
    date: dt.date | None = None


class Portfolio(PortfolioModel):
    """A candidate's portfolio; ``source`` is the file it was read from, if any."""

    schema_uri: str | None = Field(default=None, alias="$schema")  # for editors; never read
    qualmark_portfolio: int = 1
    framework: str
    candidate: Candidate
    submitted: dt.date
    language: str | None = None
    evidence: list[EvidenceItem] = Field(default_factory=list)
    experience: Experience | None = None
    cases: list[Case] = Field(default_factory=list)
    elements: dict[str, Element] = Field(default_factory=dict)
    declarations: dict[str, DeclarationAnswer] = Field(default_factory=dict)

    source: str | None = Field(default=None, exclude=True)
    raw: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)
    # The framework whose schema this portfolio was checked against when it was read,
    # so that evaluating it does not check it twice.
    _checked_by: object = PrivateAttr(default=None)
