"""BM25 keyword index over the chunks' context-prefixed text (bm25s).

Built once per index generation and saved beside the vectors; a query only loads or
reuses it, never rebuilds it. Filters are applied as bm25s weight masks, so filtered and
unfiltered searches rank with the same corpus statistics.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from rag import analysis
from rag.analysis import terms


class KeywordIndex:
    def __init__(self, retriever: bm25s.BM25 | None, size: int, idf: dict[str, float]) -> None:
        self._retriever = retriever
        self.size = size
        self._idf = idf

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordIndex:
        tokenised = [terms(t) or ["∅"] for t in texts]  # bm25s needs a token per document
        if not texts:
            return cls(None, 0, {})
        retriever = bm25s.BM25()
        retriever.index(tokenised, show_progress=False)
        return cls(retriever, len(texts), _idf(tokenised))

    def idf(self, term: str) -> float:
        """Inverse document frequency; unseen terms get the rarest weight."""
        return self._idf.get(term, math.log(1 + (self.size + 0.5) / 0.5))

    def vocabulary(self) -> set[str]:
        return set(self._idf)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        if self._retriever is None or self.size == 0:
            return []
        vocab = self._retriever.vocab_dict
        tokens = [t for t in terms(query) if t in vocab]
        if not tokens:
            return []
        k = min(k, self.size)
        docs, scores = self._retriever.retrieve(
            [tokens], k=k, show_progress=False, weight_mask=mask, n_threads=0
        )
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(folder), show_progress=False)
        meta = {"size": self.size, "idf": self._idf, "analyser": analysis.ANALYSER}
        (folder / "idf.json").write_text(json.dumps(meta))

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        """The saved index; ValueError when it was analysed differently from how queries
        are now (another stemmer release after an upgrade): its terms would not match."""
        meta = json.loads((folder / "idf.json").read_text())
        if meta.get("analyser") != analysis.ANALYSER:
            raise ValueError(
                f"keyword index analysed with {meta.get('analyser')!r}, queries with "
                f"{analysis.ANALYSER!r}: rebuild it"
            )
        retriever = bm25s.BM25.load(str(folder), show_progress=False) if meta["size"] else None
        return cls(retriever, meta["size"], meta["idf"])


def _idf(tokenised: list[list[str]]) -> dict[str, float]:
    df: dict[str, int] = {}
    for doc in tokenised:
        for t in set(doc):
            df[t] = df.get(t, 0) + 1
    n = len(tokenised)
    return {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
