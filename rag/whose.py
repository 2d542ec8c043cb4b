"""Whether a sentence's percentages are shares or changes: read by the answer rule
`share_not_change` (rag.rules), for question and sentence alike.

Three more rules were built here from dev-set classes (the area a figure is compared with,
carers against people who use services, which way a figure went) and removed: on the dev
and blind sets each changed the answer to one dev question or none (`cqc-rag eval --ablate`),
and a rule that serves one question is tuning, not a rule.
"""

from __future__ import annotations

import re

_CHANGE_VERB = r"(?:increas|decreas|grow|grew|rise|rising|rose|risen|fall|fell|drop|declin|reduc)"
# a percentage that is a change: "increase by 29%", "had decreased by 4.6%", "rose 3%"
_CHANGE = re.compile(
    rf"\b{_CHANGE_VERB}\w*\s+(?:[\w-]+\s+){{0,3}}?(?:by\s+)?"
    r"(?:about |around |almost |nearly |over )?(\d[\d.,]*)\s?(?:%|per ?cent)",
    re.I,
)
_PERCENT = re.compile(r"(\d[\d.,]*)\s?(?:%|per ?cent)", re.I)
_ASKS_CHANGE = re.compile(
    rf"\b{_CHANGE_VERB}\w*|\bchange[ds]?\b|\bgrowth\b|\bsince\b|\bprojected\b|"
    r"\bgo(?:ne)? (?:up|down)\b|\bwent (?:up|down)\b",
    re.I,
)


def changes_only(text: str) -> bool:
    """Does the text give percentages, every one of them a change ("grow by 5%")?"""
    shares = {m.start(1) for m in _PERCENT.finditer(text)}
    return bool(shares) and shares <= {m.start(1) for m in _CHANGE.finditer(text)}


def asks_change(text: str) -> bool:
    """Does a question ask about a change ("How much did it rise?", "since 2011")?"""
    return bool(_ASKS_CHANGE.search(text))
