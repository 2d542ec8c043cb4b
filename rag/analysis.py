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


def has_number(text: str) -> bool:
    return bool(NUMBER.search(text)) or any(w in NUMBER_WORDS for w in re.findall(r"[a-z]+", text.lower()))
