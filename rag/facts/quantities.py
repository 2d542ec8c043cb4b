"""Quantities: money, durations, rates and shares, and what a numeric question counts.

"How much did it cost?" wants money ("£5.4m", "2 million pounds"); "how long" a duration
("six weeks", "28 working days"); "what was the vacancy rate?" a share or a price ("9.5%",
"£23.40"); "how many complaints?" a figure counting complaints ("220 complaints"). The
answer rules (`rag.rules`) ask `quantity_fits` of each candidate sentence.
"""

from __future__ import annotations

import re

from rag.analysis import terms
from rag.facts.numbers import DIGITS, NUMBER_WORDS
from rag.facts.periods import YEAR_OR_PERIOD

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS))
# Question grammar shared with rag.question: "what is / what's" and "the X" or "Camden's X".
WHAT_IS = r"\bwhat(?:\s+(?:is|was|were|are)|['’]s)\s+"
WHOSE = r"(?:[\w-]+ ){0,3}?[\w-]+['’]s"  # "Camden's", "Telford and Wrekin's"
THE_OR_WHOSE = rf"(?:the |{WHOSE} )"
# "What was Bristol's adult social care budget?": a sum of money asked with "what".
ASKS_BUDGET = rf"{WHAT_IS}(?:[\w’'-]+ ){{0,7}}?(?:budget|spend|spending|costs?)\b"
MONEY = re.compile(r"£\s?\d|\b\d[\d,.]*\s?(?:million|billion|m|bn|k)\b|\bpounds?\b", re.I)
_UNITS = {
    "money": MONEY,
    "duration": re.compile(
        rf"\b(?:\d[\d,.]*|{_NUMBER_WORD})(?:[\s-]+(?:and\s+a\s+half\s+)?|\s+to\s+\S+\s+)"
        r"(?:working\s+|calendar\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b",
        re.I,
    ),
    # the size of a population: a whole number of people ("a population of 210,100",
    # "197,722 residents"), not a share of it ("31% of the population") nor a year
    "population": re.compile(
        r"\bpopulation\b[^.%]{0,30}?\b(?:\d{1,3}(?:,\d{3})+|\d{5,})\b(?!\s?%|\.\d)"
        r"|\b(?:\d{1,3}(?:,\d{3})+|\d{5,})\s+(?:people|residents|inhabitants)\b"
        r"|\b\d+(?:\.\d+)?\s?(?:million|thousand)\s+(?:people|residents|inhabitants)\b",
        re.I,
    ),
    "rate": re.compile(r"\d\s?%|\bper ?cent\b|£\s?\d", re.I),
    "share": re.compile(
        r"\d\s?%|\bper ?cent\b|\b(?:half|third|quarter|majority|most|\d+ in \d+)\b", re.I
    ),
}
# "4,000 contacts per month" is a rate, not a duration: its unit is left out of the
# duration check.
_PER_UNIT = re.compile(r"\b(?:per|a|an|each|every)\s+(?:day|week|month|year|hour)\b", re.I)
_PEOPLE = frozenset(terms("people person persons residents adults individuals users clients"))
# A count in a sentence: a figure or a number word ("220", "Twenty-one"), not a price.
_COUNT = re.compile(rf"(?<![\w£$])({DIGITS}|(?:{_NUMBER_WORD})(?:-\w+)?)\b", re.I)


