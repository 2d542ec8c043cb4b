"""How score answers are written: cited cells, Markdown tables, lists of councils.

Shared by rag.score_answers and rag.score_stats; CQC's arithmetic constants live here too
(the overall percentage is the nine scores' total over 36, rounded half up: Ealing's
20/36 = 55.6% is printed "56%"; bands 25-38% Inadequate, 39-62% Requires improvement,
63-87% Good, 88%+ Outstanding).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from rag.facts.markers import marker
from rag.scores import CouncilScores, Stated
from rag.types import Citation

NOT_GIVEN = "not given in the indexed report"
MAX_TOTAL = 36  # nine statements, each scored at most 4
BANDS = ((88, "Outstanding"), (63, "Good"), (39, "Requires improvement"), (25, "Inadequate"))


def percent_of_max(total: int, maximum: int = MAX_TOTAL) -> int:
    """Half up, as CQC prints it (Fraction: no float drift at .5)."""
    return int(Fraction(100 * total, maximum) + Fraction(1, 2))


def band(percent: int) -> str:
    return next((label for floor, label in BANDS if percent >= floor), "Inadequate")


def band_range(label: str) -> str:
    return {
        "Outstanding": "88% and above",
        "Good": "63-87%",
        "Requires improvement": "39-62%",
        "Inadequate": "25-38%",
    }[label]


@dataclass
class Cites:
    """Numbers each cited line once, in order of first use."""

    citations: list[Citation] = field(default_factory=list)
    _seen: dict[tuple[str, int], int] = field(default_factory=dict)

    def mark(self, stated: Stated | None) -> str:
        if stated is None or stated.record is None:
            return ""
        key = (stated.record.chunk_id, stated.quote_start)
        if key not in self._seen:
            n = len(self.citations) + 1
            self._seen[key] = n
            self.citations.append(Citation(n, stated.record, stated.quote, stated.quote_start))
        return f" {marker(self._seen[key])}"

    def cell(self, stated: Stated | None, suffix: str = "") -> str:
        if stated is None:
            return NOT_GIVEN
        return f"{stated.value}{suffix}{self.mark(stated)}"


def table(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |"

    return ["", row(header), row(["---"] * len(header)), *(row(b) for b in body), ""]


def names_of(rows: Iterable[CouncilScores]) -> str:
    return join_names([r.authority for r in rows])


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    return (
        names[0]
        if len(names) == 1
        else ", ".join(names[:-1]) + " and " + names[-1]
        if names
        else ""
    )
