"""The QUAL-IM-G question catalogue shipped with qualmark.

Every question of the seven building blocks and their sub-blocks of the
*Certification development framework*, with stable ids (``Q1-1``,
``Q4.1-3``). Frameworks answer questions by these ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    block: str  # "1" … "7"
    sub_block: str | None  # "4.1" …, or None for a block's own questions


@dataclass(frozen=True, slots=True)
class Section:
    """A building block or a sub-block."""

    id: str
    title: str
    key: str | None  # the framework-file key of a building block (fundamentals, …)
    questions: tuple[Question, ...]
    sub_blocks: tuple[Section, ...] = ()

    def all_questions(self) -> tuple[Question, ...]:
        return self.questions + tuple(q for sub in self.sub_blocks for q in sub.questions)


@dataclass(frozen=True, slots=True)
class QuestionCatalogue:
    source: str
    blocks: tuple[Section, ...]

    def block(self, number: str) -> Section:
        return next(b for b in self.blocks if b.id == number)

    def question_ids(self, block: str) -> tuple[str, ...]:
        """Ids of a block's questions, its sub-blocks' included."""
        return tuple(q.id for q in self.block(block).all_questions())

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for b in self.blocks for q in b.all_questions())

    def get(self, question_id: str) -> Question | None:
        return self._index().get(question_id)

    def block_of(self, question_id: str) -> str | None:
        question = self.get(question_id)
        return question.block if question else None

    def _index(self) -> dict[str, Question]:
        return _index(self)


@cache
def _index(catalogue: QuestionCatalogue) -> dict[str, Question]:
    return {q.id: q for q in catalogue.questions()}


def _section(raw: dict[str, Any], block: str, sub: str | None, key: str | None) -> Section:
    questions = tuple(Question(str(q["id"]), str(q["text"]), block, sub) for q in raw.get("questions", []))
    subs = tuple(_section(s, block, str(s["id"]), None) for s in raw.get("sub_blocks", []))
    return Section(str(raw["id"]), str(raw["title"]), key, questions, subs)


@cache
def load_catalogue() -> QuestionCatalogue:
    """The catalogue shipped in the package (read once)."""
    text = resources.files(__package__).joinpath("questions.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=yaml.CSafeLoader)  # libyaml: the shipped catalogue, read on every start
    blocks = tuple(_section(b, str(b["id"]), None, str(b["key"])) for b in raw["blocks"])
    return QuestionCatalogue(str(raw["source"]), blocks)
