"""The vector-store seam: chunks with their vectors, and a manifest of indexed reports.

`ChromaStore` is the product's store: embedded (`PersistentClient` in the data dir) or a
Chroma server (`HttpClient`) for a team. Collections are always created with
`embedding_function=None` (Chroma's default downloads a model) and always fed our own
vectors. Two collections per fingerprint: `<name>` holds chunks; `<name>-reports` holds
one manifest entry per report. The manifest is the commit point of an ingest: chunks of a
report count only while the manifest names their content hash, so a crash between
writing chunks and switching the manifest leaves the old report intact.
Searching is not done here: `rag.index` keeps the current vectors in memory and searches
them exactly (0.6 ms over 21,851 chunks, against 5.7 ms for Chroma's HNSW query, and
16 ms with a council filter as a Chroma `where`).
`MemoryStore` is the deterministic in-process fake used by unit tests.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np

from rag.errors import CqcRagError, DataDirGone, StoreUnavailable
from rag.faults import storage_error
from rag.types import ChunkRecord, ReportInfo
from rag.windows import chunk_vector

_PAGE = 2000  # records per Chroma get/add call (its limit here is 5461)
T = TypeVar("T")


class VectorStore(Protocol):
    def add(self, records: Sequence[ChunkRecord], vectors: Sequence[np.ndarray]) -> None: ...
    def delete(self, chunk_ids: Sequence[str]) -> None: ...
    def relabel(self, records: Sequence[ChunkRecord]) -> None: ...
    def all_records(self) -> list[ChunkRecord]: ...
    def records_with_vectors(self) -> tuple[list[ChunkRecord], list[np.ndarray]]: ...
    def chunk_ids(self, report: str | None = None) -> list[str]: ...
    def reports(self) -> list[ReportInfo]: ...
    def put_reports(self, infos: Sequence[ReportInfo]) -> None: ...
    def delete_report(self, report: str) -> None: ...
    def other_indexes(self, prefix: str) -> list[str]: ...
    def drop_index(self, name: str) -> None: ...
    def generation_marker(self) -> str | None: ...
    def set_generation_marker(self, value: str) -> None: ...


_MARKER = "__generation__"  # a manifest record that is not a report: the last published state


_FILTERABLE = ("report", "authority", "quality_statement", "score")  # what Chroma's `where` sees


def record_metadata(r: ChunkRecord, windows: np.ndarray) -> dict[str, Any]:
    """A chunk's Chroma metadata: the filterable fields as keys, the whole record as one JSON
    value, and its sentence-window vectors (rag.windows) as "<dim>:<base64 float16>".

    One JSON value: Chroma writes a row per metadata key and full-text-indexes `documents`,
    which nothing here searches (the keyword index is bm25s): packed like this, 4,000
    chunks were added in 1.24 s against 2.32 s with the text as a document and a key per
    field. The vector again: embedded Chroma keeps vectors in a per-process segment, so a
    process that opened the store before another process wrote neither finds the new
    vectors by query nor can read them (`get` fails with "Error finding id"), while
    metadata comes straight from SQLite. The index reads its vectors from here (4,000
    chunks: +0.26 s to write). float16 halves their size; cosines move by < 0.001."""
    meta = _label_metadata(r)
    matrix = np.atleast_2d(np.asarray(windows, dtype="<f2"))
    meta["vectors"] = f"{matrix.shape[1]}:" + base64.b64encode(matrix.tobytes()).decode("ascii")
    return meta  # Chroma metadata cannot hold None: an absent key means "not known"


def _label_metadata(r: ChunkRecord) -> dict[str, Any]:
    """What `record_metadata` stores apart from the vectors."""
    meta: dict[str, Any] = {
        key: getattr(r, key) for key in _FILTERABLE if getattr(r, key) is not None
    }
    meta["record"] = json.dumps({k: v for k, v in r.to_json().items() if k != "chunk_id"})
    return meta


def record_from(chunk_id: str, meta: dict[str, Any]) -> ChunkRecord:
    return ChunkRecord.from_json({"chunk_id": chunk_id, **json.loads(meta["record"])})


def windows_from(meta: dict[str, Any]) -> np.ndarray:
    dim, _, packed = meta["vectors"].partition(":")
    flat = np.frombuffer(base64.b64decode(packed), dtype="<f2").astype(np.float32)
    return flat.reshape(-1, int(dim))


def _report_metadata(info: ReportInfo) -> dict[str, Any]:
    meta = info.to_json()
    meta["scores"] = json.dumps(info.scores)
    return {k: v for k, v in meta.items() if v is not None}


def _report_from(meta: dict[str, Any]) -> ReportInfo:
    return ReportInfo(
        **{
            **meta,
            "scores": json.loads(meta["scores"]),
            "overall_rating": meta.get("overall_rating"),
        }
    )


def _translated(method: Callable[..., T]) -> Callable[..., T]:
    """Storage failures leave a ChromaStore method as rag.faults' messages, not tracebacks."""

    @functools.wraps(method)
    def call(self: ChromaStore, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except CqcRagError:
            raise
        except Exception as exc:  # chromadb and sqlite raise many unrelated types
            raise storage_error(exc, self.where) from exc

    return call


def _forget_cached(identifier: str | None) -> None:
    """Drop Chroma's per-process cache of a database: a new PersistentClient on the same
    path would otherwise reuse the one that was deleted or replaced."""
    from chromadb.api.shared_system_client import SharedSystemClient

    system = SharedSystemClient._identifier_to_system.pop(identifier or "", None)
    SharedSystemClient._identifier_to_refcount.pop(identifier or "", None)
    if system is not None:
        with contextlib.suppress(Exception):  # the old files may be gone
            system.stop()


class ChromaStore:
    def __init__(self, name: str, *, path: Path | None = None, url: str | None = None) -> None:
        self._name, self._path, self._url = name, path, url
        self.where = url or str(path.parent if path and path.name == "chroma" else path)
        self._identity: tuple[int, int] | None = None
        self._open()

    def _open(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        url, path = self._url, self._path
        try:
            if url:
                from urllib.parse import urlparse

                parsed = urlparse(url)
                self._client = chromadb.HttpClient(
                    host=parsed.hostname or "localhost",
                    port=parsed.port or 8000,
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                assert path is not None
                if not (path / "chroma.sqlite3").exists():
                    _forget_cached(str(path))  # a deleted database this process had open
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            self._chunks = self._client.get_or_create_collection(
                self._name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
            self._manifest = self._client.get_or_create_collection(
                f"{self._name}-reports", embedding_function=None
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError variants
            if url:
                raise StoreUnavailable(
                    f"Cannot open the Chroma store at {url}: {exc}. Check the server is running "
                    "(chroma run --path DIR --port PORT) and CQC_RAG_CHROMA_URL is right."
                ) from exc
            raise storage_error(exc, self.where) from exc
        self._identity = self._database_identity()

    def _database_identity(self) -> tuple[int, int] | None:
        if self._path is None:
            return None
        try:
            found = os.stat(self._path / "chroma.sqlite3")
        except FileNotFoundError:
            return None
        return (found.st_dev, found.st_ino)

    def _check_database(self) -> None:
        """Notice a data dir deleted or replaced under a running process (~10 us a call).

        Embedded Chroma keeps its SQLite file open: after `rm -rf .cqc-rag` a server went on
        answering from the deleted index while the CLI said nothing was indexed, and never
        saw a later re-ingest. Deleted: say so. Replaced (a new database at the same path,
        from `cqc-rag ingest` in another terminal): open the new one."""
        if self._path is None or self._identity is None:
            return
        now = self._database_identity()
        if now == self._identity:
            return
        if now is None:
            raise DataDirGone(
                f"The data dir {self.where} was deleted while cqc-rag was running; its index is "
                "gone. Run `cqc-rag ingest PATH` to build it again (a running server opens it at "
                "the next request), or restart `cqc-rag serve`, which indexes the starter reports."
            )
        self._forget_client()
        self._open()

    def _forget_client(self) -> None:
        _forget_cached(getattr(self._client, "_identifier", None))

    @_translated
    def add(self, records: Sequence[ChunkRecord], vectors: Sequence[np.ndarray]) -> None:
        self._check_database()
        for i in range(0, len(records), _PAGE):
            batch = records[i : i + _PAGE]
            self._chunks.upsert(
                ids=[r.chunk_id for r in batch],
                embeddings=np.array([chunk_vector(v) for v in vectors[i : i + _PAGE]]),
                metadatas=[
                    record_metadata(r, v)
                    for r, v in zip(batch, vectors[i : i + _PAGE], strict=True)
                ],
            )

    @_translated
    def delete(self, chunk_ids: Sequence[str]) -> None:
        self._check_database()
        for i in range(0, len(chunk_ids), _PAGE):
            self._chunks.delete(ids=list(chunk_ids[i : i + _PAGE]))

    def relabel(self, records: Sequence[ChunkRecord]) -> None:
        """Rewrite stored chunks' records and filterable keys (a renamed council), keeping
        their vectors: Chroma's `update` merges the keys given into each metadata."""
        for i in range(0, len(records), _PAGE):
            batch = records[i : i + _PAGE]
            self._chunks.update(
                ids=[r.chunk_id for r in batch],
                metadatas=[_label_metadata(r) for r in batch],
            )

    @_translated
    def all_records(self) -> list[ChunkRecord]:
        return [record_from(i, m) for i, m in self._pages()]

    @_translated
    def records_with_vectors(self) -> tuple[list[ChunkRecord], list[np.ndarray]]:
        rows = list(self._pages())  # vectors from metadata: see record_metadata
        return [record_from(i, m) for i, m in rows], [windows_from(m) for _, m in rows]

    def _pages(self) -> Iterator[tuple[str, dict[str, Any]]]:
        offset = 0
        while True:
            got = self._chunks.get(include=["metadatas"], limit=_PAGE, offset=offset)
            yield from (
                (i, dict(m or {})) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)
            )
            if len(got["ids"]) < _PAGE:
                return
            offset += _PAGE

    @_translated
    def chunk_ids(self, report: str | None = None) -> list[str]:
        if report is None:
            return list(self._chunks.get(include=[])["ids"])
        return list(self._chunks.get(where={"report": report}, include=[])["ids"])

    @_translated
    def reports(self) -> list[ReportInfo]:
        self._check_database()
        got = self._manifest.get(include=["metadatas"])
        entries = zip(got["ids"], got["metadatas"] or [], strict=True)
        return sorted(
            (_report_from(dict(m or {})) for i, m in entries if i != _MARKER),
            key=lambda r: r.report,
        )

    @_translated
    def generation_marker(self) -> str | None:
        self._check_database()  # readers call this before every question
        got = self._manifest.get(ids=[_MARKER], include=["metadatas"])
        metas = got["metadatas"] or []
        return str(metas[0]["generation"]) if metas and metas[0] else None

    @_translated
    def set_generation_marker(self, value: str) -> None:
        self._check_database()
        self._manifest.upsert(
            ids=[_MARKER],
            embeddings=np.zeros((1, 1), dtype=np.float32),
            metadatas=[{"generation": value}],
        )

    @_translated
    def put_reports(self, infos: Sequence[ReportInfo]) -> None:
        """One write for many entries (Chroma applies a call's records in one transaction).
        Chroma needs a vector per record; the manifest's is a constant placeholder."""
        self._check_database()
        if infos:
            self._manifest.upsert(
                ids=[i.report for i in infos],
                embeddings=np.zeros((len(infos), 1), dtype=np.float32),
                metadatas=[_report_metadata(i) for i in infos],
            )

    @_translated
    def delete_report(self, report: str) -> None:
        self._check_database()
        self._manifest.delete(ids=[report])

    @_translated
    def other_indexes(self, prefix: str) -> list[str]:
        """Chunk collections under this prefix holding data (an index of other settings)."""
        names = []
        for collection in self._client.list_collections():
            name = getattr(collection, "name", collection)
            if (
                str(name).startswith(f"{prefix}-")
                and not str(name).endswith("-reports")
                and self._client.get_collection(str(name)).count() > 0
            ):
                names.append(str(name))
        return sorted(names)

    def drop_index(self, name: str) -> None:
        """Delete another index's chunk and manifest collections (never this store's own)."""
        if name == self._chunks.name:
            raise ValueError(f"{name} is the index in use; it is not dropped")
        for collection in (name, f"{name}-reports"):
            try:
                self._client.delete_collection(collection)
            except (
                Exception
            ):  # already gone (chromadb raises NotFoundError / ValueError by version)
                continue


class MemoryStore:
    """In-process store: the fake for unit tests."""

    def __init__(self) -> None:
        self._records: dict[str, ChunkRecord] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self._reports: dict[str, ReportInfo] = {}
        self._marker: str | None = None

    def add(self, records: Sequence[ChunkRecord], vectors: Sequence[np.ndarray]) -> None:
        for record, windows in zip(records, vectors, strict=True):
            self._records[record.chunk_id] = record
            self._vectors[record.chunk_id] = np.atleast_2d(np.asarray(windows, dtype=np.float32))

    def delete(self, chunk_ids: Sequence[str]) -> None:
        for cid in chunk_ids:
            self._records.pop(cid, None)
            self._vectors.pop(cid, None)

    def relabel(self, records: Sequence[ChunkRecord]) -> None:
        for record in records:
            if record.chunk_id in self._records:
                self._records[record.chunk_id] = record

    def all_records(self) -> list[ChunkRecord]:
        return list(self._records.values())

    def records_with_vectors(self) -> tuple[list[ChunkRecord], list[np.ndarray]]:
        records = list(self._records.values())
        return records, [self._vectors[r.chunk_id] for r in records]

    def chunk_ids(self, report: str | None = None) -> list[str]:
        return [cid for cid, r in self._records.items() if report is None or r.report == report]

    def reports(self) -> list[ReportInfo]:
        return sorted(self._reports.values(), key=lambda r: r.report)

    def put_reports(self, infos: Sequence[ReportInfo]) -> None:
        for info in infos:
            self._reports[info.report] = info

    def delete_report(self, report: str) -> None:
        self._reports.pop(report, None)

    def other_indexes(self, prefix: str) -> list[str]:
        return []

    def drop_index(self, name: str) -> None:
        raise ValueError(f"no index named {name} in this in-memory store")

    def generation_marker(self) -> str | None:
        return self._marker

    def set_generation_marker(self, value: str) -> None:
        self._marker = value
