"""The command line: parses options, calls the library, picks a report, maps exit codes.

Exit codes are a contract scripts rely on (README, "Exit codes"):
0 eligible / valid; 1 not eligible, incomplete or awaiting review, or an invalid framework;
2 bad input or wrong usage (including output that cannot be written);
3 an internal error, never a verdict; 141 when the reader of standard output
went away (``head``, a closed pipe), as other Unix tools do.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import os
import re
import signal
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from enum import IntEnum, StrEnum
from importlib import resources
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer
from rich.console import Console
from rich.text import Text

from qualmark.dates import why_not_a_date
from qualmark.errors import JudgementsError, LoadError, Problem, QualmarkError
from qualmark.evaluate import Evaluation
from qualmark.explain import Verdict
from qualmark.files import (
    DEFAULT_MAX_BYTES,
    ENVIRONMENT_VARIABLE,
    TEST_FILE_SUFFIX,
    FileId,
    file_id,
    format_size,
    parse_size,
    read_text,
    same_file,
)
from qualmark.framework import Examination, Framework, examine_framework, load_framework
from qualmark.inert import inert, quote, shorten
from qualmark.judgements import Judgements, load_judgements
from qualmark.messages import language_problem
from qualmark.portfolio import load_portfolio
from qualmark.report import REPORTS, Report
from qualmark.report.json import dumps
from qualmark.schema import framework_schema, tests_schema

if TYPE_CHECKING:
    from qualmark.batch import Summary


class ExitCode(IntEnum):
    OK = 0  # eligible / valid
    FAILED = 1  # not eligible, incomplete or awaiting review; an invalid framework
    BAD_INPUT = 2  # a file that cannot be read or does not fit; wrong usage; output that cannot be written
    INTERNAL = 3  # a bug in qualmark: never a verdict
    READER_GONE = 141  # standard output was closed early: 128 + SIGPIPE, as other Unix tools


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"
    junit = "junit"


class DocsFormat(StrEnum):
    markdown = "markdown"
    html = "html"

    @property
    def file_suffix(self) -> str:
        return "md" if self is DocsFormat.markdown else "html"


class AudienceOption(StrEnum):
    candidate = "candidate"
    assessor = "assessor"


class ReaderGone(Exception):
    """Standard output was closed by its reader (``| head``)."""


class OutputFailed(Exception):
    """Standard output cannot be written (a full disk, a closed file)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class GuardedStream:
    """Standard output for the reports: a failed write becomes ReaderGone or OutputFailed.

    It writes to ``sys.stdout`` as it is at each write (a test or an embedding
    program may replace it); a closed standard output (``qualmark … >&-``,
    where Python has none) fails at the first write. Everything else
    (``encoding``, …) is the real stream's.
    """

    @contextmanager
    def _guard(self) -> Iterator[TextIO]:
        stream = sys.stdout
        if stream is None:
            raise OutputFailed("it is closed")
        try:
            yield stream
        except BrokenPipeError:
            raise ReaderGone from None
        except (OSError, ValueError) as exc:  # ValueError: a file closed under us
            raise OutputFailed(getattr(exc, "strerror", None) or str(exc)) from None

    def write(self, text: str) -> int:
        with self._guard() as stream:
            return stream.write(text)

    def flush(self) -> None:
        if sys.stdout is not None:
            with self._guard() as stream:
                stream.flush()

    def isatty(self) -> bool:
        return sys.stdout is not None and sys.stdout.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(sys.stdout, name)


app = typer.Typer(
    help="Check career-guidance quality-mark frameworks and candidate portfolios.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

stdout = GuardedStream()
err = Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        stdout.write(f"qualmark {package_version('qualmark')}\n")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print qualmark's version and exit."
        ),
    ] = False,
) -> None:
    """Check career-guidance quality-mark frameworks and candidate portfolios."""


AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Evaluation date (YYYY-MM-DD); default: each portfolio's submission date."),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the report: one the framework is written in (default: its first). "
        "qualmark's own messages exist in en and nl.",
        show_default=False,
    ),
]
LangFallback = Annotated[
    bool,
    typer.Option(
        "--lang-fallback",
        help="Allow a --lang that qualmark has no messages in: the framework's texts in it, qualmark's "
        "messages in English (the report says so at its top).",
    ),
]
MaxFileSize = Annotated[
    str | None,
    typer.Option(
        "--max-file-size",
        envvar=ENVIRONMENT_VARIABLE,
        show_default=False,
        metavar="SIZE",
        help=f"Largest file read, such as 20M or 512k (default {format_size(DEFAULT_MAX_BYTES)}).",
    ),
]


def _say(text: Text) -> None:
    """A line on standard error; if even that cannot be written, there is no one left to tell."""
    if sys.stderr is None:
        return
    with suppress(OSError, ValueError):
        err.print(text)


