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
from dataclasses import dataclass, replace

import numpy as np

from ingest.sentences import MIN_SENTENCE, sentence_spans
from rag import neighbours, rules
from rag.acronyms import writes
from rag.analysis import terms
from rag.config import AnswerSettings
from rag.facts.markers import marker
from rag.question import Question
from rag.rules import Candidate
from rag.types import Answer, Citation, Filters, Passage, Turn

NOT_FOUND = "The indexed reports do not appear to answer this question."

_CANDIDATES = 14  # sentences scored by meaning per question (stored window vectors)
_SCORE_SPAN = re.compile(r"Score:\s*[1-4][^\n]*(?:\n\s*\n?[1-4]\s*[-–—]\s*Evidence[^\n]*)?")


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


def candidates(
    passages: Sequence[Passage], q: Question, off: frozenset[str] = frozenset()
) -> list[Candidate]:
    """Every sentence of the passages that the candidate rules admit (`rag.rules`), with
    its wording score: the IDF-weighted share of the question's terms in the sentence
    (0.6) and in the sentence with its heading and the sentence before (0.4)."""
    out = []
    for p in passages:
        heading_terms = set(terms(" ".join(p.record.section_path)))
        text = p.record.text
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if len(sentence) < MIN_SENTENCE or _SCORE_SPAN.fullmatch(sentence):
                continue
            paragraph_start = text.rfind("\n\n", 0, start) + 1
            before = sentence_spans(text, paragraph_start, start)
            context_start = before[-1][0] if before else -1
            context = text[before[-1][0] : before[-1][1]] if before else ""
            cand = Candidate(p, start, end, 0.0, 0.0, context, context_start, paragraph_start)
            if not rules.admitted(q, cand, off):
                continue
            own_terms = set(terms(sentence))
            # "the current PSW" speaks of the "Principal Social Worker" a question names
            for acronym, meaning in q.abbreviations:
                if writes(acronym, sentence):
                    own_terms.update(terms(meaning))
            own = coverage(q.weights, own_terms)
            in_context = coverage(q.weights, own_terms | heading_terms | set(terms(context)))
            # 0.6/0.4: the sentence's own words count more than its surroundings'; hand-set
            # in 1d81060 (when headings and the sentence before joined) and never swept.
            out.append(replace(cand, lexical=0.6 * own + 0.4 * in_context))
    if rules.on("share_measure", off):
        out = rules.share_measure(q, out)
    if rules.on("focus_required", off):
        out = rules.focus_required(q, out)
    return rules.focus(q, out) if rules.on("focus", off) else out


def rank_candidates(
    cands: list[Candidate],
    question_vector: np.ndarray,
    vectors: Callable[[list[tuple[str, str]]], np.ndarray],
) -> list[Candidate]:
    """Order the lexically best sentences by support. `vectors` gives the unit vector of
    each (chunk id, sentence with its context): ingest stored these as sentence windows
    (rag.windows), so they are looked up, and only a window not stored is embedded."""
    # Which sentences to score by meaning: wording first, nudged by the passage's rank
    # (0.04 at rank 1, 0.02 at rank 2: a tie-breaker, hand-set in aeecaf0, never swept).
    prior = sorted(
        cands, key=lambda c: (-(c.lexical + 0.04 / c.passage.rank), c.passage.rank, c.start)
    )
    shortlist = prior[:_CANDIDATES]
    if not shortlist:
        return []
    matrix = vectors(
        [(c.passage.record.chunk_id, f"{c.context} {c.text}".strip()) for c in shortlist]
    )
    sims = matrix @ question_vector
    # Meaning and wording weigh equally: set by hand in the first answerer (aeecaf0) and
    # never swept; the abstention threshold (eval/CALIBRATION.md) is calibrated on this mix,
    # so a change here re-opens that calibration.
    scored = [
        replace(c, support=0.5 * float(s) + 0.5 * c.lexical)
        for c, s in zip(shortlist, sims, strict=True)
    ]
    return sorted(scored, key=lambda c: (-c.support, c.passage.rank, c.start))


