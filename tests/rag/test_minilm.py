"""The numpy MiniLM (rag/minilm.py) gives sentence-transformers' vectors, and the query
path never imports torch (issue 17: a cold `cqc-rag ask` paid ~4 s of imports for them)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag.config import EmbeddingSettings
from rag.embedder import SentenceTransformerEmbedder, resolve_model_path
from rag.errors import ConfigError
from rag.minilm import MiniLM, erf, gelu
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[2]


def test_erf_is_within_float32_rounding_of_math_erf() -> None:
    xs = np.linspace(-7, 7, 40001, dtype=np.float32)
    want = np.array([math.erf(float(x)) for x in xs])
    assert np.abs(erf(xs).astype(np.float64) - want).max() < 1e-6
    # exact GELU, not the tanh approximation (they differ by up to ~5e-4)
    x = np.array([-3.0, -1.0, -0.5, 0.0, 0.7, 2.5], dtype=np.float32)
    exact = [0.5 * float(v) * (1 + math.erf(float(v) / math.sqrt(2))) for v in x]
    assert np.abs(gelu(x) - np.array(exact)).max() < 1e-6


def test_a_folder_it_cannot_run_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no config\.json, model\.safetensors, tokenizer\.json"):
        MiniLM(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "mpnet"}), encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"")
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="runs BERT with GELU"):
        MiniLM(tmp_path)


def sentences() -> list[str]:
    paragraphs = [
        p.strip()
        for p in (SAMPLES / "northmere.md").read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    return [
        *paragraphs[:40],
        "How is Northmere rated on safeguarding?",
        "a",
        "",
        "Café £12.5m — 71% [1] naïve ﬁne 中文",
        " ".join(paragraphs)
        * 3,  # far past 256 word pieces: truncated as sentence-transformers does
    ]


@pytest.mark.slow
def test_vectors_equal_sentence_transformers_at_fp32() -> None:
    from sentence_transformers import SentenceTransformer

    path = resolve_model_path("all-MiniLM-L6-v2")
    texts = sentences()
    ours = np.concatenate(
        [MiniLM(path).encode(texts[i : i + 16]) for i in range(0, len(texts), 16)]
    )
    theirs = SentenceTransformer(str(path), device="cpu").encode(
        texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True
    )
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert np.abs(ours - theirs).max() < 1e-5
    assert (ours * theirs).sum(axis=1).min() >= 0.99999
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-6)


@pytest.mark.slow
def test_small_and_bulk_calls_agree() -> None:
    """A question embedded alone (numpy) matches the same text inside an ingest-sized call
    (sentence-transformers), so query and index vectors are one model's."""
    embedder = SentenceTransformerEmbedder(
        EmbeddingSettings(precision="fp32"), query_cache=0, precision="fp32"
    )
    texts = sentences()[:40]
    bulk = embedder.embed(texts, batch_size=8)  # 40 > 8: the torch engine
    small = np.concatenate(
        [embedder.embed(texts[i : i + 8], batch_size=8) for i in range(0, 40, 8)]
    )
    assert embedder._model is not None and embedder._small is not None  # both engines ran
    assert (bulk * small).sum(axis=1).min() >= 0.99999


@pytest.mark.slow
def test_the_query_path_imports_no_torch(tmp_path: Path) -> None:
    """A question's vector and word-piece counts in a fresh process: no torch, no
    transformers, no sentence-transformers, and no PDF/HTML parsers behind the facade."""
    code = (
        "import sys\n"
        "from rag.assistant import Assistant\n"
        "from rag.config import EmbeddingSettings\n"
        "from rag.embedder import SentenceTransformerEmbedder\n"
        "e = SentenceTransformerEmbedder(EmbeddingSettings(precision='auto'))\n"
        "v = e.embed_query('How is Northmere rated on safeguarding?')\n"
        "s = e.embed(['One sentence.', 'Another, longer sentence.'], batch_size=2)\n"
        "n = e.count_word_pieces('safeguarding adults')\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'sentence_transformers', "
        "'pypdf', 'bs4') if m in sys.modules)\n"
        "print(v.shape, s.shape, n, heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "(384,) (2, 384) 3 []"


@pytest.mark.slow
def test_threads_share_one_encoder() -> None:
    """Pool copies share the numpy encoder: concurrent calls give the single-thread vectors."""
    import threading

    encoder = MiniLM(resolve_model_path("all-MiniLM-L6-v2"))
    texts = sentences()[:12]
    want = [encoder.encode([t])[0] for t in texts]
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(len(texts)):
                j = (i + offset) % len(texts)
                assert np.array_equal(encoder.encode([texts[j]])[0], want[j])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
