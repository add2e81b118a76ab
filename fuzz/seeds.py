"""Seed corpora for fuzz_loaders.py: small frameworks and the example portfolios.

.venv/bin/python fuzz/seeds.py yaml DIR      (or readers, or json)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEADER = """\
qualmark: 1
id: seed
uri: urn:seed
version: "1"
title: {en: Seed, nl: Zaad}
languages: [en, nl]
issuer: {name: Seed}
source: {title: Seed}
"""

# Each body exercises a different part of the DSL; kept small so each run is fast.
BODIES = [
    "",
    "profile:\n  tasks:\n    - {id: t1, label: T1}\n    - {id: t2, label: T2, question: Why?}\n"
    "testing:\n  requirements:\n    - {id: R, demonstrate: tasks, all: true, across: each_case,"
    " not_relevant: {motivation: required}}\n    - {id: Q, reflection: tasks, per: case}\n",
    "testing:\n  evidence_kinds:\n    - {id: d, label: D, fields: {level: level, hours: number, done: date,"
    " tags: {type: text, many: true}, kind2: {type: text, values: [a, b]}}}\n  requirements:\n"
    "    - id: A\n      one_of:\n        - {id: A1, evidence: d, where: {level: {min: EQF6}, tags: x},"
    " max_age: {years: 2}}\n        - {id: A2, total: {field: hours, of: d, min: 98}}\n",
    "testing:\n  experience_activities: [{id: w, label: W}, {id: x, label: X, counts: false}]\n"
    "  case_fields: {sector: text}\n  requirements:\n"
    "    - {id: B, experience: {min_hours: 1200, min_years_active: 2, currently_practising: true}}\n"
    "    - {id: C, cases: {count: 2, within_years: 2, diverse: {any_of: [sector]}}}\n",
    "testing:\n  portfolio_elements: [{id: cv, label: CV}]\n  declarations: [{id: e, text: E}]\n"
    "  requirements:\n    - {id: P, present: cv, advisory: true}\n    - {id: D, declarations: [e]}\n"
    "    - &x {id: X, present: cv}\n",
    "fundamentals:\n  answers:\n    Q1-1: {answer: Yes, source: 'Deel I'}\n    Q1-2: {skip: not relevant}\n"
    "  validity: {certification_years: 5}\n",
]


def write(kind: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if kind in ("yaml", "readers"):
        for i, body in enumerate(BODIES):
            (folder / f"seed-{i}.yaml").write_text(HEADER + body, encoding="utf-8")
        if kind == "readers":  # every shipped YAML file: anchors, aliases, flow and block style
            for path in [*ROOT.glob("frameworks/**/*.yaml"), *ROOT.glob("examples/**/*.yaml")]:
                shutil.copy(path, folder / path.name)
    else:
        for path in (ROOT / "examples" / "portfolios").glob("*/*.json"):
            shutil.copy(path, folder / f"{path.parent.name}-{path.name}")


if __name__ == "__main__":
    write(sys.argv[1], Path(sys.argv[2]))
