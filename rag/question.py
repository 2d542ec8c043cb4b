"""Read a question once: the one place a question's text is parsed.

`read_question` turns the text (and the conversation before it) into one frozen
`Question`: the councils it names (indexed or not), the quality statement, the kind of
answer it wants, periods, figures already given, weighted terms and the focus term, and
what a follow-up inherits. Retrieval, the answer rules and answering read its fields.
Pure functions over the text, the indexed council names and the index's vocabulary; no
model. The grammars of figures and periods live in `rag.facts`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ingest.framework import normalise_name
from rag import whose
from rag.acronyms import abbreviated, acronyms_in, expand
from rag.analysis import terms
from rag.councils import GENERIC, core_name, find_authorities
from rag.facts.comparators import asked_areas
from rag.facts.names import WHICH_PERSON
from rag.facts.numbers import given_numbers
from rag.facts.periods import asked_date, periods, without_years
from rag.facts.quantities import ASKS_BUDGET, THE_OR_WHOSE, WHAT_IS, WHOSE, quantity_kind
from rag.follow_ups import contextualise
from rag.lexicon import NOT_PLACES, QUESTION_FILLER
from rag.phrasing import asked_form, two_asks, uncontracted, without_councils
from rag.score_questions import ScoreQuestion, read_score_question
from rag.score_words import statement_names_longest_first
from rag.types import Filters, Turn

_NUMERIC = re.compile(
    r"\b(how many|how much|how long|number of|what (?:percentage|proportion|share)|what per ?cent|how often|what was the median|what is the median)\b"
    rf"|\bwhat\s*%|\bwhat (?:is|was|were|are) {THE_OR_WHOSE}(?:[\w’'-]+ ){{0,4}}?(?:rate|percentage|proportion|population|total|count)\b"
    # "What is Telford's deprivation score?", "What was the council's staffing ratio?"
    r"|\bwhat (?:is|was|were|are) (?:the |its |their )?(?:[\w’'-]+ ){0,8}?(?:score|figure|ratio)s?\b"
    # "What's the council's net budget?", "What is the average waiting time?": a sum of
    # money or a duration is a number too.
    rf"|{ASKS_BUDGET}|{WHAT_IS}(?:[\w’'-]+ ){{0,7}}?(?:waiting times?|wait)\b",
    re.I,
)
_SCORE_WORDS = re.compile(r"\b(score|scored|scores|rated|rating|rate|graded|grade)\b", re.I)


def unknown_names(question: str, known_vocabulary: set[str]) -> list[str]:
    """Capitalised names in the question ("Hounslow", "Ofsted") that no indexed report
    contains anywhere: the reports cannot answer about what they never mention. The word
    that opens a sentence is capitalised for that reason alone ("Are carers helped? What's
    the figure?"), so it starts no name."""
    out = []
    # each word, and whether it opens a sentence
    words = [
        (m.group(), not question[: m.start()].rstrip(" \"'‘“(")[-1:] not in "?!.")
        for m in re.finditer(r"[\w'’-]+", question)
    ]
    group: list[str] = []
    for word, opens in [*words, ("", False)]:
        if not opens and word[:1].isupper():
            group.append(word)
            continue
        meaningful = [
            t
            for w in group
            if w.lower() not in NOT_PLACES and w.lower() not in GENERIC
            for t in terms(w)
        ]
        if meaningful and not any(t in known_vocabulary for t in meaningful):
            out.append(" ".join(group))
        group = []
    return out


def find_statement(question: str) -> str | None:
    """The quality statement a question names, by its name, a variant CQC pages use, or a
    short name people use (`rag.score_words.SHORT_NAMES`, shared with the scores reader)."""
    text = f" {normalise_name(question)} "
    return next((qs for n, qs in statement_names_longest_first() if f" {n} " in text), None)


# A question about councils in the plural wants each council's evidence; one about "the
# council" wants one council's.
_ACROSS = re.compile(
    r"\b(councils|(local )?authorities|across (the )?(reports|country|england)|compare[ds]?|"
    r"comparison|each council|every council|any council|nationally|in england)\b",
    re.I,
)
# "How does Bristol's figure compare nationally?", "... compared with the England average":
# one council against an area, not councils against each other.
_AREA_COMPARISON = re.compile(
    r"\b(?:compare[ds]?|comparison)\b(?:\s+\w+){0,6}?\s+(?:with|to|against|nationally)\b|"
    r"\bnationally\b|\bin england\b",
    re.I,
)


def asks_across(topic: str, councils: Sequence[str] = ()) -> bool:
    """Is the question about councils in the plural? A comparison with England, the
    region or London (`asked_areas`) of one council or none is not."""
    if len(councils) < 2 and asked_areas(topic):
        topic = _AREA_COMPARISON.sub(" ", topic)
    return bool(_ACROSS.search(topic))


_WHICH_COUNCIL = re.compile(
    r"^\s*(?:in\s+)?(?:which|what)\s+(?:council|local authority|authority|borough)\b", re.I
)
_CHOICE = re.compile(r"^\s*(?:who|which)\b.*\bor\b", re.I)
_YES_NO = re.compile(r"^\s*(?:is|are|was|were|does|do|did|has|have|had|can|could)\b", re.I)
_LISTING = re.compile(r"\b(what are|which|list|name the|what were|priorities|examples)\b", re.I)
# "Who ...?" and "the name of the director" want a person; "the name of the contact
# centre" wants the name of a thing, which need not be a person's.
_PERSON = re.compile(
    rf"^\s*who\b|{WHICH_PERSON}|\bname of (?:the |its |their )?(?:[\w’'-]+ ){{0,3}}?(?:director|chair\w*|lead|"
    r"manager|officer|worker|executive|member|head|leader|mayor|councillor|inspector)s?\b",
    re.I,
)
# The thing a question counts or names, after its question words: "How many *complaints*
# did ...", "What was the *vacancy rate* ...", "Who is the *principal social worker* ...".
# Not "what share of X": there X is who is measured ("residents"), not what is measured.
_MEASURES = r"(?:name|number|total|level|amount|rate|size|cost|value)"
_FOCUS_PHRASE = re.compile(
    rf"\b(?:how many|(?:the )?{_MEASURES} of(?: the)?|"
    rf"(?:what|who) (?:is|was|were|are) (?:the(?! {_MEASURES} of\b)|{WHOSE}))"
    r"\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]+)"
    r"(?=\s+(?:did|do|does|were|was|are|is|has|have|had|in|at|for|by|from|between|of|on|"
    r"during|across|within|among|amongst|to|with|that|who|which|after|before|since|over|"
    r"under|waiting|received|made|took|reported|per)\b|[?.,]|\s*$)",
    re.I,
)
# What a comparison question compares: "How does Camden's *economic inactivity rate*
# compare with ...?", "Is Gateshead's *proportion of people aged 65* higher than ...?".
_COMPARED_PHRASE = re.compile(
    r"^\s*(?:how (?:does|do|did)|is|are|was|were)\s+(?:the\s+)?((?:[\w’'.%-]+\s+){0,9}?[\w’'%-]+)"
    r"\s+(?:compare|compared|stack|higher|lower|better|worse|above|below|more|less)\b",
    re.I,
)
# Words that say a number is wanted, not what it counts ("the England *figure*").
_GENERIC_MEASURES = frozenset(
    terms(
        "figure figures number total amount level percentage proportion share count "
        # and what a figure is compared with ("the England benchmark")
        "benchmark average mean median england national regional"
    )
)
# A focus phrase is a noun phrase: it ends at its verb ("How many social work staff
# *responded* ...", "How many recommendations *came* out of ..."). Regular past forms end
# in -ed; the irregular ones questions use are listed.
_VERB = re.compile(
    r"^(?:\w+ed|came|went|got|took|made|gave|said|told|saw|ran|left|found|kept|held|met|paid|"
    r"put|set|spent|sent|brought|began|became|felt|knew|thought|lost|won|chose|rose|fell|grew|"
    # and the present tense of verbs that follow who is counted ("how many people *live*")
    r"live|lives|living|reside|resides|work|works|feel|feels|say|says|wait|waits|need|needs)$",
    re.I,
)


# The kinds of answer a question can want (`Question.wants`), for display and the rules.
WANTS = (
    "count",
    "money",
    "duration",
    "population",
    "share",
    "rate",
    "score",
    "which council",
    "person",
    "yes/no",
    "list",
    "text",
)


@dataclass(frozen=True, slots=True)
class Question:
    """A question read once: every later step reads these fields, none re-parses the text.

    `topic` is what is answered: the question itself, or for an elliptical follow-up that
    names another council ("And in Southbay?") the previous question moved to that
    council. `search_text` is what retrieval searches: the topic plus what a follow-up
    inherits and what the acronyms it uses stand for.
    """

    text: str
    topic: str
    search_text: str
    councils: tuple[str, ...]  # indexed councils named, in the order named
    not_indexed: tuple[str, ...]  # English councils named whose reports are not indexed
    unknown: tuple[str, ...]  # names no indexed report mentions
    statement: str | None
    numeric: bool  # wants a number ("how many", "what percentage")
    quantity: str | None  # money | duration | population | rate | share | count
    score: bool  # asks for a CQC score or rating
    listing: bool  # wants several items
    person: bool  # asks who someone is / their name
    which_council: bool  # the answer is a council ("Which council runs ...?")
    yes_no: bool
    across: bool  # about councils in the plural ("which councils", "across")
    periods: tuple[tuple[int, int | None], ...]
    given_numbers: frozenset[str]  # figures the question states (not an answer to it)
    terms: frozenset[str]  # analysed terms of the topic
    weights: dict[str, float]  # IDF weight of each term that scores sentences
    focus: str | None  # the term the question is about ("complaint"), when it has one
    expansions: tuple[tuple[str, str], ...]  # acronyms used and what they stand for
    inherited: Filters  # what a follow-up keeps from the turn before
    scores: ScoreQuestion | None = None  # a question over the scores table (rag.score_questions)
    areas: frozenset[str] = frozenset()  # areas it compares with ("england"; rag.facts.comparators)
    share_of: str | None = None  # the group a share is of ("carer"; rag.whose.share_group)
    measure: frozenset[str] = frozenset()  # what a share measures ({"safe"}; rag.whose)
    counted_measure: frozenset[str] = frozenset()  # what a count of people counts (rag.whose)
    direction: str | None = None  # "up" for "By how much did it go over?" (rag.whose)
    date: str | None = None  # "date" or "month" for "When ...?" (rag.facts.periods.asked_date)
    # "When was the review, and how many recommendations did it make?": each ask read for
    # its kind of answer, with the whole question's words (rule "two_asks")
    parts: tuple[Question, ...] = ()
    # acronyms whose words the question spells out ("principal social worker" -> "PSW"): a
    # sentence that writes the acronym speaks of those words (rule "acronyms")
    abbreviations: tuple[tuple[str, str], ...] = ()

    @property
    def wants(self) -> str:
        """The kind of answer, one of `WANTS`."""
        if self.score:
            return "score"
        if self.which_council:
            return "which council"
        if self.quantity:
            return self.quantity
        if self.person:
            return "person"
        if self.yes_no:
            return "yes/no"
        return "list" if self.listing else "text"


def read_question(
    text: str,
    *,
    authorities: list[str],
    history: list[Turn] | tuple[Turn, ...] = (),
    vocabulary: set[str] | frozenset[str] = frozenset(),
    idf: Callable[[str], float] = lambda _t: 1.0,
    defined: Mapping[str, str] | None = None,
    off: frozenset[str] = frozenset(),
) -> Question:
    """Read `text` once. `authorities` are the indexed councils; `vocabulary`, `idf` and
    `defined` (acronyms the reports define) come from the index; `off` names rules
    switched off (`rag.rules`): "acronyms", "follow_up", "follow_up_switch"."""
    from rag.councils import named_english_councils

    text = " ".join(text.split())
    topic, search_text, inherited = contextualise(text, list(history), authorities, off=off)
    topic, search_text = uncontracted(topic), uncontracted(search_text)
    expansions: list[tuple[str, str]] = []
    if "acronyms" not in off:
        for acronym in acronyms_in(topic):
            meaning = expand(acronym, defined or {})
            # An acronym the reports use is matched as it stands; one they never use
            # ("DoLS" where they write the words out) is read as its words.
            used = vocabulary and all(t in vocabulary for t in terms(acronym))
            if meaning and not used:
                expansions.append((acronym, meaning))
    if expansions:
        search_text += " " + " ".join(meaning for _, meaning in expansions)
    known = set(vocabulary)
    for acronym, meaning in expansions:
        if all(t in known for t in terms(meaning)):
            known.update(terms(acronym))
    councils = tuple(find_authorities(topic, authorities))
    indexed_cores = {core_name(a) for a in authorities}
    not_indexed = tuple(
        c for c in named_english_councils(topic) if normalise_name(c) not in indexed_cores
    )
    statement = find_statement(topic)
    asked = asked_form(topic, councils, off)
    # "Who scores higher, Bristol or Northumberland?" asks which council, not who.
    choice = len(councils) >= 2 and bool(_CHOICE.search(topic))
    weights = weigh_terms(topic, idf, councils, expansions, vocabulary)
    if "filler" not in off:
        weights = {t: w for t, w in weights.items() if t not in _FILLER}
    kinds = what_it_asks(topic, asked, councils)
    whole = Question(
        text=text,
        topic=topic,
        search_text=search_text,
        councils=councils,
        not_indexed=not_indexed,
        unknown=tuple(unknown_names(topic, known)) if vocabulary else (),
        statement=statement,
        score=bool(_SCORE_WORDS.search(topic))
        and (statement is not None or "overall" in topic.lower()),
        across=asks_across(topic, councils),
        periods=tuple(periods(topic)),
        given_numbers=given_numbers(topic),
        terms=frozenset(terms(topic)),
        weights=weights,
        focus=focus_term(asked, weights),
        expansions=tuple(expansions),
        abbreviations=() if "acronyms" in off else tuple(abbreviated(topic, defined or {})),
        inherited=inherited,
        scores=None if "scores" in off else read_score_question(topic, authorities),
        **{
            **kinds,
            "person": kinds["person"] and not choice,
            "which_council": kinds["which_council"] or choice,
        },
    )
    asks = [] if "two_asks" in off else two_asks(topic)
    if not asks:
        return whole
    return replace(whole, parts=tuple(_read_ask(a, whole, off) for a in asks))


def _read_ask(ask: str, whole: Question, off: frozenset[str]) -> Question:
    """One ask of a two-ask question: its own kind of answer, period, areas and focus; the
    whole question's councils and words (the second ask's "it" is the first's subject)."""
    asked = asked_form(ask, whole.councils, off)
    return replace(
        whole,
        topic=ask,
        **what_it_asks(ask, asked, whole.councils),
        periods=tuple(periods(ask)) or whole.periods,
        focus=focus_term(asked, whole.weights),
        parts=(),
    )


def what_it_asks(text: str, asked: str, councils: Sequence[str]) -> dict[str, Any]:
    """The `Question` fields that say what kind of answer `text` wants (`asked` is its
    `asked_form`): read alike for a whole question and for each of its two asks."""
    councils = tuple(councils)
    return {
        "numeric": bool(_NUMERIC.search(asked)),
        "quantity": quantity_kind(asked),
        "listing": bool(_LISTING.search(text)),
        "person": bool(_PERSON.search(text)),
        "which_council": bool(_WHICH_COUNCIL.search(text)),
        "yes_no": bool(_YES_NO.search(text)),
        "areas": asked_areas(text),
        "share_of": whose.share_group(text, councils),
        "measure": whose.share_measure(text, councils),
        "counted_measure": whose.people_measure(text, councils),
        "direction": whose.asked_direction(text),
        "date": asked_date(text),
    }


_FILLER = frozenset(terms(" ".join(QUESTION_FILLER)))


def weigh_terms(
    topic: str,
    idf: Callable[[str], float],
    councils: Sequence[str] = (),
    expansions: Sequence[tuple[str, str]] = (),
    vocabulary: set[str] | frozenset[str] = frozenset(),
) -> dict[str, float]:
    """IDF weight of each term that scores sentences. Council names are left out (the
    authority filter already holds them) and so are years (the period rule checks them
    exactly); an acronym the reports never use is scored by the words it stands for."""
    topic = without_councils(topic, councils)
    topic = without_years(topic)
    for acronym, meaning in expansions:
        topic = re.sub(rf"\b{re.escape(acronym)}\b", meaning, topic)
    return {t: idf(t) for t in set(terms(topic))}


def focus_term(topic: str, weights: Mapping[str, float]) -> str | None:
    """The rarest term of the phrase a question asks about ("How many *complaints* did
    adult social care receive?" -> "complaint"), or None when it has no such phrase."""
    m = _FOCUS_PHRASE.search(topic) or (asked_areas(topic) and _COMPARED_PHRASE.search(topic))
    if not m:
        return None
    words = m.group(1).split()
    cut = next((i for i, w in enumerate(words) if i and _VERB.match(w)), len(words))
    phrase = [
        t
        for t in terms(" ".join(words[:cut]))
        if t in weights and not t[0].isdigit() and t not in _GENERIC_MEASURES
    ]
    return max(phrase, key=lambda t: (weights[t], -phrase.index(t))) if phrase else None
