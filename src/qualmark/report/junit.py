"""``check --format junit``: JUnit XML for CI systems, a test suite per portfolio, a test case per requirement.

A requirement that is met passes; one not met or incomplete fails with its
finding and what to do; a review item awaiting the assessors, and an
alternative not needed (another one is met), are skipped with the reason.
A portfolio that could not be checked is a suite with one error. Every text
passes :func:`~qualmark.inert.inert`, so nothing a file says can break the
XML (control characters are not allowed in it).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import TextIO

from qualmark.errors import QualmarkError
from qualmark.evaluate import Evaluation
from qualmark.explain import Outcome, Status
from qualmark.inert import inert
from qualmark.messages import Lang, render


class JunitReport:
    """Gathers the suites of the run and writes the document at the end."""

    def __init__(self, stream: TextIO, lang: str | None, many: bool) -> None:
        self.stream, self.lang = stream, lang
        self.root = ET.Element("testsuites", name="qualmark check")

    def evaluation(self, evaluation: Evaluation) -> None:
        first = evaluation.framework.languages[0]
        L = Lang(self.lang or first, first)
        name = evaluation.portfolio_file or evaluation.candidate
        suite = ET.SubElement(
            self.root,
            "testsuite",
            name=inert(name),
            timestamp=evaluation.as_of.isoformat(),
        )
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for outcome, needed in _rows(evaluation.outcomes):
            counts["tests"] += 1
            title = f" {L.text(outcome.title)}" if outcome.title else ""
            case = ET.SubElement(
                suite,
                "testcase",
                name=inert(outcome.rule_id + title),
                classname=inert(f"{evaluation.framework.id}.{name}"),
            )
            found = render(outcome.found, L.code, L.fallback)
            failing = outcome.status in (Status.NOT_MET, Status.INCOMPLETE)
            if (failing or outcome.status is Status.REVIEW) and not needed:
                counts["skipped"] += 1
                ET.SubElement(
                    case,
                    "skipped",
                    message=L.pick(
                        "not needed: another alternative is met",
                        "niet nodig: aan een andere mogelijkheid is voldaan",
                    ),
                )
            elif outcome.status is Status.REVIEW:
                counts["skipped"] += 1
                question = outcome.review.question if outcome.review else None
                ET.SubElement(
                    case,
                    "skipped",
                    message=inert(
                        L.pick("for the assessor: ", "voor de assessor: ")
                        + (L.text(question) if question else found)
                    ),
                )
            elif failing:
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", message=inert(found), type=outcome.status.value)
                fix = render(outcome.fix, L.code, L.fallback) if outcome.fix is not None else ""
                failure.text = inert(
                    f"{found}\n{L.pick('needed', 'nodig')}: {render(outcome.required, L.code, L.fallback)}"
                    + (f"\n→ {fix}" if fix else "")
                    + (f"\n{outcome.source.file}:{outcome.source.line}" if outcome.source else "")
                )
            else:
                ET.SubElement(case, "system-out").text = inert(found)
        for key, value in counts.items():
            suite.set(key, str(value))
        suite.set("errors", "0")

    def failure(self, file: str, error: QualmarkError) -> None:
        suite = ET.SubElement(
            self.root, "testsuite", name=inert(file), tests="1", failures="0", errors="1", skipped="0"
        )
        case = ET.SubElement(suite, "testcase", name=inert(file), classname="qualmark.check")
        problem = ET.SubElement(case, "error", message="the portfolio could not be checked", type=error.PHASE)
        problem.text = inert("\n".join(str(p) for p in error.problems))

    def close(self) -> None:
        ET.indent(self.root)
        self.stream.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(self.root, encoding="unicode") + "\n"
        )


def _rows(outcomes: tuple[Outcome, ...], needed: bool = True) -> Iterator[tuple[Outcome, bool]]:
    """Every requirement and part, with whether it is needed (not an alternative below a met ``one_of``)."""
    for outcome in outcomes:
        yield outcome, needed
        yield from _rows(outcome.children, needed and outcome.status is not Status.MET)
