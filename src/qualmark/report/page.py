"""What a report page says about one evaluation, in one language, for one reader.

The Markdown and HTML reports draw the same :class:`Page`: the verdict, the
candidate and the framework, a row per requirement (status, finding, what to
do), the list of what to do, the questions for the assessor and the coverage
matrices. Sentences are rendered here (:func:`qualmark.messages.render`);
the templates only place them, escaped for their format.

``audience`` is ``candidate`` (what to add) or ``assessor`` (besides, the
evidence each finding rests on, the source's sentences, and room for the
judgement of each review item).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from qualmark.evaluate import Evaluation
from qualmark.explain import Message, Outcome, Status, Verdict
from qualmark.matrix import Cell, Matrix
from qualmark.messages import Lang, render

Audience = Literal["candidate", "assessor"]
Say = Callable[[Message], str]
AUDIENCES: tuple[Audience, ...] = ("candidate", "assessor")

# (symbol, English word, Dutch word): status is never told by colour alone
STATUS = {
    Status.MET: ("✔", "met", "voldaan"),
    Status.NOT_MET: ("✘", "not met", "niet voldaan"),
    Status.INCOMPLETE: ("…", "incomplete", "onvolledig"),
    Status.REVIEW: ("?", "for the assessor", "ter beoordeling"),
    Status.ADVISORY: ("ℹ", "advice", "advies"),
}
NOT_NEEDED = ("○", "not needed", "niet nodig")
VERDICT = {
    Verdict.ELIGIBLE: ("Eligible", "Voldoet"),
    Verdict.NOT_ELIGIBLE: ("Not eligible", "Voldoet niet"),
    Verdict.INCOMPLETE: ("Incomplete", "Onvolledig"),
    Verdict.REVIEW: ("For the assessor", "Ter beoordeling"),
}
CELLS = {
    Cell.SHOWN: ("✔", "shown", "aangetoond"),
    Cell.ANSWERED: ("✔", "answered", "beantwoord"),
    Cell.NOT_RELEVANT: ("–", "not relevant (motivated)", "niet relevant (gemotiveerd)"),
    Cell.UNMOTIVATED: ("!", "not relevant, no motivation", "niet relevant, zonder motivatie"),
    Cell.MISSING: ("✘", "missing", "ontbreekt"),
}
REVIEW_CELL = ("?", "shown, for the assessor", "aangetoond, ter beoordeling")
VOCABULARY_TITLES = {
    "tasks": ("Tasks", "Taken"),
    "knowledge_areas": ("Knowledge areas", "Kennisgebieden"),
    "competences": ("Competences", "Competenties"),
    "attitude": ("Attitude questions", "Attitudevragen"),
    "general_skills": ("General skills", "Algemene vaardigheden"),
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A status as a symbol and a word (colour is the stylesheet's, from ``kind``)."""

    symbol: str
    word: str
    kind: str  # met, not_met, incomplete, review, advisory, not_needed; shown, missing, …


@dataclass(frozen=True, slots=True)
class Row:
    depth: int  # 0 for a top-level requirement
    id: str
    title: str
    mark: Mark
    found: str
    required: str | None  # for what fails
    fix: str | None
    source: str | None  # the section of the source document
    description: str | None  # the source's sentences (assessor)
    evidence: tuple[str, ...]  # JSON pointers into the portfolio (assessor)


@dataclass(frozen=True, slots=True)
class Question:
    """A review item: what the assessor judges, on what, and what was judged so far."""

    id: str
    title: str
    question: str
    found: str
    evidence: tuple[str, ...]
    judged: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MatrixView:
    title: str
    vocabulary: str
    columns: tuple[str, ...]  # the cases
    rows: tuple[tuple[str, tuple[Mark, ...]], ...]  # (item label, a mark per case)
    note: str | None


