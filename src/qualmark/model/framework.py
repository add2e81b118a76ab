"""The framework document: what a framework YAML file may say.

These models check shape and types only (unknown keys, wrong types, missing
keys). Cross-references — a rule naming a knowledge area, a question id, an
evidence field — are resolved by :mod:`qualmark.compiler`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    field_validator,
)

from qualmark.model.text import Text

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
Id = Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]

# Bounds that keep date arithmetic within the calendar (a standard is not older than 200 years).
MAX_YEARS = 200
MAX_AMOUNT = 1e9
MAX_COUNT = 1000
"""The largest number of items, cases, parts or assessors a rule may ask for (docs/dsl.md)."""

Count = Annotated[StrictInt, Field(ge=1, le=MAX_COUNT)]


class Model(BaseModel):
    """Base of the document models: frozen, no unknown keys, numbers accepted as text."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, populate_by_name=True)


# --- metadata -------------------------------------------------------------------------------


# Metadata the source document does not state carries a `note` saying who assigned it
# (docs/dsl.md, "Top level"): a reader must be able to tell the source's facts from the encoder's.


class Issuer(Model):
    """The body that awards the quality mark, where the source names it."""

    name: Text
    uri: str | None = None
    note: Text | None = None


class Approval(Model):
    """Who approved the standard the file encodes: ``{name: …, decision: "33", date: 2023-04-06}``.

    Not the awarding body: a sectoral council may approve a standard that others award.
    """

    name: Text
    decision: str | None = None
    date: dt.date | None = None
    source: str | None = None
    note: Text | None = None


class SourceDocument(Model):
    title: Text
    publisher: str | None = None
    document: str | None = None
    date: dt.date | None = None
    url: str | None = None
    note: Text | None = None


class LevelRef(Model):
    """A level in a named qualifications framework: ``{framework: EstQF, level: 7}``.

    Within its scale where the compiler knows it (EQF, NLQF, EstQF: 1–8).
    """

    framework: Annotated[str, Field(pattern=r"^[A-Za-z]{1,20}$")]
    level: Annotated[StrictInt, Field(ge=0, le=99)]


class Levels(Model):
    """A level on the EQF and/or a national framework: ``levels`` (the mark's) or ``entry_level``."""

    eqf: Annotated[StrictInt, Field(ge=1, le=8)] | None = None
    national: LevelRef | None = None
    note: Text | None = None


class Occupation(Model):
    isco08: Annotated[str, Field(pattern=r"^[0-9]{1,4}$")]
    label: Text | None = None
    note: Text | None = None


# --- scales ---------------------------------------------------------------------------------

# Bounds that keep comparing levels cheap (docs/limits.md): the shipped scales have at most 9 levels.
MAX_SCALES = 50
MAX_SCALE_LEVELS = 50
MAX_REFERENCINGS = 20

ScaleName = Annotated[str, Field(pattern=r"^[A-Za-z]{1,20}$")]
"""How a scale is named in a level: ``NLQF`` in ``NLQF6``, ``CEFR`` in ``CEFR C1``."""
LevelId = Annotated[str, Field(pattern=r"^[A-Za-z0-9]{1,20}$")]
"""A level's id on its scale: ``6``, ``C1``, ``independent``."""
LevelText = Annotated[str, Field(min_length=1, max_length=50)]
"""A level as written in a referencing: its id, or its scale's name and its id (checked by the compiler)."""


class ScaleLevelDef(Model):
    """A level of a scale with a label: ``{id: B2, label: {en: Independent user}}``."""

    id: LevelId
    label: Text | None = None


class ReferencingDef(Model):
    """Levels of this scale that are equivalent to levels of another: ``{to: nlqf, pairs: {6: 6}, source: …}``.

    Only the pairs given are equivalent; comparisons between other levels are
    derived through the order of the two scales (docs/dsl.md, "Scales and levels").
    """

    to: Slug
    # a level of each scale: `6: 6`, or with the scales' names, `BOC6: NLQF6`
    pairs: Annotated[dict[LevelText, LevelText], Field(min_length=1, max_length=MAX_SCALE_LEVELS)]
    source: Annotated[str, Field(min_length=1)]
    note: Text | None = None


