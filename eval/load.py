"""`cqc-rag load`: many users at once through a running UI's `/ask` API, or (`--leak`) one
user asking N questions in a row while the server's memory is sampled.

Each user is a thread with its own `gradio_client.Client`, asking the questions of
eval/questions.jsonl (with their filters) in a fixed order: user i starts at question
5*i, so users ask different things at once yet every run asks the same. A request is an
error when it raises, times out, or returns an object without every key of
`Answer.to_json()`. The load run prints requests, errors, throughput and p50/p95/p99
latency; the leak run prints the server's RSS every `--every` questions and fails when it
grew by more than `--max-growth-mb` from the first sample after warm-up to the last.
Either run exits 1 if any request failed.

Loopback only (127.0.0.0/8, localhost, ::1): this can never be pointed at someone else's
server. It does not start the server (`cqc-rag serve` does) nor judge answers (`cqc-rag
eval` does). RSS comes from psutil when installed, else /proc/PID/status (Linux).
"""

from __future__ import annotations

import ipaddress
import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

ROOT = Path(__file__).resolve().parents[1]
Ask = Callable[[tuple[str, str, str]], Any]  # (question, authority, statement) -> /ask result
# A single extractive answer takes ~0.1-0.3 s; a request still waiting after 120 s is
# stuck behind something, and counts as an error rather than hanging the run.
REQUEST_TIMEOUT_S = 120.0


@dataclass(frozen=True, slots=True)
class Sample:
    user: int
    seconds: float
    error: str | None


@dataclass(frozen=True, slots=True)
class Summary:
    requests: int
    errors: int
    seconds: float
    throughput: float  # requests per second of wall clock
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    first_errors: tuple[str, ...]


def loopback_url(url: str) -> str:
    """The URL with a trailing slash if its host is this machine; else a UsageError."""
    host = (urlsplit(url).hostname or "").lower()
    try:
        ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok or urlsplit(url).scheme not in ("http", "https"):
        raise click.UsageError(
            f"--url {url!r} is not a loopback address. `cqc-rag load` only loads a server on this "
            "machine: use http://127.0.0.1:PORT/ (or localhost, [::1]) of a `cqc-rag serve`."
        )
    return url if url.endswith("/") else url + "/"


def answer_keys() -> frozenset[str]:
    """The keys every /ask result carries: those of `Answer.to_json()` itself."""
    from rag.types import Answer

    return frozenset(Answer("", "", True, (), (), {}, "").to_json())


