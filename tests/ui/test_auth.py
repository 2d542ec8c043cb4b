"""ui.auth: scrypt hashes, the users file and env, and Gradio's auth callable."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from ui.auth import (
    ENV_VAR,
    UsersFileError,
    hash_password,
    load_users,
    make_auth,
    parse_users,
    verify_password,
)


def test_hash_verifies_only_the_right_password() -> None:
    stored = hash_password("correct horse")
    assert stored.startswith("scrypt$16384$8$1$")
    assert verify_password("correct horse", stored)
    assert not verify_password("correct hors", stored)
    assert hash_password("correct horse") != stored  # a fresh salt every time


def test_hash_hand_example_is_deterministic_for_a_given_salt() -> None:
    a = hash_password("pw", salt=b"\x01" * 16)
    assert a == hash_password("pw", salt=b"\x01" * 16)
    assert a.split("$")[4] == "AQEBAQEBAQEBAQEBAQEBAQ=="


def test_malformed_hashes_never_verify() -> None:
    for stored in (
        "",
        "plain",
        "bcrypt$1$2$3$4$5",
        "scrypt$x$8$1$AA==$AA==",
        "scrypt$16384$8$1$!!$??",
    ):
        assert not verify_password("pw", stored)


def test_users_file_and_env(tmp_path: Path) -> None:
    line = f"alice:{hash_password('s3cret-pass')}"
    users_file = tmp_path / "users"
    users_file.write_text(f"# staff\n{line}\n\n", encoding="utf-8")
    assert set(load_users(users_file)) == {"alice"}
    entries = f"{line},bob:{hash_password('x' * 8)}"
    assert set(load_users(None, SecretStr(entries))) == {"alice", "bob"}
    assert load_users(None) == {} and load_users(None, SecretStr("  ")) == {}
    # the file wins over the setting
    assert set(load_users(users_file, SecretStr(entries))) == {"alice"}


def test_the_users_setting_comes_from_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """CQC_RAG_UI_USERS is a setting now (rag/config.py): read, never shown, not warned about."""
    from rag.building import load_settings
    from rag.config import known_variables

    line = f"alice:{hash_password('s3cret-pass')}"
    monkeypatch.setenv(ENV_VAR, line)
    warned: list[str] = []
    settings = load_settings(warn=warned.append)
    assert ENV_VAR in known_variables() and not [w for w in warned if ENV_VAR in w]
    assert set(load_users(None, settings.ui_users)) == {"alice"}
    assert "scrypt" not in settings.model_dump_json()  # a dump (eval's run record) hides it


def test_bad_entries_say_how_to_fix() -> None:
    with pytest.raises(
        UsersFileError, match=r"entry 1: expected `name:scrypt\$...`.*python -m ui.auth NAME"
    ):
        parse_users("alice:plaintext", "users.txt")
    with pytest.raises(UsersFileError, match="Cannot read the users file"):
        load_users(Path("/nonexistent/users"))


def test_auth_callable_checks_name_and_password() -> None:
    check = make_auth({"alice": hash_password("s3cret-pass")})
    assert check("alice", "s3cret-pass")
    assert not check("alice", "wrong")
    assert not check("mallory", "s3cret-pass")
    assert not check("mallory", "not a password")  # the decoy's own password opens nothing
