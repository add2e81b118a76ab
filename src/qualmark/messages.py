"""The message catalogue: outcome messages as English and Dutch sentences.

Outcomes carry :class:`~qualmark.explain.Message` data (a key and its
parameters); :func:`render` makes the sentence in a language at the last
moment. Numbers are written the way each language writes them ("1,200" /
"1.200"). In languages other than English and Dutch, qualmark's own words are
English (and a report says so, :func:`fallback_notice`); the framework's texts
inside a sentence stay in the language asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from qualmark.explain import Message
from qualmark.inert import quote
from qualmark.model.text import text_in

LANGUAGES = ("en", "nl")
"""The languages of qualmark's own sentences (this catalogue). In any other language a report gives the
framework's texts in that language and these sentences in English, and says so once at its top
(:func:`fallback_notice`)."""


def language_problem(requested: str, declared: Sequence[str], fallback: bool = False) -> str | None:
    """Why a report cannot be written in ``requested`` for a framework that ``declared`` its languages.

    None when it can: the framework has texts in it, and qualmark has sentences in it (or
    ``fallback`` allows English ones).

    >>> print(language_problem("de", ["nl", "en"]))
    the framework has no texts in 'de': it is written in nl, en (use --lang nl or --lang en)
    >>> print(language_problem("et", ["et", "en"]))
    qualmark's messages are not written in 'et' (they are in en, nl): use --lang en, or --lang-fallback for the framework's texts in et with qualmark's messages in English
    >>> language_problem("et", ["et", "en"], fallback=True) is None
    True
    """
    if requested not in declared:
        choices = " or ".join(f"--lang {lang}" for lang in declared)
        return f"the framework has no texts in {quote(requested)}: it is written in {', '.join(declared)} (use {choices})"
    if requested in LANGUAGES or fallback:
        return None
    usable = [lang for lang in declared if lang in LANGUAGES]
    use = f"use --lang {' or '.join(usable)}, or " if usable else "use "
    return (
        f"qualmark's messages are not written in {quote(requested)} (they are in {', '.join(LANGUAGES)}): "
        f"{use}--lang-fallback for the framework's texts in {requested} with qualmark's messages in English"
    )


def fallback_notice(lang: str) -> str | None:
    """What a report in ``lang`` says at its top when qualmark's sentences in it are English ones."""
    if lang in LANGUAGES:
        return None
    return (
        f"The framework's texts are in {lang}; qualmark's own messages are in English "
        f"(there is no catalogue for {lang})."
    )


_OPS = {"eq": "=", "min": "≥", "max": "≤"}


