"""Untrusted text made inert (qualmark.inert): what a file says can never act on a terminal."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualmark.inert import _BLANK, comparable, describe, hidden_character, inert, quote, shorten, written

# Characters that act on a terminal or hide themselves, one of each kind.
DANGEROUS = {
    "\x1b": "\\x1b",  # ESC: starts every control sequence
    "\x9b": "\\x9b",  # CSI in one byte (C1)
    "\x07": "\\x07",  # bell
    "\x08": "\\x08",  # backspace: overwrites what came before
    "\r": "\\r",  # carriage return: overwrites the line
    "\n": "⏎",  # a new line: a fake line of the report
    "\t": "\\t",
    "\x7f": "\\x7f",
    "\u202e": "\\u202e",  # right-to-left override: reverses what follows
    "\u2066": "\\u2066",  # left-to-right isolate
    "\u200b": "\\u200b",  # zero-width space
    "\u2028": "\\u2028",  # line separator
    "\ufeff": "\\ufeff",  # byte order mark
    "\ud800": "\\ud800",  # a lone surrogate
    "\U000e0041": "\\U000e0041",  # tag character
}


@pytest.mark.parametrize(("char", "shown"), DANGEROUS.items(), ids=[f"U+{ord(c):04X}" for c in DANGEROUS])
def test_every_kind_of_dangerous_character_is_shown_as_an_escape(char: str, shown: str) -> None:
    assert inert(f"a{char}b") == f"a{shown}b"


@pytest.mark.parametrize("text", ["Anna de Vries", "Zoë Ŝtrauß-Øberg", "İlkay 🙂", "李小龍", "a\u00a0b"])
def test_readable_text_stays_as_it_is(text: str) -> None:
    assert inert(text) == text


@given(st.text())
def test_inert_text_holds_no_character_that_acts_or_hides(text: str) -> None:
    shown = inert(text)
    assert all(c.isprintable() or unicodedata.category(c) == "Zs" for c in shown)
    assert "\n" not in shown and "\x1b" not in shown
    assert inert(shown) == shown  # escaping twice changes nothing more


BLANK = "\u3164\u115f\u1160\u2800\uffa0"  # printable to Python, yet they show nothing


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"]).filter(
            lambda c: c not in BLANK
        )
    )
)
def test_printable_text_is_never_changed(text: str) -> None:
    assert inert(text) == text


def test_emoji_with_their_variation_selectors_stay() -> None:
    assert inert("Anna ❤\ufe0f") == "Anna ❤\ufe0f"


@pytest.mark.parametrize("char", BLANK)
def test_characters_that_show_nothing_are_shown_as_escapes(char: str) -> None:
    assert inert(char) == f"\\u{ord(char):04x}"
    assert not written(char + " " + char)


def test_every_character_the_unicode_database_calls_a_control_or_format_one_is_escaped() -> None:
    """Checked against the running Python's Unicode database, so a newer one cannot slip a new one by."""
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            assert inert(char) != char, f"U+{code:04X}"


def test_quote_shortens_and_escapes() -> None:
    assert quote("Anna") == "'Anna'"
    assert quote("x" * 100) == "'" + "x" * 39 + "…'"
    assert quote("a\x1b[31mb") == "'a\\x1b[31mb'"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ({"case 1": {"summary": "private"}, "case 2": {}}, "an object with 2 keys"),
        ([{"summary": "private"}], "a list of 1 item"),
        ([], "an empty list"),
        ({}, "an empty object"),
        (True, "true"),
        (None, "null"),
        (10**5000, "a number of more than 78 digits"),
        (2.5, "2.5"),
    ],
    ids=["object", "list", "empty-list", "empty-object", "true", "null", "huge-number", "number"],
)
def test_containers_are_described_never_quoted(value: object, shown: str) -> None:
    assert quote(value) == describe(value) == shown
    assert "private" not in quote(value)


def test_shorten() -> None:
    assert shorten("abc", 3) == "abc"
    assert shorten("abcd", 3) == "ab…"


def test_names_with_hidden_characters_are_found() -> None:
    assert hidden_character("field\u200bname") == "\u200b"
    assert hidden_character("veld naam") is None


@pytest.mark.parametrize("blank", sorted(_BLANK))
def test_every_blank_character_is_found_in_text_beyond_ascii(blank: str) -> None:
    # the fast path writes the blank characters out one by one: each must still be caught
    assert hidden_character(f"Zoë{blank}de Vries") == blank
    assert inert(f"Zoë{blank}") == f"Zoë\\u{ord(blank):04x}"


@given(st.text())
def test_comparable_ignores_unicode_form_and_hidden_characters(text: str) -> None:
    assert comparable(unicodedata.normalize("NFD", text)) == comparable(text)
    assert comparable("\u200b" + text + "\u2060") == comparable(text)
