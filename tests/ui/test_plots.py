"""ui.plots: the score matrix behind the heatmap, and the figure itself."""

from __future__ import annotations

from itertools import pairwise

from ingest.framework import QUALITY_STATEMENTS
from rag.types import ReportInfo
from ui.plots import heatmap, score_matrix


def _info(report: str, authority: str, scores: dict[str, int]) -> ReportInfo:
    return ReportInfo(
        report, authority, "h", 1, 1, scores, None, "2024-01-01T00:00:00+00:00", report
    )


def test_score_matrix_hand_example() -> None:
    reports = [
        _info("a.md", "Vale", {"Safeguarding": 2}),
        _info("b.md", "Vale", {}),
        _info("c.md", "Dale", {}),
    ]
    labels, rows = score_matrix(reports)
    assert labels == ["Vale (a.md)", "Vale (b.md)", "Dale"]
    assert rows[0][QUALITY_STATEMENTS.index("Safeguarding")] == 2.0
    assert rows[0].count(None) == 8 and rows[2] == [None] * 9


def test_heatmap_has_one_row_per_report() -> None:
    fig = heatmap(
        [_info("a.md", "<script>Vale</script>", {"Safeguarding": 2, "Assessing needs": 4})]
    )
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "<script>Vale</script>"
    ]  # drawn as text
    assert len(ax.get_xticklabels()) == 9


def test_comparison_chart_labels_do_not_run_into_each_other() -> None:
    """The chart is for slides: the nine full statement names stay inside their columns."""
    from rag.scores import CouncilScores
    from ui.plots import comparison_heatmap

    rows = [CouncilScores("a.md", "Vale Borough Council", None, None, {})]  # fictional
    fig = comparison_heatmap(rows)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].get_xticklabels()]
    assert len(boxes) == 9
    overlaps = [i for i, (a, b) in enumerate(pairwise(boxes)) if a.x1 > b.x0]
    assert overlaps == []
