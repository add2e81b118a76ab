"""Many portfolios against one framework: streamed in, spread over processes, streamed out in order.

``qualmark batch`` reads its inputs one at a time (:func:`inputs`: portfolio files, folders of
them, JSON Lines files, standard input), sends them in small chunks to worker processes that each
hold the compiled framework (built once, pickled to each worker), and gives back one
:class:`Result` per input, in input order, as soon as it and every earlier one are done. At most a
few chunks per worker are in flight, so memory stays flat however many inputs there are.

An input that cannot be read or checked gives an error record in its place (the record
``check --format json`` writes); a worker process that dies (a crash, the out-of-memory killer)
costs only the inputs it held: their chunk is run again one input at a time, and the input that
takes a worker down again gets an error record of its own.

:func:`qualmark.evaluate_many` is the plain function underneath, for programs that bring their
own portfolios (and their own way of running things in parallel).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import signal
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from qualmark.errors import LoadError, Problem, QualmarkError
from qualmark.explain import Verdict
from qualmark.files import DEFAULT_MAX_BYTES, FileId, file_id, open_regular, read_bytes
from qualmark.framework import Framework
from qualmark.portfolio import parse_portfolio
from qualmark.report.json import dumps_line
from qualmark.source import Span

CHUNK = 32  # inputs per task sent to a worker: enough to make the sending cheap
IN_FLIGHT = 4  # chunks per worker waiting or running at any time: enough to keep every worker busy

JSON_LINES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Input:
    """One portfolio to evaluate: where it comes from and its text (or why it could not be read)."""

    index: int  # its place among all inputs, from 0
    file: str  # the file it was read from ("-": standard input)
    line: int | None  # its line in a JSON Lines file
    data: bytes | None
    error: LoadError | None = None

    @property
    def where(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one input: the record to write (one line of JSON), and what the summary counts."""

    index: int
    file: str
    line: int | None
    record: str  # one line of JSON, no newline: an evaluation, or an error record
    verdict: str | None  # None when the input could not be evaluated
    failing: tuple[str, ...] = ()  # the requirements it fails (Evaluation.gaps())
    error: QualmarkError | None = None  # why it could not be evaluated

    @property
    def problems(self) -> tuple[str, ...]:
        """Why it could not be evaluated, a problem per line (none when it was)."""
        return tuple(str(p) for p in self.error.problems) if self.error is not None else ()


# --- reading the inputs ------------------------------------------------------------------------


def inputs(
    paths: Sequence[str],
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    written: Collection[FileId] = (),
) -> Iterator[Input]:
    """Every portfolio the paths name, in order, read one at a time.

    A folder gives the ``*.json`` files below it (sorted by path) and the JSON Lines files
    (``*.jsonl``, ``*.ndjson``) in it; a JSON Lines file one portfolio per non-blank line; ``-``
    the JSON Lines of ``stdin``; any other file one portfolio. What cannot be read gives an
    :class:`Input` with its error, in its place, and so does a folder, a JSON Lines file or ``-``
    that holds no portfolio at all. ``written`` are the files the batch writes to (:func:`file_id`):
    its results, its summary. A folder that holds one is read without it (the batch would read its
    own output back as portfolios).
    """
    index = 0
    for path in paths:
        for item in _expand(path, stdin, max_bytes, written):
            yield Input(index, *item)
            index += 1


def _expand(
    path: str, stdin: BinaryIO | None, max_bytes: int, written: Collection[FileId]
) -> Iterator[tuple[str, int | None, bytes | None, LoadError | None]]:
    if path == "-":
        if stdin is None:
            problem = Problem(
                "there is no standard input to read: it is closed", file="-", hint="pipe the portfolios in"
            )
            yield "-", None, None, LoadError([problem])
        else:
            yield from _lines(stdin, "-", max_bytes)
        return
    location = Path(path)
    if location.is_dir():
        found = sorted(
            p
            for p in location.rglob("*")
            if p.suffix in (".json", *JSON_LINES)
            and not p.is_dir()
            and not (written and file_id(p) in written)
        )
        if not found:
            problem = Problem(
                "the folder holds no portfolio: no *.json, *.jsonl or *.ndjson file",
                file=path,
                hint="give the folder the portfolios are in",
            )
            yield path, None, None, LoadError([problem])
        for each in found:
            yield from _expand(str(each), stdin, max_bytes, written)
        return
    if location.suffix in JSON_LINES:
        try:
            stream = open_regular(location)
        except LoadError as exc:
            yield path, None, None, exc
            return
        with stream:
            yield from _lines(stream, path, max_bytes)
        return
    try:
        yield path, None, read_bytes(location, max_bytes), None
    except LoadError as exc:
        yield path, None, None, exc


