"""The hand-written Noloc checks run the way ``qualmark batch --summary-only`` runs: the ceiling for
a batch written in Python on this machine.

    python benchmarks/noloc_by_hand_batch.py REGISTER.jsonl WORKERS

The parent reads the JSON Lines file, sends chunks of lines to forked worker processes (as many
chunks in flight per worker as qualmark keeps), takes back each portfolio's verdict and failing
requirements in input order and counts them, as qualmark's summary does. Prints the portfolios
counted and the seconds taken. Nothing is explained, nothing is validated: a floor, not a rival.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import noloc_by_hand

from qualmark.batch import CHUNK, IN_FLIGHT


def _check(lines: list[bytes]) -> list[tuple[str, tuple[str, ...]]]:
    results = []
    for line in lines:
        verdict, failing = noloc_by_hand.check(json.loads(line))
        results.append((verdict, tuple(failing)))
    return results


def run(path: Path, workers: int) -> tuple[Counter[str], Counter[str], float]:
    """Portfolios per verdict, portfolios per failing requirement, and the seconds taken (pool
    start-up included)."""
    start = time.perf_counter()
    verdicts: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    with path.open("rb") as stream, ProcessPoolExecutor(workers) as pool:
        lines = (line for line in stream if line.strip())
        pending: deque[Future[list[tuple[str, tuple[str, ...]]]]] = deque()
        while True:
            while len(pending) < workers * IN_FLIGHT:
                chunk = [line for _, line in zip(range(CHUNK), lines, strict=False)]
                if not chunk:
                    break
                pending.append(pool.submit(_check, chunk))
            if not pending:
                break
            for verdict, gaps in pending.popleft().result():
                verdicts[verdict] += 1
                failing.update(gaps)
    return verdicts, failing, time.perf_counter() - start


if __name__ == "__main__":
    verdicts, _, seconds = run(Path(sys.argv[1]), int(sys.argv[2]))
    print(sum(verdicts.values()), seconds)
