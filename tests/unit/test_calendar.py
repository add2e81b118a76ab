"""Arithmetic as the sources mean it: windows of years and months back from the evaluation date
(29 February included, as python-dateutil's relativedelta counts them), and sums of the numbers
as written."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from qualmark.dates import shift
from qualmark.rules.base import decimal_sum
from qualmark.rules.experience import years_later

DATES = st.dates(dt.date(1900, 1, 1), dt.date(8800, 12, 31))
LEAP_DAYS = st.integers(1904, 8796).filter(lambda y: y % 4 == 0 and (y % 100 or y % 400 == 0))


@given(DATES, st.integers(-200, 200), st.integers(-40, 40), st.integers(-1000, 1000))
def test_shift_counts_as_relativedelta(date: dt.date, years: int, months: int, days: int) -> None:
    assert shift(date, years, months, days) == date + relativedelta(years=years, months=months, days=days)


@given(LEAP_DAYS, st.integers(1, 3))
def test_29_february_goes_back_to_28_february_in_a_common_year(year: int, back: int) -> None:
    date = dt.date(year, 2, 29)
    assert shift(date, years=-back) == dt.date(year - back, 2, 28)
    assert shift(date, years=-4) == dt.date(year - 4, 2, 29 if calendar.isleap(year - 4) else 28)


@given(DATES, st.integers(0, 60), st.integers(0, 11), st.sampled_from([0.0, 0.25, 0.5, 0.01, 0.1]))
def test_years_later_in_months_where_the_fraction_is_whole_months(
    date: dt.date, whole: int, month: int, odd: float
) -> None:
    years = whole + month / 12 if not odd else whole + odd
    expected = (
        date + relativedelta(years=whole, months=round((years - whole) * 12))
        if abs((years - whole) * 12 - round((years - whole) * 12)) < 1e-9
        else date + relativedelta(years=whole, days=round((years - whole) * 365.25))
    )
    assert years_later(date, years) == expected


@given(
    st.lists(
        st.integers(-(2**45), 2**45)
        | st.integers(0, 5000).map(float)
        | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
        max_size=50,
    )
)
def test_sums_add_as_a_person_adds_what_was_written(values: list[float]) -> None:
    """Whole numbers take a shortcut; the sum is the one of the numbers as written either way."""
    written = sum((Decimal(repr(float(v))) for v in values), Decimal(0))
    assert decimal_sum(values) == float(written)