@dataclass(frozen=True, slots=True)
class Lang:
    """Formatting helpers for one language (with a fallback language for framework texts)."""

    code: str
    fallback: str

    def pick(self, en: str, nl: str) -> str:
        return nl if self.code == "nl" else en

    def count(self, n: int, noun: Mapping[str, tuple[str, str]]) -> str:
        """``n`` with its noun in singular or plural: ``1 case``, ``2 casussen``."""
        one, many = noun["nl" if self.code == "nl" else "en"]
        return f"{self.num(n)} {one if n == 1 else many}"

    def num(self, value: Any) -> str:
        if type(value) is int:  # the usual case: a count
            text = f"{value:,}"
        elif not isinstance(value, int | float) or isinstance(value, bool):
            return str(value)
        else:
            whole = float(value).is_integer()
            # As written, never rounded to a neighbour: 99.96 hours is not "100.0" of 100. (Sums and
            # differences are worked out in decimal, so they carry no float noise to show.)
            text = f"{value:,.0f}" if whole else f"{value:,}"
        if self.code == "nl" and ("," in text or "." in text):
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text

    def text(self, value: Any) -> str:
        if isinstance(value, str):  # the usual case, without the checks below
            return value
        # a Text (a dict is told apart before the slower test for any mapping)
        if (
            (type(value) is dict or isinstance(value, Mapping))
            and value
            and all(isinstance(v, str) for v in value.values())
        ):
            return text_in(value, self.code, self.fallback)  # type: ignore[arg-type]
        return self.value(value)

    def value(self, value: Any) -> str:
        if value is True:
            return self.pick("yes", "ja")
        if value is False:
            return self.pick("no", "nee")
        if isinstance(value, list):  # an empty list states *none*
            return ", ".join(self.text(v) for v in value) or self.pick("none", "geen")
        if isinstance(value, Mapping):
            return self.duration(value)
        return self.num(value)

    def join(self, items: list[Any], empty: str = "—") -> str:
        return ", ".join(self.text(i) for i in items) if items else empty

    def more(self, p: Mapping[str, Any], name: str) -> str:
        """' and 12 more' when a list of the portfolio's was cut short in ``p`` (see rules.base.listed)."""
        n = p.get(f"{name}_more", 0)
        return self.pick(f" and {self.num(n)} more", f" en nog {self.num(n)}") if n else ""

    def duration(self, value: Mapping[str, int]) -> str:
        names = {
            "years": ("year", "years", "jaar", "jaar"),
            "months": ("month", "months", "maand", "maanden"),
            "days": ("day", "days", "dag", "dagen"),
        }
        parts = []
        for key, (en1, en2, nl1, nl2) in names.items():
            n = value.get(key)
            if n:
                parts.append(f"{n} " + self.pick(en1 if n == 1 else en2, nl1 if n == 1 else nl2))
        return ", ".join(parts) or "0"

    def condition(self, c: Mapping[str, Any]) -> str:
        """A condition in words; values in the framework's words (``value_shown``) where it has them."""
        field, op, value = (
            self.text(c.get("label") or c["field"]),
            c["op"],
            c.get("value_shown", c.get("value")),
        )
        if op == "recency":
            return self.text(c.get("label") or c["field"]) + " " + _recency(c, self)
        if op == "max_age":
            age = self.duration(value or {})
            text = self.pick(f"at most {age} old", f"maximaal {age} oud")
            if "actual" in c and "oldest" in c:  # the decisive dates
                on = c.get("as_of")
                return text + self.pick(
                    f": issued {c['actual']}, more than {age} before {on or 'the evaluation date'}"
                    f" (issued on or after {c['oldest']} needed)",
                    f": uitgegeven {c['actual']}, meer dan {age} voor {on or 'de beoordelingsdatum'}"
                    f" (uitgegeven op of na {c['oldest']} nodig)",
                )
        elif op == "in":
            options = self.pick(" or ", " of ").join(self.text(v) for v in value or [])
            text = self.pick(f"{field}: {options}", f"{field}: {options}")
        elif op == "present":
            text = self.pick(f"{field} stated", f"{field} vermeld")
        else:
            text = f"{field} {_OPS[op]} {self.text(value)}"
        if "actual" in c:
            why = f"; {self.undecided(c['why'])}" if c.get("why") else ""
            actual = c.get("actual_shown", c["actual"])
            text += self.pick(" (found: ", " (gevonden: ") + self.text(actual) + why + ")"
        return text

    def undecided(self, why: Mapping[str, Any]) -> str:
        """Why a level could not be compared (qualmark.scales.Scales.undecided), naming the comparable scales."""
        scale, others = why["scale"], ", ".join(why["comparable"])
        if why["linked"]:
            head = self.pick(
                f"no declared equivalence decides how {why['found']} compares with {why['wanted']}",
                f"geen vastgelegde gelijkwaardigheid bepaalt hoe {why['found']} zich verhoudt tot {why['wanted']}",
            )
        else:
            head = self.pick(
                f"{why['found_scale']} cannot be compared with {scale}",
                f"{why['found_scale']} is niet te vergelijken met {scale}",
            )
        tail = self.pick(
            f"{scale} compares with {others or 'no other scale'}",
            f"{scale} is te vergelijken met {others or 'geen andere schaal'}",
        )
        return f"{head}; {tail}"

    def conditions(self, items: list[Mapping[str, Any]]) -> str:
        return "; ".join(self.condition(c) for c in items)


Render = Callable[[Mapping[str, Any], Lang], str]


# Nouns counted in messages: singular and plural per language.
ITEMS = {"en": ("item", "items"), "nl": ("stuk", "stukken")}
CASES = {"en": ("case", "cases"), "nl": ("casus", "casussen")}
ELECTIVES = {"en": ("elective", "electives"), "nl": ("keuze-onderdeel", "keuze-onderdelen")}
DECLARATIONS = {"en": ("declaration", "declarations"), "nl": ("verklaring", "verklaringen")}
YEARS = {"en": ("year", "years"), "nl": ("jaar", "jaar")}


def _evidence_required(p: Mapping[str, Any], L: Lang) -> str:
    low, high = p["min"], p["max"]
    if high is None:
        count = L.num(low)
    elif high == low:
        count = L.pick("exactly ", "precies ") + L.num(low)
    else:
        count = f"{L.num(low)}–{L.num(high)}"
    head = f"{count} × {L.text(p['kind'])}"
    return head + (f" ({L.conditions(p['conditions'])})" if p["conditions"] else "")


