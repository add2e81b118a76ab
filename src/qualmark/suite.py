"""Framework tests (``qualmark test``): a test file read, its cases run, what differs found.

A test file names its framework and lists cases: a portfolio (a path
relative to the test file, or inline), optional judgements and evaluation
date, the expected verdict and optionally the failing requirements, the
review items and per requirement its status and text its explanation must
contain (docs/testing.md). Results are data (:class:`CaseResult`); rendering
lives in :mod:`qualmark.report.suite`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path as FsPath
from typing import Any

from qualmark.errors import JudgementsError, PortfolioError, Problem, QualmarkError, SuiteError
from qualmark.evaluate import Evaluation
from qualmark.explain import Outcome, Status
from qualmark.files import DEFAULT_MAX_BYTES, TEST_FILE_SUFFIX
from qualmark.framework import Framework
from qualmark.inert import quote
from qualmark.judgements import Judgements, load_judgements
from qualmark.loader import load_yaml, parse_yaml
from qualmark.messages import render
from qualmark.model.judgements import JudgementsDocument
from qualmark.model.portfolio import Portfolio
from qualmark.model.suite import Case, Expectation, SuiteDocument
from qualmark.model.text import Text
from qualmark.portfolio import load_portfolio, portfolio_from_data
from qualmark.rules.demonstrate import DemonstrateRule
from qualmark.shape import validated
from qualmark.source import Path, SourceMap
from qualmark.suggest import did_you_mean

_SKIPPED = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"}


@dataclass(frozen=True, slots=True)
class Difference:
    """One way a case came out otherwise than expected."""

    what: str  # "verdict", "failing", "review", or the id of a requirement
    expected: str
    actual: str
    explanation: str | None = None  # what the evaluation says of it, in the case's language


@dataclass(frozen=True, slots=True)
class CaseResult:
    """A case run: passed, failed (with its differences), or not run (its inputs have problems)."""

    file: str
    name: str
    line: int
    differences: tuple[Difference, ...] = ()
    problems: tuple[Problem, ...] = ()
    evaluation: Evaluation | None = None

    @property
    def passed(self) -> bool:
        return not self.differences and not self.problems


@dataclass(frozen=True, slots=True)
class Suite:
    """A test file as read, with the position of every node."""

    document: SuiteDocument
    smap: SourceMap

    @property
    def file(self) -> str:
        return self.smap.file

    @property
    def folder(self) -> FsPath:
        return FsPath(self.file).parent

    @property
    def framework_path(self) -> FsPath:
        return self.folder / self.document.framework

    def files(self) -> list[FsPath]:
        """Every file running it reads: itself, its framework, and the portfolio and judgements files
        its cases name."""
        named = [
            self.folder / value
            for case in self.document.cases
            for value in (case.portfolio, case.judgements)
            if isinstance(value, str)
        ]
        return [FsPath(self.file), self.framework_path, *named]

    def selected(self, keyword: str | None) -> list[tuple[int, Case]]:
        """The cases whose name contains ``keyword`` (ignoring case), with their index."""
        wanted = (keyword or "").casefold()
        return [(i, case) for i, case in enumerate(self.document.cases) if wanted in case.name.casefold()]

    def run(
        self, framework: Framework, keyword: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> Iterator[CaseResult]:
        """Run the selected cases against ``framework`` (the one the file names), one result each."""
        for index, _ in self.selected(keyword):
            yield self.run_case(framework, index, max_bytes)

    def run_case(self, framework: Framework, index: int, max_bytes: int = DEFAULT_MAX_BYTES) -> CaseResult:
        """Run the case at ``index``."""
        case = self.document.cases[index]
        where: Path = ("cases", index)
        line = self.smap.span(where).line
        try:
            portfolio = self._portfolio(framework, case, (*where, "portfolio"), max_bytes)
            judgements = self._judgements(case, (*where, "judgements"), max_bytes)
            evaluation = framework.evaluate(portfolio, as_of=case.as_of, judgements=judgements)
        except QualmarkError as exc:
            return CaseResult(self.file, case.name, line, problems=tuple(exc.problems))
        lang = case.lang or framework.document.languages[0]
        differences = tuple(_compare(case, evaluation, lang, framework.document.languages[0]))
        return CaseResult(self.file, case.name, line, differences, evaluation=evaluation)

    def _portfolio(self, framework: Framework, case: Case, at: Path, max_bytes: int) -> Portfolio:
        if isinstance(case.portfolio, str):
            return load_portfolio(self.folder / case.portfolio, framework, max_bytes=max_bytes)
        try:
            return portfolio_from_data(_plain(case.portfolio), self.file, framework)
        except PortfolioError as exc:  # point into the test file, not at a JSON pointer of no file
            raise PortfolioError([self._placed(p, at) for p in exc.problems]) from None

    def _placed(self, problem: Problem, at: Path) -> Problem:
        parts: list[str | int] = []
        for part in (problem.pointer or "").split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            parts.append(int(part) if part.isdigit() else part)
        return Problem(problem.message, self.smap.span((*at, *parts)), hint=problem.hint)

    def _judgements(self, case: Case, at: Path, max_bytes: int) -> Judgements | None:
        if case.judgements is None:
            return None
        if isinstance(case.judgements, str):
            return load_judgements(self.folder / case.judgements, max_bytes)
        inline = self.smap.under(at)
        return Judgements(
            validated(JudgementsDocument, _plain(case.judgements), inline, JudgementsError), inline
        )


@dataclass(frozen=True, slots=True)
class Branch:
    """A requirement, or a part of one, and whether some case reached it as met and as not met."""

    id: str
    title: Text | None
    alternative: bool  # an alternative of a one_of
    met: bool = False  # for an item: shown by some case
    not_met: bool = False  # for an item: not shown by some case
    item_of: str | None = None  # an item a candidate may choose in this rule's selection (k of n)


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which branches of a framework the cases reached, as met and as not met."""

    framework: str
    file: str
    branches: tuple[Branch, ...]

    @property
    def reached(self) -> int:
        return sum(b.met for b in self.branches) + sum(b.not_met for b in self.branches)

    @property
    def total(self) -> int:
        return 2 * len(self.branches)

    @property
    def percent(self) -> float:
        return 100.0 if not self.total else 100.0 * self.reached / self.total


