"""Extractive answers: the report's own sentences, each with a numbered citation.

No language model. Candidate sentences come from the top passages; each gets a support
score mixing meaning (cosine to the question, MiniLM) and wording (the share of the
question's IDF-weighted terms it contains, its heading included), nudged by what the
question asks for (a number for "how many"). The best few become the answer. When even
the best is weak, the answer says the reports do not answer it and shows the closest
passages instead: the threshold is calibrated on the evaluation set (eval/CALIBRATION.md).
Score questions are answered from section metadata, citing the "Score: N" line.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ingest.sentences import MIN_SENTENCE, sentence_spans
from rag.analysis import (
    YEAR_OR_PERIOD,
    answer_numbers,
    covers_periods,
    new_names,
    periods,
    quantity_fits,
    terms,
)
from rag.config import AnswerSettings
from rag.inert import gives_orders
from rag.query import Intent, core_name
from rag.types import Answer, ChunkRecord, Citation, Filters, Passage, Turn

NOT_FOUND = "The indexed reports do not appear to answer this question."

_CANDIDATES = 14  # sentences embedded per question: ~40 ms of MiniLM on 2 cores
_SCORE_SPAN = re.compile(r"Score:\s*[1-4][^\n]*(?:\n\s*\n?[1-4]\s*[-–—]\s*Evidence[^\n]*)?")


@dataclass(frozen=True, slots=True)
class Candidate:
    passage: Passage
    start: int
    end: int
    lexical: float
    support: float = 0.0
    context: str = ""  # the sentence before, in the same paragraph (what "it" refers to)

    @property
    def text(self) -> str:
        return self.passage.record.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Draft:
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    support: float  # best sentence's support: what the abstention threshold is compared to
    also: tuple[str, ...] = ()  # councils left out by the one-council rule that also answer


@dataclass(frozen=True, slots=True)
class Drafted:
    """A question answered extractively, with what the answer rests on: the `Answer` the
    user gets, or, in generative mode, what the model is given (the draft the fallback)."""

    question: str
    draft: Draft
    passages: tuple[Passage, ...]
    applied: Filters
    started: float  # perf_counter() when the question came in
    fingerprint: str
    retrieve_ms: float = 0.0
    history: tuple[Turn, ...] = ()
    notice: str | None = None  # e.g. the question named no council and the passages span several

    def answer(self, mode: str = "extractive", draft: Draft | None = None) -> Answer:
        draft = draft or self.draft
        total = (time.perf_counter() - self.started) * 1000
        return Answer(
            question=self.question,
            text=draft.text,
            abstained=draft.abstained,
            citations=draft.citations,
            passages=self.passages,
            index_fingerprint=self.fingerprint,
            mode=mode,
            filters=self.applied,
            timings_ms={
                "retrieve": round(self.retrieve_ms, 2),
                "answer": round(total - self.retrieve_ms, 2),
                "total": round(total, 2),
            },
            support=round(draft.support, 4),
            notice=self.notice,
        )


def coverage(question_terms: dict[str, float], text_terms: set[str]) -> float:
    """IDF-weighted share of the question's terms found in a text (0-1)."""
    total = sum(question_terms.values())
    return sum(w for t, w in question_terms.items() if t in text_terms) / total if total else 0.0


def weigh_terms(
    question: str, idf: Callable[[str], float], authorities: Sequence[str] = ()
) -> dict[str, float]:
    """IDF weight of each question term. Council names are left out (the authority
    filter already holds them) and so are years (the period rule checks them exactly)."""
    for authority in authorities:
        question = re.sub(re.escape(authority), " ", question, flags=re.I)
        question = re.sub(rf"\b{re.escape(core_name(authority))}\b", " ", question, flags=re.I)
    for start, end in reversed([m.span() for m in YEAR_OR_PERIOD.finditer(question)]):
        question = question[:start] + " " + question[end:]
    return {t: idf(t) for t in set(terms(question))}


