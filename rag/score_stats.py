"""Score answers that compute over the table: rank, average, distribution and CQC's
arithmetic (percentage of the maximum, rating bands, checked against the stated rating).
Each takes the question, the councils' rows and the citation register, and returns the
answer's lines and whether anything was answered (rag.score_answers dispatches)."""

from __future__ import annotations

from ingest.scorelines import RATINGS
from rag.score_format import (
    MAX_TOTAL,
    NOT_GIVEN,
    Cites,
    band,
    band_range,
    join_names,
    names_of,
    percent_of_max,
    table,
)
from rag.score_questions import ScoreQuestion
from rag.scores import CouncilScores, ScoreTable, Stated


def _value(sq: ScoreQuestion, row: CouncilScores) -> tuple[float | None, list[Stated]]:
    """What a rank orders by: the percentage, the rating (Outstanding highest), or the
    total of the scope's scores (None unless all of them are stated)."""
    if sq.target == "percentage":
        return (
            (None, [])
            if row.percentage is None
            else (float(row.percentage.value), [row.percentage])
        )
    if sq.target == "rating" and len(sq.statements) == 9:
        return (
            (None, [])
            if row.rating is None
            else (float(len(RATINGS) - RATINGS.index(str(row.rating.value))), [row.rating])
        )
    stated = [row.statements[qs] for qs in sq.statements if qs in row.statements]
    if len(stated) < len(sq.statements):
        return None, stated
    return float(sum(int(s.value) for s in stated)), stated


def rank(
    sq: ScoreQuestion, rows: list[CouncilScores], _t: ScoreTable, c: Cites
) -> tuple[list[str], bool]:
    valued = [(r, *_value(sq, r)) for r in rows]
    ranked = sorted(
        ((r, v, s) for r, v, s in valued if v is not None),
        key=lambda x: (-x[1] if sq.direction == "highest" else x[1], x[0].authority),
    )
    unranked = [r.authority for r, v, _ in valued if v is None]
    what = (
        {"percentage": "overall percentage", "rating": "overall rating"}.get(sq.target)
        if len(sq.statements) == 9 and sq.target != "score"
        else None
    )
    what = what or (
        f"{sq.scope} score" if len(sq.statements) == 1 else f"total score for {sq.scope}"
    )
    if not ranked:
        return [
            f"No indexed report states the {what} of every council asked about: {NOT_GIVEN} ({join_names(unranked)})."
        ], False
    top = sq.top or len(ranked)  # 0: the whole ranking ("Rank the councils by ...")
    cut = ranked[min(top, len(ranked)) - 1][1]
    chosen = [x for x in ranked if (x[1] >= cut if sq.direction == "highest" else x[1] <= cut)]
    best = chosen[0][1]
    tied = [x for x in ranked if x[1] == best]

    def shown(v: float, s: list[Stated]) -> str:
        if len(s) == 1:
            return str(s[0].value) + ("%" if sq.target == "percentage" else "")
        return str(int(v))

    if sq.top == 1:
        lead = f"{sq.direction.capitalize()} {what}: {shown(best, tied[0][2])}, " + (
            f"tied between {names_of(x[0] for x in tied)}."
            if len(tied) > 1
            else f"{tied[0][0].authority}."
        )
    elif sq.top == 0:
        lead = f"All {len(ranked)} councils with a stated {what}, {sq.direction} first:"
    else:
        lead = (
            f"The {sq.top} {sq.direction} by {what}"
            + (" (ties at the cut included)" if len(chosen) > sq.top else "")
            + ":"
        )
    header = ["Rank", "Council", what[0].upper() + what[1:]]
    body = []
    for x in chosen:
        place = 1 + sum(
            1 for y in ranked if (y[1] > x[1] if sq.direction == "highest" else y[1] < x[1])
        )
        marks = "".join(c.mark(s) for s in x[2])
        body.append([str(place), x[0].authority, shown(x[1], x[2]) + marks])
    out = [lead, *table(header, body)]
    if unranked:
        out.append(f"Not ranked, {what} {NOT_GIVEN}: {join_names(unranked)}.")
    return out, True


def average(
    sq: ScoreQuestion, rows: list[CouncilScores], _t: ScoreTable, c: Cites
) -> tuple[list[str], bool]:
    if sq.target == "percentage" and not sq.councils:
        given = [r for r in rows if r.percentage]
        if not given:
            return [f"The overall percentage is {NOT_GIVEN} of any council."], False
        mean = sum(int(r.percentage.value) for r in given if r.percentage) / len(given)
        body = [[r.authority, c.cell(r.percentage, "%")] for r in given]
        return [
            f"Average overall percentage over the {len(given)} councils that state one: {mean:.2f}%.",
            *table(["Council", "Overall percentage"], body),
        ], True
    if sq.councils:
        out, answered = [], False
        for row in rows:
            stated = [row.statements[qs] for qs in sq.statements if qs in row.statements]
            if not stated:
                out.append(f"{row.authority}: scores for {sq.scope} {NOT_GIVEN}.")
                continue
            total = sum(int(s.value) for s in stated)
            marks = "".join(c.mark(s) for s in stated)
            out.append(
                f"{row.authority}: average {total / len(stated):.2f} over the {len(stated)} stated scores for {sq.scope} (total {total}){marks}."
            )
            answered = True
        return out, answered
    body, answered = [], False
    for qs in sq.statements:
        lines = [r.statements[qs] for r in rows if qs in r.statements]
        if lines:
            mean = sum(int(s.value) for s in lines) / len(lines)
            body.append(
                [qs, f"{mean:.2f}", str(len(lines)), "".join(c.mark(s) for s in lines).strip()]
            )
            answered = True
        else:
            body.append([qs, NOT_GIVEN, "0", ""])
    lead = (
        f"Average {sq.scope} score: {body[0][1]} over the {body[0][2]} councils whose report gives one."
        if len(body) == 1
        else f"Average score per statement ({sq.scope}):"
    )
    return [lead, *table(["Quality statement", "Average", "Councils", "Sources"], body)], answered


