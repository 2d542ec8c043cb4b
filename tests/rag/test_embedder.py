"""The real model's word-piece counter agrees with its tokenizer (the chunker trusts it
to keep every chunk inside MiniLM's 256 word pieces)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rag.config import EmbeddingSettings
from rag.embedder import SentenceTransformerEmbedder
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(EmbeddingSettings())


def tokenizer_count(embedder: SentenceTransformerEmbedder, text: str) -> int:
    tokenizer = embedder._load().tokenizer
    return len(tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"])


def paragraphs(path: Path) -> list[str]:
    return [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def test_counts_match_the_tokenizer_on_reports(
    embedder: SentenceTransformerEmbedder, real_report: Path
) -> None:
    texts = paragraphs(real_report) + paragraphs(SAMPLES / "northmere.md")
    whole = real_report.read_text(encoding="utf-8")
    texts.append(whole)  # far past 256: the counter must not truncate
    counts = [embedder.count_word_pieces(t) for t in texts]
    assert counts == [tokenizer_count(embedder, t) for t in texts]
    assert counts[-1] > 1000


# Words (letters, digits, punctuation, accents, CJK, ligatures) joined by every kind of
# space, break and control character the normaliser treats specially: some split words,
# some are deleted and glue words together.
_WORDS = st.sampled_from(
    [
        "care",
        "Council",
        "2023/24",
        "£1.2m",
        "(S42)",
        "naïve",
        "e\u0301",
        "ﬁne",
        "中文",
        "a",
        "-",
        "'s",
    ]
)
_GLUE = st.sampled_from(
    [
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\u00a0",
        "\u2009",
        "\u2028",
        "\x85",
        "\u200b",
        "\x00",
        "\x1c",
        "\x1f",
        "\ufffd",
        "\x0c",
        "\x0b",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_WORDS, _GLUE), max_size=40).map(
        lambda pairs: "".join(w + g for w, g in pairs)
    )
)
@example("a\x1cb")  # \x1c: whitespace to Python, a deleted control character to BERT
def test_counts_match_the_tokenizer_on_any_text(
    embedder: SentenceTransformerEmbedder, text: str
) -> None:
    assert embedder.count_word_pieces(text) == tokenizer_count(embedder, text)
