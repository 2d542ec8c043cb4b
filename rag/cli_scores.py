"""`cqc-rag scores`: the scores table of what is indexed (rag.scores), as text, JSON or CSV.

Registered on the `cqc-rag` group by rag.cli; a thin adapter over `Assistant.scores()`.
Kept out of rag/cli.py so that module stays small.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rag.cli_common import fail_cleanly, json_option

if TYPE_CHECKING:
    from rag.scores import ScoreTable

# Column headers short enough for a terminal; the legend under the table names them.
SHORT = {
    "Assessing needs": "Needs",
    "Supporting people to live healthier lives": "Healthier",
    "Equity in experience and outcomes": "Equity",
    "Care provision, integration and continuity": "CareProv",
    "Partnerships and communities": "Partners",
    "Safe systems, pathways and transitions": "SafeSys",
    "Safeguarding": "Safeguard",
    "Governance, management and sustainability": "Govern",
    "Learning, improvement and innovation": "Learning",
}


@click.command()
@json_option("Print JSON: one object per report, with each value's line.")
@click.option(
    "--csv",
    "csv_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the table to this CSV file (one row per report).",
)
@fail_cleanly
def scores(as_json: bool, csv_file: Path | None) -> None:
    """Print every indexed report's overall rating, percentage and nine scores."""
    from rag import building

    table = building.build_assistant().scores()
    if csv_file is not None:
        try:
            csv_file.write_text(table.to_csv(), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(
                f"Cannot write {csv_file}: {exc}. Choose a writable path."
            ) from exc
        click.echo(f"Wrote {len(table.rows)} reports to {csv_file}.", err=as_json)
    if as_json:
        click.echo(json.dumps(table.to_json(), indent=2, ensure_ascii=False))
    elif csv_file is None:
        click.echo(scores_text(table))


def scores_text(table: ScoreTable) -> str:
    from ingest.framework import QUALITY_STATEMENTS

    header = ["Council", "Rating", "%", *(SHORT[qs] for qs in QUALITY_STATEMENTS)]
    body = [
        [
            row.authority,
            str(row.rating.value) if row.rating else "-",
            str(row.percentage.value) if row.percentage else "-",
            *(str(row.score(qs) or "-") for qs in QUALITY_STATEMENTS),
        ]
        for row in table.rows
    ]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *body]
    ]
    legend = "; ".join(f"{SHORT[qs]} = {qs}" for qs in QUALITY_STATEMENTS)
    return "\n".join([*lines, "", f"'-': not given in the indexed report. {legend}."])
