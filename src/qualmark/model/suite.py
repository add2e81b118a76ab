"""The framework test file as written (``qualmark test``): cases with a portfolio and what to expect."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from qualmark.model.framework import Model

NonBlank = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
StatusName = Literal["met", "not_met", "incomplete", "review", "advisory"]
VerdictName = Literal["eligible", "not_eligible", "incomplete", "review"]


class Expectation(Model):
    """What one requirement must come to: its status, and text its explanation must contain."""

    status: StatusName | None = None
    says: NonBlank | Annotated[list[NonBlank], Field(min_length=1)] | None = None


class Case(Model):
    """One portfolio (a path relative to the test file, or inline) and the outcome expected of it."""

    name: NonBlank
    portfolio: NonBlank | dict[str, Any]
    judgements: NonBlank | dict[str, Any] | None = None
    as_of: dt.date | None = None
    lang: Literal["en", "nl"] | None = None
    verdict: VerdictName
    # exactly these failing requirements (the gap list), and exactly these awaiting an assessor
    failing: list[NonBlank] | None = None
    review: list[NonBlank] | None = None
    expect: dict[str, Annotated[StatusName | Expectation, Field(union_mode="left_to_right")]] | None = None


class SuiteDocument(Model):
    """``qualmark_tests: 1``, the framework (a path relative to this file) and the cases."""

    qualmark_tests: Literal[1]
    framework: NonBlank
    cases: Annotated[list[Case], Field(min_length=1, max_length=10_000)]
