"""`cases`: how many case descriptions, how recent, how diverse."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from dateutil.relativedelta import relativedelta

from qualmark.explain import Outcome, Status
from qualmark.inert import comparable
from qualmark.model.framework import CountRange
from qualmark.model.text import Text
from qualmark.rules.base import Context, Rule, RuleHeader, listed, msg

if TYPE_CHECKING:
    from qualmark.compiler import CompileContext
    from qualmark.model.framework import RequirementNode
    from qualmark.source import Path


def _as_read(value: object) -> Hashable:
    """A case field's value as a reader tells values apart: case, Unicode form and invisible characters aside.

    A list field (``many: true``) is the set of its values.
    """
    if isinstance(value, str):
        return comparable(value)
    if isinstance(value, list):
        return frozenset(map(_as_read, value)) - {""}
    return value


@dataclass(frozen=True)
class CasesRule(Rule):
    """The case descriptions: their number, period and diversity.

    ``cases: {count: 2, within_years: 2, diverse: {any_of: [question_type, client_type]}}``.
    Met: two cases, each carried out entirely within the two years before the
    evaluation date (boundary included), differing in question type.
    Not met: one case started 25 months ago. Incomplete: only one case so far.
    """

    KEY = "cases"
    counted: bool = True  # whether the rule states a count
    min_count: int = 1
    max_count: int | None = None
    within_years: int | None = None
    diverse: tuple[str, ...] = ()

    @classmethod
    def compile(
        cls, node: RequirementNode, header: RuleHeader, cc: CompileContext, path: Path
    ) -> Self | None:
        spec = node.cases
        assert spec is not None
        if spec.count is None and spec.within_years is None and spec.diverse is None:
            cc.error(
                (*path, "cases"), "the cases rule states no condition", "give count, within_years or diverse"
            )
            return None
        counted = spec.count is not None
        if isinstance(spec.count, CountRange):
            low, high = spec.count.min or 0, spec.count.max
            if high is not None and high < low:
                cc.error((*path, "cases", "count"), f"count max {high} is below min {low}")
        else:
            low, high = spec.count or 0, spec.count
        fields = tuple(spec.diverse.any_of) if spec.diverse else ()
        cc.resolve_ids((*path, "cases", "diverse", "any_of"), "case field", fields, cc.catalogues.case_fields)
        if fields and high is not None and high < 2:
            cc.error((*path, "cases", "diverse"), "diversity needs at least two cases", "raise count")
        return cls(header, counted, low, high, spec.within_years, fields)

    def check(self, ctx: Context) -> Outcome:
        parts = [self._count(ctx)] if self.counted else []
        if self.within_years is not None:
            parts.append(self._recent(ctx, self.within_years))
        if self.diverse:
            parts.append(self._diversity(ctx))
        return self.combine_parts(parts)

    def _count(self, ctx: Context) -> Outcome:
        n = len(ctx.portfolio.cases)
        if n < self.min_count:
            status = Status.INCOMPLETE
        elif self.max_count is not None and n > self.max_count:
            status = Status.NOT_MET
        else:
            status = Status.MET
        return self.part(
            "count",
            status,
            msg("cases.count.required", min=self.min_count, max=self.max_count),
            msg("cases.count.found", n=n),
            msg("cases.count.fix", add=max(self.min_count - n, 0), remove=max(n - (self.max_count or n), 0)),
            tuple(f"/cases/{i}" for i in range(n)),
        )

    def _recent(self, ctx: Context, years: int) -> Outcome:
        oldest = ctx.as_of - relativedelta(years=years)
        too_old, undated, late = [], [], []
        for _i, case in enumerate(ctx.portfolio.cases):
            if case.period is None:
                undated.append(case.id)
            elif case.period.start < oldest:
                too_old.append({"case": case.id, "start": case.period.start.isoformat()})
            elif case.period.end > ctx.as_of:
                late.append({"case": case.id, "end": case.period.end.isoformat()})
        if too_old or late:
            status = Status.NOT_MET
        elif undated or not ctx.portfolio.cases:
            status = Status.INCOMPLETE
        else:
            status = Status.MET
        pointers = tuple(f"/cases/{i}/period" for i in range(len(ctx.portfolio.cases)))
        return self.part(
            "period",
            status,
            msg("cases.period.required", years=years, oldest=oldest.isoformat(), as_of=ctx.as_of.isoformat()),
            msg(
                "cases.period.found",
                **listed("too_old", too_old),
                **listed("late", late),
                **listed("undated", undated),
                n=len(ctx.portfolio.cases),
            ),
            msg("cases.period.fix", oldest=oldest.isoformat()),
            pointers,
        )

    def _diversity(self, ctx: Context) -> Outcome:
        cases = ctx.portfolio.cases

        def labels(names: Iterable[str]) -> list[Text]:
            fields = ctx.catalogues.case_fields
            return [fields[n].label or n for n in names]

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
        return self.part(
            "diversity",
            status,
            msg("cases.diversity.required", fields=labels(self.diverse)),
            msg(
                "cases.diversity.found", differing=labels(differing), unstated=labels(unstated), n=len(cases)
            ),
            msg("cases.diversity.fix", fields=labels(self.diverse)),
            tuple(f"/cases/{i}" for i in range(len(cases))),
        )
