"""HTML for the chat UI: answers with linked markers, source cards, search hits, reports.

Pure functions of the typed results in `rag.types`; the Gradio app only places their
output on the page. Every piece of report text passes through `esc` before it meets
markup, so a report containing `<script>` or other HTML shows as text. Terminal
rendering lives in `rag.render`; this module does not touch Gradio or the file system.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from ingest.framework import SCORE_MEANINGS
from rag.analysis import terms
from rag.facts.markers import link_markers, marker
from rag.facts.numbers import DIGITS
from rag.inert import orders_in
from rag.quotes import QuoteCheck
from rag.types import Answer, ChunkRecord, Citation, Filters, IngestOutcome, Passage, ReportInfo

_WORD = re.compile(rf"{DIGITS}|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# How many closest passages an abstention shows: enough to judge, few enough to read.
CLOSEST_SHOWN = 3
NOT_FOUND_LABEL = "Not found in the indexed reports"


def esc(text: object) -> str:
    """html.escape, plus `{`, `}` and `$` as entities: gr.HTML feeds its value through a
    Handlebars/JS template, and text should never be able to look like template syntax."""
    return (
        html.escape(str(text), quote=True)
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("$", "&#36;")
    )


def source_id(turn: int, n: int) -> str:
    """Element id of citation n of answer `turn` (1-based): unique across the conversation,
    so an old answer's [1] still points at its own source."""
    return f"src-{turn}-{n}"


