"""The Noloc rules for a peer engine: a GoRules JDM decision graph run by ``zen-engine``.

The benchmark compares qualmark with the rules written by hand (benchmarks/noloc_by_hand.py) and
with the same checks written for ZEN, a rules engine from PyPI (Rust, with a Python binding). The
graph is one expression node in ZEN's expression language: the statuses of the requirements that
noloc_by_hand.py works out, in the same order and with the same meaning, then the verdict.
``check(portfolio, as_of)`` returns what qualmark's evaluation says in short (the verdict and the
ids of the failing requirements), and the benchmark's tests hold it to qualmark on every generated
portfolio, as they hold the hand-written rules.

Two things of the expression language shape what is written here:

- A closure (``map``, ``filter``, ``some``) sees its own item (``#``) but not the item of a closure
  around it, and has no index. What compares one case with the others (a task marked not relevant
  in one case must be shown in another) and the ids of per-case requirements (``C1-taken/case-1``)
  are written once per case position: the graph for a portfolio of n cases is made for the next
  power of two from 4 (kept, so a benchmark pays for it once).
- ``d(date).sub(2, "y")`` on 29 February gives "Invalid date" (zen-engine 2.1); 24 months back
  gives 28 February, as the sources count.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import zen
from noloc_by_hand import ATTITUDE, COMPETENCES, TASKS

AREAS = ("loopbaantheorie", "ontwikkeling-mens", "arbeidsmarkt", "opleidingen-beroepen", "organisaties")
M, N, I, R = '"met"', '"not_met"', '"incomplete"', '"review"'  # noqa: E741


def _all_of(statuses: str) -> str:
    return (
        f"(contains({statuses}, {N}) ? {N} : contains({statuses}, {I}) ? {I}"
        f" : contains({statuses}, {R}) ? {R} : {M})"
    )


def _one_of(statuses: str) -> str:
    return (
        f"(contains({statuses}, {M}) ? {M} : contains({statuses}, {R}) ? {R}"
        f" : contains({statuses}, {N}) ? {N} : {I})"
    )


def _written(value: str) -> str:
    return f'(type({value}) == "string" and len(trim({value})) > 0)'


def _same(value: str, wanted: str) -> str:
    return f'lower(trim({value})) == "{wanted.lower()}"'


def _equals(field: str, wanted: object) -> str:
    """Whether an item's stated ``field`` passes: a level from 6, a text (or a list holding it), true."""
    value = f"#.{field}" if field.isidentifier() else f'#["{field}"]'
    if wanted == "level>=6":
        return (
            f'(matches(lower(trim({value})), "^(nlqf|boc)[[:space:]]*[0-9]+[[:space:]]*$")'
            f' and number(extract({value}, "([0-9]+)")[1]) >= 6)'
        )
    if isinstance(wanted, tuple):
        return "(" + " or ".join(_same(value, w) for w in wanted) + ")"
    if isinstance(wanted, str):
        return f'(type({value}) == "array" ? some({value}, {_same("#", wanted)}) : {_same(value, wanted)})'
    return f"{value} == {json.dumps(wanted)}"


def _item_statuses(items: str, checks: dict[str, Any], dated: bool) -> str:
    """Each item's status against ``checks`` (and at most two years old when ``dated``)."""
    failed = " or ".join(f"(#.{f} != null and not {_equals(f, w)})" for f, w in checks.items())
    unstated = " or ".join(f"#.{f} == null" for f in checks)
    undated = f"(#.issued == null ? {I} : (d(#.issued) > d($.asOf) or d(#.issued) < d($.oldest)) ? {N} : "
    status = f"({unstated}) ? {I} : {M}"
    if dated:
        status = f"({unstated}) ? {I} : {undated}{M})"
    return f"map({items}, ({failed}) ? {N} : {status})"


def _evidence(statuses: str) -> str:
    """At least one item meeting every check (noloc_by_hand.evidence)."""
    return (
        f"(contains({statuses}, {M}) ? {M} : (len({statuses}) == 0 or all({statuses}, # == {M})) ? {I}"
        f" : contains({statuses}, {I}) ? {I} : {N})"
    )


def _present(element: str) -> str:
    given = f'$.elements["{element}"]'
    document, text = f"{given}.document", f"{given}.text"
    return f"(({given}).provided == true and ({_written(document)} or {_written(text)})) ? {M} : {I}"


