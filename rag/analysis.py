"""Words as keyword search and answer scoring see them: lower-cased, stemmed, stopwords out.

One analyser for both BM25 and sentence scoring, so "complaints" in a question matches
"complaint" in a report in both places. Numbers are kept whole ("2023/24" -> "2023", "24";
"1,064" -> "1064") because numeric questions hinge on them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from rag.lexicon import MONTHS, NUMBER_WORDS, ROLE_OR_BODY, STOPWORDS

_WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_stemmer = Stemmer.Stemmer("english")

# What a saved keyword index was analysed with: our rules (bump on any change to `terms`)
# and the Snowball release (PyStemmer 2.2 stems "added" to "ad", 3.1 to "add"). A cached
# BM25 index built with another analyser is rebuilt from the stored chunks, not queried.
ANALYSER = f"terms-1/snowball-{Stemmer.version()}"


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def terms(text: str) -> list[str]:
    """Analysed terms of a text, in order, with repeats."""
    out: list[str] = []
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if word[0].isdigit():
            out.append(word.replace(",", ""))
        elif word not in STOPWORDS and len(word) > 1:
            out.append(_stem(word.removesuffix("'s")))
    return out


NUMBER = re.compile(r"(?<![\w£$])(?:£\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|per cent|million|m\b))?")


YEAR_OR_PERIOD = re.compile(r"\b((?:19|20)\d\d)(?:\s*[/-]\s*(\d{2}(?:\d{2})?))?\b")


# Financial years written out: "April 2023 to March 2024", "the year to March 2024",
# "the year before April 2023" (UK councils report April-March years).
_SPELLED_YEAR = re.compile(
    r"\bapril\s+((?:19|20)\d\d)\s+(?:to|and|until|-|–)\s+march\s+((?:19|20)\d\d)\b"
    r"|\byear\s+(?:to|ending(?:\s+in)?)\s+(?:31\s+)?march\s+((?:19|20)\d\d)\b"
    r"|\byear\s+(?:before|prior\s+to)\s+(?:1\s+)?april\s+((?:19|20)\d\d)\b",
    re.I,
)


def periods(text: str) -> list[tuple[int, int | None]]:
    """Years and financial years named in a text: "2023/24" -> (2023, 2024); "2022" -> (2022, None);
    "April 2023 to March 2024" and "the year to March 2024" -> (2023, 2024)."""
    out: list[tuple[int, int | None]] = []
    spelled = []
    for m in _SPELLED_YEAR.finditer(text):
        start, end, to_march, before_april = m.groups()
        if start and end and int(end) == int(start) + 1:
            out.append((int(start), int(end)))
        elif to_march:
            out.append((int(to_march) - 1, int(to_march)))
        elif before_april:
            out.append((int(before_april) - 1, int(before_april)))
        else:
            continue
        spelled.append(m.span())
    for m in YEAR_OR_PERIOD.finditer(text):
        if any(a <= m.start() < b for a, b in spelled):
            continue
        start, end = int(m.group(1)), m.group(2)
        if end is None:
            out.append((start, None))
        else:
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            out.append((start, end_year) if end_year == start + 1 else (start, None))
    return out


def covers_periods(
    asked: list[tuple[int, int | None]], text: str, sentence: str | None = None
) -> bool:
    """Does the text speak of every year/period the question asks about?

    A financial year (2021/22) needs that period in the text, or both its years in the
    sentence itself ("from April 2023 to March 2024"): two years scattered over a
    paragraph do not make a financial year. A plain year needs that year, alone or inside
    a period ("2023" is covered by "2023/24")."""
    found = periods(text)
    spans = {p for p in found if p[1] is not None}
    years = {y for p in found for y in p if y is not None}
    own = {
        y for p in periods(sentence if sentence is not None else text) for y in p if y is not None
    }
    return all(((a, b) in spans or {a, b} <= own) if b else a in years for a, b in asked)


def given_numbers(question: str) -> frozenset[str]:
    """Figures a question states ("more than 80 providers"): never an answer to it."""
    return frozenset(m.group().replace(",", "") for m in NUMBER.finditer(question))


def answer_numbers(sentence: str, given: frozenset[str]) -> set[str]:
    """Numbers a sentence states that the question did not already give (years aside)."""
    year_spans = [m.span() for m in YEAR_OR_PERIOD.finditer(sentence)]
    found = set()
    for m in NUMBER.finditer(sentence):
        if any(s <= m.start() < e for s, e in year_spans):
            continue
        if m.start() > 0 and sentence[m.start() - 1] in "'\"‘“":
            continue  # a number opening a quoted name ('3 conversations') counts nothing
        value = m.group().replace(",", "")
        if value not in given:
            found.add(value)
    found |= {
        w
        for w in re.findall(r"[a-z]+(?:-[a-z]+)?", sentence.lower())
        if w.split("-")[0] in NUMBER_WORDS
    }
    return found


_UNITS = {
    "money": re.compile(r"£\s?\d|\b\d[\d,.]*\s?(?:million|billion|m|bn|k)\b|\bpounds?\b", re.I),
    "duration": re.compile(
        r"\b(?:\d[\d,.]*|"
        + "|".join(sorted(NUMBER_WORDS))
        + r")(?:[\s-]+(?:and\s+a\s+half\s+)?|\s+to\s+\S+\s+)"
        r"(?:working\s+|calendar\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b",
        re.I,
    ),
    "rate": re.compile(r"\d\s?%|\bper ?cent\b|£\s?\d", re.I),
    "share": re.compile(
        r"\d\s?%|\bper ?cent\b|\b(?:half|third|quarter|majority|most|\d+ in \d+)\b", re.I
    ),
}


def quantity_kind(question: str) -> str | None:
    """What a numeric question counts: money, a duration, a share, or things ("how many X")."""
    q = question.lower()
    if re.search(
        r"\bhow much (?:money|did|does|was|is|had)\b.*\b(cost|spend|spent|save|saved|saving|budget|overspen\w*|fund\w*|worth|invest\w*|pay|paid)|\bhow much money\b|\bwhat (?:was|is) the (?:\w+ )?(?:budget|cost)\b",
        q,
    ):
        return "money"
    if re.search(r"\bhow (?:long|quickly|soon)\b|\bmedian wait\b|\bwaiting time\b", q):
        return "duration"
    # "What was the vacancy rate?" (9.5%) or "the hourly homecare rate?" (£23.40): a rate
    # is a share or a price, stated with % or £.
    if re.search(r"\bwhat (?:was|is|were|are) the (?:[\w’'-]+ ){0,4}?rates?\b", q):
        return "rate"
    if re.search(r"\bwhat (?:percentage|proportion|share)\b|\bper ?cent\b|\bwhat share\b|%", q):
        return "share"
    if re.search(r"\bhow many\b|\bnumber of\b", q):
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
            and _counts_terms(given, sentence, {"day", "week", "month", "year", "hour"})
        )
    if kind == "count" and strict:
        return _counts_terms(given, sentence, set(asked))
    return True


def _counts_terms(given: frozenset[str], sentence: str, wanted: set[str]) -> bool:
    pattern = re.compile(
        r"(?<![\w£$])(\d[\d,]*(?:\.\d+)?|(?:" + "|".join(sorted(NUMBER_WORDS)) + r")(?:-\w+)?)\b",
        re.I,
    )
    for m in pattern.finditer(sentence):
        if m.group(1).replace(",", "") in given or YEAR_OR_PERIOD.fullmatch(m.group(1)):
            continue
        following = terms(" ".join(sentence[m.end() :].split()[:2]))
        # stems differ across word forms ("respond" / "respons"): a shared 5-letter start counts
        if any(
            t in wanted or any(len(t) >= 5 and w[:5] == t[:5] for w in wanted) for t in following
        ):
            return True
    return False


def new_names(sentence: str, asked: frozenset[str] | set[str]) -> set[str]:
    """Person-like names in a sentence that the question (its terms `asked`) does not
    already give: two consecutive capitalised words, neither a month, a role or a kind of
    body ("Cabinet Member" is a role; "Amira Khan" is a name). The candidates for a "who"
    answer."""
    found = set()
    for m in re.finditer(r"(?<=\s)([A-Z][a-z'’-]+)\s+([A-Z][a-z'’-]+)", sentence):
        pair = (m.group(1), m.group(2))
        if any(
            w.lower() in MONTHS or w.lower() in ROLE_OR_BODY or set(terms(w)) & asked for w in pair
        ):
            continue
        found.add(" ".join(pair))
    return found
