"""Compiling a framework document into typed rule objects.

The compiler checks what the shape models cannot: that every id a rule,
answer or condition names exists (with a "did you mean"), that ids are
unique, that no rule asks the impossible, and that texts use the declared
languages. It collects every problem of the file before raising.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from qualmark.catalogue import QuestionCatalogue, load_catalogue
from qualmark.errors import FrameworkError, LoadError, Problem
from qualmark.explain import SourceRef
from qualmark.inert import comparable, hidden_character, inert, quote, shorten, written
from qualmark.model.framework import (
    BLOCKS,
    VOCABULARIES,
    AnswerDetail,
    Block,
    FieldDef,
    FrameworkDocument,
    LevelRef,
    Levels,
    RequirementNode,
    keys_at,
)
from qualmark.model.text import texts_in
from qualmark.rules import RULE_KINDS
from qualmark.rules.base import Rule, RuleHeader
from qualmark.salvage import salvage
from qualmark.scales import build_scales, shipped_scales
from qualmark.semantics import contradictions
from qualmark.shape import problems_from_validation
from qualmark.source import Path, SourceMap, Span
from qualmark.suggest import choices_hint, did_you_mean
from qualmark.vocabulary import Catalogues, EvidenceKindInfo, FieldInfo, Vocabulary

# Names every evidence item and every case has already (docs/portfolio.md): a framework
# cannot declare them again.
_EVIDENCE_KEYS = {
    name: "a field of every evidence item"
    for name in ("id", "kind", "title", "issuer", "issued", "document", "note")
}
_CASE_KEYS = {
    name: "a part of every case"
    for name in ("id", "title", "period", "summary", "demonstrates", "not_relevant", "reflections")
}

# Keys that qualify a rule kind; each kind lists the ones it takes in MODIFIERS.
_MODIFIERS = {
    "where",
    "max_age",
    "count",
    "across",
    "all",
    "including",
    "electives",
    "not_relevant",
    "per",
}


class CompileContext:
    """State of one compilation: the document, positions, and the problems found."""

    def __init__(
        self, document: FrameworkDocument, smap: SourceMap, withdrawn: frozenset[str] = frozenset()
    ) -> None:
        self.document = document
        self.smap = smap
        # ids of list items left out for their shape problems (see qualmark.salvage): naming one is no error
        self.withdrawn = withdrawn
        self.problems: list[Problem] = []
        self.scales = build_scales(document.scales, shipped_scales(), self.error)
        self.catalogues = self._build_catalogues()
        self._rule_ids: dict[str, Path] = {}

    # -- reporting ---------------------------------------------------------------------------

    def error(self, path: Path, message: str, hint: str | None = None, *, key: bool = False) -> None:
        self.problems.append(Problem(message, self.smap.span(path, key=key), hint=hint))

    def unknown(
        self,
        path: Path,
        what: str,
        name: str,
        candidates: Iterable[str],
        *,
        where: str = "",
        key: bool = False,
    ) -> None:
        """Report an id that names nothing, with a did-you-mean or the choices."""
        if name in self.withdrawn:
            return
        self.error(path, f"unknown {what} {quote(name)}{where}", choices_hint(name, candidates), key=key)

    # -- lists -------------------------------------------------------------------------------

    def _unique(self, items: Iterable[Any], path: Path, what: str) -> dict[str, Any]:
        by_id: dict[str, Any] = {}
        for i, item in enumerate(items):
            if item.id in by_id:
                self.error((*path, i, "id"), f"{what} id '{item.id}' is used twice", "give each a unique id")
            by_id[item.id] = item
        return by_id

    def _build_catalogues(self) -> Catalogues:
        profile, testing = self.document.profile, self.document.testing
        vocabularies = {
            name: Vocabulary(
                name, tuple(self._unique(getattr(profile, name), ("profile", name), name).values())
            )
            for name in VOCABULARIES
        }
        kinds = {}
        for i, kind in enumerate(testing.evidence_kinds):
            fields = self._fields(kind.fields, ("testing", "evidence_kinds", i, "fields"), _EVIDENCE_KEYS)
            kinds[kind.id] = EvidenceKindInfo(kind.id, kind.label, fields)
        self._unique(testing.evidence_kinds, ("testing", "evidence_kinds"), "evidence kind")
        return Catalogues(
            vocabularies=vocabularies,
            evidence_kinds=kinds,
            activities=self._unique(
                testing.experience_activities, ("testing", "experience_activities"), "activity"
            ),
            case_fields=self._fields(testing.case_fields, ("testing", "case_fields"), _CASE_KEYS),
            elements=self._unique(
                testing.portfolio_elements, ("testing", "portfolio_elements"), "portfolio element"
            ),
            declarations=self._unique(testing.declarations, ("testing", "declarations"), "declaration"),
            scales=self.scales,
        )

    def _fields(
        self, definitions: Mapping[str, FieldDef], path: Path, reserved: Mapping[str, str]
    ) -> dict[str, FieldInfo]:
        """Typed fields by name, each name one a reader can tell from the others and from ``reserved``."""
        fields = {name: FieldInfo.from_def(name, d) for name, d in definitions.items()}
        first_of: dict[str, str] = {}  # the first name of each reading
        for name, info in fields.items():
            same = comparable(name)
            if same in reserved:
                what = reserved[same] if same == name else f"read as {quote(same)}, {reserved[same]}"
                self.error((*path, name), f"{quote(name)} is {what}; do not declare it", key=True)
                continue
            first = first_of.setdefault(same, name)
            if not self.check_name((*path, name), "field name", name) and first != name:
                self.error(
                    (*path, name),
                    f"the field name {quote(name)} reads the same as {quote(first)}",
                    "rename one of them",
                    key=True,
                )
            if info.values is not None and info.type != "text":
                self.error((*path, name), "'values' only applies to text fields")
            self._values(info.values or (), (*path, name, "values"))
            self._value_labels(info, (*path, name, "value_labels"))
            if info.scale is not None and not self._scale_applies(info, (*path, name, "scale")):
                fields[name] = replace(info, scale=None)
        return fields

    def _scale_applies(self, info: FieldInfo, path: Path) -> bool:
        """`scale:` binds a level field to a scale the framework knows (shipped or its own)."""
        if info.type != "level":
            self.error(path, "'scale' only applies to level fields", key=True)
            return False
        if info.scale not in self.scales.scales:
            self.unknown(path, "scale", str(info.scale), self.scales.scales)
            return False
        return True

    def _values(self, values: Iterable[str], path: Path) -> None:
        """The values a text field allows: each one a reader can tell from the others."""
        first_of: dict[str, str] = {}
        for j, value in enumerate(values):
            first = first_of.setdefault(comparable(value), value)
            if not self.check_name((*path, j), "value", value, key=False) and first != value:
                self.error(
                    (*path, j),
                    f"the value {quote(value)} reads the same as {quote(first)}",
                    "keep one of them: a portfolio could not tell them apart",
                )

    def _value_labels(self, info: FieldInfo, path: Path) -> None:
        """Labels word listed values: each names one of the field's ``values``."""
        if not info.value_labels:
            return
        if info.values is None:
            self.error(
                path,
                "'value_labels' words the listed values of a field, and this one lists none",
                "add values: [...] with the values these labels are for",
                key=True,
            )
            return
        for value in info.value_labels:
            if value not in info.values:
                self.unknown(
                    (*path, value),
                    "value",
                    value,
                    info.values,
                    where=f" of field {quote(info.name)}",
                    key=True,
                )

    def check_name(self, path: Path, what: str, name: str, *, key: bool = True) -> bool:
        """Refuse a name or value with a character a reader cannot see, or not in Unicode's NFC form.

        True when it was refused.
        """
        if not name.strip():
            self.error(path, f"the {what} {quote(name)} is empty", f"give the {what} a name", key=key)
            return True
        hidden = hidden_character(name)
        if hidden is not None:
            self.error(
                path,
                f"the {what} {quote(name)} holds an invisible character ({inert(hidden)})",
                "delete it (most editors do not show it)",
                key=key,
            )
            return True
        if unicodedata.normalize("NFC", name) != name:
            marks = ", ".join(f"U+{ord(c):04X}" for c in name if unicodedata.combining(c))
            self.error(
                path,
                f"the {what} {quote(name)} is not in Unicode's composed form (NFC): "
                f"it writes an accent as a character of its own ({marks})",
                "retype it, or save the file with composed characters (NFC)",
                key=key,
            )
            return True
        return False

    def vocabulary(self, path: Path, name: str) -> Vocabulary | None:
        vocabulary = self.catalogues.vocabularies.get(name)
        if vocabulary is None:
            self.unknown(path, "vocabulary", name, VOCABULARIES)
        elif not vocabulary.items:
            self.error(path, f"the profile defines no {name}", f"add profile.{name}")
            return None
        return vocabulary

    def resolve_ids(self, path: Path, what: str, ids: Iterable[str], known: Iterable[str]) -> bool:
        """Report every id not in ``known``, and any named twice; True when all resolve."""
        pool = list(known)
        ok = True
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id not in pool:
                self.unknown((*path, i), what, item_id, pool)
                ok = False
            elif item_id in seen:
                self.error((*path, i), f"{what} {quote(item_id)} is named twice", "remove one")
            seen.add(item_id)
        return ok

    # -- rules -------------------------------------------------------------------------------

    def rule_path(self, rule_id: str) -> Path:
        """Where the rule with ``rule_id`` was written (its first place, if the id is used twice)."""
        return self._rule_ids.get(rule_id, ("testing", "requirements"))

    def compile_rule(self, node: RequirementNode, path: Path) -> Rule | None:
        if node.id in self._rule_ids:
            self._duplicate_rule(node.id, self._rule_ids[node.id], path)
        self._rule_ids.setdefault(node.id, path)
        fields = type(node).model_fields
        given = [fields[name].alias or name for name in node.model_fields_set]
        kinds = sorted(key for key in given if key in RULE_KINDS)
        if isinstance(node.at_least, int) and "at_least" in kinds and node.demonstrate is not None:
            kinds.remove("at_least")  # `at_least: n` is a selection of `demonstrate`
        if len(kinds) != 1:
            found = ", ".join(kinds) if kinds else "none"
            self.error(
                (*path, "id"),
                f"rule '{node.id}' needs exactly one rule kind, found: {found}",
                "use one of: "
                + ", ".join(sorted(RULE_KINDS))
                + (" (split it into an all_of)" if kinds else ""),
            )
            return None
        kind = RULE_KINDS[kinds[0]]
        stray = [k for k in given if k in _MODIFIERS and k not in kind.MODIFIERS]
        for key in stray:
            self.error((*path, key), f"{quote(key)} does not apply to a '{kind.KEY}' rule", key=True)
        if node.advisory and node.review is not None:
            self.error(
                (*path, "review"),
                "an advisory rule never fails, so an assessor's judgement on it decides nothing",
                "remove advisory or review",
                key=True,
            )
        span = self.smap.span(path)
        header = RuleHeader(
            id=node.id,
            title=node.title,
            source=SourceRef(span.file, span.line, node.source),
            description=node.description,
            advisory=node.advisory,
            review=(node.review.question, node.review.by) if node.review else None,
        )
        return kind.compile(node, header, self, path)

    def _duplicate_rule(self, rule_id: str, first: Path, again: Path) -> None:
        """Report a rule id used twice; a rule repeated through an alias is reported where the alias is."""
        first_line = (self.smap.alias_at(first) or self.smap.span((*first, "id"))).line
        alias = self.smap.alias_at(again)
        if alias is None:
            self.error((*again, "id"), f"rule id {quote(rule_id)} is used twice (first at line {first_line})")
            return
        self.problems.append(
            Problem(
                f"rule {quote(rule_id)} is repeated through an alias (first at line {first_line}), "
                "so its id is used twice",
                alias,
                hint="a rule appears once: anchor and reuse its `where` conditions instead, "
                "or copy the rule with an id of its own",
            )
        )

    def compile_children(self, nodes: list[RequirementNode], path: Path) -> tuple[Rule, ...]:
        rules = [self.compile_rule(child, (*path, i)) for i, child in enumerate(nodes)]
        return tuple(rule for rule in rules if rule is not None)

    # -- answers and texts ---------------------------------------------------------------------

    def check_answers(self, catalogue: QuestionCatalogue) -> None:
        document = self.document
        added_ids: set[str] = set()  # questions the framework adds, in any block
        for block_key, number in BLOCKS.items():
            block: Block = getattr(document, block_key)
            own = catalogue.question_ids(number)
            for question_id, answer in block.answers.items():
                path: Path = (block_key, "answers", question_id)
                if question_id not in own:
                    home = catalogue.block_of(question_id)
                    if home is not None:
                        right = next(k for k, v in BLOCKS.items() if v == home)
                        self.error(
                            path,
                            f"question {question_id} belongs to block {home}",
                            f"move it to {right}.answers",
                            key=True,
                        )
                    else:
                        self.unknown(
                            path, "question", question_id, own, where=f" in block {number}", key=True
                        )
                if isinstance(answer, AnswerDetail):
                    self._check_answer_detail(answer, path)
            for i, added in enumerate(block.questions):
                if (
                    catalogue.block_of(added.id) is not None
                    or added.id in block.answers
                    or added.id in added_ids
                ):
                    self.error(
                        (block_key, "questions", i, "id"),
                        f"question id {quote(added.id)} is already used",
                        "choose another id",
                    )
                added_ids.add(added.id)
                if isinstance(added.answer, AnswerDetail):
                    self._check_answer_detail(added.answer, (block_key, "questions", i, "answer"))

    def _check_answer_detail(self, answer: AnswerDetail, path: Path) -> None:
        given = [k for k in ("answer", "skip") if getattr(answer, k) is not None]
        if answer.skip is not None and (answer.answer is not None or answer.see is not None):
            self.error(path, "a question is either answered or skipped, not both")
        if not given and answer.see is None:
            self.error(path, "an answer needs 'answer', 'skip' or 'see'")
        if answer.see is not None:
            self._check_see(answer.see, (*path, "see"))

    def _check_see(self, target: str, path: Path) -> None:
        """`see:` names a part of this file (a key path like profile.tasks or testing.case_fields.x)."""
        value: Any = self.document
        walked: list[str] = []
        for part in target.split("."):
            if isinstance(value, BaseModel):
                choices = list(type(value).model_fields)
                value = getattr(value, part, None) if part in choices else None
            elif isinstance(value, dict):
                choices = list(value)
                value = value.get(part)
            else:
                choices = []
                value = None
            if value is None and part in choices:  # a part the DSL has, but this file leaves out
                self.error(
                    path, f"{quote(target)} is not filled in", "fill it in, or answer the question in words"
                )
                return
            if value is None:
                choices = [".".join([*walked, c]) for c in choices]
                self.unknown(path, "part of the framework", ".".join([*walked, part]), choices)
                return
            walked.append(part)
        if value in ([], {}) or (isinstance(value, BaseModel) and value == type(value)()):
            self.error(path, f"{quote(target)} is empty", "fill it in, or answer the question in words")

    def check_levels(self) -> None:
        """Level references (``{framework: EstQF, level: 7}``) exist on their scale."""
        document = self.document
        refs: list[tuple[Path, LevelRef]] = []
        for key in ("levels", "entry_level"):
            levels = getattr(document, key)
            if levels is not None and levels.national is not None:
                refs.append(((key, "national", "level"), levels.national))
        for name in VOCABULARIES:
            for i, item in enumerate(getattr(document.profile, name)):
                if item.level is not None:
                    refs.append((("profile", name, i, "level", "level"), item.level))
        for path, ref in refs:
            found = self.scales.named(ref.framework, str(ref.level))
            if isinstance(found, str):  # why there is no such level
                self.error(path, found)
        for key in ("levels", "entry_level"):
            self._check_eqf_agrees(key, getattr(document, key))

    def _check_eqf_agrees(self, key: str, levels: Levels | None) -> None:
        """The EQF level and a national level name levels on a par, where referencings relate them."""
        if levels is None or levels.eqf is None or levels.national is None:
            return
        national = self.scales.named(levels.national.framework, str(levels.national.level))
        eqf = self.scales.named("EQF", str(levels.eqf))
        if isinstance(national, str) or isinstance(eqf, str):
            return  # reported by check_levels
        if self.scales.compare(national, eqf) in (0, None):
            return  # on a par, or no referencing relates them
        equivalent = self.scales.equivalent(national, "eqf")
        self.error(
            (key, "eqf"),
            f"{key}.eqf {levels.eqf} and {key}.national {national} disagree: "
            + (f"{national} corresponds to {equivalent}" if equivalent else f"{national} is not at {eqf}"),
            f"write eqf: {equivalent.id}, or correct the national level"
            if equivalent
            else "correct one of them",
        )

    def check_numbers_read_as_text(self) -> None:
        """An unquoted number that became text must read as written: `version: 1.10` is not "1.1"."""
        for path, as_written in self.smap.numbers_as_written.items():
            value = _value_at(self.document, path)
            if isinstance(value, str) and value != as_written:
                self.error(
                    path,
                    f"YAML reads the unquoted {shorten(as_written)} as the number {shorten(value)}",
                    f"put it in quotes to keep it as written: {quote(as_written)}",
                )

    def check_languages(self) -> None:
        """Every text says something; a multilingual one in declared languages only, and at least one."""
        declared = self.document.languages
        for path, text in texts_in(self.document):
            if isinstance(text, str):
                if not written(text):
                    self.error(path, "this text is empty", "write it, or leave the key out")
                continue
            if not text:
                self.error(path, "this text is given in no language", f"write it as {{{declared[0]}: …}}")
            for lang, words in text.items():
                if not written(words):
                    self.error((*path, lang), "this text is empty", "write it, or leave the language out")
                if lang not in declared:
                    self.error(
                        (*path, lang),
                        f"language {quote(lang)} is not in languages ({', '.join(declared)})",
                        did_you_mean(lang, [*declared, *keys_at(path)])
                        or "add it to languages, or fix the code",
                        key=True,
                    )