def coverage(framework: Framework, evaluations: list[Evaluation]) -> Coverage:
    """Every requirement and part of ``framework`` (per-case parts counted with their rule), with
    whether some evaluation met it and some did not (not met or incomplete; advisory rules by
    whether the advice was followed)."""
    alternatives = {
        alt.header.id
        for top in framework.rules
        for rule in top.walk()
        if rule.KEY == "one_of"
        for alt in rule.sub_rules()
    }
    order: dict[str, Branch] = {}  # in the order of the outcome tree, parts after their rule
    met: set[str] = set()
    failed: set[str] = set()
    for evaluation in evaluations:
        for outcome in (o for root in evaluation.outcomes for o in root.walk()):
            if (
                "/" in outcome.rule_id or outcome.status is Status.REVIEW
            ):  # per-case parts count with their rule
                continue
            if outcome.rule_id not in order:
                order[outcome.rule_id] = Branch(
                    outcome.rule_id, outcome.title, outcome.rule_id in alternatives
                )
            ok = outcome.advisory_met if outcome.status is Status.ADVISORY else outcome.status is Status.MET
            (met if ok else failed).add(outcome.rule_id)
    for rule in (r for top in framework.rules for r in top.walk()):  # with no case at all
        order.setdefault(
            rule.header.id, Branch(rule.header.id, rule.header.title, rule.header.id in alternatives)
        )
    # each item of a k-of-n selection, shown by some case and left out by another
    items: dict[str, list[Branch]] = {}
    each_case: set[str] = set()  # rules that judge each case apart: their outcomes per case count
    for rule in (r for top in framework.rules for r in top.walk()):
        if isinstance(rule, DemonstrateRule):
            items[rule.header.id] = [
                Branch(f"{rule.header.id}[{item}]", rule.header.title, False, item_of=rule.header.id)
                for item in rule.choices(framework.catalogues)
            ]
            if rule.across == "each_case":
                each_case.add(rule.header.id)
    for evaluation in evaluations:
        for outcome in (o for root in evaluation.outcomes for o in root.walk()):
            owner, _, case = outcome.rule_id.partition("/")
            if owner not in items or bool(case) is not (owner in each_case):
                continue
            for branch in items[owner]:
                (met if _item(branch) in outcome.shown else failed).add(branch.id)
    ordered = [b for branch in order.values() for b in (branch, *items.get(branch.id, ()))]
    branches = tuple(replace(b, met=b.id in met, not_met=b.id in failed) for b in ordered)
    return Coverage(framework.id, framework.file, branches)