@dataclass(frozen=True, slots=True)
class Page:
    lang: str
    audience: Audience
    verdict: Mark
    candidate: str
    candidate_id: str | None
    framework: str
    version: str
    source: str | None
    as_of: str
    portfolio_file: str | None
    notices: tuple[str, ...]
    rows: tuple[Row, ...]
    todo: tuple[str, ...]
    questions: tuple[Question, ...]
    matrices: tuple[MatrixView, ...]
    words: dict[str, str]  # headings and labels in the page's language


def page(evaluation: Evaluation, lang: str | None = None, audience: Audience = "candidate") -> Page:
    """The page of one evaluation in ``lang`` (default: the framework's first language)."""
    first = evaluation.framework.languages[0]
    L = Lang(lang or first, first)

    def say(message: Message) -> str:
        return render(message, L.code, L.fallback)

    verdict = evaluation.verdict
    return Page(
        lang=L.code,
        audience=audience,
        verdict=Mark("", L.pick(*VERDICT[verdict]), verdict.value),
        candidate=evaluation.candidate,
        candidate_id=evaluation.candidate_id,
        framework=L.text(evaluation.framework.title),
        version=evaluation.framework.version,
        source=L.text(evaluation.framework.source) if evaluation.framework.source else None,
        as_of=evaluation.as_of.isoformat(),
        portfolio_file=evaluation.portfolio_file,
        notices=tuple(say(n) for n in evaluation.notices),
        rows=tuple(_rows(evaluation.outcomes, L, say, audience)),
        todo=tuple(dict.fromkeys(_todo(evaluation.outcomes, say))),
        questions=tuple(_question(o, L, say) for o in evaluation.reviews()),
        matrices=tuple(_matrix(m, L) for m in evaluation.matrices),
        words=_words(L, audience),
    )


def _rows(outcomes: tuple[Outcome, ...], L: Lang, say: Say, audience: Audience) -> Iterator[Row]:
    def walk(outcome: Outcome, depth: int, needed: bool) -> Iterator[Row]:
        failing = outcome.status in (Status.NOT_MET, Status.INCOMPLETE, Status.REVIEW)
        if failing and not needed:
            symbol, en, nl = NOT_NEEDED
            mark = Mark(symbol, L.pick(en, nl), "not_needed")
        else:
            symbol, en, nl = STATUS[outcome.status]
            mark = Mark(symbol, L.pick(en, nl), outcome.status.value)
        open_here = failing and needed
        yield Row(
            depth=depth,
            id=outcome.rule_id,
            title=L.text(outcome.title) if outcome.title else "",
            mark=mark,
            found=say(outcome.found),
            required=say(outcome.required) if open_here else None,
            fix=say(outcome.fix) if open_here and outcome.fix is not None else None,
            source=outcome.source.section if outcome.source is not None else None,
            description=L.text(outcome.description)
            if audience == "assessor" and outcome.description
            else None,
            evidence=outcome.evidence if audience == "assessor" else (),
        )
        for child in outcome.children:
            yield from walk(child, depth + 1, needed and outcome.status is not Status.MET)

    for outcome in outcomes:
        yield from walk(outcome, 0, True)


def _todo(outcomes: tuple[Outcome, ...], say: Say) -> Iterator[str]:
    """What to add, in the order of the framework: at a failed ``one_of`` its own advice (the route
    attempted, then the nearest other), elsewhere the fix of each failing requirement."""
    for outcome in outcomes:
        if outcome.status not in (Status.NOT_MET, Status.INCOMPLETE):
            continue
        if outcome.kind == "one_of" or not outcome.children:
            if outcome.fix is not None:
                yield say(outcome.fix)
            continue
        yield from _todo(outcome.children, say)


def _question(outcome: Outcome, L: Lang, say: Say) -> Question:
    review = outcome.review
    assert review is not None
    judged = tuple(
        f"{j.assessor} ({j.date.isoformat()}): "
        + (L.pick("met", "voldaan") if j.decision is Status.MET else L.pick("not met", "niet voldaan"))
        + f" — {j.rationale}"
        for j in review.judgements
    )
    return Question(
        id=outcome.rule_id,
        title=L.text(outcome.title) if outcome.title else "",
        question=L.text(review.question),
        found=say(outcome.found),
        evidence=outcome.evidence,
        judged=judged,
    )