def _evidence_closest(p: Mapping[str, Any], L: Lang) -> str:
    parts = []
    if p["failed"]:
        parts.append(L.pick("fails ", "voldoet niet aan ") + L.conditions(p["failed"]))
    if p["unstated"]:
        parts.append(L.pick("does not state ", "vermeldt niet ") + L.join(p["unstated"]))
    return L.pick(f"closest: '{p['item']}', which ", f"dichtstbij: '{p['item']}', dat ") + "; ".join(parts)


def _evidence_fix_mend(p: Mapping[str, Any], L: Lang, what: str | None = None) -> str:
    parts = []
    if p["failed"]:
        what = what or L.pick("document", "document")
        parts.append(
            L.pick(f"provide a {what} with: ", f"lever een {what} met: ")
            + L.conditions([{k: v for k, v in c.items() if k not in ("actual", "why")} for c in p["failed"]])
        )
    if p["unstated"]:
        parts.append(
            L.pick(
                f"state {L.join(p['unstated'])} for '{p['item']}'",
                f"vermeld {L.join(p['unstated'])} bij '{p['item']}'",
            )
        )
    return L.pick(" or ", " of ").join(parts)


def _amount(total: Any, unit: str, minimum: Any, short: Any, L: Lang, source: str = "") -> str:
    """A finding, not a fraction: "1,600 hours (1,200 needed)", "1,150 hours: 50 short of 1,200".

    ``source`` says where the amount comes from (" from 2 items").
    """
    if short and total:
        return L.pick(
            f"{L.num(total)} {unit}{source}: {L.num(short)} short of {L.num(minimum)}",
            f"{L.num(total)} {unit}{source}: {L.num(short)} te weinig ({L.num(minimum)} nodig)",
        )
    return L.pick(
        f"{L.num(total)} {unit}{source} ({L.num(minimum)} needed)",
        f"{L.num(total)} {unit}{source} ({L.num(minimum)} nodig)",
    )


def _total_found(p: Mapping[str, Any], L: Lang) -> str:
    source = L.pick(f" from {L.count(p['counted'], ITEMS)}", f" uit {L.count(p['counted'], ITEMS)}")
    text = _amount(p["total"], L.text(p["unit"]), p["min"], p["short"], L, source)
    for item in p["not_counted"]:
        reasons = L.conditions(item["failed"]) if item["failed"] else ""
        if item["unstated"]:
            reasons += (
                ("; " if reasons else "")
                + L.pick("not stated: ", "niet vermeld: ")
                + L.join(item["unstated"])
            )
        text += L.pick(
            f"; not counted: '{item['item']}' ({reasons})", f"; niet meegeteld: '{item['item']}' ({reasons})"
        )
    return text + L.more(p, "not_counted")


def _stated_found(p: Mapping[str, Any], L: Lang) -> str:
    text = L.pick(f"{L.num(p['hours'])} hours counted", f"{L.num(p['hours'])} uur meegeteld")
    if p["excluded"]:
        shown = ", ".join(f"{L.text(e['activity'])} {L.num(e['hours'])}" for e in p["excluded"])
        text += L.pick(f"; not counted: {shown}", f"; niet meegeteld: {shown}")
    return text


def _hours_found(p: Mapping[str, Any], L: Lang) -> str:
    text = _amount(p["hours"], L.pick("hour" if p["hours"] == 1 else "hours", "uur"), p["min"], p["short"], L)
    if p["excluded"]:
        shown = ", ".join(f"{L.text(e['activity'])} {L.num(e['hours'])}" for e in p["excluded"])
        text += L.pick(f"; not counted: {shown}", f"; niet meegeteld: {shown}")
    return text


# The profile vocabularies by name, for sentences such as "all 8 tasks".
_VOCABULARY_NAMES = {
    "tasks": ("tasks", "taken"),
    "knowledge_areas": ("knowledge areas", "kennisgebieden"),
    "competences": ("competences", "competenties"),
    "attitude": ("attitude criteria", "attitudecriteria"),
    "general_skills": ("general skills", "algemene vaardigheden"),
}


