"""The chat UI in a real Chromium (Playwright driving Debian's browser), at desktop width.

One walk through what staff do, asserting each thing issue 16 fixed: quiet hints instead
of red errors, sources one card per passage with a way back, the searched scope agreeing
with the filters, "please ask in English", not-found said once, copy and export (Markdown,
JSON, Word) with sources, feedback beside the thumbs, Find a passage's verdict, remove with
a confirmation, one progress display, the Evaluation tab in plain words, and named API
outputs. The 390 px phone walk is tests/ui/test_browser_phone.py. Screenshots go where
tests/ui/browser.py says (printed). The time from Enter to the first answer words is
printed as a benchmark figure, never asserted.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path
from typing import Any

import pytest

from tests.ui.browser import (
    DESKTOP,
    ask,
    browser_page,
    last_answer,
    new_chat,
    no_error_pills,
    shot,
)
from tests.ui.server import Server

COMPLAINTS = "How many complaints were received between April 2023 and March 2024?"
TIMED = [
    "How long did people wait for a Care Act assessment in Northmere?",
    "How many carers' assessments were completed in Northmere in 2023/24?",
    "What score did Southbay get for safeguarding?",
    "How are unpaid carers supported in Northmere?",
    COMPLAINTS,
]
HOSTILE = "<script>alert(1)</script>"
FICTIONAL_REPORT = f"""# Vale Borough Council: local authority assessment

This report is fictional, written by a test.

## Partnerships and communities

Score: 3

3 - Evidence shows a good standard

## Key findings for this quality statement

Volunteering

