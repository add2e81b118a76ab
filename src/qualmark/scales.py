"""Scales of levels, and comparing levels within a scale or through referencings.

A *scale* is an ordered set of levels: the EQF (1–8), the NLQF, the EstQF, the
CEFR (A1–C2), the DigComp self-assessment scale (basic, independent,
proficient), the BOC (1–9) ship with qualmark (``catalogue/scales.yaml``); a
framework may add its own (``scales:``, docs/dsl.md "Scales and levels").

A *referencing* declares levels of two scales equivalent (NLQF 6 ≙ EQF 6).
Nothing else is assumed: a comparison between scales is derived from the
declared pairs and the order of each scale, or it is *undecided*. With only
BOC6 ≙ NLQF6 declared, BOC7 ≥ NLQF6 (BOC7 ≥ BOC6 ≙ NLQF6) and BOC5 < NLQF6,
but BOC7 and NLQF7 cannot be compared. Referencings compose (BOC → NLQF → EQF).

Levels are read from text (``NLQF6``, ``NLQF 6``, ``EQF-7``, ``CEFR C1``, the
scale's name in any case); on a field bound to one scale, the bare id (``C1``)
reads too. A name qualmark does not know with a number of at most two digits
(``XYZ7``) is a level of its own scale, compared only with levels of that name.
:meth:`Scales.pattern` says the same as a JSON Schema pattern, for portfolios.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from qualmark.inert import quote
from qualmark.model.framework import ScaleDef, ScaleLevelDef
from qualmark.model.text import Text

END = r"(?![\s\S])"
"""The end of the text, in a pattern that means the same to JSON Schema (ECMA 262) and Python.

(``$`` also matches before a final newline in Python, so ``"nl\\n"`` would pass there and fail in an editor.)
"""
_GAP = r"[ \t]*-?[ \t]*"
_GAP_AT_START = re.compile(_GAP)
_AD_HOC = re.compile(rf"([A-Za-z]{{1,20}}){_GAP}([0-9]{{1,2}})")
_ID_SHAPE = re.compile("[0-9]{1,2}")  # what may be meant as a level id on a numbered scale; on another:
_NAMED_ID_SHAPE = re.compile("[A-Za-z0-9]{1,20}")

LEVEL_SHAPE = (
    "a framework name and a number, like NLQF6 or EQF7 (EQF, NLQF and EstQF have levels 1 to 8), "
    "or a scale's name and a level, like CEFR C1"
)
"""How to write a level on a field bound to no scale, in error messages and the portfolio schema."""

Node = tuple[str, int]
"""A level of a known scale: the scale's id and the level's rank (0 is the lowest)."""


@dataclass(frozen=True, slots=True)
class Level:
    """A level read from text: ``Level("NLQF", "6", "nlqf")``, ``Level("CEFR", "C1", "cefr")``.

    ``framework`` is the scale's name (as qualmark knows it, or as written for a
    scale it does not know, whose ``scale`` is then ``None``); ``id`` the level's id.
    """

    framework: str
    id: str
    scale: str | None = None

    def __str__(self) -> str:
        joined = self.id[:1].isdigit() and self.framework[-1:].isalpha()
        return f"{self.framework}{'' if joined else ' '}{self.id}"


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    """One level of a scale: its id (``C1``) and, optionally, a label."""

    id: str
    label: Text | None = None


@dataclass(frozen=True, slots=True)
class Scale:
    """An ordered set of levels, lowest first."""

    id: str
    name: str
    label: Text | None
    levels: tuple[ScaleLevel, ...]
    source: str | None = None

    def ids(self) -> tuple[str, ...]:
        """The level ids, lowest first."""
        return tuple(level.id for level in self.levels)

    def rank(self, written: str) -> int | None:
        """The rank of the level written ``written`` (any case; ``06`` is ``6``), or ``None``."""
        if not written.isascii():
            return None
        if len(written) == 2 and written[0] == "0" and written[1].isdigit():
            written = written[1]
        wanted = written.lower()
        return next((i for i, level in enumerate(self.levels) if level.id.lower() == wanted), None)

    def listing(self) -> str:
        """The levels in words: ``1 to 8``, or ``A1, A2, B1, B2, C1 and C2``."""
        ids = self.ids()
        if all(i.isdigit() for i in ids) and [int(i) for i in ids] == list(
            range(int(ids[0]), int(ids[-1]) + 1)
        ):
            return f"{ids[0]} to {ids[-1]}" if len(ids) > 1 else ids[0]
        return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"

    def level(self, rank: int) -> Level:
        """The level of rank ``rank`` (0 is the lowest)."""
        return Level(self.name, self.levels[rank].id, self.id)

    def after_name(self, written: str) -> str | None:
        """What follows this scale's name (and a space or hyphen) at the start of ``written``, if it starts so."""
        head = written[: len(self.name)]
        if not head.isascii() or head.lower() != self.name.lower():
            return None
        rest = written[len(self.name) :]
        return rest[_GAP_AT_START.match(rest).end() :]  # type: ignore[union-attr]  # the gap may be empty

    @property
    def numbered(self) -> bool:
        """Whether every level is a number (then only a digit after the name starts a level: ``EQFX3`` is no EQF level)."""
        return all(level.id.isdigit() for level in self.levels)

    def claims(self, rest: str) -> bool:
        """Whether ``rest``, after this scale's name, is meant as one of its levels (and so no other scale's)."""
        return rest[:1].isascii() and (rest[:1].isdigit() if self.numbered else rest[:1].isalnum())

    def claim_pattern(self) -> str:
        """:meth:`claims` as a pattern, for the lookahead that keeps other scales' names apart."""
        return either_case(self.name) + _GAP + ("[0-9]" if self.numbered else "[A-Za-z0-9]")

    def ids_pattern(self) -> str:
        """The level ids as an alternation, in either case; a one-digit id also with a leading zero."""
        return "|".join(f"0?{i}" if len(i) == 1 and i.isdigit() else either_case(i) for i in self.ids())


