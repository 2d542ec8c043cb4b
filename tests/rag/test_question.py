"""The question reader: any text reads without error, and a council named anywhere in a
question is found (property tests), plus the kinds of answer on hand-written examples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rag.question import WANTS, read_question

COUNCILS = ["Northmere Borough Council", "Southbay City Council", "London Borough of Ealing"]
WORDS = st.sampled_from(
    [
        "how",
        "many",
        "carers",
        "did",
        "the",
        "council",
        "assess",
        "in",
        "2023/24",
        "Who",
        "£4m",
        "DoLS",
        "?",
        "And",
        "what",
        "about",
        "waiting",
        "lists",
        "score",
        "Safeguarding",
        ",",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_without_error(text: str) -> None:
    question = read_question(text, authorities=COUNCILS, vocabulary={"carer"})
    assert question.wants in WANTS
    assert question.text == " ".join(text.split())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(WORDS, max_size=8),
    st.sampled_from(["Northmere", "Southbay City Council", "Ealing", "ealing", "NORTHMERE"]),
    st.lists(WORDS, max_size=8),
)
def test_a_council_named_anywhere_is_found(before: list[str], name: str, after: list[str]) -> None:
    question = read_question(" ".join([*before, name, *after]), authorities=COUNCILS)
    expected = next(c for c in COUNCILS if name.lower().split()[0] in c.lower())
    assert expected in question.councils


def test_kinds_of_answer() -> None:
    def wants(text: str) -> str:
        return read_question(text, authorities=COUNCILS).wants

    assert wants("How many complaints were received in 2023/24?") == "count"
    assert wants("How much did the council overspend?") == "money"
    assert wants("How long did people wait for an assessment?") == "duration"
    assert wants("What percentage of reviews were overdue?") == "share"
    assert wants("What score did Northmere get for Safeguarding?") == "score"
    assert wants("Which council runs a shared lives scheme?") == "which council"
    assert wants("Who is the principal social worker?") == "person"
    assert wants("Which CQC chief inspector was quoted about Northmere's rating?") == "person"
    assert wants("What is the name of the principal social worker?") == "person"
    assert wants("Which services were people more positive about?") == "list"
    assert wants("Does Southbay have a carers strategy?") == "yes/no"
    assert wants("What are the council's priorities?") == "list"
    assert wants("How does the council support carers?") == "text"


def test_fields_are_read_once() -> None:
    question = read_question(
        "How many of the 40 care homes in Southbay were rated good in 2023/24?",
        authorities=COUNCILS,
        idf=lambda t: 2.0 if t == "home" else 1.0,
    )
    assert question.councils == ("Southbay City Council",)
    assert question.periods == ((2023, 2024),)
    assert "40" in question.given_numbers  # (years too: a year is never an answer)
    assert "southbay" not in question.weights and "2023" not in question.weights
    assert question.focus == "home"


def test_the_focus_is_the_noun_phrase_asked_about() -> None:
    def focus(text: str) -> str | None:
        return read_question(text, authorities=COUNCILS, idf=lambda t: 1.0).focus

    assert focus("How many recommendations came out of the peer review?") == "recommend"
    assert focus("How many social work staff responded to the survey?") == "social"
    assert focus("What was the name of the telephone contact centre?") == "telephon"
    assert focus("What was the number of carers waiting?") == "carer"
    assert focus("What was the staff turnover rate among social workers?") == "staff"
    assert focus("How does the council support carers?") is None
    # the phrase ends at its verb, in the present tense too
    assert focus("How many people live in Southbay?") == "peopl"


def test_a_noun_phrase_typed_as_a_question_reads_as_what_is() -> None:
    def read(text: str, off: frozenset[str] = frozenset()):  # type: ignore[no-untyped-def]
        return read_question(text, authorities=COUNCILS, idf=lambda t: 1.0, off=off)

    population = read("Southbay population?")
    assert population.wants == "population" and population.focus == "popul"
    wait = read("Average wait for a carers assessment in Northmere?")
    assert wait.wants == "duration" and wait.numeric
    assert read("complaints count 2023/24").wants == "count"
    # a question with a question word is read as written
    assert read("Southbay population - how has it changed?").wants == "text"
    # rule "telegraphic" off: read as written
    assert read("Southbay population?", frozenset({"telegraphic"})).wants == "text"


def test_a_comparison_with_an_area_is_not_across_councils() -> None:
    def across(text: str) -> bool:
        return read_question(text, authorities=COUNCILS).across

    assert not across("What % of Southbay carers felt safe, and how does that compare nationally?")
    assert not across("How does Northmere's vacancy rate compare with the England average?")
    assert across("Compare Northmere and Southbay on waiting lists")
    assert across("Which councils are above the England average for carers feeling safe?")
    assert across("How do the councils compare with the regional average?")


def test_filler_words_do_not_weigh_in_the_wording_score() -> None:
    text = "Roughly how many contacts a month does the Southbay front door get?"
    weights = read_question(text, authorities=COUNCILS).weights
    assert "rough" not in weights and "get" not in weights
    assert {"contact", "front", "door"} <= set(weights)
    off = read_question(text, authorities=COUNCILS, off=frozenset({"filler"})).weights
    assert "rough" in off and "get" in off


def test_a_question_with_two_asks_reads_each_ask() -> None:
    question = read_question(
        "When was the Southbay peer review, and how many recommendations did it make?",
        authorities=COUNCILS,
    )
    first, second = question.parts
    assert first.date == "date" and not first.numeric
    assert second.wants == "count" and second.date is None
    assert second.councils == ("Southbay City Council",)  # the whole question's council
    # one ask: "complaints and compliments" is one thing asked about
    assert (
        read_question("How many complaints and compliments were there?", authorities=[]).parts == ()
    )
    off = frozenset({"two_asks"})
    assert read_question(question.text, authorities=COUNCILS, off=off).parts == ()


def test_contractions_read_as_the_long_form() -> None:
    contracted = read_question("what's the vacancy rate in Southbay?", authorities=COUNCILS)
    assert contracted.wants == "rate" and "what" not in contracted.weights
    assert read_question("Who's the lead?", authorities=[]).person
    # a council's possessive is no contraction
    assert read_question("What's Southbay's rate?", authorities=COUNCILS).councils == (
        "Southbay City Council",
    )


def test_what_a_figure_is_compared_with_is_not_its_focus() -> None:
    question = read_question(
        "What share of carers felt safe, and what is the England benchmark?",
        authorities=[],
        idf=lambda t: 9.0 if t in {"benchmark", "england"} else 1.0,
    )
    assert question.focus not in {"benchmark", "england"}


def test_statement_names_as_people_and_cqc_pages_write_them() -> None:
    from rag.question import find_statement

    assert find_statement("What did they score for working with partners?") == (
        "Partnerships and communities"
    )
    assert find_statement("Score for assessing people's needs?") == "Assessing needs"
    assert find_statement("Safe pathways, systems and transitions") == (
        "Safe systems, pathways and transitions"
    )
    assert find_statement("How many complaints were there?") is None
