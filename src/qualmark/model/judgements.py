"""The judgements file as written: assessors' decisions on the review items of one portfolio."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from qualmark.model.framework import Id, Model

NonBlank = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, pattern=r"\S")]


class FrameworkRef(Model):
    id: Id
    version: str


class JudgementEntry(Model):
    """One assessor's decision on one review item."""

    item: Id  # the id of the rule under review
    decision: Literal["met", "not_met"]
    assessor: NonBlank
    date: dt.date
    rationale: NonBlank


class JudgementsDocument(Model):
    """``qualmark_judgements: 1``; the candidate (id, else name) and framework the judgements are for."""

    qualmark_judgements: Literal[1]
    candidate: NonBlank
    framework: FrameworkRef
    judgements: Annotated[list[JudgementEntry], Field(max_length=1000)]
