"""A framework's `scales:` checked and added to the scales qualmark ships (docs/dsl.md, "Scales and levels").

A framework may declare scales of its own, and referencings from any scale
to another. It may name a shipped scale to add referencings to it, but not
rename it or change its levels; and no referencing may contradict the order
of the scales (BOC6 ≙ NLQF6 and BOC7 ≙ NLQF5 together would put BOC6 and
BOC7 on a par). Every problem goes to the compiler with its path in the file.
"""

from __future__ import annotations

from qualmark.inert import quote
from qualmark.model.framework import ReferencingDef, ScaleDef
from qualmark.scales import Equivalence, Report, Scale, Scales, scale_from
from qualmark.suggest import choices_hint, did_you_mean

Path = tuple[str | int, ...]


class ScaleDeclarations:
    """Adds the scales and referencings of one framework file to ``base``."""

    def __init__(self, base: Scales, report: Report) -> None:
        self.base = base
        self.report = report
        self.scales: dict[str, Scale] = dict(base.scales)
        self.equivalences: list[Equivalence] = list(base.equivalences)

    def build(self, definitions: list[ScaleDef]) -> Scales:
        """The scales with every declaration added (those in error left out)."""
        first_at: dict[str, int] = {}
        for i, definition in enumerate(definitions):
            path: Path = ("scales", i)
            if first_at.setdefault(definition.id, i) != i:
                self.report(
                    (*path, "id"),
                    f"scale id {quote(definition.id)} is used twice",
                    "give each scale its own id",
                )
            elif definition.id in self.base.scales:
                self._extend(definition, path)
            else:
                self._add(definition, path)
        for i, definition in enumerate(definitions):
            if first_at[definition.id] == i and definition.id in self.scales:
                for j, referencing in enumerate(definition.referencings):
                    self._referencing(definition.id, referencing, ("scales", i, "referencings", j))
        scales = Scales(self.scales, tuple(self.equivalences))
        if scales.contradictions():
            self._report_contradiction()
        return scales

    def _report_contradiction(self) -> None:
        """Report the first declared equivalence that contradicts the order of the scales, with what it equates.

        Adding equivalences only ever adds contradictions, so the first one is
        found by halving the list of the framework's equivalences.
        """
        shipped = [e for e in self.equivalences if e.path is None]
        own = [e for e in self.equivalences if e.path is not None]
        low, high = 0, len(own)  # the shortest prefix of `own` that contradicts is own[:high]
        while low < high:
            middle = (low + high) // 2
            if Scales(self.scales, tuple(shipped + own[:middle])).contradictions():
                high = middle
            else:
                low = middle + 1
        if high == 0:  # the shipped referencings alone: a bug, reported rather than raised
            self.report(("scales",), "the shipped referencings contradict the order of the levels", None)
            return
        culprit = own[high - 1]
        first, second = Scales(self.scales, tuple(shipped + own[:high])).contradictions()[0]
        self.report(
            culprit.path or ("scales",),
            f"{self._shown(culprit)} contradicts the order of the levels: "
            f"with it, {first} and {second} would be the same level",
            "check the pairs against the source: equivalent levels keep the order of both scales",
        )

    def _shown(self, pair: Equivalence) -> str:
        first, second = (self.scales[node[0]].level(node[1]) for node in (pair.first, pair.second))
        return f"the equivalence {first} ≙ {second}"

    def _extend(self, definition: ScaleDef, path: Path) -> None:
        """A shipped scale named again: to add referencings; its name and levels must stay as shipped."""
        shipped = self.base.scales[definition.id]
        hint = "leave it out to use the shipped scale, or declare a scale of your own with another id"
        if definition.name is not None and definition.name.lower() != shipped.name.lower():
            self.report(
                (*path, "name"),
                f"scale {quote(definition.id)} ships with qualmark as {shipped.name}; a framework cannot rename it",
                hint,
            )
        written = scale_from(definition).ids()
        if definition.levels is not None and [i.lower() for i in written] != [
            i.lower() for i in shipped.ids()
        ]:
            self.report(
                (*path, "levels"),
                f"scale {quote(definition.id)} ships with qualmark with levels {shipped.listing()}; "
                "a framework cannot change them",
                hint,
            )

    def _add(self, definition: ScaleDef, path: Path) -> None:
        """A scale of the framework's own: named, labelled, its levels distinct."""
        missing = [key for key in ("name", "label", "levels") if getattr(definition, key) is None]
        if missing:
            self.report(
                path,
                f"the new scale {quote(definition.id)} needs {', '.join(missing)}",
                did_you_mean(definition.id, self.base.scales)
                or f"qualmark ships the scales {', '.join(self.base.scales)}; a scale of your own needs "
                "a name, a label and its levels, lowest first",
            )
            return
        scale = scale_from(definition)
        clash = next((s for s in self.scales.values() if s.name.lower() == scale.name.lower()), None)
        if clash is not None:
            self.report(
                (*path, "name"),
                f"the name {quote(scale.name)} is already the name of scale {quote(clash.id)}",
                "choose another name: a level's text names its scale",
            )
            return
        if self._levels_distinct(scale, path):
            self.scales[scale.id] = scale

    def _levels_distinct(self, scale: Scale, path: Path) -> bool:
        """Level ids differ in more than case, and a number is written without a leading zero."""
        seen: dict[str, int] = {}
        ok = True
        for j, level_id in enumerate(scale.ids()):
            if level_id.isdigit() and level_id != str(int(level_id)):
                self.report(
                    (*path, "levels", j), f"write the level {quote(level_id)} as {int(level_id)}", None
                )
                ok = False
            if seen.setdefault(level_id.lower(), j) != j:
                self.report(
                    (*path, "levels", j),
                    f"the level {quote(level_id)} is listed twice (first as level {seen[level_id.lower()] + 1})",
                    "list each level once, lowest first",
                )
                ok = False
        return ok

    def _referencing(self, scale_id: str, referencing: ReferencingDef, path: Path) -> None:
        """Each pair names a level of this scale and one of the scale referred to."""
        scale, target = self.scales[scale_id], self.scales.get(referencing.to)
        if target is None:
            self.report(
                (*path, "to"),
                f"unknown scale {quote(referencing.to)}",
                choices_hint(referencing.to, self.scales),
            )
            return
        if target.id == scale_id:
            self.report((*path, "to"), f"scale {quote(scale_id)} cannot be referenced to itself", None)
            return
        for written, wanted in referencing.pairs.items():
            ranks = [
                self._rank(s, text, (*path, "pairs", written))
                for s, text in ((scale, written), (target, wanted))
            ]
            if ranks[0] is not None and ranks[1] is not None:
                self.equivalences.append(
                    Equivalence(
                        (scale.id, ranks[0]),
                        (target.id, ranks[1]),
                        referencing.source,
                        (*path, "pairs", written),
                    )
                )

    def _rank(self, scale: Scale, text: str, path: Path) -> int | None:
        """The rank of ``text`` (``6`` or ``BOC6``) on ``scale``, or ``None`` after reporting it."""
        rank = scale.rank(text)
        rest = scale.after_name(text)
        if rank is None and rest is not None:
            rank = scale.rank(rest)
        if rank is None:
            self.report(
                path, f"{quote(text)} is not a level of {scale.name} (levels {scale.listing()})", None
            )
        return rank
