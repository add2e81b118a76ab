"""What every rule kind shares: its header, the evaluation context, and the base class."""

from __future__ import annotations

import dataclasses
import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, Self

from qualmark.explain import (
    Finding,
    Judgement,
    Message,
    Outcome,
    Review,
    SourceRef,
    Status,
    all_of,
    review_items,
)
from qualmark.model.portfolio import Portfolio
from qualmark.model.text import Text

if TYPE_CHECKING:
    from qualmark.model.framework import RequirementNode
    from qualmark.scales import Scales
    from qualmark.source import Path
    from qualmark.vocabulary import Catalogues, Vocabulary


@dataclass(frozen=True, slots=True)
class RuleHeader:
    """The keys every rule has, whatever its kind."""

    id: str
    title: Text | None
    source: SourceRef
    description: Text | None = None
    advisory: bool = False
    review: tuple[Text, str] | None = None  # the question an assessor answers, and who (``by``)


class RuleCompiler(Protocol):
    """What a rule kind's ``compile`` sees of the compilation (:class:`qualmark.compiler.CompileContext`
    is it): the framework's lists, where to report a problem, and how to compile the rules inside."""

    @property
    def catalogues(self) -> Catalogues: ...

    @property
    def scales(self) -> Scales: ...

    def error(self, path: Path, message: str, hint: str | None = None, *, key: bool = False) -> None: ...

    def unknown(
        self,
        path: Path,
        what: str,
        name: str,
        candidates: Iterable[str],
        *,
        where: str = "",
        key: bool = False,
    ) -> None: ...

    def resolve_ids(self, path: Path, what: str, ids: Iterable[str], known: Iterable[str]) -> bool: ...

    def vocabulary(self, path: Path, name: str) -> Vocabulary | None: ...

    def compile_children(self, nodes: list[RequirementNode], path: Path) -> tuple[Rule, ...]: ...


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule sees while it is evaluated: the portfolio, the date, the framework's lists."""

    portfolio: Portfolio
    as_of: dt.date
    catalogues: Catalogues
    # assessors' decisions by rule id, and how many must agree (certification.method.assessors)
    judgements: Mapping[str, tuple[Judgement, ...]] = field(default_factory=dict)
    assessors: int = 1
    # what rules worked out that others ask again (the same items of the same kind under the same
    # conditions: Noloc's three course-hours totals), by a key of the rule module's own
    shared: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Rule(ABC):
    """A compiled rule. Subclasses set ``KEY`` (the YAML key naming the kind)."""

    KEY: ClassVar[str]
    # Keys besides the kind's own that this kind takes (`where`, `across`, …).
    MODIFIERS: ClassVar[frozenset[str]] = frozenset()
    header: RuleHeader

    @classmethod
    @abstractmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        """Build the rule from its node at ``path``, reporting problems to ``cc``."""

    @abstractmethod
    def decide(self, ctx: Context) -> Finding:
        """Evaluate the kind's own condition: the status now, the explanation when asked for.

        The status is worked out here; messages, labels and pointers belong in
        the finding's ``explain`` (most outcomes are never read).
        """

    @abstractmethod
    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        """What the rule asks of every portfolio, without one: a message per condition it states.

        The same ``required`` messages :meth:`check` gives its outcomes, but a
        window counted back from the evaluation date is stated without dates
        ("completed within the last 5 years"). The handbook prints them.
        """

    def kept(self, name: str, build: Callable[[], Message]) -> Message:
        """``build()`` the first time, then that same message: for one that reads the same in every
        evaluation, such as what the rule requires in its framework's words (a rule is compiled
        with its framework's catalogues, which never change). Its sentences are kept with it as they
        are rendered, so a register of portfolios renders each once per language."""
        kept: dict[str, Message] = self.__dict__.setdefault("_kept", {})  # frozen: past __setattr__
        message = kept.get(name)
        if message is None:
            built = build()
            message = kept[name] = Message(built.key, built.params, rendered={})
        return message

    def required(self, catalogues: Catalogues) -> Message:
        """What the rule requires, for a kind that states it in one message the same in every
        evaluation (:meth:`requirements`), built once and kept (:meth:`kept`)."""

        def build() -> Message:
            (message,) = self.requirements(catalogues)
            return message

        return self.kept("required", build)

    def sub_rules(self) -> tuple[Rule, ...]:
        """The rules this one is made of (combinators); none for the others."""
        return ()

    def walk(self) -> Iterator[Rule]:
        """This rule and all below it, depth first."""
        yield self
        for rule in self.sub_rules():
            yield from rule.walk()

    def implies(self, other: Rule) -> bool:
        """Whether every portfolio that meets this rule meets ``other`` too, as far as their checks tell.

        False when unsure. ``qualmark validate`` uses it to find a ``one_of``
        alternative that another makes redundant (see :mod:`qualmark.semantics`).
        Here: the same kind with the same checks; kinds with conditions say more.
        """
        if not self.comparable_with(other):
            return False
        names = [f.name for f in dataclasses.fields(self) if f.name != "header"]
        return all(getattr(self, name) == getattr(other, name) for name in names)

    def comparable_with(self, other: Rule) -> bool:
        """The same kind, neither advisory, and no assessor's question on ``other`` that this rule does not ask too."""
        return (
            type(self) is type(other)
            and not self.header.advisory
            and not other.header.advisory
            and other.header.review in (None, self.header.review)
        )

    def judge(self, ctx: Context) -> Finding:
        """Evaluate, turning an advisory rule's finding into advice and a met one under review into a question."""
        found = self.decide(ctx)
        header = self.header
        if header.review is None and not header.advisory:
            return found
        review = None
        status = found.status
        if header.review is not None:
            question, by = header.review
            review = Review(question, by, ctx.assessors, ctx.judgements.get(header.id, ()))
            status = _reviewed_status(status, review)

        def explained() -> Outcome:
            outcome = found.outcome()
            if review is not None:
                outcome = self._reviewed(outcome, review)
            if header.advisory:
                return replace(outcome, status=Status.ADVISORY, advisory_met=outcome.status is Status.MET)
            return outcome

        return Finding(Status.ADVISORY if header.advisory else status, explained, found.children)

    @staticmethod
    def _reviewed(outcome: Outcome, review: Review) -> Outcome:
        """What a machine checked is met: now the assessors' judgements decide, or the item awaits them.

        A rule not met or incomplete stays so: there is nothing to judge yet.
        """
        status = _reviewed_status(outcome.status, review)
        if outcome.status is not Status.MET:
            return replace(outcome, review=review)
        if status is Status.REVIEW:
            fix = msg(
                "review.fix",
                question=review.question,
                judged=len(review.judgements),
                needed=review.needed,
                disagreement=review.disagreement,
            )
            return replace(outcome, status=Status.REVIEW, fix=fix, review=review)
        refused = None if status is Status.MET else msg("review.fix_refused", question=review.question)
        return replace(outcome, status=status, fix=refused, review=review)

    def outcome(
        self,
        status: Status,
        required: Message,
        found: Message,
        *,
        fix: Message | None = None,
        evidence: tuple[str, ...] = (),
        children: tuple[Outcome, ...] = (),
    ) -> Outcome:
        """An outcome of this rule, carrying its id, title and source."""
        if status is Status.REVIEW and children:  # what awaits the assessors below
            fix = msg("review.awaiting", ids=[o.rule_id for o in review_items(children)])
        return Outcome(
            rule_id=self.header.id,
            kind=self.KEY,
            status=status,
            required=required,
            found=found,
            title=self.header.title,
            fix=fix if status in (Status.NOT_MET, Status.INCOMPLETE, Status.REVIEW) else None,
            evidence=evidence,
            source=self.header.source,
            children=children,
            description=self.header.description,
        )

    def part(
        self,
        suffix: str,
        status: Status,
        required: Message,
        found: Message,
        fix: Message,
        evidence: tuple[str, ...] = (),
    ) -> Outcome:
        """The outcome of one condition of a rule that states several (``B1.hours``)."""
        return Outcome(
            rule_id=f"{self.header.id}.{suffix}",
            kind=f"{self.KEY}.{suffix}",
            status=status,
            required=required,
            found=found,
            fix=fix if status in (Status.NOT_MET, Status.INCOMPLETE) else None,
            evidence=evidence,
            source=self.header.source,
        )

    def combine_parts(self, parts: list[Finding]) -> Finding:
        """All parts must be met; a rule stating a single condition is that condition."""
        if len(parts) == 1:
            (only,) = parts
            header = self.header
            return Finding(
                only.status,
                lambda: replace(
                    only.outcome(), rule_id=header.id, title=header.title, description=header.description
                ),
            )

        def explained() -> Outcome:
            children = tuple(p.outcome() for p in parts)
            found, fix = all_met(children)
            # the parts are the rule's own conditions: as many in every evaluation
            required = self.kept("parts", lambda: msg("all_of.required", n=len(children)))
            return self.outcome(status, required, found, fix=fix, children=children)

        status = all_of(p.status for p in parts)
        return Finding(status, explained)


