"""Every `cqc-rag` command fails the same clean way (rag/cli_common.py `fail_cleanly`).

A storage fault raised where each command meets the product becomes one line on the
terminal and exit status 1: no traceback, in the core commands and in the plug-ins
(serve, eval, bench, load) alike.
"""

from __future__ import annotations

import errno
from typing import Any

import click
import pytest
from click.testing import CliRunner

from rag import building
from rag.cli import cli
from rag.cli_common import K_RANGE, fail_cleanly
from rag.config import RetrievalSettings
from rag.faults import storage_error
from tests.conftest import ROOT

DATASET = ROOT / "eval" / "questions.jsonl"


def _read_only(where: str = "/srv/cqc-data") -> Exception:
    return storage_error(OSError(errno.EROFS, "Read-only file system"), where)


def _raise(*_args: Any, **_kwargs: Any) -> Any:
    raise _read_only()


def _commands() -> dict[str, click.Command]:
    ctx = click.Context(cli)
    found = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


def test_every_command_is_wrapped_in_the_one_fail_cleanly() -> None:
    commands = _commands()
    assert {"ingest", "ask", "scores", "serve", "eval", "bench", "load"} <= set(commands)
    bare = [name for name, c in commands.items() if not getattr(c.callback, "fails_cleanly", False)]
    assert not bare, f"commands without rag.cli_common.fail_cleanly: {bare}"


# Each command with the arguments that take it to where it first builds the assistant.
BUILDING = {
    "ingest": ["ingest", "x.md"],
    "ask": ["ask", "How many complaints?"],
    "search": ["search", "complaints"],
    "list": ["list"],
    "remove": ["remove", "x.md"],
    "rename": ["rename", "x.md", "Testshire Council"],
    "check": ["check"],
    "prune": ["prune"],
    "scores": ["scores"],
    "eval": ["eval", "--dataset", str(DATASET)],
    "eval --ablate": ["eval", "--ablate", "--dataset", str(DATASET)],
}


@pytest.mark.parametrize("args", BUILDING.values(), ids=BUILDING.keys())
def test_a_storage_error_is_one_line_and_exit_1(
    args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setattr(building, "build_assistant", _raise)
    if args[0] == "eval":
        args = [*args, "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args)
    _assert_clean(result)


def test_serve_bench_and_load_fail_the_same_way(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import eval.bench.cli
    import eval.bench.load

    monkeypatch.setattr(building, "load_settings", _raise)  # serve reads its settings first
    _assert_clean(CliRunner().invoke(cli, ["serve"]))
    monkeypatch.setattr(eval.bench.cli, "run_bench", _raise)
    _assert_clean(CliRunner().invoke(cli, ["bench", "--quick", "--out", str(tmp_path / "b")]))
    monkeypatch.setattr(eval.bench.load, "_load_questions", _raise)
    _assert_clean(CliRunner().invoke(cli, ["load", "--url", "http://127.0.0.1:9/"]))


def _assert_clean(result: Any) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # not an exception escaping click
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines == [f"Error: {_read_only()}"], lines


def test_a_wrong_setting_fails_cleanly_naming_its_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("CQC_RAG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CQC_RAG_RETRIEVAL__K", "0")
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "retrieval__k = '0' is not valid" in result.output
    assert "Change CQC_RAG_RETRIEVAL__K" in result.output


def test_ctrl_c_says_how_to_resume_only_where_asked() -> None:
    @click.command()
    @click.option("--out", default="runs/a")
    @fail_cleanly(interrupted="Interrupted; resume with --resume (results in {out}).")
    def resumable(out: str) -> None:
        raise KeyboardInterrupt

    @click.command()
    @fail_cleanly
    def plain() -> None:
        raise KeyboardInterrupt

    said = CliRunner().invoke(resumable, ["--out", "runs/b"])
    assert said.exit_code == 1
    assert "Error: Interrupted; resume with --resume (results in runs/b)." in said.output
    aborted = CliRunner().invoke(plain, [])
    assert aborted.exit_code == 1 and "Aborted!" in aborted.output


def test_the_k_option_has_the_settings_range() -> None:
    meta = {type(m).__name__: m for m in RetrievalSettings.model_fields["k"].metadata}
    assert (meta["Ge"].ge, meta["Le"].le) == K_RANGE
    help_texts = {
        name: next(p.help for p in c.params if p.name == "k")
        for name, c in _commands().items()
        if any(p.name == "k" for p in c.params)
    }
    # the same option, each command's own words (the help text did not change)
    assert help_texts == {
        "ask": "Passages to retrieve (default 5).",
        "search": "Passages to retrieve (default 5).",
        "eval": "Passages per question (default: the retrieval setting, 5). Use 10 to measure hit@10.",
    }