def candidates(
    passages: Sequence[Passage], question: str, question_terms: dict[str, float], intent: Intent
) -> list[Candidate]:
    asked_periods = periods(question)
    out = []
    for p in passages:
        heading_terms = set(terms(" ".join(p.record.section_path)))
        text = p.record.text
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if len(sentence) < MIN_SENTENCE or _SCORE_SPAN.fullmatch(sentence):
                continue
            if gives_orders(sentence):  # report text that gives orders is data (rag.inert)
                continue
            # A question about 2021/22 is not answered by a sentence about 2023/24. The
            # year may stand earlier in the paragraph ("In the same year, ..."), so the
            # paragraph up to the sentence is read, not the sentence alone.
            paragraph_start = text.rfind("\n\n", 0, start) + 1
            paragraph = text[paragraph_start:end]
            if asked_periods and not covers_periods(asked_periods, paragraph, sentence):
                continue
            before = [sp for sp in sentence_spans(text, paragraph_start, start)]
            context = text[before[-1][0] : before[-1][1]] if before else ""
            own_terms = set(terms(sentence))
            own = coverage(question_terms, own_terms)
            in_context = coverage(question_terms, own_terms | heading_terms | set(terms(context)))
            lexical = 0.6 * own + 0.4 * in_context
            # "How many" wants a figure the question did not already give (a year is not
            # an answer to "how many"); "who" wants a name the question did not give.
            if intent.numeric and not (
                answer_numbers(sentence, question) and quantity_fits(question, sentence)
            ):
                continue
            if intent.person and not new_names(sentence, question):
                continue
            out.append(Candidate(p, start, end, lexical, context=context))
    return out


def rank_candidates(
    cands: list[Candidate], question_vector: np.ndarray, embed: Callable[[list[str]], np.ndarray]
) -> list[Candidate]:
    """Embed the lexically best sentences and order them by support."""
    prior = sorted(
        cands, key=lambda c: (-(c.lexical + 0.04 / c.passage.rank), c.passage.rank, c.start)
    )
    shortlist = prior[:_CANDIDATES]
    if not shortlist:
        return []
    vectors = embed([f"{c.context} {c.text}".strip() for c in shortlist])
    sims = vectors @ question_vector
    scored = [
        Candidate(
            c.passage,
            c.start,
            c.end,
            c.lexical,
            support=0.5 * float(s) + 0.5 * c.lexical,
            context=c.context,
        )
        for c, s in zip(shortlist, sims, strict=True)
    ]
    return sorted(scored, key=lambda c: (-c.support, c.passage.rank, c.start))


def compose(
    question: str,
    ranked: list[Candidate],
    intent: Intent,
    settings: AnswerSettings,
    compare: Sequence[str] = (),
    *,
    one_council: bool = False,
) -> Draft:
    """The answer from the best sentences; with `compare` (councils the question names
    together) the best sentence for each of them comes first. With `one_council` (a
    question about "the council" that names none) every sentence comes from the council
    of the best one: quotes from several councils would read as one council's answer."""
    if not ranked or ranked[0].support < settings.abstain_below:
        return Draft(NOT_FOUND, (), True, ranked[0].support if ranked else 0.0)
    best = ranked[0]
    # Keep sentences nearly as strong as the best: a second sentence that supports the
    # answer much less is more likely to mislead than to help.
    margin = 0.06 if intent.numeric else 0.1
    floor = max(settings.abstain_below, best.support - margin)
    also: tuple[str, ...] = ()
    if one_council:
        here = best.passage.record.authority
        also = tuple(
            dict.fromkeys(
                c.passage.record.authority
                for c in ranked
                if c.support >= floor and c.passage.record.authority != here
            )
        )
        ranked = [c for c in ranked if c.passage.record.authority == here]
    limit = (
        settings.max_sentences
        if intent.listing or not intent.numeric
        else min(2, settings.max_sentences)
    )
    chosen = []
    for authority in compare:
        top = next((c for c in ranked if c.passage.record.authority == authority), None)
        if top is not None and top.support >= settings.abstain_below:
            chosen.append(top)
    limit = max(limit, len(chosen))
    chosen = chosen or [best]
    for c in ranked:
        if len(chosen) >= limit:
            break
        if c.support >= floor and not _overlaps(c, chosen):
            chosen.append(c)
    citations = tuple(
        Citation(n, c.passage.record, c.text, c.start) for n, c in enumerate(chosen, start=1)
    )
    # Quotes from several councils say which council each is about; the quote itself
    # stays the report's exact words.
    several = len({c.passage.record.authority for c in chosen}) > 1
    text = " ".join(
        f"{c.passage.record.authority + ': ' if several else ''}{c.text} [{n}]"
        for n, c in enumerate(chosen, start=1)
    )
    return Draft(text, citations, False, best.support, also)


