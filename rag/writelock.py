"""One writer per data directory: a file lock, with a waiting writer that says so.

A second writer used to wait up to 10 minutes in silence (it looked hung); now it says
after one second who it waits for and how long it will. A lock file that cannot be made
(read-only data dir, full disk) is a storage fault with its fix (rag.faults), not a
`PermissionError ... write.lock` traceback. Readers never take this lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.errors import IndexBusy
from rag.faults import storage_error


@contextmanager
def write_lock(data_dir: Path, wait_s: float, notify: Callable[[str], None]) -> Iterator[None]:
    from filelock import FileLock, Timeout

    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(data_dir / "write.lock"))
        try:
            lock.acquire(timeout=min(1.0, wait_s))
        except Timeout:
            notify(
                f"Another cqc-rag process is writing to {data_dir}; waiting up to "
                f"{wait_s:.0f} s for it to finish (Ctrl+C to give up)."
            )
            lock.acquire(timeout=max(0.0, wait_s - 1.0))
    except Timeout as exc:
        raise IndexBusy(
            f"Another cqc-rag process is writing to {data_dir} (waited {wait_s:.0f} s). "
            "Wait for it to finish, or stop it, then run this again."
        ) from exc
    except OSError as exc:  # read-only data dir, full disk: say so, with the fix
        raise storage_error(exc, str(data_dir)) from exc
    try:
        yield
    finally:
        lock.release()
