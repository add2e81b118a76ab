"""The `where` language: a small closed set of comparisons on typed fields.

``field: value`` (equal; *contains* for a list field), ``{min: x}``,
``{max: x}`` (inclusive, for numbers, dates and levels), ``{in: [a, b]}`` and
``{present: true}``. No expressions, no code.

A condition on an item is true, false, or *unknown* (``None``) when the item
does not state the field: the candidate can still supply it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from qualmark.inert import inert, quote, shorten
from qualmark.model.framework import MAX_AMOUNT, Condition, ConditionSpec
from qualmark.scales import Level, Scales, shipped_scales

Tri = bool | None

Op = Literal["eq", "min", "max", "in", "present"]


@dataclass(frozen=True, slots=True)
class Check:
    """One comparison of a field with a value."""

    op: Op
    value: Any
    # for a failed check on levels that nothing declared could decide: why (Scales.undecided)
    why: dict[str, Any] | None = dataclasses.field(default=None, compare=False)

    def describe(self) -> dict[str, Any]:
        shown = [str(v) for v in self.value] if isinstance(self.value, tuple) else self.value
        if isinstance(shown, Level | dt.date):
            shown = str(shown)
        described = {"op": self.op, "value": shown}
        if self.why is not None:
            described["why"] = dict(self.why)
        return described


@dataclass(frozen=True, slots=True)
class FieldCondition:
    """All checks on one field; a level field reads and compares levels on ``scales`` (bound to ``scale``)."""

    field: str
    type: str
    many: bool
    checks: tuple[Check, ...]
    scales: Scales = dataclasses.field(default_factory=shipped_scales, compare=False, repr=False)
    scale: str | None = None

    def test(self, value: Any) -> tuple[Tri, list[Check]]:
        """Whether ``value`` passes, and the checks it fails (``None``: not stated).

        A missing field is not stated: the candidate can still state it. An
        explicit empty list (``accredited_by: []``) states *none*: it fails
        every check that needs a value and meets ``{present: false}``.
        """
        if value is None:
            if any(c.op == "present" and c.value is False for c in self.checks):
                return True, []
            return None, list(self.checks)
        if isinstance(value, list):
            failed = [c for c in self.checks if not self._any_passes(c, value)]
        else:  # one value, read once for all the checks
            read = self._coerce(value)
            failed = [
                c for c in self.checks if not (c.value if c.op == "present" else self._compare(c, read))
            ]
        if not failed:
            return True, []
        return False, [self._undecided(c, value) for c in failed]

    def _undecided(self, check: Check, value: Any) -> Check:
        """A failed check on levels, with why when no declared equivalence could decide it."""
        if self.type != "level" or check.op == "present":
            return check
        for each in value if isinstance(value, list) else [value]:
            level = self._coerce(each)
            why = self.scales.undecided(check.op, level, check.value) if isinstance(level, Level) else None
            if why is not None:
                return replace(check, why=why)
        return check

    def implies(self, other: FieldCondition) -> bool:
        """Whether every value that passes this condition passes ``other`` (on the same field); False when unsure."""
        if (self.field, self.type, self.many, self.scale) != (
            other.field,
            other.type,
            other.many,
            other.scale,
        ):
            return False
        return all(
            any(_check_implies(mine, theirs, self.many) for mine in self.checks) for theirs in other.checks
        )

    def _any_passes(self, check: Check, values: list[Any]) -> bool:
        """A list field passes a check when any of its values does; ``present`` asks for one at all."""
        if check.op == "present":
            return bool(values) is bool(check.value)
        return any(self._compare(check, self._coerce(v)) for v in values)

    def _coerce(self, value: Any) -> Any:
        if self.type == "level":
            return self.scales.parse(value, self.scale)
        if self.type == "date" and isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
        if self.type == "text" and isinstance(value, str):
            return as_written(value)  # the framework side is folded in _equal
        return value

    def _compare(self, check: Check, value: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, Level):  # within a scale, or through declared referencings
            return self.scales.holds(check.op, value, check.value)
        if check.op == "eq":
            return _equal(value, check.value)
        if check.op == "in":
            return any(_equal(value, option) for option in check.value)
        try:
            return bool(value >= check.value if check.op == "min" else value <= check.value)
        except TypeError:
            return False


def conditions_imply(these: tuple[FieldCondition, ...], those: tuple[FieldCondition, ...]) -> bool:
    """Whether an item that meets every condition of ``these`` meets every one of ``those``."""
    by_field = {condition.field: condition for condition in these}
    return all(c.field in by_field and by_field[c.field].implies(c) for c in those)


def _check_implies(mine: Check, theirs: Check, many: bool) -> bool:
    """Whether a value passing ``mine`` passes ``theirs``; False when unsure (levels across scales, a list field)."""
    if mine == theirs:
        return True
    if theirs.op == "present":
        return theirs.value is True and (mine.op != "present" or mine.value is True)
    if many or isinstance(mine.value, Level) or isinstance(theirs.value, Level):
        return False  # a list field passes a check when any of its values does; levels compare through scales
    values = mine.value if mine.op == "in" else (mine.value,) if mine.op == "eq" else None
    if theirs.op == "eq":
        return values is not None and all(_same(v, theirs.value) for v in values)
    if theirs.op == "in":
        return values is not None and all(any(_same(v, option) for option in theirs.value) for v in values)
    if values is not None:
        return all(_within(v, theirs) for v in values)
    if mine.op == theirs.op and _ordered(mine.value, theirs.value):
        return bool(mine.value >= theirs.value if mine.op == "min" else mine.value <= theirs.value)
    return False


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return as_written(a) == as_written(b)
    return _ordered(a, b) and bool(a == b)


def _within(value: Any, check: Check) -> bool:
    """Whether ``value`` passes a ``min`` or ``max`` check."""
    if not _ordered(value, check.value):
        return False
    return bool(value >= check.value if check.op == "min" else value <= check.value)


def _ordered(a: Any, b: Any) -> bool:
    """Whether two framework values compare as numbers or as dates (not text, not true/false)."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (a, b))
    return numbers or all(isinstance(v, dt.date) for v in (a, b))


