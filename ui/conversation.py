"""A chat conversation as data: the history follow-ups need, and its Markdown/JSON/Word export.

The conversation is the list of `Answer`s in order; everything here is a pure function of
it (plus the export time), except `write_exports`, which only writes the two strings to a
folder it is given. No Gradio, no HTML (the export is for reading and for tools).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rag.facts.markers import marker
from rag.types import Answer, Filters, Turn


def turn_filters(filters: Filters, cited_authorities: Iterable[str]) -> Filters:
    """The filters a follow-up inherits (see `rag.types.Filters.focused`)."""
    return filters.focused(cited_authorities)


def history(answers: Sequence[Answer]) -> list[Turn]:
    """What `Assistant.ask` needs to read a follow-up: earlier questions, answers, filters."""
    return [Turn.from_answer(a) for a in answers]


def _where(c: dict[str, Any]) -> str:
    path = " > ".join(c["section_path"]) or "(preamble)"
    page = f", p. {c['page']}" if c.get("page") else ""
    statement = c.get("quality_statement") or "no quality statement"
    score = f" (score {c['score']})" if c.get("score") else ""
    return f"{c['authority']} | {statement}{score} | {path}{page} | {c['report']}"


def to_markdown(answers: Sequence[Answer], exported_at: datetime | None = None) -> str:
    when = (exported_at or datetime.now(UTC)).isoformat(timespec="seconds")
    # The index fingerprint stays in the JSON export, for tools; a reader has no use for it.
    lines = ["# cqc-rag conversation", "", f"Exported {when}."]
    for i, answer in enumerate(answers, start=1):
        data = answer.to_json()
        lines += ["", f"## {i}. {' '.join(answer.question.split())}", ""]
        lines.append(answer.text)  # an abstention's text says so itself: not repeated
        if data["citations"]:
            lines += ["", "Sources:", ""]
            for c in {c["n"]: c for c in data["citations"]}.values():
                lines.append(f"- {marker(c['n'])} {_where(c)}")
                # Every line of a quote that spans lines stays inside the quote block.
                lines += [
                    f"  > {line}" if line.strip() else "  >" for line in c["quote"].splitlines()
                ]
        elif answer.abstained and data["passages"]:
            lines += ["", "Closest passages:", ""]
            lines += [f"- {_where({**p, 'score': None})}" for p in data["passages"][:3]]
    return "\n".join(lines) + "\n"


def to_json(answers: Sequence[Answer], exported_at: datetime | None = None) -> dict[str, Any]:
    """{"exported_at", "turns": [Answer.to_json(), ...]}: the `ask --json` object per turn."""
    when = (exported_at or datetime.now(UTC)).isoformat(timespec="seconds")
    return {"exported_at": when, "turns": [a.to_json() for a in answers]}


def write_exports(
    answers: Sequence[Answer], folder: Path, exported_at: datetime | None = None
) -> tuple[Path, Path, Path]:
    """conversation-<time>.md, .json and .docx in `folder`; returns their paths."""
    from ui.export_docx import write_docx

    when = exported_at or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"conversation-{when.strftime('%Y%m%d-%H%M%S')}"
    md, js, docx = stem.with_suffix(".md"), stem.with_suffix(".json"), stem.with_suffix(".docx")
    md.write_text(to_markdown(answers, when), encoding="utf-8")
    js.write_text(
        json.dumps(to_json(answers, when), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    write_docx(answers, docx, when)
    return md, js, docx
