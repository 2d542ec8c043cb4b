"""Gradio pieces every tab uses: the error guard and the authority/quality statement filters.

`guard` is where the facade's errors become gr.Error toasts (the UI edge of the error
tree in rag.errors). Nothing here calls the facade except to list authorities.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import gradio as gr

from ingest.framework import QUALITY_STATEMENTS
from rag.errors import CqcRagError
from ui import toasts

ALL_AUTHORITIES = ("All authorities", "")
ALL_STATEMENTS = ("All quality statements", "")
HIDDEN: dict[str, Any] = {"api_visibility": "undocumented"}  # UI plumbing; /ask etc. are the API
ERRORS = (CqcRagError, ValueError, OSError)


def guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Facade errors become a readable gr.Error toast instead of a stack trace."""
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen(*args: Any, **kwargs: Any) -> Any:
            try:
                yield from fn(*args, **kwargs)
            except ERRORS as exc:
                raise toasts.error(exc) from exc

        return gen

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ERRORS as exc:
            raise toasts.error(exc) from exc

    return call


def authority_choices(assistant: Any) -> list[tuple[str, str]]:
    names = sorted({r.authority for r in assistant.reports()})
    return [ALL_AUTHORITIES, *((n, n) for n in names)]


def statement_choices() -> list[tuple[str, str]]:
    return [ALL_STATEMENTS, *((qs, qs) for qs in QUALITY_STATEMENTS)]


def filters_row(assistant: Any, prefix: str = "") -> tuple[gr.Dropdown, gr.Dropdown]:
    """The two filters; `prefix` keeps each tab's pair apart in the API's output names."""
    # min_width: on a phone the two stack, each full width, so no choice is cut off under
    # its arrow ("All quality state▾" at 390 px when side by side).
    with gr.Row():
        authority = gr.Dropdown(
            authority_choices(assistant),
            value="",
            label=f"{prefix}Authority".capitalize(),
            scale=1,
            min_width=240,
        )
        statement = gr.Dropdown(
            statement_choices(),
            value="",
            label=f"{prefix}Quality statement".capitalize(),
            scale=1,
            min_width=240,
        )
    return authority, statement
