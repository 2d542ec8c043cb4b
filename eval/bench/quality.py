"""Quality at scale: the evaluation set on the small corpus, then again with every
generated authority indexed beside it as distractors, and checks that authority filters
and follow-ups stay on the right council.

Both runs go through `eval.runner.run_eval` (the same scoring as `cqc-rag eval`). The
drop in hit@5 and in citation precision may be at most `MAX_DROP`. The council checks
ask, for a deterministic sample of authorities, a question
with an authority filter, one naming the council, and a follow-up to each that names no
council; the small corpus's own councils are always among them. Every passage and
citation must belong to that council. This module builds no
assistant itself: the caller passes a factory (the CLI's, or fakes in tests).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

from rag.types import Answer, Filters, Turn

MAX_DROP = 0.03
METRICS = ("hit_5", "citation_precision")
_FIRST = "What did {place} find about unpaid carers?"
_FIRST_FILTERED = "What were the main concerns about waiting for assessments?"
_FOLLOW = "And what about direct payments?"


@dataclass(frozen=True, slots=True)
class CouncilCheck:
    authority: str
    how: str  # "filter", "named", "filter follow-up", "named follow-up"
    question: str
    wrong: tuple[str, ...]  # authorities of passages/citations that are not `authority`

    @property
    def ok(self) -> bool:
        return not self.wrong


@dataclass(frozen=True, slots=True)
class QualityResult:
    small: dict[str, float | None]
    large: dict[str, float | None]
    small_chunks: int
    large_chunks: int
    checks: tuple[CouncilCheck, ...]
    filtered_eval: tuple[
        tuple[str, bool], ...
    ]  # eval questions with an authority filter: all on it?
    # (question id, metric, small, large) wherever a gated metric moved: what the drop is made of
    changed: tuple[tuple[str, str, float | None, float | None], ...] = ()

    def drop(self, key: str) -> float | None:
        a, b = self.small.get(key), self.large.get(key)
        return None if a is None or b is None else round(a - b, 4)

    @property
    def ok(self) -> bool:
        drops_ok = all((self.drop(k) or 0.0) <= MAX_DROP for k in METRICS)
        return (
            drops_ok and all(c.ok for c in self.checks) and all(ok for _, ok in self.filtered_eval)
        )


def _off_council(answer: Answer, authority: str) -> tuple[str, ...]:
    seen = [p.record.authority for p in answer.passages] + [
        c.record.authority for c in answer.citations
    ]
    return tuple(sorted({a for a in seen if a.lower() != authority.lower()}))


def council_checks(
    assistant: Any, authorities: Sequence[str], seed: int, *, always: Sequence[str] = (), n: int = 8
) -> list[CouncilCheck]:
    """Filter, name and follow up on `n` sampled authorities plus every one in `always`."""
    pool = sorted(set(authorities) - set(always))
    rng = Random(f"cqc-rag-bench-quality:{seed}")
    chosen = sorted({*rng.sample(pool, min(n, len(pool))), *always})
    out: list[CouncilCheck] = []
    for place in chosen:
        for how, question, filters in (
            ("filter", _FIRST_FILTERED, Filters(authority=place)),
            ("named", _FIRST.format(place=place), Filters()),
        ):
            first = assistant.ask(question, filters=filters)
            out.append(CouncilCheck(place, how, question, _off_council(first, place)))
            turn = Turn(question, first.text, first.filters)
            follow = assistant.ask(_FOLLOW, history=[turn])
            out.append(
                CouncilCheck(place, f"{how} follow-up", _FOLLOW, _off_council(follow, place))
            )
    return out


def run_quality(
    build: Callable[[Path], Any],
    small_paths: Sequence[Path],
    distractors: Sequence[Path],
    questions_paths: Sequence[Path],
    out: Path,
    *,
    seed: int,
    reuse: Path | None = None,
    ingest_progress: Callable[[], Any] | None = None,
    eval_progress: Callable[[str], Callable[[int, int], None]] | None = None,
) -> dict[str, QualityResult]:
    """Evaluate each question set on `small_paths`, then on them plus `distractors` (index
    copied from `reuse` if given); one result per set, keyed by the file's stem."""
    from eval.dataset import dataset_hash, load_dataset
    from eval.runner import run_eval

    sets = {p.stem: (p, load_dataset(p), dataset_hash(p)) for p in questions_paths}
    runs: dict[str, dict[str, Any]] = {name: {} for name in sets}
    chunks = {}
    for corpus, paths in (("small", list(small_paths)), ("large", [*distractors, *small_paths])):
        data = out / corpus / "data"
        shutil.rmtree(data, ignore_errors=True)
        if corpus == "large" and reuse is not None and reuse.is_dir():
            shutil.copytree(
                reuse, data
            )  # the bench's 153-authority index: only the small corpus's files are new
        assistant = build(data)
        if ingest_progress is not None:
            with ingest_progress() as bar:
                outcomes = assistant.ingest(paths, progress=bar.update)
        else:
            outcomes = assistant.ingest(paths)
        failed = [o for o in outcomes if not o.ok]
        if failed:
            raise RuntimeError(f"quality ingest failed for {failed[0].path}: {failed[0].message}")
        chunks[corpus] = len(assistant.index.records)
        if corpus == "small":
            own = assistant.index.authorities()  # the real and sample councils: always checked
        for name, (path, questions, digest) in sets.items():
            runs[name][corpus] = run_eval(
                assistant,
                questions,
                out / corpus / "eval" / name,
                k=None,
                dataset=path,
                dataset_hash=digest,
                system=f"cqc-rag ({corpus} corpus)",
                progress=eval_progress(f"{name}, {corpus}") if eval_progress else None,
            )
        if corpus == "large":
            checks = council_checks(assistant, assistant.index.authorities(), seed, always=own)
    results = {}
    for name, run in runs.items():
        filtered = tuple(
            (
                r.question.id,
                all(
                    p.authority.lower() == (r.question.filters.authority or "").lower()
                    for p in (*r.answer.passages, *r.answer.citations)
                ),
            )
            for r in run["large"].results
            if r.question.filters.authority
        )
        results[name] = QualityResult(
            run["small"].metrics,
            run["large"].metrics,
            chunks["small"],
            chunks["large"],
            tuple(checks),
            filtered,
            question_changes(run["small"].results, run["large"].results),
        )
    return results


