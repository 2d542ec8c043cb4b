"""What every `cqc-rag` command shares: one clean failure and the options they repeat.

Every command (the core ones in rag/cli.py and rag/cli_scores.py, and the plug-ins
`serve`, `eval`, `bench`, `load`) is wrapped in `fail_cleanly`, so an error the product
raises (CqcRagError: a storage fault, nothing indexed, a wrong setting; or a ValueError: a
bad file) reaches the user as one message and exit status 1, never a traceback. The
option factories keep one name, type and range per option; each command words its own
help, because what `--json` prints or `--out` holds differs between commands.
Light: click only (`cqc-rag --help` must stay under 0.5 s).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, overload

import click

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]

# The same bounds as RetrievalSettings.k (rag/config.py; tests/rag/test_cli_common.py
# checks they agree): not read from there, because importing pydantic costs --help 0.2 s.
K_RANGE = (1, 50)


@overload
def fail_cleanly(fn: F) -> F: ...
@overload
def fail_cleanly(*, interrupted: str) -> Callable[[F], F]: ...
def fail_cleanly(fn: Any = None, *, interrupted: str | None = None) -> Any:
    """Translate the product's errors into `click.ClickException` (message, exit 1).

    `@fail_cleanly` on a command; `@fail_cleanly(interrupted="... {out} ...")` also turns
    Ctrl+C into that message, filled in with the command's options (what was saved, how
    to resume). Without it, Ctrl+C is click's own "Aborted!".
    """

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from rag.errors import CqcRagError

            try:
                return command(*args, **kwargs)
            except (CqcRagError, ValueError) as exc:
                from rag.render import for_terminal  # messages quote file and report names

                raise click.ClickException(for_terminal(str(exc))) from exc
            except KeyboardInterrupt:
                if interrupted is None:
                    raise
                raise click.ClickException(interrupted.format(**kwargs)) from None

        wrapper.fails_cleanly = True  # type: ignore[attr-defined]  # tests check every command has it
        return wrapper  # type: ignore[return-value]

    return decorate(fn) if fn is not None else decorate


def json_option(help: str) -> Decorator[Any]:
    """`--json` (the `as_json` flag): machine-readable output instead of the text."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def k_option(help: str) -> Decorator[Any]:
    """`--k`: passages per question; unset (None) keeps the retrieval setting."""
    return click.option("--k", type=click.IntRange(*K_RANGE), help=help)


def out_option(default: Path, help: str) -> Decorator[Any]:
    """`--out`: the folder a run writes its results to."""
    return click.option(
        "--out", type=click.Path(path_type=Path), default=default, show_default=True, help=help
    )


def dataset_option(
    help: str, *, multiple: bool = False, dir_okay: bool = True, **extra: Any
) -> Decorator[Any]:
    """`--dataset`: a JSONL question set (eval/dataset.py); several go to `datasets`.

    `dir_okay=True` leaves a folder to the dataset loader, whose message says what to pass.
    """
    if multiple:
        extra |= {"multiple": True}
    return click.option(
        "--dataset",
        "datasets" if multiple else "dataset",
        type=click.Path(path_type=Path, dir_okay=dir_okay),
        help=help,
        **extra,
    )


def llm_options(url_help: str, model_help: str) -> Decorator[Any]:
    """`--llm-url` and `--llm-model`: the OpenAI-compatible endpoint for generative answers."""

    def decorate(fn: Any) -> Any:
        fn = click.option("--llm-model", help=model_help)(fn)
        return click.option("--llm-url", help=url_help)(fn)

    return decorate
