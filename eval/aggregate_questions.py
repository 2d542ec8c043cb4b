"""Write the aggregate evaluation sets: questions over the scores table, expected values
computed from a truth table that does not come from our parser.

- eval/aggregate.jsonl: the quickstart reports and ../shared/reports. The truth is typed
  below from the report files themselves (each value read off its `Score:` line, summary
  page or press release list by a person, not by ingest.scorelines).
- eval/aggregate_generated.jsonl: the generated 153-authority corpus (seed 7, the bench's
  seed), whose truth the generator knows by construction (eval.corpus.generate.report_truth).

The expected values here are computed independently of rag.score_answers (plain Python
over the truth table), so a wrong answer cannot agree with itself. Deterministic: run
`python -m eval.aggregate_questions` to rewrite both files; a test checks they are current.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random

from ingest.framework import QUALITY_STATEMENTS, THEMES

ROOT = Path(__file__).resolve().parents[1]
REAL_FILE = ROOT / "eval" / "aggregate.jsonl"
GENERATED_FILE = ROOT / "eval" / "aggregate_generated.jsonl"
GENERATED_N, GENERATED_SEED = 153, 7
_: None = None  # not given in the indexed report


@dataclass(frozen=True, slots=True)
class CouncilTruth:
    name: str  # '|' separates accepted spellings (the Wirral file's text names no council)
    scores: tuple[int | None, ...]  # QUALITY_STATEMENTS order; None: not stated
    percent: int | None = None
    rating: str | None = None

    def score(self, statement: str) -> int | None:
        return self.scores[QUALITY_STATEMENTS.index(statement)]


# Read off the files (../shared/reports and data/sample_reports), in framework order:
# needs, healthier lives, equity, care provision, partnerships, safe systems,
# safeguarding, governance, learning.
REAL_TRUTH: tuple[CouncilTruth, ...] = (
    CouncilTruth(
        "London Borough of Ealing", (2, 2, 2, 2, 3, 2, 2, 2, 3), 56, "Requires improvement"
    ),
    CouncilTruth("London Borough of Camden", (3, 3, 4, 3, 4, 4, 3, 4, 4), None, "Outstanding"),
    CouncilTruth("Gateshead Borough Council", (2, 2, 2, 3, 3, 3, 3, 3, 3), None, "Good"),
    CouncilTruth("Bristol City Council", (2, 3, 2, 2, _, 3, 2, 3, 3)),
    CouncilTruth("Northumberland County Council", (2, 3, _, _, _, 3, _, _, _)),
    CouncilTruth("Telford and Wrekin Council", (2, 2, 3, 3, 3, 3, 2, _, _)),
    CouncilTruth("Wirral Council|000_9cb2d3eb327cb64a", (_, _, _, _, _, _, _, _, 3)),
    CouncilTruth("Northmere Borough Council", (3, 3, 2, 3, 4, 3, 3, 3, 3), 71, "Good"),
    CouncilTruth("Southbay City Council", (2, 2, 2, 1, 3, 2, 2, 2, 2), 52, "Requires improvement"),
)
SHORT = {  # how a person might name a council in a question
    "London Borough of Ealing": "Ealing",
    "London Borough of Camden": "Camden",
    "Gateshead Borough Council": "Gateshead",
    "Bristol City Council": "Bristol",
    "Northumberland County Council": "Northumberland",
    "Telford and Wrekin Council": "Telford and Wrekin",
    "Northmere Borough Council": "Northmere",
    "Southbay City Council": "Southbay",
}


def generated_truth(n: int = GENERATED_N, seed: int = GENERATED_SEED) -> tuple[CouncilTruth, ...]:
    from eval.corpus.generate import report_truth

    out = []
    for i in range(n):
        t = report_truth(i, seed)
        out.append(CouncilTruth(t.authority, t.scores, t.percent, t.rating))
    return tuple(out)


def percent_of_max(total: int) -> int:
    return (200 * total + 36) // 72  # 100 * total / 36, rounded half up, in integers


def band(percent: int) -> str:
    return (
        "Outstanding"
        if percent >= 88
        else "Good"
        if percent >= 63
        else "Requires improvement"
        if percent >= 39
        else "Inadequate"
    )


def _q(
    qid: str,
    question: str,
    *,
    answerable: bool = True,
    include=(),
    exclude=(),
    numbers=(),
    cited: bool = True,
) -> dict:
    expected = {
        "include": list(include),
        "exclude": list(exclude),
        "numbers": list(numbers),
        "cited": cited,
    }
    return {
        "id": qid,
        "question": question,
        "answerable": answerable,
        "gold_quotes": [],
        "facts": [],
        "filters": {},
        "kind": "aggregate",
        "expected": expected,
    }


def _first(name: str) -> str:
    return name.split("|")[0]


def build(
    truth: Sequence[CouncilTruth], prefix: str, seed: int, *, short: dict[str, str]
) -> list[dict]:
    """About 45 questions of every operation over `truth`, deterministic for `seed`."""
    rng = Random(f"cqc-rag-aggregate:{prefix}:{seed}")
    out: list[dict] = []
    n_councils = len(truth)
    call = lambda c: short.get(_first(c.name), _first(c.name))  # noqa: E731

    def add(q: dict) -> None:
        if any(q["question"] == seen["question"] for seen in out):
            return  # the same draw twice: one question is enough
        q["id"] = f"{prefix}-{len(out) + 1:02d}"
        out.append(q)

    # Councils asked about by name: not one whose name depends on a sidecar file (the
    # Wirral text names no council; until the sidecar is read it is indexed by file name).
    named = [c for c in truth if "|" not in c.name]

    statements = list(QUALITY_STATEMENTS)
    # filter: which councils scored N / at most / below / at least
    conditions = [
        ("Which councils scored {n} for {s}?", lambda v, n: v == n),
        ("Which local authorities were given a score of {n} for {s}?", lambda v, n: v == n),
        ("Which councils scored at most {n} for {s}?", lambda v, n: v <= n),
        ("Which councils scored below {n} for {s}?", lambda v, n: v < n),
        ("Which councils scored at least {n} for {s}?", lambda v, n: v >= n),
        ("Which councils scored {n} or above for {s}?", lambda v, n: v >= n),
    ]
    for template, test in conditions:
        for _k in range(2):
            s = rng.choice(statements)
            n = rng.choice([2, 3] if "below" in template or "above" in template else [1, 2, 3, 4])
            given = [c for c in truth if c.score(s) is not None]
            hits = [c.name for c in given if test(c.score(s), n)]
            misses = [c.name for c in given if not test(c.score(s), n)]
            add(_q("", template.format(n=n, s=s), include=hits, exclude=misses, cited=bool(hits)))
    # theme filter (any statement of the theme)
    for theme_word, theme in (
        ("Leadership", "Leadership"),
        ("Providing support", "Providing support"),
    ):
        group = THEMES[theme]
        n = rng.choice([2, 3])
        hits = [c.name for c in truth if any(c.score(s) == n for s in group)]
        misses = [
            c.name for c in truth if all(c.score(s) is not None and c.score(s) != n for s in group)
        ]
        add(
            _q(
                "",
                f"Which councils scored {n} for any {theme_word} quality statement?",
                include=hits,
                exclude=misses,
                cited=bool(hits),
            )
        )
    # lookup: a council's score, rating, percentage
    for _k in range(5):
        c, s = rng.choice(named), rng.choice(statements)
        v = c.score(s)
        q = f"What score did {call(c)} get for {s}?"
        add(
            _q("", q, include=[c.name], numbers=[str(v)])
            if v is not None
            else _q("", q, answerable=False)
        )
    for c in rng.sample(named, min(3, n_councils)):
        q = f"What overall rating did {call(c)} receive?"
        add(
            _q("", q, include=[c.name], numbers=[c.rating])
            if c.rating
            else _q("", q, answerable=False)
        )
    for c in rng.sample(named, min(2, n_councils)):
        q = f"What was {call(c)}'s overall percentage score?"
        add(
            _q("", q, include=[c.name], numbers=[f"{c.percent}%"])
            if c.percent is not None
            else _q("", q, answerable=False)
        )
    # compare
    for _k in range(4):
        a, b = rng.sample(named, 2)
        s = rng.choice(statements)
        values = [x.score(s) for x in (a, b)]
        if any(v is None for v in values):
            s = next(
                (t for t in statements if a.score(t) is not None and b.score(t) is not None), s
            )
            values = [x.score(s) for x in (a, b)]
        numbers = sorted({str(v) for v in values if v is not None})
        add(
            _q(
                "",
                f"Compare {call(a)} and {call(b)} on {s}",
                include=[a.name, b.name],
                numbers=numbers,
            )
        )
    # rank: highest / lowest on a statement, a theme; top 3 by percentage
    for direction in ("highest", "lowest", "highest", "lowest"):
        s = rng.choice(statements)
        given = [c for c in truth if c.score(s) is not None]
        best = (max if direction == "highest" else min)(c.score(s) or 0 for c in given)
        hits = [c.name for c in given if c.score(s) == best]
        misses = [c.name for c in given if c.score(s) != best]
        add(
            _q(
                "",
                f"Which council scored {direction} for {s}?",
                include=hits,
                exclude=misses,
                numbers=[str(best)],
            )
        )
    for theme in ("Leadership", "Providing support"):
        group = THEMES[theme]
        full = [c for c in truth if all(c.score(s) is not None for s in group)]
        totals = {c.name: sum(c.score(s) or 0 for s in group) for c in full}
        best = max(totals.values())
        hits = [n for n, t in totals.items() if t == best]
        add(
            _q(
                "",
                f"Which council scored highest on {theme}?",
                include=hits,
                exclude=[n for n, t in totals.items() if t != best],
                numbers=[str(best)],
            )
        )
    with_pct = sorted((c for c in truth if c.percent is not None), key=lambda c: -(c.percent or 0))
    if len(with_pct) >= 3:
        cut = with_pct[2].percent
        top = [c for c in with_pct if (c.percent or 0) >= (cut or 0)]
        add(
            _q(
                "",
                "Which are the top 3 councils by overall percentage?",
                include=[c.name for c in top],
                exclude=[c.name for c in with_pct if c not in top],
                numbers=[f"{c.percent}%" for c in top],
            )
        )
    # count
    for _k in range(3):
        s, n = rng.choice(statements), rng.choice([1, 2, 3, 4])
        hits = [c.name for c in truth if c.score(s) == n]
        add(
            _q(
                "",
                f"How many councils scored {n} for {s}?",
                include=hits,
                numbers=[f"{len(hits)} of the {n_councils}"],
                cited=bool(hits),
            )
        )
    for rating in ("Good", "Requires improvement"):
        hits = [c.name for c in truth if c.rating == rating]
        add(
            _q(
                "",
                f"How many councils are rated {rating}?",
                include=hits,
                numbers=[f"{len(hits)} of the {n_councils}"],
                cited=bool(hits),
            )
        )
    # average
    for s in rng.sample(statements, 3):
        stated = [v for c in truth if (v := c.score(s)) is not None]
        add(_q("", f"What is the average {s} score?", numbers=[f"{sum(stated) / len(stated):.2f}"]))
    for c in rng.sample([x for x in named if sum(v is not None for v in x.scores) >= 3], 2):
        own = [v for v in c.scores if v is not None]
        add(
            _q(
                "",
                f"What was the average score for {call(c)}?",
                include=[c.name],
                numbers=[f"{sum(own) / len(own):.2f}"],
            )
        )
    # CQC arithmetic
    for n in (3, 2):
        pct = percent_of_max(9 * n)
        add(
            _q(
                "",
                f"What would all {n}s come to?",
                numbers=[str(9 * n), f"{pct}%", band(pct)],
                cited=False,
            )
        )
    add(
        _q(
            "",
            "If every quality statement scored 4, what would the overall percentage be?",
            numbers=["36", "100%", "Outstanding"],
            cited=False,
        )
    )
    for pct in (56, 88):
        add(_q("", f"Which rating band does {pct}% fall in?", numbers=[band(pct)], cited=False))
    complete = [
        c
        for c in truth
        if all(v is not None for v in c.scores) and (c.percent is not None or c.rating)
    ]
    for c in rng.sample(complete, min(3, len(complete))):
        total = sum(v or 0 for v in c.scores)
        pct = percent_of_max(total)
        numbers = [str(total), f"{pct}%"]
        if c.percent is not None:
            numbers.append("percentage agrees" if c.percent == pct else "percentage disagrees")
        if c.rating:
            numbers.append("rating agrees" if c.rating == band(pct) else "rating disagrees")
        add(
            _q(
                "",
                f"Do {call(c)}'s nine scores match its stated rating and percentage?",
                include=[c.name],
                numbers=numbers,
            )
        )
    # a council that is not indexed
    add(_q("", "What score did Hounslow get for Safeguarding?", answerable=False))
    return out


def write(path: Path, questions: list[dict]) -> None:
    path.write_text(
        "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8"
    )


def real_questions() -> list[dict]:
    return build(REAL_TRUTH, "agg-real", 1, short=SHORT)


def generated_questions() -> list[dict]:
    return build(generated_truth(), "agg-gen", GENERATED_SEED, short={})


def main() -> int:
    write(REAL_FILE, real_questions())
    write(GENERATED_FILE, generated_questions())
    print(f"wrote {REAL_FILE} and {GENERATED_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
