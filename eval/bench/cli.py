"""`cqc-rag bench`: speed and memory against corpus size, beside the llama-index baseline,
and (`--quality`) retrieval quality with the generated authorities as distractors.

Registered through the `cqc_rag.commands` entry point. A thin adapter: parses options,
hands the timing run to `eval.bench.run` and the quality run to `eval.bench.quality`,
prints the table and writes bench.md/.json/.png (`eval.bench.report`). Heavy imports stay
inside the command: `cqc-rag --help` must stay under 0.5 s.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from eval.bench.run import ROOT, Plan, in_subprocess, prepare_corpus, run_bench, say
from rag.cli_common import dataset_option, fail_cleanly, out_option

SHARED_REPORTS = ROOT.parent / "shared" / "reports"
# The sample reports and every real report beside the project (what `make run` indexes).
SMALL_CORPUS = (
    ROOT / "data" / "sample_reports" / "northmere.md",
    ROOT / "data" / "sample_reports" / "southbay.md",
    *sorted(SHARED_REPORTS.glob("*.txt")),
)


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(sorted({int(s) for s in text.split(",") if s.strip()}))
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a comma-separated list of numbers, e.g. 1,10,50,153"
        ) from None
    if not sizes or sizes[0] < 1:
        raise click.BadParameter(f"sizes must be 1 or more, got {text!r}")
    return sizes


@click.command()
@click.option(
    "--sizes",
    help="Corpus sizes in authorities, comma-separated.  [default: 1,10,50,153; --quick: 1,3]",
)
@click.option("--seed", default=7, show_default=True, help="Corpus and question seed.")
@click.option(
    "--queries",
    type=click.IntRange(1, 2000),
    help="Timed asks per size.  [default: 200; --quick: 30]",
)
@out_option(
    Path("bench-results"),
    "Folder for bench.md, bench.json, bench.png, the corpus and the indexes.",
)
@click.option("--no-baseline", is_flag=True, help="Skip the llama-index quickstart baseline.")
@click.option(
    "--quick", is_flag=True, help="A smoke run: sizes 1,3, 30 asks, one cold start, no server."
)
@click.option(
    "--quality",
    is_flag=True,
    help="Instead of timing: hit@5 and citation precision with the largest "
    "corpus as distractors beside the real and sample reports, and council checks.",
)
@dataset_option(
    "With --quality: the question set(s) to score (default eval/questions.jsonl; repeat for several).",
    multiple=True,
)
@click.option(
    "--aggregate",
    is_flag=True,
    help="Instead of timing: questions over the scores table across the largest corpus "
    "(exactness, citation to score lines, p95 latency).",
)
@click.option(
    "--reuse-index",
    is_flag=True,
    help="Keep an index already in OUT/size-N/data from an earlier run: time the asks, "
    "memory and cold start on it, not the ingest.",
)
@click.option(
    "--profile",
    is_flag=True,
    help="Also write cProfile statistics per size (inflates the timings).",
)
@click.option(
    "--cold-start",
    "cold_start",
    is_flag=True,
    help="Instead of timing sizes: a cold `cqc-rag ask` on the current index (CQC_RAG_DATA_DIR) "
    "and `python -c 'import torch'`, taken in turn 5 times (--quick: 3); medians and their ratio.",
)
@fail_cleanly
def bench(
    sizes: str | None,
    seed: int,
    queries: int | None,
    out: Path,
    no_baseline: bool,
    quick: bool,
    quality: bool,
    datasets: tuple[Path, ...],
    aggregate: bool,
    profile: bool,
    reuse_index: bool,
    cold_start: bool,
) -> None:
    """Time ingest, queries, cold start and memory against corpus size; write bench.md/.json/.png."""
    from rag.env import configure_offline

    configure_offline()
    if cold_start:
        _cold_start(3 if quick else 5, out)
        return
    chosen = _sizes(sizes) if sizes else ((1, 3) if quick else (1, 10, 50, 153))
    if quality:
        _quality(max(chosen), seed, out, datasets or (ROOT / "eval" / "questions.jsonl",))
        return
    if aggregate:
        _aggregate(max(chosen), seed, out)
        return
    plan = Plan(
        chosen,
        seed,
        queries or (30 if quick else 200),
        out,
        baseline=not no_baseline,
        serve=not quick,
        cold_repeat=1 if quick else 3,
        profile=profile,
        reuse=reuse_index,
    )
    from eval.bench.report import bench_table, targets, targets_table, write_outputs

    rows, serve, context = run_bench(plan, in_subprocess(plan))
    context |= _settings_context()
    files = write_outputs(out, rows, serve, context)
    click.echo(bench_table(rows))
    click.echo("")
    click.echo(targets_table(targets(rows, serve)))
    click.echo(f"\nWrote {', '.join(str(f) for f in files)}.")


def _settings_context() -> dict[str, Any]:
    from rag import building

    s = building.load_settings()
    return {
        "model": s.embedding.model,
        "batch_size": s.embedding.batch_size,
        "threads": s.embedding.threads or f"0 (torch default, {os.cpu_count()} cores)",
        "fingerprint": s.fingerprint(),
        "precision": _precision(s.embedding.precision),
        "k": s.retrieval.k,
    }


def _precision(setting: str) -> str:
    """What the embedder runs under `CQC_RAG_EMBEDDING__PRECISION` on this CPU."""
    from rag.embedder import native_bf16

    bf16 = setting == "bf16" or (setting == "auto" and native_bf16())
    return f"{'bf16 autocast' if bf16 else 'fp32'} (setting {setting})"


COLD_QUESTION = "What do the reports say about waiting lists for assessments?"


def _cold_start(repeat: int, out: Path) -> None:
    """The cold-start figure on the index the CLI would use (e.g. `make run`'s)."""
    from eval.bench.process import cold_start
    from eval.bench.report import COLD_RATIO, markdown_table
    from rag.building import load_settings

    settings = load_settings()
    data_dir = settings.data_dir
    if not data_dir.is_dir():
        raise click.ClickException(
            f"No index at {data_dir}: run `cqc-rag ingest data/sample_reports` first "
            "(or point CQC_RAG_DATA_DIR at one)."
        )
    out.mkdir(parents=True, exist_ok=True)
    say(f"bench: cold `cqc-rag ask` and `import torch`, {repeat} times each in turn, on {data_dir}")
    got = cold_start(None, COLD_QUESTION, out / "cold-ask.log", repeat)
    status = "met" if got.ratio <= COLD_RATIO else "missed"
    click.echo(f"precision {_precision(settings.embedding.precision)}, index {data_dir}")
    click.echo(
        markdown_table(
            ("cold ask s", "import torch s", "cold ask / torch", "target", "status", "runs"),
            [
                [
                    f"{got.ask.seconds:.2f}",
                    f"{got.torch_import_s:.2f}",
                    f"{got.ratio:.2f}x",
                    f"<= {COLD_RATIO:.1f}x",
                    status,
                    f"medians of {got.repeat}, taken in turn",
                ]
            ],
        )
    )


def _aggregate(n: int, seed: int, out: Path) -> None:
    from eval.bench.aggregate import run_aggregate
    from rag import building
    from rag.embedder import HashingEmbedder

    text, _ = run_aggregate(
        n,
        seed,
        out,
        lambda d: building.build_assistant(data_dir=d),
        lambda d: building.build_assistant(data_dir=d, embedder=HashingEmbedder()),
    )
    click.echo(text)
    click.echo(f"Wrote {out / f'aggregate-{n}' / 'aggregate.md'} and the eval run beside it.")


def _quality(n: int, seed: int, out: Path, datasets: Sequence[Path]) -> None:
    from eval.bench.quality import quality_markdown, run_quality
    from eval.runner import Asks  # noqa: F401  (the runner must import: fail here, not mid-run)
    from rag import building, render

    missing = [p for p in SMALL_CORPUS if not p.exists()]
    if missing or len(SMALL_CORPUS) < 3:
        raise click.ClickException(
            f"--quality needs {missing[0] if missing else SHARED_REPORTS}; run it from the project beside ../shared/reports."
        )
    entries = prepare_corpus(n, seed, out / "corpus")
    reuse = out / f"size-{n}" / "data"
    say(
        f"bench --quality: {len(SMALL_CORPUS)} reports alone, then with {n} generated authorities"
        + (f" (reusing the index in {reuse})" if reuse.is_dir() else "")
    )

    def bar(label: str) -> Callable[[int, int], None]:
        from tqdm import tqdm

        shown = tqdm(
            total=None, desc=f"eval ({label} corpus)", unit="q", file=sys.stderr, leave=False
        )

        def update(done: int, total: int) -> None:
            shown.total = total
            shown.update(done - shown.n)
            if done >= total:
                shown.close()

        return update

    results = run_quality(
        lambda d: building.build_assistant(data_dir=d),
        SMALL_CORPUS,
        [p for e in entries for p in e.paths],
        datasets,
        out / "quality",
        seed=seed,
        reuse=reuse,
        ingest_progress=render.IngestProgress,
        eval_progress=bar,
    )
    text = "\n".join(quality_markdown(result, name) for name, result in results.items())
    (out / "quality").mkdir(parents=True, exist_ok=True)
    (out / "quality" / "quality.md").write_text(text, encoding="utf-8")
    click.echo(text)
    click.echo(f"Wrote {out / 'quality' / 'quality.md'} and the two eval runs beside it.")
