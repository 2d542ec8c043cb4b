"""`cqc-rag bench` on fakes: the whole pipeline from corpus to table and files, in-process.

The real run (the model, embedded Chroma, one process per size, 153 authorities) takes
20-40 minutes and is run by hand (`cqc-rag bench`); here a tiny corpus, HashingEmbedder
and MemoryStore prove that every column is filled and every file written, and that the
questions are the same every time.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from eval.bench.measure import Latency, SizeRow, disk_bytes, measure_size
from eval.bench.quality import quality_markdown, run_quality
from eval.bench.queries import MODES, bench_queries, subjects
from eval.bench.report import COLUMNS, Target, bench_table, render_markdown, targets, write_outputs
from eval.bench.run import Plan, prepare_corpus, run_bench
from eval.bench.timers import TimedEmbedder, TimedStore
from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.store import MemoryStore
from rag.types import Answer, ChunkRecord, Citation, Filters, Passage
from tests.conftest import SAMPLES

AUTHORITIES = ["Wynwick Council", "Ostholme Borough Council", "Chalworth District Council"]


def fake_assistant(data_dir: Path) -> Assistant:
    return Assistant(
        Settings(data_dir=data_dir),
        embedder=TimedEmbedder(HashingEmbedder()),
        store=TimedStore(MemoryStore()),
    )


class FakeBaseline:
    """Answers every question with one passage after a trivial build."""

    def __init__(self, files: list[Path]) -> None:
        self.files, self.nodes, self.built, self.closed = files, 0, False, False

    def build(self) -> None:
        self.built, self.nodes = True, 2 * len(self.files)

    def ask(self, question: str, *, filters: Filters | None = None, k: int | None = None) -> Answer:
        rec = ChunkRecord(
            "b:0", "b.md", "", "B", None, None, None, None, (), "text", "text", 0, (), 0
        )
        return Answer(
            question,
            "text",
            False,
            (Citation(1, rec, "text", 0),),
            (Passage(1, rec, 0.5),),
            {"retrieve": 3.0, "answer": 0.0, "total": 3.0},
            "baseline",
        )

    def close(self) -> None:
        self.closed = True


def in_process(n: int, paths: list[Path], queries: list, data_dir: Path) -> SizeRow:
    return measure_size(
        fake_assistant(data_dir),
        paths,
        queries,
        authorities=n,
        warmup=2,
        baseline=FakeBaseline,
        show_progress=False,
    )


def test_questions_are_deterministic_distinct_and_cover_every_mode() -> None:
    first = bench_queries(AUTHORITIES, 60, seed=7)
    assert first == bench_queries(
        list(reversed(AUTHORITIES)), 60, seed=7
    )  # order of names does not matter
    assert first != bench_queries(AUTHORITIES, 60, seed=8)
    assert len({(q.text, q.authority) for q in first}) == 60
    assert [q.mode for q in first[:3]] == list(MODES)
    for q in first:
        assert (q.authority is not None) == (q.mode == "filter")
        assert q.mode != "named" or any(a in q.text for a in AUTHORITIES)
        assert not any(
            w in q.text.lower().split() for w in ("score", "rated", "rating")
        )  # no retrieval shortcut
    assert "unpaid carers" in subjects()


def test_questions_refuse_more_than_exist() -> None:
    with pytest.raises(ValueError, match="distinct questions exist"):
        bench_queries(["Wynwick Council"], 100_000, seed=1)
    with pytest.raises(ValueError, match="at least one authority"):
        bench_queries([], 5, seed=1)


def test_quick_bench_on_fakes_writes_the_table_and_files(tmp_path: Path) -> None:
    out = tmp_path / "bench"
    plan = Plan(
        sizes=(1,),
        seed=7,
        queries=6,
        out=out,
        warmup=2,
        process_probes=False,
        help_probe=True,
        serve=False,
    )
    rows, serve, context = run_bench(plan, in_process)
    assert serve is None and len(rows) == 1
    row = rows[0]
    assert row.authorities == 1 and row.chunks > 50 and row.files >= 1
    # chunks are the index's records; windows are what ingest and the raw floor embed
    assert row.windows > row.chunks
    assert row.ingest_s > 0 and row.raw_embed_s > 0 and row.ratio is not None
    assert row.ask.n == 6 and row.retrieve.p95_ms is not None and row.ask.p95_ms >= row.ask.p50_ms
    assert row.baseline_nodes == 2 * row.files and row.baseline_retrieve == Latency(3.0, 3.0, 6)
    assert row.help_s is not None and 0 < row.help_s < 10
    assert {s.name for s in row.ingest_splits} >= {
        "embedder.embed",
        "store.add",
        "embedder.count_word_pieces",
    }
    assert {s.name for s in row.ask_splits} >= {"embedder.embed_query", "store.generation_marker"}
    assert row.reingest_s < row.ingest_s and not row.notes  # the second ingest changed nothing

    table = bench_table(rows)
    header, _, line = table.splitlines()
    assert [c.strip() for c in header.strip("|").split("|")] == list(COLUMNS)
    assert len(line.strip("|").split("|")) == len(COLUMNS)

    files = write_outputs(out, rows, serve, context)
    assert [f.name for f in files] == ["bench.md", "bench.json", "bench.png"]
    assert files[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads(files[1].read_text())
    assert (
        data["rows"][0]["chunks"] == row.chunks and data["rows"][0]["ingest_over_raw"] is not None
    )
    assert {t["name"] for t in data["targets"]} == {
        "retrieve p95",
        "ask p95",
        "ingest / raw embedding",
        "re-ingest unchanged",
        "cqc-rag --help",
        "cold ask / import torch",
        "serve peak memory",
    }
    assert SizeRow.from_json(data["rows"][0]) == row
    md = files[0].read_text()
    assert "## Targets" in md and "## Where the time goes" in md and "store.generation_marker" in md


def test_corpus_is_generated_once_and_reused(tmp_path: Path) -> None:
    first = prepare_corpus(2, 7, tmp_path / "corpus")
    stamp = first[0].paths[0].stat().st_mtime_ns
    again = prepare_corpus(1, 7, tmp_path / "corpus")
    assert again == first[:1] and again[0].paths[0].stat().st_mtime_ns == stamp


def test_target_status_says_by_how_much() -> None:
    assert Target("retrieve p95", 50, "ms", 42.0, "").status == "met"
    assert (
        Target("retrieve p95", 50, "ms", 60.0, "").status == "missed by 10.0 ms (1.20x the target)"
    )
    assert Target("ingest", 1.3, "x", 1.56, "").status == "missed by 0.26x (1.20x the target)"
    assert Target("x", 1, "s", None, "").status == "not measured"


def test_targets_take_the_largest_size_and_the_best_memory_source() -> None:
    small = SizeRow(1, 1, 10, 0.1, 1.0, 0.9, 0.01, 1, 100 * 2**20, *(Latency(1.0, 2.0, 5),) * 6, 0)
    big = SizeRow(
        9,
        9,
        90,
        0.1,
        9.0,
        6.0,
        0.1,
        1,
        3 * 2**30,
        *(Latency(10.0, 60.0, 5),) * 6,
        0,
        cold_ask_rss_bytes=2**30,
        reingest_cli_s=2.0,
        help_s=0.3,
    )
    found = {t.name: t for t in targets([big, small], None)}
    assert found["retrieve p95"].measured == 60.0 and found["retrieve p95"].status.startswith(
        "missed by 10.0 ms"
    )
    assert found["ingest / raw embedding"].measured == pytest.approx(1.5)
    assert (
        found["re-ingest unchanged"].measured == 2.0
        and "CLI" in found["re-ingest unchanged"].source
    )
    assert (
        found["serve peak memory"].measured == pytest.approx(1.0)
        and "cold" in found["serve peak memory"].source
    )
    assert "| 9 |" in render_markdown([small, big], None, {"seed": 7})


def test_stopwatches_pass_results_through_and_count_calls() -> None:
    embedder, store = TimedEmbedder(HashingEmbedder()), TimedStore(MemoryStore())
    vectors = embedder.embed(["unpaid carers", "direct payments"])
    assert np.array_equal(vectors, HashingEmbedder().embed(["unpaid carers", "direct payments"]))
    assert embedder.count_word_pieces("two words") == 2 and embedder.dim == 384
    records, stored = store.records_with_vectors()
    assert records == [] and len(stored) == 0 and store.reports() == []
    splits = {s.name: s.calls for s in embedder.take() + store.take()}
    assert splits == {
        "embedder.embed": 1,
        "embedder.count_word_pieces": 1,
        "store.records_with_vectors": 1,
        "store.reports": 1,
    }
    assert embedder.take() == ()


def test_measure_size_refuses_unwrapped_seams(tmp_path: Path) -> None:
    plain = Assistant(Settings(data_dir=tmp_path), embedder=HashingEmbedder(), store=MemoryStore())
    with pytest.raises(TypeError, match="TimedEmbedder and TimedStore"):
        measure_size(plain, [], [], authorities=0)


def test_disk_bytes_counts_allocated_blocks(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 10_000)
    assert disk_bytes(tmp_path) >= 10_000


def test_quality_on_fakes_compares_and_keeps_councils(tmp_path: Path) -> None:
    rows = [
        line
        for line in (Path(__file__).parents[2] / "eval" / "questions.jsonl")
        .read_text()
        .splitlines()
        if line.startswith(('{"id": "nm-2', '{"id": "sb-1'))
    ]
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(rows) + "\n")
    distractors = [p for e in prepare_corpus(2, 7, tmp_path / "corpus") for p in e.paths]
    results = run_quality(
        fake_assistant,
        [SAMPLES / "northmere.md", SAMPLES / "southbay.md"],
        distractors,
        [questions],
        tmp_path / "quality",
        seed=7,
    )
    assert list(results) == ["q"]
    result = results["q"]
    assert result.large_chunks > result.small_chunks > 0
    assert result.small["hit_5"] is not None and result.drop("hit_5") is not None
    assert {c.authority for c in result.checks} >= {
        "Northmere Borough Council",
        "Southbay City Council",
    }
    assert {c.how for c in result.checks} == {
        "filter",
        "named",
        "filter follow-up",
        "named follow-up",
    }
    assert all(c.ok for c in result.checks), [c for c in result.checks if not c.ok]
    assert result.filtered_eval and all(ok for _, ok in result.filtered_eval)
    md = quality_markdown(result)
    assert "| hit_5 |" in md and "Council checks:" in md
    # what the drop is made of: every question whose gated metrics moved, and only those
    assert all(a != b for _, _, a, b in result.changed)
    for qid, key, _, _ in result.changed:
        assert f"- {qid} {key}: " in md
    if result.drop("hit_5"):
        assert any(key == "hit_5" for _, key, _, _ in result.changed)


def test_question_changes_name_each_moved_metric_and_nothing_else() -> None:
    from types import SimpleNamespace

    from eval.bench.quality import question_changes

    def result(qid: str, hit5: float, precision: float | None) -> SimpleNamespace:
        values = {"abstained": False, "hit@5": hit5, "citation_precision": precision}
        return SimpleNamespace(
            question=SimpleNamespace(id=qid), judged=SimpleNamespace(values=lambda: values)
        )

    small = [result("a", 1.0, 1.0), result("b", 1.0, 0.5), result("c", 0.0, None)]
    large = [
        result("a", 0.0, 0.0),
        result("b", 1.0, 0.5),
        result("c", 0.0, None),
        result("new", 1.0, 1.0),
    ]
    assert question_changes(small, large) == (
        ("a", "hit_5", 1.0, 0.0),
        ("a", "citation_precision", 1.0, 0.0),
    )


def test_cli_rejects_bad_sizes() -> None:
    from eval.bench.cli import bench

    got = CliRunner().invoke(bench, ["--sizes", "1,ten"])
    assert got.exit_code == 2 and "comma-separated list of numbers" in got.output


@pytest.mark.slow
def test_bf16_vectors_match_fp32() -> None:
    """The bench's speed-up (bf16 autocast where the CPU has it) keeps the vectors: an index
    built in either precision can be searched with the other."""
    from rag.embedder import SentenceTransformerEmbedder

    texts = [
        line for line in (SAMPLES / "northmere.md").read_text().split("\n\n") if len(line) > 80
    ][:24]
    fp32 = SentenceTransformerEmbedder(Settings().embedding, precision="fp32").embed(texts)
    bf16 = SentenceTransformerEmbedder(Settings().embedding, precision="bf16").embed(texts)
    assert fp32.shape == bf16.shape == (len(texts), 384) and bf16.dtype == np.float32
    assert float((fp32 * bf16).sum(axis=1).min()) > 0.999


def test_reused_index_times_asks_not_ingest_and_says_so(tmp_path: Path) -> None:
    entries = prepare_corpus(1, 7, tmp_path / "corpus")
    paths = [p for e in entries for p in e.paths]
    queries = list(bench_queries([e.authority for e in entries], 6, seed=7))
    assistant = fake_assistant(tmp_path / "data")
    measure_size(assistant, paths, queries, authorities=1, warmup=2, show_progress=False)

    row = measure_size(
        assistant, paths, queries, authorities=1, warmup=2, show_progress=False, reuse=True
    )
    assert row.reused and row.ingest_s == 0 and row.raw_embed_s == 0
    assert row.ask.n == 4 and row.ask.p95_ms is not None
    assert any("index reused" in note for note in row.notes)
    line = bench_table([row]).splitlines()[2].strip("|").split("|")
    cells = dict(zip(COLUMNS, line, strict=True))
    assert cells["ingest s"].strip() == "reused" and cells["raw embed s"].strip() == "reused"
    ratio = next(t for t in targets([row], None) if t.name == "ingest / raw embedding")
    assert ratio.measured is None and "not timed" in ratio.source

    # an index that does not hold the corpus is refused, with the way out
    with pytest.raises(RuntimeError, match="without --reuse-index"):
        measure_size(
            fake_assistant(tmp_path / "other"),
            paths,
            queries,
            authorities=1,
            warmup=2,
            show_progress=False,
            reuse=True,
        )
