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
        table = gr.HTML(elem_id="cqc-reports", label="Indexed reports")
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
                remove_btn = gr.Button("Remove report…", elem_id="cqc-remove-btn")
                # Removing is not undoable: say what goes, and ask once more.
                with gr.Group(visible=False, elem_id="cqc-remove-confirm") as confirm_box:
                    confirm_text = gr.HTML(label="Confirm removal")
                    with gr.Row():
                        confirm_btn = gr.Button(
                            "Yes, remove it", variant="stop", elem_id="cqc-remove-yes"
                        )
                        cancel_btn = gr.Button("Cancel", elem_id="cqc-remove-no")
                removed = gr.HTML(label="Removed", elem_id="cqc-removed")
                fb_export = gr.Button(
                    "Download feedback as evaluation lines", elem_id="cqc-fb-export"
                )
                # Shown once there is something to download: no empty box taking space.
                fb_file = gr.File(label="feedback-eval.jsonl", interactive=False, visible=False)

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
            note = "Choose one or more report files first (PDF, HTML, text or Markdown)."
            return render.message_html(note, "hint"), gr.skip(), *(gr.skip() for _ in refreshed)
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
        return render.outcomes_html(results), None, *refresh()

    # One progress display, on the outcome area: not one over every output.
    upload_btn.click(
        guard(upload),
        [file_box],
        [outcomes, file_box, *refreshed],
        api_name="upload",
        show_progress_on=[outcomes],
    )

    # A user's slip (nothing chosen) is a quiet line under the button, never an error over
    # the table, the plot and the dropdown.
    def ask_to_remove(name: str | None) -> tuple[Any, ...]:
        if not name:
            note = render.message_html("Choose the report to remove first.", "hint")
            return note, gr.Group(visible=False), ""
        info = next((r for r in assistant.reports() if r.report == name), None)
        what = f"{name} ({info.authority}, {info.chunks} passages)" if info else name
        text = (
            f"Remove {render.esc(what)}? Its passages leave the index and staff can no longer "
            "ask about it; an uploaded file is deleted too. This cannot be undone (upload the "
            "file again to restore it)."
        )
        return "", gr.Group(visible=True), f'<div class="cqc-confirm">{text}</div>'

    remove_btn.click(guard(ask_to_remove), [pick], [removed, confirm_box, confirm_text], **HIDDEN)

    def remove(name: str | None) -> tuple[Any, ...]:
        if not name:
            note = render.message_html("Choose the report to remove first.", "hint")
            return note, gr.Group(visible=False), *(gr.skip() for _ in refreshed)
        gone = assistant.remove(name)
        note = f"Removed {gone.report} ({gone.authority}, {gone.chunks} passages)."
        return render.message_html(note), gr.Group(visible=False), *refresh()

    confirm_btn.click(
        guard(remove),
        [pick],
        [removed, confirm_box, *refreshed],
        api_name="remove_report",
        show_progress_on=[removed],
        **HIDDEN,
    )
    cancel_btn.click(lambda: ("", gr.Group(visible=False)), None, [removed, confirm_box], **HIDDEN)

    def export_feedback() -> Any:
        path = Path(tempfile.mkdtemp(prefix="cqc-feedback-")) / "feedback-eval.jsonl"
        path.write_text(eval_lines_text(store.records()), encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    fb_export.click(export_feedback, None, fb_file, api_name="feedback_eval_lines")
    return refresh, refreshed
