"""Untrusted text made inert before anyone reads it.

Every string that comes from a framework or portfolio file — a candidate's
name, an evidence title, a case id, an unknown key, a file name — passes
:func:`inert` before it reaches a terminal, a text report or an error
message, so that no input can change what a report says about it:

- characters that act on a terminal or hide themselves are shown as
  escapes: control characters (C0, DEL, C1, so ``ESC`` becomes ``\\x1b``),
  bidirectional overrides and other format characters (``\\u202e``), line
  and paragraph separators, lone surrogates (``\\udcff``), private-use and
  unassigned code points, and the few printable characters that show
  nothing (Hangul fillers, the blank Braille pattern).
  A newline becomes ``⏎``, a tab ``\\t``;
- nothing else changes: letters, accents, emoji and ordinary spaces stay.

What counts as printable is Python's own :meth:`str.isprintable` (the
Unicode database of the running Python), except that every kind of space
stays a space.

Values quoted in messages go through :func:`quote`, which also cuts them
short and never quotes a list or an object whole (it may hold a
candidate's personal data; an error message names its place instead).

:func:`hidden_character` and :func:`comparable` serve the compiler and the
evaluator: names that differ only by invisible characters are refused, and
values are compared as a reader sees them (one Unicode form, NFC).

JSON output keeps the input's strings exactly: :func:`inert_json` writes
the same characters as JSON escapes, which read back as themselves.
Markup (rich's ``[bold]``, ``:emoji:`` codes) is a matter for the
renderers: they never interpret input as markup.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

SHOWN_LENGTH = 40
"""How many characters of a quoted value a message shows before it cuts it short with '…'."""

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair on its own: JSON and YAML escapes can write one, but it is no character."""

