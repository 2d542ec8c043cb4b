"""Settings come from CQC_RAG_* variables; a mistyped one is named, with the closest known."""

from __future__ import annotations

from click.testing import CliRunner

from rag.cli import cli
from rag.config import known_variables, unknown_variables


def test_a_mistyped_variable_is_named_with_the_closest_known_one() -> None:
    lines = unknown_variables({"CQC_RAG_LLM_URL": "http://x", "CQC_RAG_LLM__URL": "y", "HOME": "/"})
    assert lines == [
        "CQC_RAG_LLM_URL is not a cqc-rag setting and is ignored; did you mean CQC_RAG_LLM__URL?"
    ]
    assert "CQC_RAG_ANSWER__OFF" in known_variables()


def test_the_cli_warns_about_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        cli,
        ["list"],
        env={"CQC_RAG_DATA_DIR": str(tmp_path), "CQC_RAG_RETRIEVAL_K": "3"},
    )
    assert "CQC_RAG_RETRIEVAL_K is not a cqc-rag setting" in result.output
    assert "did you mean CQC_RAG_RETRIEVAL__K?" in result.output