class ScaleDef(Model):
    """An ordered set of levels, lowest first; or, for a scale qualmark ships, referencings added to it."""

    id: Slug
    name: ScaleName | None = None
    label: Text | None = None
    levels: (
        Annotated[
            list[Annotated[LevelId | ScaleLevelDef, Field(union_mode="left_to_right")]],
            Field(min_length=1, max_length=MAX_SCALE_LEVELS),
        ]
        | None
    ) = None
    source: str | None = None
    note: Text | None = None
    referencings: Annotated[list[ReferencingDef], Field(max_length=MAX_REFERENCINGS)] = Field(
        default_factory=list
    )


# --- QUAL-IM-G answers ----------------------------------------------------------------------


class AnswerDetail(Model):
    """The long form of an answer: with a source, a skip reason or a pointer to structured data."""

    answer: Text | None = None
    skip: Text | None = None
    see: str | None = None
    source: str | None = None


Answer = Annotated[AnswerDetail | Text | None, Field(union_mode="left_to_right")]


class AddedQuestion(Model):
    """A question the framework adds to the catalogue."""

    id: Id
    text: Text
    answer: Answer = None


class Block(Model):
    """A QUAL-IM-G building block: answers by question id, and added questions."""

    answers: dict[str, Answer] = Field(default_factory=dict)
    questions: list[AddedQuestion] = Field(default_factory=list)


class Validity(Model):
    certification_years: Annotated[StrictInt, Field(ge=1, le=MAX_YEARS)] | None = None
    recertification_years: Annotated[StrictInt, Field(ge=1, le=MAX_YEARS)] | None = None
    source: str | None = None


class Fundamentals(Block):
    validity: Validity | None = None


class CertificationMethod(Model):
    components: list[str] = Field(default_factory=list)
    assessors: Count | None = None
    source: str | None = None


class Certification(Block):
    method: CertificationMethod | None = None


# --- the professional profile ---------------------------------------------------------------


class VocabularyItem(Model):
    """An entry of a profile vocabulary (a task, knowledge area, competence, …)."""

    id: Slug
    code: str | None = None
    label: Text
    description: Text | None = None
    indicators: list[Text] = Field(default_factory=list)
    group: Literal["mandatory", "elective"] = "mandatory"
    level: LevelRef | None = None
    question: Text | None = None
    source: str | None = None


class Profile(Block):
    tasks: list[VocabularyItem] = Field(default_factory=list)
    knowledge_areas: list[VocabularyItem] = Field(default_factory=list)
    competences: list[VocabularyItem] = Field(default_factory=list)
    attitude: list[VocabularyItem] = Field(default_factory=list)
    general_skills: list[VocabularyItem] = Field(default_factory=list)


VOCABULARIES = ("tasks", "knowledge_areas", "competences", "attitude", "general_skills")


# --- the testing framework: portfolio vocabulary --------------------------------------------

FieldType = Literal["text", "boolean", "number", "date", "level"]


class FieldSpec(Model):
    type: FieldType
    values: Annotated[list[str], Field(min_length=1)] | None = None
    many: StrictBool = False
    label: Text | None = None
    scale: Slug | None = None  # a level field bound to one scale: `C1` then means CEFR C1
    # how reports word each listed value (`ao-psycholoog-nip` → "Arbeids- en organisatiepsycholoog NIP")
    value_labels: dict[str, Text] | None = None


FieldDef = Annotated[FieldType | FieldSpec, Field(union_mode="left_to_right")]


class EvidenceKind(Model):
    id: Slug
    label: Text
    description: Text | None = None
    fields: dict[str, FieldDef] = Field(default_factory=dict)
    source: str | None = None


class ExperienceActivity(Model):
    id: Slug
    label: Text
    counts: StrictBool = True
    source: str | None = None


class PortfolioElement(Model):
    id: Slug
    label: Text
    description: Text | None = None
    assessed: StrictBool = True
    source: str | None = None


