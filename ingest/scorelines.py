"""The grammar of how reports state scores: every layout, one module, pure.

A CQC report states its scores in four ways, all seen in ../shared/reports:
- a quality statement page: the statement heading, then `Score: 3` (Bristol, Camden, ...);
- the "Overall summary" page (Ealing): the council, its rating on a line of its own,
  `Score: 56%`, then "Quality statement scores": each statement's name on its own line
  followed by `Score: N`;
- CQC's press release (Camden, Gateshead): a numbered list,
  "1. assessing people’s needs: 3", "4. Care provision, integration and continuity of
  care - 3", "5. Partnership and communities – 3";
- the rating in words: "Overall rating: Good", "has rated Gateshead Borough Council as
  good", "... to create their outstanding rating".

Every value found carries the character span of the line(s) stating it, so an answer can
quote exactly that line. Statement names are matched through `ingest.framework` (the
one list of name variants). This module finds values in text; it does not decide which
section a heading starts (ingest.sections) nor what the index stores (rag.scores).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.framework import MEANING_LINE, match_quality_statement

RATINGS: tuple[str, ...] = ("Outstanding", "Good", "Requires improvement", "Inadequate")
_RATING_WORDS = r"outstanding|good|requires improvement|inadequate"

STATEMENT_SCORE = re.compile(r"^[ \t]*\**Score:\**[ \t]*\**([1-4])\b(?![%.\d])[^\n]*$", re.M)
_PERCENT_SCORE = re.compile(r"^[ \t]*\**Score:\**[ \t]*(\d{1,3})[ \t]*%[ \t]*$", re.M)
_OVERALL_PERCENT = re.compile(
    r"^[ \t]*\**Overall (?:percentage )?score:\**[ \t]*(\d{1,3})[ \t]*%", re.M | re.I
)
_OVERALL_RATING = re.compile(
    rf"^[ \t]*\**Overall rating:\**[ \t]*\**({_RATING_WORDS})\b", re.M | re.I
)
_RATING_LINE = re.compile(rf"^[ \t]*({_RATING_WORDS})[ \t]*$", re.M | re.I)
# "has rated Gateshead Borough Council as good": the subject must be a council, so a
# sentence about a care home ("86% were rated Good") never reads as the overall rating.
_RATED_AS = re.compile(
    rf"\brated\s+(?:the\s+)?[A-Z][^.\n]{{0,80}}?\b(?:Council|Borough|County|City|[Aa]uthority)"
    rf"\b[^.\n]{{0,40}}?\bas\s+({_RATING_WORDS})\b",
    re.I,
)
_THEIR_RATING = re.compile(
    rf"\b(?:create|give|gave|giving)\s+their\s+({_RATING_WORDS})\s+rating\b", re.I
)
_PRESS_ITEM = re.compile(
    r"^[ \t]*(?:\d{1,2}[.)][ \t]*)(?P<name>[^\n:–—]+?)[ \t]*(?::|[ \t][-–—])[ \t]*(?P<score>[1-4])[ \t]*\.?[ \t]*$",
    re.M,
)
_LINE = re.compile(r"[^\n]*")
_MIN_LIST = 3  # a statement list has several items; one name + Score is a statement page


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One stated value: `text[start:end]` is the line(s) stating it; `line_start` is where
    the line holding the value itself begins (the `Score: N` line of a two-line item)."""

    key: str  # canonical quality statement, or "rating", or "percentage"
    value: int | str  # 1-4, a rating from RATINGS, or a percentage 0-100
    start: int
    end: int
    line_start: int
    source: str  # "page" (statement page), "summary", "press", "text"


@dataclass(frozen=True, slots=True)
class ScoreLines:
    """What a text states about scores, each value at most once (first statement wins)."""

    statements: tuple[ScoreLine, ...] = ()
    rating: ScoreLine | None = None
    percentage: ScoreLine | None = None
    lists: tuple[tuple[int, int], ...] = ()  # spans of summary-page statement lists

    def scores(self) -> dict[str, int]:
        return {s.key: int(s.value) for s in self.statements}


def read_score_lines(text: str) -> ScoreLines:
    """Summary-page and press-release scores, the overall rating and the percentage.

    Statement pages are not read here (which `Score:` belongs to which statement depends on
    the headings: `page_score` does that for ingest.sections)."""
    summary, lists = _summary_list(text)
    statements: dict[str, ScoreLine] = {}
    for line in [*summary, *_press_list(text)]:
        statements.setdefault(line.key, line)
    return ScoreLines(
        statements=tuple(sorted(statements.values(), key=lambda s: s.start)),
        rating=_rating(text),
        percentage=_percentage(text),
        lists=tuple(lists),
    )


_MEANING_AFTER = re.compile(r"\n[ \t]*\n?[ \t]*([1-4])[ \t]*[-–—:][ \t]*Evidence shows[^\n]*")


def page_score(text: str, start: int, end: int, statement: str) -> ScoreLine | None:
    """The first `Score: N` line in text[start:end] (a statement page's own score), with
    the meaning line under it when there is one ("Score: 2" / "2 - Evidence shows some
    shortfalls"): the quote then says what the score means, as the report does."""
    m = STATEMENT_SCORE.search(text, start, end)
    if m is None:
        return None
    line_end = m.start() + len(m.group().rstrip())
    meaning = _MEANING_AFTER.match(text, line_end, end)
    if meaning and meaning.group(1) == m.group(1):
        line_end = meaning.start() + len(meaning.group().rstrip())
    return ScoreLine(
        statement,
        int(m.group(1)),
        _lstrip(text, m.start()),
        line_end,
        _lstrip(text, m.start()),
        "page",
    )


