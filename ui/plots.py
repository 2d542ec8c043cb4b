"""The Reports tab's heatmap: CQC scores across authorities x quality statements.

matplotlib with the Agg backend (no display on a server). Returns a Figure for gr.Plot;
it does not save files. Authority names are drawn as text by matplotlib, never as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ingest.framework import QUALITY_STATEMENTS
from rag.scores import CouncilScores
from rag.types import ReportInfo
from ui.comparison import INK, NOT_GIVEN_FILL, SCALE
from ui.render import short_name


def score_matrix(reports: Sequence[ReportInfo]) -> tuple[list[str], list[list[float | None]]]:
    """Row labels (authority, or report name when one authority has two) and scores."""
    names = [r.authority for r in reports]
    labels = [
        f"{r.authority} ({r.report})" if names.count(r.authority) > 1 else r.authority
        for r in reports
    ]
    rows = [
        [float(r.scores[qs]) if qs in r.scores else None for qs in QUALITY_STATEMENTS]
        for r in reports
    ]
    return labels, rows


def heatmap(reports: Sequence[ReportInfo]) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import ListedColormap

    labels, rows = score_matrix(reports)
    data = np.array(
        [[np.nan if v is None else v for v in row] for row in rows], dtype=float
    ).reshape(len(rows), len(QUALITY_STATEMENTS))
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * max(1, len(labels))), layout="constrained")
    # The one colour scale of the Reports tab (ui.comparison.SCALE): light 1 -> dark 4;
    # grey for a statement the report does not score.
    cmap = ListedColormap([SCALE[v] for v in (1, 2, 3, 4)])
    cmap.set_bad(NOT_GIVEN_FILL)
    ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=0.5, vmax=4.5, aspect="auto")
    ax.set_xticks(range(len(QUALITY_STATEMENTS)), [short_name(qs) for qs in QUALITY_STATEMENTS])
    ax.set_yticks(range(len(labels)), [label[:45] for label in labels])
    for (i, j), value in np.ndenumerate(data):
        ax.text(
            j,
            i,
            "–" if np.isnan(value) else f"{value:.0f}",
            ha="center",
            va="center",
            fontsize=10,
            color="black" if np.isnan(value) else INK[int(value)],
        )
    ax.set_title(
        "CQC score per quality statement (1 significant shortfalls … 4 exceptional)", fontsize=10
    )
    ax.tick_params(length=0)
    plt.close(fig)  # gr.Plot renders the figure itself; keep pyplot's registry empty
    return fig


def comparison_heatmap(rows: Sequence[CouncilScores]) -> Any:
    """The comparison view's rows as a heatmap: full statement names, councils as rows."""
    import textwrap

    reports = [
        ReportInfo(
            report=r.report,
            authority=r.authority,
            content_hash="",
            chunks=0,
            sections=0,
            scores={qs: int(s.value) for qs, s in r.statements.items()},
            overall_rating=None,
            indexed_at="",
            source="",
        )
        for r in rows
    ]
    fig = heatmap(reports)
    # Nine full statement names under nine columns: a wider figure and names wrapped to
    # ~13 characters keep each label inside its column (at 9 inches they ran together).
    fig.set_size_inches(12.5, fig.get_size_inches()[1] + 0.4)
    ax = fig.axes[0]
    ax.set_xticks(
        range(len(QUALITY_STATEMENTS)),
        [textwrap.fill(qs, 14, break_long_words=False) for qs in QUALITY_STATEMENTS],
        fontsize=8,
    )
    ax.set_title(
        "CQC score per quality statement (1 significant shortfalls … 4 exceptional; – not given)",
        fontsize=10,
    )
    return fig