def _demonstrate_required(p: Mapping[str, Any], L: Lang) -> str:
    parts = []
    en, nl = _VOCABULARY_NAMES.get(p["vocabulary"], (p["vocabulary"], p["vocabulary"]))
    scope = p.get("scope")
    if scope == "all":
        parts.append(L.pick(f"all {p['total']} {en}", f"alle {p['total']} {nl}"))
    elif scope == "mandatory":
        n = len(p["required"])
        parts.append(L.pick(f"all {n} mandatory {en}", f"alle {n} verplichte {nl}"))
    elif p["required"]:
        parts.append(L.pick("each of: ", "elk van: ") + L.join(p["required"]))
    if p["at_least"]:
        parts.append(
            L.pick(f"at least {p['at_least']} of {p['total']}", f"minstens {p['at_least']} van {p['total']}")
        )
    if p["electives"]:
        parts.append(
            L.pick(
                f"at least {L.count(p['electives'], ELECTIVES)}",
                f"minstens {L.count(p['electives'], ELECTIVES)}",
            )
        )
    return "; ".join(parts)


def _demonstrate_fix(p: Mapping[str, Any], L: Lang) -> str:
    if p["no_cases"]:
        return L.pick("add the case descriptions", "voeg de casusbeschrijvingen toe")
    parts = []
    if p["missing"]:
        parts.append(L.pick("demonstrate ", "toon aan: ") + L.join(p["missing"]))
    if p["more"]:
        parts.append(
            L.pick(f"add {p['more']} more of: ", f"toon er nog {p['more']} aan uit: ")
            + L.join(p["choose_from"])
        )
    if p["electives"]:
        parts.append(
            L.pick(
                f"add {L.count(p['electives'], ELECTIVES)} of: ",
                f"toon {L.count(p['electives'], ELECTIVES)} aan uit: ",
            )
            + L.join(p["elective_choices"])
        )
    return "; ".join(parts)


def _cases_found(p: Mapping[str, Any], name: str, key: str, L: Lang) -> str:
    return ", ".join(f"{i['case']} ({i[key]})" for i in p[name]) + L.more(p, name)


def _period_found(p: Mapping[str, Any], L: Lang) -> str:
    parts = []
    if p["too_old"]:
        early = (
            L.pick("completed too early: ", "te vroeg afgerond: ")
            if p["of"] == "end"
            else L.pick("started too early: ", "te vroeg begonnen: ")
        )
        parts.append(early + _cases_found(p, "too_old", "date", L))
    if p["late"]:
        late = (
            L.pick("starts after the evaluation date: ", "begint na de beoordelingsdatum: ")
            if p["of"] == "start"
            else L.pick("ends after the evaluation date: ", "eindigt na de beoordelingsdatum: ")
        )
        parts.append(late + _cases_found(p, "late", "date", L))
    if p["open"]:
        parts.append(
            L.pick("not completed (no end date): ", "niet afgerond (geen einddatum): ")
            + L.join(p["open"])
            + L.more(p, "open")
        )
    if p["undated"]:
        parts.append(L.pick("no period: ", "geen periode: ") + L.join(p["undated"]) + L.more(p, "undated"))
    return "; ".join(parts) or L.pick(
        f"{L.count(p['n'], CASES)} within the period", f"{L.count(p['n'], CASES)} binnen de periode"
    )


def _recency(c: Mapping[str, Any], L: Lang) -> str:
    """How recent a case must be: ``{years, of, oldest, as_of}`` in ``c["value"]``, with what was found."""
    w = c["value"]
    years = L.count(w["years"], YEARS)
    # the window's dates when there is an evaluation date (not in the handbook)
    window = f" ({w['oldest']} – {w['as_of']})" if w.get("oldest") else ""
    text = {
        "end": L.pick(
            f"completed within the last {years}{window}", f"afgerond in de afgelopen {years}{window}"
        ),
        "start": L.pick(
            f"started within the last {years}{window}", f"begonnen in de afgelopen {years}{window}"
        ),
        "whole": L.pick(
            f"carried out within the last {years}{window}", f"uitgevoerd in de afgelopen {years}{window}"
        ),
    }[w["of"]]
    actual = c.get("actual")
    if actual:
        why = {
            "too_old": L.pick("too early", "te vroeg"),
            "late": L.pick("after the evaluation date", "na de beoordelingsdatum"),
            "open": L.pick("no end date: not completed", "geen einddatum: niet afgerond"),
        }.get(actual["why"], "")
        date = f" ({actual['date']})" if actual.get("date") else ""
        text += L.pick(" (found: ", " (gevonden: ") + why + date + ")"
    return text


def _review_fix(p: Mapping[str, Any], L: Lang) -> str:
    """The question for the assessor, and where its judgement stands."""
    text = L.pick("for the assessor: ", "voor de assessor: ") + L.text(p["question"])
    if p["disagreement"]:
        return text + L.pick(" (the assessors disagree)", " (de assessoren zijn het oneens)")
    if p["judged"]:
        return text + L.pick(
            f" ({L.num(p['judged'])} of {L.num(p['needed'])} assessors agreed so far)",
            f" ({L.num(p['judged'])} van {L.num(p['needed'])} assessoren eens tot nu toe)",
        )
    return text


