"""`reflection`: every case answers the question of every item of a vocabulary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from qualmark.explain import Finding, Message, Outcome, Status
from qualmark.inert import written
from qualmark.rules.base import Context, Rule, RuleCompiler, RuleHeader, all_met, msg

if TYPE_CHECKING:
    from qualmark.model.framework import RequirementNode
    from qualmark.source import Path
    from qualmark.vocabulary import Catalogues


@dataclass(frozen=True)
class ReflectionRule(Rule):
    """Reflection questions answered in each case: ``{reflection: attitude, per: case}``.

    Met: both cases answer all four attitude questions. Incomplete: case 2
    leaves the question on diversity unanswered, or there is no case yet.
    """

    KEY = "reflection"
    MODIFIERS = frozenset({"per"})
    vocabulary: str = ""
    items: tuple[str, ...] = ()

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        name = node.reflection or ""
        vocabulary = cc.vocabulary((*path, "reflection"), name)
        if vocabulary is None:
            return None
        for i, item in enumerate(vocabulary.items):
            if item.question is None:
                cc.error(
                    ("profile", name, i),
                    f"'{item.id}' has no question to reflect on",
                    "add question: … to the item",
                )
        return cls(header, name, vocabulary.ids())

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        return (msg("reflection.required", n=len(self.items), vocabulary=self.vocabulary),)

    def decide(self, ctx: Context) -> Finding:
        cases = ctx.portfolio.cases
        unanswered = [[q for q in self.items if not written(case.reflections.get(q))] for case in cases]
        if not cases:
            status = Status.INCOMPLETE
        else:
            status = Status.INCOMPLETE if any(unanswered) else Status.MET
        return Finding(status, lambda: self._explained(ctx, status, unanswered))

    def _explained(self, ctx: Context, status: Status, unanswered: list[list[str]]) -> Outcome:
        cases = ctx.portfolio.cases
        children = []
        for i, (case, missing) in enumerate(zip(cases, unanswered, strict=True)):
            labels = [ctx.catalogues.label(self.vocabulary, q) for q in missing]
            children.append(
                Outcome(
                    rule_id=f"{self.header.id}/{case.id}",
                    kind="reflection.case",
                    status=Status.INCOMPLETE if missing else Status.MET,
                    required=msg("reflection.case.required", n=len(self.items), case=case.id),
                    found=msg(
                        "reflection.case.found",
                        answered=len(self.items) - len(missing),
                        n=len(self.items),
                        case=case.id,
                    ),
                    fix=msg("reflection.case.fix", missing=labels, case=case.id) if missing else None,
                    evidence=tuple(f"/cases/{i}/reflections/{q}" for q in self.items if q not in missing),
                    source=self.header.source,
                )
            )
        found, fix = all_met(tuple(children))
        fix = fix if cases else msg("cases.fix_none")
        return self.outcome(status, self.required(ctx.catalogues), found, fix=fix, children=tuple(children))