def either_case(text: str) -> str:
    """A pattern for ``text`` in any mix of upper and lower case (JSON Schema patterns have no flags)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in text)


@dataclass(frozen=True, slots=True)
class Equivalence:
    """Two levels declared equivalent, with the source that says so (and where a framework declared it)."""

    first: Node
    second: Node
    source: str
    path: tuple[str | int, ...] | None = None  # in the framework file; None for a shipped one


_READ_KEPT = 10_000
"""How many level texts a Scales keeps read, and comparisons made (a portfolio writes a handful)."""


@dataclass(eq=False)
class Scales:
    """The scales a framework knows: the shipped ones plus its own, with every declared equivalence."""

    scales: Mapping[str, Scale]
    equivalences: tuple[Equivalence, ...] = ()
    _edges: dict[Node, list[Node]] = field(init=False, repr=False)
    _component: dict[Node, int] = field(init=False, repr=False)
    _above: dict[Node, frozenset[Node]] = field(init=False, repr=False, default_factory=dict)
    _groups: dict[str, str] = field(init=False, repr=False)
    _by_name: tuple[Scale, ...] = field(init=False, repr=False)
    # levels read from portfolio texts, by (text, bound scale): the same few texts recur in every
    # portfolio (bounded, so that a batch of odd texts does not grow it without end)
    _read: dict[tuple[str, str | None], Level | None] = field(init=False, repr=False, default_factory=dict)
    _held: dict[tuple[str, Level, Any], bool] = field(
        init=False, repr=False, default_factory=dict
    )  # by holds()

    def __post_init__(self) -> None:
        self._by_name = tuple(sorted(self.scales.values(), key=lambda s: -len(s.name)))
        self._edges = defaultdict(list)
        for scale in self.scales.values():
            for rank in range(len(scale.levels) - 1):
                self._edges[(scale.id, rank)].append((scale.id, rank + 1))
        for pair in self.equivalences:
            self._edges[pair.first].append(pair.second)
            self._edges[pair.second].append(pair.first)
        nodes = [(s.id, rank) for s in self.scales.values() for rank in range(len(s.levels))]
        self._component = _components(nodes, self._edges)
        self._groups = _groups(self.scales, self.equivalences)

    # -- reading levels -----------------------------------------------------------------------

    def by_name(self) -> tuple[Scale, ...]:
        """The scales, longest name first (so that a name is tried before a shorter one it begins with)."""
        return self._by_name

    def parse(self, text: object, bound: str | None = None) -> Level | None:
        """The level ``text`` names, or ``None``; on a field bound to scale ``bound``, only its levels.

        On a bound field a framework may write a whole number (``{min: 6}`` on an NLQF field).
        """
        if bound is not None and isinstance(text, int) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str):
            return None
        key = (text, bound)
        if key in self._read:
            return self._read[key]
        level = self._parse(text, bound)
        if len(self._read) < _READ_KEPT:
            self._read[key] = level
        return level

    def _parse(self, text: str, bound: str | None) -> Level | None:
        written = text.strip(" \t")
        if bound is not None:
            scale = self.scales[bound]
            rank = scale.rank(written)
            rest = scale.after_name(written)
            if rank is None and rest is not None:
                rank = scale.rank(rest)
            return None if rank is None else scale.level(rank)
        starts = [(s, rest) for s in self.by_name() if (rest := s.after_name(written)) is not None]
        for scale, rest in starts:
            rank = scale.rank(rest)
            if rank is not None:
                return scale.level(rank)
        claimed = any(scale.claims(rest) for scale, rest in starts)
        match = None if claimed else _AD_HOC.fullmatch(written)
        return Level(match.group(1), str(int(match.group(2)))) if match else None

    def off_scale(self, text: str) -> str | None:
        """Why ``text`` (``EQF9``, ``CEFR C7``) is no level of the known scale it names; ``None`` otherwise."""
        written = text.strip(" \t")
        for scale in self.by_name():
            rest = scale.after_name(written)
            if rest is None or not scale.claims(rest) or scale.rank(rest) is not None:
                continue
            if _ID_SHAPE.fullmatch(rest) if scale.numbered else _NAMED_ID_SHAPE.fullmatch(rest):
                shown = str(int(rest)) if rest.isdigit() else rest
                return f"{scale.name} has levels {scale.listing()}, so there is no {Level(scale.name, shown)}"
        return None

    def why_not(self, text: object, bound: str | None = None) -> str:
        """Why ``text`` is not a level (of scale ``bound``), as an error message names it."""
        if bound is not None:
            scale = self.scales[bound]
            return f"{quote(text)} is not a level of {scale.name}: write {self.shape(bound)}"
        if isinstance(text, str) and self.off_scale(text):
            return str(self.off_scale(text))
        return f"{quote(text)} is not a level; write {LEVEL_SHAPE}"

    def named(self, name: str, level: str) -> Level | str:
        """The level ``level`` of the scale called ``name`` (``{framework: EstQF, level: 7}``), or why there is none."""
        text = f"{name} {level}"
        return self.parse(text) or self.off_scale(text) or self.why_not(text)

    def read(self, value: object, bound: str | None = None) -> tuple[Level | None, str | None]:
        """A level written in a framework file, or the error to report."""
        level = self.parse(value, bound)
        return (level, None) if level is not None else (None, self.why_not(value, bound))

    # -- the portfolio schema ------------------------------------------------------------------

    def shape(self, bound: str) -> str:
        """How to write a level of scale ``bound``: ``A1, A2, B1, B2, C1 or C2 (or CEFR C1)``."""
        scale = self.scales[bound]
        ids = scale.ids()
        listed = ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} or {ids[-1]}"
        return f"{listed} (or with the scale's name, like {scale.level(len(ids) - 1)})"

    def pattern(self, bound: str | None = None) -> str:
        """A JSON Schema pattern that holds exactly for what :meth:`parse` reads."""
        if bound is not None:
            scale = self.scales[bound]
            return rf"^[ \t]*(?:{either_case(scale.name)}{_GAP})?(?:{scale.ids_pattern()})[ \t]*{END}"
        claimed = "|".join(s.claim_pattern() for s in self.by_name())
        branches = [f"{either_case(s.name)}{_GAP}(?:{s.ids_pattern()})" for s in self.by_name()]
        ad_hoc = f"(?!{claimed})" if claimed else ""
        ad_hoc += f"[A-Za-z]{{1,20}}{_GAP}[0-9]{{1,2}}"
        return rf"^[ \t]*(?:{'|'.join([*branches, ad_hoc])})[ \t]*{END}"

    def examples(self, bound: str) -> list[str]:
        """The levels of scale ``bound`` as a portfolio may write them, for editors (schema ``examples``)."""
        scale = self.scales[bound]
        return [*scale.ids(), *(str(scale.level(rank)) for rank in range(len(scale.levels)))]

    # -- comparing -----------------------------------------------------------------------------

    def compare(self, a: Level, b: Level) -> int | None:
        """-1, 0 or 1 as ``a`` is below, equivalent to or above ``b``; ``None`` when nothing declared decides it."""
        if a.scale is None or b.scale is None:  # a scale qualmark does not know: only with itself
            if a.scale is None and b.scale is None and a.framework.lower() == b.framework.lower():
                return (int(a.id) > int(b.id)) - (int(a.id) < int(b.id))
            return None
        first, second = self._node(a), self._node(b)
        if self._component[first] == self._component[second]:
            return 0
        if second in self._reachable(first):
            return -1
        if first in self._reachable(second):
            return 1
        return None

    def holds(self, op: str, value: Level, wanted: Any) -> bool:
        """Whether ``value`` meets the check ``op`` (eq, in, min, max) against ``wanted`` (a level, or levels for in)."""
        key = (op, value, wanted)
        held = self._held.get(key)
        if held is None:
            held = self._holds(op, value, wanted)
            if len(self._held) < _READ_KEPT:
                self._held[key] = held
        return held

    def _holds(self, op: str, value: Level, wanted: Any) -> bool:
        options = wanted if op == "in" else (wanted,)
        found = [self.compare(value, option) for option in options]
        if op == "min":
            return found[0] in (0, 1)
        if op == "max":
            return found[0] in (-1, 0)
        return 0 in found

    def undecided(self, op: str, value: Level, wanted: Any) -> dict[str, Any] | None:
        """Why ``value`` could not be compared with (one of) ``wanted``, as message data; ``None`` if it could."""
        options = wanted if op == "in" else (wanted,)
        if op == "in" and any(self.compare(value, option) == 0 for option in options):
            return None
        option = next((o for o in options if self.compare(value, o) is None), None)
        if option is None:
            return None
        return {
            "found": str(value),
            "wanted": str(option),
            "scale": option.framework,
            "found_scale": value.framework,
            "linked": self.linked(value, option),
            "comparable": self.comparable_with(option),
        }

    def linked(self, a: Level, b: Level) -> bool:
        """Whether the scales of ``a`` and ``b`` are the same or joined by referencings."""
        if a.scale is None or b.scale is None:
            return a.scale is None and b.scale is None and a.framework.lower() == b.framework.lower()
        return self._groups[a.scale] == self._groups[b.scale]

    def comparable_with(self, level: Level) -> list[str]:
        """The names of the other scales that levels of ``level``'s scale compare with."""
        if level.scale is None:
            return []
        group = self._groups[level.scale]
        return [s.name for s in self.scales.values() if s.id != level.scale and self._groups[s.id] == group]

    def empty_range(self, low: Level, high: Level) -> str | None:
        """Why no level meets both ``{min: low}`` and ``{max: high}``, or ``None`` when some does."""
        order = self.compare(low, high)
        if order is not None:
            return f"min {low} is above max {high}, so it can never hold" if order > 0 else None
        if not self.linked(low, high):
            return f"min {low} and max {high} are levels of different frameworks, so no level meets both"
        return f"no declared equivalence relates min {low} and max {high}, so no level is known to meet both"

    def equivalent(self, level: Level, scale_id: str) -> Level | None:
        """The level of scale ``scale_id`` declared (or derived) equivalent to ``level``, if any."""
        scale = self.scales.get(scale_id)
        if scale is None or level.scale is None:
            return None
        wanted = self._component[self._node(level)]
        rank = next((r for r in range(len(scale.levels)) if self._component[(scale_id, r)] == wanted), None)
        return None if rank is None else scale.level(rank)

    def contradictions(self) -> list[tuple[Level, Level]]:
        """Two levels of one scale that the equivalences put on a par, for each group of levels where they do."""
        ranks: dict[tuple[int, str], list[int]] = defaultdict(list)
        for (scale_id, rank), component in self._component.items():
            ranks[(component, scale_id)].append(rank)
        found: dict[int, tuple[Level, Level]] = {}
        for (component, scale_id), on_par in sorted(ranks.items()):
            if len(on_par) > 1 and component not in found:
                scale = self.scales[scale_id]
                found[component] = (scale.level(min(on_par)), scale.level(max(on_par)))
        return list(found.values())

    def _node(self, level: Level) -> Node:
        assert level.scale is not None
        rank = self.scales[level.scale].rank(level.id)
        assert rank is not None, level
        return (level.scale, rank)

    def _reachable(self, start: Node) -> frozenset[Node]:
        """Every level at or above ``start``: through the order of scales and declared equivalences."""
        if start not in self._above:
            seen = {start}
            stack = [start]
            while stack:
                for following in self._edges[stack.pop()]:
                    if following not in seen:
                        seen.add(following)
                        stack.append(following)
            self._above[start] = frozenset(seen)
        return self._above[start]


