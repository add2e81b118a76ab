"""The JSON Schema of a framework's portfolios (draft 2020-12).

The shape is the same for every framework (docs/portfolio.md); the
vocabulary is the framework's: evidence kinds and their fields, activity,
element, declaration and profile ids become enums. Unknown keys are refused
everywhere, so nothing a candidate wrote is silently ignored.
"""

from __future__ import annotations

from typing import Any

from qualmark.model.text import text_in
from qualmark.vocabulary import COMMON_EVIDENCE_FIELDS, Catalogues, FieldInfo

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
TEXT = {"type": "string"}
LEVEL = {"type": "string", "pattern": r"^\s*[A-Za-z]+\s*-?\s*\d+\s*$"}


def _closed(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _enum(ids: Any) -> dict[str, Any]:
    values = list(ids)
    return {"type": "string", "enum": values} if values else {"type": "string", "not": {}}


def field_schema(info: FieldInfo) -> dict[str, Any]:
    """The JSON Schema of one typed field."""
    types: dict[str, dict[str, Any]] = {
        "text": TEXT,
        "boolean": {"type": "boolean"},
        "number": {"type": "number", "minimum": 0},
        "date": DATE,
        "level": LEVEL,
    }
    base = types[info.type]
    if info.values is not None:
        base = {"type": "string", "enum": list(info.values)}
    if info.label is not None:
        base = {**base, "title": text_in(info.label, "en")}
    return {"type": "array", "items": base} if info.many else base


def _evidence(catalogues: Catalogues | None) -> dict[str, Any]:
    common = {"id": TEXT, "kind": TEXT, **{n: field_schema(f) for n, f in COMMON_EVIDENCE_FIELDS.items()}}
    if catalogues is None:
        return {"type": "object", "properties": common, "required": ["id", "kind"]}
    item: dict[str, Any] = {
        "type": "object",
        "required": ["id", "kind"],
        "properties": {**common, "kind": _enum(catalogues.evidence_kinds)},
        "allOf": [],
    }
    for kind in catalogues.evidence_kinds.values():
        own = {n: field_schema(f) for n, f in kind.fields.items()}
        item["allOf"].append(
            {
                "if": {"properties": {"kind": {"const": kind.id}}, "required": ["kind"]},
                "then": {"properties": own, "propertyNames": {"enum": [*common, *own]}},
            }
        )
    return item


def _vocab_map(catalogues: Catalogues | None, entry: dict[str, Any], id_key: str = "id") -> dict[str, Any]:
    """``{vocabulary: [entry…]}`` with each vocabulary's ids as the enum of ``id``."""
    if catalogues is None:
        return {"type": "object", "additionalProperties": {"type": "array", "items": entry}}
    properties = {}
    for name, vocabulary in catalogues.vocabularies.items():
        if vocabulary.items:
            typed = {**entry, "properties": {**entry["properties"], id_key: _enum(vocabulary.ids())}}
            properties[name] = {"type": "array", "items": typed}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def portfolio_schema(catalogues: Catalogues | None = None, framework_id: str | None = None) -> dict[str, Any]:
    """The schema of portfolios for a framework; without one, the framework-independent shape."""
    demonstration = _closed({"id": TEXT, "text": {"type": "string", "minLength": 1}}, ["id", "text"])
    not_relevant = _closed({"id": TEXT, "motivation": TEXT}, ["id"])
    case_fields = {n: field_schema(f) for n, f in (catalogues.case_fields if catalogues else {}).items()}
    reflections: dict[str, Any] = {"type": "object", "additionalProperties": TEXT}
    if catalogues is not None:
        ids = [
            i for v in catalogues.vocabularies.values() if any(x.question for x in v.items) for i in v.ids()
        ]
        reflections["propertyNames"] = {"enum": ids}
    case = _closed(
        {
            "id": TEXT,
            "title": TEXT,
            "summary": TEXT,
            "period": _closed({"start": DATE, "end": DATE}, ["start", "end"]),
            "demonstrates": _vocab_map(catalogues, demonstration),
            "not_relevant": _vocab_map(catalogues, not_relevant),
            "reflections": reflections,
            **case_fields,
        },
        ["id"],
    )
    if catalogues is None:
        case["additionalProperties"] = True
    activity = _enum(catalogues.activities) if catalogues else TEXT
    hours = _closed(
        {"activity": activity, "hours": {"type": "number", "minimum": 0}, "note": TEXT}, ["activity", "hours"]
    )
    element = _closed({"provided": {"type": "boolean"}, "document": TEXT, "text": TEXT}, ["provided"])
    declaration = _closed({"agreed": {"type": "boolean"}, "date": DATE}, ["agreed"])

    def keyed(ids: Any, value: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object", "additionalProperties": value}
        if catalogues is not None:
            schema["propertyNames"] = _enum(ids)
        return schema

    schema = _closed(
        {
            "$schema": TEXT,
            "qualmark_portfolio": {"const": 1},
            "framework": {"const": framework_id} if framework_id else TEXT,
            "candidate": _closed(
                {"name": {"type": "string", "minLength": 1}, "id": TEXT, "email": TEXT}, ["name"]
            ),
            "submitted": DATE,
            "language": {"type": "string", "pattern": "^[a-z]{2,3}$"},
            "evidence": {"type": "array", "items": _evidence(catalogues)},
            "experience": _closed(
                {
                    "active_since": DATE,
                    "currently_practising": {"type": "boolean"},
                    "hours": {"type": "array", "items": hours},
                }
            ),
            "cases": {"type": "array", "items": case},
            "elements": keyed(catalogues.elements if catalogues else (), element),
            "declarations": keyed(catalogues.declarations if catalogues else (), declaration),
        },
        ["qualmark_portfolio", "framework", "candidate", "submitted"],
    )
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = f"qualmark portfolio for {framework_id}" if framework_id else "qualmark portfolio"
    return schema


def framework_schema() -> dict[str, Any]:
    """The JSON Schema of framework files, for editor completion (schemas/framework.schema.json)."""
    from qualmark.model.framework import FrameworkDocument

    schema = FrameworkDocument.model_json_schema(by_alias=True)
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "qualmark framework file (DSL version 1)"
    return schema