def problem(got: Any, keys: frozenset[str]) -> str | None:
    if not isinstance(got, dict):
        return f"/ask returned {type(got).__name__}, not the answer object"
    missing = sorted(keys - set(got))
    return f"/ask result lacks {', '.join(missing)}" if missing else None


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default): [1,2,3,4] at 50 -> 2.5."""
    if not values:
        return 0.0
    ordered = sorted(values)
    where = (len(ordered) - 1) * pct / 100
    low = int(where)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (where - low)


def timed(ask: Ask, item: tuple[str, str, str], keys: frozenset[str], user: int) -> Sample:
    started = time.perf_counter()
    try:
        error = problem(ask(item), keys)
    except Exception as exc:  # any failure of the request is what we count, not a crash
        error = f"{type(exc).__name__}: {exc}"[:300]
    return Sample(user, time.perf_counter() - started, error)


def run_users(
    make_ask: Callable[[], Ask],
    questions: Sequence[tuple[str, str, str]],
    users: int,
    seconds: float,
    keys: frozenset[str],
) -> tuple[list[Sample], float]:
    """Every user asks in a loop until the deadline (a request under way then finishes).
    Returns the samples and the wall-clock seconds from the common start to the last reply."""
    samples: list[Sample] = []
    lock = threading.Lock()
    # Clients connect before the clock starts (connecting fetches the app config, ~0.1 s);
    # the barrier's action stamps the start once, before any user is released.
    start: list[float] = []
    ready = threading.Barrier(users, action=lambda: start.append(time.perf_counter()))

    def user(i: int) -> None:
        try:
            ask = make_ask()
        except Exception as exc:
            with lock:
                samples.append(Sample(i, 0.0, f"cannot connect: {type(exc).__name__}: {exc}"[:300]))
            ready.abort()  # a user that cannot connect makes the run meaningless
            return
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return
        n = 5 * i
        while time.perf_counter() < start[0] + seconds:
            sample = timed(ask, questions[n % len(questions)], keys, i)
            n += 1
            with lock:
                samples.append(sample)

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples, (time.perf_counter() - start[0]) if start else 0.0


def summarise(samples: Sequence[Sample], wall_s: float) -> Summary:
    ms = [s.seconds * 1000 for s in samples if s.error is None]
    errors = [s.error for s in samples if s.error is not None]
    return Summary(
        requests=len(samples),
        errors=len(errors),
        seconds=round(wall_s, 2),
        throughput=round(len(samples) / wall_s, 2) if wall_s > 0 else 0.0,
        p50_ms=round(percentile(ms, 50), 1),
        p95_ms=round(percentile(ms, 95), 1),
        p99_ms=round(percentile(ms, 99), 1),
        max_ms=round(max(ms, default=0.0), 1),
        first_errors=tuple(dict.fromkeys(errors))[:3],
    )


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
    series = [(0, rss())]
    echo(f"{'questions':>9}  {'RSS MB':>8}\n{0:>9}  {series[0][1] / 2**20:>8.1f}")
    samples: list[Sample] = []
    for i in range(1, n + 1):
        samples.append(timed(ask, questions[(i - 1) % len(questions)], keys, 0))
        if i % every == 0 or i == n:
            series.append((i, rss()))
            echo(f"{i:>9}  {series[-1][1] / 2**20:>8.1f}")
    return series, samples


def growth_mb(series: Sequence[tuple[int, int]], every: int) -> float:
    """RSS growth from the first sample at or after `every` questions (caches, the model's
    buffers and Gradio's queue are warm by then) to the last."""
    warm = next((b for q, b in series if q >= every), series[-1][1])
    return (series[-1][1] - warm) / 2**20


def _load_questions(dataset: Path) -> list[tuple[str, str, str]]:
    from eval.dataset import load_dataset

    return [
        (q.question, q.filters.authority or "", q.filters.quality_statement or "")
        for q in load_dataset(dataset)
    ]


def _client_ask(url: str) -> Ask:
    from gradio_client import Client

    client = Client(url, verbose=False, analytics_enabled=False, download_files=False)

    def ask(item: tuple[str, str, str]) -> Any:
        question, authority, statement = item
        job = client.submit(question, authority, statement, api_name="/ask")
        return job.result(timeout=REQUEST_TIMEOUT_S)

    return ask


@click.command()
@click.option(
    "--url",
    required=True,
    help="A running `cqc-rag serve` on this machine, e.g. http://127.0.0.1:7860/.",
)
@click.option(
    "--users",
    default=16,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Concurrent users (threads, one client each).",
)
@click.option(
    "--seconds",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="How long the users keep asking.",
)
@click.option(
    "--leak",
    is_flag=True,
    help="Instead: one user asks --questions questions in a row while the server's RSS is sampled.",
)
@click.option(
    "--questions",
    "n",
    default=1000,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Questions asked in --leak mode.",
)
@click.option(
    "--every",
    default=100,
    show_default=True,
    type=click.IntRange(1),
    help="--leak: sample RSS every this many questions.",
)
@click.option(
    "--max-growth-mb",
    default=50.0,
    show_default=True,
    help="--leak: fail when RSS grew more than this after the first sample.",
)
@click.option(
    "--pid",
    type=int,
    help="--leak: the server's process id (default: the process listening on the URL's port).",
)
@click.option(
    "--dataset",
    type=click.Path(path_type=Path, dir_okay=False),
    default=ROOT / "eval" / "questions.jsonl",
    show_default="eval/questions.jsonl",
    help="Questions to ask, in order.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def load(
    url: str,
    users: int,
    seconds: float,
    leak: bool,
    n: int,
    every: int,
    max_growth_mb: float,
    pid: int | None,
    dataset: Path,
    as_json: bool,
) -> None:
    """Load a running UI through its /ask API (loopback only); print latency and errors."""
    url = loopback_url(url)
    from rag.errors import CqcRagError

    try:
        questions = _load_questions(dataset)
    except CqcRagError as exc:
        raise click.ClickException(str(exc)) from exc
    keys = answer_keys()
    say = (lambda _text: None) if as_json else click.echo
    if leak:
        port = urlsplit(url).port or 80
        server = pid or pid_listening_on(port)
        say(
            f"Leak check: {n} questions in a row against {url} (server pid {server}), RSS every {every}"
        )
        series, samples = run_leak(
            _client_ask(url), questions, n, every, lambda: rss_bytes(server), keys, say
        )
        grown = growth_mb(series, every)
        figures: dict[str, Any] = {
            "mode": "leak",
            "questions": n,
            "errors": sum(s.error is not None for s in samples),
            "series_mb": [[q, round(b / 2**20, 1)] for q, b in series],
            "growth_mb": round(grown, 1),
            "max_growth_mb": max_growth_mb,
            "first_errors": list(dict.fromkeys(s.error for s in samples if s.error))[:3],
        }
        say(
            f"RSS growth from question {min(every, n)} to {n}: {grown:+.1f} MB (limit {max_growth_mb:g} MB)"
        )
    else:
        say(f"Load: {users} users for {seconds:g} s against {url}, {len(questions)} questions")
        samples, wall = run_users(lambda: _client_ask(url), questions, users, seconds, keys)
        summary = summarise(samples, wall)
        figures = {"mode": "load", "users": users, **asdict(summary)}
        say(
            f"requests {summary.requests}  errors {summary.errors}  "
            f"throughput {summary.throughput:.2f}/s over {summary.seconds:.1f} s"
        )
        say(
            f"latency ms  p50 {summary.p50_ms:.0f}  p95 {summary.p95_ms:.0f}  "
            f"p99 {summary.p99_ms:.0f}  max {summary.max_ms:.0f}"
        )
    if as_json:
        click.echo(json.dumps(figures))
    if figures["errors"]:
        raise click.ClickException(
            f"{figures['errors']} request(s) failed; first: {figures['first_errors'][0]}"
        )
    if leak and figures["growth_mb"] > max_growth_mb:
        raise click.ClickException(
            f"the server's RSS grew {figures['growth_mb']:.1f} MB over {n} questions (limit "
            f"{max_growth_mb:g} MB): a leak? Profile `cqc-rag serve` with tracemalloc."
        )