def mark_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escape `text`, wrapping each (start, end) span in <mark>. Overlaps are merged."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out += [esc(text[pos:start]), "<mark>", esc(text[start:end]), "</mark>"]
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` matches `text`: the whole pasted quote if it occurs (case and spacing
    aside), else every word whose stem is one of the query's terms."""
    words = query.split()
    if len(words) >= 3:
        pattern = r"\s+".join(re.escape(w) for w in words)
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            return [found.span()]
    wanted = set(terms(query))
    return [m.span() for m in _WORD.finditer(text) if wanted & set(terms(m.group()))]


def answer_id(turn: int) -> str:
    """Element id of answer `turn`'s message: a source card links back to it."""
    return f"ans-{turn}"


def answer_html(answer: Answer, turn: int, asked: Filters | None = None) -> str:
    """The chat message of one answer: escaped text, markers linked to their sources.

    An abstention's own text already says the reports do not answer it, so only a pointer
    to the closest passages follows (the label used to repeat it). The sources, as plain
    text, ride along hidden: the copy buttons copy what a reader sees plus where it is from.
    """
    cited = {c.n for c in answer.citations}
    body = link_markers(esc(answer.text), lambda n: _marker_link(turn, n) if n in cited else None)
    if answer.kind == "scores":  # issue 15: the computed table, as a table
        from ui.comparison import answer_tables_html

        body = answer_tables_html(body)
    kind = "cqc-answer cqc-abstain" if answer.abstained else "cqc-answer"
    parts = [f'<div class="{kind}" id="{answer_id(turn)}" data-cqc="answer">{body}</div>']
    if answer.abstained and answer.passages:
        parts.append('<div class="cqc-notice">The closest passages are under Sources.</div>')
    if answer.notice:
        parts.append(f'<div class="cqc-notice">{esc(answer.notice)}</div>')
    applied = filters_line(answer, asked)
    if applied:
        parts.append(f'<div class="cqc-applied">{applied}</div>')
    if answer.citations:
        lines = "".join(f"\n{esc(copy_line(c))}" for c in unique_citations(answer))
        parts.append(f'<div class="cqc-copy-sources">\nSources:{lines}</div>')
    return "".join(parts)


def copy_line(c: Citation) -> str:
    """'[1] Council | statement (score 3) | p. 4: “quote”' (copies and exports)."""
    r = c.record
    score = f" (score {r.score})" if r.score else ""
    page = f" | p. {r.pages[0]}" if r.pages else ""
    return f"{marker(c.n)} {r.authority} | {r.quality_statement or 'no quality statement'}{score}{page}: “{' '.join(c.quote.split())}”"


def unique_citations(answer: Answer) -> list[Citation]:
    """Citations, one per marker (a marker is never listed twice)."""
    return list({c.n: c for c in answer.citations}.values())


def partial_html(text: str) -> str:
    """A streaming answer before its citations are known: escaped text only."""
    return f'<div class="cqc-answer" data-cqc="answer">{esc(text)}</div>'


def _marker_link(turn: int, n: int) -> str:
    return (
        f'<a class="cqc-cite" href="#{source_id(turn, n)}" title="Show source {n}">{marker(n)}</a>'
    )


def filters_line(answer: Answer, asked: Filters | None = None) -> str:
    """What was searched, and why, so it never contradicts the filters on screen: a council
    the filter did not set is said to come from the question or the conversation."""
    f, asked = answer.filters, asked or Filters()
    shown = []
    if f.authority:
        if asked.authority:
            why = "the Authority filter"
        elif any(w in answer.question.lower() for w in _name_words(f.authority)):
            why = "named in your question; the Authority filter is unchanged"
        else:
            why = (
                "as in the previous answer; name another council, or start a new chat, to widen it"
            )
        shown.append(f"{esc(f.authority)} ({why})")
    if f.quality_statement:
        why = "filter" if asked.quality_statement else "from your question"
        shown.append(f"quality statement {esc(f.quality_statement)} ({why})")
    return f"Searched only {'; '.join(shown)}" if shown else ""


def _name_words(authority: str) -> list[str]:
    generic = {
        "council",
        "borough",
        "county",
        "city",
        "district",
        "metropolitan",
        "and",
        "of",
        "the",
    }
    return [w for w in authority.lower().replace(",", " ").split() if w not in generic]


def score_badge(score: int | None) -> str:
    if score is None:
        return ""
    meaning = SCORE_MEANINGS.get(score, "").removeprefix("Evidence shows ")
    return f'<span class="cqc-score cqc-s{score}" title="{esc(meaning)}">Score {score}: {esc(meaning)}</span>'


def where_html(record: ChunkRecord) -> str:
    path = " › ".join(esc(p) for p in record.section_path) or "(preamble)"
    page = f" · p. {record.pages[0]}" if record.pages else ""
    return f'<div class="cqc-where">{path}{page} · <span class="cqc-report">{esc(record.report)}</span></div>'


def _card(anchor: str, label: str, record: ChunkRecord, body: str, extra: str = "") -> str:
    statement = esc(record.quality_statement or "no quality statement")
    return (
        f'<div class="cqc-src" id="{anchor}">'
        f'<div class="cqc-src-head"><span class="cqc-src-n">{label}</span> '
        f'<b class="cqc-authority">{esc(record.authority)}</b> · <span class="cqc-qs">{statement}</span> '
        f"{score_badge(record.score)}</div>"
        f'{where_html(record)}<p class="cqc-text">{body}</p>{extra}</div>'
    )


def _quote_spans(citation: Citation) -> list[tuple[int, int]]:
    text, start = citation.record.text, citation.quote_start
    if text[start : start + len(citation.quote)] == citation.quote:
        return [(start, start + len(citation.quote))]
    return match_spans(text, citation.quote)


def citation_card(citations: Sequence[Citation], turn: int) -> str:
    """One card for one passage, however many markers cite it: [1] [3] both land here."""
    first = citations[0]
    spans = [s for c in citations for s in _quote_spans(c)]
    # The card's id is its first marker's; each further marker gets an anchor of its own.
    anchors = "".join(
        f'<span class="cqc-anchor" id="{source_id(turn, c.n)}"></span>' for c in citations[1:]
    )
    label = " ".join(marker(c.n) for c in citations)
    back = f'<a class="cqc-back" href="#{answer_id(turn)}">↑ Back to answer {turn}</a>'
    return anchors + _card(
        source_id(turn, first.n), label, first.record, mark_spans(first.record.text, spans), back
    )


def passage_card(passage: Passage, anchor: str, query: str = "") -> str:
    text = passage.record.text
    body = mark_spans(text, match_spans(text, query)) if query else esc(text)
    if orders_in(text):  # report text addressed to an assistant or reader (rag.inert)
        body = f'<p class="cqc-orders">Contains text addressed to an assistant or reader; never quoted as an answer.</p>{body}'
    return _card(anchor, f"#{passage.rank}", passage.record, body)


# A question of 5,000 characters must not become a 5,000-character heading.
QUESTION_SHOWN = 90


def short_question(question: str, limit: int = QUESTION_SHOWN) -> str:
    flat = " ".join(question.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def turn_sources_html(answer: Answer, turn: int) -> str:
    head = (
        f'<h4 class="cqc-turn-q" title="{esc(short_question(answer.question, 600))}">'
        f"{turn}. {esc(short_question(answer.question))}</h4>"
    )
    if answer.abstained:
        closest = answer.passages[:CLOSEST_SHOWN]
        if not closest:
            return f'<section class="cqc-turn" id="turn-{turn}">{head}<p>No passage came close.</p></section>'
        cards = "".join(passage_card(p, f"{source_id(turn, 0)}-{p.rank}") for p in closest)
        return (
            f'<section class="cqc-turn" id="turn-{turn}">{head}'
            f'<p class="cqc-closest">Closest passages (they do not answer it):</p>{cards}</section>'
        )
    groups: dict[str, list[Citation]] = {}
    for c in unique_citations(answer):
        groups.setdefault(c.record.chunk_id, []).append(c)
    cards = "".join(citation_card(g, turn) for g in groups.values()) or "<p>No passage cited.</p>"
    return f'<section class="cqc-turn" id="turn-{turn}">{head}{cards}</section>'


def sources_html(answers: Sequence[Answer]) -> str:
    """The sources panel: every answer's sources, newest first, so old markers still work."""
    if not answers:
        return '<div class="cqc-empty">Sources for each answer appear here, with the quoted sentence highlighted.</div>'
    turns = [turn_sources_html(a, i) for i, a in reversed(list(enumerate(answers, start=1)))]
    return '<div class="cqc-sources">' + "".join(turns) + "</div>"


def search_html(passages: Sequence[Passage], query: str, check: QuoteCheck | None = None) -> str:
    """Find a passage: the verdict first (exact / close / not found, and where), then hits."""
    if not query.strip():
        return '<div class="cqc-empty">Type words or paste a quote to see where the reports say it.</div>'
    verdict = ""
    if check is not None:
        found = ""
        if check.record is not None:
            body = mark_spans(check.record.text, [(check.start, check.end)])
            found = _card("hit-found", "✓" if check.verdict == "exact" else "≈", check.record, body)
        verdict = (
            f'<div class="cqc-verdict cqc-verdict-{check.verdict}" role="status">'
            f"<b>{esc(check.message)}</b>{found}</div>"
        )
    if not passages:
        return (
            verdict
            + f'<div class="cqc-empty">No passage matches “{esc(query)}”. Try fewer words or clear the filters.</div>'
        )
    heading = '<p class="cqc-closest">Nearest passages by meaning:</p>' if check is not None else ""
    return (
        verdict
        + '<div class="cqc-hits">'
        + heading
        + "".join(passage_card(p, f"hit-{p.rank}", query) for p in passages)
        + "</div>"
    )


def short_name(statement: str) -> str:
    """'Safe systems, pathways and transitions' -> 'SSPT' (table headings)."""
    return "".join(
        w[0].upper() for w in statement.replace(",", "").split() if w not in ("and", "to", "in")
    )


def reports_html(reports: Sequence[ReportInfo]) -> str:
    """The indexed files: which council each holds, its size and when it was indexed. The
    scores live in the comparison table above it, once (issue 16: not repeated here under
    abbreviated headers)."""
    if not reports:
        return '<div class="cqc-empty">No reports indexed yet. Upload a report below.</div>'
    rows = "".join(
        f'<tr><td class="cqc-file">{esc(r.report)}</td><td>{esc(r.authority)}</td>'
        f"<td>{r.chunks}</td><td>{_when(r.indexed_at)}</td></tr>"
        for r in reports
    )
    return (
        f'<table class="cqc-reports"><caption>Indexed report files ({len(reports)})</caption>'
        '<colgroup><col style="width:25%"><col style="width:28%"><col style="width:22%">'
        '<col style="width:25%"></colgroup>'
        "<thead><tr><th>File</th><th>Council</th><th>Passages</th><th>Indexed</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _when(stamp: str) -> str:
    """An ISO time as "2024-05-01 10:00:00 UTC", the date and the time free to wrap apart."""
    day, _, time = stamp.removesuffix("+00:00").partition("T")
    return f'{esc(day)} <span class="cqc-nowrap">{esc(time)}</span> UTC'


_STATUS_ICON = {"indexed": "✓", "replaced": "✓", "unchanged": "=", "duplicate": "!", "failed": "✗"}


def outcomes_html(outcomes: Sequence[IngestOutcome]) -> str:
    """One line per uploaded file: what happened and, when it failed, how to fix it."""
    if not outcomes:
        return ""
    lines = []
    for o in outcomes:
        name = o.path.rsplit("/", 1)[-1]
        warnings = "".join(f'<div class="cqc-warn">warning: {esc(w)}</div>' for w in o.warnings)
        lines.append(
            f'<li class="cqc-outcome cqc-{esc(o.status)}"><span class="cqc-icon">{_STATUS_ICON.get(o.status, "?")}</span> '
            f"<b>{esc(name)}</b>: {esc(o.status)} — {esc(o.message)}{warnings}</li>"
        )
    failed = sum(not o.ok for o in outcomes)
    summary = f"{len(outcomes) - failed} of {len(outcomes)} file(s) indexed or already present"
    summary += f"; {failed} failed (see ✗)." if failed else "."
    return f'<div class="cqc-outcomes"><p>{summary}</p><ul>{"".join(lines)}</ul></div>'


def message_html(text: str, kind: str = "info") -> str:
    return f'<div class="cqc-{esc(kind)}">{esc(text)}</div>'