def distribution(
    sq: ScoreQuestion, rows: list[CouncilScores], _t: ScoreTable, c: Cites
) -> tuple[list[str], bool]:
    if sq.target == "rating":
        body = []
        for rating in RATINGS:
            have = [r for r in rows if r.rating and r.rating.value == rating]
            body.append(
                [
                    rating,
                    str(len(have)),
                    ", ".join(f"{r.authority}{c.mark(r.rating)}" for r in have),
                ]
            )
        missing = [r.authority for r in rows if r.rating is None]
        out = [
            "Overall ratings of the indexed councils:",
            *table(["Rating", "Councils", "Which"], body),
        ]
        return out + ([f"Rating {NOT_GIVEN}: {join_names(missing)}."] if missing else []), True
    out = []
    for qs in sq.statements:
        body = []
        for score in (1, 2, 3, 4):
            have = [r for r in rows if r.score(qs) == score]
            body.append(
                [
                    str(score),
                    str(len(have)),
                    ", ".join(f"{r.authority}{c.mark(r.statements[qs])}" for r in have),
                ]
            )
        out += [f"{qs}:", *table(["Score", "Councils", "Which"], body)]
        missing = [r.authority for r in rows if qs not in r.statements]
        if missing:
            out.append(f"{qs} score {NOT_GIVEN}: {join_names(missing)}.")
    return out, True


def arithmetic(
    sq: ScoreQuestion, rows: list[CouncilScores], t: ScoreTable, c: Cites
) -> tuple[list[str], bool]:
    if sq.hypothetical:
        total = sum(sq.hypothetical)
        pct = percent_of_max(total)
        each = sq.hypothetical[0] if len(set(sq.hypothetical)) == 1 else None
        what = f"all nine quality statements scored {each}" if each else "those scores"
        return [
            f"If {what}, the total would be {total} of {MAX_TOTAL}: {pct}%, in CQC's {band(pct)} band ({band_range(band(pct))})."
        ], True
    if sq.percent_given is not None:
        pct = sq.percent_given
        if pct < 25 or pct > 100:
            return [f"{pct}% is outside CQC's scale (nine scores of 1-4 give 25-100%)."], True
        return [f"{pct}% falls in CQC's {band(pct)} band ({band_range(band(pct))})."], True
    body, notes, answered = [], [], False
    for row in rows:
        stated = [row.statements[qs] for qs in sq.statements if qs in row.statements]
        if len(stated) < 9:
            body.append(
                [
                    row.authority,
                    f"{len(stated)} of 9 stated",
                    "",
                    "",
                    c.cell(row.percentage, "%"),
                    c.cell(row.rating),
                    "cannot check",
                ]
            )
            continue
        total = sum(int(s.value) for s in stated)
        pct = percent_of_max(total)
        marks = "".join(c.mark(s) for s in stated)
        verdicts = []
        if row.percentage is not None:
            verdicts.append(
                "percentage agrees" if int(row.percentage.value) == pct else "percentage DISAGREES"
            )
        if row.rating is not None:
            verdicts.append(
                "rating agrees" if row.rating.value == band(pct) else "rating DISAGREES"
            )
        body.append(
            [
                row.authority,
                f"{total}{marks}",
                f"{pct}%",
                band(pct),
                c.cell(row.percentage, "%"),
                c.cell(row.rating),
                ", ".join(verdicts) or "nothing stated to check",
            ]
        )
        if any("DISAGREES" in v for v in verdicts):
            notes.append(
                f"{row.authority}: the nine stated scores total {total} of {MAX_TOTAL} = {pct}% ({band(pct)}), "
                f"but the report states {_stated(row)}; they disagree."
            )
        answered = True
    lead = "CQC's arithmetic: the nine scores' total over 36, and the rating band of that percentage (25-38% Inadequate, 39-62% Requires improvement, 63-87% Good, 88%+ Outstanding)."
    header = ["Council", "Total of 9", "Computed %", "Band", "Stated %", "Stated rating", "Check"]
    return [lead, *table(header, body), *notes], answered


def _stated(row: CouncilScores) -> str:
    parts = []
    if row.percentage is not None:
        parts.append(f"{row.percentage.value}%")
    if row.rating is not None:
        parts.append(str(row.rating.value))
    return " and ".join(parts)
