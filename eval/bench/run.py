"""The bench's run: the corpus, each size measured in turn, then the whole-process probes.

The corpus comes from `eval.corpus.generate` (the first n authorities of one seeded
corpus, so sizes nest, generated once under OUT/corpus and reused). Each size is ingested
into an empty index by a `Measure` function: `in_subprocess` (the real run: one
`eval.bench.worker` process per size, so its peak memory is its own) or, in tests, an
in-process one on fakes. Then `eval.bench.process` times it from outside as a user meets
it: a cold `cqc-rag ask`, a CLI re-ingest, `--help`, and `cqc-rag serve`'s peak memory.
Rendering is `eval.bench.report`'s; the command line is `eval.bench`'s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from eval.bench.measure import SizeRow
    from eval.bench.process import ServeMemory
    from eval.bench.queries import BenchQuery
    from eval.corpus.generate import CorpusEntry

ROOT = Path(__file__).resolve().parents[2]
SERVE_QUESTIONS = 100


@dataclass(frozen=True, slots=True)
class Plan:
    sizes: tuple[int, ...]
    seed: int
    queries: int
    out: Path
    baseline: bool = True
    warmup: int = 5
    process_probes: bool = True  # cold `ask`, CLI re-ingest (need an index on disk)
    help_probe: bool = True
    serve: bool = True
    cold_repeat: int = 3
    profile: bool = False
    reuse: bool = False  # keep an index already in OUT/size-N/data; time asks, not ingest


Measure = Callable[[int, list[Path], "list[BenchQuery]", Path], "SizeRow"]


def say(text: str) -> None:
    click.echo(text, err=True)


def prepare_corpus(n: int, seed: int, folder: Path) -> tuple[CorpusEntry, ...]:
    """The first n authorities of the seeded corpus, generated once and reused after."""
    from eval.corpus.generate import CorpusEntry, generate_corpus

    marker = folder / "corpus.json"
    if marker.exists():
        got = json.loads(marker.read_text(encoding="utf-8"))
        if got["seed"] == seed and got["n"] >= n:
            entries = [
                CorpusEntry(
                    e["index"], e["authority"], e["format"], tuple(Path(p) for p in e["paths"])
                )
                for e in got["entries"]
            ]
            if all(p.exists() for e in entries[:n] for p in e.paths):
                return tuple(entries[:n])
    shutil.rmtree(folder, ignore_errors=True)
    from tqdm import tqdm

    with tqdm(total=n, desc="corpus", unit="authority", file=sys.stderr, leave=False) as bar:
        entries = list(
            generate_corpus(n, seed, folder, progress=lambda done, total, e: bar.update(1))
        )
    marker.write_text(
        json.dumps(
            {
                "seed": seed,
                "n": n,
                "entries": [
                    {
                        "index": e.index,
                        "authority": e.authority,
                        "format": e.format,
                        "paths": [str(p) for p in e.paths],
                    }
                    for e in entries
                ],
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    return tuple(entries)


def in_subprocess(plan: Plan) -> Measure:
    """Each size in `python -m eval.bench.worker`, so its peak memory is its own."""

    def measure(n: int, paths: list[Path], queries: list[BenchQuery], data_dir: Path) -> SizeRow:
        from eval.bench.measure import SizeRow

        folder = data_dir.parent
        job, result = folder / "job.json", folder / "row.json"
        job.write_text(
            json.dumps(
                {
                    "data_dir": str(data_dir),
                    "paths": [str(p) for p in paths],
                    "authorities": n,
                    "queries": [
                        {"text": q.text, "authority": q.authority, "mode": q.mode} for q in queries
                    ],
                    "warmup": plan.warmup,
                    "baseline": plan.baseline,
                    "profile": plan.profile,
                    "reuse": plan.reuse and data_dir.is_dir(),
                }
            ),
            encoding="utf-8",
        )
        result.unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, "-m", "eval.bench.worker", str(job), str(result)],
            cwd=ROOT,
            check=False,
        )
        if done.returncode or not result.exists():
            raise click.ClickException(
                f"The bench worker for {n} authorities failed (exit {done.returncode}); "
                f"its job is {job}. Run `python -m eval.bench.worker {job} {result}` to see why."
            )
        return SizeRow.from_json(json.loads(result.read_text(encoding="utf-8")))

    return measure


def run_bench(
    plan: Plan, measure: Measure
) -> tuple[list[SizeRow], ServeMemory | None, dict[str, Any]]:
    """Every size in turn, smallest first, then the whole-process probes and the server."""
    from eval.bench import process as proc
    from eval.bench.queries import bench_queries

    context: dict[str, Any] = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "seed": plan.seed,
        "queries": plan.queries,
        "sizes": list(plan.sizes),
        "load": _uptime(),
    }
    entries = prepare_corpus(max(plan.sizes), plan.seed, plan.out / "corpus")
    rows: list[SizeRow] = []
    for n in sorted(plan.sizes):
        chosen = entries[:n]
        paths = [p for e in chosen for p in e.paths]
        queries = list(
            bench_queries([e.authority for e in chosen], plan.warmup + plan.queries, plan.seed)
        )
        folder = plan.out / f"size-{n}"
        reused = plan.reuse and (folder / "data").is_dir()
        if not reused:
            shutil.rmtree(folder / "data", ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        say(
            f"bench: {n} authorities ({len(paths)} files): "
            + (f"index reused from {folder / 'data'}" if reused else "ingest, raw embedding")
            + f", {plan.queries} asks"
            + (", baseline" if plan.baseline else "")
        )
        started = time.perf_counter()
        row = measure(n, paths, queries, folder / "data")
        if plan.process_probes:
            say(
                f"bench: {n} authorities: cold `cqc-rag ask` and `import torch` "
                f"x{plan.cold_repeat}, CLI re-ingest"
            )
            cold = proc.cold_start(
                folder / "data",
                queries[plan.warmup].text,
                folder / "cold-ask.log",
                plan.cold_repeat,
            )
            again = proc.cli_reingest(folder / "data", paths, folder / "reingest.log")
            row = replace(
                row,
                cold_ask_s=round(cold.ask.seconds, 3),
                cold_ask_rss_bytes=cold.ask.peak_rss_bytes,
                torch_import_s=round(cold.torch_import_s, 3),
                reingest_cli_s=round(again.seconds, 3),
            )
        if plan.help_probe:
            row = replace(row, help_s=round(proc.help_seconds(3), 3))
        rows.append(row)
        say(f"bench: {n} authorities done in {time.perf_counter() - started:.0f} s")
    serve = None
    if plan.serve and plan.process_probes:
        n = max(plan.sizes)
        say(f"bench: `cqc-rag serve` on {n} authorities, {SERVE_QUESTIONS} asks through its API")
        asks = bench_queries([e.authority for e in entries[:n]], SERVE_QUESTIONS, plan.seed + 1)
        serve = proc.serve_memory(
            plan.out / f"size-{n}" / "data",
            [(q.text, q.authority or "") for q in asks],
            plan.out / "serve.log",
        )
    context["load_after"] = _uptime()
    return rows, serve, context


def _uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"
