"""What ``qualmark validate`` says about a framework file: its errors, then what is allowed but likely a mistake or a gap.

Warnings never change what a framework decides (``--strict`` makes them fail):

- a rule without ``source``: a reader cannot check it against the document;
- a multilingual text missing one of the framework's declared languages: a
  report in that language falls back to another;
- ``within_years`` as a plain number on a cases rule: it reads as ``of:
  whole``; say ``of`` where "in the last two years" could mean the start or
  the end of a case;
- what :mod:`qualmark.semantics` finds: a ``one_of`` alternative another
  subsumes, an advisory rule where it never counts, a vocabulary item no
  rule asks for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qualmark.errors import Problem
from qualmark.framework import Examination, Framework
from qualmark.inert import quote
from qualmark.model.text import texts_in
from qualmark.rules.cases import CasesRule
from qualmark.semantics import subsumed_alternatives, uncounted_advisories, unrequired_items

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem with its severity (``error`` or ``warning``)."""

    severity: str
    problem: Problem


def findings(examination: Examination) -> list[Finding]:
    """Everything ``qualmark validate`` says about a framework file: its errors and warnings, in the order of the file.

    The warnings of a file with errors are those of its well-formed part.
    """
    found = [Finding(ERROR, p) for p in examination.error.problems] if examination.error else []
    if examination.checked is not None:
        found.extend(f for f in lint(examination.checked) if f.problem.span not in examination.changed)
    return sorted(found, key=lambda finding: finding.problem.sort_key())


def lint(framework: Framework) -> list[Finding]:
    """The warnings about a compiled framework, in the order of the file."""
    smap, document = framework.source_map, framework.document
    found: list[Problem] = []
    paths: dict[str, tuple[str | int, ...]] = {}
    _index_rules(document.testing.requirements, ("testing", "requirements"), paths)
    for top in framework.rules:
        for rule in top.walk():
            path = paths.get(rule.header.id, ("testing", "requirements"))
            if not rule.header.source.section:
                found.append(
                    Problem(
                        f"rule {quote(rule.header.id)} has no source",
                        smap.span((*path, "id")),
                        hint="add source: the section of the document the rule encodes",
                    )
                )
            if isinstance(rule, CasesRule) and _plain_years(document, path):
                found.append(
                    Problem(
                        f"within_years of rule {quote(rule.header.id)} reads as of: whole (started and completed in the window)",
                        smap.span((*path, "cases", "within_years")),
                        hint="write {years: n, of: end | start | whole}: say which date of a case counts",
                    )
                )
    for finding in (*subsumed_alternatives(framework.rules), *uncounted_advisories(framework.rules)):
        path = paths.get(finding.about, ("testing", "requirements"))
        found.append(Problem(finding.message, smap.span((*path, "id")), hint=finding.hint))
    for finding in unrequired_items(framework.catalogues, framework.rules):
        assert finding.vocabulary is not None
        index = framework.catalogues.vocabularies[finding.vocabulary].ids().index(finding.about)
        found.append(
            Problem(
                finding.message, smap.span(("profile", finding.vocabulary, index, "id")), hint=finding.hint
            )
        )
    declared = document.languages
    for path, text in texts_in(document):
        if isinstance(text, dict) and len(declared) > 1:
            missing = [lang for lang in declared if lang not in text]
            if missing:
                found.append(
                    Problem(
                        f"this text has no {', '.join(missing)}",
                        smap.span(path),
                        hint=f"the framework declares languages {', '.join(declared)}; add the missing translation",
                    )
                )
    found.sort(key=Problem.sort_key)
    return [Finding(WARNING, p) for p in found]


def _index_rules(
    nodes: Sequence[object], path: tuple[str | int, ...], out: dict[str, tuple[str | int, ...]]
) -> None:
    """The path of every rule node by id (nested through all_of, one_of and at_least)."""
    for index, node in enumerate(nodes):
        here = (*path, index)
        rule_id = getattr(node, "id", None)
        if isinstance(rule_id, str):
            out.setdefault(rule_id, here)
        for key in ("all_of", "one_of"):
            children = getattr(node, key, None)
            if children:
                _index_rules(children, (*here, key), out)
        at_least = getattr(node, "at_least", None)
        if at_least is not None and hasattr(at_least, "of"):
            _index_rules(at_least.of, (*here, "at_least", "of"), out)


def _plain_years(document: object, path: tuple[str | int, ...]) -> bool:
    node: object = document
    for part in path:
        node = node[part] if isinstance(part, int) else getattr(node, str(part))  # type: ignore[index]
    cases = getattr(node, "cases", None)
    return cases is not None and isinstance(cases.within_years, int)
