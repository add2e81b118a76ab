"""Coverage-guided fuzzing of qualmark's two loaders with atheris (libFuzzer for Python).

    .venv/bin/python fuzz/fuzz_loaders.py yaml CORPUS_DIR [libFuzzer options]
    .venv/bin/python fuzz/fuzz_loaders.py readers CORPUS_DIR [libFuzzer options]
    .venv/bin/python fuzz/fuzz_loaders.py json CORPUS_DIR [libFuzzer options]

``yaml`` feeds arbitrary bytes to the framework loader and compiler
(``parse_framework``) and writes the handbook of what compiles; ``readers``
holds the three YAML readers to each other (wherever the quick reader reads a
text, the node builder over libyaml must read the same data, types and
positions, and the reference loader the same data, unless its stricter scanner
refuses the text); ``json`` feeds them to the portfolio loader, checks them
against each shipped framework and evaluates and renders what passes (its
gaps, explained lazily, must be those of the whole tree explained). Bad input
must end in a :class:`qualmark.QualmarkError`; anything else (any other
exception, a hang, a crash) is a finding, which libFuzzer saves as
``crash-…`` and reports.

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests/readings.py

with atheris.instrument_imports():
    from tests.readings import exact, typed

    from qualmark import QualmarkError, load_framework, loader, parse_framework, parse_portfolio
    from qualmark.explain import failing_leaves
    from qualmark.files import decode
    from qualmark.report import REPORTS

FRAMEWORKS = [load_framework(path) for path in sorted((ROOT / "frameworks").glob("*.yaml"))]


def fuzz_yaml(data: bytes) -> None:
    try:
        framework = parse_framework(decode(data, "fuzz.yaml"), "fuzz.yaml")
    except QualmarkError:
        return
    framework.portfolio_schema()
    for lang in framework.document.languages:
        framework.handbook("markdown", lang)
        framework.handbook("html", lang)


def fuzz_readers(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.yaml")
    except QualmarkError:
        return
    if loader.Reader.NON_PRINTABLE.search(text):
        return  # read_yaml leaves such a text to the reference loader
    try:
        quick = loader._QuickReader(text, "f.yaml").read()
    except Exception:  # it bails out (read_yaml then reads the text again): nothing to compare
        return
    built = loader._read_yaml(text, "f.yaml", loader._FastYamlLoader)
    if exact(built) != exact(quick):
        raise AssertionError(f"the quick reader and the node builder read {text!r} differently")
    if "\ufeff" in text:
        return  # libyaml skips a byte order mark wherever a line starts; PyYAML's scanner reads it as text
    try:
        reference = loader._read_yaml(text, "f.yaml", loader._QualmarkYamlLoader)
    except QualmarkError:
        return  # PyYAML's scanner is stricter than libyaml's in places; read_yaml keeps libyaml's reading
    # the data and its problems (none); not every position: the two parsers place an empty value
    # in a flow collection (`{x: , y: 1}`) one column apart, a column a problem never points at
    # on a file libyaml reads without one
    if (typed(reference.data), reference.problems) != (typed(quick.data), quick.problems):
        raise AssertionError(f"the quick reader and the reference loader read {text!r} differently")


def fuzz_json(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.json")
    except QualmarkError:
        return
    for framework in FRAMEWORKS:
        try:
            portfolio = parse_portfolio(text, "fuzz.json", framework)
            evaluation = framework.evaluate(portfolio)
        except QualmarkError:
            continue
        gaps = evaluation.gaps()  # explained lazily: only the failing branches
        if gaps != failing_leaves(framework.evaluate(portfolio).outcomes):  # the whole tree explained
            raise AssertionError("gaps() differs from the failing leaves of the explained tree")
        for make in REPORTS.values():
            report = make(io.StringIO(), None, False)
            report.evaluation(evaluation)
            report.close()
        json.dumps(evaluation.to_json("en"))


TARGETS = {"yaml": fuzz_yaml, "readers": fuzz_readers, "json": fuzz_json}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} yaml|readers|json CORPUS_DIR [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
