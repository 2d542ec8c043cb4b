"""Turn report files into sections and token-sized chunks.

Pure: reads bytes and returns typed sections and chunks. It never imports Chroma, an
embedding model or an LLM; `rag` builds on it, never the other way round.
"""

from ingest.chunking import chunk_section
from ingest.errors import IngestError
from ingest.parsers import parse_bytes, parse_file, supported_suffixes
from ingest.types import Chunk, Document, Heading, ParsedReport, Section

__all__ = [
    "Chunk",
    "Document",
    "Heading",
    "IngestError",
    "ParsedReport",
    "Section",
    "chunk_section",
    "parse_bytes",
    "parse_file",
    "supported_suffixes",
]
