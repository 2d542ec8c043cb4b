"""Choose sentence templates and compose paragraphs for one report.

Pure apart from the `Random` it is handed and a `Ledger`, the caller-owned record of what
the report has said so far. Choosing favours templates the report has not used yet and
never repeats one that states figures, so a report neither echoes itself nor gives two
waiting times. Filling a template is `slots.fill`; headings and sections are `generate`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from random import Random

from eval.corpus import topics_leadership, topics_people, topics_safety, topics_support
from eval.corpus.names import Cast
from eval.corpus.slots import fill, states_figures
from eval.corpus.topic import Topic

GENERAL = topics_leadership.GENERAL
TOPICS: dict[str, Topic] = {
    topic.name: topic
    for module in (topics_people, topics_support, topics_safety, topics_leadership)
    for topic in module.TOPICS
} | {GENERAL.name: GENERAL}
TONES = ("good", "poor", "facts")
# Used at most once per report: neutral facts, and any template stating fresh figures.
_ONCE: frozenset[str] = frozenset(
    t
    for topic in TOPICS.values()
    for tone in TONES
    for t in getattr(topic, tone)
    if tone == "facts" or states_figures(t)
)

# Chance that a findings subsection reads as a strength, by the statement's score. The
# statement's core subsection always follows the score; the others only lean its way, so
# a 2 still credits some strengths and a 4 still names a weakness, as real reports do.
GOOD_STANCE: dict[int, float] = {1: 0.1, 2: 0.3, 3: 0.75, 4: 0.95}
# Within a subsection: sentences in its stance, neutral figures, and the odd exception.
_TONE_MIX = (0.62, 0.30, 0.08)
# fmt: off
# Sentence openers that may be lower-cased after "However, " (never a proper name).
_LOWERABLE = frozenset({
    "The", "There", "People", "Staff", "Some", "Most", "Only", "This", "Reviews", "Carers",
    "Leaders", "Partners", "Providers", "Practitioners", "Managers", "Assessments", "Care",
    "Information", "Interpreting", "Demand", "Prevention", "Commissioning", "Performance",
    "Risks", "Safeguarding", "Waiting", "Young", "Families", "Learning", "Innovation",
    "Complaints", "Members", "Multi-agency", "Monitoring", "Community", "Digital", "Joint",
    "Contracts", "Career", "Children's", "When", "A", "An", "Feedback", "Direct",
})
# fmt: on


def stance(rng: Random, score: int, core: bool) -> str:
    """The judgement a findings subsection carries: "good" or "poor"."""
    if core:
        return "good" if score >= 3 else "poor"
    return "good" if rng.random() < GOOD_STANCE[score] else "poor"


@dataclass(slots=True)
class Ledger:
    """What one report has said so far. Deliberately mutable: one per report, owned by
    the caller, so each paragraph can avoid repeating the ones before it."""

    templates: Counter[str] = field(default_factory=Counter)
    sentences: set[str] = field(default_factory=set)


def _pick(rng: Random, topics: tuple[str, ...], tone: str, ledger: Ledger) -> str | None:
    """The least-used template of `tone` on `topics`, favouring the first topic on ties.

    A report repeats a sentence shape only after using every other shape its topics offer,
    and never one that states figures (see `_ONCE`)."""
    used = ledger.templates
    candidates = [
        (used[t], rank, t)
        for rank, name in enumerate(topics)
        for t in getattr(TOPICS[name], tone)
        if not (used[t] and t in _ONCE)
    ]
    if not candidates:
        return None
    fewest = min(c[0] for c in candidates)
    best = [c for c in candidates if c[0] == fewest]
    lead = [c for c in best if c[1] == 0]
    template = rng.choice(lead if lead and rng.random() < 0.6 else best)[2]
    used[template] += 1
    return template


def _sentence(
    rng: Random, cast: Cast, topics: tuple[str, ...], tone: str, fallback: str, ledger: Ledger
) -> tuple[str, bool]:
    """A sentence, and whether it is new to the report."""
    # A reused template usually fills differently; a few tries make an exact repeat of an
    # earlier sentence rare (under 1 in 100 sentences at 13,000 words a report).
    sentence = ""
    for _ in range(4):
        template = _pick(rng, topics, tone, ledger) or _pick(rng, topics, fallback, ledger)
        if template is None:
            raise ValueError(
                f"topics {topics} have no {fallback!r} templates; add some to a topics_* module"
            )
        sentence = fill(template, rng, cast)
        if sentence not in ledger.sentences:
            ledger.sentences.add(sentence)
            return sentence, True
    return sentence, False


def _turn(sentence: str) -> str:
    """Mark a change of tone the way a writer would: "However, the council ..."."""
    first, _, rest = sentence.partition(" ")
    if first not in _LOWERABLE:
        return sentence
    return f"However, {first.lower()} {rest}"


def compose_paragraph(
    rng: Random, cast: Cast, topics: tuple[str, ...], stance: str, ledger: Ledger
) -> str:
    """3 to 6 sentences on `topics` leaning to `stance` ("good" or "poor"), sometimes with
    a closing judgement."""
    opposite = "poor" if stance == "good" else "good"
    sentences: list[str] = []
    previous = ""
    for _ in range(rng.randint(3, 6)):
        tone = rng.choices((stance, "facts", opposite), weights=_TONE_MIX)[0]
        sentence, fresh = _sentence(rng, cast, topics, tone, stance, ledger)
        if not fresh and sentences:  # a word-for-word repeat: say less instead
            continue
        if {previous, tone} == {"good", "poor"}:
            sentence = _turn(sentence)
        sentences.append(sentence)
        previous = tone if tone != "facts" else previous
    if rng.random() < 0.35:
        # Closing judgements are generic, so one is only worth adding while it is fresh.
        tone = stance if rng.random() < 0.75 else "facts"
        closing, fresh = _sentence(rng, cast, (GENERAL.name,), tone, stance, ledger)
        if fresh:
            sentences.append(closing)
    return " ".join(sentences)