def _report(error: QualmarkError, heading: str, lines: Sequence[str] | None = None) -> None:
    """The problems of ``error`` on standard error; with the file's ``lines``, each under its source line."""
    count = len(error.problems)
    _say(Text.assemble((inert(heading), "bold red"), f": {count} problem{'s' if count != 1 else ''}"))
    for problem in error.problems:
        _problem_line(problem, "error", "red", lines)


def _problem_line(problem: Problem, severity: str, colour: str, lines: Sequence[str] | None = None) -> None:
    line = Text(f"{shorten(inert(problem.where), 160)}: " if problem.where else "")  # a key may be long
    line.append(severity, colour)
    line.append(f": {inert(problem.message)}")
    if problem.hint:
        line.append(f" — {inert(problem.hint)}", "dim")
    _say(line)
    span = problem.span
    if lines and span is not None and 1 <= span.line <= len(lines):
        source = lines[span.line - 1].rstrip("\r\n")
        before = inert(source[: span.column - 1])
        _say(Text(f"    | {shorten(inert(source), 160)}", "dim"))
        if len(before) < 160:
            _say(Text(f"    | {' ' * len(before)}^", colour))


def _source_lines(path: Path, max_bytes: int) -> list[str] | None:
    """The lines of a file, to show under its problems; none when it cannot be read as text."""
    try:
        return re.split("\r\n|[\n\r\x85\u2028\u2029]", read_text(path, max_bytes))  # YAML's line breaks
    except QualmarkError:
        return None


def _fail(message: str) -> NoReturn:
    _say(Text.assemble(("error", "red"), f": {inert(message)}"))
    raise typer.Exit(ExitCode.BAD_INPUT)


def _max_bytes(value: str | None) -> int:
    if value is None:
        return DEFAULT_MAX_BYTES
    try:
        return parse_size(value)
    except ValueError:
        _fail(
            f"--max-file-size '{shorten(value)}' is not a size; write a number of bytes "
            f"or one with k, M or G, like 20M (also from {ENVIRONMENT_VARIABLE})"
        )


def _load(path: Path, max_bytes: int) -> Framework:
    try:
        return load_framework(path, max_bytes=max_bytes)
    except LoadError as exc:
        _report(exc, f"cannot read framework {path}")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    except QualmarkError as exc:
        _report(exc, f"invalid framework {path}")
        raise typer.Exit(ExitCode.FAILED) from None


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command("validate")
def validate(
    frameworks: Annotated[
        list[Path],
        typer.Argument(help="Framework YAML files.", show_default=False, readable=False, metavar="FRAMEWORK"),
    ],
    output: Annotated[
        ValidateFormat,
        typer.Option("--format", help="Output format (json, github annotations, SARIF 2.1.0)."),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")] = False,
    max_file_size: MaxFileSize = None,
) -> None:
    """Check framework files; report every problem with file:line:col, and warnings about likely gaps."""
    from qualmark.lint import ERROR, WARNING, findings  # each command imports what only it needs
    from qualmark.progress import progress
    from qualmark.report.validation import RENDERERS as VALIDATION_RENDERERS
    from qualmark.report.validation import FileResult

    max_bytes = _max_bytes(max_file_size)
    _not_an_input(None, frameworks, stdout=True)
    worst = ExitCode.OK
    results: list[FileResult] = []
    for path in frameworks:
        try:
            examination = examine_framework(read_text(path, max_bytes), str(path))
        except LoadError as exc:  # no such file, not text, too large
            examination = Examination(None, exc)
        error, framework = examination.error, examination.framework
        found = findings(examination)
        done = progress(framework.document) if framework is not None else None
        results.append(FileResult(str(path), framework.id if framework else None, tuple(found), done))
        warned = any(f.severity == WARNING for f in found)
        if error is not None:
            worst = max(worst, ExitCode.BAD_INPUT if isinstance(error, LoadError) else ExitCode.FAILED)
        elif warned and strict:
            worst = max(worst, ExitCode.FAILED)
        if output is not ValidateFormat.text:
            continue
        lines = _source_lines(path, max_bytes) if found else None
        if error is not None:
            heading = f"{'cannot read' if isinstance(error, LoadError) else 'invalid framework'} {path}"
            count = len(error.problems)
            _say(Text.assemble((inert(heading), "bold red"), f": {count} problem{'s' if count != 1 else ''}"))
        elif framework is not None and done is not None:
            stdout.write(
                f"valid {inert(str(path))}: {framework.id} ({len(framework.rules)} top-level requirements)\n"
                f"  QUAL-IM-G questions: {done.summary()}\n"
            )
        for finding in found:
            colour = "red" if finding.severity == ERROR else "yellow"
            _problem_line(finding.problem, finding.severity, colour, lines)
    if output is not ValidateFormat.text:
        stdout.write(VALIDATION_RENDERERS[output.value](results))
    raise typer.Exit(worst)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    why = why_not_a_date(value)
    if why is not None:
        _fail(f"--as-of '{shorten(value)}' is {why}")
    return dt.date.fromisoformat(value)


@app.command("check")
def check(
    framework: Annotated[
        Path,
        typer.Argument(
            help="The framework YAML file.", show_default=False, readable=False, metavar="FRAMEWORK"
        ),
    ],
    portfolios: Annotated[
        list[Path],
        typer.Argument(help="Portfolio JSON files.", show_default=False, readable=False, metavar="PORTFOLIO"),
    ],
    as_of: AsOfOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
    lang: LangOption = None,
    lang_fallback: LangFallback = False,
    judgements: Annotated[
        list[Path] | None,
        typer.Option(
            "--judgements",
            help="Assessors' judgements (YAML or JSON) on the review items; repeat for several files. "
            "Each applies to the portfolio of the candidate it names.",
            readable=False,
        ),
    ] = None,
    audience: Annotated[
        AudienceOption,
        typer.Option(
            "--audience",
            help="Who reads a markdown or html report: the candidate (what to add) or the assessor "
            "(also the evidence, the source's sentences and room for each judgement).",
        ),
    ] = AudienceOption.candidate,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write the report to this file instead of standard output; with markdown or html and an "
            "existing folder, one file per portfolio there plus an index.",
            show_default=False,
        ),
    ] = None,
    max_file_size: MaxFileSize = None,
) -> None:
    """Evaluate portfolios against a framework and explain every requirement.

    Each portfolio gets one result, in order, written as soon as it is made
    (markdown and html: one document at the end, or a file each with --out FOLDER).
    """
    date = _parse_date(as_of)
    max_bytes = _max_bytes(max_file_size)
    compiled = _load(framework, max_bytes)
    if not compiled.rules:
        _fail(f"{framework} states no requirements, so there is nothing to check (see testing.requirements)")
    language = _language(lang, lang_fallback, compiled)
    decided = _judgements(judgements or [], max_bytes)
    read = [framework, *portfolios, *(judgements or [])]
    _not_an_input(out, read, stdout=out is None)
    with _output(out) as stream:
        worst = _check_all(
            compiled,
            portfolios,
            _report_for(output, stream, out, language, audience, len(portfolios) > 1, read),
            decided,
            date,
            max_bytes,
        )
    raise typer.Exit(worst)


