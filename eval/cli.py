"""`cqc-rag eval`: run the evaluation set through `ask`, beside a baseline, and report.

Registered through the `cqc_rag.commands` entry point, so `rag` never imports eval/.
A thin adapter: builds the assistant with `rag.building.build_assistant` (env + options),
optionally indexes `--ingest` paths first, then hands over to `eval.runner` (one run),
`eval.baseline` (the llama-index quickstart) or `eval.sweep` (a grid of settings), and
prints one table. Heavy imports stay inside the command: `cqc-rag --help` stays fast.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eval.baseline import NAME as BASELINE  # light: llama-index loads only when it runs
from eval.progress import progress_bar
from rag import building

if TYPE_CHECKING:
    from eval.records import AnswerRecord
from rag.cli_common import dataset_option, fail_cleanly, k_option, llm_options, out_option

BASELINES = (BASELINE,)


def _ingest(assistant: Any, paths: tuple[Path, ...], label: str) -> None:
    from rag import render

    with render.IngestProgress() as progress:
        outcomes = assistant.ingest(list(paths), progress=progress.update)
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise click.ClickException(
            f"{label}: could not index {failed[0].path}: {failed[0].message}"
        )


def _baseline_files(assistant: Any, ingest_paths: tuple[Path, ...]) -> list[Path]:
    """The files our index was built from: --ingest paths, else the indexed reports' sources."""
    from rag.paths import expand_paths

    if ingest_paths:
        return expand_paths(ingest_paths)[0]
    files = []
    for report in assistant.reports():
        source = Path(report.source)
        if not source.is_file():
            raise click.ClickException(
                f"The baseline needs the indexed files, but {report.report} was indexed from {source}, which is not "
                "there from this folder. Pass the files with --ingest PATH (repeat for each)."
            )
        files.append(source)
    if not files:
        raise click.ClickException(
            "Nothing is indexed, so the baseline has no files. Pass --ingest PATH (repeat for each)."
        )
    return files


def _run_baseline(
    assistant: Any,
    ingest_paths: tuple[Path, ...],
    questions: list[Any],
    out: Path,
    resume: bool,
    dataset: Path,
    digest: str,
    k: int | None = None,
) -> Any:
    """The llama-index quickstart on the same files, at the k ours runs at (default: the
    retrieval setting), so the two rows of the table count the same number of passages."""
    from eval.baseline import LlamaIndexBaseline
    from eval.runner import run_eval
    from rag.embedder import resolve_model_path

    model = resolve_model_path(assistant.settings.embedding.model)  # the same model as ours
    files = _baseline_files(assistant, ingest_paths)
    baseline = LlamaIndexBaseline(
        files,
        model_path=model,
        top_k=k or assistant.settings.retrieval.k,
        progress=lambda m: click.echo(m, err=True),
    )
    try:
        return run_eval(
            baseline,
            questions,
            out / "baseline",
            k=baseline.top_k,
            resume=resume,
            progress=progress_bar(BASELINES[0]),
            system=BASELINES[0],
            dataset=dataset,
            dataset_hash=digest,
        )
    finally:
        baseline.close()


def _first_k(configs: list[Any]) -> int | None:
    return next((c.k for c in configs if c.k), None)


