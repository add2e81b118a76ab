"""Results of ``qualmark validate`` as JSON, GitHub annotations or SARIF 2.1.0 (text is the CLI's own).

A result per file: whether it is a valid framework, its id and QUAL-IM-G
progress when it is, and its findings (errors and warnings) with positions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from qualmark.lint import Finding
from qualmark.progress import Progress
from qualmark.report.github import annotation
from qualmark.report.json import dumps

VALIDATE_FORMAT = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True, slots=True)
class FileResult:
    file: str
    framework: str | None  # its id, when the file is a valid framework
    findings: tuple[Finding, ...]
    progress: Progress | None = None


def _finding(finding: Finding) -> dict[str, Any]:
    return {"severity": finding.severity, **finding.problem.to_json()}


def as_json(results: Sequence[FileResult]) -> str:
    files = [
        {
            "file": r.file,
            "valid": r.framework is not None,
            "framework": r.framework,
            "questions": None
            if r.progress is None
            else {k: r.progress.count(k) for k in ("answered", "skipped", "open")}
            | {"total": r.progress.total},
            "problems": [_finding(f) for f in r.findings],
        }
        for r in results
    ]
    return dumps({"qualmark_validate": VALIDATE_FORMAT, "files": files}) + "\n"


def as_github(results: Sequence[FileResult]) -> str:
    lines = []
    for result in results:
        for finding in result.findings:
            p = finding.problem
            file = p.span.file if p.span else p.file or result.file
            text = p.message + (f" — {p.hint}" if p.hint else "")
            line, column = (p.span.line, p.span.column) if p.span else (None, None)
            lines.append(annotation(finding.severity, file, text, "qualmark validate", line, column))
    return "\n".join(lines) + ("\n" if lines else "")


def as_sarif(results: Sequence[FileResult]) -> str:
    """One SARIF 2.1.0 run with a result per finding (rule ids qualmark/error and qualmark/warning)."""
    sarif_results = []
    for result in results:
        for finding in result.findings:
            p = finding.problem
            location: dict[str, Any] = {
                "artifactLocation": {"uri": p.span.file if p.span else p.file or result.file}
            }
            if p.span is not None:
                location["region"] = {"startLine": p.span.line, "startColumn": p.span.column}
            sarif_results.append(
                {
                    "ruleId": f"qualmark/{finding.severity}",
                    "level": finding.severity,
                    "message": {"text": p.message + (f" — {p.hint}" if p.hint else "")},
                    "locations": [{"physicalLocation": location}],
                }
            )
    run = {
        "tool": {
            "driver": {
                "name": "qualmark",
                "version": version("qualmark"),
                "rules": [
                    {
                        "id": "qualmark/error",
                        "shortDescription": {"text": "The file is not a valid framework"},
                    },
                    {
                        "id": "qualmark/warning",
                        "shortDescription": {"text": "Allowed, but likely a mistake or a gap"},
                    },
                ],
            }
        },
        "results": sarif_results,
    }
    return dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}) + "\n"


RENDERERS: dict[str, Callable[[Sequence[FileResult]], str]] = {
    "json": as_json,
    "github": as_github,
    "sarif": as_sarif,
}
