"""Running one hostile case through the real CLI, bounded in time and memory."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

from tests.hostile.cases import Hostile

TIMEOUT = 60  # seconds: every case ends long before, or hangs
MEMORY = 768 * 1024**2  # address space: reading /dev/zero into memory would not fit

# Injects a bug, to see the last-resort handler: the framework loader raises what no input causes.
CRASH = (
    "import sys, qualmark.cli as cli\n"
    "def bug(*args, **kwargs): raise RuntimeError('simulated bug')\n"
    "cli.load_framework = bug\n"
    "sys.exit(cli.run(sys.argv[1:]))\n"
)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _limit_memory_and_close_stdout() -> None:
    _limit_memory()
    os.close(1)


def command(case: Hostile, args: list[str]) -> list[str]:
    python = [sys.executable, "-c", CRASH] if case.crash else [sys.executable, "-m", "qualmark"]
    if os.geteuid() == 0:  # root reads every file: drop that power, so permissions count as for users
        setpriv = shutil.which("setpriv")
        assert setpriv, "the tests run as root and need setpriv (util-linux) to drop root's file access"
        return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", *python, *args]
    return [*python, *args]


def run(case: Hostile, folder: Path) -> subprocess.CompletedProcess[str]:
    """Build the case's files in ``folder`` and run qualmark there."""
    args = case.build(folder)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONIOENCODING": "utf-8",
        "COLUMNS": "300",
        **dict(case.environment),
    }
    stdout: int = subprocess.PIPE
    if case.stdout == "full":
        stdout = os.open("/dev/full", os.O_WRONLY)
    elif case.stdout == "closed":
        reader, stdout = os.pipe()
        os.close(reader)  # the reader goes away before anything is written
    try:
        process = subprocess.Popen(
            command(case, args),
            cwd=folder,
            env=env,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="backslashreplace",
            preexec_fn=_limit_memory_and_close_stdout if case.stdout == "absent" else _limit_memory,
        )
    finally:
        if stdout != subprocess.PIPE:
            os.close(stdout)
    out, err = process.communicate(timeout=TIMEOUT)
    return subprocess.CompletedProcess(args, process.returncode, out or "", err)
