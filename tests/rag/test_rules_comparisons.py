"""Rules and question readings added from the third helper-written dev set (`dr-*`), each on
examples written for it (fictional councils and sentences, not evaluation questions):
comparisons with an area, councils called by their first place, budgets and waiting times
as numbers, counts stated as shares or after "of", and acronyms spelled out in capitals."""

from __future__ import annotations

from rag import rules
from rag.acronyms import defined_in
from rag.answering import candidates
from rag.councils import find_authorities, named_english_councils, short_name
from rag.facts.comparators import asked_areas, compares_with
from rag.facts.quantities import quantity_fits
from rag.question import read_question
from rag.types import Passage
from tests.rag.rule_examples import cand
from tests.ui.factories import record

COUNCILS = ["Northmere Borough Council", "Harbourton and Vale Council"]


def q(text: str):  # type: ignore[no-untyped-def]
    return read_question(text, authorities=COUNCILS)


# -- comparator ------------------------------------------------------------------------------


def test_the_area_a_question_compares_with() -> None:
    assert asked_areas("How does Northmere's vacancy rate compare with the England average?") == {
        "england"
    }
    assert asked_areas("Is it above the national rate?") == {"england"}
    assert asked_areas("How does it compare with the North West regional average?") == {"region"}
    assert asked_areas("Is the figure higher than the London average?") == {"london"}
    # naming a London borough, or England without a comparison, asks no comparison
    assert asked_areas("How many carers did London Borough of Northmere assess?") == frozenset()
    assert asked_areas("How many people live in England?") == frozenset()


def test_a_sentence_compares_only_when_a_comparison_word_stands_by_the_area() -> None:
    england = frozenset(["england"])
    assert compares_with(england, "This was better than the England average (61%).")
    assert compares_with(england, "It was 12%, below the national average of 15%.")
    assert not compares_with(england, "A third live in the most deprived areas in England.")
    assert not compares_with(frozenset(["region"]), "It was higher than the England average.")


def test_comparator_rule_wants_the_comparison_the_question_asks_for() -> None:
    question = q("How does Northmere's carer satisfaction compare with the England average?")
    figure_only = cand("Carer satisfaction in Northmere was 41%.")
    london = cand("Carer satisfaction was 41%, higher than the London average (38%).")
    england = cand("Carer satisfaction was 41%, higher than the England average (37%).")
    assert not rules.comparator(question, figure_only)
    assert not rules.comparator(question, london)
    assert rules.comparator(question, england)
    assert rules.admitted(question, london, frozenset(["comparator"]))


def test_comparator_reads_the_next_sentence_that_judges_the_figure() -> None:
    question = q("How does carer satisfaction in Northmere compare with the national average?")
    text = "Carer satisfaction in Northmere was 41%. This was higher than the national average."
    rec = record(text, authority="Northmere Borough Council")
    first = rules.Candidate(Passage(1, rec, 1.0), 0, text.index(" This"), 0.5, support=0.8)
    assert rules.comparator(question, first)


def test_a_comparison_question_focuses_on_what_it_compares() -> None:
    question = read_question(
        "How does Northmere's staff turnover compare with the England average?",
        authorities=COUNCILS,
        idf=lambda t: 5.0 if t == "turnov" else 1.0,  # turnover is the rare word
    )
    assert question.focus == "turnov"
    # no sentence compares turnover with England: not answered from another comparison
    passages = [
        Passage(
            1,
            record(
                "Staff turnover was 9%.\n\nSickness absence was 4%, below the England average (5%).",
                authority="Northmere Borough Council",
            ),
            1.0,
        )
    ]
    assert candidates(passages, question) == []
    assert candidates(passages, question, frozenset(["comparator"]))


# -- councils called by their first place -----------------------------------------------------


def test_a_two_place_council_is_found_by_its_first_place() -> None:
    assert short_name("Harbourton and Vale Council") == "Harbourton"
    assert short_name("Northmere Borough Council") is None
    assert find_authorities("Which team takes referrals in Harbourton?", COUNCILS) == [
        "Harbourton and Vale Council"
    ]
    # written with a capital only: an ordinary word inside a sentence is not the council
    assert find_authorities("harbourton plans were discussed", COUNCILS) == []
    assert find_authorities("Compare Northmere and Harbourton", COUNCILS) == COUNCILS
    assert named_english_councils("What did Brighton score?") == ["Brighton and Hove"]


# -- budgets, waiting times, and what a count counts ---------------------------------------


