"""Uploaded files belong to their report: when it is removed, its uploaded copy goes too.

The UI stores uploads under <data_dir>/uploads (ui.uploads) and ingests them from there,
so a report's `source` names its copy. Removing the report used to leave the file behind
(a removed report's text stayed on disk). Only files inside the uploads folder are
deleted: a report ingested from the user's own folder is never touched.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from rag.types import ReportInfo


def forget_upload(report: ReportInfo, uploads_dir: Path) -> bool:
    """Delete the report's uploaded copy if it has one; True if a file was deleted."""
    if not report.source:
        return False
    try:
        source = Path(report.source).resolve()
        inside = source.parent == uploads_dir.resolve()
    except OSError:
        return False
    if not inside or not source.is_file():
        return False
    with contextlib.suppress(OSError):
        source.unlink()
        return True
    return False