def _declarations(ids: tuple[str, ...]) -> str:
    refused = " or ".join(f'($.given["{i}"] != null and $.given["{i}"].agreed != true)' for i in ids)
    missing = " or ".join(f'$.given["{i}"] == null' for i in ids)
    return f"({refused}) ? {N} : ({missing}) ? {I} : {M}"


def _expressions(positions: int) -> list[tuple[str, str]]:
    course_fields = ("quality_mark", "signed", "career_guidance", "within_scope")
    e: list[tuple[str, str]] = [
        ("asOf", "asOf ?? p.submitted"),
        ("oldest", 'd($.asOf).sub(24, "M").format("%Y-%m-%d")'),
        ("ev", "p.evidence ?? []"),
        ("diplomas", 'filter($.ev, #.kind == "diploma")'),
        ("courses", 'filter($.ev, #.kind == "cursus")'),
        ("given", "p.declarations ?? {}"),
        ("elements", "p.elements ?? {}"),
        ("cases", "p.cases ?? []"),
        (
            "a1",
            _item_statuses(
                "$.diplomas",
                {
                    "level": "level>=6",
                    "signed": True,
                    "accredited_by": "NVAO",
                    "registered_in": "CROHO",
                    "field": "mens-en-organisatie",
                },
                dated=False,
            ),
        ),
        (
            "a2",
            _item_statuses(
                "$.diplomas", {"level": "level>=6", "signed": True, "accredited_by": "NVAO"}, dated=False
            ),
        ),
        (
            "a3",
            _item_statuses(
                'filter($.ev, #.kind == "evc-rapportage")',
                {"level": "level>=6", "recognised_provider": True},
                dated=True,
            ),
        ),
        (
            "a4",
            _item_statuses(
                'filter($.ev, #.kind == "assessmentrapport")',
                {"level": "level>=6", "assessor": ("geaccrediteerd-bureau", "ao-psycholoog-nip")},
                dated=True,
            ),
        ),
        (
            "courseRows",
            "map($.courses, {failed: "
            + " or ".join(f"(#.{f} != null and #.{f} != true)" for f in course_fields)
            + ", unstated: "
            + " or ".join(f"#.{f} == null" for f in course_fields)
            + ", hours: #.hours})",
        ),
        (
            "total",
            "sum(map(filter($.courseRows, not #.failed and not #.unstated and #.hours != null), #.hours))",
        ),
        ("pending", "some($.courseRows, not #.failed and #.hours == null)"),
        (
            "couldAdd",
            "sum(map(filter($.courseRows, not #.failed and #.unstated and #.hours != null), #.hours))",
        ),
        (
            "hours98",
            f"$.total >= 98 ? {M} : (len($.courses) == 0 or $.pending or $.total + $.couldAdd >= 98) ? {I} : {N}",
        ),
        ("leaves.A1", _evidence("$.a1")),
        ("leaves.A2-diploma", _evidence("$.a2")),
        ("leaves.A2-cursussen", "$.hours98"),
        ("leaves.A3-evc", _evidence("$.a3")),
        ("leaves.A3-cursussen", "$.hours98"),
        ("leaves.A4-assessment", _evidence("$.a4")),
        ("leaves.A4-cursussen", "$.hours98"),
        (
            "a",  # one of four routes: A1, or a diploma, an EVC report or an assessment with the courses
            _one_of(
                "["
                + ", ".join(
                    [
                        '$.leaves["A1"]',
                        _all_of('[$.leaves["A2-diploma"], $.leaves["A2-cursussen"]]'),
                        _all_of('[$.leaves["A3-evc"], $.leaves["A3-cursussen"]]'),
                        _all_of('[$.leaves["A4-assessment"], $.leaves["A4-cursussen"]]'),
                    ]
                )
                + "]"
            ),
        ),
        # B1: experience and the two statements, B2: cv and motivation
        ("exp", "p.experience ?? {}"),
        (
            "leaves.B1-jaren",
            f'$.exp.active_since == null ? {I} : d($.exp.active_since).add(24, "M") <= d($.asOf) ? {M} : {N}',
        ),
        ("entries", "$.exp.hours ?? []"),
        ("counted", 'sum(map(filter($.entries, #.activity == "begeleiding"), #.hours))'),
        ("leaves.B1-uren", f"len($.entries) == 0 ? {I} : $.counted >= 1200 ? {M} : {N}"),
        (
            "leaves.B1-actief",
            f"$.exp.currently_practising == true ? {M} : $.exp.currently_practising == false ? {N} : {I}",
        ),
        ("leaves.B1-verklaring-werkervaring", _declarations(("verklaring-werkervaring",))),
        ("leaves.B1-verklaring-actief", _declarations(("verklaring-actief",))),
        ("leaves.B2-cv", _present("cv")),
        ("leaves.B2-motivatie", _present("motivatie")),
        # C1: two complete, recent, diverse cases showing every task
        ("n", "len($.cases)"),
        ("leaves.C1-aantal", f"$.n == 2 ? {M} : $.n > 2 ? {N} : {I}"),
        ("motivated", "count($.cases, #.choice_motivation != null)"),
        ("leaves.C1-keuze", f"$.motivated >= 2 ? {M} : ($.motivated == $.n or $.n >= 2) ? {I} : {N}"),
        (
            "recency",
            f"map($.cases, #.period == null ? {I} : (#.period.end != null and d(#.period.end) >= d($.oldest)"
            f" and d(#.period.end) <= d($.asOf)) ? {M} : {N})",
        ),
        ("leaves.C1-afgelopen-twee-jaar", f"$.n > 0 ? {_all_of('$.recency')} : {I}"),
    ]
    differing, unstated = [], []
    for name in ("question_type", "client_type", "challenge", "other_difference"):
        e.append(
            (
                f"stated_{name}",
                f"map(filter($.cases, {_written('#.' + name)}), lower(trim(#.{name})))",
            )
        )
        unstated.append(f"len($.stated_{name}) < $.n")
        differing.append(f"some($.stated_{name}, # != $.stated_{name}[0])")
    e += [
        (
            "leaves.C1-diversiteit",
            f"({' or '.join(differing)}) ? {R} : ($.n < 2 or {' or '.join(unstated)}) ? {I} : {N}",
        ),
        ("leaves.C1-werkveld", f"$.n >= 2 ? {R} : {I}"),
    ]
    # per case position: the tasks shown, the marks, and the case's own requirement
    for i in range(positions):
        case = f"$.cases[{i}]"
        e.append(
            (
                f"shown{i}",
                f"map(filter(({case}.demonstrates ?? {{}}).tasks ?? [], {_written('#.text')}), #.id)",
            )
        )
        e.append((f"marks{i}", f"({case}.not_relevant ?? {{}}).tasks ?? []"))
    unshown, unmotivated, per_case, reflections = [], [], [], []
    for i in range(positions):
        others = " + ".join(f"(contains($.shown{j}, #.id) ? 1 : 0)" for j in range(positions) if j != i)
        unshown.append(f"some($.marks{i}, {others} < 1)")
        unmotivated.append(f"some($.marks{i}, not {_written('#.motivation')})")
        excused = f"map($.marks{i}, #.id)"
        missing = (
            f"some({json.dumps(list(TASKS))}, not contains($.shown{i}, #) and not contains({excused}, #))"
        )
        per_case.append(
            f'$.n > {i} ? {{id: "C1-taken/" + $.cases[{i}].id, status: {missing} ? {N} : {M}}} : null'
        )
        answers = f"($.cases[{i}].reflections ?? {{}})"
        answered = " and ".join(_written(f'{answers}["{q}"]') for q in ATTITUDE)
        reflections.append(
            f'$.n > {i} ? {{id: "C4/" + $.cases[{i}].id, status: ({answered}) ? {M} : {I}}} : null'
        )
    e += [
        ("perCase", f"filter([{', '.join(per_case)}], # != null)"),
        (
            "marksStatus",
            f"({' or '.join(unshown)}) ? {N} : ({' or '.join(unmotivated)}) ? {I} : {M}",
        ),
        ("leaves.C1-taken", f"$.n > 0 ? null : {I}"),
        ("marksLeaf", "$.n > 0 ? $.marksStatus : null"),
        # C2, C3, C4, D, E
        (
            "areas",
            f"flatMap($.cases, map(filter((#.demonstrates ?? {{}}).knowledge_areas ?? [], {_written('#.text')}), #.id))",
        ),
        (
            "competences",
            f"flatMap($.cases, map(filter((#.demonstrates ?? {{}}).competences ?? [], {_written('#.text')}), #.id))",
        ),
        ("ifCases", f"$.n > 0 ? {N} : {I}"),
        (
            "leaves.C2-vier-van-vijf",
            f"count({json.dumps(list(AREAS))}, contains($.areas, #)) >= 4 ? {M} : $.ifCases",
        ),
        (
            "leaves.C2-verplicht",
            f'(contains($.areas, "loopbaantheorie") and contains($.areas, "ontwikkeling-mens")) ? {M} : $.ifCases',
        ),
        ("leaves.C3", f"all({json.dumps(list(COMPETENCES))}, contains($.competences, #)) ? {M} : $.ifCases"),
        ("perCaseC4", f"filter([{', '.join(reflections)}], # != null)"),
        ("leaves.C4", f"$.n > 0 ? null : {I}"),
        ("leaves.D", _present("ontwikkelplan")),
        ("leaves.E", _declarations(("gedragscode", "klachtenreglement", "naar-waarheid"))),
    ]
    rest = ", ".join(
        f'$.leaves["{key[len("leaves.") :]}"]' for key, _ in e if key.startswith("leaves.") and key[7] != "A"
    )
    e += [
        (
            "rest",
            f"filter(flatMap([[$.a, $.marksLeaf, {rest}], map($.perCase, #.status), map($.perCaseC4, #.status)], #),"
            " # != null)",
        ),
        (
            "verdict",
            f'contains($.rest, {N}) ? "not_eligible" : contains($.rest, {I}) ? "incomplete"'
            f' : contains($.rest, {R}) ? "review" : "eligible"',
        ),
    ]
    return e


