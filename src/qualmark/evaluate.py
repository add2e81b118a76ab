"""Evaluating a portfolio: rules × portfolio × date → an :class:`Evaluation`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from qualmark.explain import (
    Finding,
    Judgement,
    Message,
    Outcome,
    Status,
    Verdict,
    failing_findings,
    review_items,
    verdict_of,
)
from qualmark.matrix import Matrix, matrices
from qualmark.messages import Lang, render
from qualmark.model.text import Text, text_in
from qualmark.rules.base import Context

if TYPE_CHECKING:
    from qualmark.model.framework import FrameworkDocument
    from qualmark.model.portfolio import Portfolio
    from qualmark.rules.base import Rule
    from qualmark.vocabulary import Catalogues

EVALUATION_FORMAT = 1

T = TypeVar("T")


class _Lazy(Generic[T]):
    """A value worked out by ``make`` when first asked for, then kept (it pickles either way)."""

    __slots__ = ("made", "make", "value")

    def __init__(self, make: Callable[[], T]) -> None:
        self.make = make
        self.value: T | None = None
        self.made = False

    def get(self) -> T:
        if not self.made:
            self.value, self.made = self.make(), True
        return self.value  # type: ignore[return-value]

    def __getstate__(self) -> tuple[Any, Any, bool]:
        return self.make, self.value, self.made

    def __setstate__(self, state: tuple[Any, Any, bool]) -> None:
        self.make, self.value, self.made = state


class Compiled(Protocol):
    """What evaluating needs of a framework (:class:`qualmark.framework.Framework` is one)."""

    @property
    def document(self) -> FrameworkDocument: ...

    @property
    def catalogues(self) -> Catalogues: ...

    @property
    def rules(self) -> tuple[Rule, ...]: ...

    @property
    def file(self) -> str: ...


@dataclass(frozen=True, slots=True)
class FrameworkInfo:
    id: str
    version: str
    uri: str
    title: Text
    file: str
    languages: tuple[str, ...]
    source: Text | None = None  # the title of the document the framework encodes


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The result of evaluating one portfolio: a verdict and the outcome tree."""

    framework: FrameworkInfo
    candidate: str
    portfolio_file: str | None
    as_of: dt.date
    verdict: Verdict
    # the top-level rules' findings: statuses now, outcomes when first read (see outcomes)
    findings: tuple[Finding, ...]
    notices: tuple[Message, ...] = ()
    # the coverage matrices, worked out when first asked for (see matrices)
    _matrices: _Lazy[tuple[Matrix, ...]] = field(
        default_factory=lambda: _Lazy(tuple), compare=False, repr=False
    )
    candidate_id: str | None = None

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """The explanation tree: an outcome per top-level requirement, made when first read."""
        return tuple(f.outcome() for f in self.findings)

    @property
    def matrices(self) -> tuple[Matrix, ...]:
        """Items × cases of each vocabulary a rule reads (:mod:`qualmark.matrix`), made on first use:
        most evaluations are never shown as a report."""
        return self._matrices.get()

    def find(self, rule_id: str) -> Outcome | None:
        """The outcome of a rule anywhere in the tree."""
        for outcome in self.outcomes:
            found = outcome.find(rule_id)
            if found is not None:
                return found
        return None

    def gaps(self) -> list[Outcome]:
        """What keeps the portfolio from being eligible, deepest first."""
        return failing_findings(self.findings)

    def reviews(self) -> list[Outcome]:
        """The questions awaiting an assessor (status review), in the order of the framework."""
        passing = (Status.MET, Status.ADVISORY)  # nothing below them awaits anyone: left unexplained
        return review_items([f.outcome() for f in self.findings if f.status not in passing])

    def summary(self, lang: str | None = None) -> str:
        """One paragraph: the verdict, what keeps the portfolio from it, the questions for the assessor.

        For example: "Not eligible. 1 gap: B1-uren (50 more qualifying hours). 2 questions for the
        assessor: C1-diversiteit, C1-werkveld."
        """
        first = self.framework.languages[0]
        L = Lang(lang or first, first)
        verdict = {
            Verdict.ELIGIBLE: L.pick("Eligible", "Voldoet"),
            Verdict.NOT_ELIGIBLE: L.pick("Not eligible", "Voldoet niet"),
            Verdict.INCOMPLETE: L.pick("Incomplete", "Onvolledig"),
            Verdict.REVIEW: L.pick("For the assessor", "Ter beoordeling"),
        }[self.verdict]
        parts = [verdict + "."]
        gaps = self.gaps()
        if gaps:
            listed = ", ".join(
                g.rule_id + (f" ({render(g.fix, L.code, L.fallback)})" if g.fix is not None else "")
                for g in gaps
            )
            noun = {"en": ("gap", "gaps"), "nl": ("tekortkoming", "tekortkomingen")}
            parts.append(f"{L.count(len(gaps), noun)}: {listed}.")
        reviews = self.reviews()
        if reviews:
            noun = {
                "en": ("question for the assessor", "questions for the assessor"),
                "nl": ("vraag voor de assessor", "vragen voor de assessor"),
            }
            parts.append(f"{L.count(len(reviews), noun)}: {', '.join(r.rule_id for r in reviews)}.")
        return " ".join(parts)

    def render(self, format: str = "text", lang: str | None = None, audience: str = "candidate") -> str:
        """The report of this evaluation as ``text``, ``json``, ``markdown`` or ``html`` (one self-contained page).

        ``audience`` (markdown, html): ``candidate`` or ``assessor``; see docs/reports.md.
        """
        from qualmark.report.documents import FORMATS
        from qualmark.report.documents import render as document

        if format in FORMATS:
            if audience not in ("candidate", "assessor"):
                raise ValueError(f"audience must be 'candidate' or 'assessor', not {audience!r}")
            return document(self, format, lang, audience)  # type: ignore[arg-type]
        if format == "json":
            from qualmark.report.json import dumps

            return dumps(self.to_json(lang)) + "\n"
        if format == "text":
            import io

            from qualmark.report.text import TextReport

            buffer = io.StringIO()
            TextReport(buffer, lang, False).evaluation(self)
            return buffer.getvalue()
        raise ValueError(f"format must be one of text, json, markdown, html, not {format!r}")

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """A JSON-ready dict (format version 1, described in docs/evaluation.md), texts in ``lang``."""
        lang = lang or self.framework.languages[0]
        fallback = self.framework.languages[0]
        return {
            "qualmark_evaluation": EVALUATION_FORMAT,
            "framework": {
                "id": self.framework.id,
                "version": self.framework.version,
                "uri": self.framework.uri,
                "file": self.framework.file,
            },
            "portfolio": {"file": self.portfolio_file, "candidate": self.candidate},
            "as_of": self.as_of.isoformat(),
            "language": lang,
            "verdict": self.verdict.value,
            "notices": [_message_json(n, lang, fallback) for n in self.notices],
            "outcomes": [_outcome_json(o, lang, fallback) for o in self.outcomes],
        }


