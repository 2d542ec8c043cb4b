"""The facade: ingest, ask, search, list, remove. CLI, UI, eval and bench all call this.

Dependencies (embedder, store, LLM) are injected; by default they are built from the
settings: sentence-transformers from its local folder and Chroma embedded in the data
directory, or a Chroma server when `chroma_url` is set. Nothing heavy is imported until
first use, so `cqc-rag --help` stays fast.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rag import answering, renaming
from rag.commit import remove_orphans
from rag.config import Settings
from rag.consistency import Health, check, repair
from rag.councils import find_authority
from rag.embedder import Embedder
from rag.embedder_pool import EmbedderPool
from rag.errors import ConfigError, ReportNotFound
from rag.faults import no_index_error
from rag.gate import Gate
from rag.index import Index
from rag.ingestion import Progress, ingest_files
from rag.paths import expand_paths
from rag.question import Question, read_question
from rag.quotes import QuoteCheck, check_in_scope
from rag.responding import respond
from rag.retrieval import check_k, retrieve
from rag.scores import ScoreTable, table_of
from rag.store import VectorStore
from rag.types import Answer, Filters, IngestOutcome, Passage, ReportInfo, Turn
from rag.uploads import forget_upload
from rag.windows import stored_or_embedded
from rag.writelock import write_lock

if TYPE_CHECKING:
    import numpy as np

    from rag.generative.llm import LLM


class Assistant:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        store: VectorStore | None = None,
        llm: LLM | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder
        self._store = store
        self.llm: LLM | None = llm
        self._gate = Gate()  # thread safety (issue 16): no index swap mid-question (rag/gate.py)
        # Where the facade says what it is waiting for (the CLI and serve: stderr).
        self.notify: Callable[[str], None] = lambda message: print(message, file=sys.stderr)

    # -- dependencies, built on first use -------------------------------------------------
    @cached_property
    def embedder(self) -> Embedder:
        if self._embedder is None:  # thread safety (issue 16): a model copy per question
            self._embedder = EmbedderPool.for_settings(self.settings)
        return self._embedder

    @cached_property
    def index(self) -> Index:
        store = self._store
        if store is None:
            from rag.store import ChromaStore

            s = self.settings
            store = ChromaStore(
                s.collection_name,
                path=None if s.chroma_url else s.data_dir / "chroma",
                url=s.chroma_url,
            )
        return Index(store, self.settings.data_dir / "cache" / self.settings.collection_name)

    @cached_property
    def _count_tiktoken(self) -> Callable[[str], int]:
        import tiktoken

        encoding = tiktoken.get_encoding("cl100k_base")
        return lambda text: len(encoding.encode(text, disallowed_special=()))

    @property
    def fingerprint(self) -> str:
        return self.settings.fingerprint()

    # -- writing ------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path],
        *,
        authority: str | None = None,
        progress: Progress | None = None,
    ) -> list[IngestOutcome]:
        files, problems = expand_paths(paths)
        files, named, refused = renaming.sidecar_names(files)  # a folder's authorities.csv
        with self._write_lock():
            outcomes = self._ingest(files, authority, progress, named)
            renaming.name_unchanged(self.index, outcomes, named)
        return problems + refused + outcomes

    def _ingest(
        self,
        files: Sequence[Path],
        authority: str | None = None,
        progress: Progress | None = None,
        sidecar: Mapping[Path, str] | None = None,
    ) -> list[IngestOutcome]:
        return ingest_files(
            files,
            index=self.index,
            embedder=self.embedder,
            settings=self.settings,
            count_tiktoken=self._count_tiktoken,
            authority=authority,
            progress=progress,
            sidecar=sidecar,
        )

    def rename_authority(self, report: str, authority: str) -> ReportInfo:
        """Another council name for a report, in answers, filters and lists, in every process."""
        with self._write_lock():
            return renaming.rename_authority(self.index, report, authority)

    def remove(self, report: str) -> ReportInfo:
        with self._write_lock():
            return self._remove(report)

    def _remove(self, report: str) -> ReportInfo:
        """Remove with the write lock held; an uploaded file goes with its report."""
        self.index.publish()
        match = renaming.find_report(self.index, report)
        self.index.store.delete_report(match.report)  # manifest first: chunks vanish at once
        self.index.publish()  # readers leave the report before its chunks go
        self.index.store.delete(self.index.store.chunk_ids(match.report))
        self.index.publish()
        forget_upload(match, self.settings.data_dir / "uploads")
        return match

    def check(self) -> Health:
        """Manifest against store: every listed report should have all its chunks."""
        return check(self.index.store)

    def repair(self) -> tuple[Health, list[str]]:
        """What `check` found, and one line per fix (orphans deleted, damaged reports
        re-ingested from their unchanged files, or taken off the list with the fix)."""
        with self._write_lock():
            self.index.publish()
            health = check(self.index.store)
            done = repair(health, self._ingest, self._remove, lambda: remove_orphans(self.index))
            self.index.publish()
        return health, done

    def other_indexes(self) -> list[str]:
        """Indexes under this collection prefix that these settings do not use: built with
        other embedding or chunk settings, or by an older cqc-rag whose format changed."""
        return [
            n
            for n in self.index.store.other_indexes(self.settings.collection_prefix)
            if n != self.settings.collection_name
        ]

    def drop_indexes(self, names: Sequence[str]) -> None:
        """Delete other indexes (and their local caches); the one in use is never touched."""
        with self._write_lock():
            others = set(self.other_indexes())
            unknown = [n for n in names if n not in others]
            if unknown:
                raise ConfigError(
                    f"No other index named {', '.join(unknown)} (the one in use, {self.settings.collection_name}, "
                    f"is never dropped). Other indexes: {', '.join(sorted(others)) or 'none'}."
                )
            for name in names:
                self.index.store.drop_index(name)
                shutil.rmtree(self.settings.data_dir / "cache" / name, ignore_errors=True)

    def _write_lock(self) -> AbstractContextManager[None]:
        return write_lock(self.settings.data_dir, self.settings.lock_wait_s, self.notify)

    # -- reading ------------------------------------------------------------------------------
    def reports(self) -> list[ReportInfo]:
        with self._gate.reading(self.index):
            return list(self.index.reports)

    def scores(self) -> ScoreTable:  # the scores table of what is indexed now (rag.scores)
        return table_of(self._ready())

    def _ready(self) -> Index:
        index = self.index
        if not self._gate.inside():  # a swap mid-question would mix generations
            index.refresh()
        if not index.records:
            raise no_index_error(self.settings, self.other_indexes())
        return index

    def resolve_filters(self, filters: Filters | None) -> Filters:
        """Match filter values to the indexed names, case-insensitively, or say what exists."""
        filters = filters or Filters()
        index = self._ready()
        authority = filters.authority
        if authority:
            names = index.authorities()
            found = next(
                (a for a in names if a.lower() == authority.lower()), None
            ) or find_authority(authority, names)
            if found is None:
                raise ReportNotFound(
                    f"No indexed report is about {authority!r}. Indexed authorities: {', '.join(names)}."
                )
            authority = found
        statement = filters.quality_statement
        if statement:
            from ingest.framework import QUALITY_STATEMENTS, match_quality_statement

            statement = match_quality_statement(statement)
            if statement is None:
                raise ReportNotFound(
                    f"{filters.quality_statement!r} is not a quality statement. Choose one of: {'; '.join(QUALITY_STATEMENTS)}."
                )
        return Filters(
            authority=authority,
            quality_statement=statement,
            score=filters.score,
            report=filters.report,
        )

    def search(
        self, text: str, *, filters: Filters | None = None, k: int | None = None
    ) -> list[Passage]:
        check_k(k)
        with self._gate.reading(self.index):
            index, resolved = self._ready(), self.resolve_filters(filters)
            vector, settings = self.embedder.embed_query(text), self.settings.retrieval
            return retrieve(text, vector, index=index, filters=resolved, settings=settings, k=k)

    def find_quote(
        self, text: str, *, filters: Filters | None = None, k: int | None = None
    ) -> tuple[QuoteCheck, list[Passage]]:
        """Is `text` in the reports? The verdict (rag/quotes.py) and the search hits."""
        with self._gate.reading(self.index):
            passages = self.search(text, filters=filters, k=k)
            scope = self.resolve_filters(filters)
            return check_in_scope(text, self.index.records, scope, passages), passages

    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        history: Sequence[Turn] = (),
    ) -> Answer:
        check_k(k)
        with self._gate.reading(self.index):
            result = self._respond(question, filters=filters, k=k, history=history)
        if isinstance(result, Answer):
            return result
        *_, answer = self._generate(result, stream=False)  # generative mode (issue 7)
        return cast(Answer, answer)

    def _respond(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        history: Sequence[Turn] = (),
    ) -> Answer | answering.Drafted:
        """The extractive answer, or in generative mode what the LLM needs (with that answer as fallback)."""
        started = time.perf_counter()
        question = " ".join(question.split())
        if not question:
            raise ValueError("The question is empty. Type a question about the reports.")
        index = self._ready()
        drafted = respond(
            question,
            self.read(question, history),
            self.resolve_filters(filters),
            index=index,
            settings=self.settings,
            fingerprint=self.fingerprint,
            embed_query=self.embedder.embed_query,
            window_vectors=self._window_vectors,
            started=started,
            k=k,
            history=tuple(history),
        )
        if isinstance(drafted, Answer):
            return drafted
        passages = drafted.passages
        if passages and self.generator is not None:  # generative mode: the draft is the fallback
            return drafted
        return drafted.answer()

    def read(
        self, question: str, history: Sequence[Turn] = (), *, off: frozenset[str] | None = None
    ) -> Question:
        """The question as the answer rules read it (`rag.question.read_question`)."""
        index = self._ready()
        return read_question(
            question,
            authorities=index.authorities(),
            history=tuple(history),
            vocabulary=index.keyword.vocabulary(),
            idf=index.keyword.idf,
            defined=index.acronyms(),
            off=self.settings.answer.off if off is None else off,
        )

    def ask_stream(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        history: Sequence[Turn] = (),
    ) -> Iterator[str | Answer]:
        """The answer as it forms: text pieces (str), then the finished `Answer` last.

        Extractive answers are complete in ~0.1 s, so they are cut into word groups; the
        point is one interface for the UI whether or not a generative model is streaming.
        A generative model's pieces are streamed as they arrive, unverified: the final
        Answer's text is the one to keep (verification may drop or re-cite sentences).
        """
        check_k(k)
        with self._gate.reading(self.index):
            result = self._respond(question, filters=filters, k=k, history=history)
        if not isinstance(result, Answer):
            yield from self._generate(result, stream=True)
            return
        answer = result
        words = answer.text.split(" ")
        for i in range(0, len(words), 4):
            yield " ".join(words[i : i + 4]) + (" " if i + 4 < len(words) else "")
        yield answer

    # -- generative answers (issue 7): an LLM over the passages, verified; extractive fallback --
    def _generate(self, d: answering.Drafted, *, stream: bool) -> Iterator[str | Answer]:
        from rag.generative.generation import generate

        llm = self.generator
        assert llm is not None  # _respond drafts for generation only when there is a model
        return generate(
            d,
            llm,
            idf=self.index.keyword.idf,
            embed=self._embed_sentences,
            stream=stream,
        )

    def _window_vectors(self, keys: list[tuple[str, str]]) -> np.ndarray:
        """Vectors of (chunk id, sentence window): the index's, a window it lacks embedded."""
        found, texts = self.index.window_vectors(keys), [w for _, w in keys]
        return stored_or_embedded(found, texts, self._embed_sentences)

    def _embed_sentences(self, texts: list[str]) -> np.ndarray:
        """A few sentences in one batch (answer scoring and verification)."""
        return self.embedder.embed(texts, batch_size=len(texts))

    @property
    def generator(self) -> LLM | None:
        """The injected LLM, else one for settings.llm.url, else None (extractive answers)."""
        if self.llm is None and self.settings.llm.url:
            from rag.generative.llm import OpenAICompatibleLLM

            self.llm = OpenAICompatibleLLM(self.settings.llm)
        return self.llm
