"""The Evaluation tab in words a service manager reads first, then the engineer's figures.

Three pieces, all pure functions of a run's results.jsonl rows and metrics.json:

- `summary_html`: "Of 87 test questions: 84 answered correctly with the right source; of the
  17 it should have refused, 3 were answered";
- `questions_html`: each question that went wrong, with what went wrong in a sentence
  (`plain_reason` turns the runner's "citation [3] contains no gold quote" into "Source [3]
  does not contain the expected passage");
- `metrics_html`: the metrics with readable names, the runner's key in small print.

It computes no metric of its own beyond counting passed rows; the runner judges.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ui.render import esc

INTRO = (
    "### How far can the answers be trusted?\n"
    "An evaluation asks the assistant a set of test questions whose right answers are known "
    "(which passage holds the answer, and which facts it must state), including questions the "
    "reports do not answer, where the right reply is \u201cnot found\u201d. It then counts how "
    "often the answer was right and quoted the right source. A run of the built-in set "
    "(87 questions) takes a minute or two. Press **Run evaluation** to start, or upload your "
    "own set (a .jsonl file, one question per line; see the README)."
)

# The runner's metric keys, as a reader would name them (and the share's meaning).
READABLE: dict[str, str] = {
    "hit_1": "Right passage found first",
    "hit_3": "Right passage among the first 3",
    "hit_5": "Right passage among the first 5",
    "hit_10": "Right passage among the first 10",
    "mrr_10": "Mean reciprocal rank of the right passage (1 = always first)",
    "ndcg_10": "Ranking quality, nDCG (1 = ideal order)",
    "citation_precision": "Quoted sources that hold the expected passage",
    "citation_recall": "Answers quoting the expected passage",
    "fact_recall": "Expected facts stated in the answer",
    "abstention_accuracy": "Unanswerable questions rightly answered \u201cnot found\u201d",
    "false_abstention": "Answerable questions wrongly answered \u201cnot found\u201d",
    "retrieve_p50_ms": "Search time, typical (median)",
    "retrieve_p95_ms": "Search time, slowest 5%",
    "total_p50_ms": "Answer time, typical (median)",
    "total_p95_ms": "Answer time, slowest 5%",
}

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^answered unanswerable$"),
        "Answered, but the reports do not answer this: it should have said \u201cnot found\u201d.",
    ),
    (
        re.compile(r"^abstained on answerable$"),
        "Said \u201cnot found\u201d, but the reports do answer this.",
    ),
    (
        re.compile(r"^no gold quote in top (\d+) \(first at rank (\d+)\)$"),
        "The right passage was not among the first {0} found (it came {1}th).",
    ),
    (
        re.compile(r"^no gold quote in top (\d+) \(none of .*\)$"),
        "The right passage was not found at all.",
    ),
    (re.compile(r"^no citations$"), "The answer quoted no source."),
    (
        re.compile(r"^no citation contains a gold quote$"),
        "None of the sources quoted holds the expected passage.",
    ),
    (
        re.compile(r"^citation \[(.+)\] contains no gold quote$"),
        "Source [{0}] does not hold the expected passage (the others do).",
    ),
    (
        # the runner writes the fact with repr(): '...' or, when it holds a quote, "..."
        re.compile(r"""^fact ['"](.*)['"] missing from answer$"""),
        "The answer does not state \u201c{0}\u201d.",
    ),
    (re.compile(r"^error: (.*)$", re.S), "The question could not be answered: {0}"),
)


def plain_reason(reason: str) -> str:
    for pattern, text in _RULES:
        m = pattern.match(reason)
        if m:
            groups = [g.replace("|", " or ") for g in m.groups()]
            return text.format(*groups)
    return reason  # a reason this module does not know yet: shown as the runner wrote it


def counts(rows: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    def answerable(r: Mapping[str, Any]) -> bool:
        return bool((r.get("expected") or {}).get("answerable", True))

    should = [r for r in rows if answerable(r)]
    refuse = [r for r in rows if not answerable(r)]
    return {
        "questions": len(rows),
        "answerable": len(should),
        "right": sum(bool(r.get("passed")) for r in should),
        "wrongly_not_found": sum(bool(r.get("abstained")) for r in should),
        "unanswerable": len(refuse),
        "refused": sum(bool(r.get("abstained")) for r in refuse),
        "answered_anyway": sum(not r.get("abstained") for r in refuse),
    }


def _were(n: int) -> str:
    return "was" if n == 1 else "were"


def summary_html(rows: Sequence[Mapping[str, Any]]) -> str:
    if not rows:
        return '<div class="cqc-empty">This run has no per-question results.</div>'
    c = counts(rows)
    others = c["answerable"] - c["right"] - c["wrongly_not_found"]
    lines = [
        f"<b>{c['right']} of {c['answerable']}</b> questions the reports answer were answered "
        "correctly, quoting the right source.",
    ]
    if c["wrongly_not_found"]:
        lines.append(
            f"{c['wrongly_not_found']} of them {_were(c['wrongly_not_found'])} wrongly answered \u201cnot found\u201d."
        )
    if others:
        lines.append(
            f"{others} {_were(others)} answered with a missing fact or a wrong source (listed below)."
        )
    if c["unanswerable"]:
        lines.append(
            f"Of the <b>{c['unanswerable']}</b> questions the reports do not answer, "
            f"{c['refused']} {_were(c['refused'])} rightly answered \u201cnot found\u201d and "
            f"<b>{c['answered_anyway']}</b> {_were(c['answered_anyway'])} answered anyway."
        )
    items = "".join(f"<li>{line}</li>" for line in lines)
    return (
        f'<div class="cqc-eval-summary"><p class="cqc-eval-headline">Of {c["questions"]} test questions:</p>'
        f"<ul>{items}</ul></div>"
    )


def questions_html(rows: Sequence[Mapping[str, Any]], limit: int = 50) -> str:
    wrong = [r for r in rows if r.get("passed") is False]
    if not wrong:
        return '<div class="cqc-empty">Every question was answered as expected.</div>'
    items = []
    for r in wrong[:limit]:
        reasons = "".join(f"<li>{esc(plain_reason(str(x)))}</li>" for x in r.get("reasons") or [])
        answer = " ".join(str(r.get("answer", "")).split())
        short = answer if len(answer) <= 240 else answer[:239] + "…"
        items.append(
            f'<li class="cqc-eval-q"><b>{esc(r.get("question", r.get("id", "")))}</b>'
            f'<ul class="cqc-eval-why">{reasons}</ul>'
            f'<div class="cqc-eval-answer">Answer given: {esc(short)}</div></li>'
        )
    more = f"<p>… and {len(wrong) - limit} more (see report.md).</p>" if len(wrong) > limit else ""
    return f'<ol class="cqc-eval-list">{"".join(items)}</ol>{more}'


def metrics_html(metrics: Mapping[str, Any]) -> str:
    """The engineer's figures: readable name, value (a share as a percentage), runner key."""
    inner = metrics.get("metrics")
    figures: Mapping[str, Any] = inner if isinstance(inner, Mapping) else metrics
    rows = []
    for key, value in figures.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        shown = f"{value:.0f} ms" if key.endswith("_ms") else f"{value:.1%}"
        name = READABLE.get(key, key)
        rows.append(
            f'<tr><td>{esc(name)} <span class="cqc-key">{esc(key)}</span></td><td>{esc(shown)}</td></tr>'
        )
    if not rows:
        return '<div class="cqc-empty">No metrics in this run.</div>'
    return f'<table class="cqc-metrics"><tbody>{"".join(rows)}</tbody></table>'
