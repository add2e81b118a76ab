"""`all_of`, `one_of` and `at_least`: rules made of rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from qualmark import explain
from qualmark.explain import Finding, Message, Outcome, Status
from qualmark.model.framework import AtLeastOf
from qualmark.rules.base import Context, Rule, RuleCompiler, RuleHeader, msg

if TYPE_CHECKING:
    from qualmark.model.framework import RequirementNode
    from qualmark.source import Path
    from qualmark.vocabulary import Catalogues


def _gap(outcome: Outcome) -> tuple[int, int]:
    """How far an outcome is from passing: its failing leaves, then fewest leaves already met."""
    met = sum(1 for o in outcome.walk() if not o.children and o.status is Status.MET)
    return len(explain.failing_leaves([outcome])), -met


def _counted(parts: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The parts that count: advisory ones never decide."""
    return tuple(part for part in parts if not part.header.advisory)


def _refuse_if_all_advisory(
    cc: RuleCompiler, parts: list[RequirementNode], path: Path, what: str, so: str
) -> None:
    """Advisory parts never count: a combinator of nothing else decides nothing."""
    if parts and all(part.advisory for part in parts):
        cc.error(
            path,
            f"every {what} is advisory, so none counts and {so}",
            f"let at least one {what} count (remove its advisory)",
        )


@dataclass(frozen=True)
class AllOfRule(Rule):
    """Every part must be met.

    Met: all parts met. Not met: ``all_of: [A1, A2]`` with A2 not met.
    """

    KEY = "all_of"
    parts: tuple[Rule, ...] = ()

    def sub_rules(self) -> tuple[Rule, ...]:
        return self.parts

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self:
        parts = node.all_of or []
        _refuse_if_all_advisory(cc, parts, (*path, "all_of"), "part", "the rule is always met")
        return cls(header, cc.compile_children(parts, (*path, "all_of")))

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        return (msg("all_of.required", n=len(_counted(self.parts))),)

    def decide(self, ctx: Context) -> Finding:
        found = [part.judge(ctx) for part in self.parts]
        status = explain.all_of(f.status for f in found)

        def explained() -> Outcome:
            children = tuple(f.outcome() for f in found)
            counted = [c for c in children if c.status is not Status.ADVISORY]
            met = sum(c.status is Status.MET for c in counted)
            failing = [c.rule_id for c in counted if c.status is not Status.MET]
            return self.outcome(
                status,
                self.required(ctx.catalogues),
                msg("all_of.found", met=met, n=len(counted)),
                fix=msg("all_of.fix", ids=failing),
                children=children,
            )

        return Finding(status, explained, tuple(found))


@dataclass(frozen=True)
class OneOfRule(Rule):
    """At least one alternative must be met (alternatives are not exclusive).

    Met: one of four education routes is met. Not met: none is, and the
    candidate attempted one (submitted something for it that fails: an EVC
    report too old). Incomplete: nothing submitted for any route yet.
    """

    KEY = "one_of"
    alternatives: tuple[Rule, ...] = ()

    def sub_rules(self) -> tuple[Rule, ...]:
        return self.alternatives

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self:
        alternatives = node.one_of or []
        _refuse_if_all_advisory(
            cc, alternatives, (*path, "one_of"), "alternative", "the rule can never be met"
        )
        return cls(header, cc.compile_children(alternatives, (*path, "one_of")))

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        counted = _counted(self.alternatives)
        return (msg("one_of.required", n=len(counted), ids=[r.header.id for r in counted]),)

    def decide(self, ctx: Context) -> Finding:
        found = [alt.judge(ctx) for alt in self.alternatives]
        status = explain.one_of(f.status for f in found)
        return Finding(status, lambda: self._explained(ctx, status, tuple(f.outcome() for f in found)))

    def _explained(self, ctx: Context, status: Status, children: tuple[Outcome, ...]) -> Outcome:
        counted = [c for c in children if c.status is not Status.ADVISORY]
        met = [c.rule_id for c in counted if c.status is Status.MET]
        attempted = _attempted([c for c in counted if c.status is Status.NOT_MET])
        others = [c for c in counted if c is not attempted]
        closest = min(others, key=_gap, default=None)
        found = msg("one_of.found", met=met)
        fix = msg("one_of.fix", id=closest.rule_id, title=closest.title) if closest else None
        if status is Status.NOT_MET and attempted is not None:
            # lead with the route the candidate took and why it fails, then the nearest other one
            why = explain.failing_leaves([attempted])[0]
            found = msg(
                "one_of.attempted",
                id=attempted.rule_id,
                title=attempted.title,
                leaf=why.rule_id if why is not attempted else None,
                why=_as_data(why.found),
                required=_as_data(why.required),
            )
            fix = msg(
                "one_of.fix_attempted",
                fix=_as_data(why.fix),
                other=closest.rule_id if closest else None,
                other_title=closest.title if closest else None,
            )
        return self.outcome(
            status,
            self.required(ctx.catalogues),
            found,
            fix=fix,
            children=children,
        )


