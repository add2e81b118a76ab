"""Benchmarks: qualmark's costs as ratios to baselines measured in the same run.

    make bench                      (or: .venv/bin/python benchmarks/run.py [--quick] [--write FILE])

Machines here are shared and noisy, so each time is the best of several rounds, and what counts is
the ratio to a baseline timed alongside it:

- the Noloc pipeline per portfolio (a file's UTF-8 JSON bytes in → verdict and failing requirements) against the
  same rules written by hand in plain Python (benchmarks/noloc_by_hand.py) and for a peer engine
  (benchmarks/noloc_zen.py: a GoRules JDM graph run by zen-engine), both checked to agree with
  qualmark on every generated portfolio before anything is timed, stage by stage;
- loading a framework against a plain libyaml parse (``yaml.CSafeLoader``) of the same file;
- a cold ``qualmark check`` and ``qualmark validate`` (a new process each, wall time);
- throughput over many generated portfolios, the memory of a register streamed through ``qualmark
  batch`` (``--register N``; the target is for a million), and the cost of a portfolio 100× as large.

The targets are those of the performance issue; each line says whether it is met. ``--write``
puts the table, with the machine and versions, into a Markdown file (``make bench`` writes
docs/performance.md).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
import noloc_by_hand
import noloc_zen

from qualmark import Evaluation, load_framework, parse_portfolio
from qualmark.framework import Framework
from qualmark.report.json import dumps, dumps_line
from qualmark.report.text import TextReport

ROOT = Path(__file__).resolve().parent.parent
NOLOC = generate.FRAMEWORK_FILES["noloc"]


@dataclass
class Line:
    measure: str
    value: str
    ratio: float | None = None  # to its baseline
    baseline: str = ""
    target: float | None = None  # the ratio (or value) to stay at or under
    unit: str = "×"

    @property
    def verdict(self) -> str:
        if self.target is None or self.ratio is None:
            return ""
        return "met" if self.ratio <= self.target else "missed"


def best(fn: Callable[[], object], number: int, rounds: int) -> float:
    """Best mean seconds of one call over ``rounds`` rounds of ``number`` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def per_item(fn: Callable[[Any], object], items: list[Any], rounds: int) -> float:
    """Best mean seconds per item of ``fn`` over all ``items``."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        times.append((time.perf_counter() - start) / len(items))
    return min(times)


def per_item_in_turn(
    cases: dict[str, tuple[Callable[[Any], object], list[Any]]], rounds: int
) -> dict[str, float]:
    """:func:`per_item` of every case, their rounds taken in turn: a busy spell of the shared machine
    then falls on all of them alike rather than on whichever ran at that moment, and each keeps its
    best round, so that their ratios compare like with like."""
    best = dict.fromkeys(cases, math.inf)
    for _ in range(rounds):
        for name, (fn, items) in cases.items():
            start = time.perf_counter()
            for item in items:
                fn(item)
            best[name] = min(best[name], (time.perf_counter() - start) / len(items))
    return best


def us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs"


def verify(framework: Framework, portfolios: Iterable[dict[str, Any]]) -> int:
    """How many portfolios the hand-written rules, the ZEN graph and qualmark agree on (verdict and
    failing ids); raise if any not."""
    n = 0
    for p in portfolios:
        evaluation = framework.evaluate(parse_portfolio(json.dumps(p), "generated.json", framework))
        ours = (evaluation.verdict.value, {g.rule_id for g in evaluation.gaps()})
        for peer in (noloc_by_hand, noloc_zen):
            theirs = peer.check(p)
            if ours != theirs:
                raise SystemExit(
                    f"{peer.__name__} disagrees with qualmark on portfolio {n}: {ours} vs {theirs}"
                )
        n += 1
    return n


def as_file(portfolio: dict[str, Any]) -> bytes:
    """A portfolio as its file holds it: JSON in UTF-8, with its letters as they are (é, not \\u00e9)."""
    return json.dumps(portfolio, ensure_ascii=False).encode()


def pipeline(framework: Framework, texts: list[bytes], rounds: int) -> list[Line]:
    """Per portfolio, stage by stage, against the hand-written rules."""
    datas = [json.loads(t) for t in texts]
    read = [parse_portfolio(t, "p.json") for t in texts]
    checked = [parse_portfolio(t, "p.json", framework) for t in texts]
    evaluations = [framework.evaluate(p) for p in checked]
    for evaluation in evaluations:
        evaluation.outcomes  # noqa: B018 -- explained before the renderers are timed
    records = [e.to_json("en") for e in evaluations]

    def full(text: bytes) -> object:
        evaluation = framework.evaluate(parse_portfolio(text, "p.json", framework))
        return evaluation.verdict, evaluation.gaps()

    timed = per_item_in_turn(
        {
            "hand_parse": (json.loads, texts),
            "hand_check": (noloc_by_hand.check, datas),
            "hand_full": (lambda t: noloc_by_hand.check(json.loads(t)), texts),
            "q_read": (lambda t: parse_portfolio(t, "p.json"), texts),
            "q_validate": (framework.check_portfolio, read),
            "q_evaluate": (framework.evaluate, checked),
            "q_gaps": (lambda p: framework.evaluate(p).gaps(), checked),
            "q_explained": (lambda p: framework.evaluate(p).outcomes, checked),
            "q_to_json": (lambda e: e.to_json("en"), evaluations),
            "q_record": (dumps_line, records),
            "q_document": (dumps, records),
            "q_stdlib": (lambda r: json.dumps(r, ensure_ascii=False, indent=2), records),
            "q_text": (lambda e: text_report(e, plain=True), evaluations),
            "q_rich": (lambda e: text_report(e, plain=False), evaluations),
            "q_full": (full, texts),
            "zen_check": (noloc_zen.check, datas),
            "zen_full": (lambda t: noloc_zen.check(json.loads(t)), texts),
        },
        rounds,
    )
    hand_parse, hand_check, hand_full = timed["hand_parse"], timed["hand_check"], timed["hand_full"]
    q_read, q_validate, q_evaluate = timed["q_read"], timed["q_validate"], timed["q_evaluate"]
    q_gaps, q_explained, q_to_json = timed["q_gaps"], timed["q_explained"], timed["q_to_json"]
    q_record, q_document, q_stdlib = timed["q_record"], timed["q_document"], timed["q_stdlib"]
    q_text, q_rich, q_full = timed["q_text"], timed["q_rich"], timed["q_full"]
    zen_check, zen_full = timed["zen_check"], timed["zen_full"]
    return [
        Line("hand-written: json.loads", us(hand_parse)),
        Line("hand-written: the checks", us(hand_check)),
        Line("hand-written: full (JSON bytes → verdict, gaps)", us(hand_full)),
        Line(
            "qualmark: read (JSON with positions, shape, model)",
            us(q_read),
            q_read / hand_parse,
            "json.loads",
        ),
        Line("qualmark: the framework's JSON Schema", us(q_validate), q_validate / hand_check, "hand checks"),
        Line(
            "qualmark: evaluate (every status; explanations on demand)",
            us(q_evaluate),
            q_evaluate / hand_check,
            "hand checks",
            2,
        ),
        Line(
            "qualmark: evaluate and gaps() (the failing requirements explained)",
            us(q_gaps),
            q_gaps / hand_check,
            "hand checks",
        ),
        Line(
            "qualmark: evaluate and the whole outcome tree explained",
            us(q_explained),
            q_explained / hand_check,
            "hand checks",
        ),
        Line(
            "qualmark: an explained tree as a record (to_json)",
            us(q_to_json),
            q_to_json / hand_full,
            "hand full",
        ),
        Line(
            "  written as a JSON line (batch, --format jsonl)",
            us(q_record),
            q_record / hand_full,
            "hand full",
        ),
        Line(
            "  written as indented JSON (check --format json)",
            us(q_document),
            q_document / q_stdlib,
            "json.dumps, same text",
        ),
        Line(
            "  written as text (check, piped: no colour, no wrapping)",
            us(q_text),
            q_text / q_rich,
            "rich's layout, same text",
        ),
        Line("qualmark: full pipeline", us(q_full), q_full / hand_full, "hand full", 3),
        Line("zen-engine: the checks (JDM graph)", us(zen_check), zen_check / hand_check, "hand checks"),
        Line("zen-engine: full (json.loads + the graph)", us(zen_full), zen_full / hand_full, "hand full"),
        Line("qualmark full pipeline to zen-engine full", "", q_full / zen_full, "zen full"),
    ]


def text_report(evaluation: Evaluation, *, plain: bool) -> str:
    """The text report of an evaluation as written to a pipe: by the report itself (unless COLUMNS
    asks for wrapping), or laid out by rich."""
    stream = io.StringIO()
    report = TextReport(stream, "en", False)
    report.plain = report.plain and plain
    report.evaluation(evaluation)
    return stream.getvalue()


def framework_load(rounds: int) -> list[Line]:
    lines = []
    for path in (NOLOC, generate.FRAMEWORK_FILES["estqf"]):
        text = path.read_text(encoding="utf-8")
        plain = best(lambda text=text: yaml.load(text, Loader=yaml.CSafeLoader), 5, rounds)
        ours = best(lambda path=path: load_framework(path), 5, rounds)
        lines.append(Line(f"load {path.name}", f"{ours * 1e3:,.1f} ms", ours / plain, "CSafeLoader", 2))
    return lines


def cold(rounds: int) -> list[Line]:
    """Wall time of a new process, best of ``rounds``: the cost a script or a save hook sees."""
    qualmark = [sys.executable, "-m", "qualmark"]
    example = ROOT / "examples" / "portfolios" / generate.NOLOC / "eligible.json"
    empty = [sys.executable, "-c", "pass"]

    def wall(argv: list[str]) -> float:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
        return min(times)

    python = wall(empty)
    check = wall([*qualmark, "check", str(NOLOC), str(example)])
    validate = wall([*qualmark, "validate", str(NOLOC)])
    return [
        Line("python -c pass (a bare interpreter)", f"{python * 1e3:,.0f} ms"),
        Line(
            "cold qualmark check (one Noloc portfolio)",
            f"{check * 1e3:,.0f} ms",
            check * 1e3,
            "",
            200,
            "ms",
        ),
        Line("cold qualmark validate (Noloc)", f"{validate * 1e3:,.0f} ms"),
    ]


def throughput(framework: Framework, count: int) -> list[Line]:
    """Portfolios per second on one core, in process, JSON bytes in → verdict and gaps."""
    texts = [as_file(p) for p in generate.noloc(count, seed=11)]
    start = time.perf_counter()
    for text in texts:
        evaluation = framework.evaluate(parse_portfolio(text, "p.json", framework))
        evaluation.gaps()
    seconds = time.perf_counter() - start
    rate = count / seconds
    return [Line(f"throughput in process, {count:,} portfolios, 1 core", f"{rate:,.0f} /s")]


_PROBE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def batch(count: int) -> list[Line]:
    """``qualmark batch`` over ``count`` generated portfolios: throughput and peak memory (its own and
    its workers', measured from a small parent process), at one worker and at every core; and at
    every core the rate once started, from a run over three times as many portfolios (a register is
    far larger than the start-up: the imports, the framework compiled, the workers started), and the
    same rate of the hand-written checks in the same kind of pool."""
    cores = os.cpu_count() or 1
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        sources = {}
        for n in (count, 3 * count):
            sources[n] = Path(folder) / f"portfolios-{n}.jsonl"
            with sources[n].open("w", encoding="utf-8") as stream:
                for portfolio in generate.noloc(n, seed=13):
                    stream.write(json.dumps(portfolio, ensure_ascii=False) + "\n")

        def run(n: int, workers: int, output: list[str]) -> tuple[float, float]:
            argv = [sys.executable, "-m", "qualmark", "batch", str(NOLOC), str(sources[n]), *output]
            probe = [sys.executable, "-c", _PROBE, *argv, "--workers", str(workers)]
            seconds, peak_kb = subprocess.run(
                probe, capture_output=True, text=True, check=True
            ).stdout.split()
            return float(seconds), int(peak_kb) / 1024

        runs = [(workers, ["--summary-only"]) for workers in sorted({1, cores})]
        runs.append((cores, ["--out", str(Path(folder) / "results.jsonl")]))  # with a record per portfolio
        for workers, output in runs:
            seconds, peak_mb = run(count, workers, output)
            what = "summary only" if output == ["--summary-only"] else "every record written"
            name = (
                f"qualmark batch, {count:,} portfolios, {workers} worker{'s' if workers > 1 else ''}, {what}"
            )
            lines.append(Line(name, f"{count / seconds:,.0f} /s"))
            lines.append(Line("  its peak memory (its largest process)", f"{peak_mb:,.0f} MB"))
            if workers == cores and output == ["--summary-only"]:
                longer, _ = run(3 * count, workers, output)
                rate = 2 * count / (longer - seconds)
                lines.append(
                    Line(
                        f"  once started ({3 * count:,} portfolios against {count:,})",
                        f"{rate:,.0f} /s",
                        20_000 / rate,
                        "",
                        1,
                        "",
                    )
                )
                hand = _hand_batch(sources[count], sources[3 * count], count, workers)
                lines.append(
                    Line("  the hand-written checks in the same pool, once started", f"{hand:,.0f} /s")
                )
                lines.append(
                    Line(
                        "  qualmark batch to them, per portfolio",
                        f"{1e6 / rate:,.0f} µs",
                        hand / rate,
                        "hand-written",
                    )
                )
    return lines


def _hand_batch(source: Path, longer: Path, count: int, workers: int) -> float:
    """The rate, once started, of the hand-written Noloc checks run as ``qualmark batch --summary-only``
    runs (benchmarks/noloc_by_hand_batch.py): the ceiling for a Python batch on this machine."""
    script = str(Path(__file__).with_name("noloc_by_hand_batch.py"))

    def seconds(path: Path) -> float:
        out = subprocess.run(
            [sys.executable, script, str(path), str(workers)], capture_output=True, text=True, check=True
        ).stdout.split()
        return float(out[1])

    return 2 * count / (seconds(longer) - seconds(source))


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB (Linux's /proc; 0 where there is none)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="ascii", errors="replace")
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:  # gone meanwhile
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


def register(count: int) -> list[Line]:
    """A register streamed through ``qualmark batch`` from a pipe at every core, summary only: its rate,
    and the peak of the memory all its processes hold together (sampled; the target is for a
    register of a million)."""
    distinct = [as_file(p) + b"\n" for p in generate.noloc(2_000, seed=17)]
    argv = [sys.executable, "-m", "qualmark", "batch", str(NOLOC), "-", "--summary-only"]
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None and stdout is not None

    def feed() -> None:
        with stdin:
            for n in range(count):
                stdin.write(distinct[n % len(distinct)])

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    summary = stdout.read().decode()
    feeder.join()
    if not summary.startswith(f"{count:,} portfolio"):
        raise SystemExit(f"the register run did not evaluate {count:,} portfolios: {summary[:200]!r}")
    cores = os.cpu_count() or 1
    rate = Line(
        f"a register of {count:,} portfolios through a pipe, {cores} workers, summary only",
        f"{count / seconds:,.0f} /s",
    )
    memory = "  the peak memory of all its processes together"
    if not peak:  # no /proc to read it from (not Linux)
        return [rate, Line(memory, "not measured here")]
    peak_mb = peak / 1024
    return [rate, Line(memory, f"{peak_mb:,.0f} MB", peak_mb, "", 300, "MB")]


def scaling(framework: Framework, rounds: int) -> list[Line]:
    """A portfolio 100× as large (cases and course certificates) should cost no more than ~100×."""
    small = [as_file(p) for p in generate.noloc(5, seed=5)]
    large = [as_file(p) for p in generate.noloc(5, seed=5, scale=100)]

    def full(text: bytes) -> object:
        return framework.evaluate(parse_portfolio(text, "p.json", framework)).gaps()

    one = per_item(full, small, rounds)
    hundred = per_item(full, large, max(3, rounds // 2))
    return [Line("a portfolio 100× as large", f"{hundred * 1e3:,.1f} ms", hundred / one, "1×", 100)]


def machine() -> str:
    cpus = os.cpu_count()
    return (
        f"Python {platform.python_version()} on {platform.machine()}, {cpus} cores; "
        f"qualmark {version('qualmark')}, pydantic {version('pydantic')}, jsonschema {version('jsonschema')}, "
        f"PyYAML {version('PyYAML')} (libyaml: {yaml.__with_libyaml__}), zen-engine {version('zen-engine')}"
    )


def table(lines: list[Line]) -> str:
    rows = ["| measure | time | ratio | to | target | |", "|---|---:|---:|---|---:|---|"]
    for line in lines:
        # a target in ms or MB is on the time itself: the time column says it already
        ratio = (
            ""
            if line.ratio is None or line.unit in ("ms", "MB")
            else f"{line.ratio:,.1f} {line.unit}".strip()
        )
        target = "" if line.target is None else f"≤ {line.target:g} {line.unit}".strip()
        rows.append(
            f"| {line.measure} | {line.value} | {ratio} | {line.baseline} | {target} | {line.verdict} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(
        description="qualmark's benchmarks, as ratios to baselines of the same run"
    )
    parser.add_argument("--quick", action="store_true", help="fewer rounds and portfolios (a smoke run)")
    parser.add_argument("--write", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument(
        "--register",
        type=int,
        default=20_000,
        metavar="N",
        help="portfolios streamed through qualmark batch for its memory (the target is for 1,000,000: minutes)",
    )
    args = parser.parse_args()
    rounds, count = (2, 200) if args.quick else (5, 2_000)

    # first, while the process holds little: the collector's passes over a heap of thousands of
    # portfolios would otherwise land on whichever load they interrupt
    loads = framework_load(rounds)
    framework = load_framework(NOLOC)
    portfolios = list(generate.noloc(count, seed=7))
    agreed = verify(framework, portfolios)
    print(f"the hand-written and ZEN Noloc rules agree with qualmark on all {agreed:,} generated portfolios")
    texts = [as_file(p) for p in portfolios[:300]]

    lines = [
        *pipeline(framework, texts, rounds),
        *loads,
        *cold(rounds),
        *throughput(framework, count),
        *batch(count),
        *register(args.register // 10 if args.quick else args.register),
        *scaling(framework, rounds),
    ]
    print(machine())
    print(table(lines))
    if args.write:
        args.write.write_text(_document(lines, agreed), encoding="utf-8")
    return 0


def _document(lines: list[Line], agreed: int) -> str:
    return f"""# Performance

Written by `make bench` (benchmarks/run.py); do not edit by hand. Every time is the best of
several rounds on a shared machine: read the ratios, which compare with baselines timed in the
same run, rather than the times.

{machine()}

The baseline for a portfolio is the Noloc rules written by hand in plain Python
(benchmarks/noloc_by_hand.py): `json.loads` and the checks, giving the verdict and the failing
requirements and nothing else. The peer is the same checks for a rules engine from PyPI: a
GoRules JDM decision graph (one expression node in ZEN's expression language,
benchmarks/noloc_zen.py) run by zen-engine. Both agree with qualmark on all {agreed:,} generated
portfolios of the run (benchmarks/generate.py, seeded: ones a machine finds eligible, awaiting
the assessors' judgement, and ones failing in every way). Every portfolio goes in as its file
holds it: the bytes of UTF-8 JSON.

{table(lines)}

An evaluation decides every requirement's status at once and explains an outcome (its
messages, labels and JSON pointers) only when it is read: the verdict needs no explanation, and
`gaps()` explains only the failing requirements (see docs/architecture.md, "The evaluation
path"). The lines "evaluate and gaps()" and "the whole outcome tree explained" show what reading
the explanation costs on top; what a rule requires reads the same in every portfolio, and is
made and rendered once per language. The record lines time `to_json` of trees already explained, and
writing the record as `qualmark batch` and `check --format jsonl` do (orjson, one line) and as
`check --format json` does (indented; its ratio is to the standard library's `json.dumps` with the
same indent, which gives the same text). Both writers escape what could act on a terminal. The
text line times the report `check` writes to a pipe or a file, against rich laying out the same
text (which it still does on a terminal).

A framework is read by building its data and positions straight from libyaml's events (the
load lines; a file with any problem is read again the careful way, to say where). A cold
`qualmark check` is mostly imports: the interpreter itself is the "python -c pass" line, pydantic
takes ~45 ms to import and the models of the framework language ~40 ms more to build; the
`qualmark` command imports with the garbage collector held off and only the modules of the
command run, and `import qualmark` itself loads nothing until a name is used.

The throughput lines: in one process on one core, and `qualmark batch` (JSON Lines in) at one
worker and at every core, with the summary only and with every record written (a Noloc record is
about 44 KB of JSON: explaining and writing it costs more than the evaluation). Each counts the
whole command, start-up included (the imports, the framework compiled, the workers started: a
few tenths of a second); the line "once started" takes it out, from a second run over three
times as many portfolios, as a register of thousands would see it. Its ratio is the time it
would need for the target of 20,000 Noloc portfolios a second (under 1 meets it). Below it, the
hand-written checks (benchmarks/noloc_by_hand_batch.py) run through the same pool as the batch
runs, with the same chunks, giving the same counts (a test holds them to it): the ceiling for a
batch written in Python on this machine, and qualmark's time per portfolio against it. The register
line streams that many portfolios (2,000 distinct ones over and over) into `qualmark batch -`
from a pipe and samples the memory its processes hold together, the parent and every worker;
its target is for a register of a million (`make bench REGISTER=1000000`, a few minutes).

## Many portfolios: `qualmark batch`

```sh
qualmark batch FRAMEWORK register/ more.jsonl --out results.jsonl   # folders, JSON Lines files, or -
qualmark batch FRAMEWORK register.jsonl --out results.jsonl --resume  # after Ctrl-C or a kill
qualmark batch FRAMEWORK - --summary-only < register.jsonl            # counts only
```

- One result line per input, in input order, each the record `check --format json` writes for
  that portfolio (an error record when it cannot be read or checked: invalid JSON, bytes that are
  not UTF-8, a truncated last line), tagged with its file and, in a JSON Lines file, its line.
  A folder, a JSON Lines file or `-` that holds no portfolio at all gets an error record too.
- Every core by default (`--workers N`, at most one per core this process may use: more cannot go
  faster, and each holds a framework, so a larger N is lowered with a notice): the framework is
  compiled once and sent to each worker process; inputs go out in chunks, a few per worker at a
  time, so memory stays flat however many there are (a test holds 8,000 portfolios to the memory
  of 500). A worker that dies costs only the portfolio it was on: its chunk is run again one
  portfolio at a time, and a portfolio that takes a worker down again gets an error record.
- Each result line is written whole, with one write, as soon as it and all before it are done.
  Ctrl-C or a kill (SIGTERM, to the batch or to its whole process group, as a terminal, `timeout`,
  systemd and `docker stop` do) stops the batch itself: the workers leave it to the batch, which
  ends them once they have finished the portfolios in hand, writes the summary so far (the output
  holds whole lines only) and exits 130; further stops while it does so are ignored, and so are
  stops that whoever started the batch ignores (`qualmark batch … &` in a script, `trap '' INT`).
  Under systemd, give the unit `KillMode=mixed`: its stop then goes to the batch alone, which ends
  its workers itself (systemd's default signals every process of the unit, one by one). After
  that, or after a `kill -9`, `--resume` checks that the lines in `--out` are the results of the
  same inputs in order, cuts off a line the system left half-written, and adds the rest, so that
  every input has exactly one result. An existing `--out` is never overwritten without `--resume`.
  The results may go into a folder of inputs (`--out register/results.jsonl`, or the shell's `>
  register/results.jsonl`): the batch does not read its own results as portfolios, nor its summary
  sent there by the shell; results sent to a file that is itself an input are refused. While a
  batch writes `--out`, it holds a lock on it: a second batch on the same file (a scheduled
  `--resume` while the last run still goes) is refused instead of adding the same results again.
- At the end a summary (on standard error, or standard output with `--out` or `--summary-only`):
  counts per verdict and, per requirement, how many portfolios fail it: the rules that bite.
- Exit code as for `check`: 0 all eligible, 1 any other verdict, 2 any input not evaluated.

From a program, `qualmark.evaluate_many(framework, portfolios)` yields an `Evaluation` (or
the `QualmarkError` that kept a portfolio from one) for each portfolio in turn, keeping nothing
between them; a `Framework` pickles before and after use.

## Why one machine is enough

A register of every career professional in Europe is a few hundred thousand portfolios. At the
rates above, two cores go through 300,000 of them in minutes, every record written included, and
the memory a batch holds does not grow with the register (the register line); a machine with
more cores divides the time. Should a cluster ever be wanted, the
same function runs there unchanged, for instance with Dask:

```python
import dask.bag as db
from qualmark import Evaluation, evaluate_many, load_framework

framework = load_framework("frameworks/noloc-register-loopbaanprofessional.yaml")


def verdicts(lines):
    return [e.verdict.value if isinstance(e, Evaluation) else "error" for e in evaluate_many(framework, lines)]


counts = db.read_text("register-*.jsonl").map_partitions(verdicts).frequencies().compute()
```
"""


if __name__ == "__main__":
    raise SystemExit(main())