def _lines(
    stream: BinaryIO, file: str, max_bytes: int
) -> Iterator[tuple[str, int | None, bytes | None, LoadError | None]]:
    """The non-blank lines of a JSON Lines stream, each at most ``max_bytes`` (a longer one is refused);
    a stream that holds none gives an error in their place."""
    number = 0
    any_line = False
    while True:
        line = stream.readline(max_bytes + 2)
        if not line:
            break
        number += 1
        if len(line) > max_bytes + 1 or (len(line) == max_bytes + 1 and not line.endswith(b"\n")):
            while line and not line.endswith(b"\n"):  # skip the rest of the overlong line
                line = stream.readline(1 << 20)
            problem = Problem(
                f"the line is longer than {max_bytes:,} bytes",
                file=file,
                hint="raise --max-file-size, or split the portfolio out",
            )
            any_line = True
            yield file, number, None, LoadError([problem])
            continue
        if line.strip():
            any_line = True
            yield file, number, line, None
    if not any_line:
        held = "standard input held" if file == "-" else "the file holds"
        problem = Problem(
            f"{held} no portfolio: no line of JSON",
            file=file,
            hint="JSON Lines hold one portfolio per line",
        )
        yield file, None, None, LoadError([problem])


# --- evaluating, in this process or in workers ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    """How every input of a batch is evaluated and told."""

    as_of: dt.date | None = None  # the evaluation date (default: each portfolio's submission date)
    lang: str | None = None  # the language of the records
    records: bool = True  # False: only what the summary counts (no JSON record is made)


_WORKER: dict[str, Any] = {}  # the framework and options of a worker process

# A terminal's Ctrl-C reaches every process of the batch at once; it is the parent's to handle: it
# stops sending work and ends the workers itself, after whole results. A kill (SIGTERM) ends a
# worker at once, quietly: the pool itself ends workers that way, and `timeout` or systemd
# signalling the whole batch stop the parent as well. Neither may run the parent's own handler in
# a worker (it is inherited at the fork): that stopped workers inside a lock of the pool, with a
# traceback, and could leave the batch hanging.
_STOPS = {signal.SIGINT, signal.SIGTERM}


def _start_worker(framework: Framework, options: Options) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # held since the fork (_Pool._send)
    _WORKER.update(framework=framework, options=options)


def _evaluate_chunk(chunk: list[Input]) -> list[Result]:
    return [evaluate_one(_WORKER["framework"], item, _WORKER["options"]) for item in chunk]


def evaluate_one(framework: Framework, item: Input, options: Options) -> Result:
    """The result of one input: its evaluation as a JSON record, or the error record in its place."""
    if item.error is not None:
        return _failure(item, item.error)
    assert item.data is not None
    try:
        portfolio = parse_portfolio(item.data, item.file, framework)
        evaluation = framework.evaluate(portfolio, as_of=options.as_of)
    except QualmarkError as exc:
        return _failure(item, exc)
    text = ""
    if options.records:
        record = evaluation.to_json(options.lang)
        if item.line is not None:
            record["portfolio"]["line"] = item.line
        text = dumps_line(record)
    return Result(
        item.index,
        item.file,
        item.line,
        text,
        evaluation.verdict.value,
        tuple(g.rule_id for g in evaluation.gaps()),
    )


def _failure(item: Input, error: QualmarkError) -> Result:
    if item.line is not None:  # a position within a JSON Lines line is a position in the file
        error = type(error)([_in_file(problem, item.line) for problem in error.problems])
    record = error.to_json(item.file)
    if item.line is not None:
        record["portfolio"]["line"] = item.line
    return Result(item.index, item.file, item.line, dumps_line(record), None, error=error)


def _in_file(problem: Problem, line: int) -> Problem:
    span = problem.span
    if span is None:  # a pointer into the portfolio on that line, or the whole of it
        return replace(problem, line=line)
    return replace(problem, span=Span(span.file, line + span.line - 1, span.column))


def _died(item: Input, why: str) -> Result:
    problem = Problem(
        f"the worker process evaluating this portfolio stopped ({why}) before it had a result",
        file=item.file,
        hint="run it alone with qualmark check to see what happens; a portfolio far larger than the "
        "others may need more memory",
    )
    return _failure(item, QualmarkError([problem]))


def run(
    framework: Framework,
    items: Iterable[Input],
    *,
    workers: int = 1,
    options: Options = Options(),
    chunk: int = CHUNK,
) -> Iterator[Result]:
    """One :class:`Result` per input, in input order, each as soon as it and all before it are done.

    ``workers`` processes share the work (1: all in this process).
    """
    if workers <= 1:
        for item in items:
            yield evaluate_one(framework, item, options)
        return
    yield from _Pool(framework, workers, options).run(items, chunk)


