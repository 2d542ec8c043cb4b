"""Pure pieces of retrieval and answering, each with a hand-computed example."""

import pytest

from rag.analysis import terms
from rag.councils import core_name, find_authority
from rag.facts.numbers import answer_numbers, given_numbers
from rag.facts.periods import covers_periods, periods
from rag.follow_ups import contextualise
from rag.question import read_question, unknown_names
from rag.retrieval import convex, fuse
from rag.types import Turn


def test_rrf_hand_computed() -> None:
    # b: 1/(60+2) + 1/(60+1) = 0.032520; a: 1/61 = 0.016393; c: 1/62 = 0.016129
    fused = fuse([(["a", "b"], 1.0), (["b", "c"], 1.0)], rrf_k=60)
    assert [cid for cid, _ in fused] == ["b", "a", "c"]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)


def test_convex_hand_computed() -> None:
    # dense a=1, b=0 ; keyword b=1, c=0 -> a 0.5, b 0.5, c 0.0; ties break by id
    fused = convex([("a", 0.9), ("b", 0.5)], [("b", 7.0), ("c", 1.0)], 1.0, 1.0)
    assert fused == [("a", 0.5), ("b", 0.5), ("c", 0.0)]


def test_terms_stem_and_keep_numbers() -> None:
    assert terms("The 1,064 carers' assessments in 2023/24") == [
        "1064",
        "carer",
        "assess",
        "2023",
        "24",
    ]


def test_periods_and_coverage() -> None:
    assert periods("in 2021/22 and 2023-24, 2019") == [(2021, 2022), (2023, 2024), (2019, None)]
    assert covers_periods(
        periods("between April 2023 and March 2024"), "from April 2023 to March 2024"
    )
    assert not covers_periods(periods("in 2021/22"), "143 complaints in 2023/24")
    assert covers_periods(periods("in 2023"), "in 2023/24")


def test_answer_numbers_ignore_years_and_numbers_already_asked() -> None:
    assert answer_numbers(
        "At the end of January 2024, 1,132 people were waiting", given_numbers("How many in 2024?")
    ) == {"1132"}
    assert answer_numbers("Twenty-one case studies were done", frozenset()) == {"twenty-one"}
    assert answer_numbers("more than 80 providers", given_numbers("the 80 providers")) == set()


def test_authorities_are_found_by_their_everyday_name() -> None:
    names = ["Northmere Borough Council", "Southbay City Council"]
    assert core_name("Northmere Borough Council") == "northmere"
    assert (
        find_authority("What did CQC say about carers in Southbay?", names)
        == "Southbay City Council"
    )
    assert find_authority("What about Manchester?", names) is None


def test_unknown_names_are_those_no_report_mentions() -> None:
    vocab = {"northmer", "director", "adult", "social", "servic"}
    assert unknown_names("How many carers did Hounslow assess?", vocab) == ["Hounslow"]
    assert unknown_names("Who is the Director of Adult Social Services in Northmere?", vocab) == []
    assert unknown_names("What Did The Council Say?", vocab) == []
    # a word opening a later sentence is capitalised for that reason alone
    assert unknown_names("Are carers assessed? What's the figure?", vocab | {"carer"}) == []
    assert unknown_names("Are carers assessed? And in Hounslow?", vocab | {"carer"}) == ["Hounslow"]


def read_intent(text: str):  # type: ignore[no-untyped-def]
    return read_question(text, authorities=[])


def test_intent() -> None:
    assert read_intent("How many complaints were received?").numeric
    score = read_intent("What score did the council get for learning, improvement and innovation?")
    assert score.score and score.statement == "Learning, improvement and innovation"
    assert read_intent("Who is the director?").person
    for plural in (
        "Which councils had waiting lists for carers' assessments?",
        "How do local authorities support carers?",
        "Compare waiting times across the reports",
        "What do the reports say about carers across England?",
    ):
        assert read_intent(plural).across, plural
    for singular in (
        "How did the council support carers during the pandemic?",
        "How did the council support carers across the borough?",
    ):
        assert not read_intent(singular).across, singular


def test_follow_up_borrows_council_and_year() -> None:
    names = ["Northmere Borough Council"]
    history = [Turn("How many complaints did Northmere receive in 2023/24?")]
    topic, text, inherited = contextualise("How many compliments?", history, names)
    assert topic == "How many compliments?"
    assert text == "How many compliments? Northmere Borough Council 2023/24"
    assert inherited.authority == "Northmere Borough Council"
    assert contextualise("What is the waiting list in Northmere for assessment today?", [], names)[
        2
    ].is_empty()


def test_financial_years_written_out() -> None:
    assert periods("in the year before April 2023") == [(2022, 2023)]
    assert periods("in the year to March 2024") == [(2023, 2024)]
    assert periods("between April 2023 and March 2024") == [(2023, 2024)]
    assert not covers_periods(
        periods("in the year before April 2023"), "220 complaints from April 2023 to March 2024"
    )


def test_quoted_names_are_not_figures() -> None:
    assert answer_numbers("introduced a '3 conversations' approach", frozenset()) == set()


def quantity_fits(question: str, sentence: str) -> bool:
    from rag.facts.quantities import quantity_fits as fits
    from rag.facts.quantities import quantity_kind

    return fits(quantity_kind(question), sentence, set(terms(question)), given_numbers(question))


def test_quantity_kinds() -> None:

    assert not quantity_fits("How much money did the model save?", "16 recommendations were made")
    assert quantity_fits(
        "How much did Southbay overspend?", "Adult social care overspent by £5.4 million"
    )
    assert quantity_fits("How long did people wait?", "people waited up to three weeks")
    assert quantity_fits(
        "How many case studies were done?", "Twenty-one case studies had been carried out"
    )
    assert not quantity_fits(
        "How many people were waiting?", "The council ran 12 workshops with staff"
    )
