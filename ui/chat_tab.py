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
    with gr.Tab("Chat", id="chat"), gr.Row(equal_height=False, elem_id="cqc-chat-row"):
        with gr.Column(scale=3, min_width=300):
            authority, statement = filters_row(assistant)
            chatbot = gr.Chatbot(
                elem_id="cqc-chat",
                label="Conversation",
                show_label=False,  # its floating label sat over the first message on a phone
                height=520,
                render_markdown=False,  # messages are HTML we built and escaped ourselves
                latex_delimiters=[],
                buttons=["copy", "copy_all"],
                examples=[{"text": q} for q in chat.EXAMPLES],
                placeholder="Ask about any indexed report, or pick an example:",
            )
            # Feedback sits right under the thumbs, and only once a thumb is clicked.
            with gr.Group(visible=False, elem_id="cqc-feedback") as fb_box:
                reason = gr.Radio(
                    list(REASONS), label="What was wrong? (optional)", elem_id="cqc-reason"
                )
                with gr.Row():
                    comment = gr.Textbox(
                        label="Anything else (optional)", elem_id="cqc-comment", scale=4
                    )
                    reason_btn = gr.Button("Save reason", elem_id="cqc-save-reason", scale=1)
            fb_status = gr.HTML(elem_id="cqc-fb-status", label="Feedback status")
            question = gr.Textbox(
                elem_id="cqc-question",
                label="Question",
                show_label=False,
                autofocus=True,
                placeholder="Ask about the reports, e.g. How many complaints were received in 2023/24?",
            )
            hint = gr.HTML(elem_id="cqc-hint", label="Hint")
            with gr.Row(elem_id="cqc-chat-buttons"):
                ask_btn = gr.Button("Ask", variant="primary", min_width=80, elem_id="cqc-ask")
                new_btn = gr.Button("New chat", min_width=100, elem_id="cqc-new")
                export_btn = gr.Button("Export", min_width=100, elem_id="cqc-export")
            export_files = gr.File(
                label="Conversation as Markdown, JSON and Word",
                file_count="multiple",
                interactive=False,
                visible=False,
                elem_id="cqc-export-files",
            )
            export_md = gr.Textbox(
                label="Markdown",
                lines=6,
                buttons=["copy"],
                interactive=False,
                visible=False,
                elem_id="cqc-export-md",
            )
        with gr.Column(scale=2, min_width=300, elem_id="cqc-sources-col"):
            gr.Markdown("### Sources", elem_id="cqc-sources-title")
            sources = gr.HTML(render.sources_html([]), elem_id="cqc-sources", label="Sources")

    def respond(text: str, auth: str, qs: str, done: list | None, *, quiet_if_empty: bool) -> Any:
        done = done or []
        try:
            for screen in chat.reply(assistant, text, chat.filters_from(auth, qs), done):
                panel = gr.skip() if screen.sources is None else screen.sources
                yield "", screen.messages, screen.answers, panel, ""
        except chat.Quiet as exc:
            # A second Enter lands on the box the first one emptied: no message at all then.
            note = "" if quiet_if_empty else render.message_html(str(exc), "hint")
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), note
        except ERRORS as exc:  # a real failure: what happened and what to do, beside the box
            yield (
                text,
                chat.chat_messages(done),
                done,
                gr.skip(),
                render.message_html(toasts.message(exc), "problem"),
            )

    def on_enter(text: str, auth: str, qs: str, done: list | None) -> Any:
        yield from respond(text, auth, qs, done, quiet_if_empty=True)

    def on_click(text: str, auth: str, qs: str, done: list | None) -> Any:
        yield from respond(text, auth, qs, done, quiet_if_empty=False)

    io = ([question, authority, statement, answers], [question, chatbot, answers, sources, hint])
    question.submit(on_enter, *io, show_progress="hidden", api_name="chat_submit", **HIDDEN)
    ask_btn.click(on_click, *io, show_progress="hidden", api_name="chat_click", **HIDDEN)

    def pick_example(data: gr.SelectData) -> str:
        return data.value["text"] if isinstance(data.value, dict) else str(data.value)

    chatbot.example_select(pick_example, None, question, queue=False, **HIDDEN).then(
        on_click, *io, show_progress="hidden", **HIDDEN
    )

    def clear() -> tuple[Any, ...]:
        hidden = gr.update(visible=False, value=None)
        return (
            [],
            [],
            render.sources_html([]),
            None,
            "",
            hidden,
            hidden,
            gr.Group(visible=False),
            "",
        )

    cleared = [chatbot, answers, sources, pending, fb_status, export_files, export_md, fb_box, hint]
    new_btn.click(clear, None, cleared, api_name="new_chat", **HIDDEN)
    chatbot.clear(clear, None, cleared, **HIDDEN)  # the chatbot's own bin icon

    def on_like(done: list, data: gr.LikeData) -> Any:
        try:
            turn, answer = chat.answer_for_message(done, data.index)
        except ValueError as exc:
            return None, render.message_html(str(exc), "hint"), gr.skip()
        if not isinstance(data.liked, bool):  # "" when a thumb is clicked again to clear it
            note = f"Thumb cleared on answer {turn}; feedback already saved stays until you rate it again."
            return None, render.message_html(note), gr.Group(visible=False)
        rating = "up" if data.liked else "down"
        record = store.add(answer.to_json(), rating)
        note = f"Saved {'👍' if rating == 'up' else '👎'} for answer {turn}. Say why below if you like."
        mark = {"id": record.id, "turn": turn, "rating": rating}
        return mark, render.message_html(note), gr.Group(visible=True)

    chatbot.like(guard(on_like), [answers], [pending, fb_status, fb_box], api_name="like", **HIDDEN)

    def save_reason(mark: dict | None, why: str | None, note: str, done: list) -> Any:
        if not mark:
            hint_text = "Give an answer a 👍 or 👎 first, then add the reason."
            return render.message_html(hint_text, "hint"), gr.skip(), gr.skip(), gr.skip()
        answer = done[mark["turn"] - 1]
        store.add(
            answer.to_json(), mark["rating"], reason=why, comment=note, feedback_id=mark["id"]
        )
        thanks = f"Reason saved for answer {mark['turn']}. Thank you."
        return render.message_html(thanks), None, "", gr.Group(visible=False)

    reason_btn.click(
        guard(save_reason),
        [pending, reason, comment, answers],
        [fb_status, reason, comment, fb_box],
        api_name="feedback_reason",
        **HIDDEN,
    )

    def export(done: list) -> Any:
        if not done:
            note = render.message_html("Nothing to export yet: ask a question first.", "hint")
            return gr.skip(), gr.skip(), note
        paths = conversation.write_exports(done, Path(tempfile.mkdtemp(prefix="cqc-export-")))
        return (
            gr.update(value=[str(p) for p in paths], visible=True),
            gr.update(value=paths[0].read_text(encoding="utf-8"), visible=True),
            "",
        )

    export_btn.click(
        guard(export), [answers], [export_files, export_md, hint], api_name="export", **HIDDEN
    )
    return authority
