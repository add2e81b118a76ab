"""Results of framework tests (``qualmark test``) as text, JSON, JUnit XML or GitHub annotations.

Every renderer takes the whole list of results (a test run is small) and
returns the text to write; names, ids and explanations from the files pass
through :func:`~qualmark.inert.inert` (text, annotations) or are escaped by
the format (JSON, XML).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

from qualmark.inert import inert
from qualmark.model.text import text_in
from qualmark.report.github import annotation
from qualmark.report.json import dumps
from qualmark.suite import Branch, CaseResult, Coverage

SUITE_FORMAT = 1


def counts(results: Sequence[CaseResult]) -> dict[str, int]:
    """How many cases passed, failed (an outcome other than expected) and could not run."""
    return {
        "passed": sum(r.passed for r in results),
        "failed": sum(bool(r.differences) for r in results),
        "errors": sum(bool(r.problems) for r in results),
    }


def summary(results: Sequence[CaseResult]) -> str:
    n = counts(results)
    parts = [f"{n['passed']} passed", f"{n['failed']} failed"] + (
        [f"{n['errors']} not run"] if n["errors"] else []
    )
    return ", ".join(parts)


def _gaps(branch: Branch) -> list[str]:
    """What no case did to a branch, in plain words."""
    title = f" ({inert(text_in(branch.title, 'en', 'en'))})" if branch.title else ""
    if branch.item_of is not None:  # an item of a k-of-n selection
        item = f"item {inert(branch.id[len(branch.item_of) + 1 : -1])} of {inert(branch.item_of)}{title}"
        return [f"{item} is never shown by any case"] * (not branch.met) + [
            f"{item} is shown by every case"
        ] * (not branch.not_met)
    what = "alternative" if branch.alternative else "requirement"
    said = []
    if not branch.met:
        said.append(f"{what} {inert(branch.id)}{title} is never met by any case")
    if not branch.not_met:
        said.append(f"{what} {inert(branch.id)}{title} is never failed by any case")
    return said


def coverage_lines(coverage: Coverage) -> list[str]:
    lines = [
        f"coverage of {inert(coverage.framework)}: {coverage.percent:.1f} % "
        f"({coverage.reached} of {coverage.total}: each requirement met and failed by some case)"
    ]
    lines.extend(f"  {gap}" for branch in coverage.branches for gap in _gaps(branch))
    return lines


def as_text(results: Sequence[CaseResult], coverages: Sequence[Coverage] = ()) -> str:
    """Grouped by file: a line per case, and under a failure each difference with the explanation."""
    lines: list[str] = []
    current = None
    for result in results:
        if result.file != current:
            current = result.file
            lines.append(inert(result.file))
        mark = "✔" if result.passed else "✘" if result.differences else "!"
        lines.append(
            f"  {mark} {inert(result.name)}"
            + ("" if result.passed else f"  ({inert(result.file)}:{result.line})")
        )
        for d in result.differences:
            lines.append(f"      {inert(d.what)}: expected {inert(d.expected)}, got {inert(d.actual)}")
            if d.explanation:
                lines.append(f"        {inert(d.explanation)}")
        for p in result.problems:
            lines.append(f"      cannot run: {inert(str(p))}")
    lines.append(summary(results))
    for coverage in coverages:
        lines.extend(coverage_lines(coverage))
    return "\n".join(lines) + "\n"


def _record(result: CaseResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "line": result.line,
        "name": result.name,
        "outcome": "passed" if result.passed else "failed" if result.differences else "error",
        "verdict": result.evaluation.verdict.value if result.evaluation else None,
        "differences": [
            {"what": d.what, "expected": d.expected, "actual": d.actual, "explanation": d.explanation}
            for d in result.differences
        ],
        "problems": [p.to_json() for p in result.problems],
    }


def as_json(results: Sequence[CaseResult], coverages: Sequence[Coverage] = ()) -> str:
    """``{"qualmark_test_results": 1, "summary": {...}, "cases": [...], "coverage": [...]}`` (schemas/test-results.schema.json)."""
    record: dict[str, Any] = {
        "qualmark_test_results": SUITE_FORMAT,
        "summary": counts(results),
        "cases": [_record(r) for r in results],
    }
    if coverages:
        record["coverage"] = [
            {
                "framework": c.framework,
                "file": c.file,
                "percent": round(c.percent, 1),
                "branches": [{"id": b.id, "met": b.met, "not_met": b.not_met} for b in c.branches],
            }
            for c in coverages
        ]
    return dumps(record) + "\n"


def as_junit(results: Sequence[CaseResult], coverages: Sequence[Coverage] = ()) -> str:
    """JUnit XML: a test suite per file, a test case per case; failures and errors with their text."""
    root = ET.Element("testsuites", tests=str(len(results)))
    files: dict[str, ET.Element] = {}
    for result in results:
        suite = files.get(result.file)
        if suite is None:
            suite = files[result.file] = ET.SubElement(root, "testsuite", name=inert(result.file), tests="0")
        suite.set("tests", str(int(suite.get("tests", "0")) + 1))
        case = ET.SubElement(
            suite,
            "testcase",
            name=inert(result.name),
            classname=inert(result.file),
            file=inert(result.file),
            line=str(result.line),
        )
        if result.differences:
            detail = "\n".join(
                f"{d.what}: expected {d.expected}, got {d.actual}"
                + (f"\n  {d.explanation}" if d.explanation else "")
                for d in result.differences
            )
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(result.differences)} difference{'s' if len(result.differences) != 1 else ''}",
            )
            failure.text = inert(detail)
        if result.problems:
            error = ET.SubElement(case, "error", message="the case could not run")
            error.text = inert("\n".join(str(p) for p in result.problems))
    for suite in files.values():
        n = [r for r in results if inert(r.file) == suite.get("name")]
        suite.set("failures", str(sum(bool(r.differences) for r in n)))
        suite.set("errors", str(sum(bool(r.problems) for r in n)))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def as_github(results: Sequence[CaseResult], coverages: Sequence[Coverage] = ()) -> str:
    """``::error file=…,line=…::…`` annotations for the cases that failed or could not run."""
    lines = []
    for result in results:
        if result.passed:
            continue
        what = "; ".join(f"{d.what}: expected {d.expected}, got {d.actual}" for d in result.differences)
        what = what or "; ".join(str(p) for p in result.problems)
        lines.append(annotation("error", result.file, f"{result.name}: {what}", "qualmark test", result.line))
    for coverage in coverages:
        lines.extend(
            annotation("warning", coverage.file, gap, "coverage")
            for b in coverage.branches
            for gap in _gaps(b)
        )
    lines.append(summary(results))
    lines.extend(f"coverage of {inert(c.framework)}: {c.percent:.1f} %" for c in coverages)
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Sequence[CaseResult], Sequence[Coverage]], str]] = {
    "text": as_text,
    "json": as_json,
    "junit": as_junit,
    "github": as_github,
}
