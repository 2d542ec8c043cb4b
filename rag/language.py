"""Is a question in English? A cheap check, so another language gets "please ask in English".

The reports are English and so are the model's and the keyword index's words: a question
in Welsh or Polish finds nothing and used to get "not found", which reads as "the
reports do not say" when the truth is "I did not understand". No language model: two
signals that cost microseconds.

- Script: letters outside Latin (Cyrillic, Arabic, CJK, ...) make up most of the text.
- Function words: a question of at least three words uses more of another language's
  commonest words than of English's (and at least two of them).

It errs towards English: a short or mixed question ("Southbay safeguarding score?") is
English; a council's Welsh name inside an English question stays English.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "for",
        "to",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "did",
        "does",
        "do",
        "how",
        "what",
        "which",
        "who",
        "when",
        "where",
        "why",
        "many",
        "much",
        "about",
        "with",
        "by",
        "from",
        "at",
        "this",
        "that",
        "there",
        "their",
        "council",
        "people",
        "say",
        "said",
        "score",
        "get",
        "got",
        "have",
        "has",
    ]
)
# The commonest words of languages staff may type in; only words that are not English.
OTHER = {
    "Welsh": "y yr ar yn ac mae sut faint pa beth pwy oes gan gyda i'r ydy oedd cyngor",
    "French": "le la les des est une du au aux combien quel quelle quels pour dans avec sur qui que comment",
    "Spanish": "el los las del es una por para con cuántos cuántas cuál qué cómo está son",
    "German": "der die das und ist wie viele welche wer nicht mit für den dem ein eine",
    "Polish": "jak ile czy jest się nie na w z do co jaki jaka dla przez",
    "Portuguese": "o os as da do em um uma quantos qual como são não para com",
    "Italian": "il gli della di che è quanti quale come sono per con una",
}
_OTHER_WORDS = {lang: frozenset(words.split()) for lang, words in OTHER.items()}


def non_latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum("LATIN" not in unicodedata.name(ch, "") for ch in letters) / len(letters)


def other_language(text: str) -> str | None:
    """The language a question seems to be in when it is not English; None for English."""
    if non_latin_share(text) > 0.5:
        return "another script"
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3:
        return None
    english = sum(w in ENGLISH for w in words)
    best, hits = max(
        ((lang, sum(w in vocab for w in words)) for lang, vocab in _OTHER_WORDS.items()),
        key=lambda pair: pair[1],
    )
    return best if hits >= 2 and hits > english else None


def please_ask_in_english(text: str) -> str | None:
    """The message for a question in another language, else None."""
    found = other_language(text)
    if found is None:
        return None
    seems = "" if found == "another script" else f" (it looks like {found})"
    return (
        f"Please ask in English{seems}: the reports are in English, and the assistant only "
        "understands questions in English."
    )
