"""The benchmark's questions: drawn deterministically from templates over the corpus.

Subjects are the findings subsections the corpus generator writes under every quality
statement ("timeliness of assessments and reviews", "unpaid carers", ...), so every
question has passages to find in every generated report. A third of the questions name
no council, a third pass an authority filter, a third name the council in the text
(`find_authority` turns that into a filter too). The same (authorities, n, seed) always
give the same questions, all distinct: a repeated question would hit the query-vector
cache and flatter the latency. No score or rating words: those take the score shortcut,
which does no retrieval. This module asks nothing; `eval.bench.measure` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

from eval.corpus.statements import QUALITY_STATEMENTS

# "{subject}" is a findings subsection title in lower case; "{place}" the council's name.
_TEMPLATES = (
    "What did {place} find about {subject}?",
    "What were the main concerns about {subject} at {place}?",
    "How well was {place} doing on {subject}?",
    "What did people tell inspectors about {subject} at {place}?",
    "What improvements did {place} make to {subject}?",
    "What figures did {place} report for {subject}?",
    "Which partners worked with {place} on {subject}?",
    "What worked well for {subject} according to {place}?",
    "What shortfalls were found in {subject} at {place}?",
    "How long did people wait in relation to {subject} at {place}?",
    "What did staff at {place} say about {subject}?",
    "What plans did {place} have for {subject}?",
)
_NO_PLACE = "the council"  # what an unnamed question says instead of a name
MODES = ("none", "filter", "named")


@dataclass(frozen=True, slots=True)
class BenchQuery:
    """One question, and the authority filter it is asked with (None: no filter)."""

    text: str
    authority: str | None
    mode: str  # "none", "filter" (authority passed as a filter) or "named" (in the text)


def subjects() -> tuple[str, ...]:
    """Findings subsection titles of every quality statement, deduplicated, in order."""
    seen: dict[str, None] = {}
    for qs in QUALITY_STATEMENTS:
        for sub in qs.subsections:
            seen.setdefault(sub.title[0].lower() + sub.title[1:], None)
    return tuple(seen)


def bench_queries(authorities: Sequence[str], n: int, seed: int) -> tuple[BenchQuery, ...]:
    """n distinct questions over `authorities`, modes in turn (none, filter, named)."""
    if not authorities:
        raise ValueError("bench_queries needs at least one authority name to ask about")
    rng = Random(f"cqc-rag-bench:{seed}")
    topics = subjects()
    places = sorted(authorities)
    out: list[BenchQuery] = []
    seen: set[tuple[str, str | None]] = set()
    # The space is len(_TEMPLATES) x len(topics) x (1 + 2 x authorities), ~1,400 for one
    # authority; give up only after many misses so a small corpus still gets n questions.
    misses = 0
    while len(out) < n and misses < 50 * max(n, 1):
        mode = MODES[len(out) % len(MODES)]
        template, subject = rng.choice(_TEMPLATES), rng.choice(topics)
        place = rng.choice(places) if mode != "none" else None
        shown = place if mode == "named" else _NO_PLACE
        text = template.format(place=shown, subject=subject)
        key = (text, place)
        if key in seen:
            misses += 1
            continue
        seen.add(key)
        out.append(BenchQuery(text, place if mode == "filter" else None, mode))
    if len(out) < n:
        raise ValueError(
            f"only {len(out)} distinct questions exist for {len(places)} authorities; ask for fewer"
        )
    return tuple(out)
