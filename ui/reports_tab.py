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
from ui import rename, render, uploads
from ui.comparison import SORT_KEYS, comparison_html, comparison_rows, write_csv, write_xlsx
from ui.feedback import FeedbackStore, eval_lines_text
from ui.plots import comparison_heatmap
from ui.widgets import HIDDEN, authority_choices, guard

_STAGES = {"parse": "Reading files", "embed": "Embedding passages"}


def build_reports_tab(
    assistant: Any, store: FeedbackStore, authority_filters: list[gr.Dropdown]
) -> tuple[Any, list[Any]]:
    """Returns (refresh function, its outputs) for the page-load event."""
    # One limit for uploads and for ingest: the setting the CLI enforces too.
    max_bytes = int(assistant.settings.max_file_mb * 1e6)
    with gr.Tab("Reports", id="reports"):
        # issue 15: the comparison view (ui.comparison) over the scores table
        with gr.Row():
            compare_pick = gr.Dropdown(
                [],
                multiselect=True,
                label="Councils to compare (none chosen: all)",
                elem_id="cqc-compare-pick",
            )
            sort_by = gr.Dropdown(
                list(SORT_KEYS), value=SORT_KEYS[0], label="Sort by", elem_id="cqc-compare-sort"
            )
            descending = gr.Checkbox(label="Highest first", value=False, elem_id="cqc-compare-desc")
        compare = gr.HTML(elem_id="cqc-compare", label="Scores by council")
        with gr.Row():
            csv_btn = gr.Button("Export CSV", elem_id="cqc-export-csv")
            xlsx_btn = gr.Button("Export Excel workbook", elem_id="cqc-export-xlsx")
        # Shown once there is a file to download: no empty box taking space.
        export_file = gr.File(
            label="Export", interactive=False, visible=False, elem_id="cqc-export-file"
        )
        # The same scores as the table, as an image to paste into a briefing: closed at
        # first, so the page does not show every score twice (and a phone no tiny image).
        with gr.Accordion(
            "Scores as a chart (an image for slides and briefings)",
            open=False,
            elem_id="cqc-compare-chart",
        ):
            plot = gr.Plot(
                label="Scores across councils",
                show_label=False,
                format="png",
                elem_id="cqc-compare-plot",
            )
        table = gr.HTML(elem_id="cqc-reports", label="Indexed reports")
        with gr.Row():
            with gr.Column():
                file_box = gr.File(
                    label=f"Add reports (PDF, HTML, text/Markdown; up to {max_bytes / 1e6:g} MB each)",
                    file_count="multiple",
                    file_types=list(uploads.ALLOWED_SUFFIXES),
                    elem_id="cqc-upload",
                )
                council = rename.upload_authority_box()
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
                renamer = rename.rename_controls()
                fb_export = gr.Button(
                    "Download feedback as evaluation lines", elem_id="cqc-fb-export"
                )
                # Shown once there is something to download: no empty box taking space.
                fb_file = gr.File(label="feedback-eval.jsonl", interactive=False, visible=False)

    def compared(chosen: list[str] | None, key: str, desc: bool) -> list[Any]:
        reports = assistant.reports()
        return comparison_rows(assistant.scores(), chosen or (), key, desc) if reports else []

    def show(chosen: list[str] | None, key: str, desc: bool) -> tuple[Any, ...]:
        rows = compared(chosen, key, desc)
        return comparison_html(rows), comparison_heatmap(rows) if rows else None

    def refresh() -> tuple[Any, ...]:
        reports = assistant.reports()
        choices = authority_choices(assistant)
        rows = compared([], SORT_KEYS[0], False)
        return (
            render.reports_html(reports),
            comparison_html(rows),
            comparison_heatmap(rows) if rows else None,
            gr.Dropdown(choices=[r.report for r in reports], value=None),
            gr.Dropdown(choices=sorted({r.authority for r in reports}), value=[], multiselect=True),
            *(gr.Dropdown(choices=choices) for _ in authority_filters),
        )

    refreshed = [table, compare, plot, pick, compare_pick, *authority_filters]
    view = [compare_pick, sort_by, descending]
    # Quick redraws, fired by every refresh: no progress display over the table. One
    # listener, one at a time, in the order the changes came: two quick changes (a sort key,
    # then "Highest first") could otherwise finish out of order and leave the older view.
    gr.on(
        [compare_pick.change, sort_by.change, descending.change],
        guard(show),
        view,
        [compare, plot],
        show_progress="hidden",
        concurrency_limit=1,
        concurrency_id="cqc-compare-view",
        **HIDDEN,
    )

    def export(kind: str) -> Any:
        def write(chosen: list[str] | None, key: str, desc: bool) -> Any:
            folder = Path(tempfile.mkdtemp(prefix="cqc-scores-"))
            rows = compared(chosen, key, desc)
            if kind == "csv":
                path = write_csv(rows, folder / "cqc-scores.csv")
            else:
                path = write_xlsx(rows, folder / "cqc-scores.xlsx")
            return gr.update(value=str(path), visible=True)

        return write

    csv_btn.click(guard(export("csv")), view, export_file, api_name="export_scores_csv", **HIDDEN)
    xlsx_btn.click(
        guard(export("xlsx")), view, export_file, api_name="export_scores_xlsx", **HIDDEN
    )

    # Gradio finds its progress tracker by this default value (hence noqa B008).
    def upload(
        files: list | None,
        council: str | None = None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> tuple[Any, ...]:
        paths = [Path(f) for f in files or []]
        if not paths:
            note = "Choose one or more report files first (PDF, HTML, text or Markdown)."
            return render.message_html(note, "hint"), gr.skip()
        stored, rejected = uploads.store_uploads(
            paths, assistant.settings.data_dir / "uploads", max_bytes=max_bytes
        )
        results = [IngestOutcome(r.name, "failed", message=r.reason) for r in rejected]
        if stored:
            results += assistant.ingest(
                stored,
                authority=rename.upload_authority(council),
                progress=lambda stage, done, total: progress(
                    (done, total), desc=_STAGES.get(stage, stage)
                ),
            )
            uploads.discard_unindexed(stored, results, assistant.reports())
        return render.outcomes_html(results), None

    # One progress display, on the outcome area: the table, plot and filters are redrawn
    # after it by a second step with no display of its own (as outputs of the upload, each
    # showed its own timer while the upload ran).
    upload_btn.click(
        guard(upload),
        [file_box, council],
        [outcomes, file_box],
        api_name="upload",
        show_progress_on=[outcomes],
    ).then(refresh, None, refreshed, show_progress="hidden", **HIDDEN)

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
    rename.wire_rename(assistant, renamer, refresh, refreshed)
    cancel_btn.click(lambda: ("", gr.Group(visible=False)), None, [removed, confirm_box], **HIDDEN)

    def export_feedback() -> Any:
        path = Path(tempfile.mkdtemp(prefix="cqc-feedback-")) / "feedback-eval.jsonl"
        path.write_text(eval_lines_text(store.records()), encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    fb_export.click(export_feedback, None, fb_file, api_name="feedback_eval_lines")
    return refresh, refreshed
