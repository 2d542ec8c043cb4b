"""Read a question about the scores table: which operation, over which statements and
councils, with which condition. Pure: a function of the question text and the indexed
council names, no index, no model.

`read_score_question` returns None for anything that is not a question over the table
("What did CQC say about carers' assessments?"), so those keep the extractive path. The
operations: filter ("Which councils scored 1 for Safeguarding?"), lookup ("What did
Northmere score for Equity?", "What rating did Southbay get?"), compare ("Compare
Northmere and Southbay on safeguarding"), rank ("Which council scored highest on
Leadership?", "top 3"), count ("How many councils are rated Good?"), average and
distribution ("What is the average Safeguarding score?"), and CQC's arithmetic
("What would all 3s come to?", "Does Southbay's percentage match its scores?").
Theme names stand for their statements ("Leadership" = Governance, management and
sustainability + Learning, improvement and innovation). Answering is rag.score_answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ingest.framework import QUALITY_STATEMENTS, THEMES, normalise_name, statement_names
from ingest.scorelines import RATINGS
from rag.councils import core_name, find_authorities
from rag.facts.names import WHICH_PERSON
from rag.score_words import (
    NOT_NAMES as _NOT_NAMES,
)
from rag.score_words import (
    OTHER_THINGS as _OTHER_THINGS,
)
from rag.score_words import (
    THEME_NAMES as _THEME_NAMES,
)
from rag.score_words import (
    THEME_NUMBER as _THEME_NUMBER,
)
from rag.score_words import statement_names_longest_first

OPERATIONS = (
    "filter",
    "lookup",
    "compare",
    "rank",
    "count",
    "average",
    "distribution",
    "arithmetic",
)


@dataclass(frozen=True, slots=True)
class ScoreQuestion:
    op: str  # one of OPERATIONS
    statements: tuple[
        str, ...
    ]  # the statements asked about, framework order (all nine if none named)
    scope: str  # how the answer names them: a statement, a theme, or "all nine quality statements"
    councils: tuple[str, ...] = ()  # indexed councils the question names, in its order
    unknown: tuple[str, ...] = ()  # councils it names that are not indexed
    target: str = "score"  # score | rating | percentage
    values: tuple[int, ...] = ()  # accepted scores (filter/count), or () for none given
    condition: str = ""  # the condition as the answer words it ("1 or 2", "below 3")
    ratings: tuple[str, ...] = ()  # accepted ratings (filter/count by rating)
    percent_range: tuple[int, int] | None = None  # accepted overall percentages, inclusive
    every: bool = False  # the condition must hold for every statement of the scope, not any
    direction: str = "highest"  # rank: highest | lowest
    top: int = 1  # rank: how many places
    hypothetical: tuple[int, ...] = ()  # arithmetic on scores the question gives ("all 3s")
    percent_given: int | None = None  # arithmetic: "what rating is 56%?"


_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "ones": 1, "twos": 2, "threes": 3, "fours": 4}
_N = r"([1-4]|one|two|three|four)"
_SCORE_WORDS = re.compile(
    r"\b(scores?|scored|scoring|rated|ratings?|percentages?|graded|grades?|[1-4]s|ones|twos|threes|fours|out of (?:4|four)|"
    r"band|shortfalls|exceptional standard|good standard)\b",
    re.I,
)


# A question for a person ("Who was quoted about the rating?", "Who chaired ...?"), not
# "Who scored highest ...?" or "Who scores higher, Bristol or Ealing?", which ask for a council.
_ASKS_WHO = re.compile(
    r"^\s*who\b(?!\s+(?:scored|scores|got|gets|had|has|was rated|is rated|rated|received)\b)"
)


def read_score_question(text: str, authorities: list[str]) -> ScoreQuestion | None:
    """The question as an operation over the scores table, or None if it is not one."""
    q = " ".join(text.split())
    low = q.lower()
    statements, scope = _scope(low)
    compared = re.search(r"\b(compare|comparison|versus|vs)\b", low) and (
        statements or "all nine" in low
    )
    if not _SCORE_WORDS.search(q) and not compared:
        return None
    if _OTHER_THINGS.search(_blank_names(low)):
        return None  # "What share of care homes were rated Good?" is about the text
    if _ASKS_WHO.search(low) or re.search(WHICH_PERSON, low):
        return None  # "Who was the inspector quoted about Gateshead's rating?" wants a person
    councils = _councils(q, authorities)
    unknown = _unknown_councils(q, authorities)
    named_scope = bool(statements)
    statements = statements or list(QUALITY_STATEMENTS)
    scope = scope or "all nine quality statements"
    base: dict[str, Any] = {
        "statements": tuple(statements),
        "scope": scope,
        "councils": councils,
        "unknown": unknown,
    }
    target = _target(low)
    values, condition = _condition(low)
    ratings = (
        tuple(r for r in RATINGS if re.search(rf"\b{r.lower()}\b", low))
        if target == "rating"
        else ()
    )
    percent_range = _percent_range(low)
    plural = bool(
        re.search(
            r"\b(councils|authorities|which council|which local authority|any council|each council|every council|nationally)\b",
            low,
        )
    )
    every = bool(
        re.search(
            r"\b(every|all (?:of )?(?:the )?(?:nine|its|their|statements)|all \w+ statements|both)\b",
            low,
        )
    )

    if re.search(
        r"\bwhat would (?:all|every)|\bif (?:all|every)|\ball ([1-4]|ones|twos|threes|fours)s?\b",
        low,
    ) or (
        re.search(
            r"\b(bands?|add up|come to|total|consistent|match|agree|check|correspond|work out|falls?|percentage of the maximum)\b",
            low,
        )
    ):
        hypo = (
            re.search(
                r"\ball (?:the )?(?:scores? )?(?:were |was |of )?([1-4]|one|two|three|four)s?\b",
                low,
            )
            or re.search(r"\ball (ones|twos|threes|fours)\b", low)
            or re.search(
                r"\b(?:all|every)\b[\w ]{0,40}?\b(?:scored?|were|was|got|of)\s+(?:a\s+)?([1-4]|one|two|three|four)s?\b",
                low,
            )
        )
        given = re.search(r"\b(\d{1,3})\s*%", low)
        return ScoreQuestion(
            "arithmetic",
            **base,
            target="percentage",
            hypothetical=(_num(hypo.group(1)),) * 9 if hypo and not councils else (),
            percent_given=int(given.group(1)) if given and not councils and not hypo else None,
        )
    if re.search(r"\b(how many|number of)\b", low) and (plural or "council" in low):
        return ScoreQuestion(
            "count",
            **base,
            target=target,
            values=values,
            condition=condition,
            ratings=ratings,
            percent_range=percent_range,
            every=every,
        )
    if re.search(
        r"\b(distribution|spread|breakdown|how (?:are|were) (?:the )?scores? (?:spread|distributed))\b",
        low,
    ):
        return ScoreQuestion("distribution", **base, target=target)
    if re.search(r"\b(average|mean|median)\b", low):
        return ScoreQuestion("average", **base, target=target)
    rank = re.search(
        r"\b(highest|lowest|best|worst|top|bottom|strongest|weakest|most|least|rank|ranking|order|sort)\b(?:\s+([1-9]|\d\d|three|five|ten))?",
        low,
    )
    if rank and (plural or not councils or len(councils) > 1) and not values:
        word = rank.group(1)
        direction = (
            "lowest" if word in ("lowest", "worst", "bottom", "weakest", "least") else "highest"
        )
        n = rank.group(2)
        top = int(n) if n and n.isdigit() else {"three": 3, "five": 5, "ten": 10}.get(n or "", 1)
        if word in ("rank", "ranking", "order", "sort"):
            top = 0  # the whole ranking
        return ScoreQuestion("rank", **base, target=target, direction=direction, top=top)
    if (values or ratings or percent_range) and (plural or not councils):
        return ScoreQuestion(
            "filter",
            **base,
            target=target,
            values=values,
            condition=condition,
            ratings=ratings,
            percent_range=percent_range,
            every=every,
        )
    if len(councils) > 1 or re.search(
        r"\b(compare|comparison|versus|vs|difference between)\b", low
    ):
        return ScoreQuestion("compare", **base, target=target)
    if councils or unknown:
        return ScoreQuestion("lookup", **base, target=target)
    if named_scope or (target != "score" and "overall" in low):
        # no council named: "What did the councils score for Safeguarding?" answers for each
        return ScoreQuestion("compare", **base, target=target)
    return None


def _councils(q: str, authorities: list[str]) -> tuple[str, ...]:
    """Indexed councils the question names, in its order: by their core name as written
    ("Northmere"), or with the generic words left out on both sides ("Telford and Wrekin"
    is "telford wrekin" once "and" and "council" are dropped)."""
    found = find_authorities(q, authorities)
    bare = f" {core_name(q)} "
    found += [a for a in authorities if a not in found and f" {core_name(a)} " in bare]
    found = [
        a
        for a in found
        if not any(
            b != a and core_name(a) in core_name(b) and f" {core_name(b)} " in bare for b in found
        )
    ]
    return tuple(sorted(found, key=lambda a: bare.find(f" {core_name(a)} ")))


def _blank_names(low: str) -> str:
    """The question without the statement and theme names (which hold "people")."""
    text = f" {normalise_name(low)} "
    for name in sorted({*statement_names(), *map(normalise_name, THEMES)}, key=len, reverse=True):
        text = text.replace(f" {name} ", " ")
    return text


def _num(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word]


def _scope(low: str) -> tuple[list[str], str]:
    """The statements named (a theme stands for its statements), and how to name them."""
    text = f" {normalise_name(low)} "
    found: dict[str, int] = {}
    for name, statement in statement_names_longest_first():
        pos = text.find(f" {name} ")
        if pos >= 0 and statement not in found:
            found[statement] = pos
            text = text.replace(f" {name} ", " " * (len(name) + 2))
    themes = [t for k, t in _THEME_NAMES.items() if f" {k} " in text]
    themes += [list(THEMES)[int(n) - 1] for n in _THEME_NUMBER.findall(low)]
    if themes and not found:
        theme = themes[0]
        return list(THEMES[theme]), f"{theme} ({' + '.join(THEMES[theme])})"
    ordered = [qs for qs in QUALITY_STATEMENTS if qs in found]
    return ordered, ordered[0] if len(ordered) == 1 else " + ".join(ordered)


def _target(low: str) -> str:
    if re.search(r"\b(percentage|per ?cent|%)", low) or "overall score" in low:
        return "percentage"
    if re.search(r"\b(rated|ratings?)\b", low) and not re.search(r"\bscored?\b.*\bfor\b", low):
        return "rating"
    return "score"


def _condition(low: str) -> tuple[tuple[int, ...], str]:
    """The scores a filter accepts, and how the answer words the condition."""
    # CQC's score meanings stand for their scores ("significant shortfalls" is a 1)
    text = re.sub(
        r"\b(?:have |had |has |with |showed |shows? )?significant shortfalls\b", " scored 1", low
    )
    text = re.sub(
        r"\b(?:have |had |has |with |showed |shows? )?some shortfalls\b", " scored 2", text
    )
    text = re.sub(
        r"\b(?:have |had |has |with |showed |shows? )?an? good standard\b", " scored 3", text
    )
    text = re.sub(
        r"\b(?:have |had |has |with |showed |shows? )?an? exceptional standard\b", " scored 4", text
    )
    text = re.sub(r"\b([1-4])s\b", r"\1", text)
    rules = (
        (
            rf"\b(?:at most|no more than|not more than|up to) {_N}\b|\b{_N} or (?:below|less|lower|under|fewer)\b",
            lambda n: range(1, n + 1),
            "at most {n}",
        ),
        (
            rf"\b(?:below|less than|lower than|under|fewer than) {_N}\b",
            lambda n: range(1, n),
            "below {n}",
        ),
        (
            rf"\b(?:at least|no less than|not less than) {_N}\b|\b{_N} or (?:above|more|higher|over|better)\b",
            lambda n: range(n, 5),
            "at least {n}",
        ),
        (
            rf"\b(?:above|more than|higher than|over|better than) {_N}\b",
            lambda n: range(n + 1, 5),
            "above {n}",
        ),
    )
    for pattern, accepted, words in rules:
        m = re.search(pattern, text)
        if m:
            n = _num(next(g for g in m.groups() if g))
            return tuple(accepted(n)), words.format(n=n)
    m = re.search(
        rf"\b(?:scored?|scoring|got|get|given|received?|with|of|a)\s+(?:a\s+)?(?:score of\s+)?{_N}(?:\s*(?:or|and)\s+{_N})?\b(?!\s*%)",
        text,
    )
    if m and not re.search(r"\bout of\b", text[m.end() : m.end() + 8]):
        picked = sorted({_num(g) for g in m.groups() if g})
        return tuple(picked), " or ".join(str(v) for v in picked)
    return (), ""


def _percent_range(low: str) -> tuple[int, int] | None:
    m = re.search(
        r"\b(above|over|more than|at least|below|under|less than|at most)\s+(\d{1,3})\s*%", low
    )
    if not m:
        return None
    word, n = m.group(1), int(m.group(2))
    return {
        "above": (n + 1, 100),
        "over": (n + 1, 100),
        "more than": (n + 1, 100),
        "at least": (n, 100),
        "below": (0, n - 1),
        "under": (0, n - 1),
        "less than": (0, n - 1),
        "at most": (0, n),
    }[word]


def _unknown_councils(text: str, authorities: list[str]) -> tuple[str, ...]:
    """Capitalised names in the question that are no indexed council ("Hounslow"). A name
    is known when an indexed council's core name is in it, or it is part of one ("Alpha"
    for "Fictional Alpha Borough Council"); sharing one word is not enough ("Fictional
    Gamma" is not "Fictional Alpha")."""
    cores = [f" {core_name(a)} " for a in authorities]
    out = []
    for m in re.finditer(r"(?:[A-Z][\w'’-]*\s?)+", text):
        words = [
            w
            for w in normalise_name(m.group()).split()
            if w not in _NOT_NAMES and not w.isdigit() and w != "s"
        ]
        if not words:
            continue
        name = f" {' '.join(words)} "
        if not any(core in name or name in core for core in cores):
            out.append(" ".join(m.group().split()).removesuffix("’s").removesuffix("'s"))
    return tuple(out)