def all_met(children: tuple[Outcome, ...]) -> tuple[Message, Message]:
    """What was found of parts that must all be met (how many are), and the fix (the ones that are not)."""
    found = msg("all_of.found", met=sum(c.status is Status.MET for c in children), n=len(children))
    return found, msg("all_of.fix", ids=[c.rule_id for c in children if c.status is not Status.MET])


def _reviewed_status(checked: Status, review: Review) -> Status:
    """The status of a rule under review: met by its checks, it is what enough agreeing assessors
    decided, or review while they have not; otherwise what the checks found."""
    if checked is not Status.MET:
        return checked
    return review.decision or Status.REVIEW


def decimal_sum(values: Iterable[float]) -> float:
    """The sum as a person adds the numbers written: 1.6 + 32.3 + 64.1 is 98.

    Adding the floats themselves gives 97.99999999999999, which would fail a
    minimum of 98; each float's shortest decimal form is what the user wrote.
    Whole numbers (hours mostly are) add exactly as they are, far below 2**53.
    """
    numbers = list(values)
    if len(numbers) <= _MOST_EXACT and all(float(v).is_integer() and abs(v) < _EXACT for v in numbers):
        return float(sum(numbers))
    return float(sum((Decimal(repr(float(v))) for v in numbers), Decimal(0)))


