"""Error and warning pop-ups whose text is text: the one way the UI turns a failure into
a gr.Error.

Gradio renders a gr.Error / gr.Warning message as HTML. Messages quote user and report
strings (an unknown authority lists the indexed ones; a bad file name is repeated), so an
authority name holding `<img src=x onerror=...>` became an image in the pop-up and its
request went out. Every message is escaped here. File-system errors become the storage
messages of rag.faults (what failed, the fix) instead of `[Errno 28] ...`; anything else
unexpected gets a plain message, not Gradio's "has not enabled verbose error reporting".
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

import gradio as gr

from rag.errors import CqcRagError
from rag.faults import storage_error

log = logging.getLogger("cqc_rag.ui")


def safe(message: str) -> str:
    """Text shown inside a Gradio pop-up, with every `<`, `>` and `&` shown as itself."""
    return html.escape(message, quote=False)


def error(exc: BaseException) -> gr.Error:
    """The gr.Error to raise for `exc` (raise it `from exc`)."""
    return gr.Error(safe(message(exc)))


def message(exc: BaseException) -> str:
    """What to tell the user about `exc`, unescaped: the storage fault with its fix, our
    own message, or a plain word that something went wrong (the log has the rest)."""
    if isinstance(exc, CqcRagError | ValueError):
        text = str(exc)
    elif isinstance(exc, OSError):
        where = Path(exc.filename).parent if getattr(exc, "filename", None) else "the data dir"
        text = str(storage_error(exc, str(where)))
    else:
        log.exception("unexpected error in a UI request")
        text = (
            f"Something went wrong on the server ({type(exc).__name__}). The server's log "
            "has the details; try again, and run `cqc-rag check` if it keeps happening."
        )
    return text


def warning(message: str) -> None:
    gr.Warning(safe(message))
