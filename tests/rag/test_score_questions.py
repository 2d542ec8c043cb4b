"""The score question reader (rag.score_questions): pure, on questions written for it.

Council names are fictional except where a real council's name shape matters.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.framework import QUALITY_STATEMENTS, THEMES
from rag.score_questions import OPERATIONS, read_score_question

NAMES = [
    "Ashby Vale Borough Council",
    "Vale District Council",
    "Telford and Wrekin Council",
    "Kestrel City Council",
]


def read(text: str):  # type: ignore[no-untyped-def]
    sq = read_score_question(text, NAMES)
    assert sq is not None, text
    return sq


@pytest.mark.parametrize(
    "text",
    [
        "What did CQC say about carers' assessments?",
        "How many complaints did Kestrel receive in 2023/24?",
        "What share of care homes in Kestrel were rated Good or Outstanding?",
        "In Kestrel, what percentage of contacts were resolved at the first point of contact?",
        "Who leads adult social care in Vale?",
    ],
)
def test_questions_about_the_text_are_not_score_questions(text: str) -> None:
    assert read_score_question(text, NAMES) is None


@pytest.mark.parametrize(
    ("text", "values", "condition"),
    [
        ("Which councils scored 1 for Safeguarding?", (1,), "1"),
        ("Which councils scored 1 or 2 for Safeguarding?", (1, 2), "1 or 2"),
        ("Which councils scored at most 2 for Safeguarding?", (1, 2), "at most 2"),
        ("Which councils scored 2 or below for Safeguarding?", (1, 2), "at most 2"),
        ("Which councils scored below 3 for Safeguarding?", (1, 2), "below 3"),
        ("Which councils scored at least 3 for Safeguarding?", (3, 4), "at least 3"),
        ("Which councils scored 3 or above for Safeguarding?", (3, 4), "at least 3"),
        ("Which councils scored above 2 for Safeguarding?", (3, 4), "above 2"),
        ("Which councils were found to have significant shortfalls in Safeguarding?", (1,), "1"),
    ],
)
def test_filter_conditions(text: str, values: tuple[int, ...], condition: str) -> None:
    sq = read(text)
    assert (sq.op, sq.statements, sq.values, sq.condition) == (
        "filter",
        ("Safeguarding",),
        values,
        condition,
    )


def test_theme_names_stand_for_their_statements() -> None:
    sq = read("Which councils scored 1 for any Leadership statement?")
    assert (
        sq.statements
        == THEMES["Leadership"]
        == (
            "Governance, management and sustainability",
            "Learning, improvement and innovation",
        )
    )
    assert not sq.every and "Leadership" in sq.scope
    assert read("Which councils scored at least 3 for every Leadership statement?").every
    assert (
        read("Which council scored highest on Providing support?").statements
        == THEMES["Providing support"]
    )
    assert (
        read("Which councils scored 2 for Theme 3?").statements
        == THEMES["How the local authority ensures safety within the system"]
    )


def test_statement_name_variants_and_short_names() -> None:
    assert read("Which councils scored 2 for assessing people's needs?").statements == (
        "Assessing needs",
    )
    assert read("Which councils scored 4 for lead healthier lives?").statements == (
        "Supporting people to live healthier lives",
    )
    assert read(
        "Which councils scored 3 for Safe pathways, systems and transitions?"
    ).statements == ("Safe systems, pathways and transitions",)
    assert read("Which councils scored 2 for partnership and communities?").statements == (
        "Partnerships and communities",
    )


def test_lookup_compare_and_council_names() -> None:
    sq = read("What score did Telford and Wrekin get for Equity in experience and outcomes?")
    assert (sq.op, sq.councils, sq.statements) == (
        "lookup",
        ("Telford and Wrekin Council",),
        ("Equity in experience and outcomes",),
    )
    assert read("What overall rating did Kestrel receive?").target == "rating"
    assert read("What was Kestrel's overall percentage score?").target == "percentage"
    # "Vale" inside "Ashby Vale" is not a second council
    sq = read("Compare Ashby Vale and Kestrel on safeguarding")
    assert (sq.op, sq.councils) == (
        "compare",
        ("Ashby Vale Borough Council", "Kestrel City Council"),
    )
    assert read("Compare Vale and Kestrel on all nine statements").statements == QUALITY_STATEMENTS


def test_a_council_that_is_not_indexed_is_named_as_unknown() -> None:
    sq = read("What did Hounslow score for Safeguarding?")
    assert sq.unknown == ("Hounslow",) and sq.councils == ()


@pytest.mark.parametrize(
    ("text", "direction", "top"),
    [
        ("Which council scored highest for Safeguarding?", "highest", 1),
        ("Which council had the lowest Equity score?", "lowest", 1),
        ("What are the top 3 councils by overall percentage?", "highest", 3),
        ("Which are the bottom 5 councils for Safeguarding scores?", "lowest", 5),
    ],
)
def test_rank(text: str, direction: str, top: int) -> None:
    sq = read(text)
    assert (sq.op, sq.direction, sq.top) == ("rank", direction, top)


def test_count_average_distribution() -> None:
    sq = read("How many councils are rated Good?")
    assert (sq.op, sq.target, sq.ratings) == ("count", "rating", ("Good",))
    assert read("How many councils scored 4 for Safeguarding?").values == (4,)
    assert read("What is the average Safeguarding score?").op == "average"
    sq = read("What was the average score for Kestrel?")
    assert (sq.op, sq.councils) == ("average", ("Kestrel City Council",))
    assert read("What is the distribution of Safeguarding scores?").op == "distribution"


@pytest.mark.parametrize(
    ("text", "hypothetical", "percent"),
    [
        ("What would all 3s come to?", (3,) * 9, None),
        (
            "If every quality statement scored 4, what would the overall percentage be?",
            (4,) * 9,
            None,
        ),
        ("What would all twos add up to?", (2,) * 9, None),
        ("Which rating band does 56% fall in?", (), 56),
    ],
)
def test_arithmetic(text: str, hypothetical: tuple[int, ...], percent: int | None) -> None:
    sq = read(text)
    assert (sq.op, sq.hypothetical, sq.percent_given) == ("arithmetic", hypothetical, percent)


def test_checking_a_council_against_its_rating_is_arithmetic() -> None:
    sq = read("Do Kestrel's nine scores match its stated rating?")
    assert (sq.op, sq.councils, sq.hypothetical) == ("arithmetic", ("Kestrel City Council",), ())


@given(st.text(max_size=200))
def test_any_text_reads_without_error(text: str) -> None:
    sq = read_score_question(text, NAMES)
    assert sq is None or (sq.op in OPERATIONS and set(sq.statements) <= set(QUALITY_STATEMENTS))


def test_a_question_for_a_person_is_no_scores_question() -> None:
    from rag.score_questions import read_score_question

    councils = ["Northmere Borough Council"]
    assert (
        read_score_question("Which chief inspector was quoted on Northmere's rating?", councils)
        is None
    )
    assert read_score_question("What rating did Northmere get?", councils) is not None
