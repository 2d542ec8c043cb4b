"""Renaming a report's council from the Reports tab, and naming it at upload.

A report whose text names no council is listed under its file name
(`000_9cb2d3eb327cb64a`); these controls give it a name through the facade
(`Assistant.rename_authority`, `Assistant.ingest(..., authority=)`). Self-contained so the
Reports tab wires it with two calls: `rename_controls()` inside its layout, then
`wire_rename(...)` once its refresh exists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui import render
from ui.widgets import HIDDEN, guard


@dataclass(frozen=True)
class RenameControls:
    pick: gr.Dropdown
    name: gr.Textbox
    button: gr.Button
    result: gr.HTML


def upload_authority_box() -> gr.Textbox:
    """Beside the upload: the council of files whose text names none."""
    return gr.Textbox(
        label="Council (only used when a file's text does not name it)",
        placeholder="e.g. Wirral Council",
        max_lines=1,
        elem_id="cqc-upload-authority",
    )


def upload_authority(value: str | None) -> str | None:
    """The textbox's value as `Assistant.ingest`'s `authority`: blank means none."""
    name = " ".join((value or "").split())
    return name or None


def rename_controls() -> RenameControls:
    with gr.Group():
        pick = gr.Dropdown([], label="Report to rename", elem_id="cqc-rename-pick")
        name = gr.Textbox(
            label="Council name", placeholder="e.g. Wirral Council", elem_id="cqc-rename-name"
        )
        button = gr.Button("Rename council", elem_id="cqc-rename-btn")
        result = gr.HTML(elem_id="cqc-rename-result", label="Renamed")
    return RenameControls(pick, name, button, result)


def rename_message(report: str, old: str, new: str) -> str:
    """What the user is told after a rename (escaped by render.message_html)."""
    if old == new:
        return f"{report} is already {new}."
    return f"{report}: {old} is now {new}, in answers, filters and this table."


def wire_rename(
    assistant: Any,
    controls: RenameControls,
    refresh: Callable[[], tuple[Any, ...]],
    refreshed: Sequence[Any],
) -> None:
    """Rename on click, then refresh the tab (table, filters); the report list is read
    when the dropdown opens, so it is current after uploads and removals."""

    def choices() -> gr.Dropdown:
        return gr.Dropdown(
            choices=[(f"{r.report} ({r.authority})", r.report) for r in assistant.reports()]
        )

    def rename(report: str | None, name: str | None) -> tuple[Any, ...]:
        if not report:
            raise ValueError("Pick the report to rename first.")
        before = next((r.authority for r in assistant.reports() if r.report == report), "")
        after = assistant.rename_authority(report, name or "")
        note = rename_message(after.report, before, after.authority)
        return render.message_html(note), choices(), *refresh()

    controls.pick.focus(choices, None, controls.pick, **HIDDEN)
    controls.button.click(
        guard(rename),
        [controls.pick, controls.name],
        [controls.result, controls.pick, *refreshed],
        api_name="rename_report",
    )
