"""Reading a portfolio and checking it against a portfolio schema."""

from __future__ import annotations

from functools import cache
from pathlib import Path as FsPath
from typing import Any, Protocol

from jsonschema import Draft202012Validator, FormatChecker
from pydantic import ValidationError

from qualmark.errors import PortfolioError, Problem
from qualmark.loader import load_json, parse_json
from qualmark.model.portfolio import Portfolio
from qualmark.schema import portfolio_schema
from qualmark.suggest import choices_hint, did_you_mean


def pointer(path: Any) -> str:
    """A JSON pointer (RFC 6901) for a path of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _hint(error: Any) -> str | None:
    if error.validator == "enum":
        return choices_hint(str(error.instance), map(str, error.validator_value))
    if error.validator == "required":
        return "add it"
    if error.validator in ("format", "pattern") and "date" in str(error.schema.get("format", "")):
        return "write dates as YYYY-MM-DD"
    return None


def _unknown_keys(error: Any, file: str | None) -> list[Problem]:
    """One problem per key that ``additionalProperties: false`` refused, pointing at the key."""
    allowed = list(error.schema.get("properties", {}))
    extra = [key for key in error.instance if key not in allowed]
    return [
        Problem(
            f"unknown key '{key}'",
            pointer=pointer([*error.absolute_path, key]),
            hint=did_you_mean(key, allowed) or "remove it (see docs/portfolio.md for the keys allowed here)",
            file=file,
        )
        for key in extra
    ]


def schema_problems(validator: Draft202012Validator, data: Any, file: str | None) -> list[Problem]:
    """Every schema violation, as problems with JSON pointers."""
    problems: list[Problem] = []
    for error in validator.iter_errors(data):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            problems.extend(_unknown_keys(error, file))
            continue
        where = pointer(error.absolute_path)
        message = error.message
        if "propertyNames" in error.relative_schema_path:  # reported as the inner check (enum)
            where = pointer([*error.absolute_path, error.instance])
            message = f"unknown key '{error.instance}'"
        elif error.validator == "enum":
            message = f"{error.instance!r} is not allowed here"
        problems.append(Problem(message, pointer=where, hint=_hint(error), file=file))
    return sorted(problems, key=lambda p: p.pointer or "")


@cache
def _generic_validator() -> Draft202012Validator:
    return Draft202012Validator(portfolio_schema(), format_checker=FormatChecker())


class PortfolioChecker(Protocol):
    """What can check a portfolio's plain data: a framework (its own schema)."""

    def check_data(self, data: Any, file: str | None) -> None: ...


def portfolio_from_data(
    data: Any, file: str | None = None, framework: PortfolioChecker | None = None
) -> Portfolio:
    """Check plain data and build a :class:`Portfolio`.

    With a framework, the data is checked against that framework's schema, so
    every problem is reported in one go; without, against the shape every
    portfolio has.
    """
    if not isinstance(data, dict):
        raise PortfolioError([Problem("a portfolio is a JSON object", pointer="", file=file)])
    if framework is not None:
        framework.check_data(data, file)
    else:
        problems = schema_problems(_generic_validator(), data, file)
        if problems:
            raise PortfolioError(problems)
    try:
        portfolio = Portfolio.model_validate({**data, "source": file, "raw": data})
    except ValidationError as exc:  # the schema should have caught it; say where anyway
        raise PortfolioError(
            [Problem(e["msg"], pointer=pointer(e["loc"]), file=file) for e in exc.errors()]
        ) from None
    portfolio._checked_by = framework
    return portfolio


def load_portfolio(path: str | FsPath, framework: PortfolioChecker | None = None) -> Portfolio:
    """Read a portfolio JSON file (checked against ``framework`` when given)."""
    return portfolio_from_data(load_json(path), str(path), framework)


def parse_portfolio(
    text: str, file: str = "<portfolio>", framework: PortfolioChecker | None = None
) -> Portfolio:
    """Parse a portfolio from JSON text (checked against ``framework`` when given)."""
    return portfolio_from_data(parse_json(text, file), file, framework)
