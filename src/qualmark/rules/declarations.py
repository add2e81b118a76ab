"""`declarations` and `present`: statements signed and portfolio parts handed in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from qualmark.explain import Finding, Message, Outcome, Status
from qualmark.inert import written
from qualmark.rules.base import Context, Rule, RuleCompiler, RuleHeader, msg

if TYPE_CHECKING:
    from qualmark.model.framework import RequirementNode
    from qualmark.source import Path
    from qualmark.vocabulary import Catalogues


@dataclass(frozen=True)
class DeclarationsRule(Rule):
    """The candidate agrees to each listed declaration.

    Met: all agreed. Not met: one answered ``agreed: false``. Incomplete: one not answered.
    """

    KEY = "declarations"
    ids: tuple[str, ...] = ()

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        ids = tuple(node.declarations or ())
        if not cc.resolve_ids((*path, "declarations"), "declaration", ids, cc.catalogues.declarations):
            return None
        return cls(header, ids)

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        return (msg("declarations.required", texts=[catalogues.declarations[i].text for i in self.ids]),)

    def decide(self, ctx: Context) -> Finding:
        given = ctx.portfolio.declarations
        answers = [given[i].agreed if i in given else None for i in self.ids]
        status = Status.NOT_MET if False in answers else Status.INCOMPLETE if None in answers else Status.MET
        return Finding(status, lambda: self._explained(ctx, status))

    def _explained(self, ctx: Context, status: Status) -> Outcome:
        given = ctx.portfolio.declarations
        texts = ctx.catalogues.declarations
        refused = [texts[i].text for i in self.ids if i in given and not given[i].agreed]
        missing = [texts[i].text for i in self.ids if i not in given]
        return self.outcome(
            status,
            self.required(ctx.catalogues),
            msg(
                "declarations.found",
                agreed=sum(1 for i in self.ids if i in given and given[i].agreed),
                n=len(self.ids),
                refused=refused,
                missing=missing,
            ),
            fix=msg("declarations.fix", texts=refused + missing),
            evidence=tuple(f"/declarations/{i}" for i in self.ids if i in given),
        )


@dataclass(frozen=True)
class PresentRule(Rule):
    """A portfolio element that must be handed in (``present: cv``).

    With ``assessed: false`` on the element it is required but does not weigh
    in the judgement. Met: provided with a document or text. Incomplete: missing.
    """

    KEY = "present"
    element: str = ""

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        element = node.present or ""
        if not cc.resolve_ids((*path,), "portfolio element", [element], cc.catalogues.elements):
            return None
        return cls(header, element)

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        definition = catalogues.elements[self.element]
        return (msg("present.required", element=definition.label, assessed=definition.assessed),)

    def decide(self, ctx: Context) -> Finding:
        given = ctx.portfolio.elements.get(self.element)
        provided = bool(given and given.provided and (written(given.document) or written(given.text)))
        status = Status.MET if provided else Status.INCOMPLETE

        def explained() -> Outcome:
            definition = ctx.catalogues.elements[self.element]
            return self.outcome(
                status,
                self.required(ctx.catalogues),
                msg(
                    "present.found",
                    element=definition.label,
                    provided=provided,
                    empty=bool(given and given.provided and not provided),  # ticked, but nothing attached
                ),
                fix=msg("present.fix", element=definition.label),
                evidence=(f"/elements/{self.element}",) if given else (),
            )

        return Finding(status, explained)
