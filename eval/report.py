"""The readable side of a run: report.md, report.html and PNG plots beside them.

Renders a `RunSummary` (with the baseline and a previous run when given): the aggregates
table with both systems and the deltas, the failures (question, what was expected, what
came back, why), a latency histogram and metric bars. `comparison_table` is also what
the CLI prints. Nothing here scores or asks: it only formats what the runner measured.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eval.metrics import METRICS, Metric

if TYPE_CHECKING:
    from eval.records import QuestionResult, RunSummary

RATES = [m for m in METRICS if not m.unit]


def fmt(metric: Metric, value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f} ms" if metric.unit == "ms" else f"{value:.3f}"


def fmt_delta(metric: Metric, new: float | None, old: float | None) -> str:
    if new is None or old is None:
        return "-"
    diff = new - old
    text = f"{diff:+.1f} ms" if metric.unit == "ms" else f"{diff:+.3f}"
    if abs(diff) < 1e-9:
        return text
    better = (diff > 0) == metric.higher_is_better
    return f"{text} {'better' if better else 'worse'}"


def comparison_table(
    run: RunSummary, baseline: RunSummary | None = None, previous: RunSummary | None = None
) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per metric, a column per system, then the deltas."""
    header = ["metric", _name(run)]
    if baseline:
        header += [_name(baseline), "ours - baseline"]
    if previous:
        header += [f"previous ({previous.created[:10]})", "ours - previous"]
    rows = []
    for m in METRICS:
        value = run.metrics.get(m.key)
        row = [m.label, fmt(m, value)]
        if baseline:
            row += [
                fmt(m, baseline.metrics.get(m.key)),
                fmt_delta(m, value, baseline.metrics.get(m.key)),
            ]
        if previous:
            row += [
                fmt(m, previous.metrics.get(m.key)),
                fmt_delta(m, value, previous.metrics.get(m.key)),
            ]
        rows.append(row)
    return header, rows


def _name(run: RunSummary) -> str:
    return f"{run.system} (k={run.k})" if run.k else run.system


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(c: str) -> str:
        return str(c).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    return "\n".join(out + ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows])


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def expected_text(r: QuestionResult) -> str:
    q = r.question
    if not q.answerable:
        return "abstain (the reports do not answer it)"
    if q.expected is not None:  # an aggregate question (scores table)
        e = q.expected
        return textwrap.shorten(
            f"names: {'; '.join(e.include) or '-'}; not: {'; '.join(e.exclude) or '-'}; "
            f"values: {'; '.join(e.numbers) or '-'}",
            220,
            placeholder=" ...",
        )
    quote = textwrap.shorten(q.gold_quotes[0], 90, placeholder=" ...")
    return f"facts: {'; '.join(q.facts) or '-'}; passage with \u201c{quote}\u201d"


def came_back(r: QuestionResult) -> str:
    a = r.answer
    if a.error:
        return f"error: {a.error}"
    text = "abstained" if a.abstained else textwrap.shorten(a.answer, 220, placeholder=" ...")
    cited = sorted({c.report for c in a.citations})
    where = f" | cites {', '.join(cited)}" if cited else ""
    first = ""
    if a.passages:
        top = a.passages[0]
        first = f" | top passage: {top.report} > {' > '.join(top.section_path[-1:]) or '-'}"
    return text + where + first


def failures(run: RunSummary) -> tuple[list[str], list[list[str]]]:
    rows = [
        [
            r.question.id,
            r.question.question,
            expected_text(r),
            came_back(r),
            "; ".join(r.judged.reasons()),
        ]
        for r in run.results
        if not r.judged.passed
    ]
    return ["id", "question", "expected", "what came back", "why it failed"], rows


