"""Words as keyword search and answer scoring see them: lower-cased, stemmed, stopwords out.

One analyser for both BM25 and sentence scoring, so "complaints" in a question matches
"complaint" in a report in both places. Numbers are kept whole ("2023/24" -> "2023", "24";
"1,064" -> "1064") because numeric questions hinge on them. Figures, periods, money
and names as facts are read by `rag.facts`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from rag.facts.numbers import DIGITS
from rag.lexicon import STOPWORDS

_WORD = re.compile(rf"{DIGITS}|[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
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
