"""Periods: years ("2022") and financial years ("2023/24", "April 2023 to March 2024").

UK councils report April-to-March years, so "2023/24", "2023-24" and "the year to March
2024" all name (2023, 2024). Two readings share the year grammar, and differ on purpose
only where their callers do:
- `periods` reads questions and report text for retrieval and the answer rules;
- `CLAIM_PERIOD` reads a generated claim for verification, where a model writes the en
  dash ("2023–24") and "2023 - 2024". The question reading does not take the en dash yet:
  doing so changes which report sentences cover a period, so it waits for an evaluation
  run that shows the answers it changes.
"""

from __future__ import annotations

import re

from rag.lexicon import MONTH_ABBREVIATIONS, MONTHS

YEAR = r"(?:19|20)\d\d"  # a calendar year in a report: 1900-2099

YEAR_OR_PERIOD = re.compile(rf"\b({YEAR})(?:\s*[/-]\s*(\d{{2}}(?:\d{{2}})?))?\b")
CLAIM_PERIOD = re.compile(rf"\b({YEAR})\s?[/–-]\s?(\d{{2}}|{YEAR})\b")
# A year as a question writes it, "2023" or "2023/24", to carry into a follow-up.
_WRITTEN_YEAR = re.compile(rf"\b{YEAR}(?:/\d\d)?\b")

# Financial years written out: "April 2023 to March 2024", "the year to March 2024",
# "the year before April 2023".
_SPELLED_YEAR = re.compile(
    rf"\bapr(?:il)?\s+({YEAR}|\d\d)\s*(?:to|and|until|-|–)\s*mar(?:ch)?\s+({YEAR}|\d\d)\b"
    rf"|\byear\s+(?:to|ending(?:\s+in)?)\s+(?:31\s+)?march\s+({YEAR})\b"
    rf"|\byear\s+(?:before|prior\s+to)\s+(?:1\s+)?april\s+({YEAR})\b",
    re.I,
)


def end_year(start: int, end: str) -> int:
    """The second year of a period as written after the first: (2023, "24") -> 2024;
    (1999, "00") -> 2000, the one two-digit end that crosses a century."""
    if len(end) == 4:
        return int(end)
    last = start // 100 * 100 + int(end)
    return last + 100 if last == start - 99 else last


def periods(text: str) -> list[tuple[int, int | None]]:
    """Years and financial years named in a text: "2023/24" -> (2023, 2024); "2022" -> (2022, None);
    "April 2023 to March 2024", "Apr 23 - Mar 24" and "the year to March 2024" -> (2023, 2024)."""
    out: list[tuple[int, int | None]] = []
    spelled = []
    for m in _SPELLED_YEAR.finditer(text):
        start, end, to_march, before_april = m.groups()
        if start and end and len(start) == 2:  # "Apr 23 to Mar 24"
            start, end = f"20{start}", (f"20{end}" if len(end) == 2 else end)
        if start and end and int(end) == int(start) + 1:
            out.append((int(start), int(end)))
        elif to_march:
            out.append((int(to_march) - 1, int(to_march)))
        elif before_april:
            out.append((int(before_april) - 1, int(before_april)))
        else:
            continue
        spelled.append(m.span())
    for m in YEAR_OR_PERIOD.finditer(text):
        if any(a <= m.start() < b for a, b in spelled):
            continue
        first, end = int(m.group(1)), m.group(2)
        if end is None:
            out.append((first, None))
        else:
            last = end_year(first, end)
            out.append((first, last) if last == first + 1 else (first, None))
    return out


def covers_periods(
    asked: list[tuple[int, int | None]], text: str, sentence: str | None = None
) -> bool:
    """Does the text speak of every year/period the question asks about?

    A financial year (2021/22) needs that period in the text, or both its years in the
    sentence itself ("from April 2023 to March 2024"): two years scattered over a
    paragraph do not make a financial year. A plain year needs that year, alone or inside
    a period ("2023" is covered by "2023/24")."""
    found = periods(text)
    spans = {p for p in found if p[1] is not None}
    years = {y for p in found for y in p if y is not None}
    own = {
        y for p in periods(sentence if sentence is not None else text) for y in p if y is not None
    }
    return all(((a, b) in spans or {a, b} <= own) if b else a in years for a, b in asked)


def without_years(text: str) -> str:
    """The text with its years and periods taken out, which the period rule checks; a
    period written out keeps its months as words ("between April 2023 and March 2024" ->
    "between april march"; "Apr 23 to Mar 24" -> "april march"): a report that writes the
    months shares them with the question."""
    for start, end in reversed(period_spans(text)):
        months = [
            _FULL_MONTH.get(w.lower()[:3], "")
            for w in re.findall(r"[A-Za-z]+", text[start:end])
            if w.lower() in MONTHS or w.lower() in MONTH_ABBREVIATIONS
        ]
        text = f"{text[:start]} {' '.join(months)} {text[end:]}"
    return text


_FULL_MONTH = {m[:3]: m for m in MONTHS}


def period_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes years and periods, written out or not ("Apr 23 to Mar 24",
    "2023/24"), in order."""
    spans = [m.span() for m in _SPELLED_YEAR.finditer(text)]
    spans += [
        m.span()
        for m in YEAR_OR_PERIOD.finditer(text)
        if not any(a <= m.start() < b for a, b in spans)
    ]
    return sorted(spans)


def written_years(text: str) -> list[str]:
    """Years as the text writes them, "2023" or "2023/24" (what a follow-up carries over)."""
    return _WRITTEN_YEAR.findall(text)


# "When was it published?" wants a date; "In which month and year ...?" a month.
_ASKS_DATE = re.compile(
    r"^\s*when\b|\b(?:in |during )?(?:which|what) (?:month|year|date|day)\b|\bwhat date\b", re.I
)
# Capitalised, so that "staff may" and "march" as a verb are no months.
_MONTH = re.compile(rf"\b(?:{'|'.join(sorted(m.title() for m in MONTHS))})\b")
_DAY = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def asked_date(question: str) -> str | None:
    """What kind of date a question asks for: "month" (a month must be named), "date" (a
    year, month or day), or None."""
    m = _ASKS_DATE.search(question)
    if not m:
        return None
    return "month" if re.search(r"\b(?:month|date|day)\b", m.group(), re.I) else "date"


def states_date(kind: str, text: str) -> bool:
    """Does the text state the kind of date asked for? A financial year ("the 2023/24
    survey") names a span of time, not when something happened: it is no date."""
    if _MONTH.search(text) or _DAY.search(text):
        return True
    return kind == "date" and any(end is None for _, end in periods(text))