def _matrix(matrix: Matrix, L: Lang) -> MatrixView:
    rows = []
    for (_, label), cells in zip(matrix.items, matrix.cells, strict=True):
        marks = []
        for cell in cells:
            symbol, en, nl = REVIEW_CELL if matrix.review and cell is Cell.SHOWN else CELLS[cell]
            kind = "review" if matrix.review and cell is Cell.SHOWN else cell.value
            marks.append(Mark(symbol, L.pick(en, nl), kind))
        rows.append((L.text(label), tuple(marks)))
    en, nl = VOCABULARY_TITLES.get(matrix.vocabulary, (matrix.vocabulary, matrix.vocabulary))
    note = (
        L.pick(
            f"Read by {', '.join(matrix.rules)}; what is shown awaits the assessor's judgement.",
            f"Gelezen door {', '.join(matrix.rules)}; wat is aangetoond wacht op het oordeel van de assessor.",
        )
        if matrix.review
        else L.pick(f"Read by {', '.join(matrix.rules)}.", f"Gelezen door {', '.join(matrix.rules)}.")
    )
    columns = tuple(title or case_id for case_id, title in matrix.cases)
    return MatrixView(
        L.pick(en, nl) + L.pick(" × cases", " × casussen"), matrix.vocabulary, columns, tuple(rows), note
    )


def _words(L: Lang, audience: Audience) -> dict[str, str]:
    candidate = audience == "candidate"
    return {
        "title": L.pick("Assessment report", "Beoordelingsrapport")
        if not candidate
        else L.pick("Portfolio report", "Portfoliorapport"),
        "verdict": L.pick("Verdict", "Oordeel"),
        "candidate": L.pick("Candidate", "Kandidaat"),
        "framework": L.pick("Quality mark", "Keurmerk"),
        "version": L.pick("version", "versie"),
        "source": L.pick("Source", "Bron"),
        "as_of": L.pick("Evaluated as of", "Beoordeeld per"),
        "portfolio": L.pick("Portfolio file", "Portfoliobestand"),
        "requirements": L.pick("Requirements", "Eisen"),
        "requirement": L.pick("Requirement", "Eis"),
        "status": L.pick("Status", "Status"),
        "found": L.pick("Finding", "Bevinding"),
        "fix": L.pick("What to do", "Wat te doen"),
        "needed": L.pick("needed", "nodig"),
        "section": L.pick("Source section", "Bronsectie"),
        "todo": L.pick("What to do", "Wat te doen")
        if candidate
        else L.pick("What the candidate still has to do", "Wat de kandidaat nog moet doen"),
        "todo_none": L.pick(
            "Nothing: every requirement a machine checks is met.",
            "Niets: aan elke eis die een machine toetst is voldaan.",
        ),
        "questions": L.pick("Questions for the assessor", "Vragen voor de assessor"),
        "question": L.pick("Question", "Vraag"),
        "evidence": L.pick("Evidence", "Bewijs"),
        "judged": L.pick("Judged so far", "Tot nu toe beoordeeld"),
        "judgement": L.pick("Judgement", "Oordeel"),
        "decision": L.pick("☐ met   ☐ not met", "☐ voldaan   ☐ niet voldaan"),
        "assessor": L.pick("Assessor, date", "Assessor, datum"),
        "rationale": L.pick("Rationale", "Motivering"),
        "matrices": L.pick("Coverage", "Dekking"),
        "item": L.pick("Item", "Onderdeel"),
        "legend": L.pick("Legend", "Legenda"),
    }


def legend(lang: str) -> tuple[Mark, ...]:
    """The marks of the matrices, explained (for the legend under them)."""
    L = Lang(lang, lang)
    marks = [Mark(s, L.pick(en, nl), c.value) for c, (s, en, nl) in CELLS.items() if c is not Cell.ANSWERED]
    s, en, nl = REVIEW_CELL
    return (*marks, Mark(s, L.pick(en, nl), "review"))
