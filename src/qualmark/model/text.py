"""Texts that may be given in several languages."""

from __future__ import annotations

from collections.abc import Mapping

# A plain string, or a mapping from language code to string: {nl: …, en: …}.
Text = str | dict[str, str]


def text_in(text: Text | None, lang: str | None, fallback: str | None = None) -> str:
    """``text`` in ``lang``; else in ``fallback``; else in its first language.

    >>> text_in({"nl": "Taken", "en": "Tasks"}, "en")
    'Tasks'
    >>> text_in({"nl": "Taken"}, "en", fallback="nl")
    'Taken'
    >>> text_in("Tasks", "nl")
    'Tasks'
    """
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for choice in (lang, fallback):
        if choice and choice in text:
            return text[choice]
    return next(iter(text.values()), "")


def languages_of(text: Text | None) -> tuple[str, ...]:
    """The language codes a text is given in (none for a plain string)."""
    return tuple(text) if isinstance(text, Mapping) else ()
