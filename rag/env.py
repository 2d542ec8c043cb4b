"""Make the process offline-safe before any heavy library is imported.

Called first thing by `rag/__init__.py`; this is the one place that sets the process
environment. Nothing here imports torch, chromadb or llama-index: it only sets
environment variables they read at import time, and only where the user has not set
them (a user's own setting wins). Without these, loading a model by name retries a hub
for ~75 s, tiktoken downloads its encoding with no timeout, and Chroma/Gradio try to
send telemetry (see ../shared/STACK.md). The thread settings below are read once, when
torch loads its OpenMP and oneDNN libraries, so they must be set before any import of
torch too; here they are, whichever module imports torch first.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

OFFLINE_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "TRANSFORMERS_VERBOSITY": "error",  # no "Loading weights" bars between our progress bars
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}

THREAD_DEFAULTS = {
    # Spinning threads ("ACTIVE", libgomp's default) wait at every one of MiniLM's ~100
    # barriers per batch for a sibling that another process has descheduled: with one core
    # busy elsewhere, 14 answer sentences took 1,556 ms on 2 threads against 79 ms with
    # PASSIVE.
    "OMP_WAIT_POLICY": "PASSIVE",
    # bf16 runs through oneDNN, which caches a compiled kernel per input shape (1,024 by
    # default), and a server sees a new (sentences x length) shape with most questions:
    # 600 answer-like calls grew the peak RSS by 605 MB with the default cache, 416 MB with
    # 128, at the same speed (25.1 s against 25.9 s).
    "ONEDNN_PRIMITIVE_CACHE_CAPACITY": "128",
}


def _package_dir(name: str) -> Path | None:
    """A package's folder without importing it (importing llama_index costs ~1 s)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def tiktoken_cache_dir() -> Path | None:
    """llama-index-core ships cl100k_base; pointing tiktoken there avoids its download."""
    llama = _package_dir("llama_index")
    for base in [llama / "core"] if llama else []:
        candidate = base / "_static" / "tiktoken_cache"
        if candidate.is_dir():
            return candidate
    return None


def configure_offline() -> None:
    for key, value in (OFFLINE_DEFAULTS | THREAD_DEFAULTS).items():
        os.environ.setdefault(key, value)
    if "TIKTOKEN_CACHE_DIR" not in os.environ:
        cache = tiktoken_cache_dir()
        if cache is not None:
            os.environ["TIKTOKEN_CACHE_DIR"] = str(cache)
