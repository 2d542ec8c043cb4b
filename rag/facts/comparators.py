"""The area a figure is compared with: England (national), the region, or London.

"How does Camden's spend compare with the England average?" is answered by a sentence that
gives the England comparison ("... higher than the England average (62.48%)"), not by the
figure alone, nor by a comparison with another area ("the London average"). Read by the
answer rule `comparator` (rag.rules) for question and sentence alike.
"""

from __future__ import annotations

import re

_REGIONS = (
    r"north[\s-]east|north[\s-]west|south[\s-]east|south[\s-]west|east midlands|"
    r"west midlands|yorkshire and the humber|east of england|regional|region"
)
AREAS: dict[str, re.Pattern[str]] = {
    "england": re.compile(r"\b(?:england|english|national(?:ly)?|the country)\b", re.I),
    "region": re.compile(rf"\b(?:{_REGIONS})\b", re.I),
    "london": re.compile(r"\b(?:london|inner london|outer london)\b", re.I),
}
# The question asks for a comparison with an area: "the England average", "the national
# rate", "compared with the region", "nationally".
_ASKS = re.compile(
    r"\b(?:average|mean|median|rate|figure|benchmark|comparators?|compar\w*)\b", re.I
)


def asked_areas(question: str) -> frozenset[str]:
    """The areas the question compares with ({'england'} for "vs the England average")."""
    if not _ASKS.search(question):
        return frozenset()
    found = set()
    for area, pattern in AREAS.items():
        for m in pattern.finditer(question):
            # "London Borough of Camden" names the council, not a comparison with London.
            if area == "london" and re.match(r"\s+borough", question[m.end() :], re.I):
                continue
            window = question[max(0, m.start() - 40) : m.end() + 40]
            if _ASKS.search(window):
                found.add(area)
    return frozenset(found)


# A sentence compares with an area when a comparison word stands near it: "the England
# average", "than England", "nationally (62%)"; "the most deprived areas in England" does not.
_COMPARES = re.compile(
    r"\b(?:average|mean|median|rate|figure|benchmark|than|compar\w*|similar|in line|"
    r"national(?:ly)?|england)\b",
    re.I,
)


def compares_with(areas: frozenset[str], text: str) -> bool:
    """Does the text compare with one of the areas the question asks about?"""
    for area in areas:
        for m in AREAS[area].finditer(text):
            before = text[max(0, m.start() - 25) : m.start()]
            after = text[m.end() : m.end() + 25]
            if _COMPARES.search(before + " " + after) or re.match(r"\s*(?:average|mean)", after):
                return True
    return False
