"""docs/hostile-inputs.md, generated from the catalogue: ``python -m tests.hostile.table > docs/hostile-inputs.md``."""

from __future__ import annotations

from tests.hostile.cases import CASES

INTRO = """\
# Hostile inputs and what qualmark makes of them

Generated from the test catalogue (`tests/hostile/cases.py`) with
`python -m tests.hostile.table > docs/hostile-inputs.md`; a test keeps it
current. Each input is run through the real CLI by `tests/hostile/test_hostile.py`,
in a folder of its own, with 60 seconds and 768 MiB of address space at most;
the test checks the exit code, that the message shown here is part of the
output, and that no traceback appears. Exit codes are listed in the README.

| input | exit code | what qualmark prints (a piece of it) |
| --- | --- | --- |
"""


def _cell(text: str) -> str:
    """Text for a table cell: a '|' would end the cell (backslashes stay: cells show code as it is)."""
    return text.replace("|", "\\|").replace("\n", " ")


def table() -> str:
    rows = []
    for case in CASES:
        says = f"`{_cell(case.says)}`" if case.says else "(nothing)"
        where = " (report)" if case.stream == "stdout" and case.says else ""
        rows.append(f"| {_cell(case.what)} | {case.exit_code} | {says}{where} |")
    return INTRO + "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(table(), end="")
