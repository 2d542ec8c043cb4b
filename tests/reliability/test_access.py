"""Access to a running `cqc-rag serve`: who can reach it, what an upload can do, and
whether a secret can leak.

Against real servers: with no --host it listens on 127.0.0.1 only; --host 0.0.0.0
--no-auth starts with a warning (bound for a few seconds, no traffic sent to it); uploaded
names such as ../../etc/passwd.md or /abs/evil.md land inside data_dir/uploads; wrong types
and files over the size limit are refused; a path outside Gradio's upload cache is
refused; CQC_RAG_LLM__API_KEY never appears in the server's output, its API responses or
its data directory, even when the LLM endpoint is down and the failure is logged.

Covered elsewhere, not repeated: `--host 0.0.0.0` without users refuses with a message,
and a bad users file is reported (tests/ui/test_serve_cli.py); sign-in guards the page
and the API (tests/ui/test_auth_server.py); hashing and the users file
(tests/ui/test_auth.py); name sanitising and the type/size/empty checks as functions
(tests/ui/test_uploads.py); the key kept out of the LLM client's errors and logs
(tests/rag/test_llm.py, tests/rag/test_llm_answers.py).
"""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.ui.server import Server, free_port, running_server

pytestmark = pytest.mark.slow

SECRET = f"sk-cqc-test-{uuid.uuid4().hex}"
MAX_FILE_MB = 1  # the server's upload/ingest limit here, so "too big" is a small file


Running = Server


