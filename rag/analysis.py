"""Words as keyword search and answer scoring see them: lower-cased, stemmed, stopwords out.

One analyser for both BM25 and sentence scoring, so "complaints" in a question matches
"complaint" in a report in both places. Numbers are kept whole ("2023/24" -> "2023", "24";
"1,064" -> "1064") because numeric questions hinge on them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

# A short English stoplist plus question words; words that carry meaning in this domain
# ("care", "support", "council") stay in: BM25's IDF already discounts them.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself yourselves tell say said told
many much
""".split())

_WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_stemmer = Stemmer.Stemmer("english")


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
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand half quarter".split()
)


YEAR_OR_PERIOD = re.compile(r"\b((?:19|20)\d\d)(?:\s*[/-]\s*(\d{2}(?:\d{2})?))?\b")


def periods(text: str) -> list[tuple[int, int | None]]:
    """Years and financial years named in a text: "2023/24" -> (2023, 2024); "2022" -> (2022, None)."""
    out = []
    for m in YEAR_OR_PERIOD.finditer(text):
        start, end = int(m.group(1)), m.group(2)
        if end is None:
            out.append((start, None))
        else:
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            out.append((start, end_year) if end_year == start + 1 else (start, None))
    return out


def covers_periods(asked: list[tuple[int, int | None]], text: str) -> bool:
    """Does text speak of every year/period the question asks about?

    A financial year (2021/22) needs that period, or both its years; a plain year needs
    that year, alone or inside a period ("2023" is covered by "2023/24")."""
    found = periods(text)
    spans = {p for p in found if p[1] is not None}
    years = {y for p in found for y in p if y is not None}
    return all(((a, b) in spans or {a, b} <= years) if b else a in years for a, b in asked)


def answer_numbers(sentence: str, question: str) -> set[str]:
    """Numbers a sentence states that the question did not already contain (years aside)."""
    asked = {m.group().replace(",", "") for m in NUMBER.finditer(question)}
    year_spans = [m.span() for m in YEAR_OR_PERIOD.finditer(sentence)]
    found = set()
    for m in NUMBER.finditer(sentence):
        if any(s <= m.start() < e for s, e in year_spans):
            continue
        value = m.group().replace(",", "")
        if value not in asked:
            found.add(value)
    found |= {w for w in re.findall(r"[a-z]+(?:-[a-z]+)?", sentence.lower()) if w.split("-")[0] in NUMBER_WORDS}
    return found


_MONTHS = frozenset("january february march april may june july august september october november december".split())


def new_names(sentence: str, question: str) -> set[str]:
    """Capitalised words inside a sentence (not its first word, not months) whose stems
    the question does not contain: the candidates for a "who" answer."""
    asked = set(terms(question))
    words = re.findall(r"(?<=\s)[A-Z][\w'’-]+", sentence)
    return {w for w in words if w.lower() not in _MONTHS and not (set(terms(w)) & asked) and terms(w)}


def has_number(text: str) -> bool:
    return bool(NUMBER.search(text)) or any(w in NUMBER_WORDS for w in re.findall(r"[a-z]+", text.lower()))
