"""Is this quote in the reports? A verdict for staff checking a quote: exact, close, or not found.

Search ranks passages by relevance and always returns some, so on its own it never says
"not found" (nonsense still got five passages). `check_quote` compares the pasted text
with candidate passages word by word and says which of three things is true:

- **exact**: the words occur in this order in one passage (case, spacing, curly quotes and
  dashes aside);
- **close**: at least `CLOSE_SHARE` of the quote's words occur in order in one passage (a
  word changed, dropped or added: a paraphrase in a briefing, a typo);
- **not_found**: neither, in any passage given.

Pure: it reads the records it is given and nothing else. `Assistant.find_quote` supplies
the candidates (the search hits plus, for an exact check, every record in scope).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from rag.types import ChunkRecord, Filters, Passage

Verdict = Literal["exact", "close", "not_found"]
# 0.75: "received 220 complaints in the year" against the report's "there had been 220
# complaints from April 2023" is 3 of 6 words (0.5, not close); a quote with one word of
# four changed is 0.75 (close). Below four words a share is too coarse, so short queries
# need every word, in order, to count as close.
CLOSE_SHARE = 0.75
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    verdict: Verdict
    quote: str
    record: ChunkRecord | None  # where it was found (exact or close); None when not found
    start: int = 0  # the matching span within record.text
    end: int = 0
    share: float = 0.0  # the quote's words found in order in that passage (1.0 when exact)

    @property
    def where(self) -> str:
        """'Northmere Borough Council, page 12, section Learning › Feedback (northmere.md)'."""
        r = self.record
        if r is None:
            return ""
        bits = [r.authority]
        if r.pages:
            bits.append(f"page {r.pages[0]}")
        if r.section_path:
            bits.append("section " + " › ".join(r.section_path))
        return ", ".join(bits) + f" ({r.report})"

    @property
    def message(self) -> str:
        if self.verdict == "exact":
            return f"Exact quote found in {self.where}."
        if self.verdict == "close":
            return (
                f"Close match ({self.share:.0%} of the words, in order) in {self.where}. "
                "The highlighted words are the report's own: check them against your quote."
            )
        return (
            "Not in the indexed reports: no passage contains these words in this order. "
            "The passages below are the nearest by meaning, for reference."
        )

    def to_json(self) -> dict[str, Any]:
        r = self.record
        return {
            "verdict": self.verdict,
            "message": self.message,
            "share": round(self.share, 3),
            "chunk_id": r.chunk_id if r else None,
            "report": r.report if r else None,
            "authority": r.authority if r else None,
            "section_path": list(r.section_path) if r else [],
            "page": r.pages[0] if r and r.pages else None,
            "matched": r.text[self.start : self.end] if r else None,
        }


def words(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of every word: case, curly quotes and dashes aside."""
    return [(m.group().translate(_FOLD).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _best_in(quote: Sequence[str], record: ChunkRecord) -> tuple[float, bool, int, int]:
    """(share of quote words in order, exact?, span start, span end) within one record."""
    found = words(record.text)
    text_words = [w for w, _, _ in found]
    n = len(quote)
    for i in range(len(text_words) - n + 1):  # exact: the word sequence occurs as is
        if text_words[i : i + n] == list(quote):
            return 1.0, True, found[i][1], found[i + n - 1][2]
    matcher = SequenceMatcher(None, list(quote), text_words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0.0, False, 0, 0
    share = sum(b.size for b in blocks) / n
    first, last = blocks[0], blocks[-1]
    # A close match is one stretch of the passage, not words scattered across it: the
    # matched span may be at most twice the quote's length.
    span_words = last.b + last.size - first.b
    if span_words > 2 * n:
        share = min(share, n / span_words)
    return share, False, found[first.b][1], found[last.b + last.size - 1][2]


def check_quote(quote: str, records: Iterable[ChunkRecord]) -> QuoteCheck:
    """The best verdict for `quote` over `records` (exact beats close beats not found)."""
    wanted = tuple(w for w, _, _ in words(quote))
    if not wanted:
        return QuoteCheck("not_found", quote, None)
    need = CLOSE_SHARE if len(wanted) >= 4 else 1.0
    best: QuoteCheck | None = None
    for record in records:
        share, exact, start, end = _best_in(wanted, record)
        if exact:
            return QuoteCheck("exact", quote, record, start, end, 1.0)
        if share >= need and (best is None or share > best.share):
            best = QuoteCheck("close", quote, record, start, end, share)
    return best or QuoteCheck("not_found", quote, None)


def check_in_scope(
    quote: str, records: Iterable[ChunkRecord], scope: Filters, hits: Iterable[Passage]
) -> QuoteCheck:
    """The verdict over every record in `scope` that may contain the quote, plus the hits:
    a quote is in a report or not, whatever search ranks first."""
    candidates = [r for r in records if scope.matches(r) and may_contain(quote, r)]
    return check_quote(quote, [*candidates, *(p.record for p in hits)])


def may_contain(quote: str, record: ChunkRecord) -> bool:
    """A cheap filter before the exact scan: the quote's longest word is in the text."""
    longest = max((w for w, _, _ in words(quote)), key=len, default="")
    return longest in record.text.translate(_FOLD).lower()
