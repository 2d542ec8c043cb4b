"""Filter masks: built once per view and filter, never shared across views."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.store import MemoryStore
from rag.types import Filters

# fictional reports written for this test
WYVERN = "# Wyvern Council\n\n## Safeguarding\n\nScore: 2\n\nTen referrals were open.\n"
ASHFORD = "# Ashmoor Council\n\n## Safeguarding\n\nScore: 3\n\nNine referrals were open.\n"


@pytest.fixture
def assistant(tmp_path: Path) -> Assistant:
    for name, text in (("wyvern.md", WYVERN), ("ashmoor.md", ASHFORD)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    a = Assistant(
        Settings(data_dir=tmp_path / "data"), embedder=HashingEmbedder(), store=MemoryStore()
    )
    a.ingest([tmp_path / "wyvern.md"], authority="Wyvern Council")
    return a


def test_a_mask_is_reused_for_the_same_view_and_rebuilt_for_a_new_one(
    assistant: Assistant, tmp_path: Path
) -> None:
    index = assistant.index
    index.refresh()
    f = Filters(authority="Wyvern Council")
    first = index.mask(f)
    assert first is not None and first.sum() == len(index.records)
    assert index.mask(Filters(authority="wyvern council")) is not first  # another key...
    assert np.array_equal(index.mask(Filters(authority="wyvern council")), first)  # ...same rows
    assert index.mask(f) is first and not first.flags.writeable
    assert index.mask(Filters()) is None

    assistant.ingest([tmp_path / "ashmoor.md"], authority="Ashmoor Council")
    index.refresh()
    second = index.mask(f)
    assert second is not first and len(second) == len(index.records) > len(first)
    expected = [r.authority == "Wyvern Council" for r in index.records]
    assert second.tolist() == [float(e) for e in expected]
