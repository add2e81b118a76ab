"""qualmark: quality marks for career-guidance practitioners as checkable rules.

Load a framework once, evaluate many portfolios::

    from qualmark import load_framework, load_portfolio

    framework = load_framework("frameworks/noloc-register-loopbaanprofessional.yaml")
    evaluation = framework.evaluate(load_portfolio("eligible.json"))
    evaluation.verdict        # Verdict.ELIGIBLE, NOT_ELIGIBLE or INCOMPLETE
    evaluation.to_json("en")  # the explained outcome tree as data
"""

from qualmark.errors import (
    EvaluationError,
    FrameworkError,
    LoadError,
    PortfolioError,
    Problem,
    QualmarkError,
)
from qualmark.evaluate import Evaluation
from qualmark.explain import Outcome, Status, Verdict
from qualmark.framework import Framework, load_framework, parse_framework
from qualmark.model.portfolio import Portfolio
from qualmark.portfolio import load_portfolio, parse_portfolio

__all__ = [
    "Evaluation",
    "EvaluationError",
    "Framework",
    "FrameworkError",
    "LoadError",
    "Outcome",
    "Portfolio",
    "PortfolioError",
    "Problem",
    "QualmarkError",
    "Status",
    "Verdict",
    "load_framework",
    "load_portfolio",
    "parse_framework",
    "parse_portfolio",
]
