"""`cases`: how many case descriptions (meeting which conditions), how recent, how diverse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Self

from qualmark.dates import shift
from qualmark.explain import Finding, Message, Outcome, Status
from qualmark.inert import comparable, quote
from qualmark.model.framework import Recency
from qualmark.model.text import Text
from qualmark.rules.base import Bounds, Context, Rule, RuleCompiler, RuleHeader, compile_count, listed, msg
from qualmark.rules.conditions import FieldCondition, Tri, compile_condition, conditions_imply
from qualmark.vocabulary import Catalogues, FieldInfo

if TYPE_CHECKING:
    from qualmark.model.framework import Condition, RequirementNode
    from qualmark.model.portfolio import Case, Period
    from qualmark.source import Path

# Fields every case has besides the framework's case_fields (`period` takes a recency condition).
_SUMMARY = FieldInfo("summary", "text", label={"en": "summary", "nl": "samenvatting"})
_PERIOD_LABEL: Text = {"en": "period", "nl": "periode"}


def _as_read(value: object) -> Hashable:
    """A case field's value as a reader tells values apart: case, Unicode form and invisible characters aside.

    A list field (``many: true``) is the set of its values.
    """
    if isinstance(value, str):
        return comparable(value)
    if isinstance(value, list):
        return frozenset(map(_as_read, value)) - {""}
    return value


@dataclass(frozen=True, slots=True)
class CaseRecency:
    """Which date of a case's period must lie within the last ``years`` years before the evaluation date.

    ``of: end``: completed in the window (a case without an end date is not
    completed); ``of: start``: started in it; ``of: whole``: started and
    completed in it. Both ends of the window count.
    """

    years: int
    of: str  # "end" | "start" | "whole"

    def oldest(self, as_of: dt.date) -> dt.date:
        return shift(as_of, years=-self.years)

    def describe(self, as_of: dt.date | None) -> dict[str, Any]:
        """Message parameters; without an evaluation date, the window has no dates (the handbook's)."""
        return {
            "years": self.years,
            "of": self.of,
            "oldest": self.oldest(as_of).isoformat() if as_of else None,
            "as_of": as_of.isoformat() if as_of else None,
        }

    def test(self, period: Period | None, as_of: dt.date) -> tuple[Tri, str | None, str | None]:
        """Whether the period lies in the window: (passes, why not, the decisive date).

        Why not is ``too_old``, ``late`` (after the evaluation date), ``open``
        (no end date: not completed) or ``undated`` (no period: unknown).
        """
        if period is None:
            return None, "undated", None
        oldest = self.oldest(as_of)
        first = period.end if self.of == "end" else period.start
        if first is None:
            return False, "open", None
        if first < oldest:
            return False, "too_old", first.isoformat()
        if self.of == "start":
            return (False, "late", first.isoformat()) if first > as_of else (True, None, None)
        last = period.end
        if last is None:
            return False, "open", None
        if last > as_of:
            return False, "late", last.isoformat()
        return True, None, None


@dataclass(frozen=True, slots=True)
class _CaseCheck:
    """One case against the `where` conditions: what it fails and what it leaves unstated."""

    index: int
    case: Case
    failed: tuple[dict[str, Any], ...]
    unstated: tuple[str, ...]

    @property
    def status(self) -> Status:
        if self.failed:
            return Status.NOT_MET
        return Status.INCOMPLETE if self.unstated else Status.MET

    def name(self) -> str:
        return self.case.title or self.case.id


@dataclass(frozen=True)
class CasesRule(Rule):
    """The case descriptions: their number, the conditions each counted case meets, period and diversity.

    ``cases: {count: {exactly: 2}, within_years: {years: 2, of: end}, diverse: {any_of: [question_type]}}``.
    Met: two cases, each completed within the two years before the evaluation
    date (boundary included), differing in question type. Not met: one case
    completed 25 months ago. Incomplete: only one case so far.

    ``count`` is *at least* that many; with ``where`` it counts the cases that
    meet every condition (``{where: {supervised: true, period: {years: 3, of: end}}}``).
    """

    KEY = "cases"
    count: Bounds | None = None  # None: the rule states no count
    where: tuple[FieldCondition, ...] = ()
    where_period: CaseRecency | None = None
    within: CaseRecency | None = None
    diverse: tuple[str, ...] = ()

    def selects_within(self, other: Rule) -> bool:
        """Whether every case this rule counts, ``other`` counts too (the same period, stricter conditions)."""
        return (
            isinstance(other, CasesRule)
            and self.where_period == other.where_period
            and conditions_imply(self.where, other.where)
        )

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        spec = node.cases
        assert spec is not None
        here = (*path, "cases")
        if spec.count is None and spec.within_years is None and spec.diverse is None and not spec.where:
            cc.error(here, "the cases rule states no condition", "give count, where, within_years or diverse")
            return None
        ok = True
        count = None
        if spec.count is not None or spec.where:
            count = compile_count(cc, spec.count, (*here, "count"))
            ok = count is not None
        where, where_period = cls._compile_where(cc, spec.where or {}, (*here, "where"))
        within = spec.within_years
        recency = (
            None
            if within is None
            else CaseRecency(within.years, within.of)
            if isinstance(within, Recency)
            else CaseRecency(within, "whole")
        )
        fields = tuple(spec.diverse.any_of) if spec.diverse else ()
        ok &= cc.resolve_ids((*here, "diverse", "any_of"), "case field", fields, cc.catalogues.case_fields)
        if fields and count is not None and count.high is not None and count.high < 2:
            cc.error((*here, "diverse"), "diversity needs at least two cases", "raise count")
            ok = False
        if not ok or where is None:
            return None
        return cls(header, count, where, where_period, recency, fields)

    @staticmethod
    def _compile_where(
        cc: RuleCompiler, where: dict[str, Condition | Recency], path: Path
    ) -> tuple[tuple[FieldCondition, ...] | None, CaseRecency | None]:
        conditions: list[FieldCondition] = []
        period = None
        ok = True
        fields = {"summary": _SUMMARY, **cc.catalogues.case_fields}
        for name, condition in where.items():
            if name == "period":
                if not isinstance(condition, Recency):
                    cc.error(
                        (*path, name), "a condition on period says how recent", "write {years: 3, of: end}"
                    )
                    ok = False
                else:
                    period = CaseRecency(condition.years, condition.of)
                continue
            field = fields.get(name)
            if field is None:
                cc.unknown((*path, name), "field", name, [*fields, "period"], where=" of a case", key=True)
                ok = False
                continue
            if isinstance(condition, Recency):
                cc.error((*path, name), f"{quote(name)} is not a period", "years and of apply to period only")
                ok = False
                continue
            compiled, errors = compile_condition(
                name, condition, field.type, field.values, field.many, scales=cc.scales, scale=field.scale
            )
            for error in errors:
                cc.error((*path, name), error)
            ok &= not errors
            if compiled:
                conditions.append(compiled)
        return (tuple(conditions) if ok else None), period

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        parts = []
        if self.count is not None:
            conditions = self._required_conditions(catalogues, None)
            parts.append(msg("cases.count.required", **self.count.params(), conditions=conditions))
        if self.within is not None:
            parts.append(msg("cases.period.required", **self.within.describe(None)))
        if self.diverse:
            parts.append(msg("cases.diversity.required", fields=_labels(catalogues, self.diverse)))
        return tuple(parts)

    def decide(self, ctx: Context) -> Finding:
        parts = [self._count(ctx)] if self.count is not None else []
        if self.within is not None:
            parts.append(self._recent(ctx, self.within))
        if self.diverse:
            parts.append(self._diversity(ctx))
        return self.combine_parts(parts)

    # -- count, with the where conditions --------------------------------

    def _inspect(self, ctx: Context) -> list[_CaseCheck]:
        result = []
        for index, case in enumerate(ctx.portfolio.cases):
            failed: list[dict[str, Any]] = []
            unstated: list[str] = []
            for condition in self.where:
                value = case.summary if condition.field == "summary" else case.field(condition.field)
                ok, checks = condition.test(value)
                if ok is None:
                    unstated.append(condition.field)
                elif not ok:
                    failed.extend(
                        _worded(
                            ctx.catalogues,
                            {
                                "field": condition.field,
                                "label": _label(ctx.catalogues, condition.field),
                                **c.describe(),
                                "actual": _shown(value),
                            },
                        )
                        for c in checks
                    )
            if self.where_period is not None:
                ok, why, date = self.where_period.test(case.period, ctx.as_of)
                if ok is None:
                    unstated.append("period")
                elif not ok:
                    failed.append(self._period_failure(ctx, why, date))
            result.append(_CaseCheck(index, case, tuple(failed), tuple(unstated)))
        return result

    def _period_failure(self, ctx: Context, why: str | None, date: str | None) -> dict[str, Any]:
        assert self.where_period is not None
        return {
            "field": "period",
            "label": _PERIOD_LABEL,
            "op": "recency",
            "value": self.where_period.describe(ctx.as_of),
            "actual": {"why": why, "date": date},
        }

    def _required_conditions(self, catalogues: Catalogues, as_of: dt.date | None) -> list[dict[str, Any]]:
        described = [
            _worded(catalogues, {"field": c.field, "label": _label(catalogues, c.field), **check.describe()})
            for c in self.where
            for check in c.checks
        ]
        if self.where_period is not None:
            described.append(
                {
                    "field": "period",
                    "label": _PERIOD_LABEL,
                    "op": "recency",
                    "value": self.where_period.describe(as_of),
                }
            )
        return described

    def _count(self, ctx: Context) -> Finding:
        assert self.count is not None
        cases = self._inspect(ctx)
        met = [c for c in cases if c.status is Status.MET]
        open_ = sum(1 for c in cases if c.status is Status.INCOMPLETE)
        status, why = self.count.judge(len(cases), len(met), open_)
        return Finding(status, lambda: self._count_explained(ctx, status, why, cases, met))

    def _count_explained(
        self, ctx: Context, status: Status, why: str, cases: list[_CaseCheck], met: list[_CaseCheck]
    ) -> Outcome:
        assert self.count is not None
        conditions = self._required_conditions(ctx.catalogues, ctx.as_of)
        required = msg("cases.count.required", **self.count.params(), conditions=conditions)
        pointers = tuple(f"/cases/{c.index}" for c in met)
        counted = msg("cases.count.found", n=len(cases), matching=len(met) if conditions else None)
        if why == "enough":
            return self.part("count", status, required, counted, msg("cases.count.fix"), pointers)
        if why == "too_many":
            fix = msg("cases.count.fix", remove=self.count.too_many(len(met)), conditions=conditions)
            return self.part("count", status, required, counted, fix, pointers)
        add = self.count.low - len(met)
        if why == "too_few":  # every case counts; there are too few of them
            fix = msg("cases.count.fix", add=add, conditions=conditions)
            return self.part("count", status, required, counted, fix, pointers)
        closest = min(
            (c for c in cases if c.status is not Status.MET), key=lambda c: (len(c.failed), len(c.unstated))
        )
        unstated = [_label(ctx.catalogues, n) for n in closest.unstated]
        found = msg(
            "cases.count.closest",
            n=len(cases),
            matching=len(met),
            case=closest.name(),
            failed=list(closest.failed),
            unstated=unstated,
        )
        room = self.count.high is None or len(cases) + add <= self.count.high  # may a case be added?
        fix = msg(
            "cases.count.fix",
            add=add if room else 0,
            conditions=conditions,
            case=closest.name(),
            failed=list(closest.failed),
            unstated=unstated,
        )
        return self.part("count", status, required, found, fix, (*pointers, f"/cases/{closest.index}"))

    # -- recency of every case -------------------------------------------

    def _recent(self, ctx: Context, recency: CaseRecency) -> Finding:
        found: dict[str, list[Any]] = {"too_old": [], "late": [], "open": [], "undated": []}
        for case in ctx.portfolio.cases:
            _, why, date = recency.test(case.period, ctx.as_of)
            if why == "undated" or why == "open":
                found[why].append(case.id)
            elif why is not None:
                found[why].append({"case": case.id, "date": date})
        if found["too_old"] or found["late"] or found["open"]:
            status = Status.NOT_MET
        elif found["undated"] or not ctx.portfolio.cases:
            status = Status.INCOMPLETE
        else:
            status = Status.MET

        def explained() -> Outcome:
            window = recency.describe(ctx.as_of)
            return self.part(
                "period",
                status,
                msg("cases.period.required", **window),
                msg(
                    "cases.period.found",
                    of=recency.of,
                    **{k: v for name, entries in found.items() for k, v in listed(name, entries).items()},
                    n=len(ctx.portfolio.cases),
                ),
                msg("cases.period.fix", **window),
                tuple(f"/cases/{i}/period" for i in range(len(ctx.portfolio.cases))),
            )

        return Finding(status, explained)

    # -- diversity ---------------------------------------------------------

    def _diversity(self, ctx: Context) -> Finding:
        cases = ctx.portfolio.cases
        differing, unstated = [], []
        for name in self.diverse:
            values = [case.field(name) for case in cases]
            stated = [v for v in map(_as_read, values) if v not in (None, "", frozenset())]
            if len(stated) < len(values):
                unstated.append(name)
            if len(set(stated)) >= 2:
                differing.append(name)
        if differing:
            status = Status.MET
        elif len(cases) < 2 or unstated:
            status = Status.INCOMPLETE
        else:
            status = Status.NOT_MET

        def explained() -> Outcome:
            labels = partial(_labels, ctx.catalogues)
            return self.part(
                "diversity",
                status,
                self.kept("diversity", lambda: msg("cases.diversity.required", fields=labels(self.diverse))),
                msg(
                    "cases.diversity.found",
                    differing=labels(differing),
                    unstated=labels(unstated),
                    n=len(cases),
                ),
                msg("cases.diversity.fix", fields=labels(self.diverse)),
                tuple(f"/cases/{i}" for i in range(len(cases))),
            )

        return Finding(status, explained)


def _label(catalogues: Catalogues, name: str) -> Text:
    """What a case field is called in the framework's words."""
    if name == "period":
        return _PERIOD_LABEL
    field = _SUMMARY if name == "summary" else catalogues.case_fields.get(name)
    return (field.label if field else None) or name


def _worded(catalogues: Catalogues, condition: dict[str, Any]) -> dict[str, Any]:
    """A described condition on a case field, with its values in the framework's words."""
    info = catalogues.case_fields.get(condition["field"])
    return {**condition, **info.worded(condition)} if info else condition


def _labels(catalogues: Catalogues, names: Iterable[str]) -> list[Text]:
    """The labels of the case fields a diversity rule names (declared ones)."""
    fields = catalogues.case_fields
    return [fields[n].label or n for n in names]


def _shown(value: Any) -> Any:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
