"""Whose figure a sentence gives: the area it compares with, whether its percentages are
shares or changes, which population it counts, and which way it moved. Read by the answer
rules `comparator`, `share_not_change`, `population` and `direction` (rag.rules), for
question and sentence alike.
"""

from __future__ import annotations

import re

# The areas CQC compares a council with, as questions and reports name them.
_AREAS = {
    "england": re.compile(r"\b(?:england|english|national(?:ly)?|nationwide)\b", re.I),
    "london": re.compile(r"\blondon\b", re.I),
    "region": re.compile(r"\bregion(?:al|ally)?\b|\bnorth east\b|\bnorth west\b", re.I),
}
_COMPARES = re.compile(
    r"\b(?:average|compare[sd]?|comparison|comparing|than|versus|vs|against|nationally)\b", re.I
)

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

# Who a survey figure is about: unpaid carers (the carers' survey) or the people who use
# services (the adult social care survey). Reports give both, often side by side.
_POPULATIONS = {
    "carers": re.compile(r"\bcarers?\b|\bcare ?givers?\b", re.I),
    "people who use services": re.compile(
        r"\bpeople (?:who|that) (?:use|used|draw on|drew on|receive|received)\b"
        r"|\bservice users?\b|\bpeople (?:using|receiving|drawing on)\b",
        re.I,
    ),
}


def compares(text: str) -> bool:
    """Does the text compare with something ("average", "than", "compared with")?"""
    return bool(_COMPARES.search(text))


def areas(text: str) -> set[str]:
    """The comparison areas the text names: england (or national), london, region."""
    return {area for area, pattern in _AREAS.items() if pattern.search(text)}


def changes_only(text: str) -> bool:
    """Does the text give percentages, every one of them a change ("grow by 5%")?"""
    shares = {m.start(1) for m in _PERCENT.finditer(text)}
    return bool(shares) and shares <= {m.start(1) for m in _CHANGE.finditer(text)}


def asks_change(text: str) -> bool:
    """Does a question ask about a change ("How much did it rise?", "since 2011")?"""
    return bool(_ASKS_CHANGE.search(text))


def populations(text: str) -> set[str]:
    """Whom the text counts: carers, people who use services, both or neither."""
    return {name for name, pattern in _POPULATIONS.items() if pattern.search(text)}


# Which way a figure moved or stands against another. "over" alone is not a direction
# ("aged 65 and over", "over 600 meetings"): only going, spending or being over is.
_UP = re.compile(
    r"\b(?:increas\w*|rise|rises|rising|rose|risen|higher|more than|grew|grow|grown|growing|"
    r"went up|gone up|go(?:ne)? over|went over|overspen\w*|over budget|above|exceed\w*)\b",
    re.I,
)
_DOWN = re.compile(
    r"\b(?:decreas\w*|reduc\w*|fall|falls|falling|fell|fallen|lower|less than|fewer|"
    r"underspen\w*|under budget|below|declin\w*|drop\w*|went down|gone down)\b",
    re.I,
)


def directions(text: str) -> set[str]:
    """Which ways the text says something moved or stands: up, down, both or neither."""
    return {way for way, pattern in (("up", _UP), ("down", _DOWN)) if pattern.search(text)}