def _components(nodes: Iterable[Node], edges: Mapping[Node, list[Node]]) -> dict[Node, int]:
    """The strongly connected components of the "at most" graph (Kosaraju): levels on a par share one."""
    order: list[Node] = []
    seen: set[Node] = set()
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(edges.get(start, ())))]
        while stack:
            node, following = stack[-1]
            child = next((n for n in following if n not in seen), None)
            if child is None:
                stack.pop()
                order.append(node)
            else:
                seen.add(child)
                stack.append((child, iter(edges.get(child, ()))))
    reverse: dict[Node, list[Node]] = defaultdict(list)
    for node, targets in list(edges.items()):
        for target in targets:
            reverse[target].append(node)
    component: dict[Node, int] = {}
    for number, root in enumerate(reversed(order)):
        if root in component:
            continue
        component[root] = number
        todo = [root]
        while todo:
            for previous in reverse[todo.pop()]:
                if previous not in component:
                    component[previous] = number
                    todo.append(previous)
    return component


def _groups(scales: Mapping[str, Scale], equivalences: Iterable[Equivalence]) -> dict[str, str]:
    """For each scale, a representative of the scales joined to it by referencings (union-find)."""
    parent = {scale_id: scale_id for scale_id in scales}

    def root(scale_id: str) -> str:
        while parent[scale_id] != scale_id:
            scale_id = parent[scale_id]
        return scale_id

    for pair in equivalences:
        parent[root(pair.first[0])] = root(pair.second[0])
    return {scale_id: root(scale_id) for scale_id in scales}


