"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message`` annotations."""

from __future__ import annotations

from qualmark.inert import inert


def _data(value: str) -> str:
    """GitHub's escaping of a command's message (``%``, CR and LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """GitHub's escaping of a command's property value (also ``:`` and ``,``)."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(
    severity: str, file: str, message: str, title: str, line: int | None = None, column: int | None = None
) -> str:
    """One annotation line; the message is made inert (no control characters reach the log)."""
    where = f"file={_property(inert(file))}"
    if line is not None:
        where += f",line={line}"
    if column is not None:
        where += f",col={column}"
    return f"::{severity} {where},title={_property(title)}::{_data(inert(message))}"
