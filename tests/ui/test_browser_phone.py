"""The chat UI on a 390 px phone, in a real Chromium (issue 16).

Every tab reachable without a menu; filters that show their whole value; no label over
the messages; the question box the full width; a marker jumps to its source and the
source leads back to the answer; nothing scrolls sideways on the Chat, Find and
Evaluation tabs. Screenshots as tests/ui/browser.py says (printed).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.browser import PHONE, ask, browser_page, in_viewport, last_answer, shot
from tests.ui.server import Server

pytestmark = [pytest.mark.slow, pytest.mark.browser]
COMPLAINTS = "How many complaints were received between April 2023 and March 2024?"


@pytest.fixture(scope="module")
def phone(ui_server: Server) -> Any:
    with browser_page(ui_server.url, PHONE) as opened:
        yield opened


def no_sideways_scroll(page: Any) -> bool:
    return bool(
        page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    )


def test_a_phone_reaches_everything(phone: Any) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    page = phone

    # Every tab is a visible tab, not an entry behind "More tabs".
    tabs = page.get_by_role("tab")
    assert tabs.count() == 4
    for i in range(4):
        expect(tabs.nth(i)).to_be_visible()
    assert page.locator("button[aria-label='More tabs']").is_hidden()

    # Filter values are whole, not cut under their arrows.
    for field in page.locator(
        "#cqc-chat-row input[role=listbox], #cqc-chat-row .wrap-inner input"
    ).all():
        width = field.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert width[0] <= width[1] + 1, width
    # No floating "Conversation" label over the messages.
    assert page.locator("#cqc-chat label, #cqc-chat [data-testid=block-label]").count() == 0
    box = page.locator("#cqc-question").bounding_box()
    assert box["width"] >= 0.8 * PHONE["width"], box
    assert no_sideways_scroll(page)
    shot(page, "p00-phone-empty-chat.png")

    # A marker jumps to its source; the source's link goes back to the answer.
    ask(page, COMPLAINTS)
    assert "220" in last_answer(page)
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#cqc-chat a.cqc-cite").first.click()
    page.wait_for_function("() => location.hash === '#src-1-1'")
    page.wait_for_timeout(400)
    assert in_viewport(page, "#src-1-1")
    shot(page, "p01-phone-source-after-marker.png", full=False)
    page.locator("#src-1-1 a.cqc-back").click()
    page.wait_for_function("() => location.hash === '#ans-1'")
    page.wait_for_timeout(400)
    assert in_viewport(page, "#ans-1")
    assert no_sideways_scroll(page)
    shot(page, "p02-phone-back-to-answer.png", full=False)

    # Find a passage: the verdict fits the screen.
    page.get_by_role("tab", name="Find a passage").click()
    query = page.locator("#cqc-find-query textarea")
    query.fill("there had been 220 complaints from April 2023")
    query.press("Enter")
    expect(page.locator("#cqc-find-results .cqc-verdict")).to_contain_text("Exact quote found in")
    assert no_sideways_scroll(page)
    shot(page, "p03-phone-find.png")

    # Reports and Evaluation are a tap away.
    page.get_by_role("tab", name="Reports").click()
    expect(page.locator("#cqc-upload")).to_be_visible()
    # The comparison table is one card per council at 390 px: no column headers squeezed
    # into slivers; each score sits beside its statement's full name, under its theme.
    compare = page.locator("#cqc-compare-table")
    expect(compare.locator("tbody tr").first).to_be_visible()
    expect(compare.locator("thead")).to_be_hidden()
    card = compare.locator("tbody tr", has_text="Northmere Borough Council")
    expect(card.locator("td.cqc-phone-theme").first).to_be_visible()
    label = card.locator("td[data-label='Assessing needs']").evaluate(
        "e => getComputedStyle(e, '::before').content"
    )
    assert "Assessing needs" in label
    for box in ("#cqc-compare .cqc-compare-wrap", "#cqc-reports"):
        inner, outer = page.locator(box).first.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert inner <= outer + 1, (box, inner, outer)
    spill = page.locator("#cqc-reports th").evaluate_all(
        "hs => hs.filter(h => h.scrollWidth > h.clientWidth + 1).map(h => h.textContent)"
    )
    widths = page.locator("#cqc-reports th").evaluate_all(
        "hs => hs.map(h => [h.textContent, h.clientWidth, h.scrollWidth, getComputedStyle(h).fontSize])"
    )
    assert spill == [], widths  # no column header runs into the next
    # The chart repeats the table: closed at first, not a tiny image on the page.
    expect(page.locator("#cqc-compare-plot img")).to_be_hidden()
    assert no_sideways_scroll(page)
    shot(page, "p04-phone-reports.png")
    page.get_by_role("tab", name="Evaluation").click()
    expect(page.locator("#cqc-eval-intro")).to_contain_text("How far can the answers be trusted")
    assert no_sideways_scroll(page)
    shot(page, "p05-phone-evaluation.png")
    assert page.dialogs == []