@lru_cache(maxsize=4096)  # the framework's values are compared again for every item
def as_written(text: str) -> str:
    """A text as conditions compare it: one Unicode form, case and surrounding spaces aside.

    ``nvao`` meets ``NVAO``, and ``é`` is ``é`` however it was typed.

    >>> as_written("  Nvao ") == as_written("NVAO")
    True
    """
    return unicodedata.normalize("NFC", text).strip().casefold()


def _equal(value: Any, wanted: Any) -> bool:
    """Equality as a reader means it: texts ignore case and surrounding spaces."""
    if isinstance(value, str) and isinstance(wanted, str):
        return value == as_written(wanted)  # ``value`` is already as written (FieldCondition._coerce)
    return bool(value == wanted)


def _above(low: Any, high: Any) -> bool:
    """Whether a lower bound lies above an upper bound (numbers, dates; levels: Scales.empty_range)."""
    try:
        return bool(low > high)
    except TypeError:
        return False


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    return "text"


_EXPONENT = re.compile(r"([-+]?[0-9]+)(?:\.([0-9]*))?[eE]([-+]?)([0-9]{1,4})")


def _yaml_number(value: object) -> str | None:
    """How to write a number in exponent notation so that YAML 1.1 reads it as one: ``1e3`` → ``1.0e+3``.

    >>> _yaml_number("1e308"), _yaml_number("2.5E-3"), _yaml_number("ten")
    ('1.0e+308', '2.5e-3', None)
    """
    match = _EXPONENT.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    whole, fraction, sign, exponent = match.groups()
    return f"{whole}.{fraction or 0}e{sign or '+'}{exponent}"


def compile_value(
    value: Any,
    type_: str,
    values: tuple[str, ...] | None,
    *,
    scales: Scales | None = None,
    scale: str | None = None,
) -> tuple[Any, str | None]:
    """Check that ``value`` fits a field of ``type_``; return it in runtime form, or an error.

    A level is read on ``scales`` (default: the shipped ones), on scale ``scale`` if the field is bound to one.
    """
    if type_ == "level":
        return (scales or shipped_scales()).read(value, scale)
    found = _kind_of(value)
    if found != type_:
        written = _yaml_number(value) if type_ == "number" else None
        if written is not None:
            return None, f"YAML reads {quote(value)} as text, not as a number: write {written}"
        return None, f"expected a {type_} value, found {found} ({quote(value)})"
    if type_ == "number" and abs(value) > MAX_AMOUNT:  # what no portfolio number exceeds (schema.MAXIMUM)
        return None, f"{quote(value)} is too large: numbers go up to {MAX_AMOUNT:,.0f}"
    if values is not None and value not in values:
        shown = [shorten(inert(v)) for v in values[:12]] + (["…"] if len(values) > 12 else [])
        return None, f"{quote(value)} is not one of the field's values ({', '.join(shown)})"
    if isinstance(value, str):  # texts compare in one Unicode form: é is é, however it was typed
        return unicodedata.normalize("NFC", value), None
    return value, None


def compile_condition(
    name: str,
    condition: Condition,
    type_: str,
    values: tuple[str, ...] | None,
    many: bool,
    *,
    scales: Scales | None = None,
    scale: str | None = None,
) -> tuple[FieldCondition | None, list[str]]:
    """Turn a written condition into checks, with the problems found.

    Levels are read on ``scales`` (default: the shipped ones), on scale ``scale`` if the field is bound to one.
    """
    errors: list[str] = []
    checks: list[Check] = []
    scales = scales or shipped_scales()

    def add(op: Op, raw: Any) -> None:
        if op in ("min", "max") and type_ not in ("number", "date", "level"):
            errors.append(f"'{op}' compares numbers, dates and levels; {quote(name)} is {type_}")
            return
        value, error = compile_value(raw, type_, values, scales=scales, scale=scale)
        if error:
            errors.append(f"{quote(name)}: {error}")
        else:
            checks.append(Check(op, value))

    if isinstance(condition, ConditionSpec):
        if condition.min is not None:
            add("min", condition.min)
        if condition.max is not None:
            add("max", condition.max)
        if condition.in_ is not None:
            if not condition.in_:
                errors.append(f"{quote(name)}: 'in: []' lists no value, so it can never hold")
            compiled = []
            for raw in condition.in_:
                value, error = compile_value(raw, type_, values, scales=scales, scale=scale)
                if error:
                    errors.append(f"{quote(name)}: {error}")
                compiled.append(value)
            checks.append(Check("in", tuple(compiled)))
        if condition.present is not None:
            checks.append(Check("present", condition.present))
        if not checks and not errors:
            errors.append(f"the condition on {quote(name)} is empty; give min, max, in or present")
        low, high = (next((c.value for c in checks if c.op == op), None) for op in ("min", "max"))
        if isinstance(low, Level) and isinstance(high, Level):
            empty = scales.empty_range(low, high)
            errors.extend([f"{quote(name)}: {empty}"] if empty else [])
        elif low is not None and high is not None and _above(low, high):
            errors.append(f"{quote(name)}: min {quote(low)} is above max {quote(high)}, so it can never hold")
    else:
        add("eq", condition)
    if errors:
        return None, errors
    return FieldCondition(name, type_, many, tuple(checks), scales, scale), []
