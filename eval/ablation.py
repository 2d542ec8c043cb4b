"""What each answer rule does: every set asked with all rules on, then once per rule with
that rule switched off (`Settings.answer.off`), on the same index and model.

For each rule and set: the change in the quality metrics when the rule is off (a rule
that helps shows a negative change) and the questions whose pass/fail flips. A rule
whose switch flips nothing on any set helps no class of question the sets hold. Answers
are judged exactly as `cqc-rag eval` judges them (`eval.runner.score`); nothing is written
but the table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eval.dataset import EvalQuestion
from eval.metrics import Judged, aggregate
from eval.runner import _ask, score
from rag.rules import RULES

KEYS = (
    ("citation_precision", "citP"),
    ("fact_recall", "facts"),
    ("abstention_accuracy", "abstain"),
    ("false_abstention", "falseAbst"),
    ("hit_5", "hit@5"),
)


@dataclass(frozen=True, slots=True)
class RuleEffect:
    rule: str
    stage: str
    dataset: str
    delta: dict[str, float | None]  # metric with the rule off minus with it on
    broke: tuple[str, ...]  # questions that pass with the rule on and fail with it off
    fixed: tuple[str, ...]  # questions that fail with the rule on and pass with it off


def _run(assistant: Any, questions: Sequence[EvalQuestion], k: int | None) -> list[Judged]:
    return [score(q, _ask(assistant, q, k)) for q in questions]


def ablate(
    assistant: Any,
    sets: Mapping[str, Sequence[EvalQuestion]],
    *,
    k: int | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> tuple[dict[str, dict[str, float | None]], list[RuleEffect]]:
    """The metrics of each set with every rule on, and each rule's effect when off."""
    settings = assistant.settings
    base_off = settings.answer.off

    def with_off(off: frozenset[str]) -> None:
        assistant.settings = settings.with_overrides(answer__off=off)

    try:
        with_off(base_off)
        baseline = {name: _run(assistant, qs, k) for name, qs in sets.items()}
        effects = []
        for rule in RULES:
            progress(f"rule {rule.name} off")
            with_off(base_off | {rule.name})
            for name, qs in sets.items():
                judged = _run(assistant, qs, k)
                before, after = aggregate(baseline[name]), aggregate(judged)
                delta = {
                    key: None
                    if before[key] is None or after[key] is None
                    else round(float(after[key]) - float(before[key]), 4)  # type: ignore[arg-type]
                    for key, _ in KEYS
                }
                pairs = list(zip(baseline[name], judged, strict=True))
                effects.append(
                    RuleEffect(
                        rule.name,
                        rule.stage,
                        name,
                        delta,
                        tuple(b.id for b, a in pairs if b.passed and not a.passed),
                        tuple(b.id for b, a in pairs if a.passed and not b.passed),
                    )
                )
    finally:
        assistant.settings = settings
    return {name: aggregate(j) for name, j in baseline.items()}, effects


def ablation_table(
    baseline: Mapping[str, Mapping[str, float | None]], effects: Sequence[RuleEffect]
) -> tuple[list[str], list[list[str]]]:
    """Rows of (rule, set, change per metric with the rule off, questions flipped)."""
    header = ["rule off", "stage", "set", *(short for _, short in KEYS), "flips (broke / fixed)"]
    rows = [
        ["(all on)", "", name, *(_fmt(m[key], signed=False) for key, _ in KEYS), ""]
        for name, m in baseline.items()
    ]
    for e in effects:
        flips = " / ".join(", ".join(ids) or "-" for ids in (e.broke, e.fixed))
        rows.append([e.rule, e.stage, e.dataset, *(_fmt(e.delta[key]) for key, _ in KEYS), flips])
    return header, rows


def _fmt(value: float | None, *, signed: bool = True) -> str:
    if value is None:
        return "-"
    return f"{value:+.3f}" if signed else f"{value:.3f}"