def _language(lang: str | None, fallback: bool, framework: Framework) -> str:
    """The language a report is written in: ``--lang``, else the framework's first language."""
    if lang is None:
        return framework.document.languages[0]
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        _fail(
            f"--lang {quote(lang)} is not a language code; write a two- or three-letter code such as en or nl"
        )
    problem = language_problem(lang, framework.document.languages, fallback)
    if problem is not None:
        _fail(f"--lang {lang}: {problem}")
    return lang


@app.command("docs")
def docs(
    framework: Annotated[
        Path,
        typer.Argument(
            help="The framework YAML file.", show_default=False, readable=False, metavar="FRAMEWORK"
        ),
    ],
    output: Annotated[DocsFormat, typer.Option("--format", help="Output format.")] = DocsFormat.markdown,
    lang: LangOption = None,
    lang_fallback: LangFallback = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Write the handbook to this file instead of standard output.", show_default=False
        ),
    ] = None,
    max_file_size: MaxFileSize = None,
) -> None:
    """The framework as a handbook: its QUAL-IM-G answers, profile, portfolio and every requirement with its source."""
    compiled = _load(framework, _max_bytes(max_file_size))
    language = _language(lang, lang_fallback, compiled)
    if out is not None and out.is_dir():
        _fail(f"--out {out} is a folder; give a file name such as {out / ('handbook.' + output.file_suffix)}")
    _not_an_input(out, [framework], stdout=out is None)
    from qualmark.report.documents import render_handbook  # Jinja2: only for the documents

    text = render_handbook(compiled, output.value, language)
    with _output(out) as stream:
        stream.write(text)
    raise typer.Exit(ExitCode.OK)


