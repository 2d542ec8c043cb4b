"""Follow-up questions: what a short question asked after another keeps from it.

"How many compliments?" after "How many complaints did Northmere receive in 2023/24?"
stays on Northmere and 2023/24 (rule "follow_up"); "And in Southbay?" asks the last
question about Southbay (rule "follow_up_switch"). Read by `rag.question.read_question`.
"""

from __future__ import annotations

import re

from rag.councils import core_name, find_authority
from rag.facts.periods import written_years
from rag.types import Filters, Turn

_FOLLOW_UP = re.compile(
    r"^(and|what about|how about|also|same for|and for|what of)\b|\b(they|them|their|it|its|that|those|this|these)\b",
    re.I,
)


def is_follow_up(question: str) -> bool:
    return len(question.split()) <= 6 or bool(_FOLLOW_UP.search(question))


# "And in Southbay?", "What about Northmere?", "Same for Southbay": a council and nothing
# else to ask.
_ELLIPTICAL = re.compile(r"^\s*(?:and|what about|how about|same for|and for|what of)\b", re.I)


def contextualise(
    question: str,
    history: list[Turn],
    authorities: list[str],
    *,
    off: frozenset[str] = frozenset(),
) -> tuple[str, str, Filters]:
    """The question to answer, the text to search with, and the filters a follow-up
    inherits from the last turn.

    "How many compliments?" after "How many complaints did Northmere receive in 2023/24?"
    searches "How many compliments? Northmere 2023/24" and stays on Northmere (rule
    "follow_up"); "And in Southbay?" after it answers "How many complaints did Southbay
    receive in 2023/24?" (rule "follow_up_switch").
    """
    if not history or not is_follow_up(question):
        return question, question, Filters()
    last = history[-1]
    named = find_authority(question, authorities)
    if named:
        before = find_authority(last.question, authorities) or last.filters.authority
        if "follow_up_switch" in off or not _ELLIPTICAL.search(question) or before == named:
            return question, question, Filters()
        topic = _move_to(last.question, before, named)
        return topic, topic, Filters(authority=named)
    if "follow_up" in off:
        return question, question, Filters()
    context = [
        a for a in [find_authority(last.question, authorities) or last.filters.authority] if a
    ]
    context += [y for y in written_years(last.question) if y not in question]
    inherited = Filters(
        authority=last.filters.authority or find_authority(last.question, authorities)
    )
    return question, " ".join([question, *context]), inherited


def _move_to(question: str, before: str | None, council: str) -> str:
    """The previous question about another council: its council's name replaced, or the
    new council added when it named none (its council came from a filter)."""
    if before:
        for name in (before, core_name(before)):
            moved = re.sub(rf"\b{re.escape(name)}\b", council, question, flags=re.I)
            if moved != question:
                return moved
    return f"{question.rstrip('?')} in {council}?"
