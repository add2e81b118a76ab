"""Outcomes: the explanation tree an evaluation is made of.

An :class:`Outcome` is data — status, what was required, what was found,
the JSON pointers of the evidence used, the framework source and the
children — never text; :mod:`qualmark.messages` and the renderers turn it
into words. The three-valued logic of the combinators lives here, in one
place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from qualmark.model.text import Text


class Status(StrEnum):
    """What became of one requirement."""

    MET = "met"
    NOT_MET = "not_met"
    INCOMPLETE = "incomplete"  # evidence missing that the candidate can still supply
    REVIEW = "review"  # what a machine can check is met; an assessor must judge the rest
    ADVISORY = "advisory"  # informs, never fails


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    INCOMPLETE = "incomplete"
    REVIEW = "review"  # meets everything a machine can check; questions await an assessor


def all_of(statuses: Iterable[Status]) -> Status:
    """All must be met; a single failure decides; else anything missing leaves it incomplete.

    >>> all_of([Status.MET, Status.INCOMPLETE, Status.NOT_MET])
    <Status.NOT_MET: 'not_met'>
    >>> all_of([Status.MET, Status.ADVISORY])
    <Status.MET: 'met'>
    """
    counted = [s for s in statuses if s is not Status.ADVISORY]
    if Status.NOT_MET in counted:
        return Status.NOT_MET
    if Status.INCOMPLETE in counted:
        return Status.INCOMPLETE
    if Status.REVIEW in counted:
        return Status.REVIEW
    return Status.MET


def at_least(n: int, statuses: Iterable[Status]) -> Status:
    """At least ``n`` met; incomplete while the incomplete ones could still make up the rest.

    >>> at_least(2, [Status.MET, Status.INCOMPLETE, Status.NOT_MET])
    <Status.INCOMPLETE: 'incomplete'>
    >>> at_least(1, [Status.NOT_MET, Status.NOT_MET])
    <Status.NOT_MET: 'not_met'>
    """
    counted = [s for s in statuses if s is not Status.ADVISORY]
    met = counted.count(Status.MET)
    if met >= n:
        return Status.MET
    met += counted.count(Status.REVIEW)  # met, as far as a machine can tell
    if met >= n:
        return Status.REVIEW
    if met + counted.count(Status.INCOMPLETE) >= n:
        return Status.INCOMPLETE
    return Status.NOT_MET


def one_of(statuses: Iterable[Status]) -> Status:
    """One alternative met suffices; an attempted alternative that fails decides the rest.

    An alternative is *not met* only on what the candidate submitted (a
    missing item leaves it incomplete), so when none is met and one is not
    met, the candidate attempted that route and it fails: not met. Only when
    nothing was submitted for any alternative is the rule incomplete.

    >>> one_of([Status.NOT_MET, Status.INCOMPLETE])
    <Status.NOT_MET: 'not_met'>
    >>> one_of([Status.INCOMPLETE, Status.INCOMPLETE, Status.MET])
    <Status.MET: 'met'>
    """
    counted = [s for s in statuses if s is not Status.ADVISORY]
    if Status.MET in counted:
        return Status.MET
    if Status.REVIEW in counted:  # an assessor may still find that alternative met
        return Status.REVIEW
    if Status.NOT_MET in counted or not counted:
        return Status.NOT_MET
    return Status.INCOMPLETE


def verdict_of(statuses: Iterable[Status]) -> Verdict:
    """The verdict over the top-level requirements."""
    combined = all_of(statuses)
    return {
        Status.MET: Verdict.ELIGIBLE,
        Status.NOT_MET: Verdict.NOT_ELIGIBLE,
        Status.INCOMPLETE: Verdict.INCOMPLETE,
        Status.REVIEW: Verdict.REVIEW,
    }[combined]


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence as data: a key of the message catalogue and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    # Its sentences once rendered, by language and fallback: kept only for a message that reads the
    # same in every evaluation, which a rule builds once (rules.base.Rule.kept); None for the rest.
    rendered: dict[tuple[str, str], str] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a rule comes from: its place in the framework file and in the source document."""

    file: str
    line: int
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """One assessor's decision on one review item, as recorded in a judgements file."""

    item: str  # the id of the rule judged
    decision: Status  # MET or NOT_MET
    assessor: str
    date: dt.date
    rationale: str