@dataclass
class _Pool:
    framework: Framework
    workers: int
    options: Options
    executor: ProcessPoolExecutor | None = field(default=None, init=False)

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(
                self.workers, initializer=_start_worker, initargs=(self.framework, self.options)
            )
        return self.executor

    def _restart(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None

    def run(self, items: Iterable[Input], size: int) -> Iterator[Result]:
        pending: deque[tuple[list[Input], Future[list[Result]]]] = deque()
        source = iter(items)
        try:
            while True:
                while len(pending) < self.workers * IN_FLIGHT:
                    chunk = [item for _, item in zip(range(size), source, strict=False)]
                    if not chunk:
                        break
                    pending.append((chunk, self._submit(chunk)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    # a worker died: every chunk in flight is lost; each is run again, the lost chunk
                    # one input at a time so that only the input that kills a worker is refused
                    self._restart()
                    results = list(self._one_by_one(chunk))
                    pending = deque((c, self._submit(c)) for c, _ in pending)
                yield from results
        finally:
            if self.executor is not None:
                self.executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, chunk: list[Input]) -> Future[list[Result]]:
        try:
            return self._send(chunk)
        except BrokenProcessPool:
            self._restart()
            return self._send(chunk)

    def _send(self, chunk: list[Input]) -> Future[list[Result]]:
        # a new pool forks its workers on its first chunk; a stop that came between the fork and
        # _start_worker would run the parent's handler in the worker: it waits till they are set
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            return self._executor().submit(_evaluate_chunk, chunk)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def _one_by_one(self, chunk: list[Input]) -> Iterator[Result]:
        for item in chunk:
            try:
                (result,) = self._send([item]).result()
            except BrokenProcessPool as exc:
                self._restart()
                result = _died(item, _why(exc))
            yield result


def _why(exc: BaseException) -> str:
    text = str(exc) or "it was killed"
    return text.split(". ")[0].strip().rstrip(".")


# --- the summary --------------------------------------------------------------------------------


@dataclass
class Summary:
    """Counts over a batch: per verdict, inputs that could not be evaluated, and per requirement
    how many portfolios failed it (the rules that bite)."""

    verdicts: dict[str, int] = field(default_factory=lambda: {v.value: 0 for v in Verdict})
    errors: int = 0
    failing: dict[str, int] = field(default_factory=dict)

    def add(self, result: Result) -> None:
        if result.verdict is None:
            self.errors += 1
            return
        self.verdicts[result.verdict] += 1
        for rule_id in result.failing:
            self.failing[rule_id] = self.failing.get(rule_id, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.verdicts.values()) + self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "portfolios": self.total,
            "verdicts": dict(self.verdicts),
            "not_evaluated": self.errors,
            "failing": dict(sorted(self.failing.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


# --- the output file, resumable -------------------------------------------------------------------


def done_already(out: Path, items: Iterator[Input]) -> tuple[int, Summary, Callable[[], None]]:
    """For ``--resume``: how many inputs ``out`` already holds results for, their summary, and how
    to cut off a half-written last line. Raises :class:`LoadError` when its lines are not the results
    of these inputs in order."""
    summary = Summary()
    if not out.exists():
        return 0, summary, lambda: None
    data = out.read_bytes()
    complete = data[: data.rfind(b"\n") + 1]
    count = 0
    for number, line in enumerate(complete.splitlines(), start=1):
        try:
            record = json.loads(line)
            portfolio = record["portfolio"]
            tag = (portfolio["file"], portfolio.get("line"))
        except (ValueError, KeyError, TypeError):
            raise LoadError(
                [
                    Problem(
                        "this line is not a result of qualmark batch",
                        file=str(out),
                        hint="give --out a new file",
                    )
                ]
            ) from None
        item = next(items, None)
        if item is None or (item.file, item.line) != tag:
            raise LoadError(
                [
                    Problem(
                        f"line {number} is the result of {tag[0]}"
                        + (f":{tag[1]}" if tag[1] is not None else "")
                        + (
                            f", but input {number} is {item.where}"
                            if item
                            else ", but there are fewer inputs"
                        ),
                        file=str(out),
                        hint="resume with the same inputs in the same order, or give --out a new file",
                    )
                ]
            )
        count += 1
        if "error" in record:
            summary.errors += 1
        else:
            summary.add(
                Result(
                    item.index,
                    item.file,
                    item.line,
                    "",
                    record["verdict"],
                    tuple(_failing(record["outcomes"])),
                )
            )

    def cut() -> None:
        if len(complete) != len(data):
            with open(out, "r+b") as stream:
                stream.truncate(len(complete))

    return count, summary, cut


def _failing(outcomes: list[dict[str, Any]]) -> Iterator[str]:
    """The failing leaves of an evaluation record (as Evaluation.gaps(), in any order)."""
    for outcome in outcomes:
        if outcome["status"] not in ("not_met", "incomplete"):
            continue
        below = list(_failing(outcome.get("children") or []))
        yield from below if below else [outcome["id"]]


class Busy(Exception):
    """Another process is writing the output file (a batch started again before the last one ended)."""


class LineWriter:
    """Appends whole lines to a file: each line one ``write`` call, so a stop leaves no half line
    (and :func:`done_already` cuts one off should the system stop mid-way).

    It holds an exclusive lock on the file while it is open, so that two batches (a ``--resume`` run
    from a schedule while the last one still runs) cannot both add the same results: the second
    raises :class:`Busy`. The system releases the lock however the process ends.
    """

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            raise Busy(str(path)) from None

    def write(self, line: str) -> None:
        data = (line + "\n").encode("utf-8", "surrogateescape")
        while data:
            written = os.write(self.fd, data)
            data = data[written:]

    def close(self) -> None:
        os.close(self.fd)
