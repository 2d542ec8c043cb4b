"""The chat UI in a real Chromium (Playwright driving Debian's browser).

One walk through what staff do: ask, read the highlighted source, click a marker, follow
up, give feedback, look up a quote, upload a report (with hostile text in it) and ask about
it. Screenshots go to test-artifacts/ui/. The time from pressing Enter to the first
answer words is printed as a benchmark figure, never asserted.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.ui.server import Server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "ui"
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
def page(ui_server: Server) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(
            "Chromium is not installed: `make browser` (apt-get install chromium chromium-driver)"
        )
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=ui_server.url.rstrip("/")
        )
        page = context.new_page()
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        page.set_default_timeout(60_000)
        page.goto(ui_server.url, wait_until="load")  # never networkidle: Gradio keeps a stream open
        page.wait_for_selector("#cqc-question textarea")
        yield page
        browser.close()


def answers_shown(page: Any) -> int:
    return int(
        page.evaluate(
            "() => [...document.querySelectorAll('#cqc-chat .cqc-answer')].filter(e => e.textContent.trim()).length"
        )
    )


def ask(page: Any, question: str) -> float:
    """Type a question, press Enter, wait for its first words; returns those seconds."""
    before = answers_shown(page)
    box = page.locator("#cqc-question textarea")
    box.fill(question)
    started = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(
        "n => [...document.querySelectorAll('#cqc-chat .cqc-answer')].filter(e => e.textContent.trim()).length > n",
        arg=before,
        polling="raf",
    )
    first_words = time.perf_counter() - started
    page.wait_for_function(
        f"() => document.querySelectorAll('#cqc-sources .cqc-turn').length >= {before + 1}"
    )
    return first_words


def new_chat(page: Any) -> None:
    page.locator("button", has_text="New chat").click()
    page.wait_for_function(
        "() => !document.querySelector('#cqc-chat .cqc-answer, #cqc-sources .cqc-turn')"
    )


def last_answer(page: Any) -> str:
    return str(page.locator("#cqc-chat .cqc-answer").last.inner_text())


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_staff_walkthrough(page: Any, ui_server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    # Assertions wait up to 30 s (Playwright's default is 5 s): on a loaded 2-core machine
    # the first answer, which loads the model, can take longer than that.
    expect.set_options(timeout=30_000)

    shot(page, "00-empty-chat.png")
    expect(page.locator("#cqc-chat")).to_contain_text(
        "How many complaints were received"
    )  # examples

    # Ask; the answer and its highlighted quote.
    ask(page, COMPLAINTS)
    assert "220" in last_answer(page)
    expect(page.locator("#cqc-sources mark").first).to_contain_text("220 complaints")
    shot(page, "01-answer-with-source.png")

    # A marker brings its source into view (on a narrow screen the panel sits below the chat).
    page.set_viewport_size({"width": 600, "height": 700})
    page.evaluate("window.scrollTo(0, 0)")
    source = page.locator("#src-1-1")
    expect(source).not_to_be_in_viewport()
    page.locator("#cqc-chat a.cqc-cite").first.click()
    expect(source).to_be_in_viewport()
    assert page.evaluate("location.hash") == "#src-1-1"
    shot(page, "02-marker-clicked-narrow.png")
    page.set_viewport_size({"width": 1400, "height": 1000})

    # A follow-up stays on the same council.
    ask(page, "How many compliments?")
    assert "47" in last_answer(page)
    first_council = page.locator("#turn-1 .cqc-authority").first.inner_text()
    assert set(page.locator("#turn-2 .cqc-authority").all_inner_texts()) == {first_council}
    shot(page, "03-follow-up.png")

    # Copy gives the text a reader sees; export gives Markdown (and JSON) with the quotes.
    page.locator("#cqc-chat button[aria-label='Copy message']").last.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "47 compliments" in copied and "professionals. [1]" in copied
    assert "<" not in copied and "&" not in copied  # no markup, no entities
    page.get_by_text("Export this conversation").click()
    page.get_by_role("button", name="Export as Markdown and JSON").click()
    exported = page.locator("#cqc-export-md textarea")
    expect(exported).to_have_value(
        re.compile(r"## 2\. How many compliments\?.*\n  > .*47 compliments", re.S)
    )
    expect(page.locator("#cqc-export-files")).to_contain_text(
        re.compile(r"conversation-\d+-\d+\s*\.json")
    )

    # Feedback: thumbs down plus a reason, stored in the data directory.
    page.locator("#cqc-chat button[aria-label='Dislike']").last.click()
    expect(page.locator("#cqc-fb-status")).to_contain_text("Saved")
    page.locator("#cqc-reason label", has_text="incomplete").click()
    page.locator("#cqc-comment textarea").fill("browser test: wanted the trend too")
    page.locator("#cqc-save-reason").click()
    expect(page.locator("#cqc-fb-status")).to_contain_text("Reason saved")
    shot(page, "04-feedback.png")
    lines = (ui_server.data_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    stored = json.loads(lines[-1])
    assert (stored["question"], stored["rating"], stored["reason"]) == (
        "How many compliments?",
        "down",
        "incomplete",
    )
    assert stored["comment"] == "browser test: wanted the trend too" and stored["index_fingerprint"]

    # Find a passage: a pasted quote, highlighted where it stands.
    page.get_by_role("tab", name="Find a passage").click()
    query = page.locator("#cqc-find-query textarea")
    query.fill("there had been 220 complaints from April 2023")
    query.press("Enter")
    expect(page.locator("#cqc-find-results mark").first).to_have_text(
        "there had been 220 complaints from April 2023"
    )
    expect(page.locator("#cqc-find-results .cqc-src").first).to_contain_text(
        "Learning, improvement and innovation"
    )
    shot(page, "05-find-a-passage.png")

    # Upload a fictional report with hostile text, then ask about it.
    report = tmp_path / "vale-test.md"
    report.write_text(FICTIONAL_REPORT, encoding="utf-8")
    page.get_by_role("tab", name="Reports").click()
    page.locator("#cqc-upload input[type=file]").set_input_files(str(report))
    page.locator("#cqc-upload-btn").click()
    expect(page.locator("#cqc-outcomes")).to_contain_text("vale-test.md: indexed", timeout=120_000)
    expect(page.locator("#cqc-reports")).to_contain_text("Vale Borough Council")
    shot(page, "06-reports-upload.png")
    assert (ui_server.data_dir / "uploads" / "vale-test.md").is_file()

    page.get_by_role("tab", name="Chat").click()
    new_chat(page)
    ask(page, "How many volunteer befrienders did Vale Borough Council recruit?")
    assert "7,777" in last_answer(page)
    sources = page.locator("#cqc-sources")
    expect(sources).to_contain_text(HOSTILE)  # shown as text, literally
    assert page.locator("#cqc-sources script, #cqc-sources img, #cqc-chat script").count() == 0
    shot(page, "07-uploaded-report-answer.png")

    # An abstention says so and still shows the closest passages.
    ask(page, "What is Northmere's adult social care budget for 2024/25?")
    expect(page.locator("#cqc-chat .cqc-abstain").last).to_contain_text(
        "Not found in the indexed reports"
    )
    expect(page.locator("#turn-2")).to_contain_text("Closest passages")
    assert page.locator("#turn-2 .cqc-src").count() >= 1

    # Example questions on an empty chat: one click asks it.
    new_chat(page)
    page.locator("#cqc-chat button", has_text="How long did people wait").click()
    page.wait_for_selector("#cqc-sources .cqc-turn")
    assert "19 days" in last_answer(page)

    # Evaluation tab: a two-question set uploaded and run, with its metrics and plots.
    dataset = tmp_path / "mini.jsonl"
    dataset.write_text("".join(json.dumps(line) + "\n" for line in EVAL_LINES), encoding="utf-8")
    page.get_by_role("tab", name="Evaluation").click()
    page.locator("#cqc-eval-file input[type=file]").set_input_files(str(dataset))
    page.locator("#cqc-eval-run").click()
    expect(page.locator("#cqc-eval-metrics table")).to_be_visible(timeout=120_000)
    expect(page.locator("#cqc-eval-plots img").first).to_be_visible()
    shot(page, "08-evaluation.png")
    page.get_by_role("tab", name="Chat").click()

    # Time to first words, five questions on a fresh conversation (printed, not asserted).
    new_chat(page)
    timings = [ask(page, q) for q in TIMED]
    shot(page, "09-after-timed-questions.png")
    print(
        f"\nTime from Enter to first answer words, {len(timings)} questions: "
        f"p50 {statistics.median(timings) * 1000:.0f} ms; all {[round(t * 1000) for t in timings]} ms"
    )

    assert page.dialogs == []  # type: ignore[attr-defined]  # no script ran
