"""`demonstrate`: a profile vocabulary shown in the case descriptions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, Self

from qualmark import explain
from qualmark.explain import Finding, Message, Outcome, Status
from qualmark.inert import quote, written
from qualmark.model.framework import NotRelevantSpec
from qualmark.model.portfolio import Case, NotRelevant
from qualmark.rules.base import Context, Rule, RuleCompiler, RuleHeader, all_met, listed, msg

if TYPE_CHECKING:
    from qualmark.model.framework import RequirementNode
    from qualmark.source import Path
    from qualmark.vocabulary import Catalogues


@dataclass(frozen=True, slots=True)
class Selection:
    """What must be shown: named items, a number of any items, a number of electives."""

    required: tuple[str, ...]  # every one of these (all, all mandatory, including)
    scope: str | None  # "all" or "mandatory" when `all:` chose them, for the explanation
    at_least: int  # this many items in all
    electives: int  # this many electives
    elective_ids: tuple[str, ...]


@dataclass(frozen=True)
class DemonstrateRule(Rule):
    """Items of a vocabulary demonstrated in the cases, with a text for each.

    ``{demonstrate: knowledge_areas, at_least: 4, including: [loopbaantheorie, ontwikkeling-mens]}``.
    Met: four areas shown over both cases, the two named among them. Not met:
    four shown but not ``ontwikkeling-mens``. Incomplete: no case yet.
    """

    KEY = "demonstrate"
    MODIFIERS = frozenset({"across", "all", "at_least", "including", "electives", "not_relevant"})
    vocabulary: str = ""
    across: Literal["cases", "each_case"] = "cases"
    selection: Selection = Selection((), None, 0, 0, ())
    not_relevant: NotRelevantSpec | None = None

    @classmethod
    def compile(cls, node: RequirementNode, header: RuleHeader, cc: RuleCompiler, path: Path) -> Self | None:
        name = node.demonstrate or ""
        vocabulary = cc.vocabulary((*path, "demonstrate"), name)
        if vocabulary is None:
            return None
        at_least = node.at_least if isinstance(node.at_least, int) else 0
        if node.all_ is False:
            cc.error(
                (*path, "all"),
                "all: false selects nothing",
                "remove it, or write all: true or all: mandatory",
            )
            return None
        if node.all_ is None and not at_least and not node.including and node.electives is None:
            cc.error(
                (*path, "demonstrate"),
                f"say what of {quote(name)} must be shown",
                "add all: true, all: mandatory, at_least: n, including: [...] or electives: {min: n}",
            )
            return None
        required: tuple[str, ...] = ()
        if node.all_ is True:
            required = vocabulary.ids()
        elif node.all_ == "mandatory":
            required = vocabulary.mandatory()
            if not required:
                cc.error((*path, "all"), f"no item of {name} is mandatory", "mark items group: mandatory")
        including = tuple(node.including or ())
        cc.resolve_ids((*path, "including"), name.rstrip("s").replace("_", " "), including, vocabulary.ids())
        size = len(vocabulary.items)
        if at_least > size:
            cc.error(
                (*path, "at_least"),
                f"at_least {at_least} can never be met: {name} has {size} items",
                f"lower it to at most {size}",
            )
        electives = node.electives.min if node.electives else 0
        if electives > len(vocabulary.electives()):
            cc.error(
                (*path, "electives", "min"),
                f"electives min {electives} can never be met: {name} has {len(vocabulary.electives())} electives",
                "mark items group: elective, or lower min",
            )
        named = tuple(dict.fromkeys((*required, *including)))
        scope = None
        if node.all_ is not None and len(named) == len(required):  # `including` names nothing more
            scope = "all" if node.all_ is True else "mandatory"
        selection = Selection(named, scope, at_least, electives, vocabulary.electives())
        return cls(header, name, node.across or "cases", selection, node.not_relevant)

    def choices(self, catalogues: Catalogues) -> tuple[str, ...]:
        """The items a candidate chooses among (``at_least``, ``electives``), besides those required."""
        sel = self.selection
        pool = catalogues.vocabularies[self.vocabulary].ids() if sel.at_least else ()
        if sel.electives:
            pool = tuple(dict.fromkeys((*pool, *sel.elective_ids)))
        return tuple(i for i in pool if i not in sel.required)

    def requirements(self, catalogues: Catalogues) -> tuple[Message, ...]:
        parts = [self._required(catalogues)]
        if self.across == "each_case":
            parts.append(msg("demonstrate.each_case.required"))
        if self.not_relevant is not None:
            parts.append(self._not_relevant_required())
        return tuple(parts)

    def _required(self, catalogues: Catalogues) -> Message:
        sel, labels = self.selection, catalogues.label
        return msg(
            "demonstrate.required",
            vocabulary=self.vocabulary,
            scope=sel.scope,
            required=[labels(self.vocabulary, i) for i in sel.required],
            at_least=sel.at_least,
            electives=sel.electives,
            total=len(catalogues.vocabularies[self.vocabulary].items),
        )

    def _not_relevant_required(self) -> Message:
        spec = self.not_relevant
        assert spec is not None
        return msg(
            "not_relevant.required", motivation=spec.motivation == "required", other=spec.shown_in_other_case
        )

    # -- evaluation ----------------------------------------------------------------------------

    def _shown(self, ctx: Context, index: int, case: Case) -> dict[str, int]:
        """Items the case demonstrates with a text, by id, with the index of the first such entry, in
        the order the case writes them; worked out once per evaluation for all rules on the vocabulary."""
        key = ("shown", self.vocabulary, index)
        shown: dict[str, int] | None = ctx.shared.get(key)
        if shown is None:
            shown = ctx.shared[key] = {}
            for j, entry in enumerate(case.demonstrates.get(self.vocabulary, [])):
                if entry.id not in shown and written(entry.text):
                    shown[entry.id] = j
        return shown

    def _excused(self, case: Case) -> frozenset[str]:
        """Items the case marks not relevant (judged by the `not_relevant` part)."""
        if self.not_relevant is None:
            return frozenset()
        return frozenset(entry.id for entry in case.not_relevant.get(self.vocabulary, []))

    def decide(self, ctx: Context) -> Finding:
        cases = ctx.portfolio.cases
        if self.across == "each_case":
            parts = [
                self._judge(ctx, [(i, c)], f"{self.header.id}/{c.id}", self._excused(c))
                for i, c in enumerate(cases)
            ]
            if self.not_relevant is not None and cases:
                parts.append(self._not_relevant(ctx))
            status = explain.all_of(p.status for p in parts) if cases else Status.INCOMPLETE

            def each_case() -> Outcome:
                children = tuple(p.outcome() for p in parts)
                found, fix = all_met(children)
                required = msg("demonstrate.each_case.required", n=len(cases))
                fix = fix if cases else msg("cases.fix_none")
                return self.outcome(status, required, found, fix=fix, children=children)

            return Finding(status, each_case)
        main = self._judge(ctx, list(enumerate(cases)), self.header.id)
        if self.not_relevant is None:
            return main
        nr = self._not_relevant(ctx)
        combined = explain.all_of([main.status, nr.status])

        def with_not_relevant() -> Outcome:
            shown, marks = main.outcome(), nr.outcome()
            outcome = self.outcome(
                combined,
                shown.required,
                shown.found,
                fix=shown.fix if shown.fix else marks.fix,
                evidence=shown.evidence,
                children=(marks,),
            )
            return replace(outcome, shown=shown.shown)

        return Finding(combined, with_not_relevant)

    def _judge(
        self, ctx: Context, cases: list[tuple[int, Case]], rule_id: str, excused: frozenset[str] = frozenset()
    ) -> Finding:
        """The selection over ``cases``; ``excused`` items need not be shown (marked not relevant)."""
        per_case = [(i, self._shown(ctx, i, case)) for i, case in cases]
        shown: dict[str, Any] = per_case[0][1] if len(per_case) == 1 else {}  # the items, in order
        if len(per_case) > 1:
            for _, items in per_case:
                shown.update(dict.fromkeys(items))
        sel = self.selection
        missing = [i for i in sel.required if i not in shown and i not in excused]
        short_any = max(sel.at_least - len(shown), 0)
        shown_electives = [i for i in sel.elective_ids if i in shown]
        short_electives = max(sel.electives - len(shown_electives), 0)
        if not missing and not short_any and not short_electives:
            status = Status.MET
        else:
            status = Status.INCOMPLETE if not cases else Status.NOT_MET

        def explained() -> Outcome:
            places: dict[str, list[tuple[int, int]]] = {}  # item → where: (case, entry)
            for i, items in per_case:
                for item_id, j in items.items():
                    places.setdefault(item_id, []).append((i, j))
            vocabulary = ctx.catalogues.vocabularies[self.vocabulary]
            not_shown = [i for i in vocabulary.ids() if i not in shown]
            labels = ctx.catalogues.label
            return Outcome(
                rule_id=rule_id,
                kind=self.KEY,
                status=status,
                required=self.kept("selection", lambda: self._required(ctx.catalogues)),
                found=msg(
                    "demonstrate.found",
                    vocabulary=self.vocabulary,
                    n=len(shown),
                    total=len(vocabulary.items),
                    shown=[labels(self.vocabulary, i) for i in vocabulary.ids() if i in shown],
                    electives=len(shown_electives),
                ),
                fix=None
                if status is Status.MET
                else msg(
                    "demonstrate.fix",
                    vocabulary=self.vocabulary,
                    missing=[labels(self.vocabulary, i) for i in missing],
                    more=short_any if not missing else max(short_any - len(missing), 0),
                    choose_from=[labels(self.vocabulary, i) for i in not_shown if i not in missing],
                    electives=short_electives,
                    elective_choices=[labels(self.vocabulary, i) for i in sel.elective_ids if i not in shown],
                    no_cases=not cases,
                ),
                evidence=tuple(
                    f"/cases/{i}/demonstrates/{self.vocabulary}/{j}"
                    for where in places.values()
                    for i, j in where
                ),
                title=self.header.title,
                source=self.header.source,
                shown=tuple(places),
                description=self.header.description if rule_id == self.header.id else None,
            )

        return Finding(status, explained)

    def _not_relevant(self, ctx: Context) -> Finding:
        spec = self.not_relevant
        assert spec is not None
        cases = ctx.portfolio.cases
        marks = [
            (i, j, case, entry)
            for i, case in enumerate(cases)
            for j, entry in enumerate(case.not_relevant.get(self.vocabulary, []))
        ]
        unmotivated: list[tuple[Case, NotRelevant]] = []
        unshown: list[tuple[Case, NotRelevant]] = []
        if marks:  # the other cases are looked at only for an item marked not relevant
            shown_per_case = [self._shown(ctx, i, c) for i, c in enumerate(cases)]
            showing = Counter(item for shown in shown_per_case for item in shown)  # cases showing each item
            for i, _, case, entry in marks:
                if spec.motivation == "required" and not written(entry.motivation):
                    unmotivated.append((case, entry))
                in_others = showing[entry.id] - (entry.id in shown_per_case[i])
                if spec.shown_in_other_case and not in_others:
                    unshown.append((case, entry))
        if unshown:
            status = Status.NOT_MET
        elif unmotivated:
            status = Status.INCOMPLETE
        else:
            status = Status.MET

        def explained() -> Outcome:
            label = ctx.catalogues.label

            def named(found: list[tuple[Case, NotRelevant]]) -> list[dict[str, Any]]:
                return [{"case": case.id, "item": label(self.vocabulary, entry.id)} for case, entry in found]

            marked = named([(case, entry) for _, _, case, entry in marks])
            unmotivated_named, unshown_named = named(unmotivated), named(unshown)
            return Outcome(
                rule_id=f"{self.header.id}.not_relevant",
                kind="demonstrate.not_relevant",
                status=status,
                required=self.kept("not_relevant", self._not_relevant_required),
                found=msg(
                    "not_relevant.found",
                    **listed("marked", marked),
                    **listed("unmotivated", unmotivated_named),
                    **listed("unshown", unshown_named),
                ),
                fix=None
                if status is Status.MET
                else msg(
                    "not_relevant.fix",
                    **listed("unmotivated", unmotivated_named),
                    **listed("unshown", unshown_named),
                ),
                evidence=tuple(f"/cases/{i}/not_relevant/{self.vocabulary}/{j}" for i, j, _, _ in marks),
                source=self.header.source,
            )

        return Finding(status, explained)
