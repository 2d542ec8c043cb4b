"""The searchable index: the store's current chunks, in memory, with their keyword index.

Everything here is derived from the store (embedded or server), never the other way
round. Dense search is exact, over the vectors held here: a whole English corpus is ~22k
chunks, ~104k sentence windows (160 MB of float32; a chunk scores as its best window,
see rag.windows), so a matrix-vector product beats an approximate index, and a filter is
a row mask instead of a metadata query. The generation is a hash of the manifest (report -> content hash), read from
the store before every search: when another process or another app instance changes the
corpus, the next question sees it. Derived data (chunk records, window vectors and the
BM25 index) is cached on local disk per generation, so a cold start loads it instead of rebuilding it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag.consistency import check
from rag.keyword import KeywordIndex
from rag.store import VectorStore
from rag.types import ChunkRecord, Filters, ReportInfo
from rag.windows import best_per_record, sentence_windows, stack

_KEEP_GENERATIONS = 2


def generation_of(reports: list[ReportInfo]) -> str:
    """The manifest's state: each report's content and council name (a rename is a change)."""
    keyed = sorted((r.report, r.content_hash, r.authority) for r in reports)
    return hashlib.sha256(json.dumps(keyed).encode()).hexdigest()[:16]


def damaged_reports(reports: list[ReportInfo], records: list[ChunkRecord]) -> list[str]:
    held = Counter(r.report for r in records)  # records hold only current versions' chunks
    return [r.report for r in reports if held[r.report] < r.chunks]


_MASKS_KEPT = 256  # filter masks kept per view (4 bytes a chunk each: 22 MB at 21k chunks)


@dataclass(frozen=True, eq=False)
class View:
    """One generation of the index: its chunk records, their sentence-window vectors and
    their keyword index, swapped in as one object. A question reads one `View` from start
    to end: a report added meanwhile (another generation) can never pair one generation's
    records with another's vectors or filter mask."""

    generation: str | None
    reports: list[ReportInfo]
    records: list[ChunkRecord]
    # Sentence-window unit vectors (rag.windows): records[i]'s are the rows from starts[i]
    # up to starts[i + 1].
    windows: np.ndarray
    starts: np.ndarray
    keyword: KeywordIndex
    position: dict[str, int] = field(default_factory=dict)
    # Row masks per filter (~8 ms to build at 21k chunks, asked twice per filtered question:
    # dense and keyword; staff filter by few councils).
    masks: dict[Filters, np.ndarray] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> View:
        return cls(
            None,
            [],
            [],
            np.zeros((0, 0), dtype=np.float32),
            np.zeros(0, dtype=np.int64),
            KeywordIndex.build([]),
        )

    def dense(self, query_vector: np.ndarray, n: int, filters: Filters) -> list[tuple[str, float]]:
        """The `n` chunks most similar to the query (cosine of their best sentence window:
        the vectors are unit length), best first, ties by position; only chunks inside the
        filters."""
        if not len(self.records) or not n:
            return []
        sims = best_per_record(
            self.windows @ np.asarray(query_vector, dtype=np.float32), self.starts
        )
        mask = self.mask(filters)
        if mask is not None:
            sims = np.where(mask > 0, sims, -np.inf)
        n = min(n, len(sims))
        top = np.argpartition(-sims, n - 1)[:n]
        top = top[np.lexsort((top, -sims[top]))]
        return [(self.records[i].chunk_id, float(sims[i])) for i in top if np.isfinite(sims[i])]

    def window_vectors(self, keys: Sequence[tuple[str, str]]) -> list[np.ndarray | None]:
        """The stored vector of each (chunk id, window text), or None where that chunk holds
        no such window. The answerer scores a sentence by the same window ingest embedded
        (rag.windows.window_text), so it reads the vector instead of embedding it again:
        ~200 ms of every fp32 ask. A window is found by its text, recomputed from the
        chunk's text with the function ingest used, so a vector can only ever be the
        embedding of exactly the text asked for."""
        texts: dict[str, tuple[list[str], int] | None] = {}
        out: list[np.ndarray | None] = []
        for chunk_id, window in keys:
            if chunk_id not in texts:
                texts[chunk_id] = _windows_of(
                    chunk_id, self.records, self.windows, self.starts, self.position
                )
            found = texts[chunk_id]
            if found is None or window not in found[0]:
                out.append(None)
                continue
            out.append(self.windows[found[1] + found[0].index(window)])
        return out

    def mask(self, filters: Filters) -> np.ndarray | None:
        """1.0 for the rows of chunks inside the filters, else 0.0; None: no filter."""
        if filters.is_empty():
            return None
        found = self.masks.get(filters)
        if found is None:
            found = np.array([filters.matches(r) for r in self.records], dtype=np.float32)
            found.flags.writeable = False  # shared by every question with these filters
            if len(self.masks) >= _MASKS_KEPT:
                self.masks.clear()
            self.masks[filters] = found
        return found

    def record(self, chunk_id: str) -> ChunkRecord | None:
        i = self.position.get(chunk_id)
        return None if i is None else self.records[i]


