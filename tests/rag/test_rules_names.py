"""Answer rules about who and what a question names: acronyms both ways, and the name rule
(a person, a role, a team or a body), on examples written for them."""

from __future__ import annotations

from rag import rules
from rag.answering import candidates
from tests.rag.rule_examples import cand, q


def test_name_rule_wants_a_person_the_question_did_not_name() -> None:
    question = q("Who chairs the carers' partnership board?")
    assert not rules.name(question, cand("The carers' partnership board meets monthly."))
    assert rules.name(question, cand("The board is chaired by Priya Lawson, a carer."))


def test_acronyms_read_as_their_words() -> None:
    vocab = {"depriv", "liberti", "safeguard", "applic", "wait"}
    question = q("How many DoLS applications were waiting?", vocabulary=vocab)
    assert ("DoLS", "deprivation of liberty safeguards") in question.expansions
    assert "DoLS" not in question.unknown
    assert "liberti" in question.weights and "dol" not in question.weights
    off = q(
        "How many DoLS applications were waiting?", vocabulary=vocab, off=frozenset(["acronyms"])
    )
    assert off.unknown == ("DoLS",)


def test_sector_acronyms_the_reports_write_out() -> None:
    vocab = {"antisoci", "behaviour", "crime", "local"}
    question = q("How many localities suffer most from crime and ASB?", vocabulary=vocab)
    assert ("ASB", "antisocial behaviour") in question.expansions and question.unknown == ()


def test_acronyms_defined_in_the_reports_are_used() -> None:
    from rag.acronyms import defined_in

    defined = defined_in(
        ["The Principal Social Worker (PSW) leads practice.", "We met the Quality Hub Team (QHT)."]
    )
    assert defined["psw"] == "principal social worker"
    assert defined["qht"] == "quality hub team"
    question = q("What does the QHT do?", defined=defined)
    assert ("QHT", "quality hub team") in question.expansions


def test_a_sentence_writing_the_acronym_speaks_of_the_words_a_question_spells_out() -> None:
    defined = {"psw": "principal social worker"}
    question = q(
        "Is the Principal Social Worker new in post?",
        defined=defined,
        idf=lambda t: 1.0,
        vocabulary={"princip", "social", "worker", "new", "post", "psw"},
    )
    assert ("PSW", "principal social worker") in question.abbreviations
    abbreviated = cand("The current PSW was relatively new in post.")
    other = cand("Front line staff said the council was a supportive place to work.")
    scored = {c.text: c.lexical for c in candidates([abbreviated.passage, other.passage], question)}
    off = q(
        "Is the Principal Social Worker new in post?", defined=defined, off=frozenset(["acronyms"])
    )
    scored_off = {c.text: c.lexical for c in candidates([abbreviated.passage], off)}
    assert scored[abbreviated.text] > scored_off[abbreviated.text]
    # only capitals are the acronym: "psw" inside ordinary words is not
    from rag.acronyms import writes

    assert writes("PSW", "the current PSW") and not writes("PSW", "a psw-like word, lower case")


def test_name_of_a_thing_is_not_a_person_question() -> None:
    assert not q("What was the name of the telephone contact centre?").person
    assert q("What is the name of the director of adult social services?").person
    assert q("Who chairs the board?").person


def test_the_name_of_a_thing_is_no_person_and_who_holds_a_role_wants_one() -> None:
    strategy = cand("The Principal Social Worker told us about the Waiting Well Strategy.")
    assert not rules.name(q("What is the name of the principal social worker?"), strategy)
    assert rules.name(
        q("What is the name of the principal social worker?"),
        cand("Ann Lee, the Principal Social Worker, told us about waiting."),
    )
    roles = cand("The roles of the Principal Therapist (PT) and Social Worker (SW) were clear.")
    assert not rules.name(q("Who holds the principal therapist role?"), roles)


def test_who_does_something_may_be_a_team_a_body_or_a_role_in_lower_case() -> None:
    reviews = q("Who reviews the contacts coming into the council?")
    assert rules.name(reviews, cand("The Front Door Hub (FDH) reviewed all contacts."))
    assert rules.name(reviews, cand("Where a person had a worker, these staff reviewed them."))
    assert rules.name(q("Who got the laptops?"), cand("The council gave the laptops to Age UK."))
    # a sentence naming no one and nothing new is no answer to "who"
    assert not rules.name(reviews, cand("Contacts were reviewed within a day of arriving."))
    # "who is" still wants a person's name
    assert not rules.name(q("Who is the lead for contacts?"), cand("These staff reviewed them."))


def test_who_does_something_may_be_answered_by_a_role_who_is_needs_a_name() -> None:
    role = cand("The Director of Adults Services chaired the local partnership.")
    assert rules.name(q("Who chairs the local partnership?"), role)
    assert not rules.name(q("Who is the director of adults services?"), role)
    assert not rules.name(q("What is the name of the chair of the partnership?"), role)


def test_who_of_two_councils_is_a_which_council_question() -> None:
    choice = q("Who scores higher on carers' wellbeing, Northmere or Southbay?")
    assert choice.which_council and not choice.person


def test_reading_abbreviations_compiles_no_pattern_per_acronym(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """At 153 councils the reports define ~500 acronyms; a pattern compiled for each, on
    every question, cost ~150 ms (work counted here, not timed)."""
    import re as real_re

    import rag.acronyms as acronyms

    calls = {"n": 0}

    class Counting:
        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            attr = getattr(real_re, name)
            if name in {"search", "compile", "match", "fullmatch", "findall", "sub"}:

                def counted(*a, **k):  # type: ignore[no-untyped-def]
                    calls["n"] += 1
                    return attr(*a, **k)

                return counted
            return attr

    monkeypatch.setattr(acronyms, "re", Counting())
    defined = {f"x{i}q": f"extra word{i} team" for i in range(2000)}
    found = acronyms.abbreviated("Is the extra word7 team new?", defined)
    assert ("X7Q", "extra word7 team") in found
    assert calls["n"] == 0