def _item(branch: Branch) -> str:
    """The vocabulary id of an item branch (``C2[ethics]`` → ``ethics``)."""
    return branch.id[len(branch.item_of or "") + 1 : -1]


def snapshot(
    framework: Framework, portfolios: list[FsPath], out: FsPath, max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """A new test file (YAML text) stating what ``framework`` makes of each portfolio now: a start
    for a designer to review, never a judgement of what it should make of them.

    A portfolio that cannot be read raises its error: a snapshot leaves nothing out.
    """
    folder = out.resolve().parent

    def quoted(text: str) -> str:  # a JSON string is a YAML double-quoted scalar
        return json.dumps(text, ensure_ascii=False)

    def ids(items: list[str]) -> str:
        return "[" + ", ".join(quoted(i) for i in items) + "]"

    lines = [
        "# A snapshot written by `qualmark test --update`: what the framework makes of these portfolios",
        "# today. Review every case before relying on it: a wrong outcome here is a wrong expectation.",
        "qualmark_tests: 1",
        f"framework: {quoted(os.path.relpath(framework.file, folder))}",
        "cases:",
    ]
    for path in portfolios:
        evaluation = framework.evaluate(load_portfolio(path, framework, max_bytes=max_bytes))
        lines += [
            f"  - name: {quoted(path.stem)}",
            f"    portfolio: {quoted(os.path.relpath(path.resolve(), folder))}",
            f"    verdict: {evaluation.verdict.value}",
            f"    failing: {ids([o.rule_id for o in evaluation.gaps()])}",
            f"    review: {ids([o.rule_id for o in evaluation.reviews()])}",
        ]
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    """Data read from YAML as JSON has it: dates as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _compare(case: Case, evaluation: Evaluation, lang: str, fallback: str) -> Iterator[Difference]:
    def said(outcome: Outcome) -> str:
        messages = [outcome.required, outcome.found, outcome.fix]
        return " · ".join(render(m, lang, fallback) for m in messages if m is not None)

    if evaluation.verdict.value != case.verdict:
        yield Difference("verdict", case.verdict, evaluation.verdict.value)
    gaps = evaluation.gaps()
    if case.failing is not None and sorted(case.failing) != sorted(o.rule_id for o in gaps):
        yield Difference(
            "failing", ", ".join(case.failing) or "none", ", ".join(o.rule_id for o in gaps) or "none"
        )
    reviews = [o.rule_id for o in evaluation.reviews()]
    if case.review is not None and sorted(case.review) != sorted(reviews):
        yield Difference("review", ", ".join(case.review) or "none", ", ".join(reviews) or "none")
    for rule_id, wanted in (case.expect or {}).items():
        spec = Expectation(status=wanted) if isinstance(wanted, str) else wanted
        outcome = evaluation.find(rule_id)
        if outcome is None:
            hint = did_you_mean(rule_id, (o.rule_id for top in evaluation.outcomes for o in top.walk()))
            yield Difference(
                rule_id, spec.status or "present", "not in the evaluation" + (f" ({hint})" if hint else "")
            )
            continue
        if spec.status is not None and outcome.status.value != spec.status:
            yield Difference(rule_id, spec.status, outcome.status.value, said(outcome))
        text = said(outcome)
        for piece in [spec.says] if isinstance(spec.says, str) else spec.says or []:
            if piece not in text:
                yield Difference(rule_id, f"explanation containing {quote(piece, 200)}", "not said", text)


def load_suite(path: str | FsPath, max_bytes: int = DEFAULT_MAX_BYTES) -> Suite:
    """Read a test file, with the position of every node; problems raise :class:`SuiteError`."""
    data, smap = load_yaml(path, max_bytes)
    return Suite(validated(SuiteDocument, data, smap, SuiteError), smap)


def parse_suite(text: str, file: str = "<tests>") -> Suite:
    data, smap = parse_yaml(text, file)
    return Suite(validated(SuiteDocument, data, smap, SuiteError), smap)


def discover(root: str | FsPath) -> list[FsPath]:
    """The test files (``*.tests.yaml``) below ``root``, sorted; hidden and tool folders are skipped."""
    found: list[FsPath] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
        found.extend(FsPath(folder) / name for name in sorted(files) if name.endswith(TEST_FILE_SUFFIX))
    return found
