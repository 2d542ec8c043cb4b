"""`cqc-rag serve`: index the starter reports if needed, then open the chat UI.

Registered through the `cqc_rag.commands` entry point, so `rag` never imports this.
Gradio and the model are imported inside the command: `cqc-rag --help` stays fast.
Sign-in is required whenever the server listens beyond this machine.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from rag.cli_common import fail_cleanly


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve beyond this machine


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback needs sign-in.",
)
@click.option(
    "--port",
    default=7860,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--auth-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Users file of `name:hash` lines (make one with `python -m ui.auth NAME`). Default: env CQC_RAG_UI_USERS.",
)
@click.option(
    "--no-auth",
    is_flag=True,
    help="Serve without sign-in even on a non-loopback host (anyone who can reach it can read and change the index).",
)
@fail_cleanly
def serve(host: str, port: int, auth_file: Path | None, no_auth: bool) -> None:
    """Open the chat UI (Gradio) over the indexed reports; print its URL.

    If nothing is indexed yet, the sample reports (and ../shared/reports if present) are
    indexed first.
    """
    from rag import building
    from ui.auth import ENV_VAR, load_users, make_auth

    settings = building.load_settings()
    # A bad users file or entry raises UsersFileError, a ValueError: fail_cleanly says it.
    users = {} if no_auth else load_users(auth_file, settings.ui_users)
    if not users and not no_auth and not is_loopback(host):
        raise click.ClickException(
            f"Listening on {host} opens the UI to other machines, so it needs sign-in. Put `name:hash` lines "
            f"(from `python -m ui.auth NAME`) in a file and pass --auth-file FILE, or set {ENV_VAR}; "
            "or pass --no-auth if the network is trusted."
        )
    if no_auth and not is_loopback(host):
        click.secho(
            f"WARNING: serving on {host} without sign-in: anyone who can reach port {port} can "
            "read the reports, upload files and remove reports.",
            fg="yellow",
            err=True,
        )

    import gradio as gr

    from ui import style
    from ui.app import build_app
    from ui.evaluation import runs_root
    from ui.startup import ensure_indexed, warm_up

    # Several questions at once (issue 16): settings.workers model copies, each on one torch
    # thread unless CQC_RAG_EMBEDDING__THREADS says otherwise. Two 2-thread copies on two
    # cores fight over them; two 1-thread copies each keep a core busy.
    workers = settings.workers
    threads = settings.embedding.threads or (1 if workers > 1 else 0)
    assistant = building.build_assistant(settings, embedding__threads=threads or None)
    outcomes = ensure_indexed(assistant, lambda line: click.echo(line, err=True))
    warm_up(assistant)
    if outcomes and not any(o.ok for o in outcomes):
        click.secho(
            "No starter report could be indexed; upload reports in the Reports tab.",
            fg="yellow",
            err=True,
        )

    if assistant.index.damaged:  # checked when the index was opened (rag.index)
        click.secho(
            f"Warning: {', '.join(assistant.index.damaged)} has chunks missing from the store. "
            "Stop the server and run `cqc-rag check --repair`.",
            fg="yellow",
            err=True,
        )
    app = build_app(assistant)
    runs = runs_root(assistant.settings.data_dir)
    try:
        runs.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a read-only or full data dir: the message with its fix
        from rag.faults import storage_error

        raise click.ClickException(
            str(storage_error(exc, str(assistant.settings.data_dir)))
        ) from exc
    try:
        # Gradio's queue serves one request per event at a time by default; `workers` at
        # once keeps both cores busy; twice that lets one request's Python (parsing, JSON,
        # the stream) overlap the others' embedding (they wait for a model copy in the pool).
        _, url, _ = app.queue(default_concurrency_limit=2 * workers).launch(
            server_name=host,
            server_port=port,
            auth=make_auth(users) if users else None,
            auth_message="Sign in to cqc-rag.",
            prevent_thread_lock=True,
            quiet=True,
            # refuse oversized uploads before Gradio writes them to disk; in bytes, because
            # Gradio reads "20mb" as 20 MiB while ingest's limit is 20 x 10^6 bytes
            max_file_size=int(assistant.settings.max_file_mb * 1e6),
            theme=style.theme(),
            css=style.CSS,
            head=style.HEAD,
            allowed_paths=[str(runs)],  # the eval tab shows the plots saved there
            footer_links=["api"],  # the API docs stay; "Built with Gradio" and settings go
        )
    except OSError as exc:
        raise click.ClickException(
            f"Cannot listen on {host}:{port} ({exc}). Is another server using it? Pass --port N."
        ) from exc
    click.echo(f"cqc-rag UI: {url}  (Ctrl+C to stop)")
    try:
        app.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        gr.close_all()
