"""Sentence boundaries with exact offsets.

A small rule-based splitter: report prose is well punctuated, and offsets matter more
than linguistic subtlety (every quote must slice back out of the report). It does not
handle dialogue or nested quotations specially.
"""

from __future__ import annotations

import re

# "e.g. the" must not end a sentence; these are the abbreviations seen in CQC prose.
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "approx",
        "cllr",
        "prof",
        "inc",
        "ltd",
        "co",
        "fig",
        "para",
    ]
)
# Characters below which a "sentence" is a list marker or a stray heading, not a statement:
# neither quoted in an answer nor embedded as a sentence window.
MIN_SENTENCE = 12
# A numbered list item ("5. Partnership and communities – 3") starts a sentence at its
# number; the dot after the number ends nothing (it used to split "5." from its item).
_BOUNDARY = re.compile(
    r"[.!?]['\")\]]*(?=\s+[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[-*•]\s)|\n(?=[ \t]*\d{1,2}[.)]\s)"
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-empty, stripped, ordered (start, end) spans of the sentences in text[start:end]."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group().startswith((".",)) and (
            _ends_with_abbreviation(text, cursor, match.start())
            or _is_list_number(text, match.start())
        ):
            continue
        _add(spans, text, cursor, match.end())
        cursor = match.end()
    _add(spans, text, cursor, end)
    return spans


def sentence_before(text: str, start: int) -> tuple[int, int] | None:
    """The span of the sentence before the one at `start`, in the same paragraph (what a
    sentence's "it" or "in the same year" refers to); None at a paragraph's start.

    Dense search embeds each sentence with this one (rag.windows) and the answerer reads
    it as the sentence's context: one definition, so the answerer can reuse the vectors
    ingest stored instead of embedding the same text again.

    >>> text = "Waits fell. Carers waited 12 weeks."
    >>> sentence_before(text, 12), sentence_before(text, 0)
    ((0, 11), None)
    """
    paragraph_start = text.rfind("\n\n", 0, start) + 1
    before = sentence_spans(text, paragraph_start, start)
    return before[-1] if before else None


def _is_list_number(text: str, dot: int) -> bool:
    """Is the dot a list number's ("12."), alone at the start of its line? Only the few
    characters before the dot are read: scanning back to the line's start made one long
    paragraph cost its length squared (232 s for a 19 MB single-paragraph file)."""
    lo = max(0, dot - 8)
    window = text[lo:dot]
    newline = window.rfind("\n")
    number = window[newline + 1 :].strip()
    if not (number.isdigit() and len(number) <= 2):
        return False
    if newline >= 0 or lo == 0:
        return True
    # spaces and a short number fill the window: the rest of the line must be blank
    return not text[text.rfind("\n", 0, lo) + 1 : lo].strip()


_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS)) + 2  # "e.g." and a spare dot


def _ends_with_abbreviation(text: str, start: int, dot: int) -> bool:
    # Only the few characters before the dot are looked at: searching text[start:dot] made
    # a sentence with many dots (a long run of "e.g.", a table flattened to text) cost
    # its length squared.
    lo = max(start, dot - _LONGEST_ABBREVIATION - 1)
    word = _WORD_BEFORE.search(text, lo, dot)
    if word is None or (word.start() == lo and lo > start and _IS_WORD.match(text[lo - 1])):
        return False  # no word, or a longer word than any abbreviation
    return word.group(1).lower().rstrip(".") in _ABBREVIATIONS


_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_IS_WORD = re.compile(r"[A-Za-z.]")


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
