"""The CQC local authority assessment framework: themes, quality statements, scores.

Facts from CQC's published framework (see ../shared/reports/README.md): 4 themes, 9
quality statements each scored 1-4. Matching is forgiving about case, punctuation and
"&" vs "and", because headings arrive from PDF extraction and hand-made Markdown alike.
"""

from __future__ import annotations

import re

THEMES: dict[str, tuple[str, ...]] = {
    "How the local authority works with people": (
        "Assessing needs",
        "Supporting people to live healthier lives",
        "Equity in experience and outcomes",
    ),
    "Providing support": (
        "Care provision, integration and continuity",
        "Partnerships and communities",
    ),
    "How the local authority ensures safety within the system": (
        "Safe systems, pathways and transitions",
        "Safeguarding",
    ),
    "Leadership": (
        "Governance, management and sustainability",
        "Learning, improvement and innovation",
    ),
}

QUALITY_STATEMENTS: tuple[str, ...] = tuple(qs for group in THEMES.values() for qs in group)
THEME_OF: dict[str, str] = {qs: theme for theme, group in THEMES.items() for qs in group}

SCORE_MEANINGS: dict[int, str] = {
    1: "Evidence shows significant shortfalls",
    2: "Evidence shows some shortfalls",
    3: "Evidence shows a good standard",
    4: "Evidence shows an exceptional standard",
}

# Headings CQC uses inside every quality statement; they are subsections, never a new
# quality statement, whatever their markup level.
STANDARD_SUBSECTIONS: tuple[str, ...] = (
    "What people expect",
    "The local authority commitment",
    "Key findings for this quality statement",
)

SCORE_LINE = re.compile(r"^\s*Score:\s*([1-4])\s*(?:/\s*4)?\s*$", re.MULTILINE)
MEANING_LINE = re.compile(r"^\s*([1-4])\s*[-–—:]\s*(Evidence shows .+?)\s*$")
THEME_HEADING = re.compile(r"^\s*Theme\s+([1-4])\s*[:.\-–]\s*(.+?)\s*$", re.IGNORECASE)


def normalise_name(text: str) -> str:
    """Lower-case, '&' -> 'and', punctuation dropped, whitespace folded."""
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


# How real reports and press releases name the statements and themes besides the
# canonical names above (the one list of variants: sections, score lines and questions
# all match through it). Seen in ../shared/reports: Ealing's "lead healthier lives",
# Camden's press release "assessing people's needs", "partnership and communities",
# "continuity of care", Gateshead's "Safe pathways, systems and transitions".
STATEMENT_VARIANTS: dict[str, tuple[str, ...]] = {
    "Assessing needs": ("Assessing people's needs", "Assessing people’s needs"),
    "Supporting people to live healthier lives": ("Supporting people to lead healthier lives",),
    "Care provision, integration and continuity": (
        "Care provision, integration and continuity of care",
    ),
    "Partnerships and communities": ("Partnership and communities",),
    "Safe systems, pathways and transitions": ("Safe pathways, systems and transitions",),
}
THEME_VARIANTS: dict[str, tuple[str, ...]] = {
    "How the local authority ensures safety within the system": (
        "How the local authority ensures safety in the system",
    ),
}

_BY_NORMAL = {normalise_name(qs): qs for qs in QUALITY_STATEMENTS} | {
    normalise_name(v): qs for qs, variants in STATEMENT_VARIANTS.items() for v in variants
}
_THEME_BY_NORMAL = {normalise_name(t): t for t in THEMES} | {
    normalise_name(v): t for t, variants in THEME_VARIANTS.items() for v in variants
}


def statement_names() -> dict[str, str]:
    """Every accepted name of a quality statement, normalised -> canonical name."""
    return dict(_BY_NORMAL)


def match_quality_statement(heading: str) -> str | None:
    """The canonical quality statement a heading names, or None.

    >>> match_quality_statement("Learning, Improvement & Innovation")
    'Learning, improvement and innovation'
    """
    return _BY_NORMAL.get(normalise_name(heading))


def match_theme(heading: str) -> str | None:
    """The canonical theme a heading names ("Theme 2: Providing support"), or None."""
    m = THEME_HEADING.match(heading)
    name = m.group(2) if m else heading
    return _THEME_BY_NORMAL.get(normalise_name(name))


def score_meaning(score: int | None) -> str | None:
    return None if score is None else f"{score} - {SCORE_MEANINGS[score]}"
