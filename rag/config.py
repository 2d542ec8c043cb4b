"""One typed settings object, read from CQC_RAG_* environment variables and CLI options.

Built once at the entry point (CLI, UI, eval) and passed down; nothing reads the
environment after that. Nested sections use `__`: CQC_RAG_RETRIEVAL__K=8.
The fingerprint names the index: a change to the embedding model or the chunking
builds a new collection instead of silently mixing vectors of two kinds.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from rag.errors import ConfigError

# The index format itself: bump when what is stored per chunk changes.
# 2: a chunk's record is one JSON metadata value, no Chroma document; 3: its vector too;
# 4: its sentence-window vectors (rag.windows) instead of one vector; 5: a window's
# context is the sentence before in the same paragraph, exactly what the answerer scores.
INDEX_FORMAT = 5


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmbeddingSettings(_Section):
    model: str = Field(
        "all-MiniLM-L6-v2",
        description="Embedding model: 'all-MiniLM-L6-v2' (the offline package) or a local folder with a sentence-transformers model.",
    )
    max_word_pieces: int = Field(
        256,
        description="What the model reads; MiniLM stops at 256 word pieces, so chunk text plus its heading prefix stays under it.",
    )
    batch_size: int = Field(
        32,
        ge=1,
        description="Sentence windows embedded per batch at ingest (20,809 windows, each batch size in a fresh process: 16 330/s, 32 378/s, 64 385/s; peak RSS 1,034 / 1,054 / 1,172 MB).",
    )
    threads: int = Field(0, description="Torch threads for embedding (0: one per core).")
    precision: Literal["auto", "fp32", "bf16"] = Field(
        "auto",
        description="Embedding arithmetic: 'auto' (bf16 autocast on a CPU with native bfloat16, else fp32), 'fp32' (force full precision, what a CPU without native bf16 runs), 'bf16'. Vectors of either precision agree to cosine 0.9999, so it does not name the index.",
    )


class ChunkSettings(_Section):
    max_tokens: int = Field(
        160,
        ge=32,
        le=1024,
        description="Chunk budget in cl100k_base tokens (tiktoken); also capped by the model's word-piece limit.",
    )


class RetrievalSettings(_Section):
    k: int = Field(
        5, ge=1, le=50, description="Passages returned to the user (and considered for the answer)."
    )
    candidates: int = Field(
        30,
        ge=1,
        le=200,
        description="Hits taken from each of dense and keyword search before fusion.",
    )
    fusion: Literal["convex", "rrf"] = Field(
        "convex",
        description="How dense and keyword rankings merge: 'convex' (weighted sum of min-max normalised scores) or 'rrf' (reciprocal rank fusion).",
    )
    rrf_k: int = Field(
        60,
        ge=1,
        description="Reciprocal rank fusion constant (60 is the value from Cormack et al. 2009).",
    )
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in fusion.")
    keyword_weight: float = Field(
        1.5,
        ge=0,
        description="Weight of the BM25 ranking in fusion (1.5: measured better than 1.0 on the evaluation set, small and 153-authority corpora).",
    )


class AnswerSettings(_Section):
    max_sentences: int = Field(
        3, ge=1, le=10, description="Most sentences quoted in an extractive answer."
    )
    abstain_below: float = Field(
        0.31,
        description="Abstain when the best sentence's support score is below this (calibrated on eval/questions.jsonl: the middle of the 0.30-0.32 plateau where the sweep's objective peaks; see eval/CALIBRATION.md).",
    )
    off: frozenset[str] = Field(
        frozenset(),
        description="Answer rules switched off by name (rag/rules.py lists them), e.g. '[\"focus\"]'; for measuring what a rule does (cqc-rag eval --ablate).",
    )

    @field_validator("off")
    @classmethod
    def _known_rules(cls, value: frozenset[str]) -> frozenset[str]:
        from rag.rules import NAMES

        unknown = sorted(value - NAMES)
        if unknown:
            raise ValueError(
                f"unknown answer rule(s) {', '.join(unknown)}; the rules are {', '.join(sorted(NAMES))}"
            )
        return value


class LLMSettings(_Section):
    url: str | None = Field(
        None,
        description="OpenAI-compatible base URL (e.g. http://localhost:11434/v1 for Ollama). Unset: extractive answers, no LLM.",
    )
    model: str | None = Field(None, description="Model name the endpoint serves.")
    api_key: SecretStr | None = Field(
        None, description="API key for the endpoint; never logged or shown."
    )
    timeout_s: float = Field(
        60.0, gt=0, description="Seconds before a generation is abandoned (extractive fallback)."
    )
    max_tokens: int = Field(512, gt=0, description="Most tokens generated per answer.")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CQC_RAG_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    data_dir: Path = Field(
        Path(".cqc-rag"),
        description="Where the embedded Chroma store, keyword index and feedback live.",
    )
    chroma_url: str | None = Field(
        None, description="http://HOST:PORT of a Chroma server; unset: embedded store in data_dir."
    )
    max_file_mb: float = Field(
        20.0,
        gt=0,
        description="Largest report file ingested, in MB (a whole CQC report PDF is ~1-3 MB); larger files are refused with a message.",
    )
    workers: int = Field(
        2,
        ge=1,
        le=32,
        description="Questions one process embeds at once (copies of the model, loaded as needed; the UI serves this many requests at a time, each model on one torch thread). 2 on 2 cores.",
    )
    collection_prefix: str = Field(
        "cqc", description="Prefix of the Chroma collection names (the fingerprint follows)."
    )
    lock_wait_s: float = Field(
        600.0,
        ge=0,
        description="Seconds a second writer (ingest, remove, rename, repair) waits for the first to finish before giving up with a message; it says after one second that it waits.",
    )
    ui_users: SecretStr | None = Field(
        None,
        description="Sign-in for `cqc-rag serve` when no --auth-file is given: comma-separated `name:hash` entries (make one with `python -m ui.auth NAME`). Hashes, never passwords; not shown in dumps.",
    )
    embedding: EmbeddingSettings = EmbeddingSettings()
    chunking: ChunkSettings = ChunkSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    llm: LLMSettings = LLMSettings()

    def fingerprint(self) -> str:
        """Short hash of everything that changes what is stored in the index."""
        keyed = {
            "format": INDEX_FORMAT,
            "model": self.embedding.model,
            "word_pieces": self.embedding.max_word_pieces,
            "chunk_tokens": self.chunking.max_tokens,
        }
        return hashlib.sha256(json.dumps(keyed, sort_keys=True).encode()).hexdigest()[:10]

    @property
    def collection_name(self) -> str:
        return f"{self.collection_prefix}-{self.fingerprint()}"

    def with_overrides(self, **changes: Any) -> Settings:
        """A new, validated Settings with `changes` applied; this one is unchanged (frozen).

        `field=value` for a top-level setting (`data_dir=...`, or a whole section:
        `llm=LLMSettings()`), `section__field=value` for a nested one (`retrieval__k=8`), as
        in the variable names. None is a value here (`chroma_url=None`: the embedded store);
        dropping options that were not given is the caller's job (rag.building does it).
        A wrong name or value raises ConfigError naming the setting, its variable and the fix.
        """
        known = override_keys()
        data = self.model_dump()
        for key, value in changes.items():
            if key not in known:
                raise ConfigError(f"{key} is not a setting{_closest(key, known)}")
            section, _, field = key.partition("__")
            if field:
                data[section] = {**data[section], field: value}
            else:
                data[key] = value
        try:
            # model_validate, not Settings(...): it does not read the environment again
            return type(self).model_validate(data)
        except ValidationError as exc:
            raise ConfigError(describe_invalid(exc, given=changes)) from None


def known_variables() -> list[str]:
    """Every CQC_RAG_* environment variable the settings read."""
    names = []
    for name, field in Settings.model_fields.items():
        if isinstance(field.default, BaseModel):
            names += [
                f"CQC_RAG_{name.upper()}__{sub.upper()}" for sub in type(field.default).model_fields
            ]
        else:
            names.append(f"CQC_RAG_{name.upper()}")
    return names


def env_name(key: str) -> str:
    """The variable of a setting: `retrieval__k` -> CQC_RAG_RETRIEVAL__K."""
    return f"CQC_RAG_{key.upper()}"


def override_keys() -> list[str]:
    """Every name `Settings.with_overrides` takes: top-level fields and `section__field`."""
    keys = list(Settings.model_fields)
    for name, field in Settings.model_fields.items():
        if isinstance(field.default, BaseModel):
            keys += [f"{name}__{sub}" for sub in type(field.default).model_fields]
    return keys


def _closest(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else f"; the settings are {', '.join(known)}"


def describe_invalid(exc: ValidationError, given: dict[str, Any] | None = None) -> str:
    """One line per wrong value: the setting, its variable, the value and what is expected.

    `given`: the overrides (CLI options) applied on top of the environment; a value that is
    not among them came from the variable, so the fix is to change or unset the variable.
    """
    lines = []
    for error in exc.errors():
        key = "__".join(str(part) for part in error["loc"])
        value = error.get("input")
        shown = "(hidden)" if "api_key" in key or "ui_users" in key else repr(value)
        where = (
            f"the option or override that set it (the variable is {env_name(key)})"
            if given is not None and (key in given or key.split("__")[0] in given)
            else f"{env_name(key)} (or unset it for the default)"
        )
        lines.append(f"Setting {key} = {shown} is not valid: {error['msg']}. Change {where}.")
    return "\n".join(lines)


def unknown_variables(environ: dict[str, str] | os._Environ[str]) -> list[str]:
    """One line per CQC_RAG_* variable the settings do not read, with the closest known
    name: a mistyped `CQC_RAG_LLM_URL` would otherwise be silently ignored."""
    import difflib

    known = known_variables()
    lines = []
    for name in sorted(environ):
        if name.upper().startswith("CQC_RAG_") and name.upper() not in known:
            close = difflib.get_close_matches(name.upper(), known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else f"; known: {', '.join(known)}"
            lines.append(f"{name} is not a cqc-rag setting and is ignored{hint}")
    return lines
