"""The exception hierarchy: one root, split by the phase that failed.

Every error carries :class:`Problem` records (what, where, how to fix) so a
caller can show all of them at once; the CLI renders them as
``file:line:col: message`` lines without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from qualmark.source import Span


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input.

    ``span`` locates it in a YAML/JSON file; ``pointer`` is a JSON pointer into
    a portfolio (either may be absent). ``hint`` says how to fix it.
    """

    message: str
    span: Span | None = None
    pointer: str | None = None
    hint: str | None = None
    file: str | None = None  # the file a pointer points into
    line: int | None = None  # without a span: the line of a JSON Lines file the portfolio is on

    @property
    def where(self) -> str:
        """``file:line:col``, ``file#/json/pointer`` (``file:line#/json/pointer`` in JSON Lines), or empty."""
        if self.span is not None:
            return str(self.span)
        place = self.file or ""
        if self.line is not None:
            place += f":{self.line}"
        return place if self.pointer is None else f"{place}#{self.pointer}"

    def sort_key(self) -> tuple[str, int, int, str]:
        if self.span is None:
            return (self.file or "", self.line or 0, 0, self.pointer or "")
        return (self.span.file, self.span.line, self.span.column, self.message)

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} — {self.hint}" if self.hint else text

    def to_json(self) -> dict[str, Any]:
        """The problem as JSON-ready data (see docs/evaluation.md, "Portfolios that could not be checked")."""
        return {
            "message": self.message,
            "hint": self.hint,
            "file": self.span.file if self.span is not None else self.file,
            "line": self.span.line if self.span is not None else self.line,
            "column": self.span.column if self.span is not None else None,
            "pointer": self.pointer,
        }


class QualmarkError(Exception):
    """Root of every error qualmark raises on bad input."""

    PHASE: ClassVar[str] = "input"  # which step of the pipeline refused the input

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        # each once: a YAML alias can repeat a problem of what it stands for
        self.problems: tuple[Problem, ...] = tuple(sorted(dict.fromkeys(problems), key=Problem.sort_key))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[QualmarkError], tuple[tuple[Problem, ...]]]:
        """Pickled with its problems (an error from a worker process arrives whole)."""
        return type(self), (self.problems,)

    def to_json(self, file: str | None) -> dict[str, Any]:
        """The record that stands in for an evaluation of ``file`` (schemas/evaluation.schema.json)."""
        return {
            "qualmark_evaluation": 1,
            "portfolio": {"file": file},
            "error": {"phase": self.PHASE, "problems": [p.to_json() for p in self.problems]},
        }


class LoadError(QualmarkError):
    """A file could not be read or parsed (YAML/JSON syntax, duplicate keys, tags)."""

    PHASE = "load"


class FrameworkError(QualmarkError):
    """A framework file is well-formed YAML but not a valid framework."""

    PHASE = "framework"


class PortfolioError(QualmarkError):
    """A portfolio does not fit its framework's portfolio schema."""

    PHASE = "portfolio"


class JudgementsError(QualmarkError):
    """A judgements file does not fit its format, or not this framework and portfolio."""

    PHASE = "judgements"


class SuiteError(QualmarkError):
    """A framework test file (``qualmark test``) does not fit its format."""

    PHASE = "tests"


class EvaluationError(QualmarkError):
    """A portfolio could not be evaluated (for instance, it names another framework)."""

    PHASE = "evaluation"
