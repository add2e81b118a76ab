"""Coverage-guided fuzzing of qualmark's two loaders with atheris (libFuzzer for Python).

    .venv/bin/python fuzz/fuzz_loaders.py yaml CORPUS_DIR [libFuzzer options]
    .venv/bin/python fuzz/fuzz_loaders.py json CORPUS_DIR [libFuzzer options]

``yaml`` feeds arbitrary bytes to the framework loader and compiler
(``parse_framework``) and writes the handbook of what compiles; ``json``
feeds them to the portfolio loader, checks them against the Noloc framework
and evaluates and renders what passes. Bad input must end in a
:class:`qualmark.QualmarkError`; anything else (any other exception, a hang,
a crash) is a finding, which libFuzzer saves as ``crash-…`` and reports.

``make fuzz`` runs each for ten minutes on a corpus kept in ``fuzz/corpus/``
(not committed); CI runs a short round of each (tests/acceptance/test_fuzz.py).
For a long run: ``make fuzz FUZZ_SECONDS=3600``, or run this file with
``-max_total_time=…`` and ``-jobs=2`` on the two cores.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from qualmark import QualmarkError, load_framework, parse_framework, parse_portfolio
    from qualmark.files import decode
    from qualmark.report import REPORTS

ROOT = Path(__file__).resolve().parent.parent
NOLOC = load_framework(ROOT / "frameworks" / "noloc-register-loopbaanprofessional.yaml")


def fuzz_yaml(data: bytes) -> None:
    try:
        framework = parse_framework(decode(data, "fuzz.yaml"), "fuzz.yaml")
    except QualmarkError:
        return
    framework.portfolio_schema()
    for lang in framework.document.languages:
        framework.handbook("markdown", lang)
        framework.handbook("html", lang)


def fuzz_json(data: bytes) -> None:
    try:
        portfolio = parse_portfolio(decode(data, "fuzz.json"), "fuzz.json", NOLOC)
        evaluation = NOLOC.evaluate(portfolio)
    except QualmarkError:
        return
    for make in REPORTS.values():
        report = make(io.StringIO(), None, False)
        report.evaluation(evaluation)
        report.close()
    json.dumps(evaluation.to_json("en"))


TARGETS = {"yaml": fuzz_yaml, "json": fuzz_json}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} yaml|json CORPUS_DIR [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
