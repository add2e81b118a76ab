"""The JSON Schema of a framework's portfolios (draft 2020-12).

The shape is the same for every framework (docs/portfolio.md); the
vocabulary is the framework's: evidence kinds and their fields, activity,
element, declaration and profile ids become enums. Unknown keys are refused
everywhere, so nothing a candidate wrote is silently ignored.

Where a value has a shape of its own (dates, levels, language codes), the
schema's ``description`` says in words what is expected, as a noun phrase
("a date: write YYYY-MM-DD"); an id list the framework leaves empty is
``{"not": {}}`` with a ``description`` saying so ("this framework defines no
evidence kinds"). :func:`qualmark.portfolio.schema_problems` uses both for
its messages, and editors show them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from qualmark.jsonfile import MAX_ITEMS
from qualmark.model.text import text_in
from qualmark.scales import END, LEVEL_SHAPE, Scales, shipped_scales
from qualmark.vocabulary import COMMON_EVIDENCE_FIELDS, Catalogues, FieldInfo

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
MAXIMUM = 1_000_000_000  # larger numbers are mistakes, and would not survive float arithmetic
# Years outside 1800–8999 are typing mistakes, and would take date arithmetic off the calendar.
DATE = {
    "type": "string",
    "format": "date",
    "pattern": r"^(1[89][0-9]{2}|[2-8][0-9]{3})-[0-9]{2}-[0-9]{2}" + END,
    "description": "a date from 1800 to 8999: write YYYY-MM-DD",
}
SHORT_TEXT = 500
"""The longest text a portfolio may give where a report repeats it (titles, ids, field values)."""
TEXT = {"type": "string", "maxLength": SHORT_TEXT}
LONG_TEXT = {"type": "string"}  # what only an assessor reads: summaries, demonstrations, reflections
ID = {"type": "string", "minLength": 1, "maxLength": 100}
LEVEL = {
    "type": "string",
    "pattern": shipped_scales().pattern(),
    "description": f"a level: write {LEVEL_SHAPE}",
}
"""A level on a field bound to no scale: of a scale qualmark ships, or a name and a number (docs/portfolio.md)."""
LANGUAGE = {
    "type": "string",
    "pattern": "^[a-z]{2,3}" + END,
    "description": "a language code: two or three lower-case letters, like nl",
}
NUMBER = {"type": "number", "minimum": 0, "maximum": MAXIMUM}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items, "maxItems": MAX_ITEMS}


def _closed(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _enum(ids: Iterable[str], what: str) -> dict[str, Any]:
    """One of ``ids``; with none, nothing fits, and the schema says the framework defines no ``what``."""
    values = list(ids)
    if values:
        return {"type": "string", "enum": values}
    return {"not": {}, "description": f"this framework defines no {what}"}


def level_schema(scales: Scales, bound: str | None = None) -> dict[str, Any]:
    """A level field: on any scale ``scales`` knows (the description is :data:`LEVEL`'s), or on scale ``bound``.

    A bound field lists its levels as ``examples`` for editors; its description says how to write one.
    """
    if bound is None:
        return {**LEVEL, "pattern": scales.pattern()}
    scale = scales.scales[bound]
    return {
        "type": "string",
        "pattern": scales.pattern(bound),
        "description": f"a level of {scale.name}: write {scales.shape(bound)}",
        "examples": scales.examples(bound),
    }


def field_schema(info: FieldInfo, scales: Scales | None = None) -> dict[str, Any]:
    """The JSON Schema of one typed field (a level on ``scales``, by default the shipped ones)."""
    types: dict[str, dict[str, Any]] = {
        "text": TEXT,
        "boolean": {"type": "boolean"},
        "number": NUMBER,
        "date": DATE,
    }
    base = level_schema(scales or shipped_scales(), info.scale) if info.type == "level" else types[info.type]
    if info.values is not None:
        base = {"type": "string", "enum": list(info.values)}
    if info.label is not None:
        base = {**base, "title": text_in(info.label, "en")}
    return _list(base) if info.many else base


def _evidence(catalogues: Catalogues | None) -> dict[str, Any]:
    common = {"id": ID, "kind": TEXT, **{n: field_schema(f) for n, f in COMMON_EVIDENCE_FIELDS.items()}}
    scales = catalogues.scales if catalogues is not None else None
    if catalogues is None:
        return {"type": "object", "properties": common, "required": ["id", "kind"]}
    item: dict[str, Any] = {
        "type": "object",
        "required": ["id", "kind"],
        "properties": {**common, "kind": _enum(catalogues.evidence_kinds, "evidence kinds")},
    }
    branches = []
    for kind in catalogues.evidence_kinds.values():
        own = {n: field_schema(f, scales) for n, f in kind.fields.items()}
        branches.append(
            {
                "if": {"properties": {"kind": {"const": kind.id}}, "required": ["kind"]},
                "then": {"properties": own, "propertyNames": {"enum": [*common, *own]}},
            }
        )
    if branches:  # allOf may not be empty
        item["allOf"] = branches
    return item


def _vocab_map(
    catalogues: Catalogues | None, entry: dict[str, Any], only: Collection[str] | None = None
) -> dict[str, Any]:
    """``{vocabulary: [entry…]}`` with each vocabulary's ids as the enum of ``id``.

    ``only`` limits the vocabularies allowed as keys (``None``: every one).
    """
    entries = _list(entry)
    if catalogues is None:
        if only is None:
            return {"type": "object", "additionalProperties": entries}
        return _closed({name: entries for name in sorted(only)})
    properties = {}
    for name, vocabulary in catalogues.vocabularies.items():
        if vocabulary.items and (only is None or name in only):
            ids = _enum(vocabulary.ids(), name)
            properties[name] = {
                **entries,
                "items": {**entry, "properties": {**entry["properties"], "id": ids}},
            }
    return _closed(properties)


def portfolio_schema(
    catalogues: Catalogues | None = None,
    framework_id: str | None = None,
    not_relevant_vocabularies: Collection[str] | None = None,
) -> dict[str, Any]:
    """The schema of portfolios for a framework; without one, the framework-independent shape.

    ``not_relevant_vocabularies`` names the vocabularies whose items a case may
    mark ``not_relevant`` (those a rule reads the marks of); marks for any other
    are refused. ``None`` allows every vocabulary.
    """
    demonstration = _closed({"id": TEXT, "text": {"type": "string", "minLength": 1}}, ["id", "text"])
    not_relevant = _closed({"id": TEXT, "motivation": LONG_TEXT}, ["id"])
    case_fields = {
        n: field_schema(f, catalogues.scales if catalogues else None)
        for n, f in (catalogues.case_fields if catalogues else {}).items()
    }
    reflections: dict[str, Any] = {"type": "object", "additionalProperties": LONG_TEXT}
    if catalogues is not None:
        ids = [item.id for v in catalogues.vocabularies.values() for item in v.items if item.question]
        reflections["propertyNames"] = _enum(ids, "reflection questions")
    case = _closed(
        {
            "id": ID,
            "title": TEXT,
            "summary": LONG_TEXT,
            "period": _closed({"start": DATE, "end": DATE}, ["start"]),
            "demonstrates": _vocab_map(catalogues, demonstration),
            "not_relevant": _vocab_map(catalogues, not_relevant, not_relevant_vocabularies),
            "reflections": reflections,
            **case_fields,
        },
        ["id"],
    )
    if catalogues is None:
        case["additionalProperties"] = True
    activity = _enum(catalogues.activities, "experience activities") if catalogues else TEXT
    hours = _closed({"activity": activity, "hours": NUMBER, "note": LONG_TEXT}, ["activity", "hours"])
    element = _closed({"provided": {"type": "boolean"}, "document": TEXT, "text": LONG_TEXT}, ["provided"])
    declaration = _closed({"agreed": {"type": "boolean"}, "date": DATE}, ["agreed"])

    def keyed(ids: Iterable[str], what: str, value: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object", "additionalProperties": value}
        if catalogues is not None:
            schema["propertyNames"] = _enum(ids, what)
        return schema

    schema = _closed(
        {
            "$schema": TEXT,
            "qualmark_portfolio": {"const": 1},
            "framework": {"const": framework_id} if framework_id else TEXT,
            "candidate": _closed(
                {"name": {"type": "string", "minLength": 1, "maxLength": 200}, "id": TEXT, "email": TEXT},
                ["name"],
            ),
            "submitted": DATE,
            "language": LANGUAGE,
            "evidence": _list(_evidence(catalogues)),
            "experience": _closed(
                {
                    "active_since": DATE,
                    "currently_practising": {"type": "boolean"},
                    "hours": _list(hours),
                }
            ),
            "cases": _list(case),
            "elements": keyed(catalogues.elements if catalogues else (), "portfolio elements", element),
            "declarations": keyed(catalogues.declarations if catalogues else (), "declarations", declaration),
        },
        ["qualmark_portfolio", "framework", "candidate", "submitted"],
    )
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = f"qualmark portfolio for {framework_id}" if framework_id else "qualmark portfolio"
    return schema


def tests_schema() -> dict[str, Any]:
    """The JSON Schema of framework test files (``qualmark test``; schemas/tests.schema.json)."""
    from qualmark.model.suite import SuiteDocument

    schema = SuiteDocument.model_json_schema(by_alias=True)
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "qualmark framework test file (format 1)"
    return schema


def framework_schema() -> dict[str, Any]:
    """The JSON Schema of framework files, for editors and other validators (schemas/framework.schema.json).

    It accepts what qualmark accepts as to shape (references and meaning are
    the compiler's), and is written so that a mistake deep inside a rule gets
    an error at that place rather than "not valid under any of the given
    schemas" at the rule: a value that may be a mapping or something else is
    split with ``if: {type: object}``, and each rule kind, chosen by its key,
    allows only its own modifiers.
    """
    from qualmark.model.framework import FrameworkDocument
    from qualmark.rules import RULE_KINDS

    schema: dict[str, Any] = _specific(FrameworkDocument.model_json_schema(by_alias=True))
    rule = schema["$defs"]["RequirementNode"]
    common = ["id", "title", "source", "description", "advisory", "review"]
    kinds = []
    for key, kind in RULE_KINDS.items():
        chosen: dict[str, Any] = {"required": [key]}
        if key == "at_least":  # `at_least: n` alone is a modifier of `demonstrate`
            chosen["properties"] = {"at_least": {"type": "object"}}
        allowed = [*common, key, *sorted(kind.MODIFIERS)]
        kinds.append(
            {
                "if": chosen,
                "then": {
                    "description": f"a '{key}' rule takes {', '.join(allowed[len(common) + 1 :]) or 'no other keys'}",
                    "properties": dict.fromkeys(allowed, True),
                    "additionalProperties": False,
                },
            }
        )
    rule["allOf"] = kinds
    rule["anyOf"] = [{"required": [key]} for key in RULE_KINDS]
    rule["description"] = "One rule: id, title, source, … and exactly one rule kind: " + ", ".join(RULE_KINDS)
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "qualmark framework file (DSL version 1)"
    return schema


def _specific(node: Any) -> Any:
    """A schema whose unions say which form is meant: ``X | mapping`` becomes ``if: {type: object}``."""
    if isinstance(node, list):
        return [_specific(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _specific(value) for key, value in node.items()}
    if node.get("type") == "string" and not {"format", "enum", "const"} & node.keys():
        node["type"] = [
            "string",
            "number",
        ]  # the models read a number where text is meant as its text (`6: 6`)
    branches = node.get("anyOf")
    if not isinstance(branches, list):
        return node
    mappings = [b for b in branches if "$ref" in b or b.get("type") == "object"]
    others = [b for b in branches if b not in mappings]
    del node["anyOf"]
    if len(mappings) == 1 and others:
        node.update({"if": {"type": "object"}, "then": mappings[0], "else": _or_null(others)})
    else:
        node.update(_or_null(branches))
    return node


def _or_null(branches: list[dict[str, Any]]) -> dict[str, Any]:
    """One schema for scalar branches; ``T`` or null as ``type: [T, "null"]`` (bounds apply to T only)."""
    if len(branches) == 1:
        return branches[0]
    others = [b for b in branches if b != {"type": "null"}]
    if (
        len(others) == 1
        and isinstance(others[0].get("type"), str)
        and not {"enum", "const"} & others[0].keys()
    ):
        return {**others[0], "type": [others[0]["type"], "null"]}
    return {"anyOf": branches}