def _message_json(message: Message | None, lang: str, fallback: str) -> dict[str, Any] | None:
    if message is None:
        return None
    return {"text": render(message, lang, fallback), "key": message.key, "params": dict(message.params)}


def _outcome_json(outcome: Outcome, lang: str, fallback: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": outcome.rule_id,
        "kind": outcome.kind,
        "title": text_in(outcome.title, lang, fallback) if outcome.title else None,
        "status": outcome.status.value,
        "required": _message_json(outcome.required, lang, fallback),
        "found": _message_json(outcome.found, lang, fallback),
        "fix": _message_json(outcome.fix, lang, fallback),
        "evidence": list(outcome.evidence),
        "source": {
            "file": outcome.source.file,
            "line": outcome.source.line,
            "section": outcome.source.section,
        }
        if outcome.source
        else None,
        "children": [_outcome_json(c, lang, fallback) for c in outcome.children],
    }
    if outcome.status is Status.ADVISORY:
        result["advisory_met"] = outcome.advisory_met
    if outcome.review is not None:
        review = outcome.review
        decision = review.decision
        result["review"] = {
            "question": text_in(review.question, lang, fallback),
            "by": review.by,
            "needed": review.needed,
            "decision": decision.value if decision else None,
            "judgements": [
                {
                    "decision": j.decision.value,
                    "assessor": j.assessor,
                    "date": j.date.isoformat(),
                    "rationale": j.rationale,
                }
                for j in review.judgements
            ],
        }
    return result


def _matrices(framework: Compiled, portfolio: Portfolio, findings: tuple[Finding, ...]) -> tuple[Matrix, ...]:
    return matrices(framework.rules, framework.catalogues, portfolio, (f.outcome() for f in findings))


def evaluate(
    framework: Compiled,
    portfolio: Portfolio,
    as_of: dt.date,
    judgements: Mapping[str, tuple[Judgement, ...]] | None = None,
) -> Evaluation:
    """Evaluate every requirement; the portfolio must already fit the framework's schema.

    ``judgements`` are the assessors' decisions by rule id (already checked against the framework).
    """
    method = framework.document.certification.method
    ctx = Context(
        portfolio,
        as_of,
        framework.catalogues,
        judgements or {},
        (method.assessors if method and method.assessors else 1),
    )
    findings = tuple(rule.judge(ctx) for rule in framework.rules)
    document = framework.document
    notices = []
    if document.valid_until is not None and as_of > document.valid_until:
        notices.append(
            Message("notice.expired", {"until": document.valid_until.isoformat(), "as_of": as_of.isoformat()})
        )
    if document.valid_from is not None and as_of < document.valid_from:
        notices.append(
            Message(
                "notice.not_yet_valid", {"from": document.valid_from.isoformat(), "as_of": as_of.isoformat()}
            )
        )
    info = FrameworkInfo(
        document.id,
        document.version,
        document.uri,
        document.title,
        framework.file,
        tuple(document.languages),
        document.source.title,
    )
    return Evaluation(
        info,
        portfolio.candidate.name,
        portfolio.source,
        as_of,
        verdict_of(f.status for f in findings),
        findings,
        tuple(notices),
        _Lazy(partial(_matrices, framework, portfolio, findings)),
        portfolio.candidate.id,
    )
