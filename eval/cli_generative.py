"""`cqc-rag eval --llm-url`: the same questions answered by an LLM (every citation
verified), compared with the extractive run just made. Split from eval/cli.py, which calls it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from eval.progress import progress_bar
from rag import building


def run_generative(
    ours: Any,
    questions: list[Any],
    out: Path,
    overrides: dict[str, Any],
    url: str,
    model: str | None,
    k: int | None,
    resume: bool,
    dataset: Path,
    digest: str,
) -> None:
    """The same questions with an LLM writing the answers (every citation verified), in
    OUT/generative, compared with the extractive run just made."""
    import json

    from eval.report import comparison_table, text_table
    from eval.runner import run_eval

    generative = building.build_assistant(**overrides, llm__url=url, llm__model=model)
    run = run_eval(
        generative,
        questions,
        out / "generative",
        k=k,
        resume=resume,
        progress=progress_bar("generative"),
        system="cqc-rag generative",
        dataset=dataset,
        dataset_hash=digest,
        baseline=ours,
        settings=generative.settings.model_dump(mode="json", exclude={"llm": {"api_key"}}),
    )
    click.echo("\nGenerative (LLM, verified) beside extractive:")
    header, rows = comparison_table(run, ours)
    click.echo(
        text_table([h.replace("ours - baseline", "generative - extractive") for h in header], rows)
    )
    lines = [
        json.loads(line)
        for line in (out / "generative" / "results.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    checks = [r["verification"] for r in lines if r.get("verification")]
    click.echo(
        f"Verification: {len(checks)} generated answers checked; {sum(bool(c.get('fallback')) for c in checks)} fell back "
        f"to extractive; {sum(len(c.get('dropped', [])) for c in checks)} sentences dropped; "
        f"{sum(len(c.get('corrected', [])) for c in checks)} citations corrected. Report: {out}/generative/report.md"
    )
