"""Helpers for the real-browser tests: Chromium via Playwright, asking, screenshots.

Screenshots go to $CQC_RAG_SCREENSHOTS, else <tmp>/cqc-rag-ui-shots (never the working
directory); the tests print the folder.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

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
SHOTS = Path(
    os.environ.get("CQC_RAG_SCREENSHOTS") or Path(tempfile.gettempdir()) / "cqc-rag-ui-shots"
)
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}


@contextmanager
def browser_page(url: str, viewport: dict[str, int]) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(
            "Chromium is not installed: `make browser` (apt-get install chromium chromium-driver)"
        )
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {SHOTS}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.set_default_timeout(60_000)
        page.goto(url, wait_until="load")  # never networkidle: Gradio keeps a stream open
        page.wait_for_selector("#cqc-question textarea")
        try:
            yield page
        finally:
            browser.close()


def answers_shown(page: Any) -> int:
    return int(
        page.evaluate(
            "() => [...document.querySelectorAll('#cqc-chat .cqc-answer')].filter(e => e.textContent.trim()).length"
        )
    )


def ask(page: Any, question: str) -> float:
    """Type a question, press Enter, wait for its first words and its sources; returns the
    seconds to the first words."""
    before = answers_shown(page)
    turns = page.locator("#cqc-sources .cqc-turn").count()
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
        f"() => document.querySelectorAll('#cqc-sources .cqc-turn').length >= {turns + 1}"
    )
    return first_words


def new_chat(page: Any) -> None:
    page.locator("#cqc-new").click()
    page.wait_for_function(
        "() => !document.querySelector('#cqc-chat .cqc-answer, #cqc-sources .cqc-turn')"
    )


def last_answer(page: Any) -> str:
    return str(page.locator("#cqc-chat .cqc-answer").last.inner_text())


def shot(page: Any, name: str, *, full: bool = True) -> None:
    """full=False: only what the screen shows (where a jump landed)."""
    page.screenshot(path=str(SHOTS / name), full_page=full)


def no_error_pills(page: Any) -> bool:
    """Gradio marks a failed event's outputs with an "Error" badge and raises a toast."""
    return bool(
        page.evaluate(
            "() => ![...document.querySelectorAll('.error, .toast-body')].some(e => e.offsetParent !== null)"
        )
    )


def in_viewport(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            """s => { const r = document.querySelector(s).getBoundingClientRect();
                 return r.bottom > 0 && r.top < window.innerHeight; }""",
            selector,
        )
    )
