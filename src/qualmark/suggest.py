"""'Did you mean …?' suggestions for unknown names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from qualmark.inert import inert, quote, shorten


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``name`` phrased as a hint, or ``None``."""
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        close = [lowered[name.lower()]] if name.lower() in lowered else []
    return f"did you mean {quote(close[0])}?" if close else None


def choices_hint(name: str, candidates: Iterable[str], limit: int = 12) -> str:
    """A did-you-mean if there is one, else the list of what is allowed."""
    pool = sorted(set(candidates))
    suggestion = did_you_mean(name, pool)
    if suggestion:
        return suggestion
    shown = ", ".join(shorten(inert(c)) for c in pool[:limit]) + (", …" if len(pool) > limit else "")
    return f"expected one of: {shown}" if pool else "nothing is defined to refer to"