@app.command("batch")
def run_batch(
    framework: Annotated[
        Path,
        typer.Argument(
            help="The framework YAML file.", show_default=False, readable=False, metavar="FRAMEWORK"
        ),
    ],
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Portfolio files, folders of them, JSON Lines files (.jsonl, .ndjson: a portfolio per "
            "line), or - for JSON Lines on standard input.",
            show_default=False,
            metavar="INPUT",
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write the results (JSON Lines, one per input, in input order) to this file instead of "
            "standard output; the summary then goes to standard output.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Processes to evaluate with: at most one per core (the default).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Go on with a batch that was stopped: keep the results already in --out (they must be "
            "of the same inputs, in order) and add the rest.",
        ),
    ] = False,
    summary_only: Annotated[
        bool,
        typer.Option("--summary-only", help="Write no results: only the counts per verdict and requirement."),
    ] = False,
    lang: LangOption = None,
    lang_fallback: LangFallback = False,
    max_file_size: MaxFileSize = None,
) -> None:
    """Evaluate many portfolios on every core: one result line per input, in order, and a summary.

    Exit code as for check: 0 all eligible, 1 any not eligible, incomplete or for the assessor,
    2 any input that could not be read or checked (its result line is an error record).
    """
    from qualmark.batch import Busy, LineWriter, Summary, done_already  # processes: only for a batch
    from qualmark.batch import Options as BatchOptions
    from qualmark.batch import inputs as batch_inputs
    from qualmark.batch import run as batch_run

    date = _parse_date(as_of)
    max_bytes = _max_bytes(max_file_size)
    compiled = _load(framework, max_bytes)
    if not compiled.rules:
        _fail(f"{framework} states no requirements, so there is nothing to check (see testing.requirements)")
    language = _language(lang, lang_fallback, compiled)
    cores = _cores()
    count = workers if workers is not None else cores
    if count < 1:
        _fail(f"--workers {count}: give 1 or more")
    if count > cores:  # each worker holds a framework: thousands would only fill the memory
        _say(
            Text(
                f"--workers {count}: qualmark may use {cores} core{'s' if cores != 1 else ''} here, and more "
                f"workers than cores cannot go faster; using {cores}"
            )
        )
        count = cores
    if resume and out is None:
        _fail("--resume goes on with the results in --out: give --out FILE")
    if resume and "-" in sources:
        _fail("--resume reads the inputs again, which standard input cannot give: save them to a file first")
    if out is not None and summary_only:
        _fail("--summary-only writes no results: leave out --out, or --summary-only")
    if sources.count("-") > 1:
        _fail("- (standard input) can be read once: give it once")
    if out is not None and out.is_dir():
        _fail(f"--out {out} is a folder; give a file name such as {out / 'results.jsonl'}")
    _not_an_input(out, [framework, *sources], stdout=True)  # results or the summary go there
    stdin = getattr(sys.stdin, "buffer", None)  # none when it is closed (`<&-`)
    summary = Summary()
    skip = 0
    writer: LineWriter | None = None
    if out is not None:
        if out.exists() and out.stat().st_size and not resume:
            _fail(f"--out {out} already holds results: give --resume to go on with them, or another file")
        try:
            writer = LineWriter(out)  # held, and locked, from before the results are read back
        except Busy:
            _fail(
                f"--out {out} is being written by another qualmark batch: let it finish (or stop it), then --resume"
            )
        except OSError as exc:
            _fail(f"cannot write --out {out}: {exc.strerror or exc}")
    # what the batch writes, never read as an input: --out, and the file standard output was sent to
    # (the results without --out, the summary with it)
    written = {
        f for f in (file_id(writer.fd) if writer is not None else None, _stdout_file()) if f is not None
    }
    if resume and out is not None:
        try:
            read_back = batch_inputs(sources, stdin, max_bytes, written=written)
            skip, summary, cut = done_already(out, read_back)
        except QualmarkError as exc:
            _report(exc, f"cannot resume {out}")
            raise typer.Exit(ExitCode.BAD_INPUT) from None
        cut()
    items = itertools.islice(batch_inputs(sources, stdin, max_bytes, written=written), skip, None)
    write = writer.write if writer is not None else (None if summary_only else _stdout_line)
    interrupted = False
    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    for signum, handler in previous.items():
        # a stop ignored by whoever started the batch (`cmd &` in a script, `trap '' INT`) stays so
        if handler is not signal.SIG_IGN:
            signal.signal(signum, _stop)
    try:
        with _batch_progress(skip) as advance:
            options = BatchOptions(as_of=date, lang=language, records=write is not None)
            for result in batch_run(compiled, items, workers=count, options=options):
                if write is not None:
                    write(result.record)
                summary.add(result)
                if result.error is not None:  # its problems, inert, as check shows them
                    _report(
                        result.error,
                        f"cannot evaluate {result.file}" + (f":{result.line}" if result.line else ""),
                    )
                advance()
    except KeyboardInterrupt:
        interrupted = True
    except OSError as exc:
        _fail(f"cannot write the results: {exc.strerror or exc}")
    finally:
        if not interrupted:  # after a stop they stay ignored: the process is ending (see _stop)
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        if writer is not None:
            writer.close()
    lines = _summary_lines(summary)
    if summary_only or out is not None:
        stdout.write("\n".join(lines) + "\n")
    else:
        for line in lines:
            _say(Text(line))
    if interrupted:
        again = (
            "run it again with --resume to add the rest"
            if out is not None
            else "give --out FILE to be able to resume"
        )
        _say(Text(f"stopped after {summary.total:,} results; {again}"))
        raise typer.Exit(130)
    worst = ExitCode.BAD_INPUT if summary.errors else ExitCode.OK
    if worst is ExitCode.OK and summary.total != summary.verdicts[Verdict.ELIGIBLE.value]:
        worst = ExitCode.FAILED
    raise typer.Exit(worst)


