"""Sign-in for the UI: scrypt password hashes, the users file, Gradio's auth callable.

A users file (or the `ui_users` setting, CQC_RAG_UI_USERS) holds `name:hash` lines, never passwords. Make a line
with `python -m ui.auth NAME` (it asks for the password twice). Hashes are compared in
constant time, and an unknown name costs the same scrypt work as a known one, so timing
says nothing about which names exist. This module does not decide *when* sign-in is
required; `ui.cli` does (any non-loopback host).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from pydantic import SecretStr

from rag.config import env_name

# scrypt n=2**14, r=8, p=1 is the interactive-login setting from the scrypt paper:
# ~16 MB and ~50 ms per check here, cheap for a sign-in, costly for guessing.
_N, _R, _P, _DKLEN = 2**14, 8, 1, 32
ENV_VAR = env_name("ui_users")  # the setting in rag/config.py that names the users


class UsersFileError(ValueError):
    pass


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt$hash' (base64 salt and hash)."""
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def parse_users(text: str, source: str) -> dict[str, str]:
    """`name:hash` entries, one per line (or comma-separated, for an environment variable)."""
    users: dict[str, str] = {}
    for n, raw in enumerate(text.replace(",", "\n").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, hashed = line.partition(":")
        if not sep or not name.strip() or not hashed.strip().startswith("scrypt$"):
            # The line itself is not shown: a mistaken entry is often a plain password.
            raise UsersFileError(
                f"{source}, entry {n}: expected `name:scrypt$...` (the entry is not shown, in "
                "case it holds a password). Make an entry with `python -m ui.auth NAME` (it never "
                "stores the password) and replace that line."
            )
        users[name.strip()] = hashed.strip()
    return users


def load_users(auth_file: Path | None, setting: SecretStr | None = None) -> dict[str, str]:
    """Users from --auth-file, else from the `ui_users` setting; empty when neither is set."""
    if auth_file is not None:
        try:
            users = parse_users(auth_file.read_text(encoding="utf-8"), str(auth_file))
        except OSError as exc:
            raise UsersFileError(
                f"Cannot read the users file {auth_file}: {exc.strerror}. Check the path."
            ) from exc
        if not users:
            raise UsersFileError(
                f"The users file {auth_file} has no entries, so nobody could sign in. Add a "
                "`name:hash` line made with `python -m ui.auth NAME`, or leave out --auth-file "
                "to serve on this machine only without sign-in."
            )
        return users
    if setting is not None and setting.get_secret_value().strip():
        return parse_users(setting.get_secret_value(), ENV_VAR)
    return {}


def make_auth(users: Mapping[str, str]) -> Callable[[str, str], bool]:
    """Gradio's `auth=` callable over name -> hash."""
    decoy = hash_password("not a password", salt=b"\0" * 16)

    def check(username: str, password: str) -> bool:
        stored = users.get(username)
        ok = verify_password(password, stored or decoy)  # same work for unknown names
        return ok and stored is not None

    return check


def main() -> None:
    import getpass
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python -m ui.auth NAME   (prints a `NAME:hash` line for the users file)")
    first = getpass.getpass("Password: ")
    if len(first) < 8 or first != getpass.getpass("Again: "):
        sys.exit("The passwords differ or are shorter than 8 characters; nothing printed.")
    print(f"{sys.argv[1]}:{hash_password(first)}")


if __name__ == "__main__":
    main()
