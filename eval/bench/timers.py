"""Stopwatches around the two I/O seams, so the bench can say where ingest and ask time go.

`TimedEmbedder` and `TimedStore` wrap the real embedder and store and add up the
seconds spent in each method; the facade cannot tell them from what they wrap, so the
bench still measures exactly what users get (a wrapper costs ~1 µs a call against
milliseconds of work). `Stopwatch.take()` returns the totals since the last take, so one
wrapper serves several phases (ingest, then queries). Nothing here changes what is
computed; it only counts time.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from rag.types import ChunkRecord, ReportInfo


@dataclass(frozen=True, slots=True)
class Split:
    """Seconds and calls spent in one seam method during a phase."""

    name: str
    seconds: float
    calls: int


class Stopwatch:
    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._seconds: dict[str, float] = {}
        self._calls: dict[str, int] = {}

    def _add(self, name: str, started: float) -> None:
        self._seconds[name] = self._seconds.get(name, 0.0) + time.perf_counter() - started
        self._calls[name] = self._calls.get(name, 0) + 1

    def take(self) -> tuple[Split, ...]:
        """Totals since the last take, largest first; then start again from zero."""
        out = tuple(
            sorted(
                (
                    Split(f"{self._prefix}.{k}", round(v, 4), self._calls[k])
                    for k, v in self._seconds.items()
                ),
                key=lambda s: -s.seconds,
            )
        )
        self._seconds.clear()
        self._calls.clear()
        return out


class TimedEmbedder(Stopwatch):
    """An `Embedder` that times `embed`, `embed_query` and `count_word_pieces`."""

    def __init__(self, inner: Any) -> None:
        super().__init__("embedder")
        self.inner = inner

    @property
    def name(self) -> str:
        return str(self.inner.name)

    @name.setter
    def name(self, value: str) -> None:
        self.inner.name = value

    @property
    def dim(self) -> int:
        return int(self.inner.dim)  # read through: a model's dim is known only once loaded

    @dim.setter
    def dim(self, value: int) -> None:
        self.inner.dim = value

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)  # anything beyond the protocol, untimed

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        started = time.perf_counter()
        try:
            return np.asarray(self.inner.embed(texts, batch_size=batch_size))
        finally:
            self._add("embed", started)

    def embed_query(self, text: str) -> np.ndarray:
        started = time.perf_counter()
        try:
            return np.asarray(self.inner.embed_query(text))
        finally:
            self._add("embed_query", started)

    def count_word_pieces(self, text: str) -> int:
        started = time.perf_counter()
        try:
            return int(self.inner.count_word_pieces(text))
        finally:
            self._add("count_word_pieces", started)


class TimedStore(Stopwatch):
    """A `VectorStore` that times every method of the protocol."""

    def __init__(self, inner: Any) -> None:
        super().__init__("store")
        self.inner = inner

    def _timed(self, name: str, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return getattr(self.inner, name)(*args, **kwargs)
        finally:
            self._add(name, started)

    def add(self, records: Sequence[ChunkRecord], vectors: Sequence[np.ndarray]) -> None:
        self._timed("add", records, vectors)

    def delete(self, chunk_ids: Sequence[str]) -> None:
        self._timed("delete", chunk_ids)

    def relabel(self, records: Sequence[ChunkRecord]) -> None:
        self._timed("relabel", records)

    def all_records(self) -> list[ChunkRecord]:
        return list(self._timed("all_records"))

    def records_with_vectors(self) -> tuple[list[ChunkRecord], list[np.ndarray]]:
        records, vectors = self._timed("records_with_vectors")
        return list(records), list(vectors)

    def chunk_ids(self, report: str | None = None) -> list[str]:
        return list(self._timed("chunk_ids", report))

    def reports(self) -> list[ReportInfo]:
        return list(self._timed("reports"))

    def put_reports(self, infos: Sequence[ReportInfo]) -> None:
        self._timed("put_reports", infos)

    def delete_report(self, report: str) -> None:
        self._timed("delete_report", report)

    def other_indexes(self, prefix: str) -> list[str]:
        return list(self._timed("other_indexes", prefix))

    def generation_marker(self) -> str | None:
        got = self._timed("generation_marker")
        return None if got is None else str(got)

    def set_generation_marker(self, value: str) -> None:
        self._timed("set_generation_marker", value)

    def __getattr__(self, name: str) -> Any:
        return getattr(
            self.inner, name
        )  # a method added to the protocol later: untimed, still works
