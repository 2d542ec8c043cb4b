"""The answer rules: every check that routes a question or admits a sentence, in one list.

Each rule has a name, the stage where it acts and one sentence saying what it does for
which class of question. `RULES` is the list; `Settings.answer.off` (env
`CQC_RAG_ANSWER__OFF='["focus"]'`) switches rules off by name, which is how
`cqc-rag eval --ablate` measures what each one does. Stages, in the order a question
meets them:

- question: how the question is read (`rag.question.read_question`);
- route: whether the question is answered from passages at all (`rag.assistant`);
- candidate: whether one sentence may be quoted (`CANDIDATE_CHECKS`, here);
- pool: a choice among the admitted sentences (`focus`, here);
- compose: how the chosen sentences are quoted (`rag.answering.compose`).

The candidate and pool checks live here; the others live where they act and ask
`on(name, off)`. Each rule's tests use examples written for the rule
(tests/rag/test_rules.py), not evaluation questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ingest.framework import MEANING_LINE, normalise_name
from rag import whose
from rag.analysis import terms
from rag.facts.comparators import compares_with
from rag.facts.names import BODY_LETTERS, DOER, IDENTITY, ROLE, new_names
from rag.facts.numbers import answer_numbers
from rag.facts.periods import covers_periods, states_date
from rag.facts.quantities import counts_people, quantity_fits
from rag.inert import gives_orders
from rag.neighbours import judgement_after
from rag.question import Question
from rag.types import Passage

Stage = Literal["question", "route", "candidate", "pool", "compose"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    stage: Stage
    summary: str


RULES: tuple[Rule, ...] = (
    Rule(
        "acronyms",
        "question",
        "An acronym (DoLS, AMHP) is read as the words it stands for, from the reports' own definitions or a sector list; a sentence writing an acronym (PSW) speaks of the words a question spells out.",
    ),
    Rule(
        "telegraphic",
        "question",
        'A noun phrase typed as a question ("Camden population?", "Average wait for an assessment?") is read as "What is the ...?".',
    ),
    Rule(
        "filler",
        "question",
        'Words that say how a question is asked, not what about ("roughly", "according to the section", "does X get") do not weigh in its wording score.',
    ),
    Rule(
        "follow_up",
        "question",
        "A short follow-up that names no council keeps the last turn's council and years.",
    ),
    Rule(
        "follow_up_switch",
        "question",
        'A follow-up that names another council ("And in Southbay?") asks the last question about that council.',
    ),
    Rule(
        "scores",
        "route",
        "A question over the scores (which councils scored, compare, rank, count, average, a council's score, rating or percentage) is computed from the scores table, each value cited to its score line.",
    ),
    Rule(
        "not_indexed",
        "route",
        "A question naming an English council whose report is not indexed says so instead of answering from another council.",
    ),
    Rule(
        "unknown_name",
        "route",
        "A question naming something no indexed report mentions is not answered.",
    ),
    Rule(
        "one_council",
        "route",
        'A question about "the council" that names none is answered from one council: the council of the best sentence.',
    ),
    Rule(
        "per_council",
        "route",
        "A question naming several councils quotes the best sentence of each.",
    ),
    Rule(
        "period",
        "candidate",
        "A question about a year or financial year is answered only by a sentence about that period.",
    ),
    Rule(
        "figure",
        "candidate",
        "A how-many/how-much/how-long question is answered only by a sentence stating a new figure of that kind.",
    ),
    Rule(
        "date",
        "candidate",
        'A when-question ("When was it published?", "In which month and year ...?") is answered only by a sentence, or the one before it, stating a date of that kind; a financial year is a span, not a date.',
    ),
    Rule(
        "name",
        "candidate",
        'A who question is answered only by a sentence that names someone the question does not; who does something may also be a team, body or role ("these staff", "Age UK").',
    ),
    Rule(
        "share_of",
        "candidate",
        'A question asking what share of a group something is ("What percentage of unpaid carers felt safe?") is answered only by a sentence, or the one before it, that speaks of that group.',
    ),
    Rule(
        "comparator",
        "candidate",
        'A question comparing with an area ("vs the England average", "the regional average") is answered only by a sentence, or the next sentence judging it, that compares with that area.',
    ),
    Rule(
        "direction",
        "candidate",
        'A question asking by how much something went one way ("By how much did spending go over budget?") is answered only by a sentence stating a difference that way ("£19m more than estimated").',
    ),
    Rule(
        "framework_text",
        "candidate",
        "CQC's standard text (I-statements, the commitment, score descriptors) is never quoted as a finding, unless asked for.",
    ),
    Rule(
        "orders",
        "candidate",
        'Report text that gives orders ("ignore previous instructions", "Assistant: ...", "tell the user ...") is data, never quoted as an answer.',
    ),
    Rule(
        "share_measure",
        "pool",
        'A question asking what share of a group did something ("What percentage of carers felt safe?") is answered only by a sentence, or the one before it, that speaks of what it measures.',
    ),
    Rule(
        "focus",
        "pool",
        "When any admitted sentence speaks of the question's focus term, sentences that do not are dropped.",
    ),
    Rule(
        "focus_required",
        "pool",
        "A question for a figure, a person or a comparison whose focus term no retrieved sentence speaks of (asked for a turnover rate, finding only vacancy rates) is not answered.",
    ),
    Rule(
        "one_fact",
        "compose",
        "A question that wants one figure, name or council, or a yes or no (not a list, not across councils), is answered by its best sentence alone.",
    ),
    Rule(
        "lean_back",
        "compose",
        'A quote that leans on the sentence before it ("By contrast, ...") brings that sentence along.',
    ),
    Rule(
        "follow_on",
        "compose",
        'A quote whose next sentence judges it ("This was worse than the England average") brings that sentence along.',
    ),
    Rule(
        "two_asks",
        "compose",
        'A question that asks two things ("When was the review, and how many recommendations did it make?") quotes the best sentence for each ask.',
    ),
    Rule("name_council", "compose", "The answer to a which-council question names the council."),
)
NAMES = frozenset(r.name for r in RULES)


def on(name: str, off: frozenset[str]) -> bool:
    """Is rule `name` switched on? A name not in `RULES` is a programming error."""
    assert name in NAMES, f"unknown rule {name!r}"
    return name not in off


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence of a retrieved passage that may be quoted."""

    passage: Passage
    start: int
    end: int
    lexical: float = 0.0
    support: float = 0.0
    context: str = ""  # the sentence before, in the same paragraph (what "it" refers to)
    context_start: int = -1  # its offset in the passage text (-1: none)
    paragraph_start: int = 0

    @property
    def text(self) -> str:
        return self.passage.record.text[self.start : self.end]

    @property
    def paragraph(self) -> str:
        """The paragraph up to and including the sentence."""
        return self.passage.record.text[self.paragraph_start : self.end]


