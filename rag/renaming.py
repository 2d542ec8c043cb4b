"""A report's council name: from a sidecar `authorities.csv`, and renamed after indexing.

A report whose text names no council is indexed under the name its folder's sidecar gives
(`file,authority`, one line per file), else the name the caller gave, else its file name.
`rename_authority` changes it afterwards, crash-safely and visibly to other processes:

1. the manifest entry first, in one write: the commit point. The index view gives every
   chunk its report's manifest name (`Index._rebuild`), so from this write on every reader
   sees the new name on every chunk, never a mix;
2. the announcement, so other processes' next question reloads;
3. then each chunk's stored name (its Chroma metadata key and its record). A rename killed
   before this step leaves chunks the view already corrects; the next ingest or rename
   brings them in line (`reconcile_authorities`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from rag.errors import ConfigError, ReportNotFound
from rag.index import Index
from rag.types import IngestOutcome, ReportInfo

SIDECAR = "authorities.csv"


class SidecarError(ConfigError):
    """An authorities.csv that cannot be read."""


def read_sidecar(folder: Path) -> dict[str, str]:
    """file name -> council, from `folder/authorities.csv` ({} when there is none)."""
    path = folder / SIDECAR
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SidecarError(
            f"{path}: cannot read it ({exc}). Save it as UTF-8 text with lines 'file,authority'."
        ) from exc
    names: dict[str, str] = {}
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or (n == 1 and [c.lower() for c in cells] == ["file", "authority"]):
            continue  # blank line, or the header
        if len(cells) != 2 or not all(cells):
            raise SidecarError(
                f"{path}, line {n}: {','.join(row)!r} is not 'file,authority' (two values, "
                "e.g. 'report.txt,Wirral Council'; quote a name that holds a comma). Fix the line and ingest again."
            )
        names[cells[0]] = cells[1]
    return names


def sidecar_names(
    files: list[Path],
) -> tuple[list[Path], dict[Path, str], list[IngestOutcome]]:
    """The files to ingest, the sidecar's council for each file its folder's sidecar
    names, and a failed outcome for each file whose folder's sidecar cannot be read
    (indexed under a wrong name, a file would stay so: an unchanged file is not read
    again)."""
    found: dict[Path, str] = {}
    refused: list[IngestOutcome] = []
    folders: dict[Path, dict[str, str] | SidecarError] = {}
    for f in files:
        folder = f.parent
        if folder not in folders:
            try:
                folders[folder] = read_sidecar(folder)
            except SidecarError as exc:
                folders[folder] = exc
        names = folders[folder]
        if isinstance(names, SidecarError):
            refused.append(IngestOutcome(str(f), "failed", message=str(names)))
        elif names.get(f.name):
            found[f] = names[f.name]
    failed = {o.path for o in refused}
    return [f for f in files if str(f) not in failed], found, refused


def name_unchanged(index: Index, outcomes: list[IngestOutcome], names: dict[Path, str]) -> None:
    """An unchanged report still under its file name gets the name a sidecar now gives it
    (a sidecar added after the report was indexed); no text is read again."""
    current = {r.report: r.authority for r in index.reports}
    for o in outcomes:
        name = names.get(Path(o.path))
        if o.status == "unchanged" and name and current.get(o.report or "") == Path(o.path).stem:
            rename_authority(index, o.report or "", name)


def clean_name(authority: str) -> str:
    name = " ".join(authority.split())
    if not name:
        raise ConfigError("The council name is empty. Give the name, e.g. 'Wirral Council'.")
    if len(name) > 120:
        raise ConfigError(
            f"The council name {name[:40]!r}... is {len(name)} characters: at most 120."
        )
    return name


def find_report(index: Index, report: str) -> ReportInfo:
    match = next((r for r in index.reports if report in (r.report, r.source)), None)
    if match is None:
        known = ", ".join(r.report for r in index.reports) or "none"
        raise ReportNotFound(
            f"No indexed report named {report!r}. Indexed reports: {known}. See `cqc-rag list`."
        )
    return match


def rename_authority(index: Index, report: str, authority: str) -> ReportInfo:
    """Give an indexed report another council name (the caller holds the write lock)."""
    name = clean_name(authority)
    index.publish()
    reconcile_authorities(index)  # a rename killed before its chunks were written
    info = find_report(index, report)
    if info.authority == name:
        return info
    renamed = replace(info, authority=name)
    index.store.put_reports([renamed])  # the commit point
    index.announce()
    index.store.relabel(
        [r.renamed(name) for r in index.store.all_records() if r.report == info.report]
    )
    index.publish()
    return renamed


def reconcile_authorities(index: Index) -> int:
    """Bring chunks whose stored council is not their report's manifest name (a rename
    killed before its chunks were written) in line; how many were rewritten."""
    names = {r.report: (r.content_hash, r.authority) for r in index.reports}
    stale = [
        r.renamed(names[r.report][1])
        for r in index.store.all_records()
        if r.report in names
        and names[r.report][0] == r.content_hash
        and r.authority != names[r.report][1]
    ]
    if stale:
        index.store.relabel(stale)
    return len(stale)
