"""Scoring questions over the scores table (kind "aggregate"), exactly.

An answer passes when it names every council it must (any '|' spelling), names none it
must not, states every expected value, abstains exactly when the question is
unanswerable, and (when citations are expected) cites only score lines, at least one
for each council it must name. Pure: texts in, problems out; eval.metrics aggregates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.scorelines import is_score_line


def _norm(text: str) -> str:
    from eval.metrics import normalise

    return normalise(text)


def _named(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(_norm(name))}(?!\w)", text) is not None


def value_problems(
    *,
    answerable: bool,
    abstained: bool,
    answer_text: str,
    include: Sequence[str],
    exclude: Sequence[str],
    numbers: Sequence[str],
) -> list[str]:
    from eval.metrics import fact_found

    if not answerable:
        return [] if abstained else ["answered unanswerable"]
    if abstained:
        return ["abstained on answerable"]
    text = _norm(answer_text)
    out = []
    for council in include:
        if not any(_named(alt, text) for alt in council.split("|") if alt.strip()):
            out.append(f"council {council!r} missing")
    masked = text
    for council in sorted((a for c in include for a in c.split("|")), key=len, reverse=True):
        masked = masked.replace(_norm(council), " ")  # "North Vale" must not count as "Vale"
    out += [
        f"council {c!r} named but must not be"
        for c in exclude
        if any(_named(alt, masked) for alt in c.split("|") if alt.strip())
    ]
    out += [f"value {n!r} missing" for n in numbers if not fact_found(n, answer_text)]
    return out


def citation_problems(
    *,
    answerable: bool,
    abstained: bool,
    cited: bool,
    include: Sequence[str],
    quotes: Sequence[str],
    authorities: Sequence[str],
) -> list[str]:
    if not answerable or abstained:
        return []
    out = [
        f"citation [{n}] is not a score line"
        for n, q in enumerate(quotes, 1)
        if not is_score_line(q)
    ]
    if cited and not quotes:
        out.append("no citations")
    if cited:
        cited_councils = {_norm(a) for a in authorities}
        for council in include:
            if not any(_norm(alt) in cited_councils for alt in council.split("|")):
                out.append(f"no score line cited for {council!r}")
    return out
