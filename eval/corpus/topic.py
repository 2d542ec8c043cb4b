"""`Topic`: the sentence templates for one subject of a report, grouped by tone.

Templates use two kinds of placeholder, resolved by `compose`: `{slot}` (a name from the
report's cast, or a fresh number, date or percentage) and `[a|b|c]` (one wording picked
at random), so a few dozen lines of templates yield thousands of distinct sentences.
Data only: this module neither fills nor checks templates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Topic:
    """`good` sentences report strengths, `poor` ones shortfalls, `facts` neutral figures;
    a statement's score decides the mix (see `compose.tone_weights`)."""

    name: str
    good: tuple[str, ...]
    poor: tuple[str, ...]
    facts: tuple[str, ...]
