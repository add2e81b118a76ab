"""The command line: parses options, calls the library, picks a renderer, maps exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from qualmark.catalogue.template import render_template
from qualmark.errors import LoadError, QualmarkError
from qualmark.explain import Verdict
from qualmark.framework import Framework, load_framework
from qualmark.portfolio import load_portfolio
from qualmark.report import RENDERERS
from qualmark.schema import framework_schema


class ExitCode(IntEnum):
    OK = 0  # eligible / valid
    FAILED = 1  # not eligible, incomplete, or an invalid framework
    BAD_INPUT = 2  # unreadable input or wrong usage


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


app = typer.Typer(
    help="Check career-guidance quality-mark frameworks and candidate portfolios.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Piped output is not wrapped at 80 columns, so paths and sentences stay whole for CI logs and grep.
_PIPED_WIDTH = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 10_000
out = Console(highlight=False, width=_PIPED_WIDTH)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _report(error: QualmarkError, kind: str) -> None:
    count = len(error.problems)
    err.print(f"[bold red]{escape(kind)}[/]: {count} problem{'s' if count != 1 else ''}")
    for problem in error.problems:
        where = f"{escape(problem.where)}: " if problem.where else ""
        hint = f" [dim]— {escape(problem.hint)}[/]" if problem.hint else ""
        err.print(f"{where}[red]error[/]: {escape(problem.message)}{hint}")


def _fail(message: str) -> NoReturn:
    err.print(f"[red]error[/]: {escape(message)}")
    raise typer.Exit(ExitCode.BAD_INPUT)


def _load(path: Path) -> Framework:
    try:
        return load_framework(path)
    except LoadError as exc:
        _report(exc, "cannot read framework")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    except QualmarkError as exc:
        _report(exc, f"invalid framework {path}")
        raise typer.Exit(ExitCode.FAILED) from None


@app.command()
def validate(
    frameworks: Annotated[list[Path], typer.Argument(help="Framework YAML files.", show_default=False)],
) -> None:
    """Check framework files; report every problem with file:line:col."""
    worst = ExitCode.OK
    for path in frameworks:
        try:
            framework = load_framework(path)
        except LoadError as exc:
            _report(exc, f"cannot read {path}")
            worst = max(worst, ExitCode.BAD_INPUT)
            continue
        except QualmarkError as exc:
            _report(exc, f"invalid framework {path}")
            worst = max(worst, ExitCode.FAILED)
            continue
        out.print(
            f"[green]valid[/] {escape(str(path))}: {escape(framework.id)} "
            f"[dim]({len(framework.rules)} top-level requirements)[/]"
        )
    raise typer.Exit(worst)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--as-of '{value}' is not a date; write YYYY-MM-DD")


@app.command()
def check(
    framework: Annotated[Path, typer.Argument(help="The framework YAML file.", show_default=False)],
    portfolios: Annotated[list[Path], typer.Argument(help="Portfolio JSON files.", show_default=False)],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Evaluation date (YYYY-MM-DD); default: each portfolio's submission date."
        ),
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the report (nl, en); default: the framework's first."),
    ] = None,
) -> None:
    """Evaluate portfolios against a framework and explain every requirement."""
    date = _parse_date(as_of)
    if lang is not None and lang not in ("nl", "en"):
        _fail(f"--lang '{lang}' is not supported; use nl or en")
    compiled = _load(framework)
    if not compiled.rules:
        _fail(f"{framework} states no requirements, so there is nothing to check (see testing.requirements)")
    evaluations = []
    bad = False
    for path in portfolios:
        try:
            evaluations.append(compiled.evaluate(load_portfolio(path, compiled), as_of=date))
        except QualmarkError as exc:
            _report(exc, f"cannot evaluate {path}")
            bad = True
    if bad:
        code = ExitCode.BAD_INPUT
    else:
        code = ExitCode.OK if all(e.verdict is Verdict.ELIGIBLE for e in evaluations) else ExitCode.FAILED
    if evaluations:
        try:
            RENDERERS[output.value](evaluations, out, lang, len(portfolios) > 1)
        except BrokenPipeError:  # the reader (head, less) went away: not an error of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(code)


@app.command()
def schema(
    framework: Annotated[
        Path | None, typer.Argument(help="The framework YAML file.", show_default=False)
    ] = None,
    dsl: Annotated[
        bool, typer.Option("--dsl", help="Print the schema of framework files instead (for editors).")
    ] = False,
) -> None:
    """Print the JSON Schema of a framework's portfolios (or, with --dsl, of framework files)."""
    if dsl == (framework is not None):
        _fail("give either a FRAMEWORK (its portfolio schema) or --dsl (the framework-file schema)")
    document = framework_schema() if framework is None else _load(framework).portfolio_schema()
    out.out(json.dumps(document, ensure_ascii=False, indent=2), highlight=False)


@app.command()
def new(
    framework_id: Annotated[
        str, typer.Argument(help="Id of the new framework (a-z, 0-9, -).")
    ] = "my-quality-mark",
) -> None:
    """Print a new framework file: every QUAL-IM-G question, unanswered."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", framework_id):
        _fail(f"'{framework_id}' is not a valid id; use lower-case letters, digits and '-'")
    out.out(render_template(framework_id), highlight=False, end="")


def main() -> None:
    """Console entry point."""
    app()
