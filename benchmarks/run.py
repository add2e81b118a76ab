"""Benchmarks: qualmark's costs as ratios to baselines measured in the same run.

    make bench        (or: .venv/bin/python benchmarks/run.py)

Machines here are shared and noisy, so each figure is the best of several
rounds, and what matters is the ratio to a baseline timed alongside it:

- loading a framework vs. plain ``yaml.safe_load`` of the same file (what the
  positions, validation and compilation cost on top of parsing);
- checking + evaluating a portfolio vs. plain ``json.loads`` of it, and vs.
  validating it against the framework's schema alone (the evaluation proper).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from qualmark import Framework, load_framework, parse_portfolio
from qualmark.portfolio import schema_problems

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 7


def best(fn: Callable[[], object], number: int) -> float:
    """Best mean time of one call over ROUNDS rounds of ``number`` calls."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def row(name: str, seconds: float, baseline: float, baseline_name: str) -> None:
    print(f"{name:<46} {seconds * 1e3:9.3f} ms   {seconds / baseline:7.1f} × {baseline_name}")


def bench_framework(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    parse = best(lambda: yaml.safe_load(text), 5)
    load = best(lambda: load_framework(path), 5)
    row(f"load {path.name}", load, parse, "yaml.safe_load")


def bench_portfolio(framework: Framework, example: Path) -> None:
    raw = example.read_text(encoding="utf-8")
    portfolio = parse_portfolio(raw, str(example))
    validator = Draft202012Validator(framework.portfolio_schema(), format_checker=FormatChecker())
    json_time = best(lambda: json.loads(raw), 200)
    schema_time = best(lambda: schema_problems(validator, portfolio.raw, None), 50)
    evaluate = best(lambda: framework.evaluate(portfolio), 50)
    full = best(lambda: framework.evaluate(parse_portfolio(raw, str(example), framework)), 50)
    row(f"  evaluate {framework.id}/{example.name}", evaluate, json_time, "json.loads")
    row("  … its schema check alone", schema_time, evaluate, "evaluate")
    row("  parse + check + evaluate", full, json_time, "json.loads")
    print(f"  {'throughput':<44} {1 / full:9.0f} portfolios/s on one core")


def main() -> int:
    print(f"{'measure':<46} {'time':>12}   ratio to baseline (best of {ROUNDS} rounds)")
    for path in sorted((ROOT / "frameworks").glob("*.yaml")):
        bench_framework(path)
        framework = load_framework(path)
        example = ROOT / "examples" / "portfolios" / framework.id / "eligible.json"
        if example.exists():
            bench_portfolio(framework, example)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
