"""Split a section into token-bounded chunks with exact offsets.

Pure, with the token counter injected: `rag` passes one that counts both tiktoken's
cl100k_base and the embedding model's word pieces, so a chunk fits the configured budget
and what MiniLM actually reads (it stops at 256 word pieces). Chunks follow sentence
boundaries, prefer paragraph breaks, never cross the section, never overlap, and cover
every sentence of the section in order: `section.text[c.start:c.end] == c.text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ingest.sentences import sentence_spans
from ingest.types import Chunk, Section

TokenCounter = Callable[[str], int]


def chunk_spans(
    text: str,
    max_tokens: int,
    count_tokens: TokenCounter,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Greedy packing of sentences into spans of at most `max_tokens` tokens.

    `sentences` are `sentence_spans(text)` when the caller already has them. Linear in the
    text: each sentence is split once and each piece counted a bounded number of times."""
    if max_tokens < 8:
        raise ValueError(f"max_tokens={max_tokens} is too small to hold a sentence; use 32 or more")
    units = [
        piece
        for s, e in (sentence_spans(text) if sentences is None else sentences)
        for piece in _fit(text, s, e, max_tokens, count_tokens)
    ]
    spans: list[tuple[int, int]] = []
    start, end, used = -1, -1, 0
    for s, e in units:
        cost = count_tokens(text[s:e]) + 1  # +1: the joining whitespace may cost a token
        new_paragraph = start >= 0 and "\n\n" in text[end:s]
        # Close the chunk when the sentence would overflow it, or at a paragraph break once
        # the chunk is already two-thirds full (keeps paragraphs whole where it is cheap).
        if start >= 0 and used + cost > max_tokens and not new_paragraph:
            exact = count_tokens(text[start:e])
            if exact <= max_tokens:  # the estimate was pessimistic: the sentence fits after all
                end, used = e, exact
                continue
        if start >= 0 and (
            used + cost > max_tokens or (new_paragraph and used > 2 * max_tokens // 3)
        ):
            spans.extend(_verified(text, start, end, max_tokens, count_tokens))
            start = -1
        if start < 0:
            start, used = s, 0
        end, used = e, used + cost
    if start >= 0:
        spans.extend(_verified(text, start, end, max_tokens, count_tokens))
    return spans


def _verified(
    text: str, start: int, end: int, max_tokens: int, count: TokenCounter
) -> list[tuple[int, int]]:
    """Token counts are not exactly additive; re-check the packed span and split if over."""
    if count(text[start:end]) <= max_tokens:
        return [(start, end)]
    return list(_fit(text, start, end, max_tokens // 2 or 1, count))


def _fit(
    text: str, start: int, end: int, max_tokens: int, count: TokenCounter
) -> list[tuple[int, int]]:
    """A span as is if it fits, else cut at word boundaries into pieces that fit."""
    # Every word costs at least one token, so a span of more than max_tokens words cannot
    # fit: not counting it keeps a 19 MB sentence (no full stops) from being tokenised whole.
    if _at_most_words(text, start, end, max_tokens) and count(text[start:end]) <= max_tokens:
        return [(start, end)]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    pieces: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        # Binary search for the furthest word that still fits, among the next max_tokens
        # words only (more cannot fit): the whole rest of the span made it quadratic.
        lo, hi = i, min(len(words), i + max_tokens) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(text[words[i][0] : words[mid][1]]) <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        if lo == i and count(text[words[i][0] : words[i][1]]) > max_tokens:
            pieces.extend(_split_word(text, *words[i], max_tokens, count))
        else:
            pieces.append((words[i][0], words[lo][1]))
        i = lo + 1
    return pieces


def _at_most_words(text: str, start: int, end: int, limit: int) -> bool:
    return all(n < limit for n, _ in enumerate(_WORD.finditer(text, start, end)))


_WORD = re.compile(r"\S+")


def _split_word(
    text: str, start: int, end: int, max_tokens: int, count: TokenCounter
) -> list[tuple[int, int]]:
    """A single 'word' longer than the budget (a URL, a run of symbols): cut by characters."""
    pieces, s = [], start
    while s < end:
        # Halve from the whole rest, as before, but without counting a piece longer than 64
        # characters a token (none fits): counting the rest of a 19 MB "word" at each cut
        # was quadratic. The cuts are the same as when every halving was counted.
        e = end
        while e - s > 1 and (e - s > 64 * max_tokens or count(text[s:e]) > max_tokens):
            e = s + (e - s) // 2
        pieces.append((s, e))
        s = e
    return pieces


def chunk_section(
    section: Section,
    *,
    max_tokens: int,
    count_tokens: TokenCounter,
    first_index: int = 0,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Chunk]:
    return [
        Chunk(
            section=section,
            index=first_index + i,
            start=s,
            end=e,
            text=section.text[s:e],
            pages=section.pages,
        )
        for i, (s, e) in enumerate(chunk_spans(section.text, max_tokens, count_tokens, sentences))
    ]