@dataclass(frozen=True, slots=True)
class Review:
    """A question only a person can answer, on a rule whose machine checks are met.

    ``needed`` assessors must agree (``certification.method.assessors``):
    their common decision decides; fewer judgements, or a disagreement, leave
    the item in review.
    """

    question: Text
    by: str
    needed: int = 1
    judgements: tuple[Judgement, ...] = ()

    @property
    def decision(self) -> Status | None:
        """MET or NOT_MET when enough assessors agree; None while the item awaits them."""
        decisions = {j.decision for j in self.judgements}
        if len(decisions) != 1 or len({j.assessor for j in self.judgements}) < self.needed:
            return None
        return decisions.pop()

    @property
    def disagreement(self) -> bool:
        return len({j.decision for j in self.judgements}) > 1


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one rule, with the results of its parts as ``children``."""

    rule_id: str
    kind: str
    status: Status
    required: Message
    found: Message
    title: Text | None = None
    fix: Message | None = None
    evidence: tuple[str, ...] = ()
    source: SourceRef | None = None
    children: tuple[Outcome, ...] = ()
    advisory_met: bool | None = None  # for advisory rules: was the advice followed?
    review: Review | None = None  # for a rule an assessor judges: the question and the judgements
    # for a selection of vocabulary items (`demonstrate`): the ids the portfolio shows, which rule
    # coverage counts (`qualmark test --coverage`); the explanation names them in `found`
    description: Text | None = None  # the rule's description: often the source's own sentences
    shown: tuple[str, ...] = ()

    def text(self, lang: str = "en", fallback: str | None = None) -> str:
        """The outcome as one sentence in ``lang`` (framework texts fall back to ``fallback``):
        ``B1-uren At least 1,200 hours …: 1,150 hours: 50 short of 1,200 — 50 more qualifying hours``."""
        from qualmark.messages import Lang, render

        L = Lang(lang, fallback or lang)
        head = self.rule_id + (f" {L.text(self.title)}" if self.title else "")
        text = f"{head}: {render(self.found, lang, fallback)}"
        return text + (f" — {render(self.fix, lang, fallback)}" if self.fix is not None else "")

    def walk(self) -> Iterator[Outcome]:
        """This outcome and all below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, rule_id: str) -> Outcome | None:
        """The outcome of ``rule_id`` in this subtree."""
        return next((o for o in self.walk() if o.rule_id == rule_id), None)


class Finding:
    """What became of one rule: its status at once, its :class:`Outcome` when first asked for.

    Evaluating decides every status (the verdict needs nothing else); the
    explanation — messages, labels, JSON pointers — is built by ``explain``
    only for the outcomes someone reads, and kept. A finding pickles as its
    status and its outcome.
    """

    __slots__ = ("_explain", "_outcome", "children", "status")

    def __init__(
        self, status: Status, explain: Callable[[], Outcome], children: tuple[Finding, ...] = ()
    ) -> None:
        self.status = status
        self._explain: Callable[[], Outcome] | None = explain
        self._outcome: Outcome | None = None
        # the findings whose outcomes are its outcome's children, when it is a plain combination
        # (`all_of`, `at_least`): gaps are found through them without explaining the rest
        self.children = children

    @property
    def explained(self) -> bool:
        """Whether the outcome was asked for (and is kept)."""
        return self._outcome is not None

    def outcome(self) -> Outcome:
        if self._outcome is None:
            assert self._explain is not None
            self._outcome, self._explain = self._explain(), None
        return self._outcome

    def __repr__(self) -> str:
        return f"Finding({self.status!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.status is other.status and self.outcome() == other.outcome()

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> tuple[Status, Outcome, tuple[Finding, ...]]:
        return self.status, self.outcome(), self.children

    def __setstate__(self, state: tuple[Status, Outcome, tuple[Finding, ...]]) -> None:
        self.status, self._outcome, self.children = state
        self._explain = None


def failing_findings(findings: Iterable[Finding]) -> list[Outcome]:
    """:func:`failing_leaves` of the findings' outcomes, explaining only the failing branches."""
    result: list[Outcome] = []
    for finding in findings:
        if finding.status not in (Status.NOT_MET, Status.INCOMPLETE):
            continue
        if finding.children:
            below = failing_findings(finding.children)
            result.extend(below if below else [finding.outcome()])
        else:
            result.extend(failing_leaves([finding.outcome()]))
    return result


def review_items(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The questions awaiting an assessor, in the order of the framework.

    Below a met rule (an alternative not taken) nothing awaits anyone.
    """
    result: list[Outcome] = []
    for outcome in outcomes:
        if outcome.status in (Status.MET, Status.ADVISORY):
            continue
        if outcome.status is Status.REVIEW and outcome.review is not None:
            result.append(outcome)
        result.extend(review_items(outcome.children))
    return result


def failing_leaves(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The deepest outcomes that are not met or incomplete: the gap list.

    A failing node whose children all pass (a count over items, say) is a leaf
    here too. Alternatives of a failing ``one_of`` are all listed, as the
    reports order them: the one the candidate attempted, then the nearest
    other one, then the rest in the framework's order.
    """
    result: list[Outcome] = []
    for outcome in outcomes:
        if outcome.status not in (Status.NOT_MET, Status.INCOMPLETE):
            continue
        children = _attempted_first(outcome) if outcome.kind == "one_of" else outcome.children
        below = failing_leaves(children)
        result.extend(below if below else [outcome])
    return result


def _attempted_first(outcome: Outcome) -> tuple[Outcome, ...]:
    """The alternatives of a failed ``one_of``: attempted, nearest, then the others (its messages name them)."""
    named = []
    if outcome.found.key == "one_of.attempted":
        named.append(outcome.found.params.get("id"))
    if outcome.fix is not None:
        named.append(outcome.fix.params.get("other" if outcome.fix.key == "one_of.fix_attempted" else "id"))
    rank = {rule_id: n for n, rule_id in enumerate(dict.fromkeys(i for i in named if i))}
    return tuple(sorted(outcome.children, key=lambda c: rank.get(c.rule_id, len(rank))))
