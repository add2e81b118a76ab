"""`qualmark batch` and `qualmark.batch`: one result per input, in order, whatever goes wrong.

Inputs are generated portfolios (benchmarks/generate.py); the CLI runs in a subprocess as a
certification office would run it. Stopping a batch (Ctrl-C, a kill) and resuming it must leave
exactly the output an uninterrupted run writes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from qualmark import batch, evaluate_many, load_framework, parse_portfolio
from qualmark.batch import Input, Options, inputs, run
from tests.acceptance.test_cli import NOLOC, NOLOC_EXAMPLES, assert_no_traceback, qualmark, qualmark_into
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import generate

FRAMEWORK = load_framework(NOLOC)


def jsonl(path: Path, count: int, seed: int = 0) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in generate.noloc(count, seed=seed)), encoding="utf-8")
    return path


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def tags(found: list[dict[str, Any]]) -> list[tuple[str, int | None]]:
    return [(r["portfolio"]["file"], r["portfolio"].get("line")) for r in found]


def batch_cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "qualmark", "batch", *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: a kill reaches the workers too
    )


def test_one_result_per_input_in_order_with_error_records(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for name in ("eligible.json", "fail-b1-hours.json"):
        (folder / name).write_bytes((NOLOC_EXAMPLES / name).read_bytes())
    (folder / "broken.json").write_text("{", encoding="utf-8")
    lines = jsonl(tmp_path / "many.jsonl", 5).read_bytes().splitlines(keepends=True)
    lines[1] = b"\n"  # a blank line is no input
    lines[2] = b'{"framework": \xff}\n'  # not UTF-8
    lines.append(b'{"qualmark_portfolio": 1, "candid')  # a truncated last line
    (tmp_path / "many.jsonl").write_bytes(b"".join(lines))

    result = qualmark("batch", NOLOC, folder, tmp_path / "many.jsonl", "--workers", "2")
    assert_no_traceback(result)
    assert result.returncode == 2  # some inputs could not be evaluated
    found = records(result.stdout)
    assert tags(found) == [
        (str(folder / "broken.json"), None),
        (str(folder / "eligible.json"), None),
        (str(folder / "fail-b1-hours.json"), None),
        *[(str(tmp_path / "many.jsonl"), n) for n in (1, 3, 4, 5, 6)],
    ]
    assert [("error" in r) for r in found] == [True, False, False, False, True, False, False, True]
    bad_byte = found[4]["error"]["problems"][0]
    assert found[4]["error"]["phase"] == "load" and "not UTF-8" in bad_byte["message"]
    assert (bad_byte["file"], bad_byte["line"], bad_byte["column"]) == (str(tmp_path / "many.jsonl"), 3, 15)
    assert found[7]["error"]["problems"][0]["line"] == 6  # the truncated last line, where it is
    assert found[2]["verdict"] == "not_eligible"
    # the same record check --format json writes for a portfolio
    alone = json.loads(qualmark("check", NOLOC, folder / "fail-b1-hours.json", "--format", "json").stdout)
    assert found[2] == alone
    assert "8 portfolios" in result.stderr and "3 not evaluated" in result.stderr
    schema = json.loads((ROOT / "schemas" / "evaluation.schema.json").read_text(encoding="utf-8"))
    for record in found:  # evaluations and error records, as published (a JSON Lines input: its line)
        jsonschema.validate(record, schema)


def test_workers_do_not_change_the_output(tmp_path: Path) -> None:
    source = jsonl(tmp_path / "in.jsonl", 150, seed=3)
    one = qualmark("batch", NOLOC, source, "--workers", "1")
    two = qualmark("batch", NOLOC, source, "--workers", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 150


def test_a_problem_in_a_json_lines_portfolio_says_its_line(tmp_path: Path) -> None:
    portfolios = list(generate.noloc(3, seed=4))
    portfolios[1]["submitted"] = "2026-02-30"
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in portfolios), encoding="utf-8")
    result = qualmark("batch", NOLOC, source)
    assert result.returncode == 2
    (problem,) = records(result.stdout)[1]["error"]["problems"]
    assert (problem["file"], problem["line"], problem["pointer"]) == (str(source), 2, "/submitted")
    assert f"{source}:2#/submitted: error: '2026-02-30' is not a date" in result.stderr


def test_workers_are_at_most_one_per_core(tmp_path: Path) -> None:
    cores = len(os.sched_getaffinity(0))
    source = jsonl(tmp_path / "in.jsonl", 100, seed=3)
    one = qualmark("batch", NOLOC, source, "--workers", "1")
    many = qualmark("batch", NOLOC, source, "--workers", str(64 * cores))  # a typo, or a script's guess
    assert many.returncode == one.returncode == 1
    assert many.stdout == one.stdout
    assert f"--workers {64 * cores}: qualmark may use {cores} core" in many.stderr
    assert f"using {cores}" in many.stderr
    for wrong in ("0", "-2"):
        refused = qualmark("batch", NOLOC, source, "--workers", wrong)
        assert refused.returncode == 2 and f"--workers {wrong}: give 1 or more" in refused.stderr
        assert refused.stdout == ""


def test_standard_input_and_the_summary(tmp_path: Path) -> None:
    source = jsonl(tmp_path / "in.jsonl", 40, seed=4)
    result = subprocess.run(
        [sys.executable, "-m", "qualmark", "batch", str(NOLOC), "-", "--summary-only"],
        input=source.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    expected = {"review": 0, "not_eligible": 0, "incomplete": 0}
    failing: dict[str, int] = {}
    for portfolio in generate.noloc(40, seed=4):
        evaluation = FRAMEWORK.evaluate(parse_portfolio(json.dumps(portfolio), "-", FRAMEWORK))
        expected[evaluation.verdict.value] += 1
        for gap in evaluation.gaps():
            failing[gap.rule_id] = failing.get(gap.rule_id, 0) + 1
    assert result.stdout.startswith("40 portfolios: ")
    for verdict, n in expected.items():
        assert f"{n} {verdict.replace('_', ' ')}" in result.stdout.splitlines()[0]
    top, count = max(failing.items(), key=lambda kv: (kv[1], kv[0]))
    assert any(line.split() == [top, str(count)] for line in result.stdout.splitlines())


def test_the_summary_of_one_portfolio_says_one(tmp_path: Path) -> None:
    result = qualmark("batch", NOLOC, jsonl(tmp_path / "one.jsonl", 1, seed=4), "--summary-only")
    assert result.stdout.startswith("1 portfolio: "), result.stdout


def wait_for_lines(path: Path, n: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {n} results were written (exit {process.poll()})")


def stop_again_and_again(process: subprocess.Popen[str], signum: signal.Signals) -> None:
    """Signal the whole group of the batch every few milliseconds for a second, or until it ends: as
    ``timeout`` does (the batch, then its group), or a user pressing Ctrl-C more than once. None of
    the later signals may cut the batch's own stopping short."""
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline and process.poll() is None:
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:  # every process of the batch has ended
            return
        time.sleep(0.002)