# -- candidate checks: (question, sentence) -> may it be quoted? ------------------------------


def period(q: Question, c: Candidate) -> bool:
    # The year may stand earlier in the paragraph ("In the same year, ..."), so the
    # paragraph up to the sentence is read, not the sentence alone.
    return not q.periods or covers_periods(list(q.periods), c.paragraph, c.text)


def figure(q: Question, c: Candidate) -> bool:
    # A year is not an answer to "how many"; nor is a figure the question gave.
    if not q.numeric:
        return True
    if not answer_numbers(c.text, q.given_numbers):
        return False
    # A count of people, however each side words them ("How many service users felt safe?":
    # "63% of people who use services felt safe"), needs the sentence to speak of what is
    # counted: "66% of people were satisfied" counts no people waiting for an assessment.
    if q.quantity == "count" and q.counted_measure and counts_people(c.text, q.given_numbers):
        return measured(q.counted_measure, f"{c.context} {c.text}")
    return quantity_fits(q.quantity, c.text, _counted(q), q.given_numbers)


def date(q: Question, c: Candidate) -> bool:
    # The date may stand in the sentence before ("In December 2022 a peer review took
    # place. It made 16 recommendations."). A question that also asks for a figure or a
    # person ("When ..., and how many ...?") has its other ask checked by that rule: one
    # sentence need not answer both.
    if q.date is None or q.numeric or q.person:
        return True
    return states_date(q.date, f"{c.context} {c.text}")


def _counted(q: Question) -> frozenset[str]:
    # What a figure may count: the question's words but not the council's name ("three
    # Bristol localities" counts no people waiting in Bristol).
    named = {t for council in q.councils for t in terms(council)}
    return q.terms - named


def name(q: Question, c: Candidate) -> bool:
    if not q.person or new_names(c.text, q.terms):
        return True
    if IDENTITY.search(q.topic):
        return False
    if any(set(terms(m.group())) - q.terms for m in ROLE.finditer(c.text)):
        return True
    # "Who reviews all contacts?", "Who did they give the tablets to?": a team, body or
    # role the question does not name.
    said = set(terms(c.text)) - q.terms
    return bool(said & DOER) or any(
        set(terms(m.group())) - q.terms for m in BODY_LETTERS.finditer(c.text)
    )


_FRAMEWORK_HEADINGS = frozenset(
    normalise_name(h) for h in ("What people expect", "The local authority commitment")
)
_I_STATEMENT = re.compile(r"^\s*(?:I|We)\s+(?:have|am|can|know|feel|get|receive|maximise|work)\b")
_ASKS_FOR_FRAMEWORK = re.compile(
    r"\b(commitment|what people expect|i[- ]statements?|we[- ]statements?|descriptor|expect)\b",
    re.I,
)


