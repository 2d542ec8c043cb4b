"""Parameter sweeps: run the evaluation once per configuration and tabulate the metrics.

`parse_sweep("k=3,5,10 chunk_tokens=128,192")` gives the cartesian product of the
values (six configurations here); the names a sweep accepts come from `SWEEPABLE`, which
maps each to the run's `k` or to a settings override. `run_sweep` builds an assistant
per configuration (a changed chunk size means another fingerprint, hence another
collection, which it fills by ingesting the given files) and runs `run_eval` into a
subfolder; `sweep_table` lays the results side by side. Building assistants from
options is the caller's job (the CLI passes `rag.building.build_assistant`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.dataset import EvalQuestion
from eval.metrics import METRICS
from eval.records import RunSummary
from eval.report import fmt, md_table
from eval.runner import Progress, run_eval
from rag.errors import CqcRagError

# sweep name -> (settings override key, or "k" for the run parameter; value type)
SWEEPABLE: dict[str, tuple[str, type]] = {
    "k": ("k", int),
    "chunk_tokens": ("chunking__max_tokens", int),
    "candidates": ("retrieval__candidates", int),
    "abstain_below": ("answer__abstain_below", float),
}


LEGEND = "Columns: " + "; ".join(f"{m.short} = {m.label}" for m in METRICS) + "."


class SweepError(CqcRagError):
    """A sweep specification that cannot be run."""


@dataclass(frozen=True, slots=True)
class SweepConfig:
    values: tuple[tuple[str, Any], ...]  # (sweep name, value) in the order given

    @property
    def name(self) -> str:
        return " ".join(f"{key}={value}" for key, value in self.values)

    @property
    def slug(self) -> str:
        return "_".join(f"{key}-{value}" for key, value in self.values)

    @property
    def k(self) -> int | None:
        return dict(self.values).get("k")

    def overrides(self) -> dict[str, Any]:
        return {SWEEPABLE[key][0]: value for key, value in self.values if key != "k"}


def parse_sweep(spec: str) -> list[SweepConfig]:
    """'k=3,5 chunk_tokens=128' -> [k=3 chunk_tokens=128, k=5 chunk_tokens=128].
    A path to an existing file reads the specification from it (# starts a comment)."""
    path = Path(spec)
    if "=" not in spec and path.is_file():
        spec = " ".join(
            line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
        )
    axes: list[list[tuple[str, Any]]] = []
    for part in spec.split():
        key, sep, raw = part.partition("=")
        if not sep or not raw:
            raise SweepError(f"Cannot read sweep part {part!r}: write NAME=V1,V2 (e.g. k=3,5,10).")
        if key not in SWEEPABLE:
            raise SweepError(f"Cannot sweep {key!r}. Sweepable: {', '.join(SWEEPABLE)}.")
        kind = SWEEPABLE[key][1]
        try:
            axes.append([(key, kind(v)) for v in raw.split(",") if v])
        except ValueError as exc:
            raise SweepError(
                f"Sweep {key}={raw}: every value must be a {kind.__name__} ({exc})."
            ) from exc
    if not axes:
        raise SweepError('The sweep is empty. Example: --sweep "k=3,5,10 chunk_tokens=128,192".')
    if len({axis[0][0] for axis in axes}) != len(axes):
        raise SweepError(
            f"A name is repeated in the sweep {spec!r}: give each name once, with all its values."
        )
    return [SweepConfig(tuple(combo)) for combo in itertools.product(*axes)]


def run_sweep(
    configs: Sequence[SweepConfig],
    questions: Sequence[EvalQuestion],
    out_dir: Path,
    *,
    build: Callable[..., Any],
    base_overrides: dict[str, Any],
    ingest_paths: Sequence[Path],
    k: int | None,
    resume: bool = False,
    progress: Callable[[str], Progress] | None = None,
    dataset: Path | None = None,
    dataset_hash: str | None = None,
    ingest_progress: Callable[[str], Any] | None = None,
    baseline: RunSummary | None = None,
) -> list[tuple[SweepConfig, RunSummary]]:
    """Run every configuration into out_dir/<slug>/ and write out_dir/sweep.md."""
    results = []
    for config in configs:
        assistant = build(**{**base_overrides, **config.overrides()})
        if ingest_paths:
            hook = ingest_progress(config.name) if ingest_progress else None
            outcomes = assistant.ingest(list(ingest_paths), progress=hook)
            failed = [o for o in outcomes if not o.ok]
            if failed:
                raise SweepError(
                    f"{config.name}: could not index {failed[0].path}: {failed[0].message}"
                )
        summary = run_eval(
            assistant,
            questions,
            out_dir / config.slug,
            k=config.k or k,
            resume=resume,
            progress=progress(config.name) if progress else None,
            dataset=dataset,
            dataset_hash=dataset_hash,
            settings=_settings(assistant),
        )
        results.append((config, summary))
    header, rows = sweep_table(results, baseline)
    (Path(out_dir) / "sweep.md").write_text(
        f"# Sweep\n\n{len(questions)} questions; one folder per configuration.\n\n{md_table(header, rows)}\n\n"
        f"{LEGEND}\n",
        encoding="utf-8",
    )
    return results


def sweep_table(
    results: Sequence[tuple[SweepConfig, RunSummary]], baseline: RunSummary | None = None
) -> tuple[list[str], list[list[str]]]:
    header = ["configuration", "index", *(m.short for m in METRICS)]
    rows = [
        [config.name, run.fingerprint, *(fmt(m, run.metrics.get(m.key)) for m in METRICS)]
        for config, run in results
    ]
    if baseline is not None:
        rows.append(
            [
                baseline.system,
                baseline.fingerprint,
                *(fmt(m, baseline.metrics.get(m.key)) for m in METRICS),
            ]
        )
    return header, rows


def _settings(assistant: Any) -> dict[str, Any] | None:
    settings = getattr(assistant, "settings", None)
    return settings.model_dump(mode="json") if settings is not None else None