def _cores() -> int:
    """The cores this process may run on (fewer than the machine's under taskset or a container's
    CPU set)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _stdout_file() -> FileId | None:
    """The regular file standard output goes to (``> results.jsonl``), if it goes to one."""
    try:
        info = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or a stream of a program's own
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _stop(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM (kill, timeout, systemd) stops a batch: whole lines only, and a summary.

    Stops after the first are ignored: the workers are being shut down, and a second stop there
    (``timeout`` signals the batch and then its group; a Ctrl-C pressed twice) would cut the
    shutdown short and leave the batch hanging on workers that were never told to end.
    """
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    raise KeyboardInterrupt


def _stdout_line(line: str) -> None:
    stdout.write(line + "\n")


@contextmanager
def _batch_progress(done: int) -> Iterator[Callable[[], None]]:
    """A progress line on a terminal (standard error); nothing when it is not one."""
    if not err.is_terminal:
        yield lambda: None
        return
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("evaluated"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("batch", total=None, completed=done)
        yield lambda: progress.advance(task)


def _summary_lines(summary: Summary) -> list[str]:
    """The batch in a few lines: counts per verdict, then the requirements portfolios fail, most first."""
    words = {
        Verdict.ELIGIBLE.value: "eligible",
        Verdict.NOT_ELIGIBLE.value: "not eligible",
        Verdict.INCOMPLETE.value: "incomplete",
        Verdict.REVIEW.value: "review",
    }
    counts = ", ".join(f"{summary.verdicts[v]:,} {word}" for v, word in words.items())
    portfolios = "portfolio" if summary.total == 1 else "portfolios"
    lines = [f"{summary.total:,} {portfolios}: {counts}; {summary.errors:,} not evaluated"]
    if summary.failing:
        lines.append("failed by (portfolios per requirement):")
        shown = {rule: inert(rule) for rule in summary.failing}  # as printed: the column fits that
        width = max(map(len, shown.values()))
        for rule, n in sorted(summary.failing.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {shown[rule]:<{width}} {n}")
    return lines


def _not_an_input(out: Path | None, inputs: Sequence[Path | str], *, stdout: bool) -> None:
    """Refuse to write over a file the command reads: ``--out``, or, when the command writes to
    standard output (``stdout``), the file the shell sent that to (``>> portfolio.json``)."""
    sent_to = _stdout_file() if stdout else None
    for path in inputs:
        if str(path) == "-":
            continue
        if out is not None and same_file(Path(path), out):
            named = (
                "one of the inputs" if str(Path(path)) == str(out) else f"the input {path} under another name"
            )
            _fail(f"--out {out} is {named}: writing there would destroy it; give another file")
        if sent_to is not None and file_id(Path(path)) == sent_to:
            _fail(
                f"standard output goes to the input {path}: writing there would destroy it; send it elsewhere"
            )


@contextmanager
def _output(out: Path | None) -> Iterator[TextIO]:
    """Where the report goes: standard output, or the file ``--out`` names (a folder is the report's own)."""
    if out is None or out.is_dir():
        # GuardedStream is not a TextIO to the type checker, but does all a report asks of one
        yield stdout  # type: ignore[misc]
        return
    try:
        stream = out.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write --out {out}: {exc.strerror or exc}")
    with stream:
        yield stream


def _report_for(
    output: OutputFormat,
    stream: TextIO,
    out: Path | None,
    lang: str,
    audience: AudienceOption,
    many: bool,
    read: Sequence[Path],
) -> Report:
    if output in (OutputFormat.markdown, OutputFormat.html):
        from qualmark.report.documents import SUFFIXES, DocumentReport, FolderReport  # Jinja2: only for these

        if out is not None and out.is_dir():
            index = out / ("index" + SUFFIXES[output.value])
            for path in read:
                if same_file(path, index):
                    _fail(
                        f"--out {out}: its index of the reports would replace the input {path}; give another folder"
                    )
            return FolderReport(out, lang, output.value, audience.value, keep=read)
        return DocumentReport(stream, lang, output.value, audience.value)
    if out is not None and out.is_dir():
        _fail(f"--out {out} is a folder: a folder of reports is for --format markdown or html; give a file")
    return REPORTS[output.value](stream, lang, many)


def _check_all(
    compiled: Framework,
    portfolios: list[Path],
    report: Report,
    decided: list[Judgements],
    date: dt.date | None,
    max_bytes: int,
) -> ExitCode:
    """Evaluate each portfolio into ``report``; the worst exit code of them all."""
    worst = ExitCode.OK
    used: set[int] = set()
    for path in portfolios:
        try:
            portfolio = load_portfolio(path, compiled, max_bytes=max_bytes)
            # with one portfolio every file applies to it (and one for someone else is an error)
            mine = [j for j in decided if len(portfolios) == 1 or j.names(portfolio)]
            used.update(id(j) for j in mine)
            evaluation = compiled.evaluate(portfolio, as_of=date, judgements=mine)
        except QualmarkError as exc:
            _report(exc, f"cannot evaluate {path}")
            report.failure(str(path), exc)
            worst = max(worst, ExitCode.BAD_INPUT)
            continue
        try:
            report.evaluation(evaluation)
        except OSError as exc:  # a folder report's file
            _fail(f"cannot write the report of {path}: {exc.strerror or exc}")
        if evaluation.verdict is not Verdict.ELIGIBLE:
            worst = max(worst, ExitCode.FAILED)
    try:
        report.close()
    except OSError as exc:  # a folder report's files
        _fail(f"cannot write the report: {exc.strerror or exc}")
    for unused in (j for j in decided if id(j) not in used):
        _report(
            JudgementsError(
                [
                    Problem(
                        f"these judgements are for candidate {quote(unused.document.candidate)}, "
                        "whose portfolio was not checked",
                        unused.smap.span(("candidate",)),
                        hint="give that candidate's portfolio, or leave this file out",
                    )
                ]
            ),
            f"unused judgements {unused.file}",
        )
        worst = max(worst, ExitCode.BAD_INPUT)
    return worst


def _judgements(paths: list[Path], max_bytes: int) -> list[Judgements]:
    """Every judgements file read, or a clear error and exit 2 before any portfolio is checked."""
    result = []
    for path in paths:
        try:
            result.append(load_judgements(path, max_bytes))
        except QualmarkError as exc:
            _report(exc, f"cannot read judgements {path}")
            raise typer.Exit(ExitCode.BAD_INPUT) from None
    return result


class QuestionsFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("questions")
def questions(
    framework: Annotated[
        Path,
        typer.Argument(
            help="The framework YAML file.", show_default=False, readable=False, metavar="FRAMEWORK"
        ),
    ],
    only_open: Annotated[bool, typer.Option("--open", help="List only the questions still open.")] = False,
    output: Annotated[
        QuestionsFormat, typer.Option("--format", help="Output format.")
    ] = QuestionsFormat.text,
    minimum: Annotated[
        float | None,
        typer.Option("--min", help="Fail (exit 1) when fewer than this percent are answered or skipped."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of skip reasons (default: the framework's first).")
    ] = None,
    max_file_size: MaxFileSize = None,
) -> None:
    """How far a framework answers the QUAL-IM-G questions, per building block: answered, skipped, open."""
    from qualmark.progress import progress
    from qualmark.report.progress import RENDERERS as PROGRESS_RENDERERS

    if minimum is not None and not 0 <= minimum <= 100:
        _fail(f"--min {minimum:g} is not a percentage; give 0 to 100")
    _not_an_input(None, [framework], stdout=True)
    compiled = _load(framework, _max_bytes(max_file_size))
    result = progress(compiled.document)
    language = lang or compiled.document.languages[0]
    stdout.write(PROGRESS_RENDERERS[output.value](result, only_open, language))
    if minimum is not None and result.percent < minimum:
        _say(Text(f"{result.percent:.1f} % answered or skipped, below --min {minimum:g}"))
        raise typer.Exit(ExitCode.FAILED)
    raise typer.Exit(ExitCode.OK)


class TestFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    github = "github"


@app.command("test")
def run_tests(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=f"Test files, or folders to search for *{TEST_FILE_SUFFIX} files (default: the current folder).",
            show_default=False,
            readable=False,
            metavar="PATH",
        ),
    ] = None,
    keyword: Annotated[
        str | None, typer.Option("-k", help="Run only the cases whose name contains this text (any case).")
    ] = None,
    output: Annotated[TestFormat, typer.Option("--format", help="Output format.")] = TestFormat.text,
    with_coverage: Annotated[
        bool,
        typer.Option("--coverage", help="Report which requirements no case meets or fails, per framework."),
    ] = False,
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage", help="Fail (exit 1) when a framework's coverage is below this percent."
        ),
    ] = None,
    update: Annotated[
        Path | None,
        typer.Option(
            "--update",
            metavar="FRAMEWORK",
            readable=False,
            help="Write a new test file (--out) with what FRAMEWORK makes of the portfolios in PATH… now.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", readable=False, help="With --update: the new test file (never overwritten)."),
    ] = None,
    max_file_size: MaxFileSize = None,
) -> None:
    """Run framework test files: each case's portfolio against its framework, compared with what it expects.

    Exits 0 when every case passes, 1 when one fails, 2 when a file or a case's input cannot be read.
    With --update FRAMEWORK --out FILE, writes a snapshot test file from portfolio files or folders instead.
    """
    from qualmark.report.suite import RENDERERS
    from qualmark.suite import CaseResult, coverage, discover, load_suite

    max_bytes = _max_bytes(max_file_size)
    if update is not None or out is not None:
        _write_snapshot(update, paths or [], out, max_bytes)
    files: list[Path] = []
    for path in paths or [Path(".")]:
        if path.is_dir():
            files.extend(discover(path))
        else:
            files.append(path)
    if not files:
        _fail(f"no test files (*{TEST_FILE_SUFFIX}) below {', '.join(str(p) for p in paths or [Path('.')])}")
    _not_an_input(None, files, stdout=True)
    if min_coverage is not None and not 0 <= min_coverage <= 100:
        _fail(f"--min-coverage {min_coverage:g} is not a percentage; give 0 to 100")
    worst = ExitCode.OK
    results: list[CaseResult] = []
    frameworks: dict[Path, Framework | None] = {}
    evaluated: dict[Path, list[Evaluation]] = {}
    for file in files:
        try:
            suite = load_suite(file, max_bytes)
        except QualmarkError as exc:
            _report(exc, f"cannot read tests {file}")
            worst = ExitCode.BAD_INPUT
            continue
        _not_an_input(None, suite.files(), stdout=True)  # the report goes there once all is read
        where = suite.framework_path
        if where not in frameworks:
            try:
                frameworks[where] = load_framework(where, max_bytes=max_bytes)
            except QualmarkError as exc:
                _report(exc, f"cannot load framework {where} named by {file}")
                frameworks[where] = None
        framework = frameworks[where]
        if framework is None:
            worst = ExitCode.BAD_INPUT
            continue
        for result in suite.run(framework, keyword, max_bytes):
            results.append(result)
            if result.evaluation is not None:
                evaluated.setdefault(where, []).append(result.evaluation)
            if result.problems:
                worst = ExitCode.BAD_INPUT
            elif result.differences:
                worst = max(worst, ExitCode.FAILED)
    coverages = []
    if with_coverage or min_coverage is not None:
        coverages = [
            coverage(fw, evaluated.get(path, [])) for path, fw in frameworks.items() if fw is not None
        ]
        if min_coverage is not None and any(c.percent < min_coverage for c in coverages):
            worst = max(worst, ExitCode.FAILED)
    stdout.write(RENDERERS[output.value](results, coverages))
    raise typer.Exit(worst)


