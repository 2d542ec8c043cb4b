"""One corpus size measured in this process: ingest, the embedding floor, re-ingest,
warm query latency, disk, peak memory, and the llama-index baseline beside it.

`measure_size` takes an assistant built by the caller (the real one in
`eval.bench.worker`, fakes in tests) whose embedder and store are the stopwatch wrappers
of `eval.bench.timers`, so each phase also says where its time went. The ingest is timed
after the model is loaded (its load is reported apart): the ratio to the raw embedding
time then compares like with like. Whole-process figures (cold start, `--help`, the CLI
re-ingest) are `eval.bench.process`'s; rendering is `eval.bench.report`'s.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol

from eval.bench.queries import BenchQuery
from eval.bench.timers import Split, TimedEmbedder, TimedStore
from eval.metrics import percentile
from rag.types import Answer, Filters
from rag.windows import window_texts


class Baseline(Protocol):
    """What the bench needs of `eval.baseline.LlamaIndexBaseline`."""

    nodes: int

    def build(self) -> None: ...
    def ask(
        self, question: str, *, filters: Filters | None = None, k: int | None = None
    ) -> Answer: ...
    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Latency:
    p50_ms: float | None
    p95_ms: float | None
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Latency:
        p50, p95 = percentile(values, 50), percentile(values, 95)
        return cls(
            None if p50 is None else round(p50, 2),
            None if p95 is None else round(p95, 2),
            len(values),
        )


@dataclass(frozen=True, slots=True)
class SizeRow:
    """Every figure for one corpus size; None where it was not measured."""

    authorities: int
    files: int
    chunks: int
    model_load_s: float
    ingest_s: float
    raw_embed_s: float
    reingest_s: float  # in this process, warm: hashing files and comparing with the manifest
    index_bytes: int
    peak_rss_bytes: int  # high-water mark of the process that ingested and asked
    retrieve: Latency
    ask: Latency
    retrieve_unfiltered: Latency
    retrieve_filtered: Latency
    ask_unfiltered: Latency
    ask_filtered: Latency
    abstained: int
    ingest_splits: tuple[Split, ...] = ()
    ask_splits: tuple[Split, ...] = ()
    windows: int = 0  # sentence windows embedded (rag.windows): what the raw floor embeds
    precision: str = ""  # what the embedder ran: "bf16 autocast" or "fp32" (rag.embedder)
    baseline_ingest_s: float | None = None
    baseline_nodes: int | None = None
    baseline_retrieve: Latency | None = None
    cold_ask_s: float | None = None  # `cqc-rag ask` as a new process, to the printed answer
    cold_ask_rss_bytes: int | None = None
    torch_import_s: float | None = None  # `python -c "import torch"`, taken in turn with it
    reingest_cli_s: float | None = None  # `cqc-rag ingest` of the unchanged corpus, whole process
    help_s: float | None = None
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after
    # The high-water mark after each phase (it never falls), to say which phase set it.
    peak_by_phase: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = field(default=())
    reused: bool = False  # the index came from an earlier run: ingest and raw embedding untimed

    @property
    def cold_ratio(self) -> float | None:
        """Cold ask over the torch import: the cold-start figure (target <= 1.6x)."""
        if self.cold_ask_s is None or not self.torch_import_s:
            return None
        return self.cold_ask_s / self.torch_import_s

    @property
    def ingest_rate(self) -> float:
        return self.chunks / self.ingest_s if self.ingest_s else 0.0

    @property
    def raw_rate(self) -> float:
        return self.chunks / self.raw_embed_s if self.raw_embed_s else 0.0

    @property
    def ratio(self) -> float | None:
        return self.ingest_s / self.raw_embed_s if self.raw_embed_s else None

    @property
    def ingest_embed_s(self) -> float:
        """Seconds ingest spent inside `embed`: ingest minus this is pure overhead, a
        figure that load on the machine shifts far less than the ingest/raw ratio."""
        return sum(s.seconds for s in self.ingest_splits if s.name == "embedder.embed")

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out |= {
            "ingest_chunks_per_s": round(self.ingest_rate, 2),
            "raw_chunks_per_s": round(self.raw_rate, 2),
            "ingest_over_raw": None if self.ratio is None else round(self.ratio, 3),
            "ingest_overhead_s": round(self.ingest_s - self.ingest_embed_s, 3),
            "cold_ask_over_torch_import": None
            if self.cold_ratio is None
            else round(self.cold_ratio, 3),
        }
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SizeRow:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in (
            "retrieve",
            "ask",
            "retrieve_unfiltered",
            "retrieve_filtered",
            "ask_unfiltered",
            "ask_filtered",
            "baseline_retrieve",
        ):
            if isinstance(values.get(key), dict):
                values[key] = Latency(**values[key])
        for key in ("ingest_splits", "ask_splits"):
            values[key] = tuple(Split(**s) for s in values.get(key, ()))
        values["load"] = tuple(values.get("load", (0.0, 0.0)))
        values["notes"] = tuple(values.get("notes", ()))
        values["peak_by_phase"] = tuple(
            (str(k), int(v)) for k, v in values.get("peak_by_phase", ())
        )
        return cls(**values)


def disk_bytes(folder: Path) -> int:
    """What `du -s` reports: allocated blocks, not apparent sizes (Chroma preallocates)."""
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                continue
    return total


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def _query_bar(total: int, label: str) -> Callable[[], None]:
    from tqdm import tqdm

    bar = tqdm(total=total, desc=label, unit="q", file=sys.stderr, leave=False)

    def step() -> None:
        bar.update(1)
        if bar.n >= total:
            bar.close()

    return step


def measure_size(
    assistant: Any,
    paths: Sequence[Path],
    queries: Sequence[BenchQuery],
    *,
    authorities: int,
    warmup: int = 5,
    baseline: Callable[[list[Path]], Baseline] | None = None,
    ingest_progress: Callable[[str, int, int], None] | None = None,
    show_progress: bool = True,
    reuse: bool = False,
) -> SizeRow:
    """Ingest `paths` into an empty index, then measure; `queries[:warmup]` only warm up.

    With `reuse`, the data dir already holds this corpus (an earlier run's index, kept by
    `cqc-rag bench --reuse-index`): the ingest and the raw-embedding floor are not timed
    (a 153-authority fp32 ingest takes about an hour here), the asks, memory and re-ingest are.
    """
    from rag.paths import expand_paths

    embedder, store = assistant.embedder, assistant.index.store
    if not isinstance(embedder, TimedEmbedder) or not isinstance(store, TimedStore):
        raise TypeError(
            "measure_size needs an Assistant built with TimedEmbedder and TimedStore wrappers"
        )
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    # Both engines (rag.embedder): one text loads the numpy encoder questions use, a call
    # of more than one batch the sentence-transformers model ingest uses.
    embedder.embed(["Loading the model before the clock starts."])
    embedder.embed(["Loading the bulk model", "before the clock starts."], batch_size=1)
    model_load_s = time.perf_counter() - started
    embedder.take()
    phases = [("model loaded", peak_rss_bytes())]

    files = expand_paths(paths)[0]
    started = time.perf_counter()
    outcomes = assistant.ingest(list(paths), progress=ingest_progress)
    ingest_s = time.perf_counter() - started
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise RuntimeError(f"bench ingest failed for {failed[0].path}: {failed[0].message}")
    changed = [o for o in outcomes if o.status != "unchanged"]
    if reuse and changed:
        raise RuntimeError(
            f"--reuse-index: the index in {assistant.settings.data_dir} does not hold this "
            f"corpus ({len(changed)} file(s) were new or changed, e.g. {changed[0].path}). "
            "Run the bench without --reuse-index to build it."
        )
    ingest_splits = embedder.take() + store.take()
    phases.append(("ingest", peak_rss_bytes()))

    texts = window_texts(assistant.index.records)  # what ingest embeds (rag.windows)
    raw_embed_s = 0.0
    if not reuse:
        started = time.perf_counter()
        embedder.inner.embed(texts, batch_size=assistant.settings.embedding.batch_size)
        raw_embed_s = time.perf_counter() - started
        phases.append(("raw embedding", peak_rss_bytes()))

    started = time.perf_counter()
    again = assistant.ingest(list(paths))
    reingest_s = time.perf_counter() - started
    changed = [o for o in again if o.status != "unchanged"]
    notes = (
        [f"re-ingest touched {len(changed)} file(s), e.g. {changed[0].path} ({changed[0].status})"]
        if changed
        else []
    )
    if reuse:
        notes.append(
            "index reused from an earlier run (--reuse-index): ingest and raw embedding not timed"
        )

    for q in queries[:warmup]:
        assistant.ask(q.text, filters=Filters(authority=q.authority))
    embedder.take(), store.take()
    timed = list(queries[warmup:])
    step = (
        _query_bar(len(timed), f"ask x{len(timed)}") if show_progress and timed else (lambda: None)
    )
    walls: dict[str, list[float]] = {"none": [], "filtered": []}
    retrieves: dict[str, list[float]] = {"none": [], "filtered": []}
    abstained = 0
    for q in timed:
        group = "none" if q.mode == "none" else "filtered"
        t0 = time.perf_counter()
        answer = assistant.ask(q.text, filters=Filters(authority=q.authority))
        walls[group].append((time.perf_counter() - t0) * 1000)
        if (
            answer.timings_ms.get("retrieve", 0.0) > 0
        ):  # the score and unknown-name shortcuts do not retrieve
            retrieves[group].append(answer.timings_ms["retrieve"])
        abstained += answer.abstained
        step()
    ask_splits = embedder.take() + store.take()
    data_dir = assistant.settings.data_dir
    row = SizeRow(
        authorities=authorities,
        files=len(files),
        chunks=len(assistant.index.records),
        windows=len(texts),
        precision="bf16 autocast" if getattr(embedder.inner, "bf16", False) else "fp32",
        model_load_s=round(model_load_s, 3),
        ingest_s=0.0 if reuse else round(ingest_s, 3),
        raw_embed_s=round(raw_embed_s, 3),
        reused=reuse,
        reingest_s=round(reingest_s, 3),
        index_bytes=disk_bytes(data_dir) if Path(data_dir).exists() else 0,
        peak_rss_bytes=peak_rss_bytes(),
        peak_by_phase=(*phases, ("re-ingest and asks", peak_rss_bytes())),
        retrieve=Latency.of(retrieves["none"] + retrieves["filtered"]),
        ask=Latency.of(walls["none"] + walls["filtered"]),
        retrieve_unfiltered=Latency.of(retrieves["none"]),
        retrieve_filtered=Latency.of(retrieves["filtered"]),
        ask_unfiltered=Latency.of(walls["none"]),
        ask_filtered=Latency.of(walls["filtered"]),
        abstained=abstained,
        ingest_splits=ingest_splits,
        ask_splits=ask_splits,
        notes=tuple(notes),
    )
    if baseline is not None:
        row = _with_baseline(row, baseline(files), timed, show_progress)
    from dataclasses import replace

    return replace(row, load=(round(load_before, 2), round(os.getloadavg()[0], 2)))


def _with_baseline(
    row: SizeRow, base: Baseline, queries: Sequence[BenchQuery], show_progress: bool
) -> SizeRow:
    """The llama-index quickstart on the same files and questions (it ignores filters)."""
    from dataclasses import replace

    try:
        started = time.perf_counter()
        base.build()
        build_s = time.perf_counter() - started
        step = _query_bar(len(queries), "baseline") if show_progress and queries else (lambda: None)
        retrieve = []
        for q in queries:
            retrieve.append(base.ask(q.text).timings_ms["retrieve"])
            step()
        return replace(
            row,
            baseline_ingest_s=round(build_s, 3),
            baseline_nodes=base.nodes,
            baseline_retrieve=Latency.of(retrieve),
        )
    finally:
        base.close()
