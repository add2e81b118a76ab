"""Texts that may be given in several languages."""

from __future__ import annotations

from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

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


def _forms(annotation: Any) -> tuple[Any, ...]:
    """The types a union (or an ``Annotated``) stands for; none for any other type."""
    if get_origin(annotation) in (Union, Annotated) or isinstance(annotation, UnionType):
        return get_args(annotation)
    return ()


# What _holds_text and _inner found for a type, by the type's id (the types are the models' own,
# which live as long as the program; a type may not be hashable, so it is kept with the answer)
_READ_TYPES: dict[tuple[int, object], tuple[Any, Any]] = {}


def _read_type(annotation: Any, question: type | None) -> Any:
    """``_inner(annotation, question)``, or ``_holds_text(annotation)`` for no question, worked out once."""
    key = (id(annotation), question)
    found = _READ_TYPES.get(key)
    if found is None:
        answer = _holds_text(annotation) if question is None else _inner(annotation, question)
        found = _READ_TYPES[key] = (annotation, answer)
    return found[1]


_FIELDS: dict[type[BaseModel], tuple[tuple[str, Any, str], ...]] = {}


def _fields(model: type[BaseModel]) -> tuple[tuple[str, Any, str], ...]:
    """Each field of a model: its name, its type and its key in the file, worked out once."""
    found = _FIELDS.get(model)
    if found is None:
        fields = model.model_fields.items()
        found = _FIELDS[model] = tuple((name, info.annotation, info.alias or name) for name, info in fields)
    return found


def _holds_text(annotation: Any) -> bool:
    """Whether a field of this type may hold a text (``dict[str, str]`` among its forms)."""
    if get_origin(annotation) is dict:
        return get_args(annotation) == (str, str)
    return any(_holds_text(form) for form in _forms(annotation))


def _inner(annotation: Any, container: type) -> Any:
    """The type of the values of a ``list`` or ``dict`` (not a text) among the forms of ``annotation``."""
    if get_origin(annotation) is container and get_args(annotation) != (str, str):
        return get_args(annotation)[-1]
    return next(
        (found for form in _forms(annotation) if (found := _inner(form, container)) is not None), None
    )


def texts_in(value: Any) -> list[tuple[tuple[str | int, ...], Text]]:
    """Every text (a string, or ``{nl: …, en: …}``) of a validated document, with its path.

    Found by the models' types, not by the look of a mapping, so a mapping of
    fields (``{age: text}``) is never taken for a text, nor an id for one.
    """
    found: list[tuple[tuple[str | int, ...], Text]] = []
    _collect_texts(value, None, (), found)
    return found


def _collect_texts(
    value: Any, annotation: Any, path: tuple[str | int, ...], found: list[tuple[tuple[str | int, ...], Text]]
) -> None:
    # a plain recursion into one list: nested generators would pass each text up through every level
    if isinstance(value, str):
        if _read_type(annotation, None):
            found.append((path, value))
    elif isinstance(value, BaseModel):
        for name, annotation, key in _fields(type(value)):
            _collect_texts(getattr(value, name), annotation, (*path, key), found)
    elif isinstance(value, dict):
        if _read_type(annotation, None) and all(isinstance(v, str) for v in value.values()):
            found.append((path, value))
            return
        inner = _read_type(annotation, dict)
        for key, item in value.items():
            _collect_texts(item, inner, (*path, key), found)
    elif isinstance(value, list):
        inner = _read_type(annotation, list)
        for index, item in enumerate(value):
            _collect_texts(item, inner, (*path, index), found)