def _write_snapshot(framework: Path | None, paths: list[Path], out: Path | None, max_bytes: int) -> NoReturn:
    from qualmark.suite import snapshot

    if framework is None or out is None:
        _fail("--update FRAMEWORK and --out FILE go together")
    if not paths:
        _fail("give the portfolio files or folders to take the snapshot of")
    if out.exists():
        _fail(f"{out} exists: a snapshot never overwrites expectations; choose a new file or remove it")
    portfolios = [p for path in paths for p in (sorted(path.glob("*.json")) if path.is_dir() else [path])]
    if not portfolios:
        _fail(f"no portfolio files (*.json) in {', '.join(str(p) for p in paths)}")
    compiled = _load(framework, max_bytes)
    try:
        text = snapshot(compiled, portfolios, out, max_bytes)
    except QualmarkError as exc:
        _report(exc, "cannot take the snapshot")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    try:
        with open(out, "x", encoding="utf-8") as file:
            file.write(text)
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    _say(Text(f"wrote {len(portfolios)} cases to {inert(str(out))}: review them before relying on them"))
    raise typer.Exit(ExitCode.OK)


@app.command("schema")
def schema(
    framework: Annotated[
        Path | None,
        typer.Argument(
            help="The framework YAML file.", show_default=False, readable=False, metavar="FRAMEWORK"
        ),
    ] = None,
    dsl: Annotated[
        bool, typer.Option("--dsl", help="Print the schema of framework files instead (for editors).")
    ] = False,
    tests: Annotated[
        bool,
        typer.Option("--tests", help="Print the schema of framework test files (qualmark test) instead."),
    ] = False,
    max_file_size: MaxFileSize = None,
) -> None:
    """Print the JSON Schema of a framework's portfolios (or of framework files, or of test files)."""
    if [dsl, tests, framework is not None].count(True) != 1:
        _fail(
            "give one of: a FRAMEWORK (its portfolio schema), --dsl (the framework-file schema) "
            "or --tests (the test-file schema)"
        )
    if dsl:
        document = framework_schema()
    elif tests:
        document = tests_schema()
    else:
        assert framework is not None
        _not_an_input(None, [framework], stdout=True)
        document = _load(framework, _max_bytes(max_file_size)).portfolio_schema()
    stdout.write(dumps(document) + "\n")


