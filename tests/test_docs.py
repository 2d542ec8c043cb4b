"""The README documents every setting and every command, and its two commands exist."""

from __future__ import annotations

import re

import click

from rag.cli import cli
from tests.conftest import ANSWER_KEYS, CITATION_KEYS, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def env_names() -> list[str]:
    from rag.config import known_variables

    return known_variables()


def test_every_setting_is_in_the_settings_table() -> None:
    missing = [n for n in env_names() if f"| `{n}` |" not in README]
    assert not missing, f"settings missing from README's table: {missing}"


def test_every_command_is_documented() -> None:
    ctx = click.Context(cli)
    commands = cli.list_commands(ctx)
    assert {"ingest", "ask", "search", "list", "remove", "serve", "eval", "bench"} <= set(commands)
    missing = [c for c in commands if not re.search(rf"cqc-rag {c}\b", README)]
    assert not missing, f"commands missing from README: {missing}"


def test_readme_commands_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test"):
        assert f"make {target}" in README and re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_ask_json_keys_are_documented() -> None:
    for key in sorted(ANSWER_KEYS | CITATION_KEYS):
        assert f'"{key}"' in README


def test_every_answer_rule_is_in_the_readme_table() -> None:
    from rag.rules import RULES

    missing = [r.name for r in RULES if f"| `{r.name}` | {r.stage} | {r.summary} |" not in README]
    assert not missing, f"answer rules missing from README's table (or out of date): {missing}"
