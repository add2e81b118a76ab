"""The framework as a handbook people read (``qualmark docs``): what a handbook page says, in one language.

A :class:`Handbook` holds the framework's facts (issuer, source document,
levels, validity), its QUAL-IM-G answers per building block (with the
reasons for skipped questions), its profile (tasks with their indicators and
guidance, knowledge areas, competences with levels, attitude questions), what
a portfolio is made of, and every requirement as sentences with its source
section. Sentences of requirements come from each rule's
:meth:`~qualmark.rules.base.Rule.requirements`, so the handbook states what
the evaluator checks. The Markdown and HTML templates only place the values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from qualmark.framework import Framework
from qualmark.messages import YEARS, Lang, render
from qualmark.model.framework import (
    BLOCKS,
    VOCABULARIES,
    AddedQuestion,
    FieldSpec,
    Levels,
    VocabularyItem,
)
from qualmark.model.text import Text
from qualmark.progress import Progress, QuestionState, SectionProgress, progress, question_state
from qualmark.report.page import VOCABULARY_TITLES
from qualmark.rules.base import Rule


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str
    note: str | None = None
    source: str | None = None  # the section of the source document


@dataclass(frozen=True, slots=True)
class AnswerView:
    """A question of a building block with the framework's answer, or why it skips it."""

    id: str
    question: str
    state: str  # answered | skipped | open
    answer: str | None  # the answer, or the reason it is skipped
    see: str | None  # where in the file the structured answer is (profile.tasks)
    source: str | None
    own: bool = False  # a question the framework adds to the catalogue's


@dataclass(frozen=True, slots=True)
class BlockView:
    id: str  # "1", "4.1"
    title: str
    level: int  # 2 for a building block, 3 for a sub-block (heading level)
    answers: tuple[AnswerView, ...]  # answered and skipped, then the framework's own questions
    answered: int
    skipped: int
    open: int


@dataclass(frozen=True, slots=True)
class ItemView:
    """An item of a profile vocabulary: a task, a knowledge area, a competence, an attitude question."""

    id: str
    code: str | None
    label: str
    description: str | None
    indicators: tuple[str, ...]
    elective: bool
    level: str | None
    question: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class VocabularyView:
    name: str
    title: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """A part of a portfolio (evidence kind, activity, element, declaration) with what it is."""

    id: str
    label: str
    description: str | None
    fields: tuple[str, ...]  # what an item of an evidence kind states
    source: str | None


@dataclass(frozen=True, slots=True)
class RequirementView:
    depth: int
    id: str
    title: str
    statements: tuple[str, ...]  # what it asks, one sentence per condition
    description: str | None  # the source's sentences
    source: str | None  # the section of the source document
    advisory: bool
    review: str | None  # the question an assessor judges


@dataclass(frozen=True, slots=True)
class Handbook:
    lang: str
    id: str
    title: str
    version: str
    facts: tuple[Fact, ...]
    answered: int  # questions of the catalogue, over all blocks
    skipped: int
    open: int
    blocks: tuple[BlockView, ...]
    vocabularies: tuple[VocabularyView, ...]
    portfolio: tuple[tuple[str, tuple[Entry, ...]], ...]  # (heading, entries)
    requirements: tuple[RequirementView, ...]
    words: dict[str, str]


def handbook(framework: Framework, lang: str | None = None) -> Handbook:
    """The handbook of ``framework`` in ``lang`` (default: its first language)."""
    document = framework.document
    first = document.languages[0]
    L = Lang(lang or first, first)
    state = progress(document)
    return Handbook(
        lang=L.code,
        id=document.id,
        title=L.text(document.title),
        version=document.version,
        facts=tuple(_facts(framework, L)),
        answered=state.count("answered"),
        skipped=state.count("skipped"),
        open=state.count("open"),
        blocks=tuple(_blocks(framework, state, L)),
        vocabularies=tuple(
            VocabularyView(name, L.pick(*VOCABULARY_TITLES[name]), tuple(_item(i, L) for i in items))
            for name in VOCABULARIES
            if (items := getattr(document.profile, name))
        ),
        portfolio=tuple(_portfolio(framework, L)),
        requirements=tuple(_requirements(framework, L)),
        words=_words(L),
    )


def _text(value: Text | None, L: Lang) -> str | None:
    """A text of the framework's in the handbook's language, its line breaks as spaces (a YAML block
    scalar's lines are one paragraph on the page)."""
    return _LINE_BREAKS.sub(" ", L.text(value)) if value is not None else None


_LINE_BREAKS = re.compile(r"\s*\n\s*")


def _levels(levels: Levels, L: Lang) -> str:
    parts = [f"EQF {levels.eqf}"] if levels.eqf is not None else []
    if levels.national is not None:
        parts.append(f"{levels.national.framework} {levels.national.level}")
    return ", ".join(parts) or "—"


