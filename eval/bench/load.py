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
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from eval.bench.load_leak import growth_mb, pid_listening_on, rss_bytes, run_leak
from eval.bench.requests import Ask, Sample, answer_keys, percentile, timed
from rag.cli_common import dataset_option, fail_cleanly, json_option

ROOT = Path(__file__).resolve().parents[2]
# A single extractive answer takes ~0.1-0.3 s; a request still waiting after 120 s is
# stuck behind something, and counts as an error rather than hanging the run.
REQUEST_TIMEOUT_S = 120.0


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


def run_users(
    make_ask: Callable[[], Ask],
    questions: Sequence[tuple[str, str, str]],
    users: int,
    seconds: float,
    keys: frozenset[str],
    think_s: float = 0.0,
) -> tuple[list[Sample], float]:
    """Every user asks in a loop until the deadline (a request under way then finishes).
    With `think_s`, each user first waits a random time (exponential, that mean; seeded per
    user, so runs repeat) before every question, as staff at their desks do.
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
        think = random.Random(i)
        while time.perf_counter() < start[0] + seconds:
            if think_s > 0:
                time.sleep(think.expovariate(1 / think_s))
                if time.perf_counter() >= start[0] + seconds:
                    break
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
@dataset_option(
    "Questions to ask, in order.",
    dir_okay=False,
    default=ROOT / "eval" / "questions.jsonl",
    show_default="eval/questions.jsonl",
)
@click.option(
    "--think-s",
    default=None,
    type=click.FloatRange(0, 600),
    help="Mean random think time before each question (exponential); default 0, 5 with --team.",
)
@click.option(
    "--team",
    is_flag=True,
    help="Three phases in one run: 1 user and --busy-users back to back for --base-seconds, then "
    "--users with think time for --seconds; prints the ratios the targets are set on.",
)
@click.option("--busy-users", default=8, show_default=True, type=click.IntRange(2, 256))
@click.option("--base-seconds", default=20.0, show_default=True, type=click.FloatRange(1, 3600))
@json_option("Print the figures as one JSON object.")
@fail_cleanly
def load(
    url: str,
    users: int,
    seconds: float,
    think_s: float | None,
    team: bool,
    busy_users: int,
    base_seconds: float,
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
    questions = _load_questions(dataset)
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
    elif team:
        from eval.bench.load_team import phases, run_team

        def run_phase(phase: Any) -> Summary:
            got = run_users(
                lambda: _client_ask(url), questions, phase.users, phase.seconds, keys, phase.think_s
            )
            return summarise(*got)

        plan = phases(
            base_seconds=base_seconds,
            busy_users=busy_users,
            users=users,
            seconds=seconds,
            think_s=5.0 if think_s is None else think_s,
        )
        say(f"Team load against {url}, {len(questions)} questions, phases one after another:")
        done, r = run_team(run_phase, plan, say)
        figures = {
            "mode": "team",
            "phases": {p.name: {**asdict(p), **asdict(done[p.name])} for p in plan},
            **asdict(r),
            "met": r.met,
            "errors": sum(s.errors for s in done.values()),
            "first_errors": [e for s in done.values() for e in s.first_errors][:3],
        }
    else:
        think = think_s or 0.0
        say(
            f"Load: {users} users for {seconds:g} s against {url}, {len(questions)} questions"
            + (f", think time mean {think:g} s" if think else "")
        )
        samples, wall = run_users(lambda: _client_ask(url), questions, users, seconds, keys, think)
        summary = summarise(samples, wall)
        figures = {"mode": "load", "users": users, "think_s": think, **asdict(summary)}
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
    if team and not figures["met"]:
        raise click.ClickException("a team target was missed (see the ratios above).")
    if leak and figures["growth_mb"] > max_growth_mb:
        raise click.ClickException(
            f"the server's RSS grew {figures['growth_mb']:.1f} MB over {n} questions (limit "
            f"{max_growth_mb:g} MB): a leak? Profile `cqc-rag serve` with tracemalloc."
        )
