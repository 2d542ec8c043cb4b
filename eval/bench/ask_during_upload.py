"""Ask latency while an upload is being embedded, through the facade the UI calls.

    python -m eval.bench.ask_during_upload --mb 0.3 --data-dir /tmp/adu

Indexes the two fictional sample reports into a fresh data dir, times asks alone, then
starts ingesting a generated fictional report of `--mb` MB in a thread (what the Reports
tab's upload does) and times asks, one after another, until it finishes. Prints p50/p95/
max for both. In one process, as in `cqc-rag serve`: the UI's asks and its uploads share
one embedding model, which is exactly what an upload used to block (issue 18: one ask
took 79.9 s during a 1 MB upload). The real model, on the CPU; nothing is downloaded.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import click

from eval.bench.long import long_section_text
from eval.bench.requests import percentile

QUESTIONS = (
    "How many complaints were received?",
    "What did people say about carers' assessments?",
    "How long did people wait for an assessment?",
    "What score did the council get for safeguarding?",
    "How does the council work with partners?",
)


def _figures(latencies: list[float]) -> str:
    if not latencies:
        return "no asks"
    return (
        f"{len(latencies)} asks, p50 {percentile(latencies, 50) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )


@click.command()
@click.option("--mb", default=0.3, show_default=True, help="Size of the uploaded report in MB.")
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    required=True,
    help="A scratch data dir (emptied first).",
)
def main(mb: float, data_dir: Path) -> None:
    from rag.env import configure_offline

    configure_offline()
    from rag import building

    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    samples = Path(__file__).resolve().parents[2] / "data" / "sample_reports"
    assistant = building.build_assistant(data_dir=data_dir)
    assistant.ingest([samples / "northmere.md", samples / "southbay.md"])

    def ask(i: int) -> float:
        started = time.perf_counter()
        assistant.ask(f"{QUESTIONS[i % len(QUESTIONS)]} ({i})")  # no query-cache hits
        return time.perf_counter() - started

    quiet = [ask(i) for i in range(20)]
    click.echo(f"asks alone:            {_figures(quiet)}")

    upload = data_dir / "upload.md"
    upload.write_text(long_section_text(mb), encoding="utf-8")
    done = threading.Event()
    upload_s: list[float] = []

    def ingest() -> None:
        started = time.perf_counter()
        assistant.ingest([upload])
        upload_s.append(time.perf_counter() - started)
        done.set()

    threading.Thread(target=ingest, daemon=True).start()
    during: list[float] = []
    i = 100
    while not done.is_set():
        during.append(ask(i))
        i += 1
    click.echo(f"asks during the upload: {_figures(during)}")
    click.echo(f"upload of {mb:g} MB took {upload_s[0]:.1f} s")


if __name__ == "__main__":
    main()
