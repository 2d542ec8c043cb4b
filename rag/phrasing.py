"""How a question is phrased, before it is read: contractions, a noun phrase typed as a
question, and two asks in one question. Pure text functions for `rag.question`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.councils import core_name, short_name

_CONTRACTED = re.compile(r"\b(what|who|where|how|when|there|it|that|which)['’]s\b", re.I)


def uncontracted(text: str) -> str:
    """ "What's the rate?" reads as "What is the rate?": every grammar here, and the
    analyser's stopwords, know the long form ("what's" would weigh as a rare word)."""
    return _CONTRACTED.sub(r"\1 is", text)


# A question asks with a question word, an auxiliary ("Is ...", "Did ...") or an order
# ("List ...", "Compare ..."); a question with none of them is a noun phrase typed into chat.
_ASKING = re.compile(
    r"\b(?:what|what['’]s|whats|who|whom|whose|how|which|when|where|why)\b"
    r"|^\s*(?:is|are|was|were|do|does|did|has|have|had|can|could|should|would|will|tell|list|"
    r"show|give|name|compare|describe|explain|summari[sz]e|outline|identify|find|any)\b",
    re.I,
)


def asked_form(topic: str, councils: Sequence[str] = (), off: frozenset[str] = frozenset()) -> str:
    """The question as the kind-of-answer and focus grammars read it. A noun phrase typed
    as a question ("Camden population?", "Average wait for a carer's assessment?",
    "compliments count 2023/24") asks for the thing it names, as "What is the ...?" does;
    the councils it names are left out of that phrase (rule "telegraphic")."""
    if "telegraphic" in off or _ASKING.search(topic):
        return topic
    phrase = without_councils(topic, councils).strip(" ?.-–:,")
    return f"What is the {phrase}?" if phrase else topic


def without_councils(topic: str, councils: Sequence[str]) -> str:
    for authority in councils:
        topic = re.sub(re.escape(authority), " ", topic, flags=re.I)
        topic = re.sub(rf"\b{re.escape(core_name(authority))}\b", " ", topic, flags=re.I)
        if short := short_name(authority):
            topic = re.sub(rf"\b{re.escape(short)}\b", " ", topic)
    return " ".join(re.sub(r"(?<=\s)['’]s\b", " ", f" {topic}").split())


# A second ask after "and" or a question mark: "When was the review, and how many
# recommendations ...?", "... how many responded and how did that compare with ...?",
# "Are carers helped? What's the figure?". Not "complaints and compliments": the second
# ask opens with a question word.
_SECOND_ASK = re.compile(
    r"(?:,?\s+(?:and|also|plus)\s+|\?\s+|;\s+)"
    r"(?=(?:when|how|what|what['’]s|who|which|where|why|did|does|do|is|are|was|were|has|have)\b)",
    re.I,
)


def two_asks(topic: str) -> list[str]:
    """The two asks of a question that asks two things, or [] when it asks one."""
    m = _SECOND_ASK.search(topic)
    if not m:
        return []
    first, second = topic[: m.start()].strip(" ,;"), topic[m.end() :].strip()
    if len(first.split()) < 3 or len(second.split()) < 3:
        return []
    return [f"{first.rstrip('?')}?", second]
