"""What `cqc-rag serve` does before the page opens: index the starter reports when the
index is empty, and warm the model so the first question is as quick as the rest.

The starter set is the two fictional sample reports plus ../shared/reports when that
folder sits beside the project. Nothing here is Gradio; progress goes to the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.types import IngestOutcome

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "sample_reports"
SHARED_REPORTS = ROOT.parent / "shared" / "reports"


def starter_paths(samples: Path = SAMPLES, shared: Path = SHARED_REPORTS) -> list[Path]:
    paths = [p for p in (samples / "northmere.md", samples / "southbay.md") if p.is_file()]
    return paths + ([shared] if shared.is_dir() else [])


def ensure_indexed(
    assistant: Any, echo: Callable[[str], None], paths: list[Path] | None = None
) -> list[IngestOutcome]:
    """Index the starter reports if nothing is indexed; returns the outcomes ([] if not needed)."""
    if assistant.reports():
        return []
    from rag import render

    paths = starter_paths() if paths is None else paths
    if not paths:
        echo(
            "Nothing is indexed and no sample reports were found: upload reports in the Reports tab."
        )
        return []
    echo(
        f"Nothing indexed yet in {assistant.settings.data_dir}: indexing {', '.join(str(p) for p in paths)} ..."
    )
    with render.IngestProgress() as progress:
        outcomes = assistant.ingest(paths, progress=progress.update)
    for outcome in outcomes:
        echo(render.outcome_line(outcome))
    echo(render.ingest_summary(outcomes))
    return outcomes


def warm_up(assistant: Any) -> None:
    """Load the embedding model and the keyword index now (~2-5 s) rather than on the
    first question, which would otherwise wait for them."""
    if assistant.reports():
        assistant.search("care and support")
