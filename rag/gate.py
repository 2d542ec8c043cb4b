"""A readers-writer gate: many questions read the in-memory index at once; swapping in a
new index generation waits until none is reading.

`Index.refresh` replaces the records, window vectors, row starts and keyword index one
after another. A question that read the old records and then the new window vectors
would mix two generations (wrong rows, or an IndexError). With several questions served
at once (issue 16) and uploads no longer blocking them, that can happen: so the facade
reads under `read()` and swaps under `write()`.

Readers are preferred (a reader never waits for a waiting writer), so a reader may enter
again from inside a read (`find_quote` calls `search`) without deadlock; a swap waits for
a gap between questions, which a server always has within milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Gate:
    def __init__(self) -> None:
        self._readers = 0
        self._cond = threading.Condition()
        self._local = threading.local()

    def inside(self) -> bool:
        """True in a thread that is reading under `reading` (it must not swap the index)."""
        return bool(getattr(self._local, "reading", False))

    @contextmanager
    def reading(self, index: Any) -> Iterator[None]:
        """Bring `index` (a rag.index.Index) up to date while no question reads it, then
        read under the gate. Nested use (find_quote -> search) just reads on."""
        if self.inside():
            yield
            return
        marker = index.store.generation_marker()
        if marker is None or marker != getattr(index, "_seen_marker", None):
            with self.write():
                index.refresh()
        with self.read():
            self._local.reading = True
            try:
                yield
            finally:
                self._local.reading = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: self._readers == 0)
            yield  # the condition's lock is held: no reader enters until the swap is done
