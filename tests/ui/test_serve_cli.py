"""ui.cli: `cqc-rag serve` refuses to open the UI to the network without sign-in."""

from __future__ import annotations

from click.testing import CliRunner

from ui.cli import is_loopback, serve


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert (
        not is_loopback("0.0.0.0")
        and not is_loopback("192.168.1.5")
        and not is_loopback("example.org")
    )


def test_non_loopback_host_needs_users_or_no_auth(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CQC_RAG_UI_USERS", raising=False)
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert (
        "needs sign-in" in result.output
        and "--auth-file" in result.output
        and "--no-auth" in result.output
    )


def test_a_bad_users_file_is_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    users = tmp_path / "users"
    users.write_text("alice:hunter2\n", encoding="utf-8")
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--auth-file", str(users)])
    assert result.exit_code == 1 and "python -m ui.auth NAME" in result.output


def test_the_users_setting_reaches_serve(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """CQC_RAG_UI_USERS is read through the settings (rag/config.py `ui_users`): a bad entry
    there is reported by its variable's name, without the entry (it may be a password)."""
    monkeypatch.setenv("CQC_RAG_UI_USERS", "alice:hunter2")
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "CQC_RAG_UI_USERS, entry 1" in result.output and "hunter2" not in result.output
