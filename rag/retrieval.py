"""Hybrid retrieval: dense (Chroma) and BM25 rankings fused by weighted reciprocal rank.

RRF needs no score calibration between the two retrievers, which matters because
cosine similarities and BM25 scores live on unrelated scales. Filters restrict both
rankings before fusion (Chroma `where`, BM25 weight mask), so a filtered query never
returns an unfiltered hit.
"""

from __future__ import annotations

import numpy as np

from rag.config import RetrievalSettings
from rag.index import Index
from rag.types import Filters, Passage


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


def retrieve(query: str, query_vector: np.ndarray, *, index: Index, filters: Filters,
             settings: RetrievalSettings, k: int | None = None) -> list[Passage]:
    k = k or settings.k
    n = max(settings.candidates, k)
    dense = [(cid, sim) for cid, sim in index.store.query(query_vector, n, filters) if index.record(cid)]
    keyword = index.keyword.search(query, n, index.mask(filters))
    keyword_ids = [index.records[i].chunk_id for i, _ in keyword]
    fused = fuse([([cid for cid, _ in dense], settings.dense_weight), (keyword_ids, settings.keyword_weight)],
                 settings.rrf_k)
    dense_sim = dict(dense)
    kw_score = {index.records[i].chunk_id: s for i, s in keyword}
    passages = []
    for rank, (cid, score) in enumerate(fused[:k], start=1):
        record = index.record(cid)
        assert record is not None
        passages.append(Passage(rank, record, score, dense_sim.get(cid), kw_score.get(cid)))
    return passages
