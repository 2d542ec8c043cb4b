"""The Gradio Blocks app: Chat, Find a passage, Reports and Evaluation tabs, plus the API.

A thin adapter over `Assistant`: each tab module wires its components to the facade and
the pure renderers; this module assembles them, holds the small Find-a-passage tab, and
registers the headless endpoints of `ui.api`. No answer logic, no HTML from report text.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from rag.types import Filters
from ui import api, render
from ui.chat_tab import build_chat_tab
from ui.eval_tab import build_eval_tab
from ui.feedback import FeedbackStore
from ui.reports_tab import build_reports_tab
from ui.widgets import HIDDEN, filters_row, guard

INTRO = (
    "## CQC local authority assessments: cited answers\n"
    "Ask in plain English. Every answer quotes the reports; click a marker such as [1] to see its source."
)


def build_find_tab(assistant: Any) -> gr.Dropdown:
    with gr.Tab("Find a passage", id="find"):
        authority, statement = filters_row(assistant, "Search in: ")
        with gr.Row():
            query = gr.Textbox(
                elem_id="cqc-find-query",
                label="Words or quote",
                show_label=False,
                scale=8,
                min_width=260,  # a phone puts the slider and button below, not beside it
                placeholder="Words to look for, or paste a quote to see where it comes from",
            )
            k = gr.Slider(1, 20, value=5, step=1, label="Passages", scale=2)
            find_btn = gr.Button("Find", variant="primary", scale=1, elem_id="cqc-find-btn")
        results = gr.HTML(render.search_html([], ""), elem_id="cqc-find-results", label="Matches")

    def find(text: str, auth: str, qs: str, k_value: float) -> str:
        if not text.strip():
            return render.search_html([], "")
        filters = Filters(authority=auth or None, quality_statement=qs or None)
        check, passages = assistant.find_quote(text, filters=filters, k=int(k_value))
        return render.search_html(passages, text, check)

    for trigger in (query.submit, find_btn.click):
        trigger(guard(find), [query, authority, statement, k], results, api_name="find", **HIDDEN)
    return authority


def build_app(assistant: Any, *, store: FeedbackStore | None = None) -> gr.Blocks:
    store = store or FeedbackStore(assistant.settings.data_dir / "feedback.jsonl")
    with gr.Blocks(title="CQC assessment reports: cited answers") as app:
        gr.Markdown(INTRO)
        chat_authority = build_chat_tab(assistant, store)
        find_authority = build_find_tab(assistant)
        refresh, refreshed = build_reports_tab(assistant, store, [chat_authority, find_authority])
        runs_dropdown, runs = build_eval_tab(assistant)

        def on_load() -> tuple[Any, ...]:
            return *refresh(), runs_dropdown()

        app.load(
            on_load, None, [*refreshed, runs], api_name="load", show_progress="hidden", **HIDDEN
        )
        for name, fn in api.endpoints(assistant, store).items():
            gr.api(fn, api_name=name)
    return app
