"""How far a framework answers the QUAL-IM-G questions: answered, skipped (with the reason), open.

Counted over the question catalogue (215 questions in seven building
blocks and their sub-blocks): a question is *answered* when the framework
gives an answer (or points with ``see:`` to where it answers it),
*skipped* when it says why it does not, and *open* otherwise (left out, or
written as ``~``). Questions a framework adds to a block are its own and not
counted. The result is data; :mod:`qualmark.report.progress` renders it.
"""

from __future__ import annotations

from dataclasses import dataclass

from qualmark.catalogue import QuestionCatalogue, Section, load_catalogue
from qualmark.model.framework import BLOCKS, Answer, AnswerDetail, FrameworkDocument
from qualmark.model.text import Text


@dataclass(frozen=True, slots=True)
class QuestionState:
    id: str
    text: str
    state: str  # "answered" | "skipped" | "open"
    reason: Text | None = None  # why it was skipped
    answer: Text | None = None  # the framework's answer (the handbook shows it)
    see: str | None = None  # where in the file the structured answer is (``profile.tasks``)
    source: str | None = None  # the section of the source document the answer comes from


def question_state(question_id: str, text: str, answer: Answer) -> QuestionState:
    """Where one question stands, given the framework's answer to it (None: none given)."""
    if isinstance(answer, AnswerDetail):
        if answer.skip is not None:
            return QuestionState(question_id, text, "skipped", answer.skip, source=answer.source)
        state = "answered" if answer.answer is not None or answer.see is not None else "open"
        return QuestionState(question_id, text, state, None, answer.answer, answer.see, answer.source)
    if answer is None:
        return QuestionState(question_id, text, "open")
    return QuestionState(question_id, text, "answered", answer=answer)


@dataclass(frozen=True, slots=True)
class SectionProgress:
    """A building block or sub-block: its own questions and its sub-blocks'."""

    id: str
    title: str
    questions: tuple[QuestionState, ...]
    sub_blocks: tuple[SectionProgress, ...] = ()

    def all(self) -> tuple[QuestionState, ...]:
        return self.questions + tuple(q for sub in self.sub_blocks for q in sub.all())

    def count(self, state: str) -> int:
        return sum(q.state == state for q in self.all())

    @property
    def total(self) -> int:
        return len(self.all())

    @property
    def percent(self) -> float:
        """Answered or skipped, of all."""
        return 100.0 if not self.total else 100.0 * (self.total - self.count("open")) / self.total


@dataclass(frozen=True, slots=True)
class Progress:
    framework: str
    blocks: tuple[SectionProgress, ...]

    def count(self, state: str) -> int:
        return sum(b.count(state) for b in self.blocks)

    @property
    def total(self) -> int:
        return sum(b.total for b in self.blocks)

    @property
    def percent(self) -> float:
        return 100.0 if not self.total else 100.0 * (self.total - self.count("open")) / self.total

    def summary(self) -> str:
        """``answered 32, skipped 4, open 179 of 215``."""
        return (
            f"answered {self.count('answered')}, skipped {self.count('skipped')}, "
            f"open {self.count('open')} of {self.total}"
        )


def progress(document: FrameworkDocument, catalogue: QuestionCatalogue | None = None) -> Progress:
    """Where the framework stands on every question of the catalogue."""
    catalogue = catalogue or load_catalogue()
    answers: dict[str, Answer] = {}
    for key in BLOCKS:
        answers.update(getattr(document, key).answers)

    def section(s: Section) -> SectionProgress:
        states = tuple(question_state(q.id, q.text, answers.get(q.id)) for q in s.questions)
        return SectionProgress(s.id, s.title, states, tuple(map(section, s.sub_blocks)))

    return Progress(document.id, tuple(section(b) for b in catalogue.blocks))
