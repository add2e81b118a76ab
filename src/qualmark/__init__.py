"""qualmark: quality marks for career-guidance practitioners as checkable rules.

Load a framework once, evaluate many portfolios::

    from qualmark import load_framework, load_portfolio

    framework = load_framework("frameworks/noloc-register-loopbaanprofessional.yaml")
    evaluation = framework.evaluate(load_portfolio("eligible.json"))
    evaluation.verdict        # Verdict.ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE or REVIEW
    evaluation.to_json("en")  # the explained outcome tree as data
"""

from qualmark.errors import (
    EvaluationError,
    FrameworkError,
    JudgementsError,
    LoadError,
    PortfolioError,
    Problem,
    QualmarkError,
)
from qualmark.evaluate import Evaluation
from qualmark.explain import Judgement, Outcome, Review, Status, Verdict
from qualmark.framework import Framework, evaluate_many, load_framework, parse_framework
from qualmark.judgements import Judgements, load_judgements, parse_judgements
from qualmark.model.portfolio import Portfolio
from qualmark.portfolio import load_portfolio, parse_portfolio

__all__ = [
    "Evaluation",
    "EvaluationError",
    "Framework",
    "FrameworkError",
    "Judgement",
    "Judgements",
    "JudgementsError",
    "LoadError",
    "Outcome",
    "Portfolio",
    "PortfolioError",
    "Problem",
    "QualmarkError",
    "Review",
    "Status",
    "Verdict",
    "evaluate_many",
    "load_framework",
    "load_judgements",
    "load_portfolio",
    "parse_framework",
    "parse_judgements",
    "parse_portfolio",
]