def graph(positions: int = 4) -> str:
    """The JDM decision graph for portfolios of up to ``positions`` cases: input → the expression node → output."""
    node = {
        "id": "noloc",
        "type": "expressionNode",
        "name": "Noloc",
        "position": {"x": 300, "y": 0},
        "content": {
            "expressions": [
                {"id": f"e{n}", "key": key, "value": value}
                for n, (key, value) in enumerate(_expressions(positions))
            ]
        },
    }
    return json.dumps(
        {
            "nodes": [
                {
                    "id": "in",
                    "type": "inputNode",
                    "name": "Portfolio",
                    "position": {"x": 0, "y": 0},
                    "content": {},
                },
                node,
                {
                    "id": "out",
                    "type": "outputNode",
                    "name": "Statuses",
                    "position": {"x": 600, "y": 0},
                    "content": {},
                },
            ],
            "edges": [
                {"id": "in-noloc", "sourceId": "in", "targetId": "noloc", "type": "edge"},
                {"id": "noloc-out", "sourceId": "noloc", "targetId": "out", "type": "edge"},
            ],
        }
    )


_ENGINE = zen.ZenEngine()
_DECISIONS: dict[int, zen.ZenDecision] = {}


def decision(cases: int) -> zen.ZenDecision:
    """The graph for ``cases`` cases (made for the next power of two from 4, and kept)."""
    positions = 4
    while positions < cases:
        positions *= 2
    if positions not in _DECISIONS:
        _DECISIONS[positions] = _ENGINE.create_decision(graph(positions))
    return _DECISIONS[positions]


def check(p: dict[str, Any], as_of: dt.date | None = None) -> tuple[str, set[str]]:
    """The verdict and the failing requirements of a Noloc portfolio, as noloc_by_hand.check says them."""
    result = decision(len(p.get("cases") or ())).evaluate(
        {"p": p, "asOf": as_of.isoformat() if as_of else None}
    )["result"]
    leaves = [*result["leaves"].items(), ("C1-taken.not_relevant", result["marksLeaf"])]
    leaves += [(entry["id"], entry["status"]) for entry in (*result["perCase"], *result["perCaseC4"])]
    routes_met = result["a"] not in ("not_met", "incomplete")  # then no alternative of A is a gap
    failing = {
        rule_id
        for rule_id, status in leaves
        if status in ("not_met", "incomplete") and not (routes_met and rule_id.startswith("A"))
    }
    return result["verdict"], failing
