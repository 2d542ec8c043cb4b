"""Whose figure: which group a share is of (the rule `share_of`), what a share or a count
of people measures (`share_measure`, and the figure rule's count of people), and which way
a difference went (`direction`), for question and sentence alike.

Removed after `cqc-rag eval --ablate` showed each changing one dev question or none (a rule
that serves one question is tuning, not a rule): `share_not_change` (a share asked, a
change in a share given; once `share_measure` came, it changed one dev question), and
earlier `population` (carers against people who use services) and a first `direction`.
"""

from __future__ import annotations

import re

from rag.analysis import terms
from rag.facts.periods import YEAR
from rag.lexicon import QUESTION_FILLER

# "What percentage of *unpaid carers* felt safe?": the group a share is of, up to its verb.
_SHARE_OF = re.compile(
    r"\bwhat\s*(?:percentage|proportion|share|%)\s+of\s+(?:the\s+|all\s+)?"
    r"((?:[\w’'-]+\s+){0,3}?[\w’'-]+?)\s+(?:in|at|across|who|that|said|say|says|felt|feel|"
    r"feels|were|are|was|is|had|have|has|reported|report|used|use|using|received|receive|"
    r"aged|living|live|did|do|does|could|can|would)\b",
    re.I,
)
# Everyone, however a report words it: "service users" are "people who use services".
_ANYONE = frozenset(
    terms(
        "people person persons residents population adults individuals service services users user use using those"
    )
)


def share_group(question: str, councils: tuple[str, ...] = ()) -> str | None:
    """The head word of the group a share question is about, when narrower than everyone
    ("unpaid carers" -> "carer"; "social workers" -> "worker"; "people in Camden" -> None)."""
    m = _SHARE_OF.search(question)
    if not m:
        return None
    named = {t for c in councils for t in terms(c)}
    group = [t for t in terms(m.group(1)) if t not in _ANYONE and t not in named]
    return group[-1] if group else None


# Words of a share question's measure that say nothing of what is measured.
_NOT_MEASURE = frozenset(
    terms(
        f"say says said report reported feel feels felt think thought {' '.join(QUESTION_FILLER)}"
    )
)


# "How many *service users* say they felt safe?": a count of people, and what it counts.
_COUNT_OF_PEOPLE = re.compile(
    r"\bhow many\s+((?:[\w’'-]+\s+){0,3}?(?:people|residents|adults|users|clients|"
    r"individuals|persons))\b",
    re.I,
)


def share_measure(question: str, councils: tuple[str, ...] = ()) -> frozenset[str]:
    """The content words of what a share question measures, after its group: "What
    percentage of carers said they *felt safe*?" -> {"safe"}; empty when it names none."""
    return _measure(_SHARE_OF.search(question), question, councils)


def people_measure(question: str, councils: tuple[str, ...] = ()) -> frozenset[str]:
    """The same for a count of people ("people", "service users", "individuals"): "How many
    people are *waiting* for an *assessment*?" -> {"wait", "assess"}. A count of a named
    group ("how many residents ...", "carers") has none: its figure names the group."""
    m = _COUNT_OF_PEOPLE.search(question)
    if not m or set(terms(m.group(1))) - _GENERIC_PEOPLE:
        return frozenset()
    return _measure(m, question, councils)


# Everyone, by the words questions use for them ("service users" are people who use services).
_GENERIC_PEOPLE = frozenset(terms("people person persons individuals service users user"))


def _measure(m: re.Match[str] | None, question: str, councils: tuple[str, ...]) -> frozenset[str]:
    if not m:
        return frozenset()
    named = {t for c in councils for t in terms(c)}
    rest = re.split(r"[?,;]|\band how\b|\bcompared?\b|\bversus\b|\bvs\b", question[m.end(1) :])[0]
    return frozenset(
        t
        for t in terms(rest)
        if t not in named
        and t not in _NOT_MEASURE
        and t not in _ANYONE
        and not re.fullmatch(YEAR, t)  # a year is the period rule's
    )


# Which way a difference went, in a question ("go over", "exceed") and in a sentence ("more
# than estimated", "overspent by").
_ASKED_UP = re.compile(
    r"\b(?:(?:go|goes|went|gone) over|exceed\w*|overshoot\w*|overshot|overspen\w*|over budget|"
    r"more than|increas\w*|rise|rose|risen|rising|grow\w*|grew|go up|went up|higher)\b",
    re.I,
)
_ASKED_DOWN = re.compile(
    r"\b(?:underspen\w*|under budget|less than|fall|fell|fallen|decreas\w*|drop\w*|declin\w*|"
    r"go down|went down|reduc\w*|lower)\b",
    re.I,
)
_STATES = {
    "up": re.compile(
        r"\b(?:more than|over ?spen\w*|over budget|exceed\w*|increas\w*|rise|rose|risen|grew|"
        r"growth|higher than|above)\b",
        re.I,
    ),
    "down": re.compile(
        r"\b(?:less than|under ?spen\w*|under budget|decreas\w*|fell|fall|fallen|drop\w*|"
        r"declin\w*|lower than|below|reduc\w*)\b",
        re.I,
    ),
}


def asked_direction(question: str) -> str | None:
    """ "By how much did spending go over budget?" -> "up"; "... fall?" -> "down"; None
    when the question asks no size of a difference, or names both ways ("rise or fall")."""
    if not re.search(r"\bby how much\b|\bhow far\b", question, re.I):
        return None
    up, down = bool(_ASKED_UP.search(question)), bool(_ASKED_DOWN.search(question))
    return "up" if up and not down else "down" if down and not up else None


def states_direction(direction: str, text: str) -> bool:
    """Does the text state a difference that went that way?"""
    return bool(_STATES[direction].search(text))
