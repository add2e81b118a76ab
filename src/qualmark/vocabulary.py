"""The framework's lists as the rules and the portfolio schema use them.

Built once by the compiler from the document: the profile vocabularies, the
evidence kinds with their typed fields, experience activities, case fields,
portfolio elements and declarations, each looked up by id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from qualmark.model.framework import (
    DeclarationDef,
    ExperienceActivity,
    FieldDef,
    FieldSpec,
    PortfolioElement,
    VocabularyItem,
)
from qualmark.model.text import Text
from qualmark.scales import Scales, shipped_scales


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """A typed field of an evidence kind or a case."""

    name: str
    type: str
    values: tuple[str, ...] | None = None
    many: bool = False
    label: Text | None = None
    scale: str | None = None  # the id of the one scale a level field takes (``C1`` then reads as CEFR C1)
    value_labels: Mapping[str, Text] = field(default_factory=dict)  # listed values in the framework's words

    @classmethod
    def from_def(cls, name: str, definition: FieldDef) -> FieldInfo:
        if isinstance(definition, FieldSpec):
            values = tuple(definition.values) if definition.values is not None else None
            labels = definition.value_labels or {}
            return cls(
                name, definition.type, values, definition.many, definition.label, definition.scale, labels
            )
        return cls(name, definition)

    def shown(self, value: Any) -> Any:
        """A value as the framework words it: the label of a listed value, else the value itself.

        >>> FieldInfo("field", "text", ("mo",), value_labels={"mo": {"en": "people"}}).shown(["mo", "x"])
        [{'en': 'people'}, 'x']
        """
        if isinstance(value, list):
            return [self.shown(v) for v in value]
        return self.value_labels.get(value, value) if isinstance(value, str) else value

    def worded(self, condition: Mapping[str, Any]) -> dict[str, Any]:
        """Message parameters ``value_shown`` / ``actual_shown``: a condition's values in the framework's
        words, where a listed value has a label (the ids stay in ``value`` and ``actual``)."""
        extra: dict[str, Any] = {}
        for key in ("value", "actual"):
            if key in condition and (shown := self.shown(condition[key])) != condition[key]:
                extra[f"{key}_shown"] = shown
        return extra


# Fields every evidence item has, whatever its kind (see docs/portfolio.md).
COMMON_EVIDENCE_FIELDS: Mapping[str, FieldInfo] = {
    "title": FieldInfo("title", "text", label={"en": "title", "nl": "titel"}),
    "issuer": FieldInfo("issuer", "text", label={"en": "issuer", "nl": "uitgever"}),
    "issued": FieldInfo("issued", "date", label={"en": "date of issue", "nl": "datum van uitgifte"}),
    "document": FieldInfo("document", "text", label={"en": "document", "nl": "document"}),
    "note": FieldInfo("note", "text", label={"en": "note", "nl": "toelichting"}),
}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A profile vocabulary (tasks, knowledge areas, …) in the order of the file."""

    name: str
    items: tuple[VocabularyItem, ...]
    by_id: Mapping[str, VocabularyItem] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {item.id: item for item in self.items})

    def ids(self) -> tuple[str, ...]:
        return tuple(self.by_id)

    def get(self, item_id: str) -> VocabularyItem | None:
        return self.by_id.get(item_id)

    def mandatory(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items if item.group == "mandatory")

    def electives(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items if item.group == "elective")


@dataclass(frozen=True, slots=True)
class EvidenceKindInfo:
    id: str
    label: Text
    fields: Mapping[str, FieldInfo]

    def field(self, name: str) -> FieldInfo | None:
        return self.fields.get(name) or COMMON_EVIDENCE_FIELDS.get(name)

    def field_names(self) -> tuple[str, ...]:
        return (*COMMON_EVIDENCE_FIELDS, *self.fields)

    def field_label(self, name: str) -> Text:
        """How a field is called in messages: its label, else its name."""
        info = self.field(name)
        return info.label if info is not None and info.label is not None else name


@dataclass(frozen=True, slots=True)
class Catalogues:
    """Every list of the framework, by id."""

    vocabularies: Mapping[str, Vocabulary]
    evidence_kinds: Mapping[str, EvidenceKindInfo]
    activities: Mapping[str, ExperienceActivity]
    case_fields: Mapping[str, FieldInfo]
    elements: Mapping[str, PortfolioElement]
    declarations: Mapping[str, DeclarationDef]
    scales: Scales = field(default_factory=shipped_scales)  # the shipped ones and the framework's own

    def label(self, vocabulary: str, item_id: str) -> Text:
        """The label of a vocabulary item (its id if unknown)."""
        item = self.vocabularies[vocabulary].get(item_id)
        return item.label if item else item_id