def _attempted(failed: list[Outcome]) -> Outcome | None:
    """The route the candidate took among the failed alternatives: the nearest to passing, and
    among equally near ones the one failing on evidence no other alternative also rejects (an
    EVC report rather than the mbo diploma that every diploma route rejects)."""

    def rejected(outcome: Outcome) -> set[str]:
        return {p for leaf in explain.failing_leaves([outcome]) for p in leaf.evidence}

    def shared(outcome: Outcome) -> int:
        others = set().union(*(rejected(o) for o in failed if o is not outcome))
        return len(rejected(outcome) & others)

    return min(failed, key=lambda o: (_gap(o), shared(o)), default=None)


def _as_data(message: explain.Message | None) -> dict[str, object] | None:
    """A message as plain data, to be shown inside another (and written as JSON)."""
    return None if message is None else {"key": message.key, "params": dict(message.params)}


@dataclass(frozen=True)
class AtLeastRule(Rule):
    """At least ``n`` of the parts must be met: ``at_least: {n: 2, of: [...]}``."""

    KEY = "at_least"
    n: int = 1
    parts: tuple[Rule, ...] = ()

    def sub_rules(self) -> tuple[Rule, ...]:
        return self.parts

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        spec = node.at_least
        if not isinstance(spec, AtLeastOf):
            cc.error(
                (*path, "at_least"),
                "'at_least: n' alone selects items of a 'demonstrate' rule",
                "to combine rules write at_least: {n: 2, of: [...]}",
            )
            return None
        parts = cc.compile_children(spec.of, (*path, "at_least", "of"))
        counted = sum(not part.advisory for part in spec.of)  # advisory parts never count
        if spec.n > counted:
            cc.error(
                (*path, "at_least", "n"),
                f"at_least {spec.n} can never be met: there are {counted} parts"
                + ("" if counted == len(spec.of) else " that are not advisory"),
                f"lower n to at most {counted}",
            )
        return cls(header, spec.n, parts)

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        return (msg("at_least.required", n=self.n, of=len(_counted(self.parts))),)

    def decide(self, ctx: Context) -> Finding:
        found = [part.judge(ctx) for part in self.parts]
        status = explain.at_least(self.n, (f.status for f in found))

        def explained() -> Outcome:
            children = tuple(f.outcome() for f in found)
            counted = [c for c in children if c.status is not Status.ADVISORY]
            met = sum(c.status is Status.MET for c in counted)
            open_ids = sorted((c for c in counted if c.status is not Status.MET), key=_gap)
            return self.outcome(
                status,
                self.required(ctx.catalogues),
                msg("at_least.found", met=met, of=len(counted)),
                fix=msg("at_least.fix", short=max(self.n - met, 0), ids=[c.rule_id for c in open_ids]),
                children=children,
            )

        return Finding(status, explained, tuple(found))