class Index:
    def __init__(self, store: VectorStore, cache_dir: Path | None) -> None:
        self.store = store
        self._cache_dir = cache_dir
        self._lock = threading.Lock()
        self._seen_marker: str | None = None
        # The current generation, replaced whole by refresh(); readers take it once per
        # question (`view`) so that a swap in between cannot mix two generations.
        self.view = View.empty()
        self._acronyms: tuple[str | None, dict[str, str]] = (None, {})
        # Listed reports with fewer chunks than the manifest says, found whenever a view is
        # opened: `cqc-rag list` and `serve` warn, `cqc-rag check --repair` fixes them.
        self.damaged: list[str] = []

    def refresh(self, *, force: bool = False) -> bool:
        """Bring the in-memory view up to the store's manifest; True if it changed.

        Readers check one marker record (~1 ms) instead of the whole manifest (~47 ms for
        561 report files). Writers set a new marker right after each manifest commit and
        before deleting what it replaced, so a reader that has not noticed the change yet
        still finds every chunk it shows. Writers pass force=True to read the manifest."""
        marker = self.store.generation_marker()
        if not force and marker is not None and marker == self._seen_marker:
            return False
        reports = self.store.reports()
        generation = generation_of(reports)
        self._seen_marker = marker
        if generation == self.generation:
            return False
        with self._lock:
            if generation == self.generation:
                return False
            cached = self._load_cached(generation)
            records, (windows, starts), keyword = cached or self._rebuild(reports, generation)
            view = View(
                generation,
                reports,
                records,
                windows,
                starts,
                keyword,
                {r.chunk_id: i for i, r in enumerate(records)},
            )
            # A cache was built from the store as it was; the store is asked (ids only,
            # ~0.1 s for 20k chunks) whether it still holds every listed chunk.
            self.damaged = (
                [d.report.report for d in check(self.store).damaged]
                if cached
                else damaged_reports(reports, records)
            )
            self.view = view
        return True

    def _rebuild(
        self, reports: list[ReportInfo], generation: str
    ) -> tuple[list[ChunkRecord], tuple[np.ndarray, np.ndarray], KeywordIndex]:
        current = {r.report: r.content_hash for r in reports}
        stored, stored_vectors = self.store.records_with_vectors()
        # Chunks of an ingest that never committed (crash before the manifest switched)
        # carry a hash the manifest does not name: they are invisible, then cleaned up.
        rows = sorted(
            (i for i, r in enumerate(stored) if current.get(r.report) == r.content_hash),
            key=lambda i: (stored[i].report, stored[i].position),
        )
        # The manifest names each report's council: a rename commits there first
        # (rag.renaming), so a chunk still carrying the old name shows the new one.
        names = {r.report: r.authority for r in reports}
        records = [stored[i].renamed(names[stored[i].report]) for i in rows]
        vectors = stack([stored_vectors[i] for i in rows])
        keyword = KeywordIndex.build([r.embed_text for r in records])
        self._save_cached(generation, records, vectors, keyword)
        return records, vectors, keyword

    def _load_cached(
        self, generation: str
    ) -> tuple[list[ChunkRecord], tuple[np.ndarray, np.ndarray], KeywordIndex] | None:
        folder = self._cache_dir / generation if self._cache_dir else None
        if folder is None or not (folder / "complete").exists():
            return None
        try:
            with (folder / "records.jsonl").open(encoding="utf-8") as fh:
                records = [ChunkRecord.from_json(json.loads(line)) for line in fh]
            # float16 on disk, as in the store: nothing is lost that the store kept
            windows = np.load(folder / "windows.npy").astype(np.float32)
            starts = np.load(folder / "starts.npy")
            if len(starts) != len(records) or (len(starts) and starts[-1] >= len(windows)):
                raise ValueError("the cached windows do not cover the cached records")
            return records, (windows, starts), KeywordIndex.load(folder / "bm25")
        except (OSError, ValueError, KeyError):
            # A damaged or outdated cache (e.g. BM25 built by another stemmer release) is
            # rebuilt from the store; dropped first, so the rebuild can save its own.
            shutil.rmtree(folder, ignore_errors=True)
            return None

    def _save_cached(
        self,
        generation: str,
        records: list[ChunkRecord],
        windows: tuple[np.ndarray, np.ndarray],  # (window vectors, each record's first row)
        keyword: KeywordIndex,
    ) -> None:
        if self._cache_dir is None:
            return
        try:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=self._cache_dir, prefix=".building-"))
            with (tmp / "records.jsonl").open("w", encoding="utf-8") as fh:
                for r in records:
                    fh.write(json.dumps(r.to_json()) + "\n")
            np.save(tmp / "windows.npy", windows[0].astype(np.float16))
            np.save(tmp / "starts.npy", windows[1])
            keyword.save(tmp / "bm25")
            (tmp / "complete").write_text(generation)
            target = self._cache_dir / generation
            if target.exists():
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                os.replace(tmp, target)  # atomic: readers see a whole cache or none
            self._prune(keep=generation)
        except OSError:
            pass  # the cache only saves time; the store stays the truth

    def _prune(self, keep: str) -> None:
        assert self._cache_dir is not None
        folders = sorted(
            (p for p in self._cache_dir.iterdir() if p.is_dir() and p.name != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in folders[_KEEP_GENERATIONS - 1 :]:
            shutil.rmtree(old, ignore_errors=True)

    def announce(self, generation: str | None = None) -> str:
        """Tell readers (this process's and other instances') that the manifest changed."""
        marker = f"{generation}:{uuid.uuid4().hex}" if generation else uuid.uuid4().hex
        self.store.set_generation_marker(marker)
        return marker

    def publish(self) -> None:
        """Make the marker name the manifest's current generation. Writers call this, with
        the write lock held, before they write and when they finish. A writer killed
        between its manifest commit and its announcement left a marker that readers had
        already seen: they would keep the view before that commit, and once the next
        writer deleted the chunks it no longer names, cite chunks the store has lost."""
        self.refresh(force=True)  # reads the marker too
        marker = self._seen_marker or ""
        if self.generation is not None and not marker.startswith(f"{self.generation}:"):
            self._seen_marker = self.announce(self.generation)

    # The current view's fields and searches, for callers that ask one thing: a question
    # that asks several takes `view` once instead.
    @property
    def generation(self) -> str | None:
        return self.view.generation

    @property
    def reports(self) -> list[ReportInfo]:
        return self.view.reports

    @property
    def records(self) -> list[ChunkRecord]:
        return self.view.records

    @property
    def keyword(self) -> KeywordIndex:
        return self.view.keyword

    def dense(self, query_vector: np.ndarray, n: int, filters: Filters) -> list[tuple[str, float]]:
        return self.view.dense(query_vector, n, filters)

    def window_vectors(self, keys: Sequence[tuple[str, str]]) -> list[np.ndarray | None]:
        return self.view.window_vectors(keys)

    def mask(self, filters: Filters) -> np.ndarray | None:
        return self.view.mask(filters)

    def record(self, chunk_id: str) -> ChunkRecord | None:
        return self.view.record(chunk_id)

    def authorities(self) -> list[str]:
        return sorted({r.authority for r in self.reports})

    def acronyms(self) -> dict[str, str]:
        """Acronyms the indexed reports define ("Principal Social Worker (PSW)"), per view."""
        view = self.view
        generation, found = self._acronyms
        if generation != view.generation or generation is None:
            from rag.acronyms import defined_in

            found = defined_in(r.text for r in view.records)
            self._acronyms = (view.generation, found)
        return found


def _windows_of(
    chunk_id: str,
    records: list[ChunkRecord],
    windows: np.ndarray,
    starts: np.ndarray,
    position: dict[str, int],
) -> tuple[list[str], int] | None:
    """A chunk's window texts and its first row, when its stored rows match them in number
    (they would not after a change to the sentence splitter that kept the index format)."""
    i = position.get(chunk_id)
    if i is None or i >= len(records) or records[i].chunk_id != chunk_id:
        return None
    texts = sentence_windows(records[i].text)
    end = int(starts[i + 1]) if i + 1 < len(starts) else len(windows)
    return (texts, int(starts[i])) if end - int(starts[i]) == len(texts) else None
