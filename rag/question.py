"""Read a question: which council and quality statement it names, what kind of answer it
wants, and how a follow-up borrows context from the turn before.

Pure functions over the question text and the list of indexed authorities; no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.framework import QUALITY_STATEMENTS, normalise_name
from rag.analysis import terms
from rag.lexicon import MONTHS
from rag.types import Filters, Turn

_GENERIC = frozenset(
    [
        "council",
        "borough",
        "city",
        "county",
        "district",
        "metropolitan",
        "london",
        "royal",
        "of",
        "the",
        "and",
        "unitary",
        "authority",
    ]
)
_NUMERIC = re.compile(
    r"\b(how many|how much|how long|number of|what (?:percentage|proportion|share)|what per ?cent|how often|what was the median|what is the median)\b",
    re.I,
)
_SCORE_WORDS = re.compile(r"\b(score|scored|scores|rated|rating|rate|graded|grade)\b", re.I)
_FOLLOW_UP = re.compile(
    r"^(and|what about|how about|also|same for|and for|what of)\b|\b(they|them|their|it|its|that|those|this|these)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d(?:/\d\d)?\b")
# Capitalised words that name no place: months, framework words, bodies reports mention.
_NOT_PLACES = MONTHS | frozenset(
    [
        "cqc",
        "care",
        "act",
        "quality",
        "commission",
        "council",
        "local",
        "authority",
        "adult",
        "social",
        "services",
        "nhs",
        "safeguarding",
        "government",
        "ombudsman",
        "england",
        "english",
        "assessment",
        "the",
        "this",
    ]
)


@dataclass(frozen=True, slots=True)
class Intent:
    numeric: bool  # wants a number ("how many", "what percentage")
    score: bool  # asks for a CQC score or rating
    statement: str | None  # quality statement the question names
    listing: bool  # wants several items
    person: bool = False  # asks who someone is / their name
    across: bool = False  # asks about councils in the plural ("which councils", "across")


def core_name(authority: str) -> str:
    """'Northmere Borough Council' -> 'northmere' (what people call the council)."""
    words = [w for w in normalise_name(authority).split() if w not in _GENERIC]
    return " ".join(words) or normalise_name(authority)


def find_authorities(question: str, authorities: list[str]) -> list[str]:
    """Every indexed council the question names, in the order it names them."""
    text = f" {normalise_name(question)} "
    hits = [a for a in authorities if f" {core_name(a)} " in text]
    # "North Vale" must not also count as "Vale": drop names inside longer matches.
    hits = [
        a
        for a in hits
        if not any(b != a and f" {core_name(a)} " in f" {core_name(b)} " for b in hits)
    ]
    return sorted(hits, key=lambda a: text.find(f" {core_name(a)} "))


def find_authority(question: str, authorities: list[str]) -> str | None:
    """The one council the question names (None when it names none, or several)."""
    hits = find_authorities(question, authorities)
    return hits[0] if len(hits) == 1 else None


def unknown_names(question: str, known_vocabulary: set[str]) -> list[str]:
    """Capitalised names in the question ("Hounslow", "Ofsted") that no indexed report
    contains anywhere: the reports cannot answer about what they never mention."""
    out = []
    words = re.findall(r"[\w'’-]+", question)
    group: list[str] = []
    for i, word in enumerate([*words, ""]):
        if i > 0 and word[:1].isupper():
            group.append(word)
            continue
        meaningful = [
            t
            for w in group
            if w.lower() not in _NOT_PLACES and w.lower() not in _GENERIC
            for t in terms(w)
        ]
        if meaningful and not any(t in known_vocabulary for t in meaningful):
            out.append(" ".join(group))
        group = []
    return out


def find_statement(question: str) -> str | None:
    text = normalise_name(question)
    for qs in sorted(QUALITY_STATEMENTS, key=len, reverse=True):
        if normalise_name(qs) in text:
            return qs
    # Shorter ways people name them.
    aliases = {
        "learning and improvement": "Learning, improvement and innovation",
        "innovation": "Learning, improvement and innovation",
        "governance": "Governance, management and sustainability",
        "partnership": "Partnerships and communities",
        "equity": "Equity in experience and outcomes",
        "healthier lives": "Supporting people to live healthier lives",
        "care provision": "Care provision, integration and continuity",
        "safe systems": "Safe systems, pathways and transitions",
        "transitions": "Safe systems, pathways and transitions",
        "assessing needs": "Assessing needs",
    }
    return next((qs for alias, qs in aliases.items() if alias in text), None)


# A question about councils in the plural wants each council's evidence; one about "the
# council" wants one council's.
_ACROSS = re.compile(
    r"\b(councils|(local )?authorities|across (the )?(reports|country|england)|compare[ds]?|"
    r"comparison|each council|every council|any council|nationally|in england)\b",
    re.I,
)


def read_intent(question: str) -> Intent:
    statement = find_statement(question)
    return Intent(
        numeric=bool(_NUMERIC.search(question)),
        score=bool(_SCORE_WORDS.search(question))
        and (statement is not None or "overall" in question.lower()),
        statement=statement,
        listing=bool(
            re.search(
                r"\b(what are|which|list|name the|what were|priorities|examples)\b", question, re.I
            )
        ),
        person=bool(
            re.match(r"\s*who\b", question, re.I) or re.search(r"\bname of\b", question, re.I)
        ),
        across=bool(_ACROSS.search(question)),
    )


def is_follow_up(question: str) -> bool:
    return len(question.split()) <= 6 or bool(_FOLLOW_UP.search(question))


def contextualise(
    question: str, history: list[Turn], authorities: list[str]
) -> tuple[str, Filters]:
    """The text to search with and the filters a follow-up inherits from the last turn.

    "How many compliments?" after "How many complaints did Northmere receive in 2023/24?"
    searches "How many compliments? Northmere 2023/24" and stays on Northmere.
    """
    if not history or not is_follow_up(question) or find_authority(question, authorities):
        return question, Filters()
    last = history[-1]
    context = [
        a for a in [find_authority(last.question, authorities) or last.filters.authority] if a
    ]
    context += [y for y in _YEAR.findall(last.question) if y not in question]
    inherited = Filters(
        authority=last.filters.authority or find_authority(last.question, authorities)
    )
    return " ".join([question, *context]), inherited
