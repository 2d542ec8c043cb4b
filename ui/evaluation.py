"""The Evaluation tab's logic: run the eval runner, read back its runs, render the results.

The runner lives in eval/ (`eval.runner.run_eval`, `eval.dataset.load_dataset`) and is
imported only when a run starts, so the UI works, and says why, without it. Runs are
folders under <data_dir>/eval-runs holding metrics.json, report.md and *.png; this module
reads whatever of those exists and does not compute any metric itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rag.errors import CqcRagError
from ui.render import esc

DEFAULT_DATASET = Path(__file__).resolve().parents[1] / "eval" / "questions.jsonl"


class EvalUnavailable(CqcRagError):
    pass


@dataclass(frozen=True, slots=True)
class RunView:
    folder: Path
    metrics: dict[str, Any]
    report_md: str
    plots: tuple[Path, ...]
    failures: tuple[dict[str, Any], ...]
    rows: tuple[dict[str, Any], ...] = ()  # every question's result line (results.jsonl)


def runs_root(data_dir: Path) -> Path:
    return data_dir / "eval-runs"


def _runner() -> tuple[Callable[..., Any], Callable[..., Any]]:
    try:
        from eval.dataset import load_dataset
        from eval.runner import run_eval
    except ImportError as exc:
        raise EvalUnavailable(
            f"The evaluation runner is not available ({exc}). It lives in eval/runner.py and "
            "eval/dataset.py; update this checkout (or run `cqc-rag eval` once it exists), then try again."
        ) from exc
    return run_eval, load_dataset


def run(
    assistant: Any,
    dataset: Path,
    root: Path,
    *,
    k: int,
    progress: Callable[..., None] | None = None,
    now: datetime | None = None,
) -> Path:
    """Run the evaluation set at `dataset`; returns the new run's folder."""
    run_eval, load_dataset = _runner()
    if not dataset.is_file():
        raise EvalUnavailable(f"No evaluation set at {dataset}. Upload a .jsonl file of questions.")
    questions = load_dataset(dataset)
    out_dir = root / (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    out_dir.mkdir(parents=True, exist_ok=True)
    run_eval(assistant, questions, out_dir, k=k, progress=progress)
    return out_dir


def list_runs(root: Path) -> list[Path]:
    """Run folders, newest first (their names are UTC timestamps)."""
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.name, reverse=True)


def read_run(folder: Path) -> RunView:
    metrics: dict[str, Any] = {}
    metrics_file = folder / "metrics.json"
    if metrics_file.is_file():
        try:
            loaded = json.loads(metrics_file.read_text(encoding="utf-8"))
            metrics = loaded if isinstance(loaded, dict) else {"metrics": loaded}
        except json.JSONDecodeError as exc:
            metrics = {"error": f"metrics.json is not valid JSON ({exc})"}
    report = folder / "report.md"
    rows = _results(folder / "results.jsonl")
    failures = metrics.get("failures")
    if not isinstance(failures, list):
        failures = [r for r in rows if r.get("passed") is False]
    return RunView(
        folder=folder,
        metrics=metrics,
        report_md=report.read_text(encoding="utf-8") if report.is_file() else "",
        plots=tuple(sorted(folder.glob("*.png"))),
        failures=tuple(f for f in failures if isinstance(f, dict)),
        rows=tuple(rows),
    )


def _results(path: Path) -> list[dict[str, Any]]:
    """Rows of results.jsonl, one per question."""
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by an interrupted run
        if isinstance(row, dict):
            rows.append(row)
    return rows


def flat_metrics(metrics: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """('retrieval.recall@5', 0.93) pairs of every number or short string, nested keys joined."""
    out: list[tuple[str, Any]] = []
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out += flat_metrics(value, f"{name}.")
        elif isinstance(value, bool | int | float) or (isinstance(value, str) and len(value) <= 80):
            out.append((name, value))
    return out


def metrics_html(metrics: Mapping[str, Any]) -> str:
    """The run's metrics (the "metrics" section when there is one) as a two-column table."""
    if isinstance(metrics.get("metrics"), Mapping):
        questions = (metrics.get("dataset") or {}).get("questions")
        metrics = {
            **metrics["metrics"],
            **({"questions": questions} if questions is not None else {}),
        }
    rows = "".join(
        f"<tr><td>{esc(name)}</td><td>{esc(f'{v:.3f}' if isinstance(v, float) else v)}</td></tr>"
        for name, v in flat_metrics({k: v for k, v in metrics.items() if k != "failures"})
    )
    return (
        f'<table class="cqc-metrics"><tbody>{rows}</tbody></table>'
        if rows
        else '<div class="cqc-empty">No metrics in this run.</div>'
    )


def failures_html(failures: Sequence[Mapping[str, Any]], limit: int = 50) -> str:
    if not failures:
        return '<div class="cqc-empty">No failures recorded.</div>'
    columns = [
        c
        for c in ("id", "question", "reasons", "reason", "answer")
        if any(c in f for f in failures)
    ]
    columns = columns or list(failures[0])[:5]
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(_cell(f.get(c)))}</td>" for c in columns) + "</tr>"
        for f in failures[:limit]
    )
    more = (
        f"<p>… and {len(failures) - limit} more (see report.md).</p>"
        if len(failures) > limit
        else ""
    )
    return f'<table class="cqc-failures"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}'


def _cell(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 300 else text[:300] + " …"


def safe_markdown(text: str) -> str:
    """report.md quotes report text: escape HTML in it so gr.Markdown shows it as text.
    Its image lines are dropped: the plots are in the gallery, and relative paths would
    not load in the page."""
    kept = [line for line in text.splitlines() if not line.lstrip().startswith("![")]
    return "\n".join(kept).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
