"""Errors raised by the retrieval-and-answer layer (the ingest errors live in ingest.errors).

    CqcRagError
    ├── IngestError ...           (ingest.errors: a file could not be parsed)
    ├── ConfigError               a setting is wrong (bad model path, bad URL)
    ├── IndexMissing              nothing is indexed yet for these settings
    ├── IndexMismatch             an index exists but was built with other settings
    ├── IndexBusy                 another process is writing to the index
    ├── ReportNotFound            `remove` or a filter names a report that is not indexed
    ├── StoreUnavailable          the Chroma server cannot be reached
    └── LLMError                  the generation endpoint failed (callers fall back)

Translated at the edges: CLI -> click.ClickException, UI -> gr.Error.
"""

from __future__ import annotations

from ingest.errors import CqcRagError, IngestError

__all__ = [
    "ConfigError",
    "CqcRagError",
    "IndexBusy",
    "IndexMismatch",
    "IndexMissing",
    "IngestError",
    "LLMError",
    "ReportNotFound",
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


class LLMError(CqcRagError):
    pass
