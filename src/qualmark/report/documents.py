"""Reports as documents: Markdown (CommonMark) and one self-contained HTML file, from Jinja2 templates.

Both draw :class:`~qualmark.report.page.Page` s. Every value placed in a
template passes the environment's ``finalize``: made inert (controls and
invisible characters escaped, :func:`~qualmark.inert.inert`) and, for
Markdown, with the characters that would start markup escaped; HTML is
autoescaped on top. So nothing a portfolio or framework says can change a
report's structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined

from qualmark.errors import QualmarkError
from qualmark.evaluate import Evaluation
from qualmark.files import real_path
from qualmark.framework import Framework
from qualmark.inert import inert
from qualmark.messages import Lang, fallback_notice
from qualmark.report.handbook import handbook
from qualmark.report.page import Audience, Page, page

# Inline markup in CommonMark: emphasis, code, links and images, raw HTML and entities, table cells.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")


def _plain(value: Any) -> str:
    return inert(str(value)) if value is not None else ""


def markdown_text(value: Any) -> str:
    r"""A value as Markdown shows it literally, on one line.

    >>> markdown_text("*B1* | <b>")
    '\\*B1\\* \\| \\<b\\>'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _plain(value))


def _environment(markdown: bool) -> Environment:
    return Environment(
        loader=PackageLoader("qualmark.report", "templates"),
        autoescape=not markdown,
        finalize=markdown_text if markdown else _plain,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


_ENVIRONMENTS = {"markdown": _environment(True), "html": _environment(False)}
_TEMPLATES = {"markdown": "evaluation.md.j2", "html": "evaluation.html.j2"}
_INDEXES = {"markdown": "index.md.j2", "html": "index.html.j2"}
_TEMPLATE_SUFFIXES = {"markdown": ".md.j2", "html": ".html.j2"}
SUFFIXES = {"markdown": ".md", "html": ".html"}
FORMATS = tuple(_TEMPLATES)


def document(
    format: str,
    pages: Sequence[Page],
    failures: Sequence[tuple[str, Sequence[str]]] = (),
    lang: str = "en",
) -> str:
    """One Markdown or HTML document of ``pages`` (and of the portfolios that could not be checked)."""
    words = _words(lang)
    template = _ENVIRONMENTS[format].get_template(_TEMPLATES[format])
    title = Lang(lang, lang).pick("Portfolio reports", "Portfoliorapporten")
    return template.render(
        pages=pages, failures=failures, words=words, title=title, lang=lang, notice=fallback_notice(lang)
    )


def _words(lang: str) -> dict[str, str]:
    L = Lang(lang, lang)
    return {
        "not_checked": L.pick(
            "Portfolios that could not be checked", "Portfolio's die niet te toetsen waren"
        ),
        "candidate": L.pick("Candidate", "Kandidaat"),
        "verdict": L.pick("Verdict", "Oordeel"),
        "report": L.pick("Report", "Rapport"),
    }


def render(
    evaluation: Evaluation, format: str, lang: str | None = None, audience: Audience = "candidate"
) -> str:
    """The report of one evaluation as a Markdown or HTML document."""
    one = page(evaluation, lang, audience)
    return document(format, [one], lang=one.lang)


def render_handbook(framework: Framework, format: str, lang: str | None = None) -> str:
    """The framework's handbook (``qualmark docs``) as a Markdown or HTML document."""
    book = handbook(framework, lang)
    template = _ENVIRONMENTS[format].get_template(f"handbook{_TEMPLATE_SUFFIXES[format]}")
    return template.render(h=book, notice=fallback_notice(book.lang))


class DocumentReport:
    """``check --format markdown|html``: every portfolio of the run in one document, written at the end."""

    def __init__(self, stream: TextIO, lang: str | None, format: str, audience: Audience) -> None:
        self.stream, self.lang, self.format, self.audience = stream, lang, format, audience
        self.pages: list[Page] = []
        self.failures: list[tuple[str, list[str]]] = []

    def evaluation(self, evaluation: Evaluation) -> None:
        self.pages.append(page(evaluation, self.lang, self.audience))

    def failure(self, file: str, error: QualmarkError) -> None:
        self.failures.append((file, [str(p) for p in error.problems]))

    def close(self) -> None:
        lang = self.pages[0].lang if self.pages else self.lang or "en"
        self.stream.write(document(self.format, self.pages, self.failures, lang))


class FolderReport:
    """``check --format markdown|html --out FOLDER``: a file per portfolio, written as soon as it is
    evaluated, and ``index.md`` / ``index.html`` listing them at the end."""

    def __init__(
        self, folder: Path, lang: str | None, format: str, audience: Audience, keep: Iterable[Path] = ()
    ) -> None:
        self.folder, self.lang, self.format, self.audience = folder, lang, format, audience
        self.entries: list[tuple[Page, str]] = []
        self.failures: list[tuple[str, list[str]]] = []
        self.names: set[str] = {"index"}
        self.keep = {real_path(path) for path in keep} - {None}  # the inputs: never written over

    def evaluation(self, evaluation: Evaluation) -> None:
        one = page(evaluation, self.lang, self.audience)
        name = self._name(evaluation.portfolio_file or evaluation.candidate)
        (self.folder / name).write_text(document(self.format, [one], lang=one.lang), encoding="utf-8")
        self.entries.append((one, name))

    def failure(self, file: str, error: QualmarkError) -> None:
        self.failures.append((file, [str(p) for p in error.problems]))

    def close(self) -> None:
        lang = self.entries[0][0].lang if self.entries else self.lang or "en"
        L = Lang(lang, lang)
        index = (
            _ENVIRONMENTS[self.format]
            .get_template(_INDEXES[self.format])
            .render(
                entries=self.entries,
                failures=self.failures,
                words=_words(lang),
                title=L.pick("Portfolio reports", "Portfoliorapporten"),
                lang=lang,
                notice=fallback_notice(lang),
            )
        )
        (self.folder / ("index" + SUFFIXES[self.format])).write_text(index, encoding="utf-8")

    def _kept(self, file_name: str) -> bool:
        """Whether a file of that name in the folder is one the report must not write over (an input)."""
        return real_path(self.folder / file_name) in self.keep

    def _name(self, source: str) -> str:
        """A file name of the portfolio's own (letters, digits, '.', '-', '_'), unique in the folder."""
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(source).stem).strip(".-") or "portfolio"
        name, n = stem, 1
        while name.casefold() in self.names or self._kept(name + SUFFIXES[self.format]):
            n += 1
            name = f"{stem}-{n}"
        self.names.add(name.casefold())
        return name + SUFFIXES[self.format]
