"""Settings.with_overrides, the settings that used to live elsewhere, and rag.building."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rag import building
from rag.assistant import Assistant
from rag.config import LLMSettings, Settings, env_name, known_variables, override_keys
from rag.embedder import HashingEmbedder
from rag.errors import ConfigError
from rag.store import MemoryStore


def test_with_overrides_returns_a_new_validated_object(tmp_path: Path) -> None:
    base = Settings(data_dir=tmp_path, llm=LLMSettings(url="http://127.0.0.1:9/v1"))
    changed = base.with_overrides(
        retrieval__k=8, answer__off=["focus"], lock_wait_s=2.5, llm=LLMSettings()
    )
    assert (changed.retrieval.k, changed.answer.off, changed.lock_wait_s) == (
        8,
        frozenset({"focus"}),
        2.5,
    )
    assert changed.llm.url is None and changed.data_dir == tmp_path  # the rest kept
    assert base.retrieval.k == 5 and base.llm.url == "http://127.0.0.1:9/v1"  # unchanged
    assert base.with_overrides(chroma_url=None).chroma_url is None  # None is a value here
    assert changed.retrieval.candidates == base.retrieval.candidates
    assert base.with_overrides() == base


def test_with_overrides_keeps_the_api_key() -> None:
    base = Settings(llm=LLMSettings(url="http://x/v1", api_key="sk-abc"))  # type: ignore[arg-type]
    key = base.with_overrides(llm__model="m").llm.api_key
    assert key is not None and key.get_secret_value() == "sk-abc"


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        (
            {"retrieval__k": 0},
            r"Setting retrieval__k = 0 is not valid: .*greater than or equal to 1",
        ),
        ({"lock_wait_s": -1}, r"lock_wait_s = -1 is not valid.*CQC_RAG_LOCK_WAIT_S"),
        ({"answer__off": ["nope"]}, r"unknown answer rule\(s\) nope; the rules are .*focus"),
        ({"retreival__k": 3}, r"retreival__k is not a setting; did you mean retrieval__k\?"),
        ({"k": 3}, r"k is not a setting; .*retrieval__k"),
    ],
)
def test_a_wrong_override_says_what_to_fix(changes: dict[str, Any], says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        Settings().with_overrides(**changes)


def test_every_override_key_has_its_variable() -> None:
    nested = [key for key in override_keys() if "__" in key]
    assert sorted(env_name(key) for key in nested) == sorted(
        name for name in known_variables() if "__" in name
    )


def test_load_settings_reads_the_environment_and_warns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CQC_RAG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CQC_RAG_LOCK_WAIT_S", "12.5")
    monkeypatch.setenv("CQC_RAG_LOCK_WAIT", "3")  # mistyped
    warned: list[str] = []
    settings = building.load_settings(
        warn=warned.append, retrieval__k=7, retrieval__candidates=None
    )
    assert settings.lock_wait_s == 12.5 and settings.retrieval.k == 7
    assert settings.retrieval.candidates == 30  # an option left out (None) keeps the setting
    assert warned == [
        "CQC_RAG_LOCK_WAIT is not a cqc-rag setting and is ignored; did you mean CQC_RAG_LOCK_WAIT_S?"
    ]
    monkeypatch.setenv("CQC_RAG_LOCK_WAIT_S", "soon")
    with pytest.raises(
        ConfigError, match=r"lock_wait_s = 'soon' is not valid.*Change CQC_RAG_LOCK_WAIT_S"
    ):
        building.load_settings(warn=warned.append)


def test_build_assistant_applies_overrides_and_seams(tmp_path: Path) -> None:
    embedder, store = HashingEmbedder(), MemoryStore()
    built = building.build_assistant(
        Settings(data_dir=tmp_path), embedder=embedder, store=store, retrieval__k=3, llm__url=None
    )
    assert isinstance(built, Assistant)
    assert built.settings.retrieval.k == 3 and built.settings.data_dir == tmp_path
    assert built.embedder is embedder and built.index.store is store


def test_the_writer_waits_the_lock_wait_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import rag.assistant

    waits: list[float] = []
    real = rag.assistant.write_lock

    def recording(data_dir: Path, wait_s: float, notify: Any) -> Any:
        waits.append(wait_s)
        return real(data_dir, wait_s, notify)

    monkeypatch.setattr(rag.assistant, "write_lock", recording)
    for settings in (Settings(data_dir=tmp_path), Settings(data_dir=tmp_path, lock_wait_s=0.25)):
        assistant = Assistant(settings, embedder=HashingEmbedder(), store=MemoryStore())
        with assistant._write_lock():
            pass
    assert waits == [600.0, 0.25]  # the default is the wait the assistant used to set itself