class DeclarationDef(Model):
    id: Slug
    text: Text
    source: str | None = None


# --- requirements ---------------------------------------------------------------------------

# Strict, so that a quoted "1" or "yes" in a condition stays text (and, in counts and amounts
# below, `count: true` or `count: '2'` are not taken for numbers).
Scalar = Annotated[
    StrictBool | StrictInt | StrictFloat | Annotated[dt.date, Field(strict=True)] | StrictStr,
    Field(union_mode="left_to_right"),
]


class ConditionSpec(Model):
    """``{min: …}``, ``{max: …}``, ``{in: […]}``, ``{present: true}`` — all that are given must hold."""

    min: Scalar | None = None
    max: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    present: StrictBool | None = None


Condition = Annotated[ConditionSpec | Scalar, Field(union_mode="left_to_right")]


class Duration(Model):
    years: Annotated[StrictInt, Field(ge=0, le=MAX_YEARS)] = 0
    months: Annotated[StrictInt, Field(ge=0, le=MAX_YEARS * 12)] = 0
    days: Annotated[StrictInt, Field(ge=0, le=MAX_YEARS * 366)] = 0


class CountRange(Model):
    """``{exactly: 2}`` or ``{min: 1, max: 3}``; a plain number means *at least* that many."""

    exactly: Count | None = None
    min: Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)] | None = None
    max: Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)] | None = None


CountSpec = Annotated[Count | CountRange, Field(union_mode="left_to_right")]


class TotalSpec(Model):
    field: str
    of: str
    min: Annotated[StrictFloat, Field(ge=0, le=MAX_AMOUNT)]


class ExperienceSpec(Model):
    # `stated: true`: experience in activities that count is stated, in whatever amount (where the
    # source names none; an assessor judges its relevance through `review`)
    stated: StrictBool | None = None
    min_hours: Annotated[StrictFloat, Field(ge=0, le=MAX_AMOUNT)] | None = None
    min_years_active: Annotated[StrictFloat, Field(ge=0, le=MAX_YEARS)] | None = None
    currently_practising: StrictBool | None = None


class DiversitySpec(Model):
    any_of: Annotated[list[str], Field(min_length=1)]


Years = Annotated[StrictInt, Field(ge=1, le=MAX_YEARS)]


class Recency(Model):
    """``{years: 2, of: end}``: which date of a case's period must lie in the last ``years`` years."""

    years: Years
    of: Literal["end", "start", "whole"]


RecencySpec = Annotated[Years | Recency, Field(union_mode="left_to_right")]


class CasesSpec(Model):
    count: CountSpec | None = None
    # declared case fields, `summary` and `period` ({years: 3, of: end}) select the cases `count` counts
    where: dict[str, Annotated[Condition | Recency, Field(union_mode="left_to_right")]] | None = None
    within_years: RecencySpec | None = None
    diverse: DiversitySpec | None = None


class AtLeastOf(Model):
    n: Count
    of: Annotated[list[RequirementNode], Field(min_length=1)]


class ElectivesSpec(Model):
    min: Count


class NotRelevantSpec(Model):
    motivation: Literal["required", "optional"] = "required"
    shown_in_other_case: StrictBool = True


class ReviewSpec(Model):
    """``review: {question: …, by: assessor}``: what an assessor must judge once the machine checks are met."""

    question: Text
    by: Literal["assessor"] = "assessor"


class RequirementNode(Model):
    """One rule as written: common keys plus exactly one rule kind (checked by the compiler)."""

    id: Id
    title: Text | None = None
    source: str | None = None
    description: Text | None = None
    advisory: StrictBool = False
    review: ReviewSpec | None = None

    # combinators
    all_of: Annotated[list[RequirementNode], Field(min_length=1)] | None = None
    one_of: Annotated[list[RequirementNode], Field(min_length=1)] | None = None
    at_least: Annotated[AtLeastOf | Count, Field(union_mode="left_to_right")] | None = None

    # evidence and totals
    evidence: str | None = None
    where: dict[str, Condition] | None = None
    max_age: Duration | None = None
    count: CountSpec | None = None
    total: TotalSpec | None = None

    # experience, cases
    experience: ExperienceSpec | None = None
    cases: CasesSpec | None = None

    # demonstration of a vocabulary
    demonstrate: str | None = None
    across: Literal["cases", "each_case"] | None = None
    all_: StrictBool | Literal["mandatory"] | None = Field(default=None, alias="all")
    including: list[str] | None = None
    electives: ElectivesSpec | None = None
    not_relevant: NotRelevantSpec | None = None

    # reflection, declarations, presence
    reflection: str | None = None
    per: Literal["case"] | None = None
    declarations: Annotated[list[str], Field(min_length=1)] | None = None
    present: str | None = None


