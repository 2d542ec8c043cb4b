"""The Evaluation tab: run the evaluation set (default or uploaded) with progress, show a
run's metrics, plots and failures, and pick among previous runs.

Wiring only; `ui.evaluation` imports the runner lazily and renders its results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from ui import eval_summary, evaluation, render
from ui.widgets import HIDDEN, guard


def build_eval_tab(assistant: Any) -> tuple[Any, Any]:
    """Returns (list-runs function, runs dropdown) for the page-load event."""
    root = evaluation.runs_root(assistant.settings.data_dir)
    with gr.Tab("Evaluation", id="evaluation"):
        # Explained before the first run: the tab is never blank.
        gr.Markdown(eval_summary.INTRO, elem_id="cqc-eval-intro")
        with gr.Row():
            dataset_box = gr.File(
                label="Your own test questions (.jsonl), optional",
                file_types=[".jsonl"],
                elem_id="cqc-eval-file",
            )
            with gr.Column():
                k = gr.Slider(1, 20, value=5, step=1, label="Passages searched per question")
                run_btn = gr.Button("Run evaluation", variant="primary", elem_id="cqc-eval-run")
                pick = gr.Dropdown([], label="Earlier runs", elem_id="cqc-eval-runs")
        status = gr.HTML(label="Run", elem_id="cqc-eval-status")
        summary = gr.HTML(label="Summary", elem_id="cqc-eval-summary")
        with gr.Accordion("Questions that went wrong, and why", open=True):
            questions = gr.HTML(
                '<div class="cqc-empty">Run an evaluation, or pick an earlier run, to see them here.</div>',
                label="Questions that went wrong",
                elem_id="cqc-eval-failures",
            )
        with gr.Accordion("For engineers: all metrics, plots and the full report", open=False):
            metrics = gr.HTML(label="Metrics", elem_id="cqc-eval-metrics")
            plots = gr.Gallery(
                label="Plots",
                columns=2,
                height="auto",
                object_fit="contain",
                elem_id="cqc-eval-plots",
            )
            report = gr.Markdown(label="report.md")

    def show(name: str | None) -> tuple[Any, ...]:
        known = {p.name: p for p in evaluation.list_runs(root)}
        if not name or name not in known:  # only names we listed: no path from the caller
            return "", "", "", "", [], ""
        view = evaluation.read_run(known[name])
        when = f"{name[:4]}-{name[4:6]}-{name[6:8]} {name[9:11]}:{name[11:13]} UTC"
        return (
            render.message_html(
                f"Run of {when}, {view.metrics.get('k', '?')} passages per question."
            ),
            eval_summary.summary_html(view.rows),
            eval_summary.questions_html(view.rows),
            eval_summary.metrics_html(view.metrics),
            [str(p) for p in view.plots],
            evaluation.safe_markdown(view.report_md),
        )

    shown = [status, summary, questions, metrics, plots, report]

    # Gradio finds its progress tracker by this default value (hence noqa B008).
    def run(
        dataset: str | None,
        k_value: float,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> tuple[Any, ...]:
        def report_progress(*args: Any) -> None:
            # The runner may call (done, total) or (stage, done, total): take what is there.
            nums = [int(a) for a in args if isinstance(a, int | float) and not isinstance(a, bool)]
            if len(nums) >= 2:
                progress((nums[-2], nums[-1]), desc="Asking the test questions")

        path = Path(dataset) if dataset else evaluation.DEFAULT_DATASET
        folder = evaluation.run(assistant, path, root, k=int(k_value), progress=report_progress)
        return runs_dropdown(folder.name), *show(folder.name)

    def runs_dropdown(value: str | None = None) -> Any:
        return gr.Dropdown(choices=[p.name for p in evaluation.list_runs(root)], value=value)

    # One progress display, on the status line, not one over every output.
    run_btn.click(
        guard(run),
        [dataset_box, k],
        [pick, *shown],
        api_name="run_eval",
        show_progress_on=[status],
    )
    pick.change(show, [pick], shown, api_name="show_eval_run", **HIDDEN)
    return runs_dropdown, pick
