"""Shared helpers for the rule-kind unit tests.

A framework here is the minimal header below plus a small YAML body (profile
and testing blocks) written inline in each test module; a portfolio is a
plain dict built with :func:`portfolio`, :func:`item` and :func:`case`, checked
against the framework's schema exactly as a real portfolio file would be.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from qualmark import Evaluation, Framework, Outcome, parse_framework
from qualmark.explain import Message
from qualmark.messages import render
from qualmark.portfolio import portfolio_from_data

FRAMEWORK_ID = "unit-test"

HEADER = f"""\
qualmark: 1
id: {FRAMEWORK_ID}
uri: urn:qualmark:framework:{FRAMEWORK_ID}
version: "1"
title: {{en: Unit test mark, nl: Testkeurmerk}}
languages: [en, nl]
issuer: {{name: Test issuer}}
source: {{title: Unit tests}}
"""

# The default evaluation date of every test (and the portfolios' submission date).
AS_OF = dt.date(2026, 3, 10)

Date = dt.date | str


def framework(body: str) -> Framework:
    """Compile the minimal header plus ``body`` (YAML, indented as in a test's triple-quoted string)."""
    return parse_framework(HEADER + textwrap.dedent(body), file="unit.yaml")


def iso(value: Date | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def portfolio(
    *,
    evidence: list[dict[str, Any]] | None = None,
    experience: dict[str, Any] | None = None,
    cases: list[dict[str, Any]] | None = None,
    elements: dict[str, Any] | None = None,
    declarations: dict[str, Any] | None = None,
    submitted: Date = AS_OF,
) -> dict[str, Any]:
    """A portfolio for the unit-test framework; parts left out are left out of the JSON too."""
    data: dict[str, Any] = {
        "qualmark_portfolio": 1,
        "framework": FRAMEWORK_ID,
        "candidate": {"name": "Anna de Vries"},
        "submitted": iso(submitted),
    }
    parts = {
        "evidence": evidence,
        "experience": experience,
        "cases": cases,
        "elements": elements,
        "declarations": declarations,
    }
    data.update({key: value for key, value in parts.items() if value is not None})
    return data


def item(kind: str, id: str, **fields: Any) -> dict[str, Any]:
    """An evidence item; dates may be given as :class:`datetime.date`."""
    return {"id": id, "kind": kind, **{k: iso(v) if isinstance(v, dt.date) else v for k, v in fields.items()}}


def case(id: str, start: Date | None = None, end: Date | None = None, **fields: Any) -> dict[str, Any]:
    """A case description; ``start``/``end`` make its period (a start alone: a case not completed)."""
    data: dict[str, Any] = {"id": id, "title": f"Case {id}"}
    if start is not None:
        data["period"] = {"start": iso(start)} | ({"end": iso(end)} if end is not None else {})
    data.update(fields)
    return data


def evaluate(fw: Framework, data: dict[str, Any], as_of: Date = AS_OF) -> Evaluation:
    """Check ``data`` against ``fw``'s schema and evaluate it as of ``as_of``."""
    when = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return fw.evaluate(portfolio_from_data(data, "portfolio.json"), as_of=when)


def outcome(fw: Framework, data: dict[str, Any], rule_id: str, as_of: Date = AS_OF) -> Outcome:
    """The outcome of one rule (anywhere in the tree)."""
    found = evaluate(fw, data, as_of).find(rule_id)
    assert found is not None, f"no outcome for rule {rule_id}"
    return found


def en(message: Message | None) -> str:
    assert message is not None
    return render(message, "en")


def nl(message: Message | None) -> str:
    assert message is not None
    return render(message, "nl")


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier; 29 February becomes 28 February in a common year.

    Written out by hand (not with dateutil) so that the tests do not share the
    code under test's date arithmetic.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February → a year without one
        return dt.date(day.year - years, 2, 28)


def years_after(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 2, 28)


DAY = dt.timedelta(days=1)
