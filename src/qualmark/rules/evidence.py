"""`evidence` and `total`: documents in the portfolio and sums over them."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

from qualmark.dates import shift
from qualmark.explain import Finding, Message, Outcome, Status
from qualmark.inert import quote
from qualmark.model.framework import Duration
from qualmark.model.portfolio import EvidenceItem
from qualmark.model.text import Text
from qualmark.rules.base import (
    Bounds,
    Context,
    Rule,
    RuleCompiler,
    RuleHeader,
    compile_count,
    decimal_sum,
    listed,
    msg,
    shortfall,
)
from qualmark.rules.conditions import Check, FieldCondition, compile_condition, conditions_imply

if TYPE_CHECKING:
    from qualmark.model.framework import Condition, RequirementNode
    from qualmark.source import Path
    from qualmark.vocabulary import Catalogues


@dataclass(frozen=True, slots=True)
class ItemCheck:
    """How one evidence item fares against a rule's conditions."""

    index: int
    item: EvidenceItem
    failed: tuple[dict[str, Any], ...]  # conditions it fails, with what it states
    unstated: tuple[str, ...]  # fields it does not state

    @property
    def status(self) -> Status:
        if self.failed:
            return Status.NOT_MET
        return Status.INCOMPLETE if self.unstated else Status.MET

    @property
    def pointer(self) -> str:
        return f"/evidence/{self.index}"

    def name(self) -> str:
        return self.item.title or self.item.id


def compile_where(
    cc: RuleCompiler, kind_id: str, where: dict[str, Condition] | None, path: Path
) -> tuple[FieldCondition, ...]:
    """Compile the `where` conditions of a rule about evidence of ``kind_id``."""
    kind = cc.catalogues.evidence_kinds.get(kind_id)
    if kind is None or not where:
        return ()
    conditions = []
    for name, condition in where.items():
        field = kind.field(name)
        if field is None:
            cc.unknown(
                (*path, "where", name),
                "field",
                name,
                kind.field_names(),
                where=f" of evidence kind {quote(kind_id)}",
                key=True,
            )
            continue
        compiled, errors = compile_condition(
            name, condition, field.type, field.values, field.many, scales=cc.scales, scale=field.scale
        )
        for error in errors:
            cc.error((*path, "where", name), error)
        if compiled:
            conditions.append(compiled)
    return tuple(conditions)


def compile_kind(cc: RuleCompiler, kind_id: str, path: Path) -> bool:
    if kind_id in cc.catalogues.evidence_kinds:
        return True
    cc.unknown(path, "evidence kind", kind_id, cc.catalogues.evidence_kinds)
    return False


def check_duration(cc: RuleCompiler, duration: Duration | None, path: Path) -> None:
    if duration is not None and not (duration.years or duration.months or duration.days):
        cc.error(
            (*path, "max_age"), "max_age states no duration", "give years, months or days, e.g. {years: 2}"
        )


def oldest_allowed(duration: Duration, as_of: dt.date) -> dt.date:
    """The earliest date within ``duration`` before ``as_of`` (both ends count)."""
    return shift(as_of, -duration.years, -duration.months, -duration.days)


def _not_longer(age: Duration | None, limit: Duration | None) -> bool:
    """Whether an item within ``age`` is always within ``limit`` too (None: no limit)."""
    if limit is None:
        return True
    if age is None:
        return False
    return age.years * 12 + age.months <= limit.years * 12 + limit.months and age.days <= limit.days


def describe_age(duration: Duration | None) -> dict[str, int] | None:
    if duration is None:
        return None
    return {k: v for k, v in duration.model_dump().items() if v}


