"""A compiled framework: load it once, evaluate many portfolios."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path as FsPath
from typing import Any

from qualmark.compiler import compile_all
from qualmark.dates import EARLIEST, LATEST
from qualmark.errors import EvaluationError, FrameworkError, LoadError, PortfolioError, Problem, QualmarkError
from qualmark.evaluate import Evaluation, evaluate
from qualmark.files import DEFAULT_MAX_BYTES, decode, read_text
from qualmark.inert import quote
from qualmark.judgements import Judgements, judgements_by_item
from qualmark.loader import read_yaml
from qualmark.model.framework import FrameworkDocument
from qualmark.model.portfolio import Portfolio
from qualmark.portfolio import SchemaCheck, consistency_problems, parse_portfolio
from qualmark.rules.base import Rule
from qualmark.rules.demonstrate import DemonstrateRule
from qualmark.schema import portfolio_schema
from qualmark.source import SourceMap, Span
from qualmark.vocabulary import Catalogues


@dataclass(frozen=True, eq=False)
class Framework:
    """A validated framework file with its rules compiled."""

    document: FrameworkDocument
    catalogues: Catalogues
    rules: tuple[Rule, ...]
    source_map: SourceMap = field(repr=False)

    def __repr__(self) -> str:
        return f"Framework(id={self.id!r}, file={self.file!r}, rules={len(self.rules)})"

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def file(self) -> str:
        return self.source_map.file

    def handbook(self, format: str = "markdown", lang: str | None = None) -> str:
        """The framework as a handbook (``markdown`` or ``html``, one self-contained page) in ``lang``.

        Its QUAL-IM-G answers per building block, profile, portfolio parts and every requirement in
        words with its source section; see docs/reports.md ("The handbook").
        """
        from qualmark.report.documents import FORMATS, render_handbook

        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        return render_handbook(self, format, lang)

    def portfolio_schema(self) -> dict[str, Any]:
        """The JSON Schema its portfolios must satisfy (ids as enums)."""
        marked = {
            rule.vocabulary
            for top in self.rules
            for rule in top.walk()
            if isinstance(rule, DemonstrateRule) and rule.not_relevant is not None
        }
        return portfolio_schema(self.catalogues, self.id, not_relevant_vocabularies=marked)

    @cached_property
    def _schema_check(self) -> SchemaCheck:
        return SchemaCheck(self.portfolio_schema(), self.catalogues.scales)

    def check_data(self, data: Any, file: str | None = None) -> None:
        """Raise unless plain portfolio data fits this framework (problems carry JSON pointers)."""
        named = data.get("framework") if isinstance(data, dict) else None
        if isinstance(named, str) and named != self.id:
            raise EvaluationError(
                [
                    Problem(
                        f"the portfolio is for framework {quote(named)}, not '{self.id}'",
                        pointer="/framework",
                        file=file,
                        hint="check it against the framework it names",
                    )
                ]
            )
        problems = self._schema_check.problems(data, file)
        if not problems:
            problems = consistency_problems(data, file)
        if problems:
            raise PortfolioError(problems)

    def check_portfolio(self, portfolio: Portfolio) -> None:
        """Raise :class:`PortfolioError` (with JSON pointers) unless the portfolio fits this framework."""
        self.check_data(portfolio.raw, portfolio.source)

    def evaluate(
        self,
        portfolio: Portfolio,
        as_of: dt.date | None = None,
        judgements: Judgements | Iterable[Judgements] | None = None,
    ) -> Evaluation:
        """Check and evaluate a portfolio as of a date (default: its submission date).

        ``judgements`` (from :func:`~qualmark.judgements.load_judgements`) are the
        assessors' decisions on the review items; a file for another candidate or
        framework version, or judging an item that is not a review item, raises
        :class:`~qualmark.errors.JudgementsError`.
        """
        if not self.rules:
            raise EvaluationError(
                [
                    Problem(
                        f"framework '{self.id}' states no requirements, so there is nothing to check",
                        file=self.file,
                        hint="add rules under testing.requirements (see docs/dsl.md)",
                    )
                ]
            )
        if not isinstance(portfolio, Portfolio):
            raise TypeError(
                f"evaluate() takes a Portfolio (from load_portfolio or parse_portfolio), "
                f"not {type(portfolio).__name__}"
            )
        if portfolio._checked_by is not self:  # not already checked when it was read
            self.check_portfolio(portfolio)
        files = [judgements] if isinstance(judgements, Judgements) else list(judgements or ())
        decided = judgements_by_item(files, self, portfolio)
        return evaluate(self, portfolio, _evaluation_date(as_of, portfolio.submitted), decided)


def _evaluation_date(as_of: object, submitted: dt.date) -> dt.date:
    """``as_of`` as a plain date (a datetime counts by its date); the submission date by default."""
    if as_of is None:
        as_of = submitted
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    if not isinstance(as_of, dt.date):
        raise EvaluationError([Problem(f"as_of must be a date, not {type(as_of).__name__} {as_of!r}")])
    if not EARLIEST <= as_of <= LATEST:
        raise EvaluationError(
            [Problem(f"the evaluation date {as_of.isoformat()} is outside {EARLIEST.year}–{LATEST.year}")]
        )
    return as_of


def evaluate_many(
    framework: Framework, portfolios: Iterable[Portfolio | str | bytes], as_of: dt.date | None = None
) -> Iterator[Evaluation | QualmarkError]:
    """Evaluate each portfolio (a :class:`Portfolio`, or its JSON text), in order.

    One item per portfolio: its :class:`Evaluation`, or the :class:`QualmarkError` that kept it from
    one (raised errors of other kinds are bugs, and propagate). Nothing is kept between items. The
    framework pickles, so the same function runs in worker processes (``multiprocessing``) or on a
    cluster (see docs/performance.md).
    """
    for n, portfolio in enumerate(portfolios):
        try:
            if not isinstance(portfolio, Portfolio):
                portfolio = parse_portfolio(portfolio, f"<portfolio {n + 1}>", framework)
            yield framework.evaluate(portfolio, as_of=as_of)
        except QualmarkError as exc:
            yield exc


@dataclass(frozen=True)
class Examination:
    """All that reading one framework file found: every problem in one pass, and what compiled.

    ``framework`` is the compiled framework when the file has no problem;
    ``checked`` is what was compiled of it in any case (with problems, only
    its well-formed part: enough to look for warnings, not to evaluate).
    """

    checked: Framework | None
    error: LoadError | FrameworkError | None
    # places changed to check the rest of a file with problems (a refused value, a piece left
    # out): a warning there could be an effect of the change, not of the file
    changed: frozenset[Span] = frozenset()

    @property
    def framework(self) -> Framework | None:
        return self.checked if self.error is None else None


def examine_framework(text: str | bytes, file: str = "<framework>") -> Examination:
    """Read, validate and compile framework text, collecting every problem (see :func:`load_framework`)."""
    try:
        reading = read_yaml(decode(text, file), file)
    except LoadError as exc:  # nothing could be read
        return Examination(None, exc)
    try:
        compiled = compile_all(reading.data, reading.source_map)
    except (LoadError, FrameworkError) as exc:  # not a framework at all (a list, a portfolio, …)
        # what the reader refused (a tag on the whole document) comes first: it explains the rest
        return Examination(None, LoadError(reading.problems) if reading.problems else exc)
    checked = None
    if compiled.document is not None and compiled.catalogues is not None:
        checked = Framework(compiled.document, compiled.catalogues, compiled.rules, compiled.source_map)
    # a value the reader refused reads as None: what the shape check says about it would repeat that
    found = [p for p in compiled.problems if p.span not in reading.damaged]
    error: LoadError | FrameworkError | None = None
    if reading.problems:
        error = LoadError([*reading.problems, *found])
    elif found:
        error = FrameworkError(found)
    return Examination(checked, error, reading.damaged | compiled.changed)


def load_framework(path: str | FsPath, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Framework:
    """Load, validate and compile a framework YAML file (a regular file of at most ``max_bytes``).

    Raises :class:`~qualmark.errors.LoadError` (the file cannot be read as it
    is written) or :class:`~qualmark.errors.FrameworkError` carrying every
    problem of the file with its ``file:line:col``: shape and reference
    problems together.
    """
    return _valid(examine_framework(read_text(path, max_bytes), str(path)))


def parse_framework(text: str | bytes, file: str = "<framework>") -> Framework:
    """Like :func:`load_framework`, from YAML text or UTF-8 bytes."""
    return _valid(examine_framework(text, file))


def _valid(examination: Examination) -> Framework:
    if examination.error is not None:
        raise examination.error
    assert examination.checked is not None
    return examination.checked
