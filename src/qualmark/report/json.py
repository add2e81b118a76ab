"""JSON output, streamed: one record per portfolio, written as soon as it is made.

One portfolio gives one object; several give a list, written element by
element, so memory stays flat however many portfolios there are. A
portfolio that could not be read or checked gets an error record in its
place (:meth:`~qualmark.errors.QualmarkError.to_json`), so the n-th record
is always the n-th portfolio. Strings are the input's, exactly; characters
that could act on a terminal are written as JSON escapes (:func:`dumps`).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

import orjson

from qualmark.errors import QualmarkError
from qualmark.evaluate import Evaluation
from qualmark.inert import inert_json


def _may_be_written_otherwise(text: bytes) -> bool:
    """Whether orjson's ``text`` may hold a number the standard library writes otherwise.

    Python writes a float below 1e-4 with a two-digit exponent (1e-05, 1.5e-07); orjson writes
    such a number in full (0.00001) or with a shorter exponent (1.5e-7). Text that looks the same
    ("0.00005 hours", "1e-5") only sends a record the slow way.
    """
    if b"0.0000" in text:
        return True
    at = text.find(b"e-")
    while at != -1:  # rare: "oriëntatie- en" has one
        if text[at - 1 : at].isdigit() and text[at + 2 : at + 3].isdigit():
            return True
        at = text.find(b"e-", at + 2)
    return False


def dumps(data: Any, *, ascii_only: bool = False, indent: int | None = 2) -> str:
    """JSON text for ``data``: the strings exact, but control, format and invisible characters escaped.

    A lone surrogate (from a file name the operating system could not
    decode) is written as a ``\\udXXX`` escape too, never raw.

    The text is the standard library's (``json.dumps``). With the default indent, orjson writes it
    (a Noloc record in about a tenth of the time), unless it holds a number orjson could write
    otherwise, or something orjson cannot write at all (an integer beyond 64 bits, a lone
    surrogate); a property test holds the two to the same text. Where json refuses a number that
    is not finite, orjson would write ``null``: the data is qualmark's own, and holds finite
    numbers only (the loaders refuse any other, and sums of them stay far below the float limit).
    """
    if indent == 2 and not ascii_only:
        try:
            written = orjson.dumps(data, option=orjson.OPT_INDENT_2)
        except TypeError:
            pass
        else:
            if not _may_be_written_otherwise(written):
                return inert_json(written)
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent, allow_nan=False)
    return text if ascii_only else inert_json(text)


def dumps_line(data: Any) -> str:
    """One record as a line of JSON Lines (no newline), escaped as :func:`dumps` escapes.

    orjson writes it (a Noloc record in a quarter of the time); the values read back the same as
    from :func:`dumps` (a float may be written ``1e16`` rather than ``1e+16``). An integer orjson
    cannot hold (beyond 64 bits) is left to the standard library.
    """
    try:
        written = orjson.dumps(data)
    except TypeError:
        return dumps(data, indent=None)
    return inert_json(written)


def _ascii_only(stream: TextIO) -> bool:
    """Whether ``stream`` cannot carry every character (a non-UTF encoding): then escape the rest."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    return not encoding.startswith("utf")


class JsonReport:
    """Writes each record when it is made; a list (element by element) when several portfolios were asked for."""

    def __init__(self, stream: TextIO, lang: str | None, many: bool) -> None:
        self.stream = stream
        self.lang = lang
        self.many = many
        self.count = 0
        self.ascii_only = _ascii_only(stream)

    def _write(self, record: dict[str, Any]) -> None:
        text = dumps(record, ascii_only=self.ascii_only)
        if self.many:
            text = ("[\n" if self.count == 0 else ",\n") + "\n".join("  " + line for line in text.split("\n"))
        else:
            text += "\n"
        self.stream.write(text)
        self.count += 1

    def evaluation(self, evaluation: Evaluation) -> None:
        self._write(evaluation.to_json(self.lang))

    def failure(self, file: str, error: QualmarkError) -> None:
        self._write(error.to_json(file))

    def close(self) -> None:
        if self.many:
            self.stream.write("\n]\n" if self.count else "[]\n")


class JsonLinesReport:
    """``--format jsonl``: each record on a line of its own, written when it is made (as ``qualmark batch``)."""

    def __init__(self, stream: TextIO, lang: str | None, many: bool) -> None:
        self.stream = stream
        self.lang = lang
        self.ascii_only = _ascii_only(stream)

    def _write(self, record: dict[str, Any]) -> None:
        line = dumps(record, ascii_only=True, indent=None) if self.ascii_only else dumps_line(record)
        self.stream.write(line + "\n")

    def evaluation(self, evaluation: Evaluation) -> None:
        self._write(evaluation.to_json(self.lang))

    def failure(self, file: str, error: QualmarkError) -> None:
        self._write(error.to_json(file))

    def close(self) -> None:
        """Every line is written whole as it comes: nothing to finish."""