STOPS = {
    "ctrl-c": lambda p: os.killpg(p.pid, signal.SIGINT),  # a terminal signals the whole group
    "ctrl-c again and again": lambda p: stop_again_and_again(p, signal.SIGINT),
    "kill": lambda p: os.kill(p.pid, signal.SIGTERM),  # `kill PID`: the batch alone
    "timeout, systemd": lambda p: stop_again_and_again(p, signal.SIGTERM),  # the whole group
    "kill -9": lambda p: os.killpg(p.pid, signal.SIGKILL),  # the batch and its workers, at once
}


@pytest.mark.parametrize("stop", list(STOPS))
def test_resume_after_a_stop_completes_the_rest_exactly_once(tmp_path: Path, stop: str) -> None:
    source = jsonl(tmp_path / "in.jsonl", 1500, seed=5)
    whole = qualmark("batch", NOLOC, source, "--workers", "2").stdout
    out = tmp_path / "out.jsonl"
    process = batch_cli(NOLOC, source, "--out", out, "--workers", "2")
    wait_for_lines(out, 100, process)
    STOPS[stop](process)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError(f"the batch did not end after {stop}") from None
    if stop == "kill -9":
        with out.open("ab") as stream:  # as if the system stopped in the middle of a line
            stream.write(b'{"qualmark_evaluation": 1, "portf')
    else:  # the batch stops itself, cleanly: whole lines, a summary, no word from its workers
        assert process.returncode == 130, err
        assert "stopped after" in err and "--resume" in err
        assert "Traceback" not in err
        assert out.read_bytes().endswith(b"\n")
    assert 0 < out.read_bytes().count(b"\n") < 1500
    resumed = qualmark("batch", NOLOC, source, "--out", out, "--workers", "2", "--resume")
    assert resumed.returncode == 1, resumed.stderr
    assert out.read_text(encoding="utf-8") == whole
    assert resumed.stdout.startswith("1,500 portfolios")  # with --out, the summary is the output