def _cases_count_required(p: Mapping[str, Any], L: Lang) -> str:
    low, high = p["min"], p["max"]
    if high == low:
        head = L.pick("exactly ", "precies ") + L.count(low, CASES)
    else:
        head = L.pick("at least ", "minstens ") + L.count(low, CASES)
        head += L.pick(f", at most {high}", f", hoogstens {high}") if high is not None else ""
    if p.get("conditions"):
        head += L.pick(" meeting: ", " die voldoet aan: " if low == 1 else " die voldoen aan: ")
        head += L.conditions(p["conditions"])
    return head


def _cases_count_fix(p: Mapping[str, Any], L: Lang) -> str:
    if p.get("remove"):
        return L.pick(f"remove {L.count(p['remove'], CASES)}", f"verwijder {L.count(p['remove'], CASES)}")
    parts = []
    add, conditions = p.get("add", 0), p.get("conditions")
    if add and conditions:
        parts.append(
            L.pick(
                f"add {L.count(add, CASES)} meeting: {L.conditions(conditions)}",
                f"voeg {L.count(add, CASES)} toe die {'voldoet' if add == 1 else 'voldoen'} aan: "
                + L.conditions(conditions),
            )
        )
    elif add:
        parts.append(L.pick(f"add {L.count(add, CASES)}", f"voeg {L.count(add, CASES)} toe"))
    if p.get("case"):
        parts.append(_evidence_fix_mend({**p, "item": p["case"]}, L, what=L.pick("case", "casus")))
    return L.pick(", or ", ", of ").join(parts)


def _not_relevant_found(p: Mapping[str, Any], L: Lang) -> str:
    if not p["marked"]:
        return L.pick("nothing marked not relevant", "niets als niet relevant gemarkeerd")
    marked = ", ".join(f"{L.text(m['item'])} ({m['case']})" for m in p["marked"]) + L.more(p, "marked")
    text = L.pick("marked not relevant: ", "als niet relevant gemarkeerd: ") + marked
    if p["unmotivated"]:
        text += L.pick("; without motivation: ", "; zonder motivatie: ") + ", ".join(
            L.text(m["item"]) for m in p["unmotivated"]
        )
        text += L.more(p, "unmotivated")
    if p["unshown"]:
        text += L.pick(
            "; not shown in another case: ", "; niet aangetoond in een andere casus: "
        ) + ", ".join(L.text(m["item"]) for m in p["unshown"])
        text += L.more(p, "unshown")
    return text


def _not_relevant_fix(p: Mapping[str, Any], L: Lang) -> str:
    parts = []
    for m in p["unshown"]:
        parts.append(
            L.pick(
                f"demonstrate {L.text(m['item'])} in a case other than {m['case']}",
                f"toon {L.text(m['item'])} aan in een andere casus dan {m['case']}",
            )
        )
    for m in p["unmotivated"]:
        parts.append(
            L.pick(
                f"explain in {m['case']} why {L.text(m['item'])} was not relevant",
                f"motiveer in {m['case']} waarom {L.text(m['item'])} niet relevant was",
            )
        )
    more = p.get("unshown_more", 0) + p.get("unmotivated_more", 0)
    return "; ".join(parts) + (L.pick(f"; and {L.num(more)} more", f"; en nog {L.num(more)}") if more else "")


def _all_or_some(
    done: int, n: int, verb: tuple[str, str], L: Lang, noun: tuple[str, str] | None = None
) -> str:
    """A finding, not a fraction: "all 5 knowledge areas shown", "both met", "met", "7 of the 8 tasks shown"."""
    en, nl = noun or ("", "")
    en, nl = (" " + en if en else ""), (" " + nl if nl else "")
    if done == n == 1:
        return L.pick(verb[0], verb[1])
    if done == 0:
        if n == 1:
            return L.pick(f"not {verb[0]}", f"niet {verb[1]}")
        return L.pick(f"none of the {n}{en} {verb[0]}", f"geen van de {n}{nl} {verb[1]}")
    if done == n == 2 and not noun:
        return L.pick(f"both {verb[0]}", f"beide {verb[1]}")
    if done == n:
        return L.pick(f"all {n}{en} {verb[0]}", f"alle {n}{nl} {verb[1]}")
    return L.pick(f"{done} of the {n}{en} {verb[0]}", f"{done} van de {n}{nl} {verb[1]}")


