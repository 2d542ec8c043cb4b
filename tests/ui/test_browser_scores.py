"""The Reports tab's comparison view, its exports and a scores question in the chat, in a
real Chromium over the real `cqc-rag serve` (the samples plus ../shared/reports).

Screenshots go to test-artifacts/ui/ (the path is printed).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest

from tests.ui.browser import ARGS, CHROMIUM, SHOTS, ask, last_answer
from tests.ui.server import Server

ARTIFACTS = SHOTS  # screenshots: $CQC_RAG_SCREENSHOTS or <tmp>/cqc-rag-ui-shots

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
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(60_000)
        page.goto(ui_server.url, wait_until="load")  # never networkidle: Gradio keeps a stream open
        page.wait_for_selector("#cqc-question textarea")
        yield page
        browser.close()


def rows(page: Any) -> list[str]:
    return [str(t).strip() for t in page.locator("#cqc-compare-table tbody th").all_inner_texts()]


def choose(page: Any, council: str) -> None:
    box = page.locator("#cqc-compare-pick input")
    box.click()
    box.fill(council.split()[-1])
    page.get_by_role("option", name=council).click()


def download(page: Any, ui_server: Server, suffix: str) -> bytes:
    from playwright.sync_api import expect

    link = page.locator(f"#cqc-export-file a[href*='{suffix}']").first
    expect(link).to_be_attached(timeout=30_000)
    href = str(link.get_attribute("href"))
    url = href if href.startswith("http") else ui_server.url.rstrip("/") + "/" + href.lstrip("/")
    response = page.request.get(url)
    assert response.ok, (url, response.status)
    return bytes(response.body())


def test_comparison_view_sort_filter_and_exports(page: Any, ui_server: Server) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    page.get_by_role("tab", name="Reports").click()
    table = page.locator("#cqc-compare-table")
    expect(table).to_contain_text("London Borough of Ealing")
    expect(table.locator("th.cqc-theme").first).to_have_text(
        "How the local authority works with people"
    )
    expect(table).to_contain_text("Supporting people to live healthier lives")  # full names
    assert len(rows(page)) >= 8  # every indexed council (7 shared files + 2 samples)
    assert rows(page) == sorted(rows(page), key=str.lower)
    # Ealing's summary-page scores, with its rating and percentage
    ealing = table.locator("tr", has_text="London Borough of Ealing")
    expect(ealing).to_contain_text("Requires improvement")
    expect(ealing).to_contain_text("56%")
    assert ealing.locator("td.cqc-score").count() == 9
    # The chart (same scores, an image for briefings) opens on request.
    expect(page.locator("#cqc-compare-plot img")).to_be_hidden()
    page.locator("#cqc-compare-chart button").first.click()
    expect(page.locator("#cqc-compare-plot img")).to_be_visible()
    page.wait_for_function("() => !document.querySelector('.progress-text, .eta-bar')")
    shot = ARTIFACTS / "scores-01-comparison-all.png"
    page.screenshot(path=str(shot), full_page=True)

    # A selection of three councils, highest overall percentage first.
    for council in (
        "London Borough of Ealing",
        "Northmere Borough Council",
        "Southbay City Council",
    ):
        choose(page, council)
    page.keyboard.press("Escape")
    expect(page.locator("#cqc-compare-table tbody tr")).to_have_count(3)
    page.locator("#cqc-compare-sort input").click()
    page.get_by_role("option", name="Overall percentage").click()
    page.locator("#cqc-compare-desc input").check()
    expect(page.locator("#cqc-compare-table tbody tr").first).to_contain_text(
        "Northmere Borough Council"
    )
    assert rows(page) == [
        "Northmere Borough Council",
        "London Borough of Ealing",
        "Southbay City Council",
    ]
    selected = ARTIFACTS / "scores-02-comparison-selected.png"
    page.locator("#cqc-compare").screenshot(path=str(selected))

    # Exports hold what is shown, in the order shown.
    page.locator("#cqc-export-csv").click()
    lines = list(csv.reader(io.StringIO(download(page, ui_server, ".csv").decode("utf-8"))))
    assert [line[0] for line in lines[2:]] == rows(page)
    assert lines[1][:4] == ["Council", "Overall rating", "Overall percentage", "Assessing needs"]
    assert lines[2][1:3] == ["Good", "71"]
    page.locator("#cqc-export-xlsx").click()
    sheet = load_workbook(io.BytesIO(download(page, ui_server, ".xlsx")))["Scores"]
    assert [sheet.cell(r, 1).value for r in (3, 4, 5)] == rows(page)
    assert sheet.cell(4, 3).value == 56  # Ealing's "Score: 56%"
    print(f"\nComparison view screenshots: {shot} and {selected}")

    # The same table answers questions in the chat, each value cited to its score line.
    page.get_by_role("tab", name="Chat").click()
    ask(page, "Which councils scored 1 for Care provision, integration and continuity?")
    answer = last_answer(page)
    assert "Southbay City Council" in answer and "Northmere" not in answer.split("\n")[0]
    expect(page.locator("#cqc-chat table.cqc-answer-table").last).to_contain_text(
        "Southbay City Council"
    )
    expect(page.locator("#cqc-sources .cqc-turn").last).to_contain_text("Score: 1")
    chat = ARTIFACTS / "scores-03-chat-table.png"
    page.screenshot(path=str(chat), full_page=True)
    print(f"Chat scores answer screenshot: {chat}")
