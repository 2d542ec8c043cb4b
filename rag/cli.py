"""The `cqc-rag` command line: a thin adapter over `Assistant`.

Commands from other packages (serve from ui/, eval and bench from eval/) plug in through
the `cqc_rag.commands` entry point group, so `rag` never imports its front ends and
`cqc-rag --help` imports nothing heavy.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import click

from rag import building  # light: what it builds is imported when a command runs
from rag.cli_common import fail_cleanly, json_option, k_option, llm_options
from rag.env import configure_offline

configure_offline()

# Everything else is imported inside the commands: `cqc-rag --help` must stay under 0.5 s.


class _Commands(click.Group):
    """Core commands plus the ones other packages register as entry points."""

    def _plugins(self) -> dict[str, Any]:
        return {ep.name: ep for ep in entry_points(group="cqc_rag.commands")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._plugins()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        found = super().get_command(ctx, name)
        if found is None and name in self._plugins():
            found = self._plugins()[name].load()
        return found


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cqc-rag")
def cli() -> None:
    """Cited answers from CQC local authority assessment reports, offline.

    Settings come from CQC_RAG_* environment variables (see README); the index lives in
    CQC_RAG_DATA_DIR (default ./.cqc-rag).
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--authority",
    help="Authority name for files whose text does not state it (default: the name the report "
    "already has, else the folder's authorities.csv, else the file name).",
)
@json_option("Print one JSON object per file.")
@fail_cleanly
def ingest(paths: tuple[Path, ...], authority: str | None, as_json: bool) -> None:
    """Index report files or folders (PDF, HTML, text/Markdown). Unchanged files are skipped."""
    from rag import render

    assistant = building.build_assistant()
    with render.IngestProgress(enabled=not as_json) as progress:
        outcomes = assistant.ingest(list(paths), authority=authority, progress=progress.update)
    for outcome in outcomes:
        click.echo(
            json.dumps(render.outcome_json(outcome))
            if as_json
            else render.for_terminal(render.outcome_line(outcome))
        )
    failed = sum(not o.ok for o in outcomes)
    if not as_json:
        click.echo(render.ingest_summary(outcomes))
        others = assistant.other_indexes()
        if others:
            click.echo(
                f"Note: {', '.join(others)} also hold data but are not used by these settings (built with "
                "other embedding or chunk settings, or by an older cqc-rag). `cqc-rag prune --yes` deletes them."
            )
    if failed:
        sys.exit(1)


def _filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = k_option("Passages to retrieve (default 5).")(fn)
    fn = click.option(
        "--quality-statement", "quality_statement", help="Only this quality statement."
    )(fn)
    fn = click.option("--authority", help="Only this authority.")(fn)
    return json_option("Print JSON (schema in README).")(fn)


@cli.command()
@click.argument("question")
@_filter_options
@llm_options(
    "OpenAI-compatible base URL for generative answers, e.g. http://localhost:11434/v1 "
    "(default: CQC_RAG_LLM__URL; unset: extractive). The API key is read only from CQC_RAG_LLM__API_KEY.",
    "Model the endpoint serves, e.g. llama3.1:8b (default: CQC_RAG_LLM__MODEL).",
)
@fail_cleanly
def ask(
    question: str,
    authority: str | None,
    quality_statement: str | None,
    k: int | None,
    as_json: bool,
    llm_url: str | None,
    llm_model: str | None,
) -> None:
    """Answer a question with numbered citations, or say the reports do not answer it."""
    from rag import render
    from rag.types import Answer, Filters

    assistant = building.build_assistant(llm__url=llm_url, llm__model=llm_model)
    filters = Filters(authority=authority, quality_statement=quality_statement)
    if as_json or not assistant.settings.llm.url or not sys.stderr.isatty():
        answer = assistant.ask(question, filters=filters, k=k)
    else:
        # A model takes seconds: its words go to stderr as they arrive (dim: not yet
        # verified), then the verified answer with its citations to stdout.
        for item in assistant.ask_stream(question, filters=filters, k=k):
            if isinstance(item, Answer):
                answer = item
            else:
                click.echo(click.style(render.for_terminal(item), dim=True), nl=False, err=True)
        click.echo("\n", err=True)
    click.echo(
        render.json_for_terminal(json.dumps(answer.to_json(), indent=2, ensure_ascii=False))
        if as_json
        else render.for_terminal(render.answer_text(answer))
    )


