"""One bench size in a process of its own: `python -m eval.bench.worker JOB.json RESULT.json`.

The parent (`eval.bench`) writes the job (data dir, files, questions, baseline or not);
this builds the real assistant (sentence-transformers, embedded Chroma, settings from
CQC_RAG_* like the CLI) behind the stopwatch wrappers, runs `measure_size` and writes
the row as JSON. A process per size keeps each size's peak memory its own. With
"profile" in the job, cProfile statistics of the whole run go beside the result (the
timings are then inflated by the profiler: use them to rank costs, not to report).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rag.env import configure_offline

configure_offline()


def build(data_dir: Path) -> Any:
    """The product's assistant on `data_dir`, its seams wrapped in stopwatches."""
    from eval.bench.timers import TimedEmbedder, TimedStore
    from rag import building
    from rag.embedder import SentenceTransformerEmbedder
    from rag.store import ChromaStore

    # the bench measures the embedded store it built, even when CQC_RAG_CHROMA_URL is set
    settings = building.load_settings(data_dir=data_dir).with_overrides(chroma_url=None)
    store = ChromaStore(settings.collection_name, path=settings.data_dir / "chroma")
    return building.build_assistant(
        settings,
        embedder=TimedEmbedder(SentenceTransformerEmbedder(settings.embedding)),
        store=TimedStore(store),
    )


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    from eval.bench.measure import measure_size
    from eval.bench.queries import BenchQuery
    from rag import render

    assistant = build(Path(job["data_dir"]))
    baseline = None
    if job.get("baseline"):
        from eval.baseline import LlamaIndexBaseline
        from rag.embedder import resolve_model_path

        model = resolve_model_path(assistant.settings.embedding.model)
        # at the k our asks use, so both retrieve the same number of passages
        k = assistant.settings.retrieval.k
        baseline = lambda files: LlamaIndexBaseline(files, model_path=model, top_k=k)  # noqa: E731
    queries = [BenchQuery(**q) for q in job["queries"]]
    with render.IngestProgress() as progress:
        row = measure_size(
            assistant,
            [Path(p) for p in job["paths"]],
            queries,
            authorities=job["authorities"],
            warmup=job.get("warmup", 5),
            baseline=baseline,
            ingest_progress=progress.update,
            reuse=bool(job.get("reuse")),
        )
    return row.to_json()


def main(argv: list[str] | None = None) -> int:
    job_path, result_path = (Path(a) for a in (argv or sys.argv[1:]))
    job = json.loads(job_path.read_text(encoding="utf-8"))
    if job.get("profile"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        row = profiler.runcall(run_job, job)
        prof = result_path.with_suffix(".prof")
        profiler.dump_stats(prof)
        with prof.with_suffix(".txt").open("w", encoding="utf-8") as fh:
            pstats.Stats(str(prof), stream=fh).sort_stats("cumulative").print_stats(60)
            pstats.Stats(str(prof), stream=fh).sort_stats("tottime").print_stats(40)
    else:
        row = run_job(job)
    result_path.write_text(json.dumps(row, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
