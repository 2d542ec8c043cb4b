"""Errors raised while reading report files.

The whole tree (the rest lives in `rag.errors`)::

    CqcRagError                      every error the product raises on purpose
    ├── IngestError                  one file could not be turned into sections
    │   ├── UnsupportedFileType      suffix has no parser
    │   ├── EmptyReport              no text at all
    │   ├── UnreadableReport         bytes are not what the suffix says (bad PDF, binary)
    │   └── NoTextLayer              a PDF with pages but no extractable text (scanned)
    └── (rag.errors) ConfigError, IndexMissing, IndexBusy, ...

Every message names the file, what is wrong and what to do about it.
"""

from __future__ import annotations


class CqcRagError(Exception):
    """Base of every error the product raises on purpose."""


class IngestError(CqcRagError):
    """A file could not be parsed into sections."""

    def __init__(self, source: str, problem: str, fix: str) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem}. {fix}")


class UnsupportedFileType(IngestError):
    pass


class EmptyReport(IngestError):
    pass


class UnreadableReport(IngestError):
    pass


class NoTextLayer(IngestError):
    pass
