"""Does the store hold every chunk the manifest promises? `cqc-rag check [--repair]`.

The manifest is the commit point (rag.ingestion): a report it lists should have exactly
`chunks` chunks carrying its content hash. A storage error at the wrong moment (a data
dir made read-only under a running server, a full disk, Chroma applying its log late) or
a hand edit of the store can leave a listed report with fewer: `ask` then said its
council was not mentioned while `list` showed it, and re-ingesting said "unchanged".

`check` compares the two by chunk id alone (no vectors or records are read: ids carry
report and hash, see rag.ingestion.build_records); `repair` deletes orphans, re-ingests a
damaged report from its file when the file is unchanged, and otherwise takes it off the
list with the fix. Ingest uses the same counts, so a damaged report is re-ingested
instead of "unchanged".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rag.store import VectorStore
from rag.types import IngestOutcome, ReportInfo


@dataclass(frozen=True, slots=True)
class Damaged:
    report: ReportInfo
    found: int  # chunks of its current version in the store (it should hold report.chunks)


@dataclass(frozen=True, slots=True)
class Health:
    reports: int
    chunks: int  # chunks the manifest promises
    damaged: tuple[Damaged, ...]
    orphans: int  # chunks no manifest entry names (a killed or failed write's leftovers)

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.orphans


def stored_counts(store: VectorStore) -> Counter[tuple[str, str]]:
    """(report, first 12 hex of its content hash) -> chunks in the store, from the ids."""
    counts: Counter[tuple[str, str]] = Counter()
    for chunk_id in store.chunk_ids():
        report, _, rest = chunk_id.rpartition(":")[0].rpartition(":")
        counts[(report, rest)] += 1
    return counts


def chunks_present(counts: Counter[tuple[str, str]], info: ReportInfo) -> int:
    return counts[(info.report, info.content_hash[:12])]


def check(store: VectorStore) -> Health:
    reports = store.reports()
    counts = stored_counts(store)
    damaged = tuple(
        Damaged(r, chunks_present(counts, r))
        for r in reports
        if chunks_present(counts, r) < r.chunks
    )
    named = {(r.report, r.content_hash[:12]) for r in reports}
    orphans = sum(n for key, n in counts.items() if key not in named)
    return Health(len(reports), sum(r.chunks for r in reports), damaged, orphans)


def describe(health: Health, where: str) -> list[str]:
    """What `cqc-rag check` prints."""
    lines = [
        f"Index in {where}: {health.reports} reports, {health.chunks} chunks listed.",
    ]
    for d in health.damaged:
        lines.append(
            f"DAMAGED {d.report.report} ({d.report.authority}): {d.found} of "
            f"{d.report.chunks} chunks in the store."
        )
    if health.orphans:
        lines.append(
            f"{health.orphans} chunks belong to no listed report (left by a failed write)."
        )
    if health.ok:
        lines.append("OK: every listed report has all its chunks.")
    else:
        lines.append("Run `cqc-rag check --repair` to fix this.")
    return lines


def repair(
    health: Health,
    reingest: Callable[[Sequence[Path]], list[IngestOutcome]],
    remove: Callable[[str], object],
    delete_orphans: Callable[[], int],
) -> list[str]:
    """Fix what `check` found; returns one line per action taken."""
    done: list[str] = []
    if health.orphans:
        done.append(f"deleted {delete_orphans()} orphan chunks")
    for d in health.damaged:
        info = d.report
        source = Path(info.source) if info.source else None
        if source is not None and _same_file(source, info.content_hash):
            outcome = reingest([source])[-1]
            if outcome.ok:
                done.append(
                    f"re-ingested {info.report} from {source}: {outcome.chunks} chunks ({outcome.status})"
                )
                continue
            done.append(f"could not re-ingest {info.report} from {source}: {outcome.message}")
        remove(info.report)
        why = "its file has changed" if source and source.exists() else "its file is gone"
        done.append(
            f"removed {info.report} from the index ({why}: {info.source}); "
            f"run `cqc-rag ingest FILE` with the report to index it again"
        )
    return done


def _same_file(path: Path, content_hash: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == content_hash
    except OSError:
        return False
