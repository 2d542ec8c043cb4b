"""Answer a `ScoreQuestion` from the scores table: computed, never retrieved.

Every value in the answer is cited ([n]) to the line stating it (a `Score: N` line, a
summary-page item, a press-release item, the rating line); a council or statement whose
report states no value is listed as "not given in the indexed report", never guessed or
filled in; a council that is not indexed is said to be so. The answer text carries a small
Markdown table. CQC's arithmetic: the overall percentage is the nine scores' total over
36, rounded half up (Ealing: 20/36 = 55.6% -> "56%"), and the bands are 25-38%
Inadequate, 39-62% Requires improvement, 63-87% Good, 88%+ Outstanding.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from ingest.framework import SCORE_MEANINGS
from rag import score_stats
from rag.score_format import NOT_GIVEN, Cites, join_names, names_of, table
from rag.score_questions import ScoreQuestion
from rag.scores import CouncilScores, ScoreTable
from rag.types import Answer, ChunkRecord, Citation, Filters, Passage


@dataclass(frozen=True, slots=True)
class ScoreAnswer:
    text: str
    citations: tuple[Citation, ...]
    abstained: bool

    def records(self) -> list[ChunkRecord]:
        seen: dict[str, ChunkRecord] = {}
        for c in self.citations:
            seen.setdefault(c.record.chunk_id, c.record)
        return list(seen.values())


def score_answer(
    sq: ScoreQuestion,
    table: ScoreTable,
    question: str,
    applied: Filters,
    started: float,
    fingerprint: str,
) -> Answer:
    """The `Answer` the facade returns (kind "scores"; the cited records as passages). A
    council filter the user chose narrows a question that names no council."""
    if applied.authority and not sq.councils:
        sq = replace(sq, councils=(applied.authority,), unknown=())
    result = answer_scores(sq, table)
    total = (time.perf_counter() - started) * 1000
    return Answer(
        question=question,
        text=result.text,
        abstained=result.abstained,
        citations=result.citations,
        passages=tuple(Passage(i + 1, r, 1.0) for i, r in enumerate(result.records())),
        timings_ms={"retrieve": 0.0, "answer": round(total, 2), "total": round(total, 2)},
        index_fingerprint=fingerprint,
        mode="score",
        filters=applied,
        support=0.0 if result.abstained else 1.0,
        kind="scores",
    )


def answer_scores(sq: ScoreQuestion, table: ScoreTable) -> ScoreAnswer:
    cites = Cites()
    lines: list[str] = []
    indexed = table.authorities()
    if sq.unknown and not sq.councils and sq.op in ("lookup", "compare", "arithmetic"):
        names = ", ".join(sq.unknown)
        return ScoreAnswer(
            f"No indexed report is about {names}, so its scores are not given. "
            f"Indexed councils: {', '.join(indexed)}.",
            (),
            True,
        )
    if sq.unknown:
        lines.append(f"No indexed report is about {', '.join(sq.unknown)}.")
    rows = [c for a in sq.councils if (c := table.council(a))] or table.councils()
    body, answered = _OPS[sq.op](sq, rows, table, cites)
    lines.extend(body)
    return ScoreAnswer("\n".join(lines), tuple(cites.citations), not answered)


# -- the operations: each returns (answer lines, whether anything was answered) -----------


def _lookup(
    sq: ScoreQuestion, rows: list[CouncilScores], _t: ScoreTable, c: Cites
) -> tuple[list[str], bool]:
    out: list[str] = []
    answered = False
    for row in rows:
        if sq.target in ("rating", "percentage"):
            rating, pct = row.rating, row.percentage
            parts = [f"overall rating {c.cell(rating)}", f"overall percentage {c.cell(pct, '%')}"]
            if sq.target == "percentage":
                parts.reverse()
            out.append(f"{row.authority}: {'; '.join(parts)}.")
            answered |= (rating if sq.target == "rating" else pct) is not None
        elif len(sq.statements) == 1:
            qs = sq.statements[0]
            stated = row.statements.get(qs)
            if stated is None:
                out.append(f"{row.authority}: the {qs} score is {NOT_GIVEN}.")
                continue
            meaning = SCORE_MEANINGS[int(stated.value)].lower()
            out.append(
                f"{row.authority} was scored {stated.value} out of 4 for {qs} ({meaning}){c.mark(stated)}."
            )
            answered = True
        else:
            stated_n = sum(qs in row.statements for qs in sq.statements)
            out.append(
                f"{row.authority}: {stated_n} of the {len(sq.statements)} scores asked about are stated ({sq.scope})."
            )
            out += table(
                ["Quality statement", "Score"],
                [[qs, c.cell(row.statements.get(qs))] for qs in sq.statements],
            )
            answered |= stated_n > 0
    return out, answered


def _compare(
    sq: ScoreQuestion, rows: list[CouncilScores], _t: ScoreTable, c: Cites
) -> tuple[list[str], bool]:
    if sq.target in ("rating", "percentage"):
        body = [[r.authority, c.cell(r.rating), c.cell(r.percentage, "%")] for r in rows]
        answered = any(r.rating or r.percentage for r in rows)
        return [
            f"Overall rating and percentage of {len(rows)} councils:",
            *table(["Council", "Overall rating", "Overall percentage"], body),
        ], answered
    statements = list(sq.statements)
    body = [[r.authority, *(c.cell(r.statements.get(qs)) for qs in statements)] for r in rows]
    out = [
        f"Scores of {len(rows)} councils for {sq.scope}:",
        *table(["Council", *statements], body),
    ]
    if len(statements) == 1:
        given = [(r, v) for r in rows if (v := r.score(statements[0])) is not None]
        if len(given) >= 2:
            top = max(v for _, v in given)
            low = min(v for _, v in given)
            if top == low:
                out.append(f"All {len(given)} councils with a stated score scored {top}.")
            else:
                out.append(
                    f"Highest: {names_of(r for r, v in given if v == top)} ({top}); lowest: {names_of(r for r, v in given if v == low)} ({low})."
                )
    missing = [r.authority for r in rows if all(qs not in r.statements for qs in statements)]
    if missing:
        out.append(f"{join_names(missing)}: {NOT_GIVEN}.")
    return out, any(qs in r.statements for r in rows for qs in statements)


def _matches(sq: ScoreQuestion, row: CouncilScores) -> tuple[bool | None, list[str]]:
    """Whether the row meets the condition (None: the report does not say) and which
    statements met it."""
    if sq.target == "rating" and sq.ratings:
        return (None if row.rating is None else row.rating.value in sq.ratings), []
    if sq.percent_range is not None:
        if row.percentage is None:
            return None, []
        low, high = sq.percent_range
        return low <= int(row.percentage.value) <= high, []
    values = sq.values or (1, 2, 3, 4)
    met = [qs for qs in sq.statements if row.score(qs) in values]
    stated = [qs for qs in sq.statements if qs in row.statements]
    if sq.every:
        if len(met) == len(sq.statements):
            return True, met
        return (False if len(met) < len(stated) else None), met
    if met:
        return True, met
    return (False if len(stated) == len(sq.statements) else None), met


def _condition_words(sq: ScoreQuestion) -> str:
    if sq.target == "rating" and sq.ratings:
        return f"rated {' or '.join(sq.ratings)}"
    if sq.percent_range is not None:
        low, high = sq.percent_range
        return f"with an overall percentage of {low}-{high}%"
    which = ("every" if sq.every else "any") + " statement of " if len(sq.statements) > 1 else ""
    return f"scored {sq.condition or 'any score'} for {which}{sq.scope}"


def _filter(
    sq: ScoreQuestion, rows: list[CouncilScores], _t: ScoreTable, c: Cites
) -> tuple[list[str], bool]:
    judged = [(r, *_matches(sq, r)) for r in rows]
    hits = [(r, met) for r, ok, met in judged if ok]
    unknown = [r.authority for r, ok, _ in judged if ok is None]
    words = _condition_words(sq)
    if sq.op == "count":
        out = [
            f"{len(hits)} of the {len(rows)} indexed councils {words}"
            + (f": {names_of(r for r, _ in hits)}." if hits else ".")
        ]
    elif hits:
        out = [f"Councils that {words}: {names_of(r for r, _ in hits)}."]
    else:
        out = [f"No indexed council {words}."]
    if hits:
        out += _rowstable(sq, [r for r, _ in hits], [m for _, m in hits], c)
    if unknown:
        out.append(
            f"{join_names(unknown)}: {NOT_GIVEN}"
            + (f" ({sq.scope})." if sq.target == "score" else ".")
        )
    return out, True


_OPS = {
    "lookup": _lookup,
    "compare": _compare,
    "filter": _filter,
    "count": _filter,
    "rank": score_stats.rank,
    "average": score_stats.average,
    "distribution": score_stats.distribution,
    "arithmetic": score_stats.arithmetic,
}


def _rowstable(
    sq: ScoreQuestion, rows: list[CouncilScores], met: list[list[str]], c: Cites
) -> list[str]:
    if (sq.target == "rating" and sq.ratings) or sq.percent_range is not None:
        return table(
            ["Council", "Overall rating", "Overall percentage"],
            [[r.authority, c.cell(r.rating), c.cell(r.percentage, "%")] for r in rows],
        )
    statements = (
        list(sq.statements)
        if len(sq.statements) <= 3
        else sorted({qs for m in met for qs in m}, key=list(sq.statements).index)
    )
    return table(
        ["Council", *statements],
        [[r.authority, *(c.cell(r.statements.get(qs)) for qs in statements)] for r in rows],
    )
