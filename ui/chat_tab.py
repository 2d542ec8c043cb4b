"""The Chat tab: filters, the conversation, feedback with reasons, export; sources beside.

Wiring only: `ui.chat.reply` makes each screen state, `ui.render` the HTML, the
`FeedbackStore` keeps thumbs and reasons. Returns the authority dropdown so the Reports
tab can refresh its choices after an upload.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from ui import chat, conversation, render, toasts
from ui.feedback import REASONS, FeedbackStore
from ui.widgets import ERRORS, HIDDEN, filters_row, guard


def build_chat_tab(assistant: Any, store: FeedbackStore) -> gr.Dropdown:
    answers = gr.State([])
    pending = gr.State(None)  # the feedback record a reason would amend: {id, turn, rating}
    with gr.Tab("Chat", id="chat"), gr.Row(equal_height=False):
        with gr.Column(scale=3):
            authority, statement = filters_row(assistant)
            chatbot = gr.Chatbot(
                elem_id="cqc-chat",
                label="Conversation",
                height=520,
                render_markdown=False,  # messages are HTML we built and escaped ourselves
                latex_delimiters=[],
                buttons=["copy", "copy_all"],
                examples=[{"text": q} for q in chat.EXAMPLES],
                placeholder="Ask about any indexed report, or pick an example.",
            )
            with gr.Row():
                question = gr.Textbox(
                    elem_id="cqc-question",
                    show_label=False,
                    scale=8,
                    autofocus=True,
                    placeholder="e.g. How many complaints were received between April 2023 and March 2024?",
                )
                ask_btn = gr.Button("Ask", variant="primary", scale=1, min_width=80)
                new_btn = gr.Button("New chat", scale=1, min_width=120)
            with gr.Accordion(
                "Feedback on an answer", open=False, elem_id="cqc-feedback"
            ) as fb_box:
                gr.Markdown("Use 👍 / 👎 under an answer, then optionally say why.")
                reason = gr.Radio(list(REASONS), label="Reason", elem_id="cqc-reason")
                comment = gr.Textbox(label="Anything else (optional)", elem_id="cqc-comment")
                reason_btn = gr.Button("Save reason", elem_id="cqc-save-reason")
                fb_status = gr.HTML(elem_id="cqc-fb-status")
            with gr.Accordion("Export this conversation", open=False):
                export_btn = gr.Button("Export as Markdown and JSON", elem_id="cqc-export")
                export_files = gr.File(
                    label="Download",
                    file_count="multiple",
                    interactive=False,
                    elem_id="cqc-export-files",
                )
                export_md = gr.Textbox(
                    label="Markdown",
                    lines=6,
                    buttons=["copy"],
                    interactive=False,
                    elem_id="cqc-export-md",
                )
        with gr.Column(scale=2):
            gr.Markdown("### Sources")
            sources = gr.HTML(render.sources_html([]), elem_id="cqc-sources")

    def respond(text: str, auth: str, qs: str, done: list | None) -> Any:
        done = done or []
        try:
            for screen in chat.reply(assistant, text, chat.filters_from(auth, qs), done):
                panel = gr.skip() if screen.sources is None else screen.sources
                yield "", screen.messages, screen.answers, panel
        except ERRORS as exc:
            yield text, chat.chat_messages(done), done, gr.skip()  # give the question back
            raise toasts.error(exc) from exc

    io = ([question, authority, statement, answers], [question, chatbot, answers, sources])
    question.submit(respond, *io, show_progress="hidden", api_name="chat_submit", **HIDDEN)
    ask_btn.click(respond, *io, show_progress="hidden", api_name="chat_click", **HIDDEN)

    def pick_example(data: gr.SelectData) -> str:
        return data.value["text"] if isinstance(data.value, dict) else str(data.value)

    chatbot.example_select(pick_example, None, question, queue=False, **HIDDEN).then(
        respond, *io, show_progress="hidden", **HIDDEN
    )

    def clear() -> tuple[Any, ...]:
        return [], [], render.sources_html([]), None, "", None, ""

    cleared = [chatbot, answers, sources, pending, fb_status, export_files, export_md]
    new_btn.click(clear, None, cleared, api_name="new_chat", **HIDDEN)
    chatbot.clear(clear, None, cleared, **HIDDEN)  # the chatbot's own bin icon

    def on_like(done: list, data: gr.LikeData) -> Any:
        turn, answer = chat.answer_for_message(done, data.index)
        if not isinstance(data.liked, bool):  # "" when a thumb is clicked again to clear it
            note = f"Thumb cleared on answer {turn}; feedback already saved stays until you rate it again."
            return None, render.message_html(note), gr.skip()
        rating = "up" if data.liked else "down"
        record = store.add(answer.to_json(), rating)
        note = f"Saved {'👍' if rating == 'up' else '👎'} for answer {turn}. Add a reason below if you like."
        mark = {"id": record.id, "turn": turn, "rating": rating}
        return mark, render.message_html(note), gr.Accordion(open=True)

    chatbot.like(guard(on_like), [answers], [pending, fb_status, fb_box], api_name="like", **HIDDEN)

    def save_reason(mark: dict | None, why: str | None, note: str, done: list) -> Any:
        if not mark:
            raise ValueError("Give an answer a 👍 or 👎 first, then add the reason.")
        answer = done[mark["turn"] - 1]
        store.add(
            answer.to_json(), mark["rating"], reason=why, comment=note, feedback_id=mark["id"]
        )
        return render.message_html(f"Reason saved for answer {mark['turn']}. Thank you."), None, ""

    reason_btn.click(
        guard(save_reason),
        [pending, reason, comment, answers],
        [fb_status, reason, comment],
        api_name="feedback_reason",
        **HIDDEN,
    )

    def export(done: list) -> Any:
        if not done:
            raise ValueError("Nothing to export yet: ask a question first.")
        md, js = conversation.write_exports(done, Path(tempfile.mkdtemp(prefix="cqc-export-")))
        return [str(md), str(js)], md.read_text(encoding="utf-8")

    export_btn.click(
        guard(export), [answers], [export_files, export_md], api_name="export", **HIDDEN
    )
    return authority
