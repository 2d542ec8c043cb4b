"""Metric functions against hand-computed examples, plus their invariants."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.metrics import (
    aggregate,
    fact_found,
    hit_at,
    is_relevant,
    judge,
    ndcg,
    normalise,
    percentile,
    reciprocal_rank,
)

GOLD = ["220 complaints from April 2023"]


def test_normalise_folds_whitespace_case_and_curly_quotes() -> None:
    assert (
        normalise("  The  Council’s\n“Waiting   Well” team ")
        == 'the council\'s "waiting well" team'
    )


def test_relevance_ignores_line_breaks_case_and_quote_style() -> None:
    assert is_relevant("There had been 220 complaints\nfrom  April 2023 to March", GOLD)
    assert is_relevant("the council’s plan", ["the council's plan"])
    assert not is_relevant("There had been 220 complaints in 2022", GOLD)
    assert not is_relevant("anything", [])


def test_hit_mrr_ndcg_hand_computed() -> None:
    # relevant at ranks 2 and 4 of five passages
    rel = [False, True, False, True, False]
    assert [hit_at(rel, k) for k in (1, 3, 5, 10)] == [0.0, 1.0, 1.0, 1.0]
    assert reciprocal_rank(rel, 10) == 0.5
    # DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161
    # IDCG (two relevant first) = 1/log2(2) + 1/log2(3) = 1 + 0.63093 = 1.63093
    assert ndcg(rel, 10) == pytest.approx(1.06161 / 1.63093, abs=1e-4)  # 0.6509
    assert ndcg([True, False], 10) == 1.0
    assert ndcg([False] * 10, 10) == 0.0


def test_cutoffs_ignore_what_lies_below_k() -> None:
    rel = [False] * 10 + [True]  # relevant only at rank 11
    assert hit_at(rel, 10) == 0.0 and reciprocal_rank(rel, 10) == 0.0 and ndcg(rel, 10) == 0.0
    # a relevant passage below the cut-off still counts in the ideal ranking: 1 / (1 + 1/log2 3)
    assert ndcg([True] + [False] * 9 + [True], 10) == pytest.approx(1 / (1 + 1 / math.log2(3)))


@given(st.lists(st.booleans(), max_size=15))
def test_metric_invariants(rel: list[bool]) -> None:
    assert 0.0 <= reciprocal_rank(rel) <= hit_at(rel, 10) <= 1.0
    assert 0.0 <= ndcg(rel) <= 1.0 + 1e-9
    assert hit_at(rel, 1) <= hit_at(rel, 3) <= hit_at(rel, 5) <= hit_at(rel, 10)
    assert (ndcg(rel) > 0) == (hit_at(rel, 10) > 0)


@pytest.mark.parametrize(
    ("fact", "text", "found"),
    [
        ("220", "There were 220 complaints.", True),
        ("2", "It was published in 2023.", False),  # a digit inside a year
        ("2", "Scored 2 out of 4.", True),
        ("8%", "The vacancy rate was 38%.", False),
        ("8%", "The vacancy rate was 8%.", True),
        ("8%", "The vacancy rate was 3.8%.", False),
        ("1,064", "11,064 assessments", False),
        ("1,064", "1,064 assessments", True),
        ("16", "16.5 hours", False),
        ("1", "The answer [1] cites a source.", False),  # citation markers are not facts
        ("nine", "nineteen complaints", False),
        ("nine weeks", "the median wait was Nine  weeks", True),
        ("21|twenty-one", "twenty-one case studies", True),
        ("21|twenty-one", "21 case studies", True),
        ("21|twenty-one", "121 case studies", False),
        ("£2.1 million", "overspent by £2.1 million in 2023/24", True),
        ("Age UK", "provided them to Age UK", True),
        (
            "reduction",
            "there had been reductions",
            True,
        ),  # word facts match inside words on the right
        ("DASS", "the ADASS network", False),
    ],
)
def test_fact_matching(fact: str, text: str, found: bool) -> None:
    assert fact_found(fact, text) is found


def test_percentile_interpolates_like_numpy() -> None:
    assert percentile([10, 20, 30, 40], 50) == 25.0
    assert percentile([10, 20, 30, 40], 95) == pytest.approx(38.5)  # 30 + 0.85 * 10
    assert percentile([7], 95) == 7
    assert percentile([], 50) is None


def _q(
    id: str,
    *,
    answerable: bool = True,
    passages=(),
    citations=(),
    answer="",
    abstained=False,
    facts=("220",),
    retrieve=10.0,
    total=20.0,
):  # type: ignore[no-untyped-def]
    return judge(
        id=id,
        answerable=answerable,
        gold_quotes=GOLD if answerable else [],
        facts=facts if answerable else [],
        passages=list(passages),
        citations=list(citations),
        answer_text=answer,
        abstained=abstained,
        retrieve_ms=retrieve,
        total_ms=total,
    )


HIT = "220 complaints from April 2023 to March 2024"
MISS = "Something else entirely"


def test_judge_reasons_and_values() -> None:
    good = _q("a", passages=[HIT, MISS], citations=[HIT], answer=f"{HIT} [1]")
    assert (
        good.passed
        and good.values()["mrr@10"] == 1.0
        and good.values()["citation_precision"] == 1.0
    )

    late = _q("b", passages=[MISS] * 6 + [HIT], citations=[MISS, HIT], answer="No number here")
    assert late.reasons() == [
        "no gold quote in top 5 (first at rank 7)",
        "citation [1] contains no gold quote",
        "fact '220' missing from answer",
    ]
    assert late.values()["citation_precision"] == 0.5 and late.values()["fact_recall"] == 0.0

    refused = _q("c", passages=[HIT], abstained=True, answer="The reports do not answer this.")
    assert refused.reasons()[0] == "abstained on answerable"
    assert refused.values()["citation_precision"] is None

    assert _q("d", answerable=False, passages=[MISS], citations=[MISS], answer="x").reasons() == [
        "answered unanswerable"
    ]
    assert _q("e", answerable=False, abstained=True).passed


def test_aggregate_hand_computed() -> None:
    judged = [
        _q(
            "a", passages=[HIT, MISS], citations=[HIT], answer="220", total=10
        ),  # rank 1, 1/1 cites ok
        _q(
            "b", passages=[MISS, MISS, HIT], citations=[HIT, MISS], answer="none", total=20
        ),  # rank 3, 1/2
        _q("c", passages=[MISS], abstained=True, answer="", total=30),  # no hit, abstained
        _q("u1", answerable=False, abstained=True, retrieve=0.0, total=40),
        _q("u2", answerable=False, passages=[MISS], citations=[MISS], answer="x", total=50),
    ]
    m = aggregate(judged)
    assert m["hit_1"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["hit_3"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["mrr_10"] == pytest.approx((1 + 1 / 3 + 0) / 3, abs=1e-4)  # 0.4444
    assert m["citation_precision"] == pytest.approx(
        2 / 3, abs=1e-4
    )  # (1 + 1) correct of 3 citations answered
    assert m["citation_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["fact_recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["abstention_accuracy"] == 0.5
    assert m["false_abstention"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["total_p50_ms"] == 30.0
    assert m["retrieve_p50_ms"] == 10.0  # the 0 ms answer (no retrieval) is left out