# --- building -----------------------------------------------------------------------------------

Report = Callable[[tuple[str | int, ...], str, str | None], None]
"""Where problems of a framework's `scales:` go: path in the file, message, hint."""


def scale_from(definition: ScaleDef) -> Scale:
    """The scale a complete definition describes."""
    levels = tuple(
        ScaleLevel(level.id, level.label) if isinstance(level, ScaleLevelDef) else ScaleLevel(level)
        for level in definition.levels or ()
    )
    return Scale(definition.id, definition.name or definition.id, definition.label, levels, definition.source)


@cache
def shipped_scales() -> Scales:
    """The scales that ship with qualmark (``catalogue/scales.yaml``), read once."""
    text = resources.files("qualmark.catalogue").joinpath("scales.yaml").read_text(encoding="utf-8")
    try:
        definitions = TypeAdapter(list[ScaleDef]).validate_python(yaml.load(text, Loader=yaml.CSafeLoader))
    except ValidationError as exc:  # a bug in the shipped file, never the user's
        raise RuntimeError(f"catalogue/scales.yaml is invalid: {exc}") from None
    problems: list[str] = []
    scales = build_scales(definitions, Scales({}), lambda path, message, hint: problems.append(message))
    if problems:
        raise RuntimeError(f"catalogue/scales.yaml is inconsistent: {problems}")
    return Scales(
        scales.scales, tuple(replace(e, path=None) for e in scales.equivalences)
    )  # shipped: no path


def build_scales(definitions: list[ScaleDef], base: Scales, report: Report) -> Scales:
    """``base`` with a framework's scales and referencings added; every problem goes to ``report``."""
    from qualmark.scale_declarations import ScaleDeclarations  # it builds on this module

    return ScaleDeclarations(base, report).build(definitions)
