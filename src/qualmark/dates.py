"""Dates as qualmark reads them: ``YYYY-MM-DD``, within the years it evaluates.

Years before 1800 or after 8999 are typing mistakes in a portfolio, and an
evaluation date that far off would take the rules' calendar arithmetic
(up to 200 years either way) off the calendar, so both are refused.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

EARLIEST, LATEST = dt.date(1800, 1, 1), dt.date(8999, 12, 31)

_WRITTEN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # ASCII digits: \d would take ２ and ٢ too


def why_not_a_date(text: str) -> str | None:
    """Why ``text`` is not a date qualmark accepts, as the end of a sentence; ``None`` when it is one.

    >>> why_not_a_date("2026-02-29")
    'not a date: February 2026 has 28 days'
    >>> why_not_a_date("9999-12-31")
    'not a date from 1800 to 8999'
    >>> why_not_a_date("1 March 2026"), why_not_a_date("2024-02-29")
    ('not a date: write YYYY-MM-DD', None)
    """
    match = _WRITTEN.fullmatch(text)
    if match is None:
        return "not a date: write YYYY-MM-DD"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"not a date: there is no month {month}"
    if not EARLIEST.year <= year <= LATEST.year:
        return f"not a date from {EARLIEST.year} to {LATEST.year}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"not a date: {calendar.month_name[month]} {year} has {days} days"
    return None


def shift(date: dt.date, years: int = 0, months: int = 0, days: int = 0) -> dt.date:
    """``date`` moved by whole years and months, then by days: the calendar arithmetic of
    python-dateutil's ``relativedelta`` (tested against it), without building one.

    The day of the month stays, or becomes the last day of a shorter month:

    >>> shift(dt.date(2024, 2, 29), years=-2), shift(dt.date(2026, 8, 31), months=-6, days=-1)
    (datetime.date(2022, 2, 28), datetime.date(2026, 2, 27))
    """
    if years or months:
        year, month = divmod(date.year * 12 + date.month - 1 + years * 12 + months, 12)
        month += 1
        day = date.day if date.day <= 28 else min(date.day, calendar.monthrange(year, month)[1])
        date = dt.date(year, month, day)
    return date + dt.timedelta(days=days) if days else date
