"""Kill an ingest (SIGKILL) at random moments while it replaces a report, many times.

After every kill the next process must find a consistent index: the report fully old or
fully new, never a mix; the keyword index agreeing with the chunks; and a rerun of the
same ingest finishing the job and leaving no orphan chunks behind.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder

pytestmark = pytest.mark.slow

# The worker slows every write step down (0.15 s each) so that kills land inside the
# windows that matter: between writing new chunks, switching the manifest and deleting
# the old chunks, not only during start-up.
WORKER = """
import sys, time
from pathlib import Path
from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.store import ChromaStore

class SlowStore(ChromaStore):
    def add(self, records, vectors):
        for i in range(0, len(records), 4):
            time.sleep(0.15)
            super().add(records[i : i + 4], vectors[i : i + 4])
    def put_reports(self, infos):
        time.sleep(0.15)
        super().put_reports(infos)
    def delete(self, ids):
        time.sleep(0.15)
        super().delete(ids)
    def set_generation_marker(self, value):
        time.sleep(0.15)
        super().set_generation_marker(value)

settings = Settings(data_dir=Path(sys.argv[1]))
store = SlowStore(settings.collection_name, path=settings.data_dir / "chroma")
assistant = Assistant(settings, embedder=HashingEmbedder(), store=store)
assistant.index.refresh()
print("ready", flush=True)
assistant.ingest([Path(p) for p in sys.argv[2:]])
print("done", flush=True)
"""


def report_text(version: int) -> str:
    paragraphs = "\n\n".join(
        f"Finding {i} of version {version}: the council received {version * 1000 + i} concerns, and staff "
        f"said the service in area {i} was improving steadily through the year."
        for i in range(60)
    )
    return f"# Vale Council: local authority assessment\n\n## Safeguarding\n\nScore: 2\n\n{paragraphs}\n"


def open_index(data_dir: Path) -> Assistant:
    return Assistant(Settings(data_dir=data_dir), embedder=HashingEmbedder())


def check_consistent(data_dir: Path, versions: set[int], reader: Assistant | None = None) -> int:
    """`reader`: a long-lived process's view (it refreshes, it is not rebuilt from scratch)."""
    assistant = reader or open_index(data_dir)
    assistant.index.refresh()
    vale = [r for r in assistant.index.records if r.report == "vale.md"]
    seen = {
        int(t.split("version ")[1].split(":")[0])
        for r in vale
        for t in r.text.split("Finding ")[1:]
    }
    assert len(seen) == 1 and seen <= versions, f"report is a mix of versions {seen}"
    hashes = {r.content_hash for r in vale}
    manifest = {r.report: r for r in assistant.index.reports}
    assert hashes == {manifest["vale.md"].content_hash}
    assert manifest["vale.md"].chunks == len(vale)  # nothing missing, nothing extra
    # what the cache shows is what the store holds (vectors included): no stale view
    stored = {r.chunk_id for r in assistant.index.store.all_records() if r.content_hash in hashes}
    assert stored == {r.chunk_id for r in vale}
    assert assistant.index.keyword.size == len(assistant.index.records)
    return seen.pop()


def test_sigkill_during_replacement_never_leaves_a_mixed_report(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    report = tmp_path / "vale.md"
    report.write_text(report_text(1), encoding="utf-8")
    open_index(data_dir).ingest([report])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}

    def start(version: int) -> subprocess.Popen[str]:
        report.write_text(report_text(version), encoding="utf-8")
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data_dir), str(report)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        return proc

    # One uninterrupted replacement measures how long the write phase takes; the kills
    # are then spread evenly over it (plus jitter), so every step gets killed at least once.
    uncut = start(2)
    began = time.monotonic()
    assert uncut.stdout is not None and uncut.stdout.readline().strip() == "done"
    duration = time.monotonic() - began
    uncut.wait(timeout=60)
    reader = open_index(data_dir)
    reader.index.refresh()
    rng = random.Random(7)
    version = 2
    kills = 0
    attempts = 16
    for attempt in range(attempts):
        version += 1
        proc = start(version)
        time.sleep(duration * (attempt + rng.random()) / attempts)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        shown = check_consistent(data_dir, {version - 1, version} | set(range(1, version)))
        assert shown in range(1, version + 1), attempt
        # a reader that was running all along (a server) is consistent too: whatever view
        # it still holds, every chunk of it is in the store
        check_consistent(data_dir, set(range(1, version + 1)), reader=reader)
        # simply rerunning the ingest completes it and cleans up what the kill left
        outcome = open_index(data_dir).ingest([report])[0]
        assert outcome.status in {"replaced", "unchanged"}, outcome
        assert check_consistent(data_dir, {version}) == version
        assistant = open_index(data_dir)
        assistant.index.refresh()
        assert sorted(assistant.index.store.chunk_ids()) == sorted(
            r.chunk_id for r in assistant.index.records
        )
    assert kills >= 6  # most attempts really were killed mid-ingest


class _Killed(Exception):
    """Stands in for a SIGKILL at one exact step."""


def test_a_writer_killed_between_commit_and_announcement_does_not_strand_readers(
    tmp_path: Path,
) -> None:
    """The window the random kills above hit only sometimes: the manifest already names
    the new version, the marker readers watch is unchanged. The next writer (here a rerun
    that finds the file unchanged) deletes the old version's chunks; a reader that was
    running all along must then move to the new version, not keep citing deleted chunks."""
    from rag.store import ChromaStore

    class DiesBeforeAnnouncing(ChromaStore):
        def set_generation_marker(self, value: str) -> None:
            raise _Killed

    data_dir = tmp_path / "data"
    report = tmp_path / "vale.md"
    report.write_text(report_text(1), encoding="utf-8")
    open_index(data_dir).ingest([report])
    reader = open_index(data_dir)
    reader.index.refresh()
    assert check_consistent(data_dir, {1}, reader=reader) == 1

    report.write_text(report_text(2), encoding="utf-8")
    settings = Settings(data_dir=data_dir)
    dying = DiesBeforeAnnouncing(settings.collection_name, path=data_dir / "chroma")
    with pytest.raises(_Killed):
        Assistant(settings, embedder=HashingEmbedder(), store=dying).ingest([report])
    assert {r.content_hash for r in open_index(data_dir).reports()} != {
        r.content_hash for r in reader.index.reports
    }

    assert (
        open_index(data_dir).ingest([report])[0].status == "unchanged"
    )  # deletes version 1's chunks
    assert check_consistent(data_dir, {2}, reader=reader) == 2
    assert check_consistent(data_dir, {2}) == 2
