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
