"""Which files a list of paths means: folders searched recursively for report files,
housekeeping files (README, LICENSE, hidden) left out, broken links and unreadable folders
reported as outcomes instead of stopping the batch."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ingest import supported_suffixes
from rag.types import IngestOutcome


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[IngestOutcome]]:
    """Files to read (folders searched recursively, sorted) and outcomes for bad paths."""
    files: list[Path] = []
    problems: list[IngestOutcome] = []
    suffixes = set(supported_suffixes())
    for path in paths:
        if path.is_dir():
            try:
                found = sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in suffixes and not _is_housekeeping(p)
                )
            except OSError as exc:
                problems.append(
                    IngestOutcome(
                        str(path),
                        "failed",
                        message=f"cannot list folder: {exc}. Check its permissions.",
                    )
                )
                continue
            broken = sorted(p for p in path.rglob("*") if p.is_symlink() and not p.exists())
            problems.extend(
                IngestOutcome(
                    str(p),
                    "failed",
                    message="broken link: its target does not exist. Fix or delete the link.",
                )
                for p in broken
            )
            if not found and not broken:
                problems.append(
                    IngestOutcome(
                        str(path),
                        "failed",
                        message=f"no report files in folder (looked for {', '.join(sorted(suffixes))}).",
                    )
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(
                IngestOutcome(
                    str(path), "failed", message="no such file or folder. Check the path."
                )
            )
    return files, problems


def _is_housekeeping(path: Path) -> bool:
    """README/LICENSE/CHANGELOG files and hidden files in a folder are not reports.
    (Named explicitly on the command line, they are still ingested.)"""
    return path.name.startswith(".") or path.stem.upper() in {
        "README",
        "LICENSE",
        "CHANGELOG",
        "NOTICE",
    }