def test_budget_and_waiting_time_questions_want_money_and_durations() -> None:
    budget = q("What was Northmere's adult social care budget for 2023/24?")
    assert budget.numeric and budget.quantity == "money"
    assert not rules.figure(budget, cand("In 2023/24, 71% of people were satisfied."))
    assert rules.figure(budget, cand("The adult social care budget was £96.2 million."))
    share = q("What percentage of the budget was spent on adult social care?")
    assert share.quantity == "share"
    wait = q("What's the average waiting time for an assessment in Northmere?")
    assert wait.numeric and wait.quantity == "duration"
    assert not rules.figure(wait, cand("Waiting times for 212 assessments had fallen."))
    assert rules.figure(wait, cand("People waited 23 days on average for an assessment."))


def test_a_count_may_be_a_share_of_the_people_or_follow_of() -> None:
    asked = frozenset(["peopl", "live", "disabl"])
    assert quantity_fits("count", "A borough with a population of 98,400.", asked)
    assert quantity_fits("count", "12.5% of people in the area lived with a disability.", asked)
    assert quantity_fits(
        "count", "The survey had 31 replies from social work staff.", frozenset(["social"])
    )
    assert not quantity_fits("count", "The survey ran for 6 weeks in spring.", asked)


# -- acronyms spelled out in capitals -------------------------------------------------------


def test_an_acronym_is_read_from_a_name_the_reports_write_in_capitals() -> None:
    found = defined_in(["Access to Fictional Sign Language interpreters varied."])
    assert found["fsl"] == "fictional sign language"
    assert "fsl" not in defined_in(["access to fictional sign language interpreters"])


# -- people named at the start of a sentence; who-questions about a rating ------------------


def test_a_person_may_open_the_sentence() -> None:
    from rag.facts.names import new_names

    assert new_names("Amira Khan, the director of adult services, said:", frozenset()) == {
        "Amira Khan"
    }
    assert new_names("The Director said so.", frozenset()) == set()
    assert new_names("Our Chief Executive chaired it.", frozenset()) == set()


def test_a_who_question_about_a_rating_wants_a_person_not_the_score() -> None:
    from rag.score_questions import read_score_question

    assert read_score_question("Who was quoted about Northmere's rating?", COUNCILS) is None
    assert read_score_question("Who scored highest for Safeguarding?", COUNCILS) is not None
    assert read_score_question("Which council was rated Good?", COUNCILS) is not None


# -- the size of a population ---------------------------------------------------------------


def test_a_population_question_wants_a_whole_number_of_people() -> None:
    question = q("What is the population of Northmere?")
    assert question.numeric and question.quantity == "population"
    assert q("How many people live in Northmere?").quantity == "population"
    assert not rules.figure(question, cand("In Northmere, 28% of the population are over 65."))
    assert not rules.figure(question, cand("The population in 2021 had grown."))
    assert rules.figure(question, cand("Northmere has a population of 187,400."))


def test_people_and_population_are_one_group_only_when_its_size_is_asked() -> None:
    size = read_question(
        "How many people live in Northmere?",
        authorities=COUNCILS,
        idf=lambda t: 5.0 if t == "peopl" else 1.0,
    )
    assert size.focus == "peopl"
    assert rules.covers_focus(size, cand("Northmere is a borough with a population of 187,400."))
    other = read_question(
        "How many people were helped by the Northmere crisis line?",
        authorities=COUNCILS,
        idf=lambda t: 5.0 if t == "peopl" else 1.0,
    )
    assert other.focus == "peopl"
    assert not rules.covers_focus(other, cand("The population of Northmere is 187,400."))


# -- "What is Northmere's X?" reads as "What is the X?" ---------------------------------------


def test_a_possessive_council_reads_like_the() -> None:
    rate = read_question(
        "What is Harbourton and Vale's staff turnover rate?",
        authorities=COUNCILS,
        idf=lambda t: 5.0 if t == "turnov" else 1.0,
    )
    assert rate.numeric and rate.quantity == "rate" and rate.focus == "turnov"
    index = q("What is Harbourton and Vale's Index of Multiple Deprivation score?")
    assert index.numeric  # seven words before "score"
    assert not rules.figure(index, cand("Leaders shared objectives across the region."))


# -- share_of ----------------------------------------------------------------------------------