def _facts(framework: Framework, L: Lang) -> Iterator[Fact]:
    d = framework.document
    yield Fact(L.pick("Identifier", "Kenmerk"), f"{d.id} ({d.uri})")
    yield Fact(L.pick("Version", "Versie"), d.version)
    if d.issuer is not None:
        yield Fact(L.pick("Issued by", "Uitgegeven door"), L.text(d.issuer.name), _text(d.issuer.note, L))
    if d.approved_by is not None:
        a = d.approved_by
        value = ", ".join(
            v for v in (L.text(a.name), a.decision, a.date.isoformat() if a.date else None) if v
        )
        yield Fact(L.pick("Approved by", "Goedgekeurd door"), value, _text(a.note, L))
    s = d.source
    value = ", ".join(
        v
        for v in (L.text(s.title), s.publisher, s.document, s.date.isoformat() if s.date else None, s.url)
        if v
    )
    yield Fact(L.pick("Source document", "Brondocument"), value, _text(s.note, L))
    if d.valid_from or d.valid_until:
        yield Fact(
            L.pick("Valid", "Geldig"),
            " – ".join(x.isoformat() if x else "…" for x in (d.valid_from, d.valid_until)),
        )
    if d.levels is not None:
        yield Fact(L.pick("Level", "Niveau"), _levels(d.levels, L), _text(d.levels.note, L))
    if d.entry_level is not None:
        yield Fact(
            L.pick("Entry level", "Instroomniveau"), _levels(d.entry_level, L), _text(d.entry_level.note, L)
        )
    if d.occupation is not None:
        o = d.occupation
        value = ", ".join(v for v in (f"ISCO-08 {o.isco08}", _text(o.label, L)) if v)
        yield Fact(L.pick("Occupation", "Beroep"), value, _text(o.note, L))
    validity = d.fundamentals.validity
    if validity is not None:
        years = [
            L.pick(f"certification {L.count(n, YEARS)}", f"certificering {L.count(n, YEARS)}")
            for n in (validity.certification_years,)
            if n
        ] + [
            L.pick(f"recertification {L.count(n, YEARS)}", f"hercertificering {L.count(n, YEARS)}")
            for n in (validity.recertification_years,)
            if n
        ]
        yield Fact(
            L.pick("Period of validity", "Geldigheidsduur"), ", ".join(years) or "—", source=validity.source
        )
    method = d.certification.method
    if method is not None:
        parts = [", ".join(method.components)] if method.components else []
        if method.assessors is not None:
            parts.append(L.pick(f"assessors: {method.assessors}", f"assessoren: {method.assessors}"))
        yield Fact(
            L.pick("Certification method", "Certificeringsmethode"),
            "; ".join(parts) or "—",
            source=method.source,
        )
    yield Fact(L.pick("Languages", "Talen"), ", ".join(d.languages))


def _answer(question: QuestionState, L: Lang, own: bool = False) -> AnswerView:
    """A question as the handbook shows it: the answer, or for a skipped one the reason."""
    said = question.reason if question.state == "skipped" else question.answer
    return AnswerView(
        question.id, question.text, question.state, _text(said, L), question.see, question.source, own
    )


def _blocks(framework: Framework, state: Progress, L: Lang) -> Iterator[BlockView]:
    """Each building block and sub-block: the questions it answers or skips (not the open ones, which
    are counted), then the framework's own questions."""
    own = {number: getattr(framework.document, key).questions for key, number in BLOCKS.items()}

    def view(section: SectionProgress, level: int, added: list[AddedQuestion]) -> BlockView:
        shown = [_answer(q, L) for q in section.questions if q.state != "open"]
        shown += [_answer(question_state(q.id, L.text(q.text), q.answer), L, own=True) for q in added]
        states = [q.state for q in section.questions]  # its own: a sub-block is a view of its own
        return BlockView(
            section.id,
            section.title,
            level,
            tuple(shown),
            states.count("answered"),
            states.count("skipped"),
            states.count("open"),
        )

    for block in state.blocks:
        yield view(block, 2, own.get(block.id, []))
        for sub in block.sub_blocks:
            yield view(sub, 3, [])


def _item(item: VocabularyItem, L: Lang) -> ItemView:
    return ItemView(
        id=item.id,
        code=item.code,
        label=L.text(item.label),
        description=_text(item.description, L),
        indicators=tuple(_text(i, L) or "" for i in item.indicators),
        elective=item.group == "elective",
        level=f"{item.level.framework} {item.level.level}" if item.level else None,
        question=_text(item.question, L),
        source=item.source,
    )


_TYPES = {
    "text": ("text", "tekst"),
    "boolean": ("yes or no", "ja of nee"),
    "number": ("number", "getal"),
    "date": ("date", "datum"),
    "level": ("level", "niveau"),
}


def _field(name: str, spec: object, L: Lang) -> str:
    """A field of an evidence kind or a case: its label and what it holds ("Field: text, one of: …")."""
    if not isinstance(spec, FieldSpec):
        return f"{name}: {L.pick(*_TYPES[str(spec)])}"
    kind = L.pick(*_TYPES[spec.type])
    if spec.many:
        kind += L.pick(", several", ", meerdere")
    if spec.scale:
        kind += f" ({spec.scale})"
    if spec.values:
        labels = spec.value_labels or {}
        listed = [f"{_text(labels[v], L)} ({v})" if v in labels else v for v in spec.values]
        kind += L.pick(", one of: ", ", een van: ") + "; ".join(listed)
    return f"{_text(spec.label, L) or name}: {kind}"


