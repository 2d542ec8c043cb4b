"""`cqc-rag load --leak`: one user asks N questions in a row while the server's RSS is sampled.

Split from eval/bench/load.py (which keeps the command): the process lookup, RSS sampling and
growth arithmetic. RSS comes from psutil when installed, else /proc/PID/status (Linux).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from eval.bench.requests import Ask, Sample


def rss_bytes(pid: int) -> int:
    try:
        import psutil  # type: ignore[import-untyped]
    except ImportError:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
        kib = next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
        )
        return kib * 1024
    return int(psutil.Process(pid).memory_info().rss)


def pid_listening_on(port: int, proc: Path = Path("/proc")) -> int:
    """The process with a listening TCP socket on `port` (it must be ours to be visible)."""
    inodes = set()
    for table in ("net/tcp", "net/tcp6"):
        path = proc / table
        for line in path.read_text().splitlines()[1:] if path.exists() else []:
            fields = line.split()
            # local_address is HEXIP:HEXPORT; state 0A is LISTEN; field 9 is the socket inode.
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":
                inodes.add(f"socket:[{fields[9]}]")
    for fd_dir in proc.glob("[0-9]*/fd"):
        try:
            if any(os.readlink(fd) in inodes for fd in fd_dir.iterdir()):
                return int(fd_dir.parent.name)
        except OSError:  # another user's process, or one that just exited
            continue
    raise click.UsageError(
        f"No process of yours listens on port {port}. Start `cqc-rag serve --port {port}` as "
        "this user, or pass --pid."
    )


def run_leak(
    ask: Ask,
    questions: Sequence[tuple[str, str, str]],
    n: int,
    every: int,
    rss: Callable[[], int],
    keys: frozenset[str],
    echo: Callable[[str], None],
) -> tuple[list[tuple[int, int]], list[Sample]]:
    """Ask n questions in a row; RSS before the first and after every `every`-th."""
    from eval.bench.requests import timed as _timed

    series = [(0, rss())]
    echo(f"{'questions':>9}  {'RSS MB':>8}\n{0:>9}  {series[0][1] / 2**20:>8.1f}")
    samples: list[Sample] = []
    for i in range(1, n + 1):
        samples.append(_timed(ask, questions[(i - 1) % len(questions)], keys, 0))
        if i % every == 0 or i == n:
            series.append((i, rss()))
            echo(f"{i:>9}  {series[-1][1] / 2**20:>8.1f}")
    return series, samples


def growth_mb(series: Sequence[tuple[int, int]], every: int) -> float:
    """RSS growth from the first sample at or after `every` questions (caches, the model's
    buffers and Gradio's queue are warm by then) to the last."""
    warm = next((b for q, b in series if q >= every), series[-1][1])
    return (series[-1][1] - warm) / 2**20