class Testing(Block):
    evidence_kinds: list[EvidenceKind] = Field(default_factory=list)
    experience_activities: list[ExperienceActivity] = Field(default_factory=list)
    case_fields: dict[str, FieldDef] = Field(default_factory=dict)
    portfolio_elements: list[PortfolioElement] = Field(default_factory=list)
    declarations: list[DeclarationDef] = Field(default_factory=list)
    requirements: list[RequirementNode] = Field(default_factory=list)


class FrameworkDocument(Model):
    """A whole framework file."""

    qualmark: Literal[1]
    id: Slug
    uri: Annotated[str, Field(min_length=1)]
    version: Annotated[str, Field(min_length=1)]
    title: Text
    languages: Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]], Field(min_length=1)]
    issuer: Issuer | None = None
    approved_by: Approval | None = None
    source: SourceDocument
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    levels: Levels | None = None  # of the quality mark (the qualification) itself
    entry_level: Levels | None = None  # of the education a candidate needs to enter
    occupation: Occupation | None = None
    scales: Annotated[list[ScaleDef], Field(max_length=MAX_SCALES)] = Field(default_factory=list)

    fundamentals: Fundamentals = Field(default_factory=Fundamentals)
    profile: Profile = Field(default_factory=Profile)
    testing: Testing = Field(default_factory=Testing)
    mentoring: Block = Field(default_factory=Block)
    certification: Certification = Field(default_factory=Certification)
    recertification: Block = Field(default_factory=Block)
    organisation: Block = Field(default_factory=Block)

    @field_validator("qualmark", mode="before")
    @classmethod
    def _dsl_version_is_the_number_1(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):  # `true` and `1.0` are not versions
            raise ValueError("the DSL version is the whole number 1: write `qualmark: 1`")
        return value


BLOCKS: dict[str, str] = {
    "fundamentals": "1",
    "profile": "2",
    "testing": "3",
    "mentoring": "4",
    "certification": "5",
    "recertification": "6",
    "organisation": "7",
}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold (through lists, dicts, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def keys_at(path: tuple[str | int, ...], root: type[BaseModel] | None = None) -> frozenset[str]:
    """The keys allowed in the mapping at ``path`` of a ``root`` document (default: a framework file).

    A part that names no field is a key of a dict (an answer id, a field
    name): the models stay those of the dict's values.

    >>> sorted(keys_at(("issuer",)))
    ['name', 'note', 'uri']
    """
    return frozenset(
        info.alias or name for model in _models_at(path, root) for name, info in model.model_fields.items()
    )


def required_at(path: tuple[str | int, ...]) -> frozenset[str]:
    """The keys the mapping at ``path`` of a framework file must have (none for the entries of a dict).

    >>> sorted(required_at(("testing", "requirements", 0, "total")))
    ['field', 'min', 'of']
    """
    return frozenset(
        info.alias or name
        for model in _models_at(path)
        for name, info in model.model_fields.items()
        if info.is_required()
    )


def _models_at(path: tuple[str | int, ...], root: type[BaseModel] | None = None) -> list[type[BaseModel]]:
    """The models the mapping at ``path`` of a ``root`` document (default: a framework file) can be."""
    models: list[type[BaseModel]] = [root or FrameworkDocument]
    for part in path:
        following = [
            found
            for model in models
            for name, info in model.model_fields.items()
            if part in (name, info.alias)
            for found in _models_in(info.annotation)
        ]
        models = following or models
    return models