# Up to 2**13 whole numbers below 2**40 add exactly as floats: every partial sum stays below 2**53
_EXACT = 2**40
_MOST_EXACT = 2**13


def shortfall(minimum: float, reached: float) -> float:
    """How much ``reached`` falls short of ``minimum`` (0 when it does not), as a person subtracts.

    >>> shortfall(100, 99.96), shortfall(1200, 1250)
    (0.04, 0)
    """
    return max(float(Decimal(repr(float(minimum))) - Decimal(repr(float(reached)))), 0)


MAX_LISTED = 20
"""How many entries of a list that grows with the portfolio (marks, cases, items) a message names;
it counts the rest (``name_more``), so that no explanation grows with the portfolio."""


def listed(name: str, entries: list[Any]) -> dict[str, Any]:
    """Message parameters for a list of the portfolio's: its first MAX_LISTED entries and how many more.

    >>> listed("cases", list(range(25)))["cases_more"]
    5
    """
    return {name: entries[:MAX_LISTED], f"{name}_more": max(len(entries) - MAX_LISTED, 0)}


def msg(key: str, **params: object) -> Message:
    """Shorthand for a :class:`Message`."""
    return Message(key, params)


@dataclass(frozen=True, slots=True)
class Bounds:
    """How many a rule asks for: ``count: 2`` is at least two, ``{exactly: 2}``, ``{min: 1, max: 3}``.

    >>> Bounds(2).admits(3), Bounds(2, 2).admits(3), Bounds(1, 3).admits(0)
    (True, False, False)
    """

    low: int = 1
    high: int | None = None  # None: no upper bound

    def admits(self, n: int) -> bool:
        return n >= self.low and (self.high is None or n <= self.high)

    def too_many(self, n: int) -> int:
        """How many more than the maximum ``n`` is (0 when within it)."""
        return 0 if self.high is None else max(n - self.high, 0)

    def params(self) -> dict[str, int | None]:
        return {"min": self.low, "max": self.high}

    def judge(self, total: int, met: int, open_: int) -> tuple[Status, str]:
        """How ``met`` qualifying items of ``total`` fare, ``open_`` of the others still incomplete.

        With why: ``enough``; ``too_many``; ``too_few`` (every item qualifies, too few of them:
        incomplete); ``closest`` (some do not qualify: incomplete if completing the open ones
        could be enough, else not met; the explanation names the one nearest to qualifying).

        >>> Bounds(2).judge(3, 1, 1), Bounds(2).judge(1, 1, 0), Bounds(1, 1).judge(2, 2, 0)
        ((<Status.INCOMPLETE: 'incomplete'>, 'closest'), (<Status.INCOMPLETE: 'incomplete'>, 'too_few'), (<Status.NOT_MET: 'not_met'>, 'too_many'))
        """
        if self.admits(met):
            return Status.MET, "enough"
        if self.too_many(met):
            return Status.NOT_MET, "too_many"
        if met == total:
            return Status.INCOMPLETE, "too_few"
        return (Status.INCOMPLETE if met + open_ >= self.low else Status.NOT_MET), "closest"


def compile_count(cc: RuleCompiler, count: object, path: Path, default: int = 1) -> Bounds | None:
    """The ``count`` of a rule as bounds; problems go to ``cc`` at ``path`` (the `count` key).

    ``None`` (no count written) gives at least ``default``.
    """
    from qualmark.model.framework import CountRange

    if count is None:
        return Bounds(default)
    if not isinstance(count, CountRange):
        assert isinstance(count, int)
        return Bounds(count)
    if count.exactly is not None:
        if count.min is not None or count.max is not None:
            cc.error(
                path, "exactly cannot be combined with min or max", "give {exactly: n} or {min: …, max: …}"
            )
            return None
        return Bounds(count.exactly, count.exactly)
    if count.min is None and count.max is None:
        cc.error(
            path, "the count states no number", "give a number (at least), {exactly: n} or {min: …, max: …}"
        )
        return None
    low = count.min if count.min is not None else 0
    if count.max is not None and count.max < low:
        cc.error(path, f"count max {count.max} is below min {low}", "raise max or lower min")
        return None
    return Bounds(low, count.max)
