"""A quoted sentence's neighbours in its paragraph: the sentence before, which a quote
opening "By contrast, ..." leans on (rule "lean_back"), and the sentence after, when it
judges the quote ("This was worse than the England average."; rules "follow_on" and
"comparator").
"""

from __future__ import annotations

import re

from ingest.sentences import sentence_spans

# Openings that point back at the sentence before: a quote starting so is half a thought.
_LEANS_BACK = re.compile(
    r"^(?:by contrast|in contrast|in the same (?:year|period|time)|however|this|these|that|"
    r"those|it|they|of (?:these|those|them)|as a result|in addition|additionally|also|"
    r"similarly|furthermore|moreover|conversely|despite this|because of this|in turn|"
    r"the same|such)\b",
    re.I,
)


# The next sentence judging the one quoted: "This was somewhat worse than the England average
# (15.97%)." A figure without its comparison is half the finding.
_JUDGES_BEFORE = re.compile(
    r"^(?:this|that|these|those|which)\s+(?:was|were|is|are|had|has)\b", re.I
)


def judges_before(sentence: str) -> bool:
    """Does the sentence comment on the one before it ("This was similar to ...")?"""
    return bool(_JUDGES_BEFORE.match(sentence.lstrip("‘'\"“ ")))


def leans_back(sentence: str) -> bool:
    """Does the sentence depend on the one before it ("By contrast, 141 compliments ...")?"""
    return bool(_LEANS_BACK.match(sentence.lstrip("‘'\"“ ")))


def judgement_after(text: str, end: int) -> tuple[int, int] | None:
    """The span of the sentence after the one ending at `end`, in the same paragraph of
    `text`, when it judges that one ("This was worse than the England average."), else
    None."""
    paragraph_end = text.find("\n\n", end)
    after = sentence_spans(text, end, len(text) if paragraph_end < 0 else paragraph_end)
    return after[0] if after and judges_before(text[after[0][0] : after[0][1]]) else None