@app.command("new")
def new(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Where to write the new framework (it must not exist yet); without it the blank template is printed.",
            show_default=False,
            readable=False,
            metavar="PATH",
        ),
    ] = None,
    framework_id: Annotated[
        str | None, typer.Option("--id", help="Id of the new framework (default: the file name).")
    ] = None,
    languages: Annotated[
        list[str] | None,
        typer.Option("--lang", help="A language of the framework's texts; repeat for several (default: en)."),
    ] = None,
) -> None:
    """Write a new framework file that validates as written: every QUAL-IM-G question as a comment and
    unanswered, a minimal profile and one requirement to replace, and a $schema modeline for editors."""
    from qualmark.catalogue.template import render_template

    if path is None:
        stdout.write(render_template(_framework_id(framework_id or "my-quality-mark")))
        raise typer.Exit(ExitCode.OK)
    name = path.name.removesuffix(".yaml").removesuffix(".yml")
    chosen = _framework_id(framework_id or name)
    langs = tuple(dict.fromkeys(languages or ["en"]))
    for lang in langs:
        if not re.fullmatch(r"[a-z]{2,3}", lang):
            _fail(
                f"--lang '{shorten(lang)}' is not a language code; write a two- or three-letter code such as en or nl"
            )
    if path.exists():
        _fail(f"{path} exists; choose a new file name")
    schema = resources.files("qualmark") / "schemas" / "framework.schema.json"
    modeline = os.path.relpath(str(schema), path.resolve().parent)
    try:
        with open(path, "x", encoding="utf-8") as file:
            file.write(render_template(chosen, langs, modeline, starter=True))
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror or exc}")
    _say(Text(f"wrote {inert(str(path))}: check it with qualmark validate, then answer the questions"))
    raise typer.Exit(ExitCode.OK)


