"""Rule kinds: one module each; this table maps the YAML key to the class."""

from __future__ import annotations

from qualmark.rules.base import Context, Rule, RuleHeader
from qualmark.rules.cases import CasesRule
from qualmark.rules.combinators import AllOfRule, AtLeastRule, OneOfRule
from qualmark.rules.declarations import DeclarationsRule, PresentRule
from qualmark.rules.demonstrate import DemonstrateRule
from qualmark.rules.evidence import EvidenceRule, TotalRule
from qualmark.rules.experience import ExperienceRule
from qualmark.rules.reflection import ReflectionRule

RULE_KINDS: dict[str, type[Rule]] = {
    kind.KEY: kind
    for kind in (
        AllOfRule,
        OneOfRule,
        AtLeastRule,
        EvidenceRule,
        TotalRule,
        ExperienceRule,
        CasesRule,
        DemonstrateRule,
        ReflectionRule,
        DeclarationsRule,
        PresentRule,
    )
}

__all__ = ["RULE_KINDS", "Context", "Rule", "RuleHeader"]