def _value_at(document: BaseModel, path: Path) -> Any:
    """The validated value at a path of the file (keys as written, aliases such as `all` included)."""
    value: Any = document
    for part in path:
        if isinstance(value, BaseModel):
            fields = type(value).model_fields
            name = next((n for n, f in fields.items() if part in (n, f.alias)), None)
            value = getattr(value, name) if name else None
        elif isinstance(value, dict | list):
            try:
                value = value[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return None
        else:
            return None
    return value


@dataclass(frozen=True)
class Compiled:
    """What compiling a framework's data gave: every problem, and the rules of the part that is well-formed.

    With shape problems the document is what :func:`~qualmark.salvage.salvage`
    kept of the file (None when nothing could be kept), and ``source_map``
    maps its paths to the file.
    """

    document: FrameworkDocument | None
    catalogues: Catalogues | None
    rules: tuple[Rule, ...]
    source_map: SourceMap
    problems: tuple[Problem, ...]
    changed: frozenset[Span] = frozenset()  # places salvage changed: what is said there may be its effect


def compile_document(data: Any, smap: SourceMap) -> tuple[FrameworkDocument, Catalogues, tuple[Rule, ...]]:
    """Validate and compile a framework's plain data; raise :class:`FrameworkError` with every problem."""
    compiled = compile_all(data, smap)
    if compiled.problems:
        raise FrameworkError(compiled.problems)
    assert compiled.document is not None and compiled.catalogues is not None
    return compiled.document, compiled.catalogues, compiled.rules


def compile_all(data: Any, smap: SourceMap) -> Compiled:
    """Validate and compile a framework's plain data, finding its shape and reference problems in one pass."""
    if not isinstance(data, dict):
        raise FrameworkError(
            [Problem("a framework file is a mapping of keys (qualmark, id, title, …)", smap.span(()))]
        )
    if "qualmark_portfolio" in data and "qualmark" not in data:  # arguments given the wrong way round
        raise LoadError(
            [
                Problem(
                    "this looks like a portfolio (it has qualmark_portfolio), not a framework file",
                    smap.span(()),
                    hint="the framework comes first: qualmark check FRAMEWORK PORTFOLIO...",
                )
            ]
        )
    try:
        document = FrameworkDocument.model_validate(data)
    except ValidationError as exc:
        shape = problems_from_validation(exc, data, smap)
        rescued = salvage(data, smap)
        if rescued is None:
            return Compiled(None, None, (), smap, tuple(shape))
        cc, rules = _compile(rescued.document, rescued.source_map, rescued.withdrawn)
        found = [*shape, *(p for p in cc.problems if rescued.keeps(p))]
        return Compiled(
            rescued.document, cc.catalogues, rules, rescued.source_map, tuple(found), rescued.changed
        )
    cc, rules = _compile(document, smap)
    return Compiled(document, cc.catalogues, rules, smap, tuple(cc.problems))


def _compile(
    document: FrameworkDocument, smap: SourceMap, withdrawn: frozenset[str] = frozenset()
) -> tuple[CompileContext, tuple[Rule, ...]]:
    cc = CompileContext(document, smap, withdrawn)
    cc.check_numbers_read_as_text()
    cc.check_levels()
    cc.check_answers(load_catalogue())
    cc.check_languages()
    cc.resolve_ids(("languages",), "language", document.languages, document.languages)
    rules = cc.compile_children(document.testing.requirements, ("testing", "requirements"))
    if document.valid_from and document.valid_until and document.valid_from > document.valid_until:
        cc.error(("valid_until",), "valid_until is before valid_from")
    for found in contradictions(rules):
        cc.error((*cc.rule_path(found.about), "id"), found.message, found.hint)
    return cc, rules
