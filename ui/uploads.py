"""Uploaded report files: check type and size, copy under <data_dir>/uploads with a safe name.

The stored name becomes the report's name in the index (ingest names a report after its
file), so it keeps the user's name where that is safe: only letters, digits, `-`, `_` and
`.` survive, path parts and leading dots are dropped, so no name can escape the folder or
hide itself. This module does not ingest; `ui.app` passes the stored paths to the facade.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

ALLOWED_SUFFIXES: tuple[str, ...] = (".pdf", ".html", ".htm", ".txt", ".md", ".markdown")
# A full CQC report PDF is 1-5 MB; 50 MB leaves room for scanned pages without letting one
# upload fill the disk.
MAX_BYTES = 50 * 1024 * 1024
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
    """Copy acceptable uploads into `uploads_dir` (same name: replaced, as a new version)."""
    uploads_dir.mkdir(parents=True, exist_ok=True)
    root = uploads_dir.resolve()
    stored: list[Path] = []
    rejected: list[Rejected] = []
    for path in paths:
        problem = check_upload(path, path.name, max_bytes=max_bytes)
        if problem:
            rejected.append(Rejected(path.name, problem))
            continue
        target = (root / sanitise_name(path.name)).resolve()
        if target.parent != root:  # belt and braces: sanitise_name already forbids this
            rejected.append(
                Rejected(path.name, "the name points outside the uploads folder. Rename the file.")
            )
            continue
        shutil.copyfile(path, target)
        stored.append(target)
    return stored, rejected
