"""Start `cqc-rag serve` in its own process on a free loopback port; stop it afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

# A first start indexes three reports with the real model (~10-30 s on 2 busy cores).
START_TIMEOUT_S = 240


@dataclass(frozen=True)
class Server:
    url: str
    data_dir: Path
    log: Path
    port: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _command() -> list[str]:
    script = Path(sys.executable).with_name("cqc-rag")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from rag.cli import main; main()"]


@contextmanager
def running_server(
    data_dir: Path,
    log: Path,
    *args: str,
    host: str | None = "127.0.0.1",
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """`cqc-rag serve` on a free port; host=None leaves --host out (the default is then under test)."""
    port = free_port()
    host_args = ["--host", host] if host else []
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*_command(), "serve", *host_args, "--port", str(port), *args],
            cwd=ROOT,
            env={**os.environ, **(env or {}), "CQC_RAG_DATA_DIR": str(data_dir)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while "cqc-rag UI: http" not in log.read_text(encoding="utf-8", errors="replace"):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"cqc-rag serve did not start (exit {proc.poll()}); log:\n"
                    f"{log.read_text(errors='replace')[-4000:]}"
                )
            time.sleep(0.25)
        yield Server(f"http://127.0.0.1:{port}/", data_dir, log, port)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