def serving(data_dir: Path, log: Path, *args: str, env: dict[str, str]):  # type: ignore[no-untyped-def]
    """`cqc-rag serve --port P *args` (no --host unless given: the default is under test)."""
    return running_server(data_dir, log, *args, host=None, env=env)


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a LISTEN socket on `port`, from /proc/net/tcp (no traffic)."""
    found = set()
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":
                raw = bytes.fromhex(address)
                # The kernel prints each 32-bit word in host (little-endian) order.
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                family = socket.AF_INET if width == 4 else socket.AF_INET6
                found.add(socket.inet_ntop(family, words))
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """No --host; an API key; an LLM URL on a closed loopback port; a 1 MB file limit."""
    base = tmp_path_factory.mktemp("access-server")
    closed = free_port()  # bound and released: nothing listens there
    env = {
        "CQC_RAG_LLM__URL": f"http://127.0.0.1:{closed}/v1",
        "CQC_RAG_LLM__API_KEY": SECRET,
        "CQC_RAG_LLM__TIMEOUT_S": "5",
        "CQC_RAG_MAX_FILE_MB": str(MAX_FILE_MB),
    }
    with serving(base / "data", base / "serve.log", env=env) as running:
        yield running


def call(url: str, api_name: str, data: list[Any]) -> tuple[str, Any]:
    """One call through Gradio's HTTP API: ("complete", outputs) or ("error", message).
    The raw API needs a value for every input, optional ones too (`/upload`'s council: "")."""
    posted = httpx.post(f"{url}gradio_api/call/{api_name}", json={"data": data}, timeout=30)
    posted.raise_for_status()
    event, payload = "", None
    with httpx.stream(
        "GET", f"{url}gradio_api/call/{api_name}/{posted.json()['event_id']}", timeout=120
    ) as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                payload = json.loads(line[5:])
                return event, payload
    raise AssertionError(f"no result from /{api_name}")


def upload(url: str, name: str, content: bytes) -> httpx.Response:
    """The browser's upload step: multipart to Gradio's cache, under any file name."""
    return httpx.post(f"{url}gradio_api/upload", files={"files": (name, content)}, timeout=60)


def file_data(path: str, name: str) -> dict[str, Any]:
    return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def report(authority: str, extra: str = "") -> bytes:
    return (
        f"# {authority}: local authority assessment\n\nA test report about care.\n{extra}".encode()
    )


def test_default_bind_is_loopback_only(server: Running) -> None:
    assert listening_addresses(server.port) == {"127.0.0.1"}
    assert f"cqc-rag UI: http://127.0.0.1:{server.port}/" in server.log.read_text()


def test_the_api_key_never_shows(server: Running) -> None:
    from gradio_client import Client

    client = Client(server.url, verbose=False, analytics_enabled=False, download_files=False)
    answer = client.predict(
        "How many complaints were received between April 2023 and March 2024?", api_name="/ask"
    )
    assert "could not be reached" in answer["notice"]  # the LLM path ran, and fell back
    shown = [
        json.dumps(answer),
        json.dumps(client.predict("complaints", api_name="/search")),
        json.dumps(client.predict(api_name="/reports")),
        httpx.get(server.url, timeout=30).text,
        httpx.get(server.url + "config", timeout=30).text,
        httpx.get(server.url + "gradio_api/info", timeout=30).text,
    ]
    assert all(SECRET not in text for text in shown)
    log = server.log.read_text(errors="replace")
    assert "LLM endpoint" in log and "cannot connect" in log  # the failure was logged ...
    assert SECRET not in log  # ... without the key
    for path in server.data_dir.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_uploaded_names_stay_inside_uploads(server: Running) -> None:
    names = {
        "../../etc/passwd.md": "Traversal Borough Council",
        "/abs/dir/evil.md": "Absolute Borough Council",
        "..\\..\\Windows\\win.md": "Backslash Borough Council",
    }
    files = []
    for name, authority in names.items():
        sent = upload(server.url, name, report(authority))
        assert sent.status_code == 200, sent.text
        files.append(file_data(sent.json()[0], name))
    event, outputs = call(server.url, "upload", [files, ""])
    assert event == "complete", outputs
    assert outputs[0].count(": indexed") == 3, outputs[0]
    uploads = (server.data_dir / "uploads").resolve()
    stored = sorted(p.name for p in uploads.iterdir())
    assert "passwd.md" in stored and "evil.md" in stored and len(stored) == 3, stored
    base = server.data_dir.parent
    outside = [p for p in base.rglob("*.md") if uploads not in p.resolve().parents]
    assert outside == [] and not (base / "etc").exists() and not Path("/etc/passwd.md").exists()


def test_wrong_type_too_large_or_foreign_path_is_refused(server: Running, tmp_path: Path) -> None:
    uploads = server.data_dir / "uploads"
    before = sorted(p.name for p in uploads.iterdir()) if uploads.exists() else []

    exe = upload(server.url, "tool.exe", b"MZ\x90\x00")
    event, message = call(server.url, "upload", [[file_data(exe.json()[0], "tool.exe")], ""])
    assert event == "error" and "Invalid file type" in str(message), message

    big = report("Big Borough Council", "Words about care. " * 70_000)  # ~1.3 MB
    assert len(big) > MAX_FILE_MB * 1e6
    sent = upload(server.url, "big.md", big)
    if sent.status_code == 200:  # the app's own check, after Gradio's 50 MB cap
        event, outputs = call(server.url, "upload", [[file_data(sent.json()[0], "big.md")], ""])
        assert event == "complete" and f"over the {MAX_FILE_MB} MB limit" in outputs[0], outputs
    else:
        assert sent.status_code == 413

    # Not through the upload cache: a file elsewhere on the server's disk.
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_bytes(report("Elsewhere Borough Council"))
    for path in (str(elsewhere), f"{Path(exe.json()[0]).parent}/../../{elsewhere.name}"):
        event, _ = call(server.url, "upload", [[file_data(path, "elsewhere.md")], ""])
        assert event == "error"

    assert sorted(p.name for p in uploads.iterdir()) == before
    assert not any("Big Borough" in r or "Elsewhere" in r for r in _authorities(server))


def test_gradio_refuses_uploads_over_its_cap(server: Running) -> None:
    # ui/cli.py gives Gradio the CQC_RAG_MAX_FILE_MB cap: the request is refused before any report logic.
    sent = upload(server.url, "huge.md", b"x" * (50 * 2**20 + 1))
    assert sent.status_code == 413, sent.text[:300]


def _authorities(server: Running) -> list[str]:
    event, outputs = call(server.url, "reports", [])
    assert event == "complete"
    return [r["authority"] for r in outputs[0]]


def test_no_auth_on_the_network_warns(server: Running, tmp_path: Path) -> None:
    # Reuses the indexed data dir (read only), so this start takes seconds; it is stopped
    # as soon as it says it is up, and nothing is sent to it.
    with serving(
        server.data_dir, tmp_path / "serve.log", "--host", "0.0.0.0", "--no-auth", env={}
    ) as running:
        assert listening_addresses(running.port) == {"0.0.0.0"}
        log = running.log.read_text()
    assert "WARNING: serving on 0.0.0.0 without sign-in" in log
    assert "anyone who can reach port" in log
