"""Examples for the answer-rule tests: fictional councils, a question reader and a
candidate sentence built from text (shared by tests/rag/test_rules*.py)."""

from __future__ import annotations

from rag.question import read_question
from rag.rules import Candidate
from rag.types import Passage
from tests.ui.factories import record

COUNCILS = ["Northmere Borough Council", "Southbay City Council"]


def q(text: str, **kw: object):  # type: ignore[no-untyped-def]
    return read_question(text, authorities=COUNCILS, **kw)  # type: ignore[arg-type]


def cand(text: str, *, section: tuple[str, ...] = ("Assessing needs",), authority: str = "A"):  # type: ignore[no-untyped-def]
    rec = record(text, authority=authority, path=section)
    return Candidate(Passage(1, rec, 1.0), 0, len(text), 0.5, support=0.8)


def replace_support(c: Candidate, support: float) -> Candidate:
    from dataclasses import replace

    rec = record(c.text, n=2, authority=c.passage.record.authority)
    return replace(c, support=support, passage=Passage(2, rec, 1.0))