def _framework_id(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value):
        _fail(
            f"'{shorten(value)}' is not a valid id; use lower-case letters, digits, '-', '.' and '_', "
            "starting with a letter or digit (give one with --id)"
        )
    return value


def _is_usage_error(exc: Exception) -> bool:
    """A wrong command line, as click (inside typer) reports it: a ClickException."""
    return any(kind.__name__ == "ClickException" for kind in type(exc).__mro__)


def _usage(exc: Any) -> int:
    """Say what is wrong with the command line (inert: it may quote a file name) and give its exit code."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        stdout.write(ctx.get_help() + "\n")
    else:
        if ctx is not None:
            _say(Text(ctx.get_usage()))
            _say(Text(f"Try '{ctx.command_path} --help' for help."))
        _say(Text.assemble(("error", "red"), f": {inert(exc.format_message())}"))
    code = getattr(exc, "exit_code", ExitCode.BAD_INPUT)
    return code if isinstance(code, int) else ExitCode.BAD_INPUT


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that Python's last flush at exit cannot fail again."""
    if sys.stdout is None:  # it was closed before qualmark started: nothing to flush at exit
        return
    with suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _app_for(argv: Sequence[str]) -> typer.Typer:
    """The app with only the command the line names, when it names one: typer makes the options of
    every command before it runs any (~12 ms of a cold start). Help and errors are the command's
    own either way; without a command name (``qualmark --help``, a typo) the whole app answers."""
    # (each command is named in its decorator, as typer would name it)
    chosen = [command for command in app.registered_commands if argv and command.name == argv[0]]
    if not chosen:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands = chosen
    return narrowed


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code; nothing escapes as a traceback."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show ✔ or ë gets escapes, not a crash
        with suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        try:
            result = _app_for(sys.argv[1:] if argv is None else argv)(
                args=argv, prog_name="qualmark", standalone_mode=False
            )
            code: int = result if isinstance(result, int) else ExitCode.OK  # typer.Exit(n) returns n
        except Exception as exc:
            if not _is_usage_error(exc):
                raise
            code = _usage(exc)
        stdout.flush()
        return code
    except ReaderGone:
        _quiet_stdout()
        return ExitCode.READER_GONE
    except OutputFailed as exc:
        _quiet_stdout()
        _say(Text.assemble(("error", "red"), f": cannot write to standard output: {inert(exc.reason)}"))
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        return 130  # 128 + SIGINT
    except Exception as exc:  # a bug: say so in one line, never as a verdict
        _say(
            Text(
                f"qualmark: internal error: {type(exc).__name__}: {inert(shorten(str(exc), 200))} "
                "(please report it, with the command and the files that caused it)"
            )
        )
        return ExitCode.INTERNAL


def main() -> None:
    """Console entry point."""
    sys.exit(run())