def compose(
    q: Question,
    ranked: list[Candidate],
    settings: AnswerSettings,
    compare: Sequence[str] = (),
    *,
    one_council: bool = False,
    asks: Sequence[list[Candidate]] = (),
) -> Draft:
    """The answer from the best sentences; with `compare` (councils the question names
    together) the best sentence for each of them comes first. With `one_council` (a
    question about "the council" that names none) every sentence comes from the council
    of the best one: quotes from several councils would read as one council's answer."""
    off = settings.off
    if not ranked or ranked[0].support < settings.abstain_below:
        return Draft(NOT_FOUND, (), True, ranked[0].support if ranked else 0.0)
    best = ranked[0]
    # Keep sentences nearly as strong as the best: a second sentence that supports the
    # answer much less is more likely to mislead than to help. 0.06: a sweep on the dev set
    # (eval/CALIBRATION.md, 2026-12-01) of 0.10 / 0.08 / 0.06 / 0.04 gave citation precision
    # 0.931 / 0.949 / 0.949 / 0.959 with fact recall 0.953 at every value; the numeric margin
    # was 0.06 already, so one margin now serves every question.
    margin = 0.06
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
    limit = settings.max_sentences if q.listing or not q.numeric else min(2, settings.max_sentences)
    one = not q.listing and not q.across and (q.numeric or q.person or q.which_council or q.yes_no)
    if rules.on("one_fact", off) and one:
        limit = 1  # one figure, one name, one council: a second sentence only dilutes it
    chosen = []
    for authority in compare:
        top = next((c for c in ranked if c.passage.record.authority == authority), None)
        if top is not None and top.support >= settings.abstain_below:
            chosen.append(top)
    # Councils named together get their best sentence each, and no more unless a list is
    # asked for: a third sentence about one of them reads as part of the comparison.
    limit = len(chosen) if len(chosen) >= 2 and not q.listing else max(limit, len(chosen))
    chosen = chosen or [best]
    for c in ranked:
        if len(chosen) >= limit:
            break
        if c.support >= floor and not _overlaps(c, chosen):
            chosen.append(c)
    # A question that asks two things gets each ask's best sentence, when it is not
    # quoted already (rule "two_asks").
    for ask in asks:
        top = next(
            (
                c
                for c in ask
                if c.support >= settings.abstain_below
                and (not one_council or c.passage.record.authority == best.passage.record.authority)
            ),
            None,
        )
        if top is not None and not _overlaps(top, chosen):
            chosen.append(top)
    if asks and len({c.passage.record.report for c in chosen}) == 1:
        # the asks' sentences from one report read in the report's order
        chosen.sort(key=lambda c: (c.passage.record.position, c.start))
    if rules.on("lean_back", off):
        chosen = [_with_sentence_before(c) for c in chosen]
    if rules.on("follow_on", off):
        chosen = [_with_sentence_after(c) for c in chosen]
    chosen = _without_nested(chosen)
    citations = tuple(
        Citation(n, c.passage.record, c.text, c.start) for n, c in enumerate(chosen, start=1)
    )
    # Quotes from several councils say which council each is about, and so does the
    # answer to "which council ...?"; the quote itself stays the report's exact words.
    named = len({c.passage.record.authority for c in chosen}) > 1 or (
        q.which_council and rules.on("name_council", off)
    )
    text = " ".join(
        f"{c.passage.record.authority + ': ' if named else ''}{c.text} {marker(n)}"
        for n, c in enumerate(chosen, start=1)
    )
    return Draft(text, citations, False, best.support, also)


def _without_nested(chosen: list[Candidate]) -> list[Candidate]:
    """Drop a quote that another (earlier, or wider) quote of the same passage contains."""

    def inside(c: Candidate, o: Candidate) -> bool:
        same = o.passage.record.chunk_id == c.passage.record.chunk_id
        return same and o.start <= c.start and c.end <= o.end

    return [
        c
        for i, c in enumerate(chosen)
        if not any(
            inside(c, o) and (j < i or (o.start, o.end) != (c.start, c.end))
            for j, o in enumerate(chosen)
            if j != i
        )
    ]


def _with_sentence_after(c: Candidate) -> Candidate:
    """The quote widened to the next sentence of its paragraph when that one judges it
    (rule "follow_on")."""
    after = neighbours.judgement_after(c.passage.record.text, c.end)
    return replace(c, end=after[1]) if after else c


def _with_sentence_before(c: Candidate) -> Candidate:
    """The quote widened to the sentence before when it leans on it (rule "lean_back")."""
    if c.context_start < 0 or not neighbours.leans_back(c.text):
        return c
    return replace(c, start=c.context_start, context="", context_start=-1)


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
