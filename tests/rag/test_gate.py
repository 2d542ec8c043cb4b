"""The readers-writer gate: an index swap waits for the questions reading it."""

from __future__ import annotations

import threading
import time

from rag.assistant import Assistant
from rag.gate import Gate
from tests.conftest import SAMPLES


def test_a_swap_waits_for_readers_and_nested_reads_do_not_deadlock() -> None:
    gate = Gate()
    events: list[str] = []
    reading = threading.Event()

    def reader() -> None:
        with gate.read(), gate.read():  # nested, as find_quote -> search
            reading.set()
            time.sleep(0.1)
            events.append("read done")

    t = threading.Thread(target=reader)
    t.start()
    reading.wait()
    with gate.write():
        events.append("swapped")
    t.join()
    assert events == ["read done", "swapped"]


def test_questions_keep_working_while_reports_are_added(fake_assistant: Assistant) -> None:
    a = fake_assistant
    assert all(o.ok for o in a.ingest([SAMPLES / "northmere.md"]))
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            try:
                answer = a.ask("How many compliments were received in Northmere?")
                assert "368" in answer.text
                a.find_quote("In the same year, 368 compliments were received")
            except BaseException as exc:
                errors.append(exc)
                return

    askers = [threading.Thread(target=ask) for _ in range(3)]
    for t in askers:
        t.start()
    assert all(o.ok for o in a.ingest([SAMPLES / "southbay.md"]))  # a new generation swaps in
    time.sleep(0.2)
    stop.set()
    for t in askers:
        t.join()
    assert errors == []
    assert {r.report for r in a.reports()} == {"northmere.md", "southbay.md"}


def test_a_search_reads_one_generation_though_another_swaps_in(
    fake_assistant: Assistant,
) -> None:
    """A report added while a question is being searched must not pair one generation's
    records with another's vectors or filter mask (seen as "operands could not be
    broadcast together with shapes (141,) (72,)" from an ask during an ingest)."""
    from rag.retrieval import retrieve
    from rag.types import Filters

    a = fake_assistant
    assert all(o.ok for o in a.ingest([SAMPLES / "northmere.md"]))
    before = a.index.view
    assert all(o.ok for o in a.ingest([SAMPLES / "southbay.md"]))
    after = a.index.view
    assert len(after.records) > len(before.records)

    class Swapping:  # the first read sees the old generation, every later read the new
        def __init__(self) -> None:
            self.reads = 0

        @property
        def view(self):  # type: ignore[no-untyped-def]
            self.reads += 1
            return before if self.reads == 1 else after

    index = Swapping()
    query = "How many compliments were received?"
    passages = retrieve(
        query,
        a.embedder.embed([query])[0],
        index=index,  # type: ignore[arg-type]
        filters=Filters(authority="Northmere Borough Council"),
        settings=a.settings.retrieval,
    )
    assert passages and index.reads == 1
    assert all(p.record in before.records for p in passages)
