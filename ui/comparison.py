"""The Reports tab's comparison view: councils as rows, the nine quality statements by
their full names grouped under CQC's four themes, the rating and overall percentage, one
colour scale, sorted and filtered as the user asks, exported as CSV or an Excel workbook.

Pure rendering and file writing over `rag.scores.ScoreTable` (the facade's
`Assistant.scores()`); no Gradio here (ui.reports_tab wires it). A value the report does
not state is shown as "–" and exported empty, never filled in; every shown score carries
the line it comes from as its tooltip.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from html import escape
from pathlib import Path

from ingest.framework import QUALITY_STATEMENTS, THEMES
from ingest.scorelines import RATINGS
from rag.scores import CouncilScores, ScoreTable, Stated

# One colour scale for scores everywhere (table, heatmap, workbook): a single-hue ramp,
# light for 1 to dark for 4, so order reads without relying on red/green.
SCALE = {1: "#eff3ff", 2: "#bdd7e7", 3: "#6baed6", 4: "#2171b5"}
INK = {1: "#000000", 2: "#000000", 3: "#000000", 4: "#ffffff"}
NOT_GIVEN_FILL = "#f2f2f2"
COUNCIL, RATING, PERCENT = "Council (A-Z)", "Overall rating", "Overall percentage"
SORT_KEYS: tuple[str, ...] = (COUNCIL, PERCENT, RATING, *QUALITY_STATEMENTS)
HEADERS: tuple[str, ...] = ("Council", "Overall rating", "Overall percentage", *QUALITY_STATEMENTS)


def comparison_rows(
    table: ScoreTable,
    selection: Sequence[str] = (),
    sort_by: str = COUNCIL,
    descending: bool = False,
) -> list[CouncilScores]:
    """The councils chosen (all when none are), sorted; a council without the sorted-on
    value goes last whichever the direction."""
    rows = [c for c in table.councils() if not selection or c.authority in selection]
    if sort_by == COUNCIL:
        return sorted(rows, key=lambda r: r.authority.lower(), reverse=descending)

    def value(r: CouncilScores) -> float | None:
        if sort_by == PERCENT:
            return float(r.percentage.value) if r.percentage else None
        if sort_by == RATING:
            return float(len(RATINGS) - RATINGS.index(str(r.rating.value))) if r.rating else None
        score = r.score(sort_by)
        return None if score is None else float(score)

    given = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    given.sort(key=lambda r: r.authority.lower())
    given.sort(key=lambda r: value(r) or 0.0, reverse=descending)
    return given + sorted(missing, key=lambda r: r.authority.lower())


def _cells(row: CouncilScores) -> list[str | int | None]:
    return [
        row.authority,
        str(row.rating.value) if row.rating else None,
        int(row.percentage.value) if row.percentage else None,
        *(row.score(qs) for qs in QUALITY_STATEMENTS),
    ]


def _tip(stated: Stated | None) -> str:
    if stated is None:
        return "not given in the indexed report"
    return f"“{stated.quote}”" if stated.quote else "stated in the report"


def comparison_html(rows: Sequence[CouncilScores]) -> str:
    if not rows:
        return '<div class="cqc-empty">No councils to compare: index reports below, or widen the selection.</div>'
    themes = "".join(
        f'<th colspan="{len(group)}" class="cqc-theme">{escape(theme)}</th>'
        for theme, group in THEMES.items()
    )
    names = "".join(f'<th class="cqc-qs">{escape(qs)}</th>' for qs in QUALITY_STATEMENTS)
    # On a phone each row becomes a card (see _CSS): every cell carries its column's name
    # in data-label, and a theme cell (hidden on wider screens) opens each theme's group.
    opens = {group[0]: theme for theme, group in THEMES.items()}
    body = []
    for r in rows:
        scores = []
        for qs in QUALITY_STATEMENTS:
            if qs in opens:
                scores.append(
                    f'<td class="cqc-phone-theme" aria-hidden="true">{escape(opens[qs])}</td>'
                )
            s = r.statements.get(qs)
            label = f'data-label="{escape(qs)}"'
            if s is None:
                scores.append(f'<td class="cqc-none" {label} title="{escape(_tip(s))}">–</td>')
            else:
                v = int(s.value)
                scores.append(
                    f'<td class="cqc-score" {label} style="background:{SCALE[v]};color:{INK[v]}" '
                    f'title="{escape(qs)}: {escape(_tip(s))}">{v}</td>'
                )
        rating = escape(str(r.rating.value)) if r.rating else "–"
        pct = f"{r.percentage.value}%" if r.percentage else "–"
        body.append(
            f'<tr><th scope="row" class="cqc-council">{escape(r.authority)}</th>'
            f'<td data-label="Overall rating" title="{escape(_tip(r.rating))}">{rating}</td>'
            f'<td data-label="Overall %" title="{escape(_tip(r.percentage))}">{pct}</td>'
            f"{''.join(scores)}</tr>"
        )
    key = "".join(
        f'<span class="cqc-key" style="background:{SCALE[v]};color:{INK[v]}">{v}</span> {escape(m)} '
        for v, m in (
            (1, "significant shortfalls"),
            (2, "some shortfalls"),
            (3, "good standard"),
            (4, "exceptional standard"),
        )
    )
    return (
        f"<style>{_CSS}</style>"
        '<div class="cqc-compare-wrap"><table class="cqc-compare" id="cqc-compare-table">'
        # fixed widths: the nine full names wrap instead of pushing Leadership off screen
        '<colgroup><col style="width:13%"><col style="width:9%"><col style="width:6%">'
        + '<col style="width:8%">'
        * len(QUALITY_STATEMENTS)
        + "</colgroup>"
        f'<thead><tr><th rowspan="2">Council</th><th rowspan="2">Overall rating</th><th rowspan="2">Overall %</th>{themes}</tr>'
        f"<tr>{names}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f'<p class="cqc-legend">{len(rows)} council(s). Scores 1-4: {key}; – not given in the indexed report. '
        "Hover a score for the line it comes from.</p>"
    )


_CSS = """
.cqc-compare-wrap{overflow-x:auto;max-width:100%}
table.cqc-compare{border-collapse:collapse;font-size:13px;width:100%;table-layout:fixed}
.cqc-compare th,.cqc-compare td{border:1px solid #c8c8c8;padding:4px 6px;text-align:center}
.cqc-compare th.cqc-theme{background:#f7f7f7;font-weight:600}
.cqc-compare th.cqc-qs{font-weight:500;white-space:normal;vertical-align:bottom;font-size:11.5px;padding:4px 3px}
.cqc-compare th.cqc-theme{white-space:normal;font-size:12px}
.cqc-compare th.cqc-council{text-align:left;font-weight:500}
.cqc-compare td,.cqc-compare th{border-radius:0 !important}
.cqc-compare td.cqc-score,.cqc-compare td.cqc-none{font-weight:600;text-align:center !important}
.cqc-compare td.cqc-none{background:#f2f2f2;color:#666}
.cqc-key{display:inline-block;padding:0 6px;border:1px solid #c8c8c8;font-weight:600}
.cqc-compare td.cqc-phone-theme{display:none}
@media (max-width:640px){
 table.cqc-compare,.cqc-compare tbody,.cqc-compare tr,.cqc-compare th,.cqc-compare td{display:block;width:auto}
 .cqc-compare colgroup,.cqc-compare thead{display:none}
 .cqc-compare tr{border:1px solid #c8c8c8;margin:0 0 10px;padding:4px 0}
 .cqc-compare th.cqc-council{border:none;font-weight:700;font-size:14px;padding:4px 8px}
 .cqc-compare td{border:none;border-top:1px solid #e4e4e4;display:flex;justify-content:space-between;
  align-items:center;gap:12px;text-align:left !important;padding:4px 8px}
 .cqc-compare td::before{content:attr(data-label);font-weight:400;text-align:left}
 .cqc-compare td.cqc-phone-theme{display:block;border:none;background:#f7f7f7;font-weight:600;
  font-size:12px;margin-top:6px}
 .cqc-compare td.cqc-phone-theme::before{content:none}
}
"""


def write_csv(rows: Sequence[CouncilScores], path: Path) -> Path:
    """One row per council, the full statement names as headers; not given: empty."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["", "", "", *(theme for theme, group in THEMES.items() for _ in group)])
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow(["" if v is None else v for v in _cells(row)])
    return path


def write_xlsx(rows: Sequence[CouncilScores], path: Path) -> Path:
    """The same table as a workbook: themes as merged headers over the statements, scores
    filled with the one colour scale, panes frozen at the council column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Scores"
    column = 4
    for theme, group in THEMES.items():
        sheet.cell(1, column, theme).font = Font(bold=True)
        sheet.merge_cells(
            start_row=1, start_column=column, end_row=1, end_column=column + len(group) - 1
        )
        column += len(group)
    for j, header in enumerate(HEADERS, 1):
        cell = sheet.cell(2, j, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    for i, row in enumerate(rows, 3):
        for j, value in enumerate(_cells(row), 1):
            cell = sheet.cell(i, j, value)
            if j > 3:
                color = SCALE[int(value)] if isinstance(value, int) else NOT_GIVEN_FILL
                cell.fill = PatternFill("solid", fgColor=color.lstrip("#"))
                cell.alignment = Alignment(horizontal="center")
                if isinstance(value, int):
                    cell.font = Font(bold=True, color=INK[value].lstrip("#"))
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 20
    for j in range(3, len(HEADERS) + 1):
        sheet.column_dimensions[sheet.cell(2, j).column_letter].width = 16
    sheet.freeze_panes = "B3"
    sheet.cell(len(rows) + 4, 1, "Empty score: not given in the indexed report.")
    book.save(path)
    return path


def answer_tables_html(body: str) -> str:
    """A scores answer's Markdown tables as HTML tables (the chat shows the table the
    answer computed). `body` is already escaped, its [n] markers already links; other lines
    keep their line breaks."""
    out: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            head, *rest = rows
            cells = lambda r, tag: "".join(f"<{tag}>{c.strip()}</{tag}>" for c in r)  # noqa: E731
            out.append(
                '<table class="cqc-answer-table"><thead><tr>'
                + cells(head, "th")
                + "</tr></thead><tbody>"
                + "".join(f"<tr>{cells(r, 'td')}</tr>" for r in rest)
                + "</tbody></table>"
            )
            rows.clear()

    for line in body.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = stripped[1:-1].split("|")
            if not all(set(c.strip()) <= {"-"} for c in cells):  # the |---| rule
                rows.append(cells)
            continue
        flush()
        if stripped:
            out.append(f"<div>{line}</div>")
    flush()
    return f"<style>{_ANSWER_CSS}</style>" + "".join(out)


_ANSWER_CSS = (
    ".cqc-answer-table{border-collapse:collapse;margin:6px 0;font-size:0.92em}"
    ".cqc-answer-table th,.cqc-answer-table td{border:1px solid #c8c8c8;padding:2px 6px}"
)
