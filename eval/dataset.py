"""The evaluation set: one JSON question per line, validated at the trust boundary.

`load_dataset` reads a JSONL file into `EvalQuestion` models and fails on the first bad
line with an error naming the file, the line number and the fix (malformed JSON, an
unknown or missing field, a wrong type, a repeated id). `dataset_hash` names the exact
file a run was scored against. This module does not score or run anything.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from rag.errors import CqcRagError

EXAMPLE = (
    '{"id": "nm-01", "question": "...", "answerable": true, "gold_quotes": ["..."], '
    '"facts": ["78%"], "filters": {}}'
)


class DatasetError(CqcRagError):
    """The evaluation set cannot be read: missing, empty, or a line is invalid."""


class EvalFilters(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    authority: str | None = Field(None, description="Only passages about this authority.")
    quality_statement: str | None = Field(
        None, description="Only passages under this quality statement."
    )


class AggregateExpected(BaseModel):
    """What an answer over the scores table must hold (kind "aggregate"), scored exactly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    include: tuple[str, ...] = Field(
        (), description="Councils the answer must name; '|' separates accepted spellings."
    )
    exclude: tuple[str, ...] = Field((), description="Councils the answer must not name.")
    numbers: tuple[str, ...] = Field(
        (), description="Values the answer must state ('2.43', '75%'); '|' separates alternatives."
    )
    cited: bool = Field(
        True,
        description="Whether the answer must cite score lines (False: nothing to cite, e.g. 'what would all 3s come to?').",
    )


class EvalQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, description="Unique name of the question, e.g. nm-01.")
    question: str = Field(min_length=1, description="What a user would type.")
    answerable: bool = Field(
        description="False when the reports do not answer it (abstaining is right)."
    )
    gold_quotes: tuple[str, ...] = Field(
        description="Exact report text a supporting passage contains (any one suffices)."
    )
    facts: tuple[str, ...] = Field(
        description="What a correct answer states; '|' separates accepted alternatives."
    )
    filters: EvalFilters = Field(
        EvalFilters(authority=None, quality_statement=None), description="Filters passed to ask()."
    )
    history: tuple[str, ...] = Field(
        (),
        description="Questions asked before this one in the same conversation (a follow-up); optional.",
    )
    kind: Literal["text", "aggregate"] = Field(
        "text", description="'aggregate': a question over the scores table, scored by `expected`."
    )
    expected: AggregateExpected | None = Field(
        None, description="For kind 'aggregate': councils to name and not name, values to state."
    )

    @model_validator(mode="after")
    def _consistent(self) -> EvalQuestion:
        if not self.question.strip():
            raise ValueError("question is blank")
        if not self.answerable and (self.gold_quotes or self.facts):
            raise ValueError("an unanswerable question must have empty gold_quotes and facts")
        if self.kind == "aggregate":
            if self.expected is None:
                raise ValueError(
                    "an aggregate question needs `expected` (include, exclude, numbers)"
                )
            return self
        if self.expected is not None:
            raise ValueError("`expected` is only for questions of kind 'aggregate'")
        if self.answerable and not any(q.strip() for q in self.gold_quotes):
            raise ValueError(
                "an answerable question needs at least one gold quote (retrieval is scored on it)"
            )
        return self


def _describe(exc: ValidationError) -> str:
    """Pydantic's errors as one sentence a dataset author can act on."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            parts.append(f"unknown field {where!r} (allowed: {', '.join(_allowed(err['loc']))})")
        elif err["type"] == "missing":
            parts.append(f"missing field {where!r}")
        elif where:
            parts.append(f"field {where!r}: {err['msg']}")
        else:
            parts.append(err["msg"].removeprefix("Value error, "))
    return "; ".join(parts)


def _allowed(loc: tuple[int | str, ...]) -> list[str]:
    models: dict[str, type[BaseModel]] = {"filters": EvalFilters, "expected": AggregateExpected}
    model = models.get(str(loc[0]) if loc else "", EvalQuestion)
    return list(model.model_fields)


def load_dataset(path: Path) -> list[EvalQuestion]:
    """Every question of a JSONL file, in file order; blank lines are skipped."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(
            f"No evaluation set at {path}. Pass --dataset with a JSONL file, e.g. eval/questions.jsonl."
        )
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(
            f"Cannot read {path}: {exc}. Save it as UTF-8 text, one JSON object per line."
        ) from exc
    questions: list[EvalQuestion] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(
                f"{where}: not valid JSON ({exc.msg} at column {exc.colno}). Each line must be one object like {EXAMPLE}"
            ) from exc
        if not isinstance(raw, dict):
            raise DatasetError(
                f"{where}: expected a JSON object, got {type(raw).__name__}. Each line must be one object like {EXAMPLE}"
            )
        try:
            question = EvalQuestion.model_validate(raw)
        except ValidationError as exc:
            raise DatasetError(f"{where}: {_describe(exc)}. Fix the line and run again.") from exc
        if question.id in first_line:
            raise DatasetError(
                f"{where}: id {question.id!r} is already used on line {first_line[question.id]}. Give each question its own id."
            )
        first_line[question.id] = number
        questions.append(question)
    if not questions:
        raise DatasetError(f"{path} has no questions. Add one JSON object per line, like {EXAMPLE}")
    return questions


def dataset_hash(path: Path) -> str:
    """sha256 of the file's bytes: two runs with the same hash scored the same questions."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