def _portfolio(framework: Framework, L: Lang) -> Iterator[tuple[str, tuple[Entry, ...]]]:
    t = framework.document.testing
    kinds = tuple(
        Entry(
            k.id,
            L.text(k.label),
            _text(k.description, L),
            tuple(_field(name, spec, L) for name, spec in k.fields.items()),
            k.source,
        )
        for k in t.evidence_kinds
    )
    if kinds:
        yield L.pick("Evidence", "Bewijsstukken"), kinds
    counts = L.pick("counts towards the hours", "telt mee voor de uren")
    not_counted = L.pick("does not count towards the hours", "telt niet mee voor de uren")
    activities = tuple(
        Entry(a.id, L.text(a.label), counts if a.counts else not_counted, (), a.source)
        for a in t.experience_activities
    )
    if activities:
        yield L.pick("Work experience", "Werkervaring"), activities
    if t.case_fields:
        fields = tuple(
            Entry(name, _field(name, spec, L), None, (), None) for name, spec in t.case_fields.items()
        )
        yield L.pick("What each case states", "Wat elke casus vermeldt"), fields
    unassessed = L.pick("Required, not assessed.", "Verplicht, niet beoordeeld.")
    elements = tuple(
        Entry(
            e.id,
            L.text(e.label),
            " ".join(x for x in (_text(e.description, L), None if e.assessed else unassessed) if x) or None,
            (),
            e.source,
        )
        for e in t.portfolio_elements
    )
    if elements:
        yield L.pick("Portfolio elements", "Onderdelen van het portfolio"), elements
    declarations = tuple(Entry(d.id, L.text(d.text), None, (), d.source) for d in t.declarations)
    if declarations:
        yield L.pick("Declarations", "Verklaringen"), declarations


def _requirements(framework: Framework, L: Lang) -> Iterator[RequirementView]:
    def walk(rule: Rule, depth: int) -> Iterator[RequirementView]:
        header = rule.header
        yield RequirementView(
            depth=depth,
            id=header.id,
            title=_text(header.title, L) or "",
            statements=tuple(render(m, L.code, L.fallback) for m in rule.requirements(framework.catalogues)),
            description=_text(header.description, L),
            source=header.source.section,
            advisory=header.advisory,
            review=_text(header.review[0], L) if header.review else None,
        )
        for sub in rule.sub_rules():
            yield from walk(sub, depth + 1)

    for rule in framework.rules:
        yield from walk(rule, 0)


def _words(L: Lang) -> dict[str, str]:
    return {
        "handbook": L.pick("Handbook", "Handboek"),
        "contents": L.pick("Contents", "Inhoud"),
        "version": L.pick("version", "versie"),
        "about": L.pick("About this quality mark", "Over dit keurmerk"),
        "note": L.pick("Note", "Opmerking"),
        "qualimg": L.pick("The QUAL-IM-G questions answered", "De QUAL-IM-G-vragen beantwoord"),
        "qualimg_intro": L.pick(
            "Per building block of the QUAL-IM-G certification development framework: the framework's answers,"
            " and the questions it skips with the reason why.",
            "Per bouwsteen van het QUAL-IM-G-raamwerk voor certificering: de antwoorden van het kader,"
            " en de vragen die het overslaat met de reden.",
        ),
        "progress": L.pick("Questions", "Vragen"),
        "counts": L.pick("answered {a}, skipped {s}, open {o}", "beantwoord {a}, overgeslagen {s}, open {o}"),
        "of": L.pick("of", "van"),
        "answer": L.pick("Answer", "Antwoord"),
        "skipped": L.pick("Skipped", "Overgeslagen"),
        "open": L.pick("Not answered yet", "Nog niet beantwoord"),
        "see": L.pick("See", "Zie"),
        "source": L.pick("Source", "Bron"),
        "own": L.pick("question of this framework", "vraag van dit kader"),
        "none_answered": L.pick(
            "No question of this block is answered.", "Geen vraag van deze bouwsteen is beantwoord."
        ),
        "profile": L.pick("Profile", "Profiel"),
        "indicators": L.pick("Indicators", "Indicatoren"),
        "elective": L.pick("elective", "keuze"),
        "level": L.pick("Level", "Niveau"),
        "question": L.pick("Question", "Vraag"),
        "portfolio": L.pick("The portfolio", "Het portfolio"),
        "requirements": L.pick("Requirements", "Eisen"),
        "requirement": L.pick("Requirement", "Eis"),
        "asks": L.pick("What is required", "Wat wordt gevraagd"),
        "section": L.pick("Source section", "Bronsectie"),
        "advisory": L.pick("advice: does not decide", "advies: beslist niet mee"),
        "review": L.pick("The assessor judges", "De assessor beoordeelt"),
    }
