"""The evaluation's progress bar (questions done of total, on stderr): `eval` and its
generative run share it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def progress_bar(label: str) -> Callable[[int, int], None]:
    from tqdm import tqdm

    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc=label, unit="q", file=sys.stderr, leave=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update
