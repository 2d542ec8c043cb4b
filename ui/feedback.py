"""Thumbs up/down on answers, kept in <data_dir>/feedback.jsonl, and their export as
evaluation-set lines.

The file is append-only: one JSON object per line, written whole under a file lock, so two
UI processes never interleave half lines. Adding a reason later appends the record again
with the same id; readers keep the last line per id. Records are pydantic models
(`extra="forbid"`) because the file is read back from disk. This module knows nothing of
Gradio; it does not judge whether feedback is right (a person reviews the export).
"""

from __future__ import annotations

import errno
import json
import os
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

REASONS: tuple[str, ...] = ("wrong passage", "incomplete", "should have said not found")
NOT_FOUND_REASON = REASONS[2]
# A comment is a sentence or a paragraph; 5 MB comments were stored before these limits.
MAX_COMMENT = 2000
MAX_REASON = 200
# One record whole: an answer with its citations (quotes, not passages) is ~2-10 KB.
MAX_RECORD = 200_000
_CITATION_KEYS = (
    "n",
    "chunk_id",
    "report",
    "authority",
    "quality_statement",
    "section_path",
    "quote",
    "page",
)


class FeedbackRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Feedback id; a later line with the same id supersedes this one.")
    timestamp: str = Field(description="ISO 8601, UTC.")
    rating: Literal["up", "down"]
    reason: str | None = Field(None, description=f"One of {REASONS} or None.")
    comment: str | None = Field(None, description="Free text from the user.")
    question: str
    answer: str
    abstained: bool
    citations: list[dict[str, Any]]
    filters: dict[str, Any]
    index_fingerprint: str


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        # A folder that existed and then vanished is a data dir deleted under a running
        # server: feedback then says so instead of writing into a new, empty data dir.
        self._folder_existed = path.parent.is_dir()

    def add(
        self,
        answer: Mapping[str, Any],
        rating: str,
        *,
        reason: str | None = None,
        comment: str | None = None,
        feedback_id: str | None = None,
    ) -> FeedbackRecord:
        """Store feedback on one answer (`Answer.to_json()` shape). Reuse `feedback_id` to
        amend earlier feedback, e.g. to add the reason after the thumb."""
        if rating not in ("up", "down"):
            raise ValueError(f"Feedback rating {rating!r} is not 'up' or 'down'.")
        for label, text, limit in (
            ("comment", comment, MAX_COMMENT),
            ("reason", reason, MAX_REASON),
        ):
            if text and len(text) > limit:
                raise ValueError(
                    f"The feedback {label} is {len(text):,} characters; the limit is {limit:,}. Shorten it."
                )
        record = FeedbackRecord(
            id=feedback_id or uuid.uuid4().hex,
            timestamp=datetime.now(UTC).isoformat(timespec="seconds"),
            rating=rating,  # type: ignore[arg-type]
            reason=(reason or "").strip() or None,
            comment=(comment or "").strip() or None,
            question=str(answer["question"]),
            answer=str(answer["answer"]),
            abstained=bool(answer.get("abstained", False)),
            citations=[{k: c.get(k) for k in _CITATION_KEYS} for c in answer.get("citations", [])],
            filters=dict(answer.get("filters") or {}),
            index_fingerprint=str(answer.get("index_fingerprint", "")),
        )
        line = record.model_dump_json()
        if len(line) > MAX_RECORD:
            raise ValueError(
                f"This feedback would store {len(line):,} characters (limit {MAX_RECORD:,}): the "
                "answer sent with it is not an /ask result of this server. Send the /ask result as it came."
            )
        self._append(line)
        return record

    def _append(self, line: str) -> None:
        from filelock import FileLock

        if self._folder_existed and not self.path.parent.is_dir():
            raise FileNotFoundError(
                errno.ENOENT,
                "the data dir was deleted while the server was running",
                str(self.path),
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One write of the whole line under the lock, then fsync: no half or interleaved records.
        with (
            FileLock(str(self.path) + ".lock", timeout=30),
            self.path.open("a", encoding="utf-8") as f,
        ):
            f.write(line + "\n")
            f.flush()
            os.fsync(f.fileno())

    def records(self) -> list[FeedbackRecord]:
        """Latest version of each record, oldest first. Unreadable lines are skipped."""
        if not self.path.exists():
            return []
        latest: dict[str, FeedbackRecord] = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                record = FeedbackRecord.model_validate_json(line)
            except ValueError:
                continue  # a hand-edited or foreign line; the rest of the file still counts
            latest.pop(record.id, None)
            latest[record.id] = record
        return list(latest.values())


def export_feedback_as_eval_lines(records: Iterable[FeedbackRecord]) -> list[dict[str, Any]]:
    """Evaluation-set lines ({"id","question","answerable","gold_quotes","facts","filters"}):

    - an upvoted answer: answerable, its cited quotes are the gold quotes (an upvoted
      "not found" becomes an unanswerable line);
    - a downvote saying "should have said not found": unanswerable.
    Other downvotes say something is wrong but not what is right, so they stay in
    feedback.jsonl for review and are not exported. The latest record per question wins.
    """
    lines: dict[str, dict[str, Any]] = {}
    for r in records:
        if r.rating == "up":
            answerable = not r.abstained
            quotes = [str(c["quote"]) for c in r.citations if c.get("quote")] if answerable else []
            if answerable and not quotes:
                continue
        elif r.reason == NOT_FOUND_REASON:
            answerable, quotes = False, []
        else:
            continue
        key = " ".join(r.question.lower().split())
        lines.pop(key, None)
        lines[key] = {
            "id": f"feedback-{r.id[:12]}",
            "question": r.question,
            "answerable": answerable,
            "gold_quotes": quotes,
            "facts": [],
            "filters": dict(r.filters),
        }
    return list(lines.values())


def eval_lines_text(records: Iterable[FeedbackRecord]) -> str:
    return "".join(
        json.dumps(line, ensure_ascii=False) + "\n"
        for line in export_feedback_as_eval_lines(records)
    )
