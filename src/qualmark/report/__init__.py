"""Reports: one per output format, registered by name. They format; they never decide.

A report is made for one run over the portfolios of a command line and is
given each result as soon as it exists, in order: an evaluation, or the
error that kept a portfolio from being evaluated. It writes as it goes, so
nothing is gathered in memory.
"""

from __future__ import annotations

from typing import Protocol, TextIO

from qualmark.errors import QualmarkError
from qualmark.evaluate import Evaluation
from qualmark.report.json import JsonLinesReport, JsonReport
from qualmark.report.junit import JunitReport
from qualmark.report.text import TextReport


class Report(Protocol):
    """What every output format does with the results of one run."""

    def evaluation(self, evaluation: Evaluation) -> None:
        """Write the report of one evaluated portfolio."""

    def failure(self, file: str, error: QualmarkError) -> None:
        """Write the record of a portfolio that could not be evaluated (its problems go to stderr too)."""

    def close(self) -> None:
        """Finish the output (close a JSON list)."""


class ReportFactory(Protocol):
    def __call__(self, stream: TextIO, lang: str | None, many: bool) -> Report: ...


REPORTS: dict[str, ReportFactory] = {
    "text": TextReport,
    "json": JsonReport,
    "jsonl": JsonLinesReport,
    "junit": JunitReport,
}

__all__ = ["REPORTS", "Report", "ReportFactory"]
