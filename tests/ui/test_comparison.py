"""ui.comparison: the Reports tab's comparison view and its exports, on a hand-made table
of fictional councils (rag.scores types, no index)."""

from __future__ import annotations

import csv
from pathlib import Path

from ingest.framework import QUALITY_STATEMENTS, THEMES
from rag.scores import CouncilScores, ScoreTable, Stated
from ui.comparison import (
    COUNCIL,
    PERCENT,
    RATING,
    SCALE,
    comparison_html,
    comparison_rows,
    write_csv,
    write_xlsx,
)
from ui.plots import comparison_heatmap


def _row(name: str, scores: dict[str, int], rating: str | None, pct: int | None) -> CouncilScores:
    return CouncilScores(
        f"{name.lower()}.md",
        name,
        Stated(rating, None) if rating else None,
        Stated(pct, None) if pct is not None else None,
        {qs: Stated(v, None, f"Score: {v}") for qs, v in scores.items()},
    )


TABLE = ScoreTable(
    "g",
    (
        _row("Fictional Dale Council", {"Safeguarding": 2, "Assessing needs": 4}, "Good", 70),
        _row("Fictional Vale Council", {"Safeguarding": 4}, "Outstanding", 90),
        _row("Fictional Ash Council", {}, None, None),
    ),
)


def test_rows_sort_and_filter_with_missing_values_last() -> None:
    names = lambda rows: [r.authority.split()[1] for r in rows]  # noqa: E731
    assert names(comparison_rows(TABLE)) == ["Ash", "Dale", "Vale"]
    assert names(comparison_rows(TABLE, sort_by=COUNCIL, descending=True)) == [
        "Vale",
        "Dale",
        "Ash",
    ]
    assert names(comparison_rows(TABLE, sort_by="Safeguarding", descending=True)) == [
        "Vale",
        "Dale",
        "Ash",
    ]
    assert names(comparison_rows(TABLE, sort_by="Safeguarding")) == ["Dale", "Vale", "Ash"]
    assert names(comparison_rows(TABLE, sort_by=PERCENT, descending=True)) == [
        "Vale",
        "Dale",
        "Ash",
    ]
    assert names(comparison_rows(TABLE, sort_by=RATING, descending=True)) == ["Vale", "Dale", "Ash"]
    assert names(comparison_rows(TABLE, selection=["Fictional Vale Council"])) == ["Vale"]


def test_html_groups_full_statement_names_under_themes_and_escapes() -> None:
    rows = comparison_rows(TABLE)
    html = comparison_html(rows)
    for theme, group in THEMES.items():
        assert f'colspan="{len(group)}" class="cqc-theme">{theme}</th>' in html
    for qs in QUALITY_STATEMENTS:
        assert f'<th class="cqc-qs">{qs}</th>' in html
    assert f"background:{SCALE[4]}" in html and f"background:{SCALE[2]}" in html
    assert "not given in the indexed report" in html and "90%" in html
    evil = ScoreTable("g", (_row("<b>Evil</b> Council", {}, None, None),))
    assert "<b>Evil</b>" not in comparison_html(comparison_rows(evil))


def test_csv_and_workbook_hold_the_same_rows(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rows = comparison_rows(TABLE, sort_by="Safeguarding", descending=True)
    with write_csv(rows, tmp_path / "s.csv").open(encoding="utf-8") as fh:
        lines = list(csv.reader(fh))
    assert lines[1][:4] == ["Council", "Overall rating", "Overall percentage", "Assessing needs"]
    assert lines[2][:4] == ["Fictional Vale Council", "Outstanding", "90", ""]
    assert lines[3][:4] == ["Fictional Dale Council", "Good", "70", "4"]
    assert lines[0][3] == "How the local authority works with people"
    sheet = load_workbook(write_xlsx(rows, tmp_path / "s.xlsx"))["Scores"]
    assert [c.value for c in sheet[2]][:4] == [
        "Council",
        "Overall rating",
        "Overall percentage",
        "Assessing needs",
    ]
    assert [c.value for c in sheet[3]][:3] == ["Fictional Vale Council", "Outstanding", 90]
    safeguarding = 4 + QUALITY_STATEMENTS.index("Safeguarding")
    assert sheet.cell(3, safeguarding).value == 4
    assert sheet.cell(3, safeguarding).fill.fgColor.rgb.lower().endswith(SCALE[4].lstrip("#"))
    assert sheet.cell(1, 4).value == "How the local authority works with people"
    assert sheet.freeze_panes == "B3"


def test_heatmap_of_the_comparison_rows() -> None:
    fig = comparison_heatmap(comparison_rows(TABLE))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Fictional Ash Council",
        "Fictional Dale Council",
        "Fictional Vale Council",
    ]
    assert "Safeguarding" in [t.get_text() for t in ax.get_xticklabels()]
