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
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from rag.errors import StoreUnavailable
from rag.types import ChunkRecord, ReportInfo
from rag.windows import chunk_vector

_PAGE = 2000  # records per Chroma get/add call (its limit here is 5461)


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


class ChromaStore:
    def __init__(self, name: str, *, path: Path | None = None, url: str | None = None) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
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
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            self._chunks = self._client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
            self._manifest = self._client.get_or_create_collection(
                f"{name}-reports", embedding_function=None
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError variants
            where = url or str(path)
            raise StoreUnavailable(
                f"Cannot open the Chroma store at {where}: {exc}. "
                + (
                    "Check the server is running (chroma run --path DIR --port PORT) and CQC_RAG_CHROMA_URL is right."
                    if url
                    else "Check the data directory is writable (CQC_RAG_DATA_DIR)."
                )
            ) from exc

    def add(self, records: Sequence[ChunkRecord], vectors: Sequence[np.ndarray]) -> None:
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

    def delete(self, chunk_ids: Sequence[str]) -> None:
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

    def all_records(self) -> list[ChunkRecord]:
        return [record_from(i, m) for i, m in self._pages()]

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

    def chunk_ids(self, report: str | None = None) -> list[str]:
        if report is None:
            return list(self._chunks.get(include=[])["ids"])
        return list(self._chunks.get(where={"report": report}, include=[])["ids"])

    def reports(self) -> list[ReportInfo]:
        got = self._manifest.get(include=["metadatas"])
        entries = zip(got["ids"], got["metadatas"] or [], strict=True)
        return sorted(
            (_report_from(dict(m or {})) for i, m in entries if i != _MARKER),
            key=lambda r: r.report,
        )

    def generation_marker(self) -> str | None:
        got = self._manifest.get(ids=[_MARKER], include=["metadatas"])
        metas = got["metadatas"] or []
        return str(metas[0]["generation"]) if metas and metas[0] else None

    def set_generation_marker(self, value: str) -> None:
        self._manifest.upsert(
            ids=[_MARKER],
            embeddings=np.zeros((1, 1), dtype=np.float32),
            metadatas=[{"generation": value}],
        )

    def put_reports(self, infos: Sequence[ReportInfo]) -> None:
        """One write for many entries (Chroma applies a call's records in one transaction).
        Chroma needs a vector per record; the manifest's is a constant placeholder."""
        if infos:
            self._manifest.upsert(
                ids=[i.report for i in infos],
                embeddings=np.zeros((len(infos), 1), dtype=np.float32),
                metadatas=[_report_metadata(i) for i in infos],
            )

    def delete_report(self, report: str) -> None:
        self._manifest.delete(ids=[report])

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
