"""A short coverage-guided fuzz run of both loaders, and of the YAML readers against each other
(fuzz/fuzz_loaders.py, atheris).

Any input that ends in something other than a QualmarkError fails the run;
libFuzzer then prints the input and writes it to a ``crash-…`` file in the
test's folder. ``make fuzz`` runs longer rounds (see fuzz/fuzz_loaders.py).
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SECONDS = 15
ALLOWANCE_MB = 1024


def rss_limit_mb() -> int:
    """The fuzzer's memory limit: 1 GB above what the fuzzing process starts with.

    libFuzzer compares the peak resident size (``getrusage``) with ``-rss_limit_mb``, and on Linux
    a process started from this one inherits this process's peak (fork copies the pages, exec keeps
    the high-water mark). In a long pytest run that peak alone can pass 1 GB, which made the fuzzer
    stop at its first input with "out-of-memory" before it had used any memory of its own.
    """
    inherited_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return inherited_mb + ALLOWANCE_MB


@pytest.mark.parametrize("target", ["yaml", "readers", "json"])
def test_a_short_fuzz_run_finds_nothing(target: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "fuzz" / "seeds.py"), target, str(corpus)], check=True)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "fuzz_loaders.py"),
            target,
            str(corpus),
            f"-max_total_time={SECONDS}",
            "-max_len=32768" if target == "json" else "-max_len=4096",
            f"-rss_limit_mb={rss_limit_mb()}",
            "-timeout=10",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=SECONDS * 10,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Done" in result.stderr
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*"))
