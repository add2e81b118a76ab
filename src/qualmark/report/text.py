"""Terminal output with rich: a verdict line, then a tree of requirements."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from qualmark.evaluate import Evaluation
from qualmark.explain import Outcome, Status, Verdict
from qualmark.messages import Lang, render

_MARK = {
    Status.MET: ("✔", "green"),
    Status.NOT_MET: ("✘", "red"),
    Status.INCOMPLETE: ("…", "yellow"),
    Status.ADVISORY: ("ℹ", "blue"),
}
_VERDICT = {
    Verdict.ELIGIBLE: ("ELIGIBLE", "VOLDOET", "bold green"),
    Verdict.NOT_ELIGIBLE: ("NOT ELIGIBLE", "VOLDOET NIET", "bold red"),
    Verdict.INCOMPLETE: ("INCOMPLETE", "ONVOLLEDIG", "bold yellow"),
}


def _line(outcome: Outcome, L: Lang, needed: bool) -> str:
    """One requirement. ``needed`` is false below a met parent: an alternative not taken."""
    failing = outcome.status in (Status.NOT_MET, Status.INCOMPLETE)
    mark, colour = _MARK[outcome.status] if needed or not failing else ("○", "dim")
    title = L.text(outcome.title) if outcome.title else ""
    head = f"[{colour}]{mark}[/] [bold]{escape(outcome.rule_id)}[/]" + (f" {escape(title)}" if title else "")
    text = f"{head} — {escape(render(outcome.found, L.code, L.fallback))}"
    if outcome.status is Status.ADVISORY:
        advice = (
            L.pick("advice followed", "advies opgevolgd")
            if outcome.advisory_met
            else L.pick("advice not followed (does not count)", "advies niet opgevolgd (telt niet mee)")
        )
        text += f" [blue]{advice}[/]"
    if not failing:
        return text
    if not needed:
        return text + f" [dim]({L.pick('not needed', 'niet nodig')})[/]"
    required = render(outcome.required, L.code, L.fallback)
    text += f" [dim]({L.pick('required', 'vereist')}: {escape(required)})[/]"
    if outcome.fix is not None:
        text += f"\n   [{colour}]→ {escape(render(outcome.fix, L.code, L.fallback))}[/]"
    if outcome.source is not None:
        section = f", {outcome.source.section}" if outcome.source.section else ""
        text += f"\n   [dim]{escape(outcome.source.file)}:{outcome.source.line}{escape(section)}[/]"
    return text


def _add(tree: Tree, outcome: Outcome, L: Lang, needed: bool = True) -> None:
    branch = tree.add(_line(outcome, L, needed))
    for child in outcome.children:
        _add(branch, child, L, needed and outcome.status is not Status.MET)


def render_text(evaluations: list[Evaluation], console: Console, lang: str | None, many: bool) -> None:
    for evaluation in evaluations:
        L = Lang(lang or evaluation.framework.languages[0], evaluation.framework.languages[0])
        en, nl, style = _VERDICT[evaluation.verdict]
        title = L.text(evaluation.framework.title)
        console.print(
            f"[{style}]{L.pick(en, nl)}[/] {escape(evaluation.candidate)} — {escape(title)} "
            f"[dim]({L.pick('as of', 'per')} {evaluation.as_of.isoformat()}; {escape(evaluation.portfolio_file or '')})[/]"
        )
        for notice in evaluation.notices:
            console.print(f"[bold yellow]! {escape(render(notice, L.code, L.fallback))}[/]")
        tree = Tree(L.pick("requirements", "eisen"), guide_style="dim")
        for outcome in evaluation.outcomes:
            _add(tree, outcome, L)
        console.print(tree)
        gaps = evaluation.gaps()
        if gaps:
            console.print(
                L.pick(f"{len(gaps)} gap(s): ", f"{len(gaps)} tekortkoming(en): ")
                + ", ".join(escape(g.rule_id) for g in gaps)
            )
        console.print()