@click.command(name="eval")
@dataset_option(
    "JSONL evaluation set (e.g. eval/questions.jsonl); repeat with --ablate for several.",
    multiple=True,
    required=True,
)
@out_option(
    Path("eval-results"), "Folder for results.jsonl, metrics.json, report.md/.html and plots."
)
@k_option("Passages per question (default: the retrieval setting, 5). Use 10 to measure hit@10.")
@click.option(
    "--baseline",
    type=click.Choice(BASELINES),
    help="Also run this baseline on the same files and show it beside ours.",
)
@click.option(
    "--compare",
    type=click.Path(path_type=Path),
    help="Folder of an earlier run: show the changes since.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run in --out without asking the written questions again.",
)
@click.option(
    "--sweep", help='Grid of settings, e.g. "k=3,5,10 chunk_tokens=128,192" (or a file holding it).'
)
@click.option(
    "--ingest",
    "ingest_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Index this file or folder first (repeat for several).",
)
@click.option(
    "--chunk-tokens",
    type=click.IntRange(32, 1024),
    help="Override chunking.max_tokens (a new index: pair with --ingest).",
)
@click.option("--candidates", type=click.IntRange(1, 200), help="Override retrieval.candidates.")
@click.option("--abstain-below", type=float, help="Override answer.abstain_below.")
@llm_options(
    "Also run generative answers through this OpenAI-compatible endpoint (e.g. http://localhost:11434/v1) "
    "and compare them with the extractive run (key: CQC_RAG_LLM__API_KEY).",
    "Model the --llm-url endpoint serves.",
)
@click.option(
    "--ablate",
    is_flag=True,
    help="Ask every set once with all answer rules on, then once per rule with it off; print each rule's effect.",
)
@fail_cleanly(
    interrupted="Interrupted. The answers written so far are in {out}/results.jsonl: "
    "run the same command with --resume to finish without asking them again."
)
def evaluate(
    datasets: tuple[Path, ...],
    out: Path,
    k: int | None,
    baseline: str | None,
    compare: Path | None,
    resume: bool,
    sweep: str | None,
    ingest_paths: tuple[Path, ...],
    chunk_tokens: int | None,
    candidates: int | None,
    abstain_below: float | None,
    llm_url: str | None,
    llm_model: str | None,
    ablate: bool,
) -> None:
    """Score retrieval, citations, answers and abstention on an evaluation set."""
    from eval.dataset import dataset_hash, load_dataset
    from eval.records import RunSummary
    from eval.report import comparison_table, text_table
    from eval.runner import run_eval

    if ablate:
        _ablate(datasets, ingest_paths, k, abstain_below)
        return
    if len(datasets) > 1:
        raise click.UsageError("Give one --dataset per run (several only with --ablate).")
    dataset = datasets[0]
    questions = load_dataset(dataset)
    digest = dataset_hash(dataset)
    overrides: dict[str, Any] = {
        "chunking__max_tokens": chunk_tokens,
        "retrieval__candidates": candidates,
        "answer__abstain_below": abstain_below,
    }
    previous = RunSummary.load(compare) if compare else None
    # read before this run writes: --compare may name the --out folder itself
    before = _previous_answers(compare) if compare else None
    if sweep:
        if compare:
            raise click.UsageError(
                "--compare compares one run with another; run it without --sweep."
            )
        _sweep(sweep, questions, out, overrides, ingest_paths, k, resume, baseline, dataset, digest)
        return
    # The extractive run never uses an LLM, even when CQC_RAG_LLM__URL is set: --llm-url
    # adds the generative run beside it.
    from rag.config import LLMSettings

    assistant = building.build_assistant(**overrides, llm=LLMSettings())
    if ingest_paths:
        _ingest(assistant, ingest_paths, "ingest")
    elif not assistant.reports():
        raise click.ClickException(
            f"Nothing is indexed in {assistant.settings.data_dir} for settings {assistant.fingerprint} "
            "(a changed --chunk-tokens needs its own index). Add --ingest PATH (repeat for each file)."
        )
    base = (
        _run_baseline(assistant, ingest_paths, questions, out, resume, dataset, digest, k)
        if baseline
        else None
    )
    ours = run_eval(
        assistant,
        questions,
        out,
        k=k,
        resume=resume,
        progress=progress_bar("cqc-rag"),
        dataset=dataset,
        dataset_hash=digest,
        baseline=base,
        previous=previous,
        settings=assistant.settings.model_dump(mode="json"),
    )
    click.echo(text_table(*comparison_table(ours, base, previous)))
    if before is not None:
        from eval.records import answer_changes

        now = {r.question.id: r.answer for r in ours.results}
        click.echo(answer_changes(now, before).summary())
    failed = [r.question.id for r in ours.results if not r.judged.passed]
    click.echo(
        f"\n{len(questions)} questions, {len(failed)} failed{': ' + ', '.join(failed) if failed else ''}."
    )
    click.echo(
        f"Wrote {out}/results.jsonl, metrics.json, report.md, report.html and plots"
        + (f"; baseline in {out}/baseline/" if base else "")
        + "."
    )
    if llm_url:
        from eval.cli_generative import run_generative

        run_generative(
            ours, questions, out, overrides, llm_url, llm_model, k, resume, dataset, digest
        )


def _previous_answers(compare: Path) -> dict[str, AnswerRecord] | None:
    """The compared run's answers (results.jsonl beside its metrics.json), if it kept them."""
    from eval.records import read_answers

    folder = compare if compare.is_dir() else compare.parent
    results = folder / "results.jsonl"
    return read_answers(results) if results.is_file() else None


def _ablate(
    datasets: tuple[Path, ...],
    ingest_paths: tuple[Path, ...],
    k: int | None,
    abstain_below: float | None,
) -> None:
    """Each answer rule switched off in turn, on every set (eval.ablation)."""
    from eval.ablation import ablate, ablation_table
    from eval.dataset import load_dataset
    from eval.report import text_table

    sets = {path.stem: load_dataset(path) for path in datasets}
    assistant = building.build_assistant(answer__abstain_below=abstain_below)
    if ingest_paths:
        _ingest(assistant, ingest_paths, "ingest")
    baseline, effects = ablate(assistant, sets, k=k, progress=lambda m: click.echo(m, err=True))
    click.echo(text_table(*ablation_table(baseline, effects)))
    click.echo(
        "\nEach row: the change in each metric when that rule is off (negative: the rule helps), "
        "and the questions that fail only with it off (broke) or pass only with it off (fixed)."
    )


def _sweep(
    spec: str,
    questions: list[Any],
    out: Path,
    overrides: dict[str, Any],
    ingest_paths: tuple[Path, ...],
    k: int | None,
    resume: bool,
    baseline: str | None,
    dataset: Path,
    digest: str,
) -> None:
    from eval.report import text_table
    from eval.sweep import LEGEND, parse_sweep, run_sweep, sweep_table
    from rag import render

    configs = parse_sweep(spec)
    first = building.build_assistant(**overrides) if baseline or not ingest_paths else None
    # Without --ingest, every configuration indexes the files the current index was built from.
    paths = ingest_paths or tuple(_baseline_files(first, ()))
    base = (
        # at the sweep's k (a sweep over k: the first); else ours's default
        _run_baseline(first, paths, questions, out, resume, dataset, digest, k or _first_k(configs))
        if baseline
        else None
    )
    click.echo(f"Sweep: {len(configs)} configurations x {len(questions)} questions.", err=True)
    results = run_sweep(
        configs,
        questions,
        out,
        build=building.build_assistant,
        base_overrides=overrides,
        ingest_paths=paths,
        k=k,
        resume=resume,
        progress=progress_bar,
        dataset=dataset,
        dataset_hash=digest,
        ingest_progress=lambda name: render.IngestProgress().update,
        baseline=base,
    )
    click.echo(text_table(*sweep_table(results, base)))
    click.echo(textwrap.fill(LEGEND, 100))
    click.echo(f"\nWrote {out}/sweep.md and one folder per configuration.")
