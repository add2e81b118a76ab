"""Seeded generators of realistic portfolios for the shipped frameworks (benchmarks and their tests).

    .venv/bin/python benchmarks/generate.py noloc 1000 --seed 7 > portfolios.jsonl

Each portfolio starts from the framework's eligible example and is changed the ways real ones
differ: fewer or more hours, older or newer dates, another education route (an EVC report, an
assessment report, a diploma in another field), items left out or not signed, a case missing,
a third case, a task marked not relevant with or without a motivation, knowledge areas,
competences and reflections left out, a declaration refused. About a fifth stay eligible as far
as a machine can tell. ``scale`` multiplies the cases and evidence items (a portfolio 100× as
large costs the evaluator no more than 100×: the benchmark's linear-cost case).

Every portfolio generated fits the framework's JSON Schema (tests/acceptance/test_benchmarks.py).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "portfolios"
NOLOC = "noloc-register-loopbaanprofessional"
ESTQF = "estqf-career-specialist-7"

Portfolio = dict[str, Any]
Change = Callable[[Portfolio, random.Random], None]


def _date(value: dt.date) -> str:
    return value.isoformat()


def _days_before(p: Portfolio, rng: random.Random, low: int, high: int) -> str:
    return _date(dt.date.fromisoformat(p["submitted"]) - dt.timedelta(days=rng.randint(low, high)))


def _items(p: Portfolio, kind: str) -> list[dict[str, Any]]:
    return [e for e in p["evidence"] if e["kind"] == kind]


# --- Noloc: changes a real portfolio shows ---------------------------------------------------------


def _hours(p: Portfolio, rng: random.Random) -> None:
    for entry in p["experience"]["hours"]:
        if entry["activity"] == "begeleiding":
            entry["hours"] = rng.choice([rng.randint(0, 1199), rng.randint(1200, 6000), 1200, 1199.5])


def _hours_elsewhere(p: Portfolio, rng: random.Random) -> None:
    p["experience"]["hours"] = [h for h in p["experience"]["hours"] if h["activity"] != "begeleiding"]
    if rng.random() < 0.5:
        p["experience"]["hours"] = []


def _active_since(p: Portfolio, rng: random.Random) -> None:
    if rng.random() < 0.2:
        del p["experience"]["active_since"]
    else:
        p["experience"]["active_since"] = _days_before(p, rng, -30, 3650)


def _practising(p: Portfolio, rng: random.Random) -> None:
    if rng.random() < 0.5:
        p["experience"]["currently_practising"] = False
    else:
        del p["experience"]["currently_practising"]


def _diploma(p: Portfolio, rng: random.Random) -> None:
    diploma = _items(p, "diploma")[0]
    change = rng.randrange(6)
    if change == 0:
        diploma["field"] = "anders"
    elif change == 1:
        diploma["level"] = rng.choice(["NLQF5", "NLQF7", "BOC6", "BOC5"])
    elif change == 2:
        diploma["signed"] = False
    elif change == 3:
        diploma["accredited_by"] = rng.choice([[], ["ZEvA"], ["nvao"]])
    elif change == 4:
        del diploma["registered_in"]
    else:
        p["evidence"].remove(diploma)


def _courses(p: Portfolio, rng: random.Random) -> None:
    for course in _items(p, "cursus"):
        change = rng.randrange(5)
        if change == 0:
            course["hours"] = rng.randint(4, 90)
        elif change == 1:
            course["quality_mark"] = False
        elif change == 2:
            del course["hours"]
        elif change == 3:
            del course["signed"]


def _evc(p: Portfolio, rng: random.Random) -> None:
    p["evidence"].append(
        {
            "id": f"evc-{rng.randrange(10**6)}",
            "kind": "evc-rapportage",
            "title": "EVC-rapportage loopbaanprofessional",
            "issuer": "EVC-centrum",
            "issued": _days_before(p, rng, -10, 4 * 365),
            "level": rng.choice(["BOC6", "BOC7", "BOC5", "NLQF6"]),
            "recognised_provider": rng.random() < 0.8,
        }
    )


def _assessment(p: Portfolio, rng: random.Random) -> None:
    p["evidence"].append(
        {
            "id": f"assessment-{rng.randrange(10**6)}",
            "kind": "assessmentrapport",
            "title": "Assessment hbo werk- en denkniveau",
            "issuer": "Assessmentbureau",
            "issued": _days_before(p, rng, 0, 4 * 365),
            "level": rng.choice(["NLQF6", "NLQF5", "NLQF7"]),
            "assessor": rng.choice(["geaccrediteerd-bureau", "ao-psycholoog-nip", "anders"]),
        }
    )


def _case_count(p: Portfolio, rng: random.Random) -> None:
    if rng.random() < 0.5:
        del p["cases"][rng.randrange(len(p["cases"]))]
    else:
        extra = copy.deepcopy(rng.choice(p["cases"]))
        extra["id"] = f"casus-{len(p['cases']) + 1}"
        p["cases"].append(extra)


def _period(p: Portfolio, rng: random.Random) -> None:
    case = rng.choice(p["cases"])
    change = rng.randrange(4)
    if change == 0:
        del case["period"]
    elif change == 1:
        del case["period"]["end"]
    else:
        end = _days_before(p, rng, -20, 3 * 365)
        case["period"] = {"start": min(case["period"]["start"], end), "end": end}


def _choice(p: Portfolio, rng: random.Random) -> None:
    del rng.choice(p["cases"])["choice_motivation"]


def _diversity(p: Portfolio, rng: random.Random) -> None:
    first, *others = p["cases"]
    for case in others:
        for name in ("question_type", "client_type", "challenge"):
            if rng.random() < 0.8:
                case[name] = first[name]
            elif name in case and rng.random() < 0.5:
                del case[name]


def _tasks(p: Portfolio, rng: random.Random) -> None:
    case = rng.choice(p["cases"])
    shown = case["demonstrates"]["tasks"]
    dropped = shown.pop(rng.randrange(len(shown)))
    if rng.random() < 0.6:  # marked not relevant instead, with or without a motivation
        mark: dict[str, Any] = {"id": dropped["id"]}
        if rng.random() < 0.6:
            mark["motivation"] = "Deze taak kwam in dit traject niet aan de orde; zie de andere casus."
        case.setdefault("not_relevant", {}).setdefault("tasks", []).append(mark)


def _knowledge(p: Portfolio, rng: random.Random) -> None:
    for case in p["cases"]:
        areas = case["demonstrates"].get("knowledge_areas", [])
        if areas and rng.random() < 0.7:
            areas.pop(rng.randrange(len(areas)))


def _competences(p: Portfolio, rng: random.Random) -> None:
    case = rng.choice(p["cases"])
    shown = case["demonstrates"].get("competences", [])
    if shown:
        shown.pop(rng.randrange(len(shown)))


def _reflections(p: Portfolio, rng: random.Random) -> None:
    case = rng.choice(p["cases"])
    del case["reflections"][rng.choice(sorted(case["reflections"]))]


def _elements(p: Portfolio, rng: random.Random) -> None:
    name = rng.choice(sorted(p["elements"]))
    if rng.random() < 0.5:
        del p["elements"][name]
    else:
        p["elements"][name] = {"provided": rng.random() < 0.5}


def _declarations(p: Portfolio, rng: random.Random) -> None:
    name = rng.choice(sorted(p["declarations"]))
    if rng.random() < 0.5:
        p["declarations"][name]["agreed"] = False
    else:
        del p["declarations"][name]


NOLOC_CHANGES: tuple[Change, ...] = (
    _hours,
    _hours_elsewhere,
    _active_since,
    _practising,
    _diploma,
    _courses,
    _evc,
    _assessment,
    _case_count,
    _period,
    _choice,
    _diversity,
    _tasks,
    _knowledge,
    _competences,
    _reflections,
    _elements,
    _declarations,
)


def _copies(items: list[dict[str, Any]], scale: int) -> list[dict[str, Any]]:
    """``scale - 1`` more copies of each item, each with an id of its own (``casus-1-2``)."""
    copies = []
    for n in range(1, scale):
        for item in items:
            copied = copy.deepcopy(item)
            copied["id"] = f"{item['id']}-{n}"
            copies.append(copied)
    return copies


def _scaled(p: Portfolio, scale: int) -> None:
    """``scale`` times the cases and the course certificates."""
    p["cases"] += _copies(p["cases"], scale)
    p["evidence"] += _copies(_items(p, "cursus"), scale)


def noloc(count: int, seed: int = 0, scale: int = 1) -> Iterator[Portfolio]:
    """``count`` Noloc portfolios: each the eligible example with 0–4 of the changes above."""
    rng = random.Random(seed)
    base = json.loads((EXAMPLES / NOLOC / "eligible.json").read_text(encoding="utf-8"))
    for n in range(count):
        portfolio = copy.deepcopy(base)
        portfolio["candidate"]["id"] = f"K-{seed}-{n}"
        for change in rng.sample(NOLOC_CHANGES, rng.choice([0, 0, 1, 1, 2, 3, 4])):
            if portfolio["cases"] or change not in _NEEDS_CASES:
                change(portfolio, rng)
        _scaled(portfolio, scale)
        yield portfolio


_NEEDS_CASES = {_period, _choice, _tasks, _competences, _reflections, _case_count}


# --- EstQF: the same idea, fewer changes ----------------------------------------------------------


def estqf(count: int, seed: int = 0, scale: int = 1) -> Iterator[Portfolio]:
    """``count`` EstQF portfolios: the eligible example with items of evidence removed or duplicated."""
    rng = random.Random(seed)
    base = json.loads((EXAMPLES / ESTQF / "eligible.json").read_text(encoding="utf-8"))
    for n in range(count):
        portfolio = copy.deepcopy(base)
        portfolio["candidate"]["id"] = f"E-{seed}-{n}"
        for _ in range(rng.choice([0, 1, 2])):
            if portfolio["evidence"]:
                del portfolio["evidence"][rng.randrange(len(portfolio["evidence"]))]
        portfolio["evidence"] += _copies(portfolio["evidence"], scale)
        yield portfolio


GENERATORS = {"noloc": noloc, "estqf": estqf}
FRAMEWORK_FILES = {
    "noloc": ROOT / "frameworks" / f"{NOLOC}.yaml",
    "estqf": ROOT / "frameworks" / f"{ESTQF}.yaml",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("framework", choices=sorted(GENERATORS))
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    for portfolio in GENERATORS[args.framework](args.count, args.seed, args.scale):
        sys.stdout.write(json.dumps(portfolio, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
