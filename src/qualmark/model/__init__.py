"""Frozen pydantic models of the framework document and of portfolios."""

from qualmark.model.framework import FrameworkDocument, RequirementNode
from qualmark.model.portfolio import Portfolio
from qualmark.model.text import Text, text_in

__all__ = ["FrameworkDocument", "Portfolio", "RequirementNode", "Text", "text_in"]
