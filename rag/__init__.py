"""cqc-rag: cited answers from CQC local authority assessment reports.

Public API: `Assistant` (ingest / ask / search / reports / remove), `Settings`, and the
types in `rag.types`. Importing this package sets the offline environment first (see
`rag.env`) and nothing else: the API below loads on first touch, so `cqc-rag --help`
does not pay for torch, chromadb or pydantic-settings.
"""

from importlib import import_module
from typing import Any

from rag.env import configure_offline

configure_offline()

_EXPORTS = {
    "Assistant": "rag.assistant",
    "Settings": "rag.config",
    "Answer": "rag.types",
    "Citation": "rag.types",
    "Filters": "rag.types",
    "Passage": "rag.types",
    "ReportInfo": "rag.types",
    "Turn": "rag.types",
    "IngestOutcome": "rag.types",
    "CqcRagError": "rag.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
