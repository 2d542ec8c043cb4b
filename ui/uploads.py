"""Uploaded report files: check type and size, copy under <data_dir>/uploads with a safe name.

The stored name becomes the report's name in the index (ingest names a report after its
file), so it keeps the user's name where that is safe: only letters, digits, `-`, `_` and
`.` survive, path parts and leading dots are dropped, so no name can escape the folder or
hide itself. This module does not ingest; `ui.app` passes the stored paths to the facade.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from rag.config import Settings
from rag.faults import storage_error
from rag.types import IngestOutcome, ReportInfo

ALLOWED_SUFFIXES: tuple[str, ...] = (".pdf", ".html", ".htm", ".txt", ".md", ".markdown")
# One limit everywhere: the setting ingest enforces (CQC_RAG_MAX_FILE_MB, in 10^6 bytes),
# which `cqc-rag serve` also gives Gradio in bytes. This was 50 MiB here, 20 MiB in Gradio
# and 20 MB in ingest: a 20.5 MB file passed two checks and failed the third.
MAX_BYTES = int(Settings.model_fields["max_file_mb"].default * 1e6)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Rejected:
    name: str
    reason: str


def sanitise_name(name: str) -> str:
    """A file name safe to create in one folder: 'a/../b c?.PDF' -> 'b_c_.pdf'."""
    base = PureWindowsPath(PurePosixPath(name).name).name  # drop both kinds of folder parts
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _UNSAFE.sub("_", stem).strip("._-")[:100] or "report"
    suffix = _UNSAFE.sub("", suffix).lower()[:10]
    return f"{stem}.{suffix}" if suffix else stem


def check_upload(path: Path, original_name: str, *, max_bytes: int = MAX_BYTES) -> str | None:
    """Why this upload cannot be indexed, or None when it can."""
    suffix = Path(sanitise_name(original_name)).suffix
    if suffix not in ALLOWED_SUFFIXES:
        return (
            f"{suffix or 'no extension'} files are not reports this tool reads. "
            f"Upload one of: {', '.join(ALLOWED_SUFFIXES)}."
        )
    size = path.stat().st_size
    if size > max_bytes:
        return f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit. Split the file or upload the text version."
    if size == 0:
        return "the file is empty. Check that it saved completely."
    return None


def store_uploads(
    paths: list[Path], uploads_dir: Path, *, max_bytes: int = MAX_BYTES
) -> tuple[list[Path], list[Rejected]]:
    """Copy acceptable uploads into `uploads_dir` (same name: replaced, as a new version).

    Gradio's own copy of each upload (in its temp folder) is deleted once read, accepted
    or not: those copies used to stay in the system temp folder for good. The data dir is
    not created here: when it has vanished under a running server, that is said instead
    of writing into a new, empty one."""
    try:
        if not uploads_dir.parent.is_dir():
            raise FileNotFoundError(
                errno.ENOENT, "the data dir does not exist", str(uploads_dir.parent)
            )
        uploads_dir.mkdir(exist_ok=True)
        root = uploads_dir.resolve()
        stored: list[Path] = []
        rejected: list[Rejected] = []
        for path in paths:
            problem = check_upload(path, path.name, max_bytes=max_bytes)
            target = (root / sanitise_name(path.name)).resolve()
            if not problem and target.parent != root:  # sanitise_name already forbids this
                problem = "the name points outside the uploads folder. Rename the file."
            if problem:
                rejected.append(Rejected(path.name, problem))
            else:
                shutil.copyfile(path, target)
                stored.append(target)
            _discard_gradio_copy(path)
    except OSError as exc:  # read-only or full disk, vanished data dir: the message and fix
        raise storage_error(exc, str(uploads_dir.parent)) from exc
    return stored, rejected


def discard_unindexed(
    stored: list[Path], outcomes: list[IngestOutcome], reports: list[ReportInfo]
) -> None:
    """Delete stored uploads that did not become a report (failed, or a duplicate of one),
    unless an indexed report still reads from that file."""
    sources = {Path(r.source).resolve() for r in reports if r.source}
    kept = {Path(o.path).resolve() for o in outcomes if o.status in _KEPT}
    for path in stored:
        if path.resolve() not in kept | sources:
            path.unlink(missing_ok=True)


_KEPT = ("indexed", "replaced", "unchanged")


def _discard_gradio_copy(path: Path) -> None:
    """Delete Gradio's temp copy of an upload; never a file outside its upload cache."""
    cache = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")
    with contextlib.suppress(OSError):
        if path.resolve().is_relative_to(cache.resolve()):
            path.unlink()