@dataclass(frozen=True)
class _EvidenceBase(Rule):
    kind: str = ""
    conditions: tuple[FieldCondition, ...] = ()
    max_age: Duration | None = None

    def selects_within(self, other: Rule) -> bool:
        """Whether every item this rule counts, ``other`` counts too (its kind, conditions and age)."""
        return (
            isinstance(other, _EvidenceBase)
            and self.kind == other.kind
            and _not_longer(self.max_age, other.max_age)
            and conditions_imply(self.conditions, other.conditions)
        )

    @cached_property
    def _selection(self) -> str:
        """What selects this rule's items, as a key to share their inspection (a text: its hash is kept)."""
        return repr(("evidence", self.kind, self.conditions, self.max_age))

    def inspect(self, ctx: Context, stated: tuple[str, ...] = ()) -> list[ItemCheck]:
        """Every item of the kind, with the conditions it fails or leaves open.

        ``stated`` names fields an item must state besides those in conditions. Worked out once per
        evaluation for rules that ask the same (``ctx.shared``).
        """
        key = (self._selection, stated)
        found: list[ItemCheck] | None = ctx.shared.get(key)
        if found is None:
            found = ctx.shared[key] = self._inspect(ctx, stated)
        return found

    def _inspect(self, ctx: Context, stated: tuple[str, ...]) -> list[ItemCheck]:
        oldest = None if self.max_age is None else oldest_allowed(self.max_age, ctx.as_of)
        result = []
        for index, item in _of_kind(ctx, self.kind):
            failed: list[dict[str, Any]] = []
            unstated: list[str] = []
            for condition in self.conditions:
                value = item.field(condition.field)
                ok, checks = condition.test(value)
                if ok is None:
                    unstated.append(condition.field)
                elif not ok:
                    failed.extend(_failure(condition.field, c, value) for c in checks)
            unstated.extend(name for name in stated if item.field(name) is None and name not in unstated)
            if oldest is not None:
                self._check_age(item, ctx.as_of, oldest, failed, unstated)
            result.append(ItemCheck(index, item, tuple(failed), tuple(unstated)))
        return result

    def _check_age(
        self,
        item: EvidenceItem,
        as_of: dt.date,
        oldest: dt.date,
        failed: list[dict[str, Any]],
        unstated: list[str],
    ) -> None:
        if item.issued is None:
            unstated.append("issued")
        elif item.issued > as_of:  # issued after the evaluation date: not old, but not yet there either
            failed.append(
                {
                    "field": "issued",
                    "op": "max",
                    "value": as_of.isoformat(),
                    "actual": item.issued.isoformat(),
                }
            )
        elif item.issued < oldest:
            failed.append(
                {
                    "field": "issued",
                    "op": "max_age",
                    "value": describe_age(self.max_age),
                    "actual": item.issued.isoformat(),
                    "oldest": oldest.isoformat(),
                    "as_of": as_of.isoformat(),
                }
            )

    def kind_label(self, catalogues: Catalogues) -> Text:
        return catalogues.evidence_kinds[self.kind].label

    def labelled(self, catalogues: Catalogues, conditions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Conditions as message parameters, each with the label of its field."""
        kind = catalogues.evidence_kinds[self.kind]
        described = []
        for c in conditions:
            info = kind.field(c["field"])
            described.append({**c, "label": kind.field_label(c["field"]), **(info.worded(c) if info else {})})
        return described

    def field_labels(self, catalogues: Catalogues, names: Iterable[str]) -> list[Text]:
        kind = catalogues.evidence_kinds[self.kind]
        return [kind.field_label(name) for name in names]

    def required_conditions(self, catalogues: Catalogues) -> list[dict[str, Any]]:
        described = [{"field": c.field, **check.describe()} for c in self.conditions for check in c.checks]
        if self.max_age is not None:
            described.append({"field": "issued", "op": "max_age", "value": describe_age(self.max_age)})
        return self.labelled(catalogues, described)


def _of_kind(ctx: Context, kind: str) -> list[tuple[int, EvidenceItem]]:
    """The portfolio's evidence items of ``kind``, with their index (sorted once per evaluation)."""
    by_kind: dict[str, list[tuple[int, EvidenceItem]]] | None = ctx.shared.get("evidence by kind")
    if by_kind is None:
        by_kind = ctx.shared["evidence by kind"] = {}
        for index, item in enumerate(ctx.portfolio.evidence):
            by_kind.setdefault(item.kind, []).append((index, item))
    return by_kind.get(kind, [])


def _by_year(items: list[ItemCheck]) -> list[dict[str, Any]]:
    """Items grouped by the year they were issued, oldest first; undated ones last."""
    years: dict[int | None, list[str]] = {}
    for each in sorted(items, key=lambda i: (i.item.issued is None, i.item.issued or dt.date.min)):
        years.setdefault(each.item.issued.year if each.item.issued else None, []).append(each.name())
    return [{"year": year, "items": names} for year, names in years.items()]


def _failure(field: str, check: Check, value: Any) -> dict[str, Any]:
    actual = [str(v) for v in value] if isinstance(value, list) else value
    if isinstance(actual, dt.date):
        actual = actual.isoformat()
    return {"field": field, **check.describe(), "actual": actual}


@dataclass(frozen=True)
class EvidenceRule(_EvidenceBase):
    """``count`` evidence items of a kind (at least one by default) meet every condition.

    Met: a signed NVAO-accredited NLQF6 diploma for
    ``{evidence: diploma, where: {level: {min: NLQF6}, signed: true, accredited_by: NVAO}}``.
    Not met: the only diploma is not signed. Incomplete: no diploma yet, or it
    does not say whether it is signed.
    """

    KEY = "evidence"
    MODIFIERS = frozenset({"where", "max_age", "count"})
    count: Bounds = field(default_factory=Bounds)

    def implies(self, other: Rule) -> bool:
        """A stricter selection of the same kind, at least as many of them, and no upper bound in ``other``."""
        if not self.comparable_with(other) or not isinstance(other, EvidenceRule):
            return False
        return (
            self.selects_within(other)
            and self.count.low >= other.count.low
            and (other.count.high is None or (self.count == other.count and other.selects_within(self)))
        )

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        kind = node.evidence or ""
        if not compile_kind(cc, kind, (*path, "evidence")):
            return None
        check_duration(cc, node.max_age, path)
        count = compile_count(cc, node.count, (*path, "count"))
        conditions = compile_where(cc, kind, node.where, path)
        return None if count is None else cls(header, kind, conditions, node.max_age, count)

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        conditions = self.required_conditions(catalogues)
        label = self.kind_label(catalogues)
        return (msg("evidence.required", kind=label, **self.count.params(), conditions=conditions),)

    def decide(self, ctx: Context) -> Finding:
        items = self.inspect(ctx)
        met = [i for i in items if i.status is Status.MET]
        open_ = sum(1 for i in items if i.status is Status.INCOMPLETE)
        status, why = self.count.judge(len(items), len(met), open_)
        return Finding(status, lambda: self._explained(ctx.catalogues, status, why, items, met))

    def _explained(
        self, catalogues: Catalogues, status: Status, why: str, items: list[ItemCheck], met: list[ItemCheck]
    ) -> Outcome:
        label = self.kind_label(catalogues)
        required = self.required(catalogues)
        pointers = tuple(i.pointer for i in met)
        found = msg("evidence.found", kind=label, **listed("items", [i.name() for i in met]))
        if why == "enough":
            if self.header.review is not None:  # the assessor judges them over time: list them by year
                found = msg("evidence.by_year", **listed("years", _by_year(met)))
            return self.outcome(status, required, found, evidence=pointers)
        if why == "too_many":
            fix = msg("evidence.fix_fewer", kind=label, max=self.count.high, n=len(met))
            return self.outcome(status, required, found, fix=fix, evidence=pointers)
        if why == "too_few":  # every item qualifies (if there is any); there are too few of them
            fix = msg("evidence.fix_add", kind=label, count=self.count.low - len(met))
            if not items:
                found = msg("evidence.none", kind=label)
            return self.outcome(status, required, found, fix=fix, evidence=pointers)
        closest = min(
            (i for i in items if i.status is not Status.MET), key=lambda i: (len(i.failed), len(i.unstated))
        )
        failed = self.labelled(catalogues, closest.failed)
        unstated = self.field_labels(catalogues, closest.unstated)
        found = msg(
            "evidence.closest",
            kind=label,
            met=len(met),
            item=closest.name(),
            failed=failed,
            unstated=unstated,
        )
        fix = msg("evidence.fix_mend", item=closest.name(), failed=failed, unstated=unstated)
        return self.outcome(status, required, found, fix=fix, evidence=(*pointers, closest.pointer))


@dataclass(frozen=True)
class TotalRule(_EvidenceBase):
    """The sum of a number field over the qualifying items of a kind reaches ``min``.

    Met: courses of 60 and 38 hours for ``total: {field: hours, of: course, min: 98}``.
    Not met: 62 hours in all ("36 short"). Incomplete: no course yet.
    """

    KEY = "total"
    MODIFIERS = frozenset({"where", "max_age"})
    field: str = ""
    minimum: float = 0

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        spec = node.total
        assert spec is not None
        if not compile_kind(cc, spec.of, (*path, "total", "of")):
            return None
        info = cc.catalogues.evidence_kinds[spec.of].field(spec.field)
        if info is None or info.type != "number" or info.many:
            numbers = [
                f.name for f in cc.catalogues.evidence_kinds[spec.of].fields.values() if f.type == "number"
            ]
            cc.error(
                (*path, "total", "field"),
                f"{quote(spec.field)} is not a number field of {quote(spec.of)}",
                f"use one of: {', '.join(numbers)}"
                if numbers
                else f"declare a number field on {quote(spec.of)}",
            )
            return None
        check_duration(cc, node.max_age, path)
        return cls(
            header, spec.of, compile_where(cc, spec.of, node.where, path), node.max_age, spec.field, spec.min
        )

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        kind = catalogues.evidence_kinds[self.kind]
        return (
            msg(
                "total.required",
                field=self.field,
                unit=kind.field_label(self.field),
                kind=kind.label,
                min=self.minimum,
                conditions=self.required_conditions(catalogues),
            ),
        )

    def decide(self, ctx: Context) -> Finding:
        items = self.inspect(ctx, stated=(self.field,))
        counted = [i for i in items if i.status is Status.MET]
        total = decimal_sum(i.item.field(self.field) for i in counted)
        if total >= self.minimum:
            status = Status.MET
        elif not items:
            status = Status.INCOMPLETE
        else:
            pending = [i for i in items if i.status is Status.INCOMPLETE]
            could_add = (
                math.inf
                if any(self.field in i.unstated for i in pending)
                else decimal_sum(i.item.field(self.field) for i in pending)
            )
            status = Status.INCOMPLETE if total + could_add >= self.minimum else Status.NOT_MET
        return Finding(status, lambda: self._explained(ctx.catalogues, status, items, counted, total))

    def _explained(
        self,
        catalogues: Catalogues,
        status: Status,
        items: list[ItemCheck],
        counted: list[ItemCheck],
        total: float,
    ) -> Outcome:
        not_counted = [
            {
                "item": i.name(),
                "failed": self.labelled(catalogues, i.failed),
                "unstated": self.field_labels(catalogues, i.unstated),
            }
            for i in items
            if i.status is not Status.MET
        ]
        kind = catalogues.evidence_kinds[self.kind]
        unit = kind.field_label(self.field)
        short = shortfall(self.minimum, total)
        required = self.required(catalogues)
        found = msg(
            "total.found",
            field=self.field,
            unit=unit,
            total=total,
            min=self.minimum,
            short=short,
            counted=len(counted),
            **listed("not_counted", not_counted),
        )
        fix = msg("total.fix", field=self.field, unit=unit, short=short, kind=kind.label)
        return self.outcome(status, required, found, fix=fix, evidence=tuple(i.pointer for i in counted))