def quantity_kind(question: str) -> str | None:
    """What a numeric question counts: money, a duration, a population, a share, or things
    ("how many X")."""
    q = question.lower()
    # "How much did it cost?", and the money word after or before "how much": "Did the
    # council overspend, and by how much?" (not "how much of the budget": a share).
    if re.search(
        r"\bhow much (?:money|did|does|was|is|had)\b.*\b(cost|spend|spent|save|saved|saving|budget|overspen\w*|fund\w*|worth|invest\w*|pay|paid)|\bhow much money\b|\bwhat (?:was|is) the (?:\w+ )?(?:budget|cost)\b",
        q,
    ) or (
        re.search(r"\bhow much\b(?! of\b)", q)
        and re.search(
            r"\b(?:over|under)spen\w*|\b(?:over|under) budget\b|\bdeficit\b|\bsavings?\b", q
        )
    ):
        return "money"
    # "What was Bristol's adult social care budget?": a budget, spend or cost asked for
    # with "what" is a sum of money, unless it asks for a share of it ("what percentage").
    if re.search(
        ASKS_BUDGET,
        q,
    ) and not re.search(r"\bpercentage|\bproportion|\bshare\b|%|\bper ?cent", q):
        return "money"
    if re.search(
        r"\bwhat(?:\s+(?:is|was)|['’]s)\s+(?:the |its |their |[\w’'-]+['’]s )?(?:total |overall |resident )?population\b"
        r"|\bhow many (?:people|residents|inhabitants) (?:live|lived|are living|reside)\b|\bpopulation size\b",
        q,
    ):
        return "population"
    if re.search(
        r"\bhow (?:long|quickly|soon)\b|\b(?:median|average|mean|typical) wait|\bwaiting time\b", q
    ):
        return "duration"
    # "What was the vacancy rate?" (9.5%) or "the hourly homecare rate?" (£23.40): a rate
    # is a share or a price, stated with % or £.
    if re.search(
        rf"\bwhat (?:was|is|were|are) {THE_OR_WHOSE}(?:[\w’'-]+ ){{0,4}}?rates?\b",
        q,
    ):
        return "rate"
    if re.search(r"\bwhat (?:percentage|proportion|share)\b|\bper ?cent\b|\bwhat share\b|%", q):
        return "share"
    # "How is the number of over-65s expected to change?" asks a change, not a count.
    if re.search(r"^\s*how (?:is|are|was|were|has|have|did|will|would)\b", q) and re.search(
        r"\bchang\w*|\bgrow\w*|\bgrew\b|\brise\b|\brisen\b|\bincreas\w*|\bdecreas\w*|\bfall\b|\bfallen\b",
        q,
    ):
        return None
    # "How many complaints?", "the number of complaints", "the complaints count"
    if re.search(r"\bhow many\b|\bnumber of\b|\bcount\b(?!\s+(?:as|towards?)\b)", q):
        return "count"
    return None


def quantity_fits(
    kind: str | None,
    sentence: str,
    asked: frozenset[str] | set[str] = frozenset(),
    given: frozenset[str] = frozenset(),
    *,
    strict: bool = True,
) -> bool:
    """Does the sentence state the kind of quantity the question asks for?

    `kind` is `quantity_kind(question)`, `asked` the question's terms, `given` its figures.
    Money needs £ or "million"; a duration needs a number of days/weeks/...; a share
    needs a percentage; "how many X" (when strict) needs a figure counting X (one of the
    question's terms within the two words after it: "220 complaints", "Twenty-one case
    studies"). The answerer uses the count check as a preference, not a rule: "2,870
    visits" answers "how many times did people use it" without sharing a word."""
    if kind in _UNITS:
        return bool(_UNITS[kind].search(sentence)) or (
            kind == "duration"
            and _counts_terms(
                given, _PER_UNIT.sub(" ", sentence), {"day", "week", "month", "year", "hour"}
            )
        )
    if kind == "count" and strict:
        return _counts_terms(given, sentence, set(asked))
    return True


def counts_people(sentence: str, given: frozenset[str] = frozenset()) -> bool:
    """Does a figure in the sentence count people ("63% of people", "2,100 residents")?"""
    return _counts_terms(given, sentence, set(_PEOPLE))


def _counts_terms(given: frozenset[str], sentence: str, wanted: set[str]) -> bool:
    for m in _COUNT.finditer(sentence):
        if m.group(1).replace(",", "") in given or YEAR_OR_PERIOD.fullmatch(m.group(1)):
            continue
        # what the figure counts: the words after it ("220 complaints", "20.5% of people",
        # "13 responses from social work staff"), or the noun before "of" ("a population
        # of 210,100", which counts people)
        following = terms(" ".join(sentence[m.end() :].split()[:4]))
        of = re.search(r"\b(\w+)\s+of\s*$", sentence[max(0, m.start() - 30) : m.start()])
        if of:
            following += terms(of.group(1))
            if terms(of.group(1)) == terms("population"):
                following += terms("people residents")
        # stems differ across word forms ("respond" / "respons"): a shared 5-letter start counts
        if any(
            t in wanted or any(len(t) >= 5 and w[:5] == t[:5] for w in wanted) for t in following
        ):
            return True
    return False
