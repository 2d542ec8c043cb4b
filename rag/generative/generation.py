"""Generative answers (issue 7): a language model writes over the retrieved passages,
every sentence it cites is verified against them, and the extractive answer stands in
when the model fails or nothing it cites holds up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from rag.answering import Draft, Drafted
from rag.errors import LLMError
from rag.generative import prompting, verification
from rag.types import Answer

if TYPE_CHECKING:
    from rag.generative.llm import LLM

_UNVERIFIED = (
    "The language model's answer could not be verified against the passages "
    "(no cited sentence was supported); showing the extractive answer."
)


def generate(
    d: Drafted,
    llm: LLM,
    *,
    idf: Callable[[str], float],
    embed: Callable[[list[str]], np.ndarray],
    stream: bool,
) -> Iterator[str | Answer]:
    """Pieces of the model's text (when streaming), then the verified Answer or the fallback."""
    messages = prompting.build_messages(d.question, d.passages, d.history)
    pieces: list[str] = []
    try:
        if stream:
            for piece in llm.stream(messages):
                pieces.append(piece)
                yield piece
        else:
            pieces.append(llm.complete(messages))
    except LLMError as exc:
        notice = getattr(exc, "notice", "The language model failed; showing the extractive answer.")
        yield _fallback(d, notice, {"checked": 0, "dropped": [], "corrected": [], "fallback": True})
        return
    checked = verification.verify("".join(pieces), d.passages, idf=idf, embed=embed)
    if checked.record.fallback:
        yield _fallback(d, _UNVERIFIED, checked.record.to_json())
        return
    draft = Draft(checked.text, checked.citations, checked.abstained, d.draft.support)
    yield replace(d.answer("generative", draft), verification=checked.record.to_json())


def _fallback(d: Drafted, notice: str, record: dict[str, object]) -> Answer:
    notices = " ".join(n for n in (notice, d.notice) if n)
    return replace(d.answer(), notice=notices, verification=record)