def plot(
    out_dir: Path, run: RunSummary, baseline: RunSummary | None, previous: RunSummary | None
) -> list[str]:
    """PNG files written (names relative to out_dir)."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on a server
    import matplotlib.pyplot as plt

    written = []
    fig, ax = plt.subplots(figsize=(7, 3.5))
    total = [r.judged.total_ms for r in run.results if r.judged.error is None]
    retrieve = [r.judged.retrieve_ms for r in run.results if r.judged.retrieve_ms > 0]
    if total:
        ax.hist(
            [total, retrieve] if retrieve else [total],
            bins=20,
            label=["whole ask", "retrieve"][: 2 if retrieve else 1],
        )
        ax.legend()
    ax.set(xlabel="milliseconds per question", ylabel="questions", title=f"Latency, {run.system}")
    fig.tight_layout()
    fig.savefig(out_dir / "latency.png", dpi=110)
    plt.close(fig)
    written.append("latency.png")

    systems = [s for s in (run, baseline, previous) if s is not None]
    labels = (
        [_name(run)]
        + ([_name(baseline)] if baseline else [])
        + ([f"previous {previous.created[:10]}"] if previous else [])
    )
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(RATES) * max(1, len(systems) / 1.5) + 1))
    height = 0.8 / len(systems)
    for i, (s, label) in enumerate(zip(systems, labels, strict=True)):
        values = [s.metrics.get(m.key) or 0.0 for m in RATES]
        ax.barh([y + i * height for y in range(len(RATES))], values, height=height, label=label)
    ax.set_yticks(
        [y + height * (len(systems) - 1) / 2 for y in range(len(RATES))], [m.label for m in RATES]
    )
    ax.invert_yaxis()
    ax.set(xlim=(0, 1.05), xlabel="score (false abstention: lower is better)", title="Metrics")
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    fig.savefig(out_dir / "metrics.png", dpi=110)
    plt.close(fig)
    written.append("metrics.png")

    if previous is not None:
        fig, ax = plt.subplots(figsize=(7, 4))
        deltas = [
            (run.metrics.get(m.key) or 0.0) - (previous.metrics.get(m.key) or 0.0) for m in RATES
        ]
        good = [(d >= 0) == m.higher_is_better for d, m in zip(deltas, RATES, strict=True)]
        ax.barh(
            [m.label for m in RATES], deltas, color=["tab:green" if g else "tab:red" for g in good]
        )
        ax.axvline(0, color="black", linewidth=0.8)
        ax.invert_yaxis()
        ax.set(xlabel="this run minus previous", title=f"Change since {previous.created[:10]}")
        fig.tight_layout()
        fig.savefig(out_dir / "compare.png", dpi=110)
        plt.close(fig)
        written.append("compare.png")
    return written


def _counts(run: RunSummary) -> str:
    judged = [r.judged for r in run.results]
    failed = sum(not j.passed for j in judged)
    return (
        f"{len(judged)} questions ({sum(j.answerable for j in judged)} answerable, "
        f"{sum(not j.answerable for j in judged)} unanswerable); {failed} failed; index {run.fingerprint}; "
        f"k={run.k}; {run.created}"
    )


def write_report(
    out_dir: Path,
    run: RunSummary,
    *,
    baseline: RunSummary | None = None,
    previous: RunSummary | None = None,
) -> dict[str, Any]:
    """Write report.md, report.html and the plots; return the file names written."""
    pngs = plot(out_dir, run, baseline, previous)
    header, rows = comparison_table(run, baseline, previous)
    f_header, f_rows = failures(run)
    intro = _counts(run)
    md = [
        f"# Evaluation: {run.system}",
        "",
        intro,
        "",
        "## Metrics",
        "",
        md_table(header, rows),
        "",
        f"## Failures ({len(f_rows)})",
        "",
        md_table(f_header, f_rows) if f_rows else "None: every question passed.",
        "",
        "## Plots",
        "",
        *(f"![{p}]({p})" for p in pngs),
        "",
    ]
    (out_dir / "report.md").write_text("\n".join(md), encoding="utf-8")
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Evaluation: {html.escape(run.system)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}}
th{{background:#f3f3f3}}img{{max-width:100%;display:block;margin:1em 0}}</style></head><body>
<h1>Evaluation: {html.escape(run.system)}</h1><p>{html.escape(intro)}</p>
<h2>Metrics</h2>{html_table(header, rows)}
<h2>Failures ({len(f_rows)})</h2>{html_table(f_header, f_rows) if f_rows else "<p>None: every question passed.</p>"}
<h2>Plots</h2>{"".join(f'<img src="{p}" alt="{p}">' for p in pngs)}
</body></html>
"""
    (out_dir / "report.html").write_text(page, encoding="utf-8")
    return {"report": ["report.md", "report.html"], "plots": pngs}
