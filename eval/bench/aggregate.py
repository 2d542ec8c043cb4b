"""`cqc-rag bench --aggregate`: questions over the scores table at corpus scale.

Indexes the first n generated authorities (default 153, seed 7: the bench's corpus), then
asks the aggregate questions whose truth the generator knows (eval/aggregate_generated.jsonl
for 153/7, otherwise built the same way for n/seed) through the same `ask` path users get,
and reports exactness, citation to score lines and latency (p50/p95, after the table is
built once; the build is timed apart). The aggregate path reads no vectors: when no index
of the timing bench is there to reuse (OUT/size-N/data), the index is built with the
hashing embedder so that an hour of embedding on a 2-core machine is not spent on vectors
no aggregate answer reads (the row says which).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.bench.run import prepare_corpus, say


def run_aggregate(
    n: int,
    seed: int,
    out: Path,
    build: Callable[[Path], Any],
    build_hashing: Callable[[Path], Any],
) -> tuple[str, dict[str, Any]]:
    from eval.aggregate_questions import (
        GENERATED_FILE,
        GENERATED_N,
        GENERATED_SEED,
        generated_truth,
        write,
    )
    from eval.aggregate_questions import (
        build as build_questions,
    )
    from eval.dataset import load_dataset
    from eval.runner import run_eval
    from rag import render

    entries = prepare_corpus(n, seed, out / "corpus")
    folder = out / f"aggregate-{n}"
    folder.mkdir(parents=True, exist_ok=True)
    reuse = out / f"size-{n}" / "data"
    if reuse.is_dir():
        assistant, embedder = build(reuse), "the timing bench's index (real embedder)"
    else:
        assistant, embedder = build_hashing(folder / "data"), "hashing embedder (no vectors read)"
        say(f"bench --aggregate: indexing {n} generated authorities into {folder / 'data'}")
        with render.IngestProgress() as bar:
            outcomes = assistant.ingest([p for e in entries for p in e.paths], progress=bar.update)
        failed = [o for o in outcomes if not o.ok]
        if failed:
            raise RuntimeError(
                f"{len(failed)} files failed to index, e.g. {failed[0].path}: {failed[0].message}"
            )
    if (n, seed) == (GENERATED_N, GENERATED_SEED):
        dataset = GENERATED_FILE
    else:
        dataset = folder / "aggregate_questions.jsonl"
        write(dataset, build_questions(generated_truth(n, seed), "agg-gen", seed, short={}))
    started = time.perf_counter()
    table = assistant.scores()
    build_ms = (time.perf_counter() - started) * 1000
    questions = load_dataset(dataset)
    summary = run_eval(assistant, questions, folder / "eval", k=None, dataset=dataset)
    m = summary.metrics
    totals = sorted(r.judged.total_ms for r in summary.results)
    row = {
        "authorities": n,
        "reports": len(table.rows),
        "questions": len(questions),
        "exact": m.get("aggregate_exact"),
        "cited": m.get("aggregate_cited"),
        "p50_ms": totals[len(totals) // 2] if totals else None,
        "p95_ms": m.get("aggregate_p95_ms"),
        "table_build_ms": round(build_ms, 1),
        "index": embedder,
        "failed": sorted(r.judged.id for r in summary.results if not r.judged.passed),
    }
    (folder / "aggregate.json").write_text(json.dumps(row, indent=2), encoding="utf-8")
    text = aggregate_markdown(row)
    (folder / "aggregate.md").write_text(text, encoding="utf-8")
    return text, row


def aggregate_markdown(row: dict[str, Any]) -> str:
    def f(v: Any, unit: str = "") -> str:
        return "-" if v is None else (f"{v:.1f} {unit}".strip() if unit else f"{v:.3f}")

    return "\n".join(
        [
            "| row | authorities | questions | exact | cited to score lines | p50 | p95 | table build |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            f"| aggregate (scores table) | {row['authorities']} | {row['questions']} | {f(row['exact'])} | "
            f"{f(row['cited'])} | {f(row['p50_ms'], 'ms')} | {f(row['p95_ms'], 'ms')} | {f(row['table_build_ms'], 'ms')} |",
            "",
            f"Index: {row['index']}; {row['reports']} report files. Target: exact 1.000, p95 under 100 ms."
            + (f" Failed: {', '.join(row['failed'])}." if row["failed"] else ""),
        ]
    )
