"""Storage failures as messages: what failed, in which folder, and what to do.

Chroma, SQLite and the file system fail in their own words (`PermissionError ...
write.lock`, `InternalError: database or disk is full`, `Failed to get segments`); users
saw those as tracebacks. `storage_error` sorts one into the kind of fault it is, by errno
first and the message second (Chroma's Rust core reports SQLite's text, not an errno),
and returns the matching `StoreUnavailable` subclass with the fix. It never raises and
never hides the original: its first line is kept in the message.
"""

from __future__ import annotations

import errno
import re
from typing import TYPE_CHECKING

from rag.errors import (
    CqcRagError,
    DataDirGone,
    DataDirReadOnly,
    DiskFull,
    IndexMismatch,
    IndexMissing,
    StoreLocked,
    StoreUnavailable,
)

if TYPE_CHECKING:
    from rag.config import Settings

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_READ_ONLY = ("readonly", "read-only", "read only", "permission denied", "operation not permitted")
_FULL = ("disk is full", "no space left", "disk quota")
_LOCKED = ("database is locked", "database table is locked")
_GONE = (
    "code: 1032",  # SQLITE_READONLY_DBMOVED: the database file was deleted or moved
    "no such file",
    "no such table",
    "failed to get segments",
    "does not exist",
    "backfill",
    "unable to open database",
    "disk i/o error",
    "database disk image is malformed",
)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _CONTROL.sub(" ", text)[:200]


def storage_error(exc: BaseException, where: str) -> CqcRagError:
    """The CqcRagError to raise for `exc`, which happened while using the index in `where`
    (a data dir, or a Chroma server URL)."""
    if isinstance(exc, CqcRagError):
        return exc
    said = _first_line(exc)
    low = f"{type(exc).__name__} {exc}".lower()
    code = getattr(exc, "errno", None)
    gone = code == errno.ENOENT or any(w in low for w in _GONE)
    if not gone and (
        code in (errno.EROFS, errno.EACCES, errno.EPERM) or any(w in low for w in _READ_ONLY)
    ):
        return DataDirReadOnly(
            f"The data dir {where} is read-only ({said}). Make it writable (e.g. `chmod -R u+w "
            f"{where}`, or remount the disk read-write), or set CQC_RAG_DATA_DIR to a writable "
            "folder; then run this again."
        )
    if code in (errno.ENOSPC, errno.EDQUOT) or any(w in low for w in _FULL):
        return DiskFull(
            f"The disk holding {where} is full ({said}). Free some space (`df -h {where}` shows "
            "how much is left), then run `cqc-rag check --repair` to make sure every report "
            "is whole, and run this again."
        )
    if any(w in low for w in _LOCKED):
        return StoreLocked(
            f"The index in {where} is locked by another program ({said}). Wait for it to "
            "finish (or stop it), then run this again."
        )
    if gone:
        return DataDirGone(
            f"The index in {where} is missing or damaged ({said}). If the folder was deleted "
            f"or replaced, run `cqc-rag ingest PATH` to build it again; otherwise run "
            f"`cqc-rag check --repair`. If that fails too, delete {where} and ingest again."
        )
    return StoreUnavailable(
        f"The index in {where} failed ({said}). Run `cqc-rag check` to see what is wrong."
    )


def no_index_error(settings: Settings, others: list[str]) -> CqcRagError:
    """Nothing to search: an index built with other settings, or none at all."""
    where = settings.chroma_url or settings.data_dir
    if others:
        return IndexMismatch(
            f"The index in {where} was built with other settings ({', '.join(others)}); the "
            f"current embedding and chunk settings make {settings.collection_name}. Re-ingest "
            "your reports (cqc-rag ingest PATH) to build it, or restore the settings the index "
            "was built with. Indexes are never mixed."
        )
    return IndexMissing(
        f"Nothing is indexed in {where} for settings {settings.fingerprint()}. Run `cqc-rag "
        "ingest PATH` first (a report file, or a folder of PDF, HTML or text reports)."
    )
