"""Server mode against a real `chroma run` on a free loopback port, started by the test.

Several app instances (each with its own local data dir, as on separate machines) share
one server: what one ingests, the other sees at its next question, because the keyword
index and chunk records are derived from the server's manifest, never a stale local copy.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.errors import StoreUnavailable
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    if chroma is None:
        pytest.fail(
            "the `chroma` command (from the chromadb package) is not installed in this environment"
        )
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail(
                    f"chroma server did not start: {(path / 'server.log').read_text()[-2000:]}"
                )
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def instance(url: str, data_dir: Path, prefix: str) -> Assistant:
    settings = Settings(data_dir=data_dir, chroma_url=url, collection_prefix=prefix)
    return Assistant(settings, embedder=HashingEmbedder())


def test_second_instance_sees_what_the_first_ingests(chroma_url: str, tmp_path: Path) -> None:
    first = instance(chroma_url, tmp_path / "a", "share")
    second = instance(chroma_url, tmp_path / "b", "share")
    first.ingest([SAMPLES / "northmere.md"])
    assert second.ask(
        "How many compliments did Northmere receive?"
    ).citations  # sees the first's corpus
    before = {p.record.authority for p in first.search("complaints received", k=20)}
    assert before == {"Northmere Borough Council"}

    second.ingest([SAMPLES / "southbay.md"])
    after = first.ask("How many complaints did Southbay receive in 2023/24?")
    assert {c.record.authority for c in after.citations} == {"Southbay City Council"}
    assert {r.report for r in first.reports()} == {"northmere.md", "southbay.md"}

    second.remove("southbay.md")
    assert {r.report for r in first.reports()} == {"northmere.md"}
    assert all(p.record.report == "northmere.md" for p in first.search("complaints", k=20))


def test_server_answers_match_the_embedded_store(
    chroma_url: str, tmp_path: Path, real_report: Path
) -> None:
    """The real model, the real report: both stores give the same answer and citations."""
    from rag.embedder import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(Settings().embedding)
    served = Assistant(
        Settings(data_dir=tmp_path / "s", chroma_url=chroma_url, collection_prefix="same"),
        embedder=embedder,
    )
    local = Assistant(Settings(data_dir=tmp_path / "e"), embedder=embedder)
    files = [real_report, SAMPLES / "northmere.md"]
    served.ingest(files)
    local.ingest(files)
    question = "How many complaints were received between April 2023 and March 2024?"
    a, b = served.ask(question), local.ask(question)
    assert "220" in a.text and a.text == b.text
    assert [c.record.chunk_id for c in a.citations] == [c.record.chunk_id for c in b.citations]
    assert [p.record.chunk_id for p in a.passages] == [p.record.chunk_id for p in b.passages]


def test_unreachable_server_says_how_to_fix(tmp_path: Path) -> None:
    assistant = instance(f"http://127.0.0.1:{free_port()}", tmp_path, "none")
    with pytest.raises(StoreUnavailable, match="Check the server is running"):
        assistant.reports()


def test_scores_table_follows_another_instance_through_the_server(
    chroma_url: str, tmp_path: Path
) -> None:
    """The scores table (issue 15) is derived from the server's manifest and records: one
    instance's ingest and remove show in the other's table and answers."""
    first = instance(chroma_url, tmp_path / "a", "scores")
    second = instance(chroma_url, tmp_path / "b", "scores")
    first.ingest([SAMPLES / "northmere.md"])
    assert [r.authority for r in second.scores().rows] == ["Northmere Borough Council"]
    second.ingest([SAMPLES / "southbay.md"])
    answer = first.ask("Which councils scored 1 for Care provision, integration and continuity?")
    assert answer.kind == "scores" and "Southbay City Council" in answer.text
    assert [c.quote for c in answer.citations] == [
        "Score: 1\n\n1 - Evidence shows significant shortfalls"
    ]
    second.remove("southbay.md")
    assert [r.authority for r in first.scores().rows] == ["Northmere Borough Council"]
    assert "Southbay" not in first.ask("Which council scored lowest for Safeguarding?").text
