"""ui.rename: the upload's council box and the Reports tab's rename control, through the
app's own event handlers on the fake assistant."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from rag.assistant import Assistant
from ui.app import build_app
from ui.rename import rename_message, upload_authority

# Fictional text written for this test: it names no council.
UNNAMED = (
    "## Learning from feedback\n\nThis text is fictional and was written for the cqc-rag tests. "
    "The council received 412 complaints about adult social care in 2023/24.\n"
)


def _handler(app: gr.Blocks, api_name: str) -> Callable[..., Any]:
    return next(fn.fn for fn in app.fns.values() if fn.api_name == api_name)


def _no_progress(*args: Any, **kwargs: Any) -> None:
    return None


def test_the_upload_names_the_council_of_a_file_whose_text_names_none(
    ingested: Assistant, tmp_path: Path
) -> None:
    upload = _handler(build_app(ingested), "upload")
    (tmp_path / "testshire.md").write_text(UNNAMED, encoding="utf-8")
    (tmp_path / "plain.md").write_text(UNNAMED + "\nAnother fictional line.\n", encoding="utf-8")
    upload([str(tmp_path / "testshire.md")], " Testshire  Council ", progress=_no_progress)
    upload([str(tmp_path / "plain.md")], "", progress=_no_progress)
    names = {r.report: r.authority for r in ingested.reports()}
    assert names["testshire.md"] == "Testshire Council"
    assert names["plain.md"] == "plain"  # no name given: the file name
    # a file whose text names its council keeps it, whatever the box says
    assert names["northmere.md"] == "Northmere Borough Council"


def test_the_rename_control_renames_and_refreshes_the_tab(ingested: Assistant) -> None:
    rename = _handler(build_app(ingested), "rename_report")
    out = rename("southbay.md", "Southbay Council")
    assert "Southbay City Council is now Southbay Council" in out[0]
    assert {r.authority for r in ingested.reports()} == {
        "Northmere Borough Council",
        "Southbay Council",
    }
    assert any("Southbay Council" in str(part) for part in out[2:])  # the table was redrawn
    with pytest.raises(gr.Error, match="Pick the report to rename first"):
        rename(None, "X Council")
    with pytest.raises(gr.Error, match="council name is empty"):
        rename("southbay.md", "  ")


def test_a_blank_council_box_means_no_name() -> None:
    assert upload_authority("  ") is None and upload_authority(None) is None
    assert upload_authority(" Vale   Hollow Council ") == "Vale Hollow Council"
    assert rename_message("a.md", "X", "X") == "a.md is already X."