_NAMED = {"\n": "⏎", "\t": "\\t", "\r": "\\r"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# Characters Python calls printable that nonetheless show nothing on their own: the Hangul
# fillers and the blank Braille pattern. (Combining marks and variation selectors show nothing
# on their own either, but they belong to the letter or emoji before them; see written().)
_BLANK = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def _shown_as_is(char: str) -> bool:
    return (char.isprintable() and char not in _BLANK) or unicodedata.category(char) == "Zs"


def _plain(text: str) -> bool:
    """True when every character of ``text`` is shown as it is (the fast path of the functions below)."""
    # five substring searches, not a set built of every character: this runs over whole JSON records;
    # none at all for ASCII text (known at once), where no blank character can be. Written out, the
    # five take a fifth of the time of a loop over _BLANK (a test holds them to it).
    return text.isprintable() and (
        text.isascii()
        or not (
            "\u115f" in text or "\u1160" in text or "\u2800" in text or "\u3164" in text or "\uffa0" in text
        )
    )


def inert(text: str) -> str:
    """``text`` with every character that could act on a terminal, or hide, shown as an escape.

    >>> inert("Anna\\x1b[1;32mELIGIBLE")
    'Anna\\\\x1b[1;32mELIGIBLE'
    >>> inert("line one\\nline two")
    'line one⏎line two'
    >>> inert("Zoë de Vries 🙂")
    'Zoë de Vries 🙂'
    >>> inert("abc\\u202edcba")
    'abc\\\\u202edcba'
    """
    if _plain(text):  # the usual case, checked at C speed
        return text
    return _BEYOND_ASCII.sub(_inert_match, text)


# Where a character may need an escape: anything but printable ASCII (a space to a tilde)
_BEYOND_ASCII = re.compile("[^\x20-\x7e]")


def _inert_match(match: re.Match[str]) -> str:
    char = match.group()
    return char if _shown_as_is(char) else _escape(char)


def _inert_json_match(match: re.Match[str]) -> str:
    char = match.group()
    return char if char == "\n" or _shown_as_is(char) else _json_escape(char)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: JSON writes a UTF-16 pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def inert_json(text: str | bytes) -> str:
    """JSON text (as ``json`` or orjson writes it, in UTF-8 bytes or as text: every control character
    below U+0020 escaped) with every character :func:`inert` would escape written as a JSON escape.

    The document reads back exactly as before (``\\u202e`` *is* U+202E to a JSON
    reader), but nothing in it acts on a terminal or splits a line for a
    line-based reader (U+0085, U+2028). Newlines between values stay.

    >>> inert_json('{"name": "A\u202eB\u2028"}')
    '{"name": "A\\\\u202eB\\\\u2028"}'
    """
    if isinstance(text, str):
        if text.isascii():  # known at once
            return text.replace("\x7f", "\\u007f") if "\x7f" in text else text
        written = text.encode("utf-8", "surrogatepass")
    else:
        written, text = text, text.decode("utf-8")
    # Only DEL among the ASCII characters needs an escape (the encoder escaped the others); the
    # rest are looked at on their own, without the ASCII ones around them (a record is ~45 KB)
    if b"\x7f" not in written and _plain(
        written.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    ):
        return text
    return _BEYOND_ASCII.sub(_inert_json_match, text)


_ASCII_BYTES = bytes(range(0x80))


def hidden_character(text: str) -> str | None:
    """The first character of ``text`` a reader cannot see (a control, format or zero-width one), if any.

    Ordinary spaces do not count.

    >>> hidden_character("colour\u200b"), hidden_character("Zoë")
    ('\u200b', None)
    """
    if _plain(text):
        return None
    return next((char for char in text if not _shown_as_is(char)), None)


def comparable(text: str, *, fold_case: bool = True) -> str:
    """``text`` as a reader compares it: one Unicode form (NFC), hidden characters ignored, spaces as one.

    Two values a person cannot tell apart are equal here; with ``fold_case``
    (the default) so are upper and lower case:

    >>> comparable("Cafe\u0301 ") == comparable("café") == comparable("CAF\u200bÉ")
    True
    >>> comparable("C1", fold_case=False) == comparable("c1", fold_case=False)
    False
    >>> comparable("case\u00a01") == comparable(" case  1")
    True
    """
    text = unicodedata.normalize("NFC", text)
    if not _plain(text):
        text = "".join(char for char in text if _shown_as_is(char))
    text = " ".join(text.split())  # every kind of space is a space; runs of them one
    return text.casefold() if fold_case else text


def written(text: str | None) -> bool:
    """Whether ``text`` says anything a reader can see: not empty, blank or invisible characters only.

    >>> written("Ik koos deze casus omdat…"), written("  "), written("\u200b\ufeff"), written(None)
    (True, False, False, False)
    >>> written("\u0301\ufe0f"), written("❤\ufe0f")  # marks alone show nothing; with their letter they do
    (False, True)
    """
    if text is None:
        return False
    if text and "!" <= text[0] <= "~":  # a visible ASCII character first: the usual case, at once
        return True
    # the first visible character decides, usually the first of the text (this runs on every demonstration)
    return any(
        not char.isspace() and _shown_as_is(char) and not unicodedata.category(char).startswith("M")
        for char in text
    )


def shorten(text: str, limit: int = SHOWN_LENGTH) -> str:
    """``text`` cut to ``limit`` characters, the last one '…' when anything was cut.

    >>> shorten("x" * 50, 10)
    'xxxxxxxxx…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def describe(value: Any) -> str:
    """What kind of value this is, in words, without its content: 'an object with 3 keys'.

    >>> describe({"a": 1}), describe([]), describe(True), describe(None)
    ('an object with 1 key', 'an empty list', 'true', 'null')
    """
    if isinstance(value, dict):
        return f"an object with {_plural(len(value), 'key', 'keys')}" if value else "an empty object"
    if isinstance(value, list | tuple):
        return f"a list of {_plural(len(value), 'item', 'items')}" if value else "an empty list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return quote(value)


def quote(value: Any, limit: int = SHOWN_LENGTH) -> str:
    """A value from an input as a message shows it: quoted, inert and short; containers only described.

    >>> quote("Bachelor\\nELIGIBLE")
    "'Bachelor⏎ELIGIBLE'"
    >>> quote(10**50)
    '100000000000000000000000000000000000000…'
    >>> quote({"name": "Anna"})
    'an object with 1 key'
    """
    if isinstance(value, str):
        return "'" + shorten(inert(value), limit) + "'"
    if isinstance(value, dict | list | tuple) or value is None or isinstance(value, bool):
        return describe(value)
    if isinstance(value, dt.date):
        return str(value)  # 2030-01-01, or 2030-01-01 10:00:00 as YAML wrote it
    if isinstance(value, int) and value.bit_length() > 256:  # str() of a huge int is slow, or refused
        return f"a number of more than {len(str(2**256))} digits"
    return shorten(inert(str(value)), limit)
