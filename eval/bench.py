"""`cqc-rag bench`: speed and memory against corpus size, beside the llama-index baseline,
and (`--quality`) retrieval quality with the generated authorities as distractors.

Registered through the `cqc_rag.commands` entry point. The corpus comes from
`eval.corpus.generate` (the first n authorities of one seeded corpus, so sizes nest);
each size is ingested into an empty index in a process of its own (`eval.bench_worker`),
then timed from outside as a user meets it (`eval.bench_process`). `run_bench` takes the
per-size measurement as a function, so tests run it in-process on fakes. Heavy imports
stay inside functions: `cqc-rag --help` must stay under 0.5 s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from eval.bench_measure import SizeRow
    from eval.bench_process import ServeMemory
    from eval.bench_queries import BenchQuery
    from eval.corpus.generate import CorpusEntry

ROOT = Path(__file__).resolve().parents[1]
SMALL_CORPUS = (ROOT / "data" / "sample_reports" / "northmere.md", ROOT / "data" / "sample_reports" / "southbay.md",
                ROOT.parent / "shared" / "reports" / "000_9cb2d3eb327cb64a.txt")
SERVE_QUESTIONS = 20


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


Measure = Callable[[int, list[Path], "list[BenchQuery]", Path], "SizeRow"]


def _say(text: str) -> None:
    click.echo(text, err=True)


def prepare_corpus(n: int, seed: int, folder: Path) -> tuple[CorpusEntry, ...]:
    """The first n authorities of the seeded corpus, generated once and reused after."""
    from eval.corpus.generate import CorpusEntry, generate_corpus

    marker = folder / "corpus.json"
    if marker.exists():
        got = json.loads(marker.read_text(encoding="utf-8"))
        if got["seed"] == seed and got["n"] >= n:
            entries = [CorpusEntry(e["index"], e["authority"], e["format"], tuple(Path(p) for p in e["paths"]))
                       for e in got["entries"]]
            if all(p.exists() for e in entries[:n] for p in e.paths):
                return tuple(entries[:n])
    shutil.rmtree(folder, ignore_errors=True)
    from tqdm import tqdm

    with tqdm(total=n, desc="corpus", unit="authority", file=sys.stderr, leave=False) as bar:
        entries = list(generate_corpus(n, seed, folder, progress=lambda done, total, e: bar.update(1)))
    marker.write_text(json.dumps({"seed": seed, "n": n, "entries": [
        {"index": e.index, "authority": e.authority, "format": e.format, "paths": [str(p) for p in e.paths]}
        for e in entries]}, indent=1), encoding="utf-8")
    return tuple(entries)


def in_subprocess(plan: Plan) -> Measure:
    """Each size in `python -m eval.bench_worker`, so its peak memory is its own."""
    def measure(n: int, paths: list[Path], queries: list[BenchQuery], data_dir: Path) -> SizeRow:
        from eval.bench_measure import SizeRow

        folder = data_dir.parent
        job, result = folder / "job.json", folder / "row.json"
        job.write_text(json.dumps({
            "data_dir": str(data_dir), "paths": [str(p) for p in paths], "authorities": n,
            "queries": [{"text": q.text, "authority": q.authority, "mode": q.mode} for q in queries],
            "warmup": plan.warmup, "baseline": plan.baseline, "profile": plan.profile}), encoding="utf-8")
        result.unlink(missing_ok=True)
        done = subprocess.run([sys.executable, "-m", "eval.bench_worker", str(job), str(result)], cwd=ROOT, check=False)
        if done.returncode or not result.exists():
            raise click.ClickException(f"The bench worker for {n} authorities failed (exit {done.returncode}); "
                                       f"its job is {job}. Run `python -m eval.bench_worker {job} {result}` to see why.")
        return SizeRow.from_json(json.loads(result.read_text(encoding="utf-8")))

    return measure


def run_bench(plan: Plan, measure: Measure) -> tuple[list[SizeRow], ServeMemory | None, dict[str, Any]]:
    """Every size in turn, smallest first, then the whole-process probes and the server."""
    from eval import bench_process as proc
    from eval.bench_queries import bench_queries

    context: dict[str, Any] = {"created": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
                               "seed": plan.seed, "queries": plan.queries, "sizes": list(plan.sizes),
                               "load": _uptime()}
    entries = prepare_corpus(max(plan.sizes), plan.seed, plan.out / "corpus")
    rows: list[SizeRow] = []
    for n in sorted(plan.sizes):
        chosen = entries[:n]
        paths = [p for e in chosen for p in e.paths]
        queries = list(bench_queries([e.authority for e in chosen], plan.warmup + plan.queries, plan.seed))
        folder = plan.out / f"size-{n}"
        shutil.rmtree(folder / "data", ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        _say(f"bench: {n} authorities ({len(paths)} files): ingest, raw embedding, {plan.queries} asks"
             + (", baseline" if plan.baseline else ""))
        started = time.perf_counter()
        row = measure(n, paths, queries, folder / "data")
        if plan.process_probes:
            _say(f"bench: {n} authorities: cold `cqc-rag ask` x{plan.cold_repeat}, CLI re-ingest")
            cold = proc.cold_ask(folder / "data", queries[plan.warmup].text, folder / "cold-ask.log", plan.cold_repeat)
            again = proc.cli_reingest(folder / "data", paths, folder / "reingest.log")
            row = replace(row, cold_ask_s=round(cold.seconds, 3), cold_ask_rss_bytes=cold.peak_rss_bytes,
                          reingest_cli_s=round(again.seconds, 3))
        if plan.help_probe:
            row = replace(row, help_s=round(proc.help_seconds(3), 3))
        rows.append(row)
        _say(f"bench: {n} authorities done in {time.perf_counter() - started:.0f} s")
    serve = None
    if plan.serve and plan.process_probes:
        n = max(plan.sizes)
        _say(f"bench: `cqc-rag serve` on {n} authorities, {SERVE_QUESTIONS} asks through its API")
        asks = bench_queries([e.authority for e in entries[:n]], SERVE_QUESTIONS, plan.seed + 1)
        serve = proc.serve_memory(plan.out / f"size-{n}" / "data", [(q.text, q.authority or "") for q in asks],
                                  plan.out / "serve.log")
    context["load_after"] = _uptime()
    return rows, serve, context


def _uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(sorted({int(s) for s in text.split(",") if s.strip()}))
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a comma-separated list of numbers, e.g. 1,10,50,153") from None
    if not sizes or sizes[0] < 1:
        raise click.BadParameter(f"sizes must be 1 or more, got {text!r}")
    return sizes


@click.command()
@click.option("--sizes", help="Corpus sizes in authorities, comma-separated.  [default: 1,10,50,153; --quick: 1,3]")
@click.option("--seed", default=7, show_default=True, help="Corpus and question seed.")
@click.option("--queries", type=click.IntRange(1, 2000), help="Timed asks per size.  [default: 200; --quick: 30]")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results"), show_default=True,
              help="Folder for bench.md, bench.json, bench.png, the corpus and the indexes.")
@click.option("--no-baseline", is_flag=True, help="Skip the llama-index quickstart baseline.")
@click.option("--quick", is_flag=True, help="A smoke run: sizes 1,3, 30 asks, one cold start, no server.")
@click.option("--quality", is_flag=True, help="Instead of timing: hit@5 and citation precision with the largest "
              "corpus as distractors beside the real and sample reports, and council checks.")
@click.option("--profile", is_flag=True, help="Also write cProfile statistics per size (inflates the timings).")
def bench(sizes: str | None, seed: int, queries: int | None, out: Path, no_baseline: bool, quick: bool,
          quality: bool, profile: bool) -> None:
    """Time ingest, queries, cold start and memory against corpus size; write bench.md/.json/.png."""
    from rag.env import configure_offline

    configure_offline()
    chosen = _sizes(sizes) if sizes else ((1, 3) if quick else (1, 10, 50, 153))
    if quality:
        _quality(max(chosen), seed, out)
        return
    plan = Plan(chosen, seed, queries or (30 if quick else 200), out, baseline=not no_baseline,
                serve=not quick, cold_repeat=1 if quick else 3, profile=profile)
    from eval.bench_report import bench_table, targets, targets_table, write_outputs

    rows, serve, context = run_bench(plan, in_subprocess(plan))
    context |= _settings_context()
    files = write_outputs(out, rows, serve, context)
    click.echo(bench_table(rows))
    click.echo("")
    click.echo(targets_table(targets(rows, serve)))
    click.echo(f"\nWrote {', '.join(str(f) for f in files)}.")


def _settings_context() -> dict[str, Any]:
    from rag.cli import settings_from

    s = settings_from()
    return {"model": s.embedding.model, "batch_size": s.embedding.batch_size,
            "threads": s.embedding.threads or f"0 (torch default, {os.cpu_count()} cores)",
            "fingerprint": s.fingerprint()}


def _quality(n: int, seed: int, out: Path) -> None:
    from eval.bench_quality import quality_markdown, run_quality
    from eval.runner import Asks  # noqa: F401  (the runner must import: fail here, not mid-run)
    from rag import render
    from rag.cli import build_assistant

    missing = [p for p in SMALL_CORPUS if not p.exists()]
    if missing:
        raise click.ClickException(f"--quality needs {missing[0]}; run it from the project beside ../shared/reports.")
    entries = prepare_corpus(n, seed, out / "corpus")
    reuse = out / f"size-{n}" / "data"
    _say(f"bench --quality: {len(SMALL_CORPUS)} reports alone, then with {n} generated authorities"
         + (f" (reusing the index in {reuse})" if reuse.is_dir() else ""))

    def bar(label: str) -> Callable[[int, int], None]:
        from tqdm import tqdm

        shown = tqdm(total=None, desc=f"eval ({label} corpus)", unit="q", file=sys.stderr, leave=False)

        def update(done: int, total: int) -> None:
            shown.total = total
            shown.update(done - shown.n)
            if done >= total:
                shown.close()

        return update

    result = run_quality(lambda d: build_assistant(data_dir=d), SMALL_CORPUS, [p for e in entries for p in e.paths],
                         ROOT / "eval" / "questions.jsonl", out / "quality", seed=seed, reuse=reuse,
                         ingest_progress=render.IngestProgress, eval_progress=bar)
    text = quality_markdown(result)
    (out / "quality").mkdir(parents=True, exist_ok=True)
    (out / "quality" / "quality.md").write_text(text, encoding="utf-8")
    click.echo(text)
    click.echo(f"Wrote {out / 'quality' / 'quality.md'} and the two eval runs beside it.")
