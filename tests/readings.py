"""A YAML reading spelled out exactly, for holding qualmark's YAML readers to each other.

Used by tests/unit/test_loader.py and by the ``readers`` target of fuzz/fuzz_loaders.py.
"""

from __future__ import annotations

from typing import Any

from qualmark.loader import YamlReading


def typed(value: Any) -> Any:
    """``value`` with the type of every part spelled out, and mappings in order: ``1``, ``1.0`` and
    ``True`` are equal in Python, but not the same reading."""
    if isinstance(value, dict):
        return ("dict", [(key, typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, repr(value))


def exact(reading: YamlReading) -> Any:
    """Everything a reading says: its typed data, every position in order, its problems and the
    places they damage."""
    smap = reading.source_map
    tables = (smap.values, smap.keys, smap.aliases, smap.numbers_as_written)
    return typed(reading.data), [list(table.items()) for table in tables], reading.problems, reading.damaged
