"""Hybrid retrieval: dense (exact, over the index's vectors) and BM25 rankings, fused.

Two fusions: reciprocal rank fusion (needs no score calibration) and a convex
combination of min-max normalised scores (the default: measured better on our
evaluation set, see eval/CALIBRATION.md). Filters restrict both
rankings before fusion (the same row mask for both), so a filtered query never
returns an unfiltered hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from rag.config import RetrievalSettings
from rag.index import Index
from rag.types import Filters, Passage

MAX_K = 50  # passages a caller may ask for: k=10**9 returned every chunk of the index


def check_k(k: int | None) -> None:
    """None means the configured k; anything else must be 1..MAX_K."""
    if k is not None and not 1 <= k <= MAX_K:
        raise ValueError(f"k={k} is out of range: ask for 1 to {MAX_K} passages.")


def fuse(rankings: list[tuple[list[str], float]], rrf_k: int) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion of ranked id lists; ties broken by id for determinism.

    >>> fuse([(["a", "b"], 1.0), (["b", "c"], 1.0)], rrf_k=60)[0][0]
    'b'
    """
    scores: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, cid in enumerate(ids, start=1):
            scores[cid] = scores.get(cid, 0.0) + weight / (rrf_k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def convex(
    dense: list[tuple[str, float]],
    keyword: list[tuple[str, float]],
    dense_weight: float,
    keyword_weight: float,
) -> list[tuple[str, float]]:
    """Convex combination of min-max normalised scores (Bruch et al. 2023 found it beats
    RRF: a chunk that only BM25 ranks first keeps that strength, instead of losing to
    chunks both lists rank mediocrely). A list's best hit scores 1, its worst 0.

    >>> convex([("a", 0.9), ("b", 0.5)], [("b", 7.0), ("c", 1.0)], 1.0, 1.0)[0][0]
    'b'
    """
    scores: dict[str, float] = {}
    total = (dense_weight + keyword_weight) or 1.0
    for hits, weight in ((dense, dense_weight), (keyword, keyword_weight)):
        if not hits:
            continue
        hi, lo = max(s for _, s in hits), min(s for _, s in hits)
        for cid, s in hits:
            norm = (s - lo) / (hi - lo) if hi > lo else 1.0
            scores[cid] = scores.get(cid, 0.0) + weight * norm / total
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def retrieve(
    query: str,
    query_vector: np.ndarray,
    *,
    index: Index,
    filters: Filters,
    settings: RetrievalSettings,
    k: int | None = None,
) -> list[Passage]:
    k = k or settings.k
    n = max(settings.candidates, k)
    view = index.view  # one generation throughout, though a report is added meanwhile
    dense = view.dense(query_vector, n, filters)
    keyword = view.keyword.search(query, n, view.mask(filters))
    keyword_ids = [view.records[i].chunk_id for i, _ in keyword]
    if settings.fusion == "rrf":
        fused = fuse(
            [
                ([cid for cid, _ in dense], settings.dense_weight),
                (keyword_ids, settings.keyword_weight),
            ],
            settings.rrf_k,
        )
    else:
        fused = convex(
            dense,
            list(zip(keyword_ids, [s for _, s in keyword], strict=True)),
            settings.dense_weight,
            settings.keyword_weight,
        )
    dense_sim = dict(dense)
    kw_score = {view.records[i].chunk_id: s for i, s in keyword}
    passages = []
    for rank, (cid, score) in enumerate(fused[:k], start=1):
        record = view.record(cid)
        assert record is not None
        passages.append(Passage(rank, record, score, dense_sim.get(cid), kw_score.get(cid)))
    return passages


def retrieve_each(
    query: str,
    query_vector: np.ndarray,
    *,
    index: Index,
    filters: Filters,
    councils: Sequence[str],
    settings: RetrievalSettings,
    k: int | None = None,
) -> list[Passage]:
    """`retrieve`, or with `councils` (a question naming "Northmere and Southbay") one
    retrieval per council, interleaved so each council's best passages come first."""
    if not councils:
        return retrieve(query, query_vector, index=index, filters=filters, settings=settings, k=k)
    per = [
        retrieve(
            query,
            query_vector,
            index=index,
            filters=filters.merged(Filters(authority=a)),
            settings=settings,
            k=k,
        )
        for a in councils
    ]
    interleaved = (p for group in zip(*per, strict=False) for p in group)
    return [replace(p, rank=i + 1) for i, p in enumerate(interleaved)]