def test_a_stop_ignored_by_whoever_started_the_batch_stays_ignored(tmp_path: Path) -> None:
    """A script's `qualmark batch … &` ignores Ctrl-C (the shell sets it so): the batch goes on."""
    source = jsonl(tmp_path / "in.jsonl", 1500, seed=5)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "qualmark", "batch", str(NOLOC), str(source), "--out", str(out)]
    process = subprocess.Popen(
        ["sh", "-c", "trap '' INT; exec \"$@\"", "sh", *command, "--workers", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    wait_for_lines(out, 100, process)
    assert process.poll() is None, "the batch ended before the Ctrl-C: use more inputs"
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C on the terminal the script runs in
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert out.read_bytes().count(b"\n") == 1500


def test_resume_refuses_an_output_of_other_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert qualmark("batch", NOLOC, jsonl(tmp_path / "a.jsonl", 5), "--out", out).returncode == 1
    result = qualmark("batch", NOLOC, jsonl(tmp_path / "b.jsonl", 5), "--out", out, "--resume")
    assert result.returncode == 2
    assert "line 1 is the result of" in result.stderr and "same inputs" in result.stderr
    assert_no_traceback(result)


def test_resume_needs_inputs_it_can_read_again(tmp_path: Path) -> None:
    result = qualmark("batch", NOLOC, "-", "--out", tmp_path / "out.jsonl", "--resume")
    assert result.returncode == 2 and "standard input" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_an_existing_output_is_not_overwritten_without_resume(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    result = qualmark("batch", NOLOC, jsonl(tmp_path / "a.jsonl", 2), "--out", out)
    assert result.returncode == 2 and "--resume" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_a_worker_that_dies_costs_only_its_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed while evaluating input 7 (every time): that input gets an error record; the
    inputs that shared its chunk are run again and get their results; nothing is duplicated."""
    real = batch.evaluate_one

    def fragile(framework: Any, item: Input, options: Options) -> Any:
        if item.index == 7:
            os._exit(9)
        return real(framework, item, options)

    monkeypatch.setattr(batch, "evaluate_one", fragile)  # the workers are forked: they see it too
    texts = [json.dumps(p).encode() for p in generate.noloc(40, seed=6)]
    items = [Input(i, "in.jsonl", i + 1, text) for i, text in enumerate(texts)]
    results = list(run(FRAMEWORK, items, workers=2, chunk=5))
    assert [r.index for r in results] == list(range(40))
    assert results[7].verdict is None and "worker process" in results[7].problems[0]
    assert all(r.verdict is not None for r in results if r.index != 7)
    assert [r.record for r in results[8:]] == [real(FRAMEWORK, item, Options()).record for item in items[8:]]


def test_evaluate_many_runs_under_multiprocessing_with_a_pickled_framework() -> None:
    import multiprocessing

    texts = [json.dumps(p) for p in generate.noloc(12, seed=8)]
    FRAMEWORK.evaluate(parse_portfolio(texts[0], "x", FRAMEWORK))  # used: its schema check is built
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        remote = pool.starmap(_verdict_in_worker, [(FRAMEWORK, t) for t in texts])
    here = [e.verdict.value for e in evaluate_many(FRAMEWORK, texts)]  # type: ignore[union-attr]
    assert remote == here


def _verdict_in_worker(framework: Any, text: str) -> str:
    (evaluation,) = evaluate_many(framework, [text])
    return evaluation.verdict.value  # type: ignore[union-attr]


def test_inputs_are_read_lazily(tmp_path: Path) -> None:
    source = jsonl(tmp_path / "in.jsonl", 3)
    stream = inputs([str(source), str(source)])
    first = next(stream)
    assert (first.index, first.line) == (0, 1)
    assert [(i.index, i.line) for i in stream] == [(1, 2), (2, 3), (3, 1), (4, 2), (5, 3)]


def peak_mb(*args: str | Path, stdin: Path) -> float:
    """Peak resident memory of the batch (and its workers), measured from a small parent process."""
    code = (
        "import resource, subprocess, sys\n"
        "with open(sys.argv[1], 'rb') as stdin:\n"
        "    subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, check=False)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run(
        [
            "/usr/bin/env",
            sys.executable,
            "-c",
            code,
            str(stdin),
            sys.executable,
            "-m",
            "qualmark",
            "batch",
            *map(str, args),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    return int(result.stdout.split()[-1]) / 1024


def test_memory_stays_flat_as_the_input_grows(tmp_path: Path) -> None:
    small = jsonl(tmp_path / "small.jsonl", 500, seed=9)
    large = tmp_path / "large.jsonl"
    with large.open("w", encoding="utf-8") as stream:
        for _ in range(16):
            stream.write(small.read_text(encoding="utf-8"))
    args = (NOLOC, "-", "--summary-only", "--workers", "2")
    few, many = peak_mb(*args, stdin=small), peak_mb(*args, stdin=large)
    assert many < 300
    assert many < few * 1.3, (few, many)  # 16 times the portfolios, not 16 times the memory


def test_what_is_not_a_regular_file_gets_an_error_record(tmp_path: Path) -> None:
    device = tmp_path / "zero.jsonl"
    device.symlink_to("/dev/zero")  # endless, and no file: refused, not read forever
    missing = tmp_path / "missing.json"
    result = qualmark("batch", NOLOC, device, missing)
    assert result.returncode == 2
    found = records(result.stdout)
    assert tags(found) == [(str(device), None), (str(missing), None)]
    assert "not a regular file" in found[0]["error"]["problems"][0]["message"]
    assert found[1]["error"]["problems"][0]["message"] == "no such file"


def test_check_writes_json_lines_as_batch_does(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    portfolios = [NOLOC_EXAMPLES / "eligible.json", broken, NOLOC_EXAMPLES / "fail-b1-hours.json"]
    lines = qualmark("check", NOLOC, *portfolios, "--format", "jsonl")
    listed = qualmark("check", NOLOC, *portfolios, "--format", "json")
    assert lines.returncode == listed.returncode == 2
    assert records(lines.stdout) == json.loads(listed.stdout)  # the same records, a line each
    assert len(lines.stdout.splitlines()) == 3


def test_an_error_from_a_worker_arrives_with_its_problems() -> None:
    import multiprocessing

    broken = '{"qualmark_portfolio": 1}'
    (here,) = evaluate_many(FRAMEWORK, [broken])
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        (there,) = pool.starmap(_first_result, [(FRAMEWORK, broken)])
    assert type(there) is type(here) and there.problems == here.problems  # type: ignore[union-attr]


def _first_result(framework: Any, text: str) -> Any:
    (result,) = evaluate_many(framework, [text])
    return result


def test_a_file_name_cannot_act_on_the_terminal(tmp_path: Path) -> None:
    hostile = tmp_path / "anna\x1b[2J\u202e.json"
    hostile.write_text("{", encoding="utf-8")
    result = qualmark("batch", NOLOC, tmp_path)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "anna\\x1b[2J\\u202e.json" in result.stderr  # named, as escapes


def test_results_written_among_the_inputs_are_not_read_back_as_portfolios(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    for n, portfolio in enumerate(generate.noloc(300, seed=5)):  # enough that results exist before the end
        (folder / f"p{n:03}.json").write_text(json.dumps(portfolio), encoding="utf-8")
    out = folder / "results.jsonl"  # sorted after every portfolio: read last, were it read
    result = qualmark("batch", NOLOC, folder, "--out", out, "--workers", "2")
    assert result.returncode == 1, result.stderr
    found = records(out.read_text(encoding="utf-8"))
    assert tags(found) == [(str(folder / f"p{n:03}.json"), None) for n in range(300)]
    assert not any("error" in r for r in found)
    whole = out.read_text(encoding="utf-8")
    again = qualmark("batch", NOLOC, folder, "--out", out, "--resume")  # nothing left to do
    assert again.returncode == 1 and out.read_text(encoding="utf-8") == whole
    # named as an input itself, under any name: refused before anything is written
    named = qualmark("batch", NOLOC, folder / "p000.json", "--out", folder / ".." / "register" / "p000.json")
    assert named.returncode == 2 and "is the input" in named.stderr and "would destroy it" in named.stderr
    assert json.loads((folder / "p000.json").read_text(encoding="utf-8"))["framework"]
    assert_no_traceback(named)


def test_an_input_that_holds_no_portfolio_gets_an_error_record(tmp_path: Path) -> None:
    empty, notes = tmp_path / "empty", tmp_path / "notes"
    empty.mkdir()
    notes.mkdir()
    (notes / "readme.txt").write_text("not a portfolio", encoding="utf-8")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n  \n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "qualmark", "batch", str(NOLOC), str(empty), str(notes), str(blank), "-"],
        input="",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert_no_traceback(result)
    assert result.returncode == 2  # nothing evaluated is no "all eligible"
    found = records(result.stdout)
    assert tags(found) == [(str(empty), None), (str(notes), None), (str(blank), None), ("-", None)]
    messages = [r["error"]["problems"][0]["message"] for r in found]
    assert messages[0] == messages[1] == "the folder holds no portfolio: no *.json, *.jsonl or *.ndjson file"
    assert messages[2] == "the file holds no portfolio: no line of JSON"
    assert messages[3] == "standard input held no portfolio: no line of JSON"
    assert f"{empty}: error: the folder holds no portfolio" in result.stderr
    schema = json.loads((ROOT / "schemas" / "evaluation.schema.json").read_text(encoding="utf-8"))
    for record in found:
        jsonschema.validate(record, schema)


def test_a_closed_standard_input_is_no_internal_error(tmp_path: Path) -> None:
    source = jsonl(tmp_path / "in.jsonl", 3, seed=6)

    def closed(*inputs: str | Path) -> subprocess.CompletedProcess[str]:  # as `qualmark batch … <&-`
        command = [sys.executable, "-m", "qualmark", "batch", str(NOLOC), *map(str, inputs)]
        return subprocess.run(
            ["sh", "-c", 'exec "$@" <&-', "sh", *command],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )

    files_only = closed(source)
    assert_no_traceback(files_only)
    assert files_only.returncode == 1 and len(records(files_only.stdout)) == 3
    with_stdin = closed(source, "-")
    assert with_stdin.returncode == 2
    found = records(with_stdin.stdout)
    assert tags(found) == [*[(str(source), n) for n in (1, 2, 3)], ("-", None)]
    assert found[3]["error"]["problems"][0]["message"] == "there is no standard input to read: it is closed"
    assert "internal error" not in with_stdin.stderr


def test_a_second_batch_on_the_same_output_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    source = jsonl(tmp_path / "in.jsonl", 3000, seed=5)
    out = tmp_path / "out.jsonl"
    first = batch_cli(NOLOC, source, "--out", out, "--workers", "1")  # one core: a second or two
    wait_for_lines(out, 50, first)
    second = qualmark("batch", NOLOC, source, "--out", out, "--resume")  # a schedule starting it again
    assert first.poll() is None, "the first batch ended before the second started: use more inputs"
    assert second.returncode == 2
    assert "is being written by another qualmark batch" in second.stderr
    assert_no_traceback(second)
    first.communicate(timeout=120)
    assert first.returncode == 1
    assert tags(records(out.read_text(encoding="utf-8"))) == [(str(source), n) for n in range(1, 3001)]
    done = qualmark("batch", NOLOC, source, "--out", out, "--resume")  # and once it has ended, as ever
    assert done.returncode == 1 and done.stdout.startswith("3,000 portfolios")


def test_results_sent_by_the_shell_among_the_inputs_are_not_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    for n, portfolio in enumerate(generate.noloc(300, seed=7)):
        (folder / f"p{n:03}.json").write_text(json.dumps(portfolio), encoding="utf-8")
    results = folder / "results.jsonl"
    done = qualmark_into(
        results, "batch", NOLOC, folder, append=False
    )  # `… register > register/results.jsonl`
    assert done.returncode == 1, done.stderr
    found = records(results.read_text(encoding="utf-8"))
    assert tags(found) == [(str(folder / f"p{n:03}.json"), None) for n in range(300)]
    whole = results.read_text(encoding="utf-8")
    results.unlink()
    summary = folder / "summary.json"  # `… register --out out.jsonl > register/summary.json`
    out = tmp_path / "out.jsonl"
    summed = qualmark_into(summary, "batch", NOLOC, folder, "--out", out, append=False)
    assert summed.returncode == 1, summed.stderr
    assert summary.read_text(encoding="utf-8").startswith("300 portfolios")
    assert out.read_text(encoding="utf-8") == whole
    source = jsonl(tmp_path / "in.jsonl", 3, seed=7)
    before = source.read_bytes()
    appended = qualmark_into(source, "batch", NOLOC, source)  # `qualmark batch FW in.jsonl >> in.jsonl`
    assert appended.returncode == 2
    assert f"standard output goes to the input {source}: writing there would destroy it" in appended.stderr
    assert source.read_bytes() == before