def _declarations_found(p: Mapping[str, Any], L: Lang) -> str:
    text = _all_or_some(p["agreed"], p["n"], ("agreed", "onderschreven"), L)
    if p["refused"]:
        text += L.pick("; refused: ", "; geweigerd: ") + L.join(p["refused"])
    if p["missing"]:
        text += L.pick("; not answered: ", "; niet beantwoord: ") + L.join(p["missing"])
    return text


MESSAGES: dict[str, Render] = {
    "all_of.required": lambda p, L: (
        L.pick("its part met", "het onderdeel voldaan")
        if p["n"] == 1
        else L.pick("both parts met", "beide onderdelen voldaan")
        if p["n"] == 2
        else L.pick(f"all {p['n']} parts met", f"alle {p['n']} onderdelen voldaan")
    ),
    "all_of.found": lambda p, L: _all_or_some(p["met"], p["n"], ("met", "voldaan"), L),
    "all_of.fix": lambda p, L: L.pick("meet ", "voldoe aan ") + L.join(p["ids"]),
    "one_of.required": lambda p, L: (
        L.pick(f"one of {p['n']} alternatives: ", f"één van {p['n']} mogelijkheden: ") + L.join(p["ids"])
    ),
    "one_of.found": lambda p, L: (
        (L.pick("met: ", "voldaan: ") + L.join(p["met"])) if p["met"] else L.pick("none met", "geen voldaan")
    ),
    "one_of.attempted": lambda p, L: (
        L.pick(f"none met; attempted {p['id']}", f"geen voldaan; geprobeerd: {p['id']}")
        + (f" ({L.text(p['title'])})" if p["title"] else "")
        + (f", {p['leaf']}" if p["leaf"] else "")
        + (f": {_nested(p['why'], L)}" if p["why"] else "")
        + (L.pick(" — needed: ", " — nodig: ") + _nested(p["required"], L) if p["required"] else "")
    ),
    "one_of.fix_attempted": lambda p, L: (
        (_nested(p["fix"], L) if p["fix"] else "")
        + (
            L.pick(f"; or else meet {p['other']}", f"; of voldoe aan {p['other']}")
            + (f" ({L.text(p['other_title'])})" if p["other_title"] else "")
            if p["other"]
            else ""
        )
    ),
    "review.fix": _review_fix,
    "review.awaiting": lambda p, L: (
        L.pick("awaiting the assessors: ", "wacht op de assessoren: ") + L.join(p["ids"])
    ),
    "review.fix_refused": lambda p, L: L.pick(
        f"the assessors judged not met: {L.text(p['question'])}",
        f"de assessoren oordeelden: niet voldaan: {L.text(p['question'])}",
    ),
    "one_of.fix": lambda p, L: (
        L.pick(f"closest alternative: {p['id']}", f"dichtstbijzijnde mogelijkheid: {p['id']}")
        + (f" ({L.text(p['title'])})" if p["title"] else "")
    ),
    "at_least.required": lambda p, L: L.pick(
        f"at least {p['n']} of {p['of']}", f"minstens {p['n']} van {p['of']}"
    ),
    "at_least.found": lambda p, L: _all_or_some(p["met"], p["of"], ("met", "voldaan"), L),
    "at_least.fix": lambda p, L: (
        L.pick(f"meet {p['short']} more of: ", f"voldoe aan nog {p['short']} van: ") + L.join(p["ids"])
    ),
    "evidence.required": _evidence_required,
    "evidence.found": lambda p, L: L.join(p["items"]) + L.more(p, "items"),
    "evidence.by_year": lambda p, L: (
        "; ".join(
            f"{y['year'] if y['year'] is not None else L.pick('undated', 'zonder datum')}: {L.join(y['items'])}"
            for y in p["years"]
        )
        + L.more(p, "years")
    ),
    "evidence.none": lambda p, L: L.pick(
        f"no {L.text(p['kind'])} in the portfolio", f"geen {L.text(p['kind'])} in het portfolio"
    ),
    "evidence.closest": _evidence_closest,
    "evidence.fix_add": lambda p, L: L.pick(
        f"add {p['count']} × {L.text(p['kind'])}", f"voeg {p['count']} × {L.text(p['kind'])} toe"
    ),
    "evidence.fix_mend": _evidence_fix_mend,
    "evidence.fix_fewer": lambda p, L: L.pick(
        f"submit at most {L.num(p['max'])} of the {L.num(p['n'])} × {L.text(p['kind'])}",
        f"lever hoogstens {L.num(p['max'])} van de {L.num(p['n'])} × {L.text(p['kind'])} in",
    ),
    "total.required": lambda p, L: (
        L.pick(
            f"at least {L.num(p['min'])} {L.text(p['unit'])} of {L.text(p['kind'])}",
            f"minstens {L.num(p['min'])} {L.text(p['unit'])} aan {L.text(p['kind'])}",
        )
        + (f" ({L.conditions(p['conditions'])})" if p["conditions"] else "")
    ),
    "total.found": _total_found,
    "total.fix": lambda p, L: L.pick(
        f"add {L.num(p['short'])} {L.text(p['unit'])} of {L.text(p['kind'])}",
        f"voeg {L.num(p['short'])} {L.text(p['unit'])} aan {L.text(p['kind'])} toe",
    ),
    "experience.hours.required": lambda p, L: L.pick(
        f"at least {L.num(p['min'])} hours of qualifying work",
        f"minimaal {L.num(p['min'])} uur beroepsgerichte werkervaring",
    ),
    "experience.hours.found": _hours_found,
    "experience.hours.fix": lambda p, L: L.pick(
        f"{L.num(p['short'])} more qualifying {'hour' if p['short'] == 1 else 'hours'}",
        f"nog {L.num(p['short'])} uur beroepsgerichte werkervaring",
    ),
    "experience.stated.required": lambda p, L: L.pick(
        "work experience in the activities that count, stated per activity",
        "werkervaring in de activiteiten die meetellen, per activiteit opgegeven",
    ),
    "experience.stated.found": _stated_found,
    "experience.stated.fix": lambda p, L: L.pick(
        "state your hours in the activities that count (experience.hours)",
        "geef je uren in de activiteiten die meetellen op (experience.hours)",
    ),
    "experience.years.required": lambda p, L: L.pick(
        f"active for at least {L.num(p['min'])} years", f"tenminste {L.num(p['min'])} jaar actief"
    ),
    "experience.years.found": lambda p, L: (
        L.pick(f"active since {p['since']}: ", f"actief sinds {p['since']}: ")
        + (
            L.pick("after the evaluation date", "na de beoordelingsdatum")
            if p.get("future")
            else L.duration({"years": p["years"], "months": p["months"]})
            if p["years"] or p["months"]
            else L.pick("less than a month", "minder dan een maand")
        )
    ),
    "experience.years.none": lambda p, L: L.pick(
        "no start date of activity given", "geen startdatum opgegeven"
    ),
    "experience.years.fix": lambda p, L: L.pick(f"reached on {p['date']}", f"bereikt op {p['date']}"),
    "experience.years.fix_state": lambda p, L: L.pick(
        "state experience.active_since", "vul experience.active_since in"
    ),
    "experience.current.required": lambda p, L: L.pick("currently practising", "op dit moment werkzaam"),
    "experience.current.found": lambda p, L: (
        L.pick("not stated", "niet opgegeven") if p["value"] is None else L.value(p["value"])
    ),
    "experience.current.fix": lambda p, L: L.pick(
        "state that you currently practise", "verklaar dat je nu werkzaam bent"
    ),
    "cases.count.required": _cases_count_required,
    "cases.count.found": lambda p, L: (
        L.count(p["n"], CASES)
        + (
            L.pick(f"; meeting the conditions: {L.num(p['matching'])}", f"; voldoen: {L.num(p['matching'])}")
            if p.get("matching") is not None
            else ""
        )
    ),
    "cases.count.closest": lambda p, L: (
        L.pick(
            f"{L.count(p['n'], CASES)}; meeting the conditions: {L.num(p['matching'])}; ",
            f"{L.count(p['n'], CASES)}; voldoen: {L.num(p['matching'])}; ",
        )
        + _evidence_closest({"item": p["case"], "failed": p["failed"], "unstated": p["unstated"]}, L)
    ),
    "cases.count.fix": _cases_count_fix,
    "cases.period.required": lambda p, L: (
        L.pick("each case ", "elke casus ")
        + _recency({**p, "field": "period", "op": "recency", "value": p}, L)
    ),
    "cases.period.found": _period_found,
    "cases.period.fix": lambda p, L: (
        L.pick("describe cases ", "beschrijf casussen ") + _recency({"value": p}, L)
    ),
    "cases.diversity.required": lambda p, L: (
        L.pick("cases differ in at least one of: ", "casussen verschillen in minstens één van: ")
        + L.join(p["fields"])
    ),
    "cases.diversity.found": lambda p, L: (
        (L.pick("they differ in: ", "ze verschillen in: ") + L.join(p["differing"]))
        if p["differing"]
        else L.pick("no difference", "geen verschil")
        + ((L.pick("; not stated: ", "; niet ingevuld: ") + L.join(p["unstated"])) if p["unstated"] else "")
    ),
    "cases.diversity.fix": lambda p, L: (
        L.pick("choose cases that differ in ", "kies casussen die verschillen in ")
        + L.pick(" or ", " of ").join(L.text(f) for f in p["fields"])
    ),
    "demonstrate.required": _demonstrate_required,
    "demonstrate.found": lambda p, L: (
        _all_or_some(p["n"], p["total"], ("shown", "aangetoond"), L, _VOCABULARY_NAMES.get(p["vocabulary"]))
        + (f", {L.count(p['electives'], ELECTIVES)}" if p["electives"] else "")
    ),
    "demonstrate.fix": _demonstrate_fix,
    "demonstrate.each_case.required": lambda p, L: L.pick("shown in every case", "in elke casus aangetoond"),
    "not_relevant.required": lambda p, L: L.pick(
        "an item marked not relevant is motivated and shown in another case",
        "een niet-relevante taak is gemotiveerd en komt in de andere casus aan de orde",
    ),
    "not_relevant.found": _not_relevant_found,
    "not_relevant.fix": _not_relevant_fix,
    "reflection.required": lambda p, L: L.pick(
        f"all {p['n']} questions answered in every case", f"alle {p['n']} vragen beantwoord in elke casus"
    ),
    "reflection.case.required": lambda p, L: L.pick(
        f"{p['n']} questions answered in {p['case']}", f"{p['n']} vragen beantwoord in {p['case']}"
    ),
    "reflection.case.found": lambda p, L: _all_or_some(p["answered"], p["n"], ("answered", "beantwoord"), L),
    "reflection.case.fix": lambda p, L: (
        L.pick(f"answer in {p['case']}: ", f"beantwoord in {p['case']}: ") + L.join(p["missing"])
    ),
    "cases.fix_none": lambda p, L: L.pick("add the case descriptions", "voeg de casusbeschrijvingen toe"),
    "declarations.required": lambda p, L: L.pick(
        f"{L.count(len(p['texts']), DECLARATIONS)} agreed",
        f"{L.count(len(p['texts']), DECLARATIONS)} onderschreven",
    ),
    "declarations.found": _declarations_found,
    "declarations.fix": lambda p, L: L.pick("agree to: ", "onderschrijf: ") + L.join(p["texts"]),
    "present.required": lambda p, L: (
        L.text(p["element"])
        + L.pick(" handed in", " aangeleverd")
        + ("" if p["assessed"] else L.pick(" (required, not assessed)", " (verplicht, niet beoordeeld)"))
    ),
    "present.found": lambda p, L: (
        L.pick("provided", "aanwezig")
        if p["provided"]
        else L.pick(
            "marked as provided, but no document or text given", "aangevinkt, maar zonder document of tekst"
        )
        if p.get("empty")
        else L.pick("missing", "ontbreekt")
    ),
    "present.fix": lambda p, L: L.pick(f"add {L.text(p['element'])}", f"voeg {L.text(p['element'])} toe"),
    "notice.expired": lambda p, L: L.pick(
        f"the standard was valid until {p['until']}; evaluated as of {p['as_of']}",
        f"de standaard was geldig tot {p['until']}; beoordeeld per {p['as_of']}",
    ),
    "notice.not_yet_valid": lambda p, L: L.pick(
        f"the standard is valid from {p['from']}; evaluated as of {p['as_of']}",
        f"de standaard is geldig vanaf {p['from']}; beoordeeld per {p['as_of']}",
    ),
}


def _nested(message: Mapping[str, Any], L: Lang) -> str:
    """A message given as data inside another's parameters (``{key, params}``)."""
    return MESSAGES[message["key"]](message["params"], L)


def render(message: Message, lang: str, fallback: str | None = None) -> str:
    """The sentence for ``message`` in ``lang``: the framework's texts in it (else in ``fallback``),
    qualmark's words in it where :data:`LANGUAGES` has it, else in English."""
    fallback = fallback or lang
    kept = message.rendered
    if kept is None:
        return MESSAGES[message.key](message.params, _lang(lang, fallback))
    text = kept.get((lang, fallback))
    if text is None:
        text = kept[lang, fallback] = MESSAGES[message.key](message.params, _lang(lang, fallback))
    return text


@lru_cache(maxsize=64)  # a few languages; the codes may come from any caller
def _lang(code: str, fallback: str) -> Lang:
    return Lang(code, fallback)
