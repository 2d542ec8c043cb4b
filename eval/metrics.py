"""Scoring: pure functions from one question and what came back to metric values.

Retrieval (hit@k, MRR@10, nDCG@10 with binary relevance: a passage is relevant when it
contains a gold quote), citations (precision, recall), answers (fact recall, abstention)
and latency percentiles. `judge` scores one question and says why it failed;
`aggregate` turns the judged questions into the figures of a run. No I/O, no model: the
runner feeds in texts, so ours and the baseline are scored by the same code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

KS = (1, 3, 5, 10)
HIT_FOR_PASS = 5  # a question fails retrieval when no gold quote is in the top 5

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
# The judge's own grammar of citation markers and number words, kept apart from the
# system's (`rag.facts`) on purpose: the judge must not share the code it scores, or one
# grammar bug would fool both (a shared grammar that missed "[2]" as a marker would let
# the answer's "[2]" count as the fact "2"). tests/eval/test_judge_grammar.py checks that
# the two copies read the same markers and number words, so drift fails a test, not a score.
# Markers as answers write them: "[1]", and as a model may, "[1, 2]", "[passage 3]";
# "[1]" must not count as the fact "1".
_MARKER = re.compile(r"\[(?:passages?\s*)?\d+(?:\s*(?:,|;|and)\s*\d+)*\]", re.I)
# Number words: a fact ending in one matches only the whole word ("nine" is not "nineteen").
_NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "half",
        "quarter",
    ]
)


def normalise(text: str) -> str:
    """Whitespace folded to single spaces, curly quotes to straight, lower case."""
    return " ".join(text.translate(_QUOTES).split()).lower()


def is_relevant(passage_text: str, gold_quotes: Sequence[str]) -> bool:
    norm = normalise(passage_text)
    return any(normalise(q) in norm for q in gold_quotes if q.strip())


def hit_at(relevance: Sequence[bool], k: int) -> float:
    return 1.0 if any(relevance[:k]) else 0.0


def reciprocal_rank(relevance: Sequence[bool], k: int = 10) -> float:
    """1/rank of the first relevant passage within the top k, else 0."""
    return next((1.0 / rank for rank, rel in enumerate(relevance[:k], start=1) if rel), 0.0)


def ndcg(relevance: Sequence[bool], k: int = 10) -> float:
    """Binary nDCG@k. The ideal ranking puts the relevant passages found first: the corpus
    is not judged exhaustively, so the number of relevant passages is what was retrieved."""
    dcg = sum(1.0 / math.log2(rank + 1) for rank, rel in enumerate(relevance[:k], start=1) if rel)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(sum(relevance), k) + 1))
    return dcg / ideal if ideal else 0.0


def _fact_pattern(alternative: str) -> re.Pattern[str]:
    alt = normalise(alternative)
    left = r"(?<!\w)(?<!\d[.,])" if alt[:1].isalnum() else ""
    if alt[-1:].isdigit():
        right = r"(?!\d)(?![.,]\d)"  # "2" is not "2023", "1,064" is not "1,0645"
    elif alt.split()[-1] in _NUMBER_WORDS:
        right = r"(?!\w)"  # "nine" is not "nineteen"
    else:
        right = ""
    return re.compile(left + re.escape(alt) + right)


def fact_found(fact: str, answer_text: str) -> bool:
    """True when any '|' alternative of the fact occurs in the text. Numbers match as whole
    tokens: "8%" is not in "38%", "2" is not in "2023"; citation markers are ignored."""
    text = normalise(_MARKER.sub(" ", answer_text))
    return any(_fact_pattern(alt).search(text) for alt in fact.split("|") if alt.strip())


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default), None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass(frozen=True, slots=True)
class Judged:
    """One question scored: the raw judgements, from which every value follows."""

    id: str
    answerable: bool
    abstained: bool
    relevance: tuple[bool, ...]  # ranked passages: contains a gold quote?
    citations_correct: tuple[bool, ...]  # per citation, in order
    facts: tuple[str, ...]
    facts_missing: tuple[str, ...]
    retrieve_ms: float
    total_ms: float
    error: str | None = None
    kind: str = "text"  # "aggregate": a question over the scores table (eval.metrics_aggregate)
    value_problems: tuple[str, ...] = ()  # aggregate: wrong councils or values
    citation_problems: tuple[str, ...] = ()  # aggregate: a value not cited to its score line

    def values(self) -> dict[str, Any]:
        """Per-question metric values; None where a metric does not apply."""
        out: dict[str, Any] = {"abstained": self.abstained}
        if self.kind == "aggregate":
            ok = self.error is None
            return out | {
                "aggregate_values": float(ok and not self.value_problems),
                "aggregate_cited": float(ok and not self.citation_problems),
                "aggregate_exact": float(
                    ok and not self.value_problems and not self.citation_problems
                ),
            }
        if not self.answerable:
            return out
        out |= {f"hit@{k}": hit_at(self.relevance, k) for k in KS}
        out |= {
            "mrr@10": reciprocal_rank(self.relevance, 10),
            "ndcg@10": round(ndcg(self.relevance, 10), 4),
        }
        answered = not self.abstained and self.error is None
        out["citation_precision"] = (
            sum(self.citations_correct) / len(self.citations_correct)
            if answered and self.citations_correct
            else None
        )
        out["correct_citation"] = any(self.citations_correct)
        out["fact_recall"] = 1 - len(self.facts_missing) / len(self.facts) if self.facts else None
        return out

    def reasons(self) -> list[str]:
        if self.error:
            return [f"error: {self.error}"]
        if self.kind == "aggregate":
            return [*self.value_problems, *self.citation_problems]
        if not self.answerable:
            return [] if self.abstained else ["answered unanswerable"]
        out = ["abstained on answerable"] if self.abstained else []
        if not any(self.relevance[:HIT_FOR_PASS]):
            first = next((r for r, rel in enumerate(self.relevance, start=1) if rel), None)
            n = len(self.relevance)
            where = f"first at rank {first}" if first else f"none of {n} passage{'s' * (n != 1)}"
            out.append(f"no gold quote in top {HIT_FOR_PASS} ({where})")
        if not self.abstained:
            wrong = [str(n) for n, ok in enumerate(self.citations_correct, start=1) if not ok]
            if not self.citations_correct:
                out.append("no citations")
            elif len(wrong) == len(self.citations_correct):
                out.append("no citation contains a gold quote")
            elif wrong:
                out.append(f"citation [{', '.join(wrong)}] contains no gold quote")
        out += [f"fact {f!r} missing from answer" for f in self.facts_missing]
        return out

    @property
    def passed(self) -> bool:
        return not self.reasons()


def judge(
    *,
    id: str,
    answerable: bool,
    gold_quotes: Sequence[str],
    facts: Sequence[str],
    passages: Sequence[str],
    citations: Sequence[str],
    answer_text: str,
    abstained: bool,
    retrieve_ms: float,
    total_ms: float,
    error: str | None = None,
) -> Judged:
    """Score one question from the texts of its ranked passages and its cited passages."""
    return Judged(
        id=id,
        answerable=answerable,
        abstained=abstained,
        relevance=tuple(is_relevant(p, gold_quotes) for p in passages),
        citations_correct=tuple(is_relevant(c, gold_quotes) for c in citations),
        facts=tuple(facts),
        facts_missing=tuple(f for f in facts if not fact_found(f, answer_text)),
        retrieve_ms=retrieve_ms,
        total_ms=total_ms,
        error=error,
    )


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    label: str
    higher_is_better: bool
    unit: str = ""  # "" for a rate in 0-1, "ms" for a latency
    short: str = ""  # column header where many runs sit side by side (sweeps)


METRICS = (
    *(Metric(f"hit_{k}", f"hit@{k}", True, short=f"hit@{k}") for k in KS),
    Metric("mrr_10", "MRR@10", True, short="MRR"),
    Metric("ndcg_10", "nDCG@10", True, short="nDCG"),
    Metric("citation_precision", "citation precision", True, short="citP"),
    Metric("citation_recall", "citation recall", True, short="citR"),
    Metric("fact_recall", "fact recall", True, short="facts"),
    Metric("abstention_accuracy", "abstention accuracy (unanswerable)", True, short="abstain"),
    Metric("false_abstention", "false abstention (answerable)", False, short="falseAbst"),
    Metric("retrieve_p50_ms", "retrieve p50", False, "ms", short="ret50"),
    Metric("retrieve_p95_ms", "retrieve p95", False, "ms", short="ret95"),
    Metric("total_p50_ms", "total p50", False, "ms", short="p50"),
    Metric("total_p95_ms", "total p95", False, "ms", short="p95"),
    # Questions over the scores table (kind "aggregate"): their own row, scored exactly.
    Metric("aggregate_exact", "aggregate exact (scores table)", True, short="aggExact"),
    Metric("aggregate_cited", "aggregate cited to score lines", True, short="aggCited"),
    Metric("aggregate_p95_ms", "aggregate p95", False, "ms", short="agg95"),
)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(judged: Sequence[Judged]) -> dict[str, float | None]:
    """The run's figures, keyed as in METRICS (None where no question applies).

    Retrieval and fact recall average over answerable questions, abstained ones included;
    citation precision pools the citations of answerable questions that were answered;
    latency leaves out answers that did no retrieval (score lines, unknown places: 0 ms).
    Aggregate questions (over the scores table) are left out of all of these and get
    their own figures: exact, cited, p95 latency."""
    scored = [j for j in judged if j.kind == "aggregate"]
    judged = [j for j in judged if j.kind != "aggregate"]
    answerable = [j for j in judged if j.answerable]
    unanswerable = [j for j in judged if not j.answerable]
    answered = [j for j in answerable if not j.abstained and j.error is None]
    out: dict[str, float | None] = {
        f"hit_{k}": _mean([hit_at(j.relevance, k) for j in answerable]) for k in KS
    }
    out["mrr_10"] = _mean([reciprocal_rank(j.relevance, 10) for j in answerable])
    out["ndcg_10"] = _mean([ndcg(j.relevance, 10) for j in answerable])
    cites = [ok for j in answered for ok in j.citations_correct]
    out["citation_precision"] = sum(cites) / len(cites) if cites else None
    out["citation_recall"] = _mean([float(any(j.citations_correct)) for j in answerable])
    out["fact_recall"] = _mean(
        [1 - len(j.facts_missing) / len(j.facts) for j in answerable if j.facts]
    )
    out["abstention_accuracy"] = _mean([float(j.abstained) for j in unanswerable])
    out["false_abstention"] = _mean([float(j.abstained) for j in answerable])
    retrieve = [j.retrieve_ms for j in judged if j.retrieve_ms > 0]
    total = [j.total_ms for j in judged if j.error is None]
    out["retrieve_p50_ms"], out["retrieve_p95_ms"] = (
        percentile(retrieve, 50),
        percentile(retrieve, 95),
    )
    out["total_p50_ms"], out["total_p95_ms"] = percentile(total, 50), percentile(total, 95)
    values = [j.values() for j in scored]
    out["aggregate_exact"] = _mean([v["aggregate_exact"] for v in values])
    out["aggregate_cited"] = _mean([v["aggregate_cited"] for v in values])
    out["aggregate_p95_ms"] = percentile([j.total_ms for j in scored if j.error is None], 95)
    return {k: (round(v, 4) if v is not None else None) for k, v in out.items()}
