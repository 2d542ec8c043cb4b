"""The llama-index quickstart on the same files, answering in our `Answer` shape.

`--baseline llamaindex-default` is what a user gets from the llama-index starter
example: `SimpleDirectoryReader` (plain text; PDF pages through pypdf and HTML through
BeautifulSoup's get_text, because llama-index-readers-file would downgrade pypdf), the
default `SentenceSplitter()`, a `VectorStoreIndex` on a Chroma collection with the same
MiniLM model, and `as_retriever(similarity_top_k=k)`. The quickstart's k is 2; evaluation
and bench run it at the k ours runs at (`top_k`, or `ask(..., k=)`), so its hit@5 and
MRR@10 are measured over as many passages as ours, not two. No answer synthesis: the
retrieved nodes are the citations and the passages, the "answer" is their text joined,
and it never abstains. Filters are ignored (the quickstart has no metadata to filter on).

llama-index's global `Settings` are never touched: the embedder is passed explicitly and
no LLM is ever built, so nothing reaches for OpenAI. Only this module imports llama-index.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rag.types import Answer, ChunkRecord, Citation, Filters, Passage, Turn

NAME = "llamaindex-default"
TOP_K = 2  # the starter example's similarity_top_k (callers pass ours instead)


def _readers() -> dict[str, Any]:
    """File readers for the formats SimpleDirectoryReader would hand to readers-file."""
    from llama_index.core.readers.base import BaseReader
    from llama_index.core.schema import Document

    class PdfPages(BaseReader):
        """One Document per page, as llama-index's PDFReader does."""

        def load_data(
            self, file: Path, extra_info: dict[str, Any] | None = None, **_: Any
        ) -> list[Document]:
            from pypdf import PdfReader

            reader = PdfReader(str(file))
            return [
                Document(
                    text=page.extract_text() or "",
                    metadata={**(extra_info or {}), "page_label": str(i)},
                )
                for i, page in enumerate(reader.pages, start=1)
            ]

    class HtmlText(BaseReader):
        def load_data(
            self, file: Path, extra_info: dict[str, Any] | None = None, **_: Any
        ) -> list[Document]:
            from bs4 import BeautifulSoup

            soup = BeautifulSoup(Path(file).read_bytes(), "html.parser")
            return [Document(text=soup.get_text(), metadata=dict(extra_info or {}))]

    return {".pdf": PdfPages(), ".html": HtmlText(), ".htm": HtmlText()}


class LlamaIndexBaseline:
    """Build the quickstart index over `files` on first use; `ask` retrieves the top k."""

    def __init__(
        self,
        files: Sequence[Path],
        *,
        model_path: Path,
        top_k: int = TOP_K,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.files = [Path(f) for f in files]
        self.model_path = Path(model_path)
        self.top_k = top_k
        self._progress = progress
        self._index: Any = None
        self._retrievers: dict[int, Any] = {}
        self._collection: tuple[Any, str] | None = None
        self.nodes = 0
        self.build_s = 0.0

    @property
    def fingerprint(self) -> str:
        return f"{NAME}:top{self.top_k}"

    def build(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
        from llama_index.vector_stores.chroma import ChromaVectorStore

        started = time.perf_counter()
        if self._progress:
            self._progress(
                f"baseline: reading {len(self.files)} files, SentenceSplitter(), embedding"
            )
        documents = SimpleDirectoryReader(
            input_files=[str(f) for f in self.files], file_extractor=_readers()
        ).load_data()
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        name = f"baseline-{uuid.uuid4().hex[:12]}"  # ephemeral clients share one in-process system
        collection = client.create_collection(name, embedding_function=None)
        self._collection = (client, name)
        embed_model = HuggingFaceEmbedding(model_name=str(self.model_path), device="cpu")
        storage = StorageContext.from_defaults(
            vector_store=ChromaVectorStore(chroma_collection=collection)
        )
        splitter = SentenceSplitter()  # the defaults: 1024 tokens, 200 overlap
        index = VectorStoreIndex.from_documents(
            documents, storage_context=storage, embed_model=embed_model, transformations=[splitter]
        )
        self.nodes = collection.count()
        self._index = index
        self.build_s = round(time.perf_counter() - started, 2)
        if self._progress:
            self._progress(f"baseline: {self.nodes} nodes indexed in {self.build_s} s")

    def close(self) -> None:
        if self._collection is not None:
            client, name = self._collection
            client.delete_collection(name)
            self._collection = None
            self._index = None
            self._retrievers = {}

    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        history: Sequence[Turn] = (),
    ) -> Answer:
        """The top `k` (default `top_k`) retrieved nodes as passages and citations;
        `filters` and `history` are ignored (the quickstart has no conversation)."""
        if self._index is None:
            self.build()
        k = k or self.top_k
        if k not in self._retrievers:
            self._retrievers[k] = self._index.as_retriever(similarity_top_k=k)
        started = time.perf_counter()
        nodes = self._retrievers[k].retrieve(question)
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        records = [_record(n, i) for i, n in enumerate(nodes)]
        asked = filters or Filters()
        return Answer(
            question=question,
            text="\n\n".join(r.text for r in records),
            abstained=False,
            citations=tuple(Citation(i, r, r.text, 0) for i, r in enumerate(records, start=1)),
            passages=tuple(
                Passage(i, r, float(n.score or 0.0))
                for i, (r, n) in enumerate(zip(records, nodes, strict=True), start=1)
            ),
            timings_ms={"retrieve": elapsed, "answer": 0.0, "total": elapsed},
            index_fingerprint=self.fingerprint,
            mode="baseline",
            notice=None if asked.is_empty() else "the baseline ignores filters",
            filters=asked,
        )


def _record(scored: Any, position: int) -> ChunkRecord:
    node = scored.node
    meta = node.metadata or {}
    name = meta.get("file_name") or Path(meta.get("file_path", "unknown")).name
    page = meta.get("page_label")
    return ChunkRecord(
        chunk_id=node.node_id,
        report=name,
        content_hash="",
        authority=Path(name).stem,
        theme=None,
        quality_statement=None,
        score=None,
        score_meaning=None,
        section_path=(),
        text=node.get_content(),
        embed_text=node.get_content(),
        char_start=node.start_char_idx or 0,
        pages=(int(page),) if page and str(page).isdigit() else (),
        position=position,
    )
