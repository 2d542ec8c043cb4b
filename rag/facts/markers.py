"""Citation markers: "[2]" names passage 2 of an answer's passages.

The extractive answer and verification write only "[n]"; a model also writes "[1, 3]",
"[1; 3]", "[1 and 3]" or "[passage 2]", so this one grammar reads all of them, for
verification (which passages a claim cites), the prompt (earlier answers lose their
markers), the UI (markers become links) and the CLI. The judge (`eval.metrics`) keeps
its own copy on purpose; a test checks the two read the same markers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_GRAMMAR = r"\[(?:passages?\s*)?\d+(?:\s*(?:,|;|and)\s*\d+)*\]"
MARKER = re.compile(_GRAMMAR, re.I)
_SPACED = re.compile(rf"\s*{_GRAMMAR}", re.I)
_AFTER_STOP = re.compile(rf"([.!?])((?:\s*{_GRAMMAR})+)", re.I)


def marker(n: int) -> str:
    """How every answer writes a citation of passage n: "[2]"."""
    return f"[{n}]"


def markers(text: str) -> list[int]:
    """The passage numbers the text's markers name, first mention first, each once:
    "Seen [2]. Also [1, 2]." -> [2, 1]."""
    out: list[int] = []
    for m in MARKER.finditer(text):
        for n in map(int, re.findall(r"\d+", m.group())):
            if n not in out:
                out.append(n)
    return out


def strip_markers(text: str, replacement: str = "") -> str:
    """Each marker replaced by `replacement`, spacing left as it was: "Seen [1]." -> "Seen .".
    A blank (" ") keeps "5[1]6" from reading as the figure 56."""
    return MARKER.sub(replacement, text)


def drop_markers(text: str) -> str:
    """The text without its markers or the spaces before them: "Seen [1, 2]." -> "Seen."
    (an earlier answer sent back to a model, whose [n] named passages it no longer has)."""
    return _SPACED.sub("", text)


def markers_before_stop(text: str) -> str:
    """Markers written after a full stop moved before it: "Seen. [1]" -> "Seen [1]."."""
    return _AFTER_STOP.sub(r"\2\1", text)


def link_markers(text: str, link: Callable[[int], str | None]) -> str:
    """Each marker naming one passage replaced by `link(n)`; a marker naming several, or
    one `link` returns None for (a passage not cited), stays as written."""

    def replace(m: re.Match[str]) -> str:
        named = markers(m.group())
        linked = link(named[0]) if len(named) == 1 else None
        return m.group() if linked is None else linked

    return MARKER.sub(replace, text)