def scope_notice(
    passages: Sequence[Passage],
    *,
    scoped: bool,
    cited: Sequence[Citation] = (),
    also: Sequence[str] = (),
    most: int = 3,
) -> str | None:
    """What to tell a user whose question named no council when the evidence found spans
    several: over 153 councils' reports an unscoped question is answered from the council
    that says it best, which may not be the one meant; `also` names the councils whose
    reports answer it nearly as well (the answer leaves them out)."""
    if scoped:
        return None
    councils = list(dict.fromkeys(p.record.authority for p in passages))
    if len(councils) < 2:
        return None
    named = ", ".join(councils[:most]) + (
        f" and {len(councils) - most} more" if len(councils) > most else ""
    )
    quoted = list(dict.fromkeys(c.record.authority for c in cited))
    others = [a for a in also if a not in quoted]
    alike = f" (close matches also in {_names(others, most)})" if others else ""
    answer = f"the answer quotes {' and '.join(quoted)}{alike}, and " if quoted else ""
    return (
        f"The question names no council: {answer}the passages come from {len(councils)} councils ({named}). "
        "Name the council, or choose it in the council filter, to answer about that council only."
    )


def _names(names: Sequence[str], most: int) -> str:
    """'A', 'A and B', 'A, B, C and 2 more'."""
    if len(names) > most:
        return f"{', '.join(names[:most])} and {len(names) - most} more"
    return " and ".join(names) if len(names) < 3 else f"{', '.join(names[:-1])} and {names[-1]}"


def _overlaps(c: Candidate, chosen: list[Candidate]) -> bool:
    return any(
        (o.passage.record.chunk_id == c.passage.record.chunk_id and o.start == c.start)
        or o.text.strip().lower() == c.text.strip().lower()
        for o in chosen
    )


def score_answer(
    statement: str | None, records: Sequence[ChunkRecord], authorities: Sequence[str]
) -> Draft | None:
    """'What score did X get for <statement>?' from metadata, citing the score line(s) of
    the councils asked about (all indexed councils when none is named)."""
    lines = []
    citations: list[Citation] = []
    seen: set[tuple[str, str | None]] = set()
    for r in records:
        if (
            r.quality_statement != statement
            or r.score is None
            or (authorities and r.authority not in authorities)
        ):
            continue
        m = _SCORE_SPAN.search(r.text)
        if m is None or (r.authority, r.quality_statement) in seen:
            continue
        seen.add((r.authority, r.quality_statement))
        n = len(citations) + 1
        citations.append(Citation(n, r, m.group(), m.start()))
        meaning = f" ({r.score_meaning.split(' - ', 1)[-1].lower()})" if r.score_meaning else ""
        lines.append(f"{r.authority} was scored {r.score} out of 4 for {statement}{meaning} [{n}].")
    if not citations:
        return None
    return Draft(" ".join(lines), tuple(citations), False, 1.0)
