"""A long-lived reader (a running `cqc-rag serve`) sees what another process ingests, in
both searches: embedded Chroma keeps vectors in a per-process segment that does not see
other processes' writes, so the vectors the index searches are read from SQLite metadata.
(Before, the new report's chunks were found by BM25 only: dense search never saw them.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.types import Filters
from rag.windows import sentence_windows
from tests.conftest import SAMPLES

WRITER = """
import sys
from pathlib import Path
from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
outcome = Assistant(Settings(data_dir=Path(sys.argv[1])), embedder=HashingEmbedder()).ingest([Path(sys.argv[2])])[0]
print(outcome.status, flush=True)
"""


def test_a_reader_finds_another_processs_new_report_by_meaning_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    reader = Assistant(Settings(data_dir=data), embedder=HashingEmbedder())
    reader.ingest([SAMPLES / "northmere.md"])
    reader.search("complaints")  # the reader's Chroma client is open and warm

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(data), str(SAMPLES / "southbay.md")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "indexed"

    # The writer also left a derived cache for its final generation; a reader that looks
    # between two of a long ingest's commits, or after a writer was killed, has none and
    # reads the store. That is the case under test.
    shutil.rmtree(data / "cache")
    index = reader.index
    assert index.refresh()  # the reader notices the new manifest generation
    southbay = [r for r in index.records if r.report == "southbay.md"]
    assert southbay and len(index.view.starts) == len(index.records)
    # a Southbay chunk's own sentence window (one no other chunk has) finds it first: the
    # dense side sees it
    windows = {r.chunk_id: sentence_windows(r.text) for r in index.records}
    target, window = next(
        (r, w)
        for r in southbay[len(southbay) // 2 :]
        for w in windows[r.chunk_id]
        if not any(w in ws for cid, ws in windows.items() if cid != r.chunk_id)
    )
    vector = reader.embedder.embed([window])[0]
    row = index.view.position[target.chunk_id]
    own = index.view.windows[index.view.starts[row] + windows[target.chunk_id].index(window)]
    assert np.allclose(own, vector, atol=2e-3)  # stored as float16
    top_id, similarity = index.dense(vector, 1, Filters())[0]
    assert top_id == target.chunk_id and similarity > 0.998
    authorities = {
        p.record.authority
        for p in reader.search(target.text, filters=Filters(authority="Southbay City Council"))
    }
    assert authorities == {"Southbay City Council"}
