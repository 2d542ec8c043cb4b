"""The Reports tab: the table and heatmap of indexed reports, uploads with progress and
per-file outcomes, removal, and the feedback export.

Wiring only: `ui.uploads` checks and stores files, the facade ingests and removes,
`ui.render`/`ui.plots` draw. `refresh` also updates the other tabs' authority filters.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from rag.types import IngestOutcome
from ui import render, uploads
from ui.feedback import FeedbackStore, eval_lines_text
from ui.plots import heatmap
from ui.widgets import HIDDEN, authority_choices, guard

_STAGES = {"parse": "Reading files", "embed": "Embedding passages"}


def build_reports_tab(
    assistant: Any, store: FeedbackStore, authority_filters: list[gr.Dropdown]
) -> tuple[Any, list[Any]]:
    """Returns (refresh function, its outputs) for the page-load event."""
    # One limit for uploads and for ingest: the setting the CLI enforces too.
    max_bytes = int(assistant.settings.max_file_mb * 1e6)
    with gr.Tab("Reports", id="reports"):
        table = gr.HTML(elem_id="cqc-reports")
        plot = gr.Plot(label="Scores across authorities", format="png")
        with gr.Row():
            with gr.Column():
                file_box = gr.File(
                    label=f"Add reports (PDF, HTML, text/Markdown; up to {max_bytes / 1e6:g} MB each)",
                    file_count="multiple",
                    file_types=list(uploads.ALLOWED_SUFFIXES),
                    elem_id="cqc-upload",
                )
                upload_btn = gr.Button(
                    "Index these files", variant="primary", elem_id="cqc-upload-btn"
                )
                outcomes = gr.HTML(elem_id="cqc-outcomes", label="Outcome per file")
            with gr.Column():
                pick = gr.Dropdown([], label="Report to remove", elem_id="cqc-remove-pick")
                remove_btn = gr.Button("Remove report", variant="stop")
                removed = gr.HTML(label="Removed")
                fb_export = gr.Button(
                    "Download feedback as evaluation lines", elem_id="cqc-fb-export"
                )
                fb_file = gr.File(label="feedback-eval.jsonl", interactive=False)

    def refresh() -> tuple[Any, ...]:
        reports = assistant.reports()
        choices = authority_choices(assistant)
        return (
            render.reports_html(reports),
            heatmap(reports) if reports else None,
            gr.Dropdown(choices=[r.report for r in reports], value=None),
            *(gr.Dropdown(choices=choices) for _ in authority_filters),
        )

    refreshed = [table, plot, pick, *authority_filters]

    # Gradio finds its progress tracker by this default value (hence noqa B008).
    def upload(files: list | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        paths = [Path(f) for f in files or []]
        if not paths:
            raise ValueError("Choose one or more report files first (PDF, HTML, text or Markdown).")
        stored, rejected = uploads.store_uploads(
            paths, assistant.settings.data_dir / "uploads", max_bytes=max_bytes
        )
        results = [IngestOutcome(r.name, "failed", message=r.reason) for r in rejected]
        if stored:
            results += assistant.ingest(
                stored,
                progress=lambda stage, done, total: progress(
                    (done, total), desc=_STAGES.get(stage, stage)
                ),
            )
            uploads.discard_unindexed(stored, results, assistant.reports())
        return render.outcomes_html(results), None, *refresh()

    upload_btn.click(guard(upload), [file_box], [outcomes, file_box, *refreshed], api_name="upload")

    def remove(name: str | None) -> tuple[Any, ...]:
        if not name:
            raise ValueError("Pick the report to remove first.")
        gone = assistant.remove(name)
        note = f"Removed {gone.report} ({gone.authority}, {gone.chunks} passages)."
        return render.message_html(note), *refresh()

    remove_btn.click(
        guard(remove), [pick], [removed, *refreshed], api_name="remove_report", **HIDDEN
    )

    def export_feedback() -> str:
        path = Path(tempfile.mkdtemp(prefix="cqc-feedback-")) / "feedback-eval.jsonl"
        path.write_text(eval_lines_text(store.records()), encoding="utf-8")
        return str(path)

    fb_export.click(export_feedback, None, fb_file, api_name="feedback_eval_lines")
    return refresh, refreshed
