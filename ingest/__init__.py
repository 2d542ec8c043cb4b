"""Turn report files into sections and token-sized chunks.

Pure: reads bytes and returns typed sections and chunks. It never imports Chroma, an
embedding model or an LLM; `rag` builds on it, never the other way round. Names load
lazily so that importing the vocabulary does not import the PDF and HTML libraries.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Chunk": "ingest.types",
    "Document": "ingest.types",
    "Heading": "ingest.types",
    "ParsedReport": "ingest.types",
    "Section": "ingest.types",
    "IngestError": "ingest.errors",
    "chunk_section": "ingest.chunking",
    "parse_bytes": "ingest.parsers",
    "parse_file": "ingest.parsers",
    "supported_suffixes": "ingest.parsers",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
