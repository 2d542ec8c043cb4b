"""The path of one question, after it is read: route it (the route rules), or retrieve,
pick sentences by the candidate and pool rules, and compose the cited answer.

`respond` is what `Assistant.ask` runs; its dependencies (index, query embedder, stored
window vectors) are passed in, so the path is testable with fakes. It returns the finished
`Answer`, or the `Drafted` extractive answer that generative mode hands to the LLM.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from rag import answering
from rag.config import Settings
from rag.index import Index
from rag.question import Question
from rag.retrieval import retrieve_each
from rag.rules import on
from rag.score_answers import score_answer
from rag.scores import table_of
from rag.types import Answer, Filters, Turn


def respond(
    question: str,
    q: Question,
    asked: Filters,
    *,
    index: Index,
    settings: Settings,
    fingerprint: str,
    embed_query: Callable[[str], np.ndarray],
    window_vectors: Callable[[list[tuple[str, str]]], np.ndarray],
    started: float,
    k: int | None = None,
    history: tuple[Turn, ...] = (),
) -> Answer | answering.Drafted:
    """The answer to `q` (read from `question`) with the filters the user `asked` for."""
    names = index.authorities()
    off = settings.answer.off
    mentioned = list(q.councils)
    named = Filters(authority=mentioned[0] if len(mentioned) == 1 else None)
    applied = asked.merged(named).merged(Filters() if len(mentioned) > 1 else q.inherited)
    per_council = on("per_council", off) and not applied.authority
    compare = mentioned if per_council else []

    def refuse(text: str) -> Answer:
        draft = answering.Draft(text, (), True, 0.0)
        return answering.Drafted(question, draft, (), applied, started, fingerprint).answer()

    if q.scores is not None and on("scores", off):  # computed from the scores table
        return score_answer(q.scores, table_of(index), question, applied, started, fingerprint)
    # "Which council works with North Tyneside ...?" names a partner, not the council asked about.
    about_other = q.not_indexed and not q.councils and not q.which_council
    if about_other and not asked.authority and on("not_indexed", off):
        reports = "report is" if len(q.not_indexed) == 1 else "reports are"
        return refuse(
            f"{' and '.join(q.not_indexed)}'s {reports} not indexed, so the reports cannot "
            f"answer this. Indexed authorities: {', '.join(names)}. Index that council's "
            "report to ask about it."
        )
    if q.unknown and not asked.authority and on("unknown_name", off):
        return refuse(
            f"No indexed report mentions {', '.join(q.unknown)}. {answering.NOT_FOUND} "
            f"Indexed authorities: {', '.join(names)}."
        )

    t0 = time.perf_counter()
    vector = embed_query(q.search_text)
    passages = retrieve_each(
        q.search_text,
        vector,
        index=index,
        filters=applied,
        councils=compare,
        settings=settings.retrieval,
        k=k,
    )
    retrieve_ms = (time.perf_counter() - t0) * 1000

    def ranked_for(asked: Question) -> list[answering.Candidate]:
        return answering.rank_candidates(
            answering.candidates(passages, asked, off), vector, window_vectors
        )

    ranked = ranked_for(q)
    # Two asks ("When was it, and how many ...?"): each ask's best sentence is quoted too;
    # when no sentence answers the whole question, the best-answered ask leads.
    asks = [ranked_for(part) for part in q.parts] if on("two_asks", off) else []
    if asks and (not ranked or ranked[0].support < settings.answer.abstain_below):
        ranked = max(asks, key=lambda r: r[0].support if r else -1.0)
    scoped = bool(applied.authority or compare)
    draft = answering.compose(
        q,
        ranked,
        settings.answer,
        compare,
        one_council=not scoped and not q.across and on("one_council", off),
        asks=asks,
    )
    notice = (
        None
        if draft.abstained
        else answering.scope_notice(passages, scoped=scoped, cited=draft.citations, also=draft.also)
    )
    drafted = answering.Drafted(
        question,
        draft,
        tuple(passages),
        applied,
        started,
        fingerprint,
        retrieve_ms,
        history,
        notice,
    )
    return drafted
