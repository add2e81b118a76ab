"""qualmark: quality marks for career-guidance practitioners as checkable rules.

Load a framework once, evaluate many portfolios::

    from qualmark import load_framework, load_portfolio

    framework = load_framework("frameworks/noloc-register-loopbaanprofessional.yaml")
    evaluation = framework.evaluate(load_portfolio("eligible.json"))
    evaluation.verdict        # Verdict.ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE or REVIEW
    evaluation.to_json("en")  # the explained outcome tree as data

The names below are imported on first use, so that ``import qualmark`` (and the
``qualmark`` command, which starts here) loads only the modules it needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# the module that defines each of them
_HOMES = {
    "qualmark.errors": (
        "EvaluationError",
        "FrameworkError",
        "JudgementsError",
        "LoadError",
        "PortfolioError",
        "Problem",
        "QualmarkError",
    ),
    "qualmark.evaluate": ("Evaluation",),
    "qualmark.explain": ("Judgement", "Outcome", "Review", "Status", "Verdict"),
    "qualmark.framework": ("Framework", "evaluate_many", "load_framework", "parse_framework"),
    "qualmark.judgements": ("Judgements", "load_judgements", "parse_judgements"),
    "qualmark.model.portfolio": ("Portfolio",),
    "qualmark.portfolio": ("load_portfolio", "parse_portfolio"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    home = _HOME_OF.get(name)
    if home is None:
        raise AttributeError(f"module 'qualmark' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # found once; later look-ups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
