"""The headless API: /ask, /search, /find_quote, /reports, /feedback, /remove as typed functions.

`ui.app` registers each with `gr.api`, which derives the endpoint's schema from these type
hints (so this module must not use `from __future__ import annotations`: the hints have to
be real types). They return exactly the documented JSON shapes (`Answer.to_json()`,
`Passage.to_json()`, `ReportInfo.to_json()`), so a gradio_client caller gets what
`cqc-rag ask --json` prints. Inputs from callers are validated with pydantic here; errors
become gr.Error messages. No HTML, no UI state.
"""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from rag.types import Filters, Turn
from ui import toasts
from ui.conversation import turn_filters
from ui.feedback import FeedbackStore


class FiltersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    authority: str | None = None
    quality_statement: str | None = None
    score: int | None = None
    report: str | None = None


class TurnIn(BaseModel):
    # extra="ignore", unlike elsewhere: a caller may pass earlier /ask results back as the
    # history unchanged, and those carry citations, timings and more besides these three.
    model_config = ConfigDict(extra="ignore")

    question: str
    answer: str = ""
    filters: FiltersIn = FiltersIn()
    citations: list[dict[str, Any]] = []


def _filters(authority: str, quality_statement: str) -> Filters:
    return Filters(
        authority=authority.strip() or None, quality_statement=quality_statement.strip() or None
    )


def _history(history: list[dict[str, Any]] | None) -> list[Turn]:
    try:
        turns = [TurnIn.model_validate(t) for t in history or []]
    except ValidationError as exc:
        raise ValueError(
            f"history must be a list of earlier /ask results or {{question, answer, filters}} objects: {exc.errors()[0]['msg']}"
        ) from exc
    return [
        Turn(
            t.question,
            t.answer,
            turn_filters(
                Filters(**t.filters.model_dump()), (str(c.get("authority")) for c in t.citations)
            ),
        )
        for t in turns
    ]


def _gradio_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Our errors (and bad input) become gr.Error, whose message the caller sees."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import gradio as gr

        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except Exception as exc:  # ours, bad input, storage (OSError), unexpected: a message
            raise toasts.error(exc) from exc

    return wrapper


def endpoints(assistant: Any, store: FeedbackStore) -> dict[str, Callable[..., Any]]:
    """api_name -> function, for gr.api."""

    def ask(
        question: str,
        authority: str = "",
        quality_statement: str = "",
        history: list[dict[str, Any]] | None = None,
        k: int = 0,
    ) -> dict[str, Any]:
        """Answer a question with numbered citations, or abstain. Returns the `cqc-rag ask --json` object.
        history: earlier /ask results (or {question, answer, filters}) for follow-up questions.
        k: passages to retrieve (0: the server's setting)."""
        answer = assistant.ask(
            question,
            filters=_filters(authority, quality_statement),
            k=k or None,
            history=_history(history),
        )
        return answer.to_json()

    def search(
        text: str, authority: str = "", quality_statement: str = "", k: int = 0
    ) -> list[dict[str, Any]]:
        """Passages matching the text or a pasted quote: the `cqc-rag search --json` list."""
        return [
            p.to_json()
            for p in assistant.search(
                text, filters=_filters(authority, quality_statement), k=k or None
            )
        ]

    def find_quote(
        text: str, authority: str = "", quality_statement: str = "", k: int = 0
    ) -> dict[str, Any]:
        """Is this quote in the reports? {"verdict": "exact"|"close"|"not_found", "message",
        "report", "authority", "section_path", "page", "matched", ..., "passages": [...]}."""
        check, passages = assistant.find_quote(
            text, filters=_filters(authority, quality_statement), k=k or None
        )
        return {**check.to_json(), "passages": [p.to_json() for p in passages]}

    def reports() -> list[dict[str, Any]]:
        """Indexed reports with scores per quality statement: the `cqc-rag list --json` list."""
        return [r.to_json() for r in assistant.reports()]

    def feedback(
        answer: dict[str, Any], rating: str, reason: str = "", comment: str = ""
    ) -> dict[str, Any]:
        """Store feedback on an /ask result. rating: 'up' or 'down'; reason: 'wrong passage',
        'incomplete', 'should have said not found' or free text. Returns the stored record."""
        for key in ("question", "answer"):
            if not isinstance(answer, dict) or not isinstance(answer.get(key), str):
                raise ValueError(f"answer must be an /ask result; its {key!r} is missing.")
        return store.add(answer, rating, reason=reason, comment=comment).model_dump()

    def remove(report: str) -> dict[str, Any]:
        """Delete a report (by the name /reports shows) from the index; returns what was removed."""
        return assistant.remove(report).to_json()

    plain: dict[str, Callable[..., Any]] = {
        "ask": ask,
        "search": search,
        "find_quote": find_quote,
        "reports": reports,
        "feedback": feedback,
        "remove": remove,
    }
    return {name: _gradio_errors(fn) for name, fn in plain.items()}
