"""The `where` language: a small closed set of comparisons on typed fields.

``field: value`` (equal; *contains* for a list field), ``{min: x}``,
``{max: x}`` (inclusive, for numbers, dates and levels), ``{in: [a, b]}`` and
``{present: true}``. No expressions, no code.

A condition on an item is true, false, or *unknown* (``None``) when the item
does not state the field: the candidate can still supply it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from qualmark.inert import inert, quote, shorten
from qualmark.model.framework import MAX_AMOUNT, Condition, ConditionSpec

Tri = bool | None

_LEVEL = re.compile(
    r"[ \t]*([A-Za-z]{1,20})[ \t]*-?[ \t]*([0-9]{1,2})[ \t]*"
)  # two digits at most: no scale has more
# National frameworks referenced one-to-one to the EQF at levels 1–8, so that
# "NLQF6" satisfies "at least EQF6" and the other way round.
EQF_ALIGNED = frozenset({"eqf", "nlqf", "estqf"})
# The levels of the qualifications frameworks qualmark knows (by lower-case name): lowest, highest.
SCALES = {name: (1, 8) for name in ("eqf", "nlqf", "estqf")}

END = r"(?![\s\S])"
"""The end of the text, in a pattern that means the same to JSON Schema (ECMA 262) and Python.

(``$`` also matches before a final newline in Python, so ``"nl\\n"`` would pass there and fail in an editor.)
"""


def _either_case(name: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" for c in name)


_KNOWN = "|".join(_either_case(name) for name in SCALES)
_GAP = "[ \t]*-?[ \t]*"
LEVEL_PATTERN = (
    rf"^[ \t]*(?:(?:{_KNOWN}){_GAP}0?[1-8]"  # a known framework, within its scale
    rf"|(?!(?:{_KNOWN}){_GAP}[0-9])[A-Za-z]{{1,20}}{_GAP}[0-9]{{1,2}})[ \t]*{END}"  # any other, up to two digits
)
"""What a level in a portfolio looks like: :meth:`Level.parse` plus the scales, as a JSON Schema pattern."""
LEVEL_SHAPE = "a framework name and a number, like NLQF6 or EQF7 (EQF, NLQF and EstQF have levels 1 to 8)"


@dataclass(frozen=True, slots=True, order=True)
class Level:
    """A level in a qualifications framework, parsed from text like ``NLQF6`` or ``EstQF 7``."""

    framework: str
    number: int

    @classmethod
    def parse(cls, text: object) -> Level | None:
        """The level ``text`` names; ``None`` unless it is a name and a number of at most two digits."""
        match = _LEVEL.fullmatch(text) if isinstance(text, str) else None
        return cls(match.group(1), int(match.group(2))) if match else None

    def off_scale(self) -> str | None:
        """Why this level does not exist (``EQF9``), or ``None`` when it does (or its scale is unknown)."""
        scale = SCALES.get(self.framework.lower())
        if scale is None or scale[0] <= self.number <= scale[1]:
            return None
        return f"{self.framework} has levels {scale[0]} to {scale[1]}, so there is no {self}"

    def comparable(self, other: Level) -> bool:
        mine, theirs = self.framework.lower(), other.framework.lower()
        return mine == theirs or (mine in EQF_ALIGNED and theirs in EQF_ALIGNED)

    def same(self, other: Level) -> bool:
        """The same level: ``nlqf6`` is ``NLQF 6``, and (aligned to the EQF) ``EQF6``."""
        return self.comparable(other) and self.number == other.number

    def __str__(self) -> str:
        return f"{self.framework}{self.number}"


Op = Literal["eq", "min", "max", "in", "present"]


@dataclass(frozen=True, slots=True)
class Check:
    """One comparison of a field with a value."""

    op: Op
    value: Any

    def describe(self) -> dict[str, Any]:
        shown = [str(v) for v in self.value] if isinstance(self.value, tuple) else self.value
        if isinstance(shown, Level | dt.date):
            shown = str(shown)
        return {"op": self.op, "value": shown}


@dataclass(frozen=True, slots=True)
class FieldCondition:
    """All checks on one field."""

    field: str
    type: str
    many: bool
    checks: tuple[Check, ...]

    def test(self, value: Any) -> tuple[Tri, list[Check]]:
        """Whether ``value`` passes, and the checks it fails (``None``: not stated)."""
        if value is None or value == []:
            stated = [c for c in self.checks if c.op == "present" and c.value is False]
            if stated:
                return True, []
            return None, list(self.checks)
        failed = [c for c in self.checks if not self._passes(c, value)]
        return (not failed), failed

    def _passes(self, check: Check, value: Any) -> bool:
        values = value if isinstance(value, list) else [value]
        if check.op == "present":
            return bool(check.value)
        return any(self._compare(check, self._coerce(v)) for v in values)

    def _coerce(self, value: Any) -> Any:
        if self.type == "level":
            return Level.parse(value)
        if self.type == "date" and isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
        if self.type == "text" and isinstance(value, str):
            return unicodedata.normalize("NFC", value)  # as the framework's values (compile_value)
        return value

    @staticmethod
    def _compare(check: Check, value: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, Level) and check.op in ("eq", "in"):
            options = check.value if check.op == "in" else (check.value,)
            return any(value.same(option) for option in options)
        if check.op == "eq":
            return bool(value == check.value)
        if check.op == "in":
            return bool(value in check.value)
        if isinstance(value, Level):
            if not value.comparable(check.value):
                return False
            bound: Level = check.value
            return value.number >= bound.number if check.op == "min" else value.number <= bound.number
        try:
            return bool(value >= check.value if check.op == "min" else value <= check.value)
        except TypeError:
            return False


def _above(low: Any, high: Any) -> bool:
    """Whether a lower bound lies above an upper bound (levels of unrelated frameworks never do)."""
    if isinstance(low, Level):
        return low.comparable(high) and low.number > high.number
    return bool(low > high)


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


def compile_value(value: Any, type_: str, values: tuple[str, ...] | None) -> tuple[Any, str | None]:
    """Check that ``value`` fits a field of ``type_``; return it in runtime form, or an error."""
    if type_ == "level":
        level = Level.parse(value)
        if level is None:
            return None, f"{quote(value)} is not a level; write {LEVEL_SHAPE}"
        return (None, level.off_scale()) if level.off_scale() else (level, None)
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
    name: str, condition: Condition, type_: str, values: tuple[str, ...] | None, many: bool
) -> tuple[FieldCondition | None, list[str]]:
    """Turn a written condition into checks, with the problems found."""
    errors: list[str] = []
    checks: list[Check] = []

    def add(op: Op, raw: Any) -> None:
        if op in ("min", "max") and type_ not in ("number", "date", "level"):
            errors.append(f"'{op}' compares numbers, dates and levels; {quote(name)} is {type_}")
            return
        value, error = compile_value(raw, type_, values)
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
                value, error = compile_value(raw, type_, values)
                if error:
                    errors.append(f"{quote(name)}: {error}")
                compiled.append(value)
            checks.append(Check("in", tuple(compiled)))
        if condition.present is not None:
            checks.append(Check("present", condition.present))
        if not checks and not errors:
            errors.append(f"the condition on {quote(name)} is empty; give min, max, in or present")
        low, high = (next((c.value for c in checks if c.op == op), None) for op in ("min", "max"))
        if isinstance(low, Level) and isinstance(high, Level) and not low.comparable(high):
            errors.append(
                f"{quote(name)}: min {low} and max {high} are levels of different frameworks, "
                "so no level meets both"
            )
        elif low is not None and high is not None and _above(low, high):
            errors.append(f"{quote(name)}: min {quote(low)} is above max {quote(high)}, so it can never hold")
    else:
        add("eq", condition)
    if errors:
        return None, errors
    return FieldCondition(name, type_, many, tuple(checks)), []