_PER_QUESTION = {"hit_5": "hit@5", "citation_precision": "citation_precision"}


def question_changes(
    small: Sequence[Any], large: Sequence[Any]
) -> tuple[tuple[str, str, float | None, float | None], ...]:
    """Each question whose hit@5 or citation precision differs between the two runs."""
    before = {r.question.id: r.judged.values() for r in small}
    out = []
    for r in large:
        after, was = r.judged.values(), before.get(r.question.id)
        if was is None:
            continue
        for key, name in _PER_QUESTION.items():
            a, b = was.get(name), after.get(name)
            if a != b:
                out.append((r.question.id, key, a, b))
    return tuple(out)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def quality_markdown(result: QualityResult, name: str = "questions") -> str:
    rows = []
    for key in METRICS:
        drop = result.drop(key)
        status = (
            "-"
            if drop is None
            else ("met" if drop <= MAX_DROP else f"missed by {drop - MAX_DROP:.3f}")
        )
        rows.append(
            f"| {key} | {result.small.get(key)} | {result.large.get(key)} | {drop} | <= {MAX_DROP} | {status} |"
        )
    bad = [c for c in result.checks if not c.ok]
    bad_eval = [qid for qid, ok in result.filtered_eval if not ok]
    lines = [
        f"# cqc-rag bench --quality: {name}",
        "",
        f"Small corpus: {result.small_chunks:,} chunks (the real and sample reports). Large: {result.large_chunks:,} "
        "chunks (the same plus the generated authorities as distractors).",
        "",
        "| metric | small | large | drop | allowed drop | status |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        "Other metrics (small -> large): "
        + ", ".join(
            f"{k} {result.small.get(k)} -> {result.large.get(k)}"
            for k in result.small
            if k not in METRICS
        ),
        "",
        f"Council checks: {len(result.checks) - len(bad)}/{len(result.checks)} kept every passage and citation "
        f"on the right council; eval questions with an authority filter: "
        f"{len(result.filtered_eval) - len(bad_eval)}/{len(result.filtered_eval)}.",
        *(
            f"- WRONG: {c.authority} ({c.how}) {c.question!r} -> also {', '.join(c.wrong)}"
            for c in bad
        ),
        *(f"- WRONG: eval {qid} left its authority filter" for qid in bad_eval),
        "",
        "Questions whose hit@5 or citation precision moved (small -> large):",
        "",
        *(f"- {qid} {key}: {_fmt(a)} -> {_fmt(b)}" for qid, key, a, b in result.changed),
        *(["- none"] if not result.changed else []),
        "",
    ]
    return "\n".join(lines)
