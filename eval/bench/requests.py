"""One request of a load run, timed and checked: what `cqc-rag load`, its leak mode and the
stress scripts share (kept apart so none of them imports another for it)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Ask = Callable[[tuple[str, str, str]], Any]  # (question, authority, statement) -> /ask result


@dataclass(frozen=True, slots=True)
class Sample:
    user: int
    seconds: float
    error: str | None


def answer_keys() -> frozenset[str]:
    """The keys every /ask result carries: those of `Answer.to_json()` itself."""
    from rag.types import Answer

    return frozenset(Answer("", "", True, (), (), {}, "").to_json())


def problem(got: Any, keys: frozenset[str]) -> str | None:
    if not isinstance(got, dict):
        return f"/ask returned {type(got).__name__}, not the answer object"
    missing = sorted(keys - set(got))
    return f"/ask result lacks {', '.join(missing)}" if missing else None


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default): [1,2,3,4] at 50 -> 2.5."""
    if not values:
        return 0.0
    ordered = sorted(values)
    where = (len(ordered) - 1) * pct / 100
    low = int(where)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (where - low)


def timed(ask: Ask, item: tuple[str, str, str], keys: frozenset[str], user: int) -> Sample:
    started = time.perf_counter()
    try:
        error = problem(ask(item), keys)
    except Exception as exc:  # any failure of the request is what we count, not a crash
        error = f"{type(exc).__name__}: {exc}"[:300]
    return Sample(user, time.perf_counter() - started, error)
