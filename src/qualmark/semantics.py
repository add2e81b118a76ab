"""What a framework's rules mean together, beyond each rule on its own.

Each finding names the rule (or vocabulary item) it is about; the compiler
turns those that make a framework impossible to meet into errors, and
:mod:`qualmark.lint` the others into warnings:

- :func:`contradictions`: two rules that must both be met but ask for
  counts no portfolio has at once (``count: {max: 1}`` of the diplomas and
  ``count: 2`` of the signed diplomas);
- :func:`subsumed_alternatives`: a ``one_of`` alternative that every
  portfolio meeting it also meets another way, so it never decides;
- :func:`uncounted_advisories`: an advisory rule inside ``one_of`` or
  ``at_least``, where it never counts;
- :func:`unrequired_items`: a vocabulary item no rule can ever ask for.

Implication is decided by :meth:`Rule.implies`, which says "no" when unsure:
a finding here is always real, though not every redundancy is found.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from qualmark.inert import quote
from qualmark.rules.base import Rule
from qualmark.rules.cases import CasesRule
from qualmark.rules.combinators import AllOfRule, AtLeastRule, OneOfRule
from qualmark.rules.demonstrate import DemonstrateRule
from qualmark.rules.evidence import EvidenceRule
from qualmark.rules.reflection import ReflectionRule
from qualmark.vocabulary import Catalogues


@dataclass(frozen=True, slots=True)
class Concern:
    """A sentence about a rule (``about`` its id) or a vocabulary item (``vocabulary``, ``about`` its id)."""

    about: str
    message: str
    hint: str
    vocabulary: str | None = None


def contradictions(rules: Sequence[Rule]) -> Iterator[Concern]:
    """Rules that must all be met together and ask for counts that exclude each other."""
    for group in _conjunctions(rules):
        counted = [r for r in group if isinstance(r, EvidenceRule | CasesRule) and not r.header.advisory]
        for later, rule in enumerate(counted):
            for other in counted[:later]:
                for narrow, wide in ((rule, other), (other, rule)):
                    low, high = narrow.count, wide.count
                    if low is None or high is None or high.high is None or low.low <= high.high:
                        continue
                    if narrow.selects_within(wide):  # what `narrow` counts, `wide` counts too
                        yield Concern(
                            rule.header.id,
                            f"rules {quote(narrow.header.id)} and {quote(wide.header.id)} can never both be met: "
                            f"{quote(narrow.header.id)} needs at least {low.low} of what "
                            f"{quote(wide.header.id)} allows at most {high.high} of",
                            "check both counts against the source",
                        )
                        break


def subsumed_alternatives(rules: Sequence[Rule]) -> Iterator[Concern]:
    """``one_of`` alternatives that add no route: whatever meets one meets another."""
    for rule in _all(rules):
        if not isinstance(rule, OneOfRule):
            continue
        alternatives = rule.alternatives
        for j, alternative in enumerate(alternatives):
            for i, other in enumerate(alternatives):
                if i == j or not alternative.implies(other):
                    continue
                if other.implies(alternative):  # the same checks twice: say it of the later one
                    if i > j:
                        continue
                    message = f"alternative {quote(alternative.header.id)} of {quote(rule.header.id)} checks the same as {quote(other.header.id)}"
                else:
                    message = (
                        f"alternative {quote(alternative.header.id)} of {quote(rule.header.id)} is subsumed by "
                        f"{quote(other.header.id)}: a portfolio that meets it also meets {quote(other.header.id)}, "
                        "so it never decides"
                    )
                yield Concern(
                    alternative.header.id,
                    message,
                    "remove it, or make the routes differ as the source does (another evidence kind, other conditions)",
                )
                break


def uncounted_advisories(rules: Sequence[Rule]) -> Iterator[Concern]:
    """Advisory rules where they never count: alternatives of ``one_of``, parts of ``at_least``."""
    for rule in _all(rules):
        if isinstance(rule, OneOfRule | AtLeastRule):
            what = "alternative" if isinstance(rule, OneOfRule) else "part"
            for part in rule.sub_rules():
                if part.header.advisory:
                    yield Concern(
                        part.header.id,
                        f"advisory {what} {quote(part.header.id)} of {quote(rule.header.id)} never counts: "
                        f"an advisory rule neither meets nor fails a {rule.KEY}",
                        f"move it out of the {rule.KEY} (into an all_of or the top level), or remove advisory",
                    )


def unrequired_items(catalogues: Catalogues, rules: Sequence[Rule]) -> Iterator[Concern]:
    """Vocabulary items no rule can ask for, in a vocabulary that some rule asks about.

    A vocabulary no rule reads (a profile that describes more than the
    testing checks) is not reported: the source may mean it so.
    """
    counted: dict[str, set[str]] = {}
    for rule in _all(rules):
        if isinstance(rule, DemonstrateRule):
            vocabulary = catalogues.vocabularies[rule.vocabulary]
            ids = counted.setdefault(rule.vocabulary, set())
            selection = rule.selection
            ids.update(selection.required)
            if selection.at_least:
                ids.update(vocabulary.ids())
            if selection.electives:
                ids.update(selection.elective_ids)
        elif isinstance(rule, ReflectionRule):
            counted.setdefault(rule.vocabulary, set()).update(rule.items)
    for name, ids in counted.items():
        for item in catalogues.vocabularies[name].items:
            if item.id not in ids:
                yield Concern(
                    item.id,
                    f"no rule asks for {name} item {quote(item.id)}",
                    "add it to a rule (including, all, electives), or say in its guidance why it is not tested",
                    vocabulary=name,
                )


def _all(rules: Iterable[Rule]) -> Iterator[Rule]:
    for top in rules:
        yield from top.walk()


def _conjunctions(rules: Sequence[Rule]) -> Iterator[list[Rule]]:
    """Groups of rules that must all be met: the top level, and each alternative or part of a
    ``one_of`` or ``at_least``, with the parts of their ``all_of`` s (at any depth)."""
    yield list(_required_with(rules))
    for rule in _all(rules):
        if isinstance(rule, OneOfRule | AtLeastRule):
            for part in rule.sub_rules():
                yield list(_required_with([part]))


def _required_with(rules: Iterable[Rule]) -> Iterator[Rule]:
    for rule in rules:
        yield rule
        if isinstance(rule, AllOfRule):
            yield from _required_with(rule.parts)
