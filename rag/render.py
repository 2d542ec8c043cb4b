"""Plain-text rendering for the terminal: answers, passages, reports, ingest progress.

Pure functions of typed results (the UI has its own HTML renderer in ui/). Progress goes
to stderr through tqdm, so `--json` output on stdout stays machine-readable.
"""

from __future__ import annotations

import re
import sys
import textwrap
from typing import Any

from ingest.framework import QUALITY_STATEMENTS
from rag.facts.markers import marker
from rag.inert import orders_in
from rag.types import Answer, IngestOutcome, ReportInfo

# Escape sequences and control characters: report text is printed, and a report holding
# "\x1b]0;title\x07" retitled the terminal window (others move the cursor, rewrite
# earlier lines, or in some terminals run commands). ESC [ ... letter, ESC ] ... BEL/ST,
# other ESC pairs, then every C0 control but tab and newline, DEL and the C1 controls.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_C1 = re.compile(r"[\x80-\x9f]")


def for_terminal(text: str) -> str:
    """Text safe to print: escape sequences and control characters removed."""
    return _ESCAPES.sub("", text)


def json_for_terminal(text: str) -> str:
    """JSON text whose C1 controls are escaped (json.dumps escapes only C0 ones; a raw
    \x9b is a control sequence introducer in some terminals). The data is unchanged."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MARK = {"indexed": "+", "replaced": "~", "unchanged": "=", "duplicate": "!", "failed": "x"}


def where(record: Any) -> str:
    path = " > ".join(record.section_path) or "(preamble)"
    page = f", p. {record.pages[0]}" if record.pages else ""
    return f"{record.authority} | {path}{page}"


def _fill_keeping_tables(text: str, width: int = 100) -> str:
    """Wrap each paragraph, but keep a Markdown table's rows one per line (a scores answer
    holds a table; wrapping would run its rows together into one unreadable line)."""
    out = []
    for line in text.splitlines():
        out.append(line if line.lstrip().startswith("|") else textwrap.fill(line, width))
    return "\n".join(out)


def answer_text(answer: Answer) -> str:
    lines = [_fill_keeping_tables(answer.text), ""]
    if answer.notice:
        lines += [f"Note: {answer.notice}", ""]
    for c in answer.citations:
        score = f" (score {c.record.score})" if c.record.score else ""
        lines.append(f"{marker(c.n)} {where(c.record)}{score}")
        lines.append(textwrap.indent(textwrap.fill(f"\u201c{c.quote}\u201d", 96), "    "))
    if answer.abstained and answer.passages:
        lines.append("Closest passages:")
        lines.append(passages_text(answer.passages[:3]))
    return "\n".join(lines).rstrip()


def passages_text(passages: Any, query: str = "") -> str:
    if not passages:
        return "No passages found."
    out = []
    for p in passages:
        out.append(f"{p.rank}. {where(p.record)}  [{p.record.report}]")
        if orders_in(p.record.text):
            out.append(
                "   ! contains text addressed to an assistant or reader; never quoted as an answer"
            )
        out.append(textwrap.indent(textwrap.shorten(p.record.text, 400, placeholder=" ..."), "   "))
    return "\n".join(out)


def reports_table(reports: list[ReportInfo]) -> str:
    if not reports:
        return "No reports indexed. Run `cqc-rag ingest PATH`."
    short = {
        qs: "".join(
            w[0].upper() for w in qs.replace(",", "").split() if w not in ("and", "to", "in")
        )
        for qs in QUALITY_STATEMENTS
    }
    head = f"{'report':34} {'authority':30} {'chunks':>6}  " + " ".join(
        f"{s:>5}" for s in short.values()
    )
    rows = [head, "-" * len(head)]
    for r in reports:
        scores = " ".join(f"{r.scores.get(qs, '-')!s:>5}" for qs in QUALITY_STATEMENTS)
        rows.append(f"{r.report[:34]:34} {r.authority[:30]:30} {r.chunks:>6}  {scores}")
    legend = "; ".join(f"{s} = {qs}" for qs, s in short.items())
    return "\n".join(rows) + "\n\n" + textwrap.fill(legend, 100)


def outcome_line(o: IngestOutcome) -> str:
    text = f"{_MARK.get(o.status, '?')} {o.status:9} {o.path}: {o.message}"
    return "\n".join([text, *(f"    warning: {w}" for w in o.warnings)])


def outcome_json(o: IngestOutcome) -> dict[str, Any]:
    return {
        "path": o.path,
        "status": o.status,
        "report": o.report,
        "chunks": o.chunks,
        "message": o.message,
        "warnings": list(o.warnings),
    }


def ingest_summary(outcomes: list[IngestOutcome]) -> str:
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    parts = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    failed = counts.get("failed", 0)
    tail = f" {failed} file(s) failed: see the lines marked x." if failed else ""
    return f"Done: {parts or 'nothing to do'}.{tail}"


class IngestProgress:
    """tqdm bars on stderr, one per stage (parse, embed), with rate and ETA."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr is not None
        self._bars: dict[str, Any] = {}

    def __enter__(self) -> IngestProgress:
        return self

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total == 0:
            return
        from tqdm import tqdm

        bar = self._bars.get(stage)
        if bar is None:
            unit = "file" if stage == "parse" else "chunk"
            bar = self._bars[stage] = tqdm(
                total=total, desc=stage, unit=unit, file=sys.stderr, leave=True
            )
        bar.total = total
        bar.update(done - bar.n)
        if done >= total:
            bar.close()  # a finished stage stops its clock (else "parse" keeps ticking while embedding)

    def __exit__(self, *exc: object) -> None:
        for bar in self._bars.values():
            bar.close()
