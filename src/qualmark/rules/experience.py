"""`experience`: hours of qualifying work, years active, currently practising."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from dateutil.relativedelta import relativedelta

from qualmark.dates import shift
from qualmark.explain import Finding, Message, Outcome, Status
from qualmark.rules.base import Context, Rule, RuleCompiler, RuleHeader, decimal_sum, msg, shortfall

if TYPE_CHECKING:
    from qualmark.model.framework import RequirementNode
    from qualmark.source import Path
    from qualmark.vocabulary import Catalogues


def years_later(date: dt.date, years: float) -> dt.date:
    """The date a (possibly fractional) number of years after ``date``, in calendar terms.

    Whole months where the fraction is one (1.5 years is 1 year and 6 months),
    else days (0.01 years is 4 days, not nothing).

    >>> years_later(dt.date(2024, 2, 29), 1.5), years_later(dt.date(2024, 1, 1), 0.01)
    (datetime.date(2025, 8, 29), datetime.date(2024, 1, 5))
    """
    whole = int(years)
    months = (years - whole) * 12
    if abs(months - round(months)) < 1e-9:
        return shift(date, years=whole, months=round(months))
    return shift(date, years=whole, days=round((years - whole) * 365.25))


@dataclass(frozen=True)
class ExperienceRule(Rule):
    """Work experience: each stated condition is a part of its own.

    ``experience: {min_hours: 1200, min_years_active: 2, currently_practising: true}``.
    Met: 1,200 counted hours (exactly), active since two years to the day, practising now.
    Not met: 1,150 hours. Hours of activities with ``counts: false`` are reported, not counted.
    """

    KEY = "experience"
    stated: bool = False
    min_hours: float | None = None
    min_years_active: float | None = None
    currently_practising: bool | None = None

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        spec = node.experience
        assert spec is not None
        if (
            not spec.stated
            and spec.min_hours is None
            and spec.min_years_active is None
            and not spec.currently_practising
        ):
            cc.error(
                (*path, "experience"),
                "the experience rule states no condition",
                "give stated: true, min_hours, min_years_active or currently_practising: true",
            )
            return None
        hours = "min_hours" if spec.min_hours is not None else "stated" if spec.stated else None
        if hours and not any(a.counts for a in cc.catalogues.activities.values()):
            cc.error(
                (*path, "experience", hours),
                "no experience activity counts towards hours",
                "declare testing.experience_activities with counts: true",
            )
        return cls(
            header, bool(spec.stated), spec.min_hours, spec.min_years_active, spec.currently_practising
        )

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        parts = []
        if self.min_hours is not None:
            parts.append(msg("experience.hours.required", min=self.min_hours))
        elif self.stated:
            parts.append(msg("experience.stated.required"))
        if self.min_years_active is not None:
            parts.append(msg("experience.years.required", min=self.min_years_active))
        if self.currently_practising:
            parts.append(msg("experience.current.required"))
        return tuple(parts)

    def decide(self, ctx: Context) -> Finding:
        parts = []
        if self.min_hours is not None:
            parts.append(self._hours(ctx, self.min_hours))
        elif self.stated:  # min_hours implies it
            parts.append(self._hours(ctx, None))
        if self.min_years_active is not None:
            parts.append(self._years(ctx, self.min_years_active))
        if self.currently_practising:
            parts.append(self._current(ctx))
        return self.combine_parts(parts)

    def _hours(self, ctx: Context, minimum: float | None) -> Finding:
        """Counted hours against ``minimum``; with none (``stated: true``) any counted hours will do."""
        experience = ctx.portfolio.experience
        entries = experience.hours if experience else []
        activities = ctx.catalogues.activities
        counted = decimal_sum(entry.hours for entry in entries if activities[entry.activity].counts)
        if not entries:
            status = Status.INCOMPLETE
        elif counted > 0 if minimum is None else counted >= minimum:
            status = Status.MET
        else:
            status = Status.NOT_MET

        def explained() -> Outcome:
            by_activity: dict[str, list[float]] = {}
            for entry in entries:
                if not activities[entry.activity].counts:
                    by_activity.setdefault(entry.activity, []).append(entry.hours)
            labels = [
                {"activity": activities[a].label, "hours": decimal_sum(hs)} for a, hs in by_activity.items()
            ]
            pointers = tuple(f"/experience/hours/{i}" for i in range(len(entries)))
            if minimum is None:
                return self.part(
                    "stated",
                    status,
                    msg("experience.stated.required"),
                    msg("experience.stated.found", hours=counted, excluded=labels),
                    msg("experience.stated.fix"),
                    pointers,
                )
            short = shortfall(minimum, counted)
            return self.part(
                "hours",
                status,
                msg("experience.hours.required", min=minimum),
                msg("experience.hours.found", hours=counted, min=minimum, short=short, excluded=labels),
                msg("experience.hours.fix", short=short),
                pointers,
            )

        return Finding(status, explained)

    def _years(self, ctx: Context, minimum: float) -> Finding:
        experience = ctx.portfolio.experience
        since: dt.date | None = experience.active_since if experience else None
        as_of = ctx.as_of
        if since is None:
            status = Status.INCOMPLETE
        else:
            reached = years_later(since, minimum)
            status = Status.MET if reached <= as_of else Status.NOT_MET

        def explained() -> Outcome:
            required = msg("experience.years.required", min=minimum)
            if since is None:
                found, fix = msg("experience.years.none"), msg("experience.years.fix_state")
                return self.part("years", status, required, found, fix, ())
            span = relativedelta(as_of, since) if as_of >= since else relativedelta()
            found = msg(
                "experience.years.found",
                since=since.isoformat(),
                years=span.years,
                months=span.months,
                future=since > as_of,
            )
            fix = msg("experience.years.fix", date=reached.isoformat())
            return self.part("years", status, required, found, fix, ("/experience/active_since",))

        return Finding(status, explained)

    def _current(self, ctx: Context) -> Finding:
        experience = ctx.portfolio.experience
        value = experience.currently_practising if experience else None
        status = {True: Status.MET, False: Status.NOT_MET, None: Status.INCOMPLETE}[value]
        return Finding(
            status,
            lambda: self.part(
                "current",
                status,
                msg("experience.current.required"),
                msg("experience.current.found", value=value),
                msg("experience.current.fix"),
                ("/experience/currently_practising",),
            ),
        )
