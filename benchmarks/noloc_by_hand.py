"""The Noloc rules written by hand in plain Python: the floor the benchmark compares qualmark with.

``check(portfolio, as_of)`` takes the portfolio as ``json.loads`` gives it (already known to fit
the schema) and returns what qualmark's evaluation says in short: the verdict and the ids of the
failing requirements (``Evaluation.gaps()``). It is what a programmer would write for this one
framework: no explanations, no messages, no other framework. The benchmark's tests hold it to
qualmark's verdict and gaps on every generated portfolio (tests/acceptance/test_benchmarks.py).

Statuses: M met, N not met, I incomplete, R for the assessor (met as far as a machine can tell).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

M, N, I, R = "met", "not_met", "incomplete", "review"  # noqa: E741
VERDICTS = {M: "eligible", N: "not_eligible", I: "incomplete", R: "review"}

TASKS = (
    "t0-procestaken",
    "t1-vraagverheldering",
    "t2-begeleidingsvoorstel",
    "t3-zelfonderzoek",
    "t4-visie",
    "t5-orientatie-keuze",
    "t6-uitvoeren",
    "t7-afronden",
)
COMPETENCES = ("methodisch-werken", "inlevingsvermogen", "effectief-communiceren", "adviseren", "coachen")
ATTITUDE = ("ethisch-handelen", "zelfreflectie", "professionele-ontwikkeling", "diversiteit-inclusiviteit")
COURSE_FIELDS = ("quality_mark", "signed", "career_guidance", "within_scope")
LEVEL = re.compile(r"\s*(NLQF|BOC)\s*([0-9]+)\s*$", re.IGNORECASE)


def all_of(statuses: list[str]) -> str:
    if N in statuses:
        return N
    if I in statuses:
        return I
    return R if R in statuses else M


def one_of(statuses: list[str]) -> str:
    if M in statuses:
        return M
    if R in statuses:
        return R
    return N if N in statuses else I


def written(text: Any) -> bool:
    return isinstance(text, str) and bool(text.strip())


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` ``years`` years earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def level_at_least_6(text: Any) -> bool:
    """NLQF 6 or higher; BOC 6 equals NLQF 6 (the framework's only referencing), so BOC ≥ 6 too."""
    found = LEVEL.match(text) if isinstance(text, str) else None
    return found is not None and int(found[2]) >= 6


def same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def item_status(item: dict[str, Any], checks: dict[str, Any], as_of: dt.date | None) -> str:
    """An evidence item against its rule's conditions: N when one fails, I when one is unstated."""
    status = M
    for field, wanted in checks.items():
        value = item.get(field)
        if value is None:
            status = I
            continue
        if wanted == "level>=6":
            ok = level_at_least_6(value)
        elif isinstance(wanted, tuple):  # one of
            ok = any(same(value, w) for w in wanted)
        elif isinstance(value, list):  # a field of several values contains it
            ok = any(same(v, wanted) for v in value)
        elif isinstance(wanted, str):
            ok = same(value, wanted)
        else:
            ok = value == wanted
        if not ok:
            return N
    if as_of is not None:  # at most two years old
        issued = item.get("issued")
        if issued is None:
            return N if status == N else I
        day = dt.date.fromisoformat(issued)
        if day > as_of or day < years_before(as_of, 2):
            return N
    return status


def evidence(items: list[dict[str, Any]], checks: dict[str, Any], as_of: dt.date | None = None) -> str:
    """At least one item meeting every check."""
    statuses = [item_status(item, checks, as_of) for item in items]
    if M in statuses:
        return M
    if not statuses or all(s == M for s in statuses):
        return I
    return I if I in statuses else N


def course_hours(courses: list[dict[str, Any]]) -> str:
    """At least 98 hours on certificates with a quality mark, signed, on career guidance, in scope."""
    total, could_add, pending = 0.0, 0.0, False
    for course in courses:
        failed = unstated = False
        for field in COURSE_FIELDS:
            value = course.get(field)
            if value is None:
                unstated = True
            elif value is not True:
                failed = True
        hours = course.get("hours")
        if failed:
            continue
        if unstated or hours is None:
            pending = pending or hours is None
            could_add += hours or 0
        else:
            total += hours
    if total >= 98:
        return M
    if not courses or pending or total + could_add >= 98:
        return I
    return N


def experience(p: dict[str, Any], as_of: dt.date) -> dict[str, str]:
    exp = p.get("experience") or {}
    since = exp.get("active_since")
    if since is None:
        years = I
    else:
        start = dt.date.fromisoformat(since)
        try:
            reached = start.replace(year=start.year + 2)
        except ValueError:
            reached = start.replace(year=start.year + 2, day=28)
        years = M if reached <= as_of else N
    entries = exp.get("hours") or []
    counted = sum(e["hours"] for e in entries if e["activity"] == "begeleiding")
    hours = I if not entries else M if counted >= 1200 else N
    practising = exp.get("currently_practising")
    current = {True: M, False: N, None: I}[practising]
    return {"B1-jaren": years, "B1-uren": hours, "B1-actief": current}


def declarations(p: dict[str, Any], ids: tuple[str, ...]) -> str:
    given = p.get("declarations") or {}
    if any(i in given and not given[i]["agreed"] for i in ids):
        return N
    return I if any(i not in given for i in ids) else M


def present(p: dict[str, Any], element: str) -> str:
    given = (p.get("elements") or {}).get(element)
    ok = (
        given is not None
        and given.get("provided")
        and (written(given.get("document")) or written(given.get("text")))
    )
    return M if ok else I


def shown(case: dict[str, Any], vocabulary: str) -> set[str]:
    return {d["id"] for d in (case.get("demonstrates") or {}).get(vocabulary, []) if written(d.get("text"))}


def check(p: dict[str, Any], as_of: dt.date | None = None) -> tuple[str, set[str]]:
    """The verdict and the failing requirements (leaves, as ``Evaluation.gaps()``) of a Noloc portfolio."""
    as_of = as_of or dt.date.fromisoformat(p["submitted"])
    leaves: dict[str, str] = {}
    evidence_by_kind: dict[str, list[dict[str, Any]]] = {}
    for item in p.get("evidence") or []:
        evidence_by_kind.setdefault(item["kind"], []).append(item)
    diplomas = evidence_by_kind.get("diploma", [])
    courses = course_hours(evidence_by_kind.get("cursus", []))

    # A: one of four routes
    a1 = evidence(
        diplomas,
        {
            "level": "level>=6",
            "signed": True,
            "accredited_by": "NVAO",
            "registered_in": "CROHO",
            "field": "mens-en-organisatie",
        },
    )
    a2_diploma = evidence(diplomas, {"level": "level>=6", "signed": True, "accredited_by": "NVAO"})
    a3_evc = evidence(
        evidence_by_kind.get("evc-rapportage", []), {"level": "level>=6", "recognised_provider": True}, as_of
    )
    a4_assessment = evidence(
        evidence_by_kind.get("assessmentrapport", []),
        {"level": "level>=6", "assessor": ("geaccrediteerd-bureau", "ao-psycholoog-nip")},
        as_of,
    )
    routes = {
        "A1": {"A1": a1},
        "A2": {"A2-diploma": a2_diploma, "A2-cursussen": courses},
        "A3": {"A3-evc": a3_evc, "A3-cursussen": courses},
        "A4": {"A4-assessment": a4_assessment, "A4-cursussen": courses},
    }
    a = one_of([all_of(list(parts.values())) for parts in routes.values()])
    if a in (N, I):
        for parts in routes.values():
            leaves.update(parts)

    # B1, B2
    b1 = experience(p, as_of)
    b1["B1-verklaring-werkervaring"] = declarations(p, ("verklaring-werkervaring",))
    b1["B1-verklaring-actief"] = declarations(p, ("verklaring-actief",))
    b2 = {"B2-cv": present(p, "cv"), "B2-motivatie": present(p, "motivatie")}
    leaves.update(b1)
    leaves.update(b2)

    # C1: two complete, recent, diverse cases showing every task
    cases = p.get("cases") or []
    c1: dict[str, str] = {}
    c1["C1-aantal"] = M if len(cases) == 2 else N if len(cases) > 2 else I
    motivated = sum(c.get("choice_motivation") is not None for c in cases)
    # at least two cases stating why: while a case could still state it, incomplete
    c1["C1-keuze"] = M if motivated >= 2 else I if motivated == len(cases) or len(cases) >= 2 else N
    oldest = years_before(as_of, 2)
    recency = []
    for case in cases:
        period = case.get("period")
        if period is None:
            recency.append(I)
            continue
        end = period.get("end")
        ok = end is not None and oldest <= dt.date.fromisoformat(end) <= as_of
        recency.append(M if ok else N)
    c1["C1-afgelopen-twee-jaar"] = all_of(recency) if cases else I
    differing = unstated = False
    for name in ("question_type", "client_type", "challenge", "other_difference"):
        values = [c.get(name) for c in cases]
        stated = [v.strip().casefold() for v in values if isinstance(v, str) and v.strip()]
        unstated = unstated or len(stated) < len(values)
        differing = differing or len(set(stated)) >= 2
    c1["C1-diversiteit"] = R if differing else I if len(cases) < 2 or unstated else N
    c1["C1-werkveld"] = R if len(cases) >= 2 else I
    showing: dict[str, int] = {}
    shown_per_case = [shown(c, "tasks") for c in cases]
    for tasks in shown_per_case:
        for task in tasks:
            showing[task] = showing.get(task, 0) + 1
    unshown = unmotivated = False
    tasks_per_case = {}
    for case, tasks in zip(cases, shown_per_case, strict=True):
        marks = (case.get("not_relevant") or {}).get("tasks", [])
        excused = {m["id"] for m in marks}
        for mark in marks:
            unmotivated = unmotivated or not written(mark.get("motivation"))
            unshown = unshown or showing.get(mark["id"], 0) - (mark["id"] in tasks) < 1
        missing = [t for t in TASKS if t not in tasks and t not in excused]
        tasks_per_case[f"C1-taken/{case['id']}"] = N if missing else M
    if cases:
        tasks_per_case["C1-taken.not_relevant"] = N if unshown else I if unmotivated else M
        c1.update(tasks_per_case)
    else:
        c1["C1-taken"] = I
    leaves.update(c1)

    # C2, C3, C4
    areas: set[str] = set()
    competences: set[str] = set()
    for case in cases:
        areas |= shown(case, "knowledge_areas")
        competences |= shown(case, "competences")
    if_cases = N if cases else I
    leaves["C2-vier-van-vijf"] = M if len(areas) >= 4 else if_cases
    leaves["C2-verplicht"] = M if {"loopbaantheorie", "ontwikkeling-mens"} <= areas else if_cases
    leaves["C3"] = M if set(COMPETENCES) <= competences else if_cases
    if cases:
        for case in cases:
            answers = case.get("reflections") or {}
            leaves[f"C4/{case['id']}"] = M if all(written(answers.get(q)) for q in ATTITUDE) else I
    else:
        leaves["C4"] = I

    leaves["D"] = present(p, "ontwikkelplan")
    leaves["E"] = declarations(p, ("gedragscode", "klachtenreglement", "naar-waarheid"))

    # the verdict over the top-level requirements: A, then the rest (all of their leaves)
    rest = [s for rule_id, s in leaves.items() if not rule_id.startswith("A")]
    verdict = VERDICTS[all_of([a, *rest])]
    return verdict, {rule_id for rule_id, status in leaves.items() if status in (N, I)}
