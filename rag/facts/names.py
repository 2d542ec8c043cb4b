"""Names: capitalised words that name something, and the person-like pairs among them.

Two readings for two callers: verification checks that every name a generated claim
uses (`names`: "Ashford Vale", "Healthwatch") is in the passage it cites; the answer
rules look for a person a "who" question wants (`new_names`: "Amira Khan", not
"Cabinet Member" or "March 2024").
"""

from __future__ import annotations

import re

from rag.analysis import terms
from rag.lexicon import MONTHS, ROLE_OR_BODY, STOPWORDS

# "Which senior person at CQC commented ...?", "Which chief inspector was quoted ...?": a
# question for a person that opens with "which" (read by rag.question and, so that it is
# not taken for a question over the scores, rag.score_questions).
WHICH_PERSON = (
    r"^\s*which\s+(?:(?!(?:was|were|is|are|did|do|does|told|said|had|has|have)\b)[\w’'-]+\s+){0,2}?"
    r"(?:person|people|inspector|officer|director|leader|"
    r"manager|member|councillor|chair|executive|lead|worker)s?\b"
)
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_NOT_NAMES = frozenset({"cqc", "i"})
# A person may open the sentence ("Amira Khan, the director, said"); a sentence's ordinary
# first word ("The Director", "Our Chief") is not a name (STOPWORDS, below).
_PERSON = re.compile(r"(?:(?<=\s)|^)([A-Z][a-z'’-]+)\s+([A-Z][a-z'’-]+)")


def names(sentence: str) -> set[str]:
    """Capitalised words that name something: not a sentence's ordinary first word."""
    found = set()
    for m in _NAME.finditer(sentence):
        word = m.group().removesuffix("'s").removesuffix("’s")
        first = not sentence[: m.start()].strip(" \"'(")
        follows = (
            sentence[m.end() : m.end() + 2].lstrip()[:1].isupper()
        )  # "Ashford Vale" at the start
        if word.lower() in STOPWORDS or word.lower() in _NOT_NAMES or (first and not follows):
            continue
        found.add(word)
    return found


def new_names(sentence: str, asked: frozenset[str] | set[str]) -> set[str]:
    """Person-like names in a sentence that the question (its terms `asked`) does not
    already give: two consecutive capitalised words, neither a month, a role or a kind of
    body ("Cabinet Member" is a role; "Amira Khan" is a name). The candidates for a "who"
    answer."""
    found = set()
    for m in _PERSON.finditer(sentence):
        pair = (m.group(1), m.group(2))
        # "the Waiting Well Strategy", "Living Well Hub": the name of a thing
        after = re.match(r"\s+([A-Z][a-z]+)", sentence[m.end() :])
        if after and after.group(1).lower() in ROLE_OR_BODY:
            continue
        if pair[0].lower() in STOPWORDS or any(
            w.lower() in MONTHS or w.lower() in ROLE_OR_BODY or set(terms(w)) & asked for w in pair
        ):
            continue
        found.add(" ".join(pair))
    return found


# -- who a who-question wants (read by the answer rule `name`, rag.rules) -------------------

# "What is the name of ...?" and "Who is the director?" ask who someone is: a role is no
# answer. "Who chairs ...?" asks who does something: "the Director of Adults Services" is.
IDENTITY = re.compile(r"\bname of\b|^\s*who\s+(?:is|was|are|were|holds|held)\b", re.I)
# A role named in capitals ("the Director of Adults Services chaired ..."): an answer to
# "Who chairs ...?", though not to "What is the name of ...?".
ROLE = re.compile(
    r"\b(?:[A-Z][\w’'-]+ ){0,3}(?:Director|Chair|Chairs|Worker|Lead|Manager|Officer|Member|"
    r"Executive|Head|Leader|Inspector|Commissioner|Therapist)\b(?: of(?: [A-Z][\w’'-]+)+)?"
)


# Who does something may be a team, a body or a role, in lower case ("these staff", "the
# locality social worker") or as a body's letters ("Age UK", "the ARC").
DOER = frozenset(
    terms(
        "team staff worker practitioner officer manager lead board panel committee partner "
        "provider agency centre hub unit assessor director chair nurse therapist volunteer "
        "charity"
    )
)
BODY_LETTERS = re.compile(r"\b[A-Z]{2,6}s?\b")