def _lines(text: str) -> list[tuple[int, str]]:
    return [
        (m.start(), m.group())
        for m in _LINE.finditer(text)
        if m.start() == 0 or text[m.start() - 1] == "\n"
    ]


def _lstrip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _summary_list(text: str) -> tuple[list[ScoreLine], list[tuple[int, int]]]:
    """Runs of "<statement name>" / "Score: N" line pairs (at most one blank line apart).

    Driven by the `Score: N` lines (a few per report), looking back one line for a
    statement name: reading every line of a 561-file corpus took seconds."""
    items: list[ScoreLine] = []
    for m in STATEMENT_SCORE.finditer(text):
        head_end = m.start()
        while head_end > 0 and text[head_end - 1] in " \t\n":
            head_end -= 1
        breaks = text.count("\n", head_end, m.start())
        if not head_end or not 1 <= breaks <= 2:
            continue  # one blank line at most between the name and its score
        pos = text.rfind("\n", 0, head_end) + 1
        line = text[pos:head_end]
        statement = match_quality_statement(line.strip().strip("#*").strip())
        if statement is None or line.lstrip()[:1] == "#":
            continue
        following = text[m.end() : m.end() + 200].lstrip().split("\n", 1)[0]
        if MEANING_LINE.match(following):
            continue  # a statement page: its score line is followed by "2 - Evidence ..."
        begin = _lstrip(text, pos)
        end = m.start() + len(m.group().rstrip())
        items.append(
            ScoreLine(statement, int(m.group(1)), begin, end, _lstrip(text, m.start()), "summary")
        )
    runs: list[list[ScoreLine]] = []
    for item in items:
        gap = text[runs[-1][-1].end : item.start] if runs else None
        # a list names each statement once: a repeated name is the first statement page
        repeated = bool(runs) and any(item.key == seen.key for seen in runs[-1])
        if gap is not None and not gap.strip() and gap.count("\n") <= 2 and not repeated:
            runs[-1].append(item)
        else:
            runs.append([item])
    kept = [run for run in runs if len(run) >= _MIN_LIST]
    return [item for run in kept for item in run], [(run[0].start, run[-1].end) for run in kept]


def _press_list(text: str) -> list[ScoreLine]:
    """Numbered "N. <statement>: S" / "N. <statement> – S" lines."""
    out = []
    for m in _PRESS_ITEM.finditer(text):
        statement = match_quality_statement(m.group("name"))
        if statement:
            begin = _lstrip(text, m.start())
            end = m.start() + len(m.group().rstrip())
            out.append(ScoreLine(statement, int(m.group("score")), begin, end, begin, "press"))
    return out


def _summary_pairs(text: str) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """The summary page's rating alone on a line, directly above its `Score: N%` line."""
    for rating in _RATING_LINE.finditer(text):
        pos = rating.end()
        while text[pos : pos + 1] == "\n":
            pos += 1
        percent = _PERCENT_SCORE.match(text, pos)
        if percent:
            yield rating, percent


def _rating(text: str) -> ScoreLine | None:
    """The stated overall rating, by how explicit the statement is."""
    m = _OVERALL_RATING.search(text)
    if m:
        return _line(text, m, "rating", _rating_named(m.group(1)), "text")
    for rating, _ in _summary_pairs(text):
        return _line(text, rating, "rating", _rating_named(rating.group(1)), "summary")
    for pattern in (_RATED_AS, _THEIR_RATING):
        m = pattern.search(text)
        if m:
            return _line(text, m, "rating", _rating_named(m.group(1)), "press")
    return None


def _percentage(text: str) -> ScoreLine | None:
    m = _OVERALL_PERCENT.search(text)
    if m and int(m.group(1)) <= 100:
        return _line(text, m, "percentage", int(m.group(1)), "text")
    for _, percent in _summary_pairs(text):
        if int(percent.group(1)) <= 100:
            return _line(text, percent, "percentage", int(percent.group(1)), "summary")
    return None


def _rating_named(word: str) -> str:
    return next(r for r in RATINGS if r.lower() == " ".join(word.lower().split()))


def _line(text: str, m: re.Match[str], key: str, value: int | str, source: str) -> ScoreLine:
    begin = _lstrip(text, m.start())
    end = m.start() + len(m.group().rstrip())
    return ScoreLine(key, value, begin, end, begin, source)


def is_score_line(text: str) -> bool:
    """Whether a quote is one line stating a score, rating or percentage (a `Score: N`
    line, a summary item ending in one, a press-release item, a rating statement): what
    an answer over the scores table may cite."""
    t = text.strip()
    if not t or len(t) > 200:
        return False
    lines = [x.strip() for x in t.splitlines() if x.strip()]
    if len(lines) == 2 and MEANING_LINE.match(lines[1]) and STATEMENT_SCORE.fullmatch(lines[0]):
        return True  # "Score: 2" with its meaning line under it
    last = lines[-1]
    return any(
        (
            STATEMENT_SCORE.fullmatch(last),
            _PERCENT_SCORE.fullmatch(last),
            _OVERALL_PERCENT.match(t),
            _OVERALL_RATING.match(t),
            _RATING_LINE.fullmatch(t),
            _PRESS_ITEM.fullmatch(t),
            _RATED_AS.search(t),
            _THEIR_RATING.search(t),
        )
    )
