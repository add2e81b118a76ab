"""The blank QUAL-IM-G framework: every catalogue question, none answered.

``frameworks/qual-im-g-template.yaml`` is this module's output; ``qualmark new``
prints it. The question texts stand as comments above their ids so the person
filling it in reads each question where they answer it.
"""

from __future__ import annotations

import textwrap

from qualmark.catalogue import Section, load_catalogue

_HEADER = """\
# yaml-language-server: $schema=../schemas/framework.schema.json
#
# QUAL-IM-G framework template: every question of the Certification development
# framework (Erasmus+ QUAL-IM-G), unanswered. Answer a question by replacing `~`
# with text, skip it with {skip: "reason"}, or point to structured data with
# {see: profile.tasks}. Add your own questions under `questions:` of a block.
# The eligibility rules go under testing.requirements (see docs/dsl.md).
qualmark: 1
id: {id}
uri: urn:qualmark:framework:{id}
version: "0.1"
title: {en: "Name of the quality mark"}
languages: [en]
source: {title: "The document this framework encodes"}
# Where the source names them: who awards the quality mark, and who approved the standard.
# issuer: {name: "Awarding body"}
# approved_by: {name: "Approving body", decision: "number of the decision", date: 2024-01-31}
"""


def _comment(text: str, indent: str) -> list[str]:
    return [
        f"{indent}# {line}"
        for line in textwrap.wrap(
            text, width=96 - len(indent), break_on_hyphens=False, break_long_words=False
        )
    ]


def _questions(section: Section, indent: str) -> list[str]:
    lines = []
    for question in section.questions:
        lines.extend(_comment(question.text, indent))
        lines.append(f"{indent}{question.id}: ~")
    return lines


def _text(value: str, languages: tuple[str, ...]) -> str:
    """``{en: "…", nl: "…"}``: the same placeholder in every language, to be translated."""
    return "{" + ", ".join(f'{lang}: "{value}"' for lang in languages) + "}"


def _starter(key: str, languages: tuple[str, ...]) -> list[str]:
    """A minimal profile and one requirement, to be replaced, so that a new file validates as written."""
    if key == "profile":
        return [
            "  # The professional profile: replace this task and add the others (docs/dsl.md).",
            "  tasks:",
            f"    - {{id: task-1, label: {_text('First task of the profession (replace)', languages)}, "
            'source: "Section of the source"}',
        ]
    if key == "testing":
        return [
            "  # What a portfolio holds and the eligibility rules: replace this declaration and rule.",
            "  declarations:",
            f"    - {{id: code-of-conduct, text: {_text('I follow the code of conduct (replace)', languages)}, "
            'source: "Section of the source"}',
            "  requirements:",
            "    - id: R1",
            f"      title: {_text('First requirement (replace)', languages)}",
            '      source: "Section of the source"',
            "      declarations: [code-of-conduct]",
        ]
    return []


def render_template(
    framework_id: str = "my-quality-mark",
    languages: tuple[str, ...] = ("en",),
    schema: str = "../schemas/framework.schema.json",
    starter: bool = False,
) -> str:
    """The template as YAML text, for a framework with the given id.

    ``starter`` adds a minimal profile and one requirement (``qualmark new``);
    ``schema`` is the modeline's path to the framework-file schema.
    """
    header = _HEADER.replace("{id}", framework_id).replace("../schemas/framework.schema.json", schema)
    header = header.replace(
        'title: {en: "Name of the quality mark"}', f"title: {_text('Name of the quality mark', languages)}"
    )
    header = header.replace("languages: [en]", f"languages: [{', '.join(languages)}]")
    lines = [header]
    for block in load_catalogue().blocks:
        lines.append(f"# Building block {block.id}: {block.title}")
        lines.append(f"{block.key}:")
        if starter:
            lines.extend(_starter(block.key or "", languages))
        lines.append("  answers:")
        lines.extend(_questions(block, "    "))
        for sub in block.sub_blocks:
            lines.append("")
            lines.append(f"    # Sub-block {sub.id}: {sub.title}")
            lines.extend(_questions(sub, "    "))
        lines.append("")
    return "\n".join(lines)
