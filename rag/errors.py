"""Errors raised by the retrieval-and-answer layer (the ingest errors live in ingest.errors).

    CqcRagError
    ├── IngestError ...           (ingest.errors: a file could not be parsed)
    ├── ConfigError               a setting is wrong (bad model path, bad URL)
    ├── IndexMissing              nothing is indexed yet for these settings
    ├── IndexMismatch             an index exists but was built with other settings
    ├── IndexBusy                 another process is writing to the index
    ├── ReportNotFound            `remove` or a filter names a report that is not indexed
    ├── StoreUnavailable          the index cannot be read or written (rag.faults sorts why)
    │   ├── DataDirReadOnly       the data dir (or its disk) is read-only
    │   ├── DiskFull              no space left where the index lives
    │   ├── StoreLocked           another program holds the database lock
    │   └── DataDirGone           the data dir was deleted or replaced, or the index is damaged
    ├── IndexDamaged              listed reports have chunks missing (`cqc-rag check --repair`)
    └── LLMError                  the generation endpoint failed (callers fall back)

Translated at the edges: CLI -> click.ClickException, UI -> gr.Error.
"""

from __future__ import annotations

from ingest.errors import CqcRagError, IngestError

__all__ = [
    "ConfigError",
    "CqcRagError",
    "DataDirGone",
    "DataDirReadOnly",
    "DiskFull",
    "IndexBusy",
    "IndexDamaged",
    "IndexMismatch",
    "IndexMissing",
    "IngestError",
    "LLMError",
    "ReportNotFound",
    "StoreLocked",
    "StoreUnavailable",
]


class ConfigError(CqcRagError):
    pass


class IndexMissing(CqcRagError):
    pass


class IndexMismatch(CqcRagError):
    pass


class IndexBusy(CqcRagError):
    pass


class ReportNotFound(CqcRagError):
    pass


class StoreUnavailable(CqcRagError):
    pass


class DataDirReadOnly(StoreUnavailable):
    pass


class DiskFull(StoreUnavailable):
    pass


class StoreLocked(StoreUnavailable):
    pass


class DataDirGone(StoreUnavailable):
    pass


class IndexDamaged(CqcRagError):
    pass


class LLMError(CqcRagError):
    pass