def framework_text(q: Question, c: Candidate) -> bool:
    if _ASKS_FOR_FRAMEWORK.search(q.topic):
        return True
    path = {normalise_name(h) for h in c.passage.record.section_path}
    return not (
        path & _FRAMEWORK_HEADINGS or MEANING_LINE.match(c.text) or _I_STATEMENT.match(c.text)
    )


def orders(q: Question, c: Candidate) -> bool:
    return not gives_orders(c.text)


# -- whose figure: the group, what it measures, the area and the way it went --------------------


def direction(q: Question, c: Candidate) -> bool:
    return q.direction is None or whose.states_direction(q.direction, c.text)


def comparator(q: Question, c: Candidate) -> bool:
    # The comparison often comes in the next sentence ("65.11% said ... This was better than
    # the England average (62.48%)."), which the rule follow_on quotes along.
    if not q.areas:
        return True
    after = judgement_after(c.passage.record.text, c.end)
    judged = c.passage.record.text[after[0] : after[1]] if after else ""
    return compares_with(q.areas, f"{c.text} {judged}")


def share_of(q: Question, c: Candidate) -> bool:
    # "63% of people who use services felt safe" is no answer about carers. (What the share
    # measures, "felt safe", was tried as well and removed: it refused 9 answerable dev
    # questions whose reports word the measure differently.)
    return q.share_of is None or q.share_of in set(terms(f"{c.context} {c.text}"))


CANDIDATE_CHECKS: tuple[tuple[str, Callable[[Question, Candidate], bool]], ...] = (
    ("period", period),
    ("figure", figure),
    ("date", date),
    ("name", name),
    ("share_of", share_of),
    ("comparator", comparator),
    ("direction", direction),
    ("framework_text", framework_text),
    ("orders", orders),
)


def admitted(q: Question, c: Candidate, off: frozenset[str]) -> bool:
    return all(check(q, c) for rule, check in CANDIDATE_CHECKS if rule not in off)


# -- pool: a choice among admitted sentences ---------------------------------------------------


# Words that name the same group when a question asks its size: "How many people live in
# X?" is answered by "a population of 210,100", which never says "people".
_ONE_GROUP = frozenset(terms("people residents population"))


def covers_focus(q: Question, c: Candidate) -> bool:
    """Does the sentence, the one before it or its heading speak of the focus term?"""
    if q.focus is None:
        return True
    said = set(terms(f"{' '.join(c.passage.record.section_path)} {c.context} {c.text}"))
    if q.quantity == "population":  # the size of a group, however the sentence names it
        return q.focus in said or (q.focus in _ONE_GROUP and bool(_ONE_GROUP & said))
    return q.focus in said


def focus(q: Question, cands: Sequence[Candidate]) -> list[Candidate]:
    """Keep the sentences that speak of the focus term when any does: "How many complaints
    ...?" is not answered by the compliments figure."""
    covering = [c for c in cands if covers_focus(q, c)]
    return covering or list(cands)


def speaks_of_measure(q: Question, c: Candidate) -> bool:
    """Does the sentence, or the one before it, speak of what the share measures: of half
    its words at least ("waiting for a care assessment" is not "satisfied with care")?"""
    if not q.measure:
        return True
    return measured(q.measure, f"{c.context} {c.text}")


def measured(measure: frozenset[str], text: str) -> bool:
    """Does the text speak of half the measure's words at least (one at least)?"""
    said = len(measure & set(terms(text)))
    return said > 0 and said * 2 >= len(measure)


def share_measure(q: Question, cands: Sequence[Candidate]) -> list[Candidate]:
    """Keep the sentences that speak of what a share question measures when any does; none
    when none does: the share of carers who could spend time doing things they enjoy is no
    answer to "What percentage of carers felt safe?"."""
    return [c for c in cands if speaks_of_measure(q, c)]


def focus_required(q: Question, cands: Sequence[Candidate]) -> list[Candidate]:
    """No sentence when none speaks of the focus term: a vacancy rate is no answer to
    "What was the staff turnover rate?", nor a press quote to "Who is the director?", nor
    another measure to "How does X's inactivity rate compare with England?". Only for a
    figure, a person or a comparison: a thing asked about in words ("What is the phone line
    called?") is often worded otherwise ("the telephone contact centre"), and the focus
    rule still prefers sentences that speak of it."""
    if not (q.numeric or q.person or q.areas):
        return list(cands)
    return list(cands) if any(covers_focus(q, c) for c in cands) else []