The council recruited 7,777 volunteer befrienders in 2023/24 through the Vale Kindness Network. A test line follows.
{HOSTILE} <img src=x onerror="alert(2)"> was pasted into the feedback form as plain text.
"""

EVAL_LINES = [
    {
        "id": "b-1",
        "question": "How many carers' assessments were completed in Northmere in 2023/24?",
        "answerable": True,
        "gold_quotes": ["1,064 carers' assessments were completed"],
        "facts": ["1,064"],
        "filters": {},
    },
    {
        "id": "b-2",
        "question": "What is Northmere's adult social care budget for 2030?",
        "answerable": False,
        "gold_quotes": [],
        "facts": [],
        "filters": {},
    },
]

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def page(ui_server: Server) -> Any:
    with browser_page(ui_server.url, DESKTOP) as opened:
        yield opened


def test_staff_walkthrough(page: Any, ui_server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    # Assertions wait up to 30 s (Playwright's default is 5 s): on a loaded 2-core machine
    # the first answer, which loads the model, can take longer than that.
    expect.set_options(timeout=30_000)

    # Polish: a real title, no "Built with Gradio", examples as chips, a full-width box.
    assert page.title() == "CQC assessment reports: cited answers"
    assert "Built with Gradio" not in page.locator("body").inner_text()
    chip = page.locator(
        "#cqc-chat .examples .example", has_text="How many complaints were received"
    )
    expect(chip).to_be_visible()
    assert float(chip.evaluate("e => parseFloat(getComputedStyle(e).borderTopLeftRadius)")) >= 16
    box_w = page.locator("#cqc-question").bounding_box()["width"]
    chat_w = page.locator("#cqc-chat").bounding_box()["width"]
    assert box_w >= 0.9 * chat_w, (box_w, chat_w)
    shot(page, "d00-empty-chat.png")

    # An empty question is a quiet hint beside the box: no red Error, no toast.
    page.locator("#cqc-ask").click()
    expect(page.locator("#cqc-hint")).to_contain_text("Type a question about the reports first")
    assert no_error_pills(page) and answers_count(page) == 0
    shot(page, "d01-empty-question-hint.png")

    # Ask (a double Enter: the second lands on the emptied box and says nothing at all).
    box = page.locator("#cqc-question textarea")
    box.fill(COMPLAINTS)
    box.press("Enter")
    box.press("Enter")
    page.wait_for_selector("#cqc-sources .cqc-turn")
    assert "220" in last_answer(page)
    assert no_error_pills(page)
    # the second Enter's event may still show its timer ("0.1s") a moment: wait it out
    expect(page.locator("#cqc-hint")).to_have_text("", timeout=10_000)
    expect(page.locator("#cqc-sources mark").first).to_contain_text("220 complaints")
    # One card per passage: no two cards of one answer show the same passage.
    texts = page.locator("#turn-1 .cqc-src .cqc-text").all_inner_texts()
    assert texts and len(texts) == len(set(texts))
    shot(page, "d02-answer-with-source.png")

    # A follow-up stays on the same council, and says so while the filter reads "All".
    ask(page, "How many compliments?")
    assert "47" in last_answer(page)
    first_council = page.locator("#turn-1 .cqc-authority").first.inner_text()
    assert set(page.locator("#turn-2 .cqc-authority").all_inner_texts()) == {first_council}
    expect(page.locator("#cqc-chat .cqc-applied").last).to_contain_text("as in the previous answer")
    assert page.locator("#cqc-chat-row input").first.input_value() == "All authorities"
    shot(page, "d03-follow-up-scope.png")

    # Copy gives the text a reader sees, with its sources.
    page.locator("#cqc-chat button[aria-label='Copy message']").last.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "47 compliments" in copied and "professionals. [1]" in copied
    assert "Sources:" in copied and re.search(r"\[1\] .+ \| .+: “.*47 compliments", copied)
    assert "<" not in copied and "&" not in copied  # no markup, no entities

    # Export: Markdown (no index id), JSON and Word.
    page.locator("#cqc-export").click()
    exported = page.locator("#cqc-export-md textarea")
    expect(exported).to_have_value(
        re.compile(r"## 2\. How many compliments\?.*\n  > .*47 compliments", re.S)
    )
    assert "Index " not in exported.input_value()
    files = page.locator("#cqc-export-files")
    for suffix in (".md", ".json", ".docx"):
        expect(files).to_contain_text(re.compile(rf"conversation-\d+-\d+\s*\{suffix}"))
    shot(page, "d04-export.png")

    # Feedback: the reasons appear right under the thumbs once one is clicked.
    # A gr.Group renders its elem_id twice (wrapper and box): the visible one is the box.
    fb = page.locator("#cqc-feedback:visible").first
    assert page.locator("#cqc-feedback:visible").count() == 0
    page.locator("#cqc-chat button[aria-label='Dislike']").last.click()
    expect(page.locator("#cqc-fb-status")).to_contain_text("Saved")
    expect(fb).to_be_visible()
    gap = fb.bounding_box()["y"] - (
        page.locator("#cqc-chat").bounding_box()["y"]
        + page.locator("#cqc-chat").bounding_box()["height"]
    )
    assert gap < 60, gap
    page.locator("#cqc-reason label", has_text="incomplete").click()
    page.locator("#cqc-comment textarea").fill("browser test: wanted the trend too")
    shot(page, "d05-feedback-beside-thumbs.png")
    page.locator("#cqc-save-reason").click()
    expect(page.locator("#cqc-fb-status")).to_contain_text("Reason saved")
    lines = (ui_server.data_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    stored = json.loads(lines[-1])
    assert (stored["question"], stored["rating"], stored["reason"]) == (
        "How many compliments?",
        "down",
        "incomplete",
    )
    assert stored["comment"] == "browser test: wanted the trend too" and stored["index_fingerprint"]

    # A council named in the question: the line says so; the filter still reads "All".
    new_chat(page)
    ask(page, "What score did Southbay get for safeguarding?")
    expect(page.locator("#cqc-chat .cqc-applied").last).to_contain_text("named in your question")
    assert page.locator("#cqc-chat-row input").first.input_value() == "All authorities"

    # Another language: "please ask in English", not "not found".
    page.locator("#cqc-question textarea").fill(
        "Combien de plaintes le conseil a-t-il reçues en 2023?"
    )
    page.locator("#cqc-question textarea").press("Enter")
    expect(page.locator("#cqc-chat .cqc-hint").last).to_contain_text("Please ask in English")
    shot(page, "d06-please-ask-in-english.png")

    # Not found is said once, and the closest passages are still shown.
    ask(page, "What is Northmere's adult social care budget for 2024/25?")
    message = page.locator("#cqc-chat .message-row, #cqc-chat .message").last.inner_text()
    said = page.locator("#cqc-chat .cqc-abstain").last.inner_text()
    assert "do not appear to answer" in said and "Not found in the indexed reports" not in message
    expect(page.locator("#turn-2")).to_contain_text("Closest passages")
    assert page.locator("#turn-2 .cqc-src").count() >= 1

    # A 5,000-character question is shown short in Sources.
    long_question = "How many complaints were received " + "and " * 1250 + "?"
    assert len(long_question) >= 5000
    ask(page, long_question)
    heading = page.locator("#turn-3 .cqc-turn-q").inner_text()
    assert len(heading) <= 100 and heading.endswith("…")
    shot(page, "d07-not-found-once-and-long-question.png")

    # Find a passage: a verdict with the place, for exact, close and absent quotes.
    page.get_by_role("tab", name="Find a passage").click()
    query = page.locator("#cqc-find-query textarea")
    verdict = page.locator("#cqc-find-results .cqc-verdict")
    query.fill("there had been 220 complaints from April 2023")
    query.press("Enter")
    expect(verdict).to_contain_text("Exact quote found in")
    expect(verdict).to_contain_text("Learning, improvement and innovation")
    expect(verdict.locator("mark")).to_have_text("there had been 220 complaints from April 2023")
    shot(page, "d08-find-exact.png")
    query.fill("there had been 230 complaints from April 2023")
    query.press("Enter")
    expect(verdict).to_contain_text("Close match")
    shot(page, "d09-find-close.png")
    query.fill("purple elephants juggling spreadsheets backwards")
    query.press("Enter")
    expect(verdict).to_contain_text("Not in the indexed reports")
    shot(page, "d10-find-not-found.png")

    # Reports: remove with nothing chosen is a quiet line; the plot and dropdown stay usable.
    page.get_by_role("tab", name="Reports").click()
    page.locator("#cqc-remove-btn").click()
    expect(page.locator("#cqc-removed")).to_contain_text("Choose the report to remove first")
    assert no_error_pills(page)
    shot(page, "d11-remove-nothing-chosen.png")

    # Upload a fictional report with hostile text: one progress display, then the outcome.
    report = tmp_path / "vale-test.md"
    report.write_text(FICTIONAL_REPORT, encoding="utf-8")
    page.locator("#cqc-upload input[type=file]").set_input_files(str(report))
    # Count the upload's displays only: on a busy machine the page's first load (which
    # draws this tab's table and heatmap) may still be running when the test gets here.
    expect(page.locator(".wrap:not(.hide) .progress-text:visible")).to_have_count(
        0, timeout=120_000
    )
    # Gradio keeps the status tracker of an event with show_progress="hidden" in the page,
    # inside a wrapper with class "hide" (not shown): only shown displays count.
    page.evaluate(
        """() => { window.__most = 0; window.__poll = setInterval(() => {
             const n = [...document.querySelectorAll('.progress-text, .eta-bar, .progress-level')]
               .filter(e => e.offsetParent !== null && e.closest('.hide') === null).length;
             window.__most = Math.max(window.__most, n); }, 30); }"""
    )
    page.locator("#cqc-upload-btn").click()
    expect(page.locator("#cqc-outcomes")).to_contain_text("vale-test.md: indexed", timeout=120_000)
    most = page.evaluate("() => { clearInterval(window.__poll); return window.__most; }")
    assert most <= 2, f"{most} progress elements at once"  # one display: its text and bar
    expect(page.locator("#cqc-reports")).to_contain_text("Vale Borough Council")
    shot(page, "d12-reports-upload.png")

    page.get_by_role("tab", name="Chat").click()
    new_chat(page)
    ask(page, "How many volunteer befrienders did Vale Borough Council recruit?")
    assert "7,777" in last_answer(page)
    sources = page.locator("#cqc-sources")
    expect(sources).to_contain_text(HOSTILE)  # shown as text, literally
    assert page.locator("#cqc-sources script, #cqc-sources img, #cqc-chat script").count() == 0
    shot(page, "d13-uploaded-report-answer.png")

    # Remove it: a confirmation says what goes; Cancel keeps it, Yes removes it.
    page.get_by_role("tab", name="Reports").click()
    page.locator("#cqc-remove-pick input").click()
    page.get_by_role("option", name="vale-test.md").click()
    page.locator("#cqc-remove-btn").click()
    confirm = page.locator("#cqc-remove-confirm:visible").first
    expect(confirm).to_contain_text("Remove vale-test.md (Vale Borough Council")
    expect(confirm).to_contain_text("cannot be undone")
    shot(page, "d14-remove-confirmation.png")
    page.locator("#cqc-remove-no").click()
    expect(page.locator("#cqc-remove-confirm:visible")).to_have_count(0)
    expect(page.locator("#cqc-reports")).to_contain_text("Vale Borough Council")
    page.locator("#cqc-remove-btn").click()
    page.locator("#cqc-remove-yes").click()
    expect(page.locator("#cqc-removed")).to_contain_text("Removed vale-test.md")
    expect(page.locator("#cqc-reports")).not_to_contain_text("Vale Borough Council")
    assert no_error_pills(page)

    # Example questions on an empty chat: one click asks it.
    page.get_by_role("tab", name="Chat").click()
    new_chat(page)
    page.locator("#cqc-chat .examples .example", has_text="How long did people wait").click()
    page.wait_for_selector("#cqc-sources .cqc-turn")
    assert "19 days" in last_answer(page)

    # Evaluation tab: explained before the first run; after it, plain words first.
    page.get_by_role("tab", name="Evaluation").click()
    expect(page.locator("#cqc-eval-intro")).to_contain_text("How far can the answers be trusted")
    shot(page, "d15-evaluation-before-run.png")
    dataset = tmp_path / "mini.jsonl"
    dataset.write_text("".join(json.dumps(line) + "\n" for line in EVAL_LINES), encoding="utf-8")
    page.locator("#cqc-eval-file input[type=file]").set_input_files(str(dataset))
    page.locator("#cqc-eval-run").click()
    summary = page.locator("#cqc-eval-summary")
    expect(summary).to_contain_text("Of 2 test questions", timeout=120_000)
    expect(summary).to_contain_text(
        "of the 1 questions the reports do not answer".lower(), ignore_case=True
    )
    status = page.locator("#cqc-eval-status").inner_text()
    assert "/" not in status and "Run of" in status  # no file path
    body = page.locator("#cqc-eval-failures").inner_text() + summary.inner_text()
    assert "gold quote" not in body and "hit_1" not in body
    shot(page, "d16-evaluation-summary.png")
    page.get_by_text("For engineers: all metrics").click()
    expect(page.locator("#cqc-eval-metrics")).to_contain_text("Right passage found first")
    expect(page.locator("#cqc-eval-plots img").first).to_be_visible()
    shot(page, "d17-evaluation-engineers.png")
    page.get_by_role("tab", name="Chat").click()

    # Named API endpoints and outputs: nothing called value_44.
    info = page.request.get(ui_server.url + "gradio_api/info").json()
    named = info["named_endpoints"]
    assert {"/ask", "/search", "/find_quote", "/reports", "/upload", "/run_eval"} <= set(named)
    labels = [r.get("label") for ep in named.values() for r in ep["returns"]]
    assert all(labels) and not any(re.fullmatch(r"value_\d+", str(x)) for x in labels), labels

    # Time to first words, five questions on a fresh conversation (printed, not asserted).
    new_chat(page)
    timings = [ask(page, q) for q in TIMED]
    shot(page, "d18-after-timed-questions.png")
    print(
        f"\nTime from Enter to first answer words, {len(timings)} questions: "
        f"p50 {statistics.median(timings) * 1000:.0f} ms; all {[round(t * 1000) for t in timings]} ms"
    )

    assert page.dialogs == []  # no script ran


def answers_count(page: Any) -> int:
    return int(page.locator("#cqc-chat .cqc-answer").count())
