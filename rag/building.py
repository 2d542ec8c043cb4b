"""The one way to build settings and the assistant from the environment.

Every entry point (the CLI's commands, `serve`, `eval`, `bench`) calls `load_settings`
or `build_assistant` here, so they read the same CQC_RAG_* variables the same way, warn
about the same mistyped ones, and apply their options the same way: an option left out
(None) keeps the setting. Tests replace `build_assistant` on this module to hand the
commands an assistant over fakes. Light on import: `cqc-rag --help` must stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.assistant import Assistant
    from rag.config import Settings
    from rag.embedder import Embedder
    from rag.store import VectorStore


def _warn(line: str) -> None:
    print(f"Warning: {line}", file=sys.stderr)


def given(overrides: dict[str, Any]) -> dict[str, Any]:
    """The overrides an entry point was given: an option left out is None and keeps the setting."""
    return {key: value for key, value in overrides.items() if value is not None}


def load_settings(warn: Callable[[str], None] = _warn, **overrides: Any) -> Settings:
    """Settings from the CQC_RAG_* variables with `overrides` applied (`retrieval__k=8`).

    Each variable the settings do not read is reported through `warn`, with the closest
    known name (a mistyped `CQC_RAG_LLM_URL` would otherwise be silently ignored). A wrong
    value raises ConfigError naming the variable and the fix.
    """
    from pydantic import ValidationError

    from rag.config import Settings, describe_invalid, unknown_variables
    from rag.errors import ConfigError

    for line in unknown_variables(os.environ):
        warn(line)
    try:
        settings = Settings()
    except ValidationError as exc:
        raise ConfigError(describe_invalid(exc)) from None
    return settings.with_overrides(**given(overrides))


def build_assistant(
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    store: VectorStore | None = None,
    **overrides: Any,
) -> Assistant:
    """The facade over `settings` (default: `load_settings()`) with `overrides` applied;
    `embedder`/`store` replace the seams it would build (the bench's stopwatch wrappers)."""
    from rag.assistant import Assistant

    base = settings if settings is not None else load_settings()
    return Assistant(base.with_overrides(**given(overrides)), embedder=embedder, store=store)