@cli.command()
@click.argument("text")
@_filter_options
@fail_cleanly
def search(
    text: str, authority: str | None, quality_statement: str | None, k: int | None, as_json: bool
) -> None:
    """Find the passages that match TEXT (paste a quote to see where it comes from)."""
    from rag import render
    from rag.types import Filters

    check, passages = building.build_assistant().find_quote(
        text, filters=Filters(authority=authority, quality_statement=quality_statement), k=k
    )
    if as_json:
        dumped = json.dumps([p.to_json() for p in passages], indent=2, ensure_ascii=False)
        click.echo(render.json_for_terminal(dumped))
    else:
        click.echo(render.for_terminal(check.message) + "\n")  # the verdict first
        click.echo(render.for_terminal(render.passages_text(passages, text)))


@cli.command(name="list")
@json_option("Print JSON.")
@fail_cleanly
def list_reports(as_json: bool) -> None:
    """List indexed reports with their scores and chunk counts."""
    from rag import render

    assistant = building.build_assistant()
    reports = assistant.reports()
    if assistant.index.damaged:
        click.secho(
            f"Warning: {', '.join(assistant.index.damaged)} has chunks missing from the store "
            "(answers cannot quote them). Run `cqc-rag check --repair`.",
            fg="yellow",
            err=True,
        )
    if as_json:
        dumped = json.dumps([r.to_json() for r in reports], indent=2, ensure_ascii=False)
        click.echo(render.json_for_terminal(dumped))
    else:
        click.echo(render.for_terminal(render.reports_table(reports)))


@cli.command()
@click.argument("report")
@fail_cleanly
def remove(report: str) -> None:
    """Delete a report (by the name `cqc-rag list` shows) from the index."""
    removed = building.build_assistant().remove(report)
    click.echo(f"Removed {removed.report} ({removed.authority}, {removed.chunks} chunks).")


@cli.command()
@click.argument("report")
@click.argument("authority")
@fail_cleanly
def rename(report: str, authority: str) -> None:
    """Give a report (by the name `cqc-rag list` shows) another council name."""
    renamed = building.build_assistant().rename_authority(report, authority)
    click.echo(f"{renamed.report} is now {renamed.authority}.")


@cli.command()
@click.option(
    "--repair",
    is_flag=True,
    help="Fix what is found: delete orphan chunks, re-ingest damaged reports from their files.",
)
@fail_cleanly
def check(repair: bool) -> None:
    """Verify that every listed report has all its chunks in the store (and repair)."""
    from rag.consistency import describe

    assistant = building.build_assistant()
    where = assistant.settings.chroma_url or str(assistant.settings.data_dir)
    if not repair:
        health = assistant.check()
        click.echo("\n".join(describe(health, where)))
        sys.exit(0 if health.ok else 1)
    health, done = assistant.repair()
    click.echo("\n".join(describe(health, where)[:-1]))
    for line in done:
        click.echo(f"Repaired: {line}.")
    after = assistant.check()
    click.echo(
        "\n".join(describe(after, where)[1:])
        if not after.ok
        else "OK: every listed report has all its chunks."
    )
    sys.exit(0 if after.ok else 1)


@cli.command()
@click.option("--yes", is_flag=True, help="Delete them; without it they are only listed.")
@fail_cleanly
def prune(yes: bool) -> None:
    """List (or with --yes delete) indexes the current settings do not use."""
    assistant = building.build_assistant()
    current, url = assistant.settings.collection_name, assistant.settings.chroma_url
    others = assistant.other_indexes()
    if not others:
        click.echo(
            f"Nothing to prune: {current} is the only index in {url or assistant.settings.data_dir}."
        )
        return
    if not yes:
        shared = (
            " On a shared Chroma server, first check that no app instance is configured to use them."
            if url
            else ""
        )
        click.echo(
            f"In use: {current}. Not used by these settings: {', '.join(others)}.{shared}\n"
            "Run `cqc-rag prune --yes` to delete them."
        )
        return
    assistant.drop_indexes(others)
    click.echo(f"Deleted {', '.join(others)}; kept {current}.")


def _register() -> None:
    from rag.cli_scores import scores  # light: click only, like this module

    cli.add_command(scores)


_register()


def main() -> None:
    cli(prog_name="cqc-rag")


if __name__ == "__main__":
    main()
