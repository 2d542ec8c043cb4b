"""The words of questions over the scores: how people name statements and themes, and
what a score question is not about. Data only, read by rag.score_questions."""

from __future__ import annotations

import re
from functools import cache

from ingest.framework import QUALITY_STATEMENTS, THEMES, normalise_name, statement_names
from ingest.scorelines import RATINGS

SHORT_NAMES = {  # how people name the statements besides the report's own words
    "assessing needs": "Assessing needs",
    "needs assessment": "Assessing needs",
    "healthier lives": "Supporting people to live healthier lives",
    "equity": "Equity in experience and outcomes",
    "care provision": "Care provision, integration and continuity",
    "integration and continuity": "Care provision, integration and continuity",
    "partnerships": "Partnerships and communities",
    "partnership": "Partnerships and communities",
    "partners and communities": "Partnerships and communities",
    "working with partners": "Partnerships and communities",
    "assessing people's needs": "Assessing needs",  # the CQC press release's name
    "safe systems": "Safe systems, pathways and transitions",
    "safe pathways": "Safe systems, pathways and transitions",
    "transitions": "Safe systems, pathways and transitions",
    "safeguarding": "Safeguarding",
    "governance": "Governance, management and sustainability",
    "learning": "Learning, improvement and innovation",
    "learning and improvement": "Learning, improvement and innovation",
    "innovation": "Learning, improvement and innovation",
}
THEME_NAMES = {
    "leadership": "Leadership",
    "providing support": "Providing support",
    "works with people": "How the local authority works with people",
    "working with people": "How the local authority works with people",
    "ensures safety": "How the local authority ensures safety within the system",
    "safety within the system": "How the local authority ensures safety within the system",
    "safety in the system": "How the local authority ensures safety within the system",
    "safety": "How the local authority ensures safety within the system",
}
# What else reports rate or count: a question about these is about the report's text.
OTHER_THINGS = re.compile(
    r"\b(care homes?|homes|providers?|services?|agenc(?:y|ies)|homecare|registered|beds|people|"
    r"staff|carers?|complaints?|compliments?|surveys?|respondents|waits?|waiting|days|weeks|"
    r"budget|spend|spent|£|satisf\w*|deprivation|imd|index of|population|residents|ofsted|"
    r"ombudsman|assessments|reviews|referrals|vacancy|vacancies|turnover|contacts?|"
    r"(?:percentage|proportion|share) of (?!the max))\b"
)
THEME_NUMBER = re.compile(r"\btheme ([1-4])\b", re.I)
# Words that never name a council: framework, rating and question words.
NOT_NAMES = (
    frozenset(
        w
        for name in (*QUALITY_STATEMENTS, *THEMES, *statement_names(), *RATINGS)
        for w in normalise_name(name).split()
    )
    | frozenset(
        [
            "rank",
            "sort",
            "order",
            "name",
            "please",
            "can",
            "could",
            "should",
            "has",
            "have",
            "had",
            "where",
            "when",
            "why",
            "across",
            "among",
            "at",
            "by",
            "from",
            "according",
            "tell",
            "find",
            "count",
            "number",
            "many",
            "much",
            "sum",
            "mark",
            "marks",
            "band",
            "bands",
        ]
    )
    | frozenset(
        [
            "what",
            "which",
            "who",
            "how",
            "compare",
            "does",
            "do",
            "did",
            "is",
            "are",
            "was",
            "were",
            "the",
            "a",
            "an",
            "and",
            "or",
            "of",
            "for",
            "on",
            "in",
            "to",
            "cqc",
            "council",
            "councils",
            "borough",
            "county",
            "city",
            "authority",
            "authorities",
            "local",
            "england",
            "english",
            "london",
            "nhs",
            "overall",
            "score",
            "scores",
            "scored",
            "rating",
            "rated",
            "percentage",
            "theme",
            "statement",
            "statements",
            "quality",
            "average",
            "mean",
            "median",
            "top",
            "bottom",
            "highest",
            "lowest",
            "best",
            "worst",
            "list",
            "show",
            "give",
            "tell",
            "if",
            "would",
            "all",
            "every",
            "each",
            "any",
            "both",
            "between",
            "versus",
            "vs",
            "i",
        ]
    )
)


@cache
def statement_names_longest_first() -> tuple[tuple[str, str], ...]:
    """(normalised name, quality statement) for every name a question may use: CQC's names,
    the variants its pages use and `SHORT_NAMES`; longest first, so that "safe systems,
    pathways and transitions" is found before "transitions". Built once."""
    names = {**statement_names(), **{normalise_name(k): v for k, v in SHORT_NAMES.items()}}
    return tuple(sorted(names.items(), key=lambda kv: len(kv[0]), reverse=True))