def test_share_of_wants_the_group_the_share_is_of() -> None:
    from rag.whose import share_group

    assert share_group("What percentage of unpaid carers in Northmere said they felt safe?") == (
        "carer"
    )
    assert share_group("What % of service users feel in control of their lives?") is None
    assert share_group("What proportion of Northmere's residents are over 65?", ("Northmere",)) is (
        None
    )
    question = q("What percentage of unpaid carers in Northmere said they felt safe?")
    people = cand("In Northmere, 63% of people who use services felt safe.")
    carers = cand("In Northmere, 71% of carers said they felt safe.")
    assert not rules.share_of(question, people) and rules.share_of(question, carers)
    assert rules.admitted(question, people, frozenset(["share_of"]))


# -- per_council: the best sentence of each council, and no more ----------------------------


def test_councils_named_together_get_one_sentence_each() -> None:
    from rag.answering import compose
    from rag.config import AnswerSettings
    from tests.rag.rule_examples import replace_support

    question = q("How do the social work vacancy rates in Northmere and Harbourton compare?")
    north = cand("The social work vacancy rate was 8%.", authority=COUNCILS[0])
    north_more = replace_support(
        cand("Care worker vacancies in the sector were 9.5%.", authority=COUNCILS[0]), 0.79
    )
    harbour_text = "The social work vacancy rate was 21%."
    harbour = rules.Candidate(
        Passage(3, record(harbour_text, n=3, authority=COUNCILS[1]), 1.0),
        0,
        len(harbour_text),
        0.5,
        support=0.78,
    )
    draft = compose(question, [north, north_more, harbour], AnswerSettings(), compare=COUNCILS)
    assert [c.record.authority for c in draft.citations] == COUNCILS
    listing = q("Which vacancy rates do Northmere and Harbourton report?")
    assert (
        len(
            compose(
                listing, [north, north_more, harbour], AnswerSettings(), compare=COUNCILS
            ).citations
        )
        == 3
    )


# -- date --------------------------------------------------------------------------------------


def test_date_rule_wants_a_date_and_a_month_when_asked() -> None:
    when = q("When was Northmere's inspection report published?")
    assert when.date == "date"
    assert not rules.date(when, cand("The report had not been published at the time."))
    assert rules.date(when, cand("The report was published in 2024."))
    # a financial year is a span of time, not when something happened
    assert not rules.date(when, cand("The 2023/24 survey had not been published by then."))
    assert rules.date(when, cand("Published: 3 March 2025."))
    month = q("In which month and year did the peer review take place?")
    assert month.date == "month"
    assert not rules.date(month, cand("A peer review took place in 2022."))
    assert not rules.date(month, cand("Staff may review it every year, as in 2022."))
    assert rules.date(month, cand("A peer review took place in December 2022."))
    assert q("How many reviews took place?").date is None
    assert rules.admitted(month, cand("A peer review took place in 2022."), frozenset(["date"]))


def test_date_rule_leaves_a_second_ask_to_its_own_rule() -> None:
    both = q("When was the peer review and how many recommendations did it make?")
    assert both.date == "date" and both.numeric
    assert rules.date(both, cand("It made 16 recommendations."))


# -- share_measure -----------------------------------------------------------------------------


def test_share_measure_wants_the_sentence_about_what_is_measured() -> None:
    safe = q("What percentage of carers in Northmere said they felt safe?")
    assert safe.measure == frozenset({"safe"})
    enjoy = cand("Some 11.2% of carers could spend time doing things they enjoy.")
    felt = cand("In all, 70.1% of carers felt safe.")
    assert rules.share_measure(safe, [enjoy, felt]) == [felt]
    assert rules.share_measure(safe, [enjoy]) == []  # no sentence about it: not answered
    older = q("What percentage of Northmere's population is 65 or older?")
    aged = cand("In Northmere 21.4% of the population are aged 65 and over.")
    assert rules.share_measure(older, [aged]) == [aged]  # the age is said in figures
    # a question asking no share has no measure
    assert q("How many carers were assessed?").measure == frozenset()
    off = frozenset({"share_measure"})
    from rag.answering import candidates

    assert candidates([enjoy.passage], safe, off) and not candidates([enjoy.passage], safe)


# -- direction ---------------------------------------------------------------------------------


def test_direction_wants_a_difference_that_went_the_asked_way() -> None:
    over = q("By how much did Northmere's total spending go over budget in 2023/24?")
    assert over.direction == "up"
    assert rules.direction(over, cand("Its actual spend was £608m, £19m more than estimated."))
    assert not rules.direction(over, cand("Its actual spend was £114m, £8m less than estimated."))
    assert not rules.direction(over, cand("The council estimated its total budget at £589m."))
    assert q("By how much did complaints fall?").direction == "down"
    # both ways asked, or no size asked: no direction
    assert q("By how much did complaints rise or fall?").direction is None
    assert q("Did spending go over budget?").direction is None
