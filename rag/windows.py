"""Sentence windows: what dense search matches a question against.

A chunk is ~160 tokens on several points; its one vector averages them, so a question
about one sentence matches it weakly, and over 153 councils' reports the chunks that
share the question's general topic win. Each chunk is therefore embedded as sentence
windows (a sentence with the one before it), and a chunk's dense score is its best
window's. Measured with `cqc-rag bench --quality` (README, "Dense vectors are per sentence
window"): hit@1 0.957 -> 0.986 on the real and sample reports, 0.857 -> 0.929 with 153
generated councils beside them.

Pure functions: texts in, texts or arrays out; the embedder is passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ingest.sentences import MIN_SENTENCE, sentence_before, sentence_spans
from rag.embedder import Embedder
from rag.types import ChunkRecord


def sentence_windows(text: str) -> list[str]:
    """Each sentence of `text` with the sentence before it in its paragraph
    (`ingest.sentences.sentence_before`); the whole text when it has no sentence of
    MIN_SENTENCE characters, so every chunk has at least one window.

    A window is exactly the text the answerer scores a candidate sentence by
    (`window_text`), so it reads the stored vector instead of embedding it again
    (`Index.window_vectors`).

    >>> sentence_windows("Carers waited 12 weeks. The council cut this to 4 weeks in 2024.")
    ['Carers waited 12 weeks.', 'Carers waited 12 weeks. The council cut this to 4 weeks in 2024.']
    """
    windows = [
        window_text(text, start, end)
        for start, end in sentence_spans(text)
        if end - start >= MIN_SENTENCE
    ]
    return windows or [text.strip() or text]


def window_text(text: str, start: int, end: int) -> str:
    """The sentence text[start:end] with the sentence before it in its paragraph.

    >>> window_text("Waits fell. Carers waited 12 weeks.", 12, 35)
    'Waits fell. Carers waited 12 weeks.'
    """
    before = sentence_before(text, start)
    context = text[before[0] : before[1]] if before else ""
    return f"{context} {text[start:end]}".strip()


def embed_windows(
    records: Sequence[ChunkRecord], embedder: Embedder, *, batch_size: int
) -> list[np.ndarray]:
    """One (windows x dim) unit-vector matrix per record, from one embedding call (the
    model sorts a call's texts by length, so one big call pads least)."""
    per_record = [sentence_windows(r.text) for r in records]
    flat = embedder.embed([w for ws in per_record for w in ws], batch_size=batch_size)
    bounds = np.cumsum([len(ws) for ws in per_record])[:-1]
    return list(np.split(flat, bounds)) if records else []


def stored_or_embedded(
    stored: Sequence[np.ndarray | None],
    texts: Sequence[str],
    embed: Callable[[list[str]], np.ndarray],
) -> np.ndarray:
    """One row per window: the stored vector, or, where none is stored, the embedding of
    its text (all of those in one call).

    >>> stored_or_embedded([np.ones(2), None], ["a", "b"], lambda t: np.zeros((len(t), 2))).tolist()
    [[1.0, 1.0], [0.0, 0.0]]
    """
    rows = list(stored)
    missing = [i for i, v in enumerate(rows) if v is None]
    if missing:
        for i, v in zip(missing, embed([texts[i] for i in missing]), strict=True):
            rows[i] = v
    return np.stack([np.asarray(v, dtype=np.float32) for v in rows])


def window_texts(records: Sequence[ChunkRecord]) -> list[str]:
    """Every record's windows, in order (what the benchmark's raw-embedding floor embeds)."""
    return [w for r in records for w in sentence_windows(r.text)]


def stack(per_record: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Windows of all records as one float32 matrix, and the row where each record's start.

    >>> m, starts = stack([np.ones((2, 3)), np.ones((1, 3))])
    >>> m.shape, starts.tolist()
    ((3, 3), [0, 2])
    """
    if not per_record:
        return np.zeros((0, 0), dtype=np.float32), np.zeros(0, dtype=np.int64)
    counts = [len(v) for v in per_record]
    if min(counts) < 1:
        raise ValueError("every record needs at least one window vector")
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    return np.ascontiguousarray(np.concatenate(per_record), dtype=np.float32), starts


def best_per_record(window_scores: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each record's best window score (records' windows are contiguous, from `starts`).

    >>> best_per_record(np.array([0.1, 0.7, 0.3, 0.2]), np.array([0, 2])).tolist()
    [0.7, 0.3]
    """
    if not len(starts):
        return np.zeros(0, dtype=window_scores.dtype)
    return np.maximum.reduceat(window_scores, starts)


def chunk_vector(windows: np.ndarray) -> np.ndarray:
    """One unit vector standing for a chunk where a store needs exactly one (Chroma's own
    embedding field): the normalised mean of its windows."""
    mean = np.asarray(windows, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean
