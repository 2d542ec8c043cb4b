"""The bench's plot: query latency and ingest time against corpus size, as a PNG.

matplotlib (Agg, no display) is imported inside `plot`, so importing this costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.bench.measure import SizeRow


def plot(rows: Sequence[SizeRow], path: Path) -> None:
    """Latency and ingest time against corpus size (log-log: sizes span 1 to 153)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r.authorities for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    base = [r.baseline_retrieve.p95_ms if r.baseline_retrieve else None for r in rows]
    _series(
        left,
        xs,
        [
            ("retrieve p95", [r.retrieve.p95_ms for r in rows], "o-"),
            ("retrieve p50", [r.retrieve.p50_ms for r in rows], "o--"),
            ("ask p95", [r.ask.p95_ms for r in rows], "s-"),
            ("ask p50", [r.ask.p50_ms for r in rows], "s--"),
            ("baseline retrieve p95", base, "^:"),
        ],
    )
    for limit in (50, 250):  # the retrieve and ask p95 targets
        left.axhline(limit, color="grey", lw=0.8, ls=":")
    left.set(xlabel="authorities", ylabel="ms (warm)", title="Query latency", xscale="log")
    _series(
        right,
        xs,
        [
            ("ingest", [None if r.reused else r.ingest_s for r in rows], "o-"),
            ("raw embedding", [None if r.reused else r.raw_embed_s for r in rows], "o--"),
            ("baseline ingest", [r.baseline_ingest_s for r in rows], "^:"),
        ],
    )
    right.set(
        xlabel="authorities", ylabel="seconds", title="Ingest time", xscale="log", yscale="log"
    )
    for ax in (left, right):
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:  # a reused index has no ingest lines to name
            ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _series(
    ax: Any, xs: Sequence[int], lines: Sequence[tuple[str, Sequence[float | None], str]]
) -> None:
    for label, values, style in lines:
        pts = [
            (x, y) for x, y in zip(xs, values, strict=True) if y
        ]  # unmeasured (None) or 0 is not drawn
        if pts:
            ax.plot(*zip(*pts, strict=True), style, label=label)
