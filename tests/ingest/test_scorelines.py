"""The score grammar (ingest.scorelines) on the real report files and on fictional lines.

The real files are read from ../shared/reports at test time (never copied here); every
value is checked against its span, so a wrong offset fails as surely as a wrong value.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.framework import match_quality_statement, match_theme
from ingest.parsers import parse_file
from ingest.scorelines import page_score, read_score_lines
from tests.conftest import SHARED_REPORTS

EALING_SCORES = [2, 2, 2, 2, 3, 2, 2, 2, 3]  # the summary page, in framework order
CAMDEN_SCORES = [3, 3, 4, 3, 4, 4, 3, 4, 4]  # the press release list
GATESHEAD_SCORES = [2, 2, 2, 3, 3, 3, 3, 3, 3]


def _shared(name: str) -> Path:
    path = SHARED_REPORTS / name
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared/reports beside the project)")
    return path


@pytest.mark.parametrize(
    ("name", "expected", "source"),
    [
        ("ealing.txt", EALING_SCORES, "summary"),
        ("camden.txt", CAMDEN_SCORES, "press"),
        ("gateshead.txt", GATESHEAD_SCORES, "press"),
    ],
)
def test_listed_scores_of_the_real_files(name: str, expected: list[int], source: str) -> None:
    text = _shared(name).read_text(encoding="utf-8")
    found = read_score_lines(text)
    assert [s.value for s in found.statements] == expected
    for line in found.statements:
        stated = text[line.start : line.end]
        assert stated.rstrip().endswith(str(line.value))
        assert match_quality_statement(line.key) == line.key
        assert line.source == source
        assert "\n\n" not in stated  # one item, never the next


def test_ealing_summary_page_rating_and_percentage() -> None:
    text = _shared("ealing.txt").read_text(encoding="utf-8")
    found = read_score_lines(text)
    assert found.rating is not None and found.rating.value == "Requires improvement"
    assert text[found.rating.start : found.rating.end] == "Requires improvement"
    assert found.percentage is not None and found.percentage.value == 56
    assert text[found.percentage.start : found.percentage.end] == "Score: 56%"
    assert len(found.lists) == 1
    start, end = found.lists[0]
    assert text[start:end].startswith("Assessing needs\nScore: 2")
    assert text[start:end].endswith("Learning, improvement and innovation\nScore: 3")


def test_ratings_stated_in_press_release_words() -> None:
    camden = read_score_lines(_shared("camden.txt").read_text(encoding="utf-8"))
    gateshead = read_score_lines(_shared("gateshead.txt").read_text(encoding="utf-8"))
    assert camden.rating is not None and camden.rating.value == "Outstanding"
    assert gateshead.rating is not None and gateshead.rating.value == "Good"
    assert camden.percentage is None and gateshead.percentage is None  # neither states one


@pytest.mark.parametrize(
    "name",
    ["bristol.txt", "northumberland.txt", "telford-and-wrekin.txt", "000_9cb2d3eb327cb64a.txt"],
)
def test_statement_pages_only_state_no_list_and_no_rating(name: str) -> None:
    found = read_score_lines(_shared(name).read_text(encoding="utf-8"))
    assert found.statements == () and found.rating is None and found.percentage is None


@pytest.mark.parametrize(
    ("name", "authority", "rating", "percentage", "scores"),
    [
        ("ealing.txt", "London Borough of Ealing", "Requires improvement", 56, EALING_SCORES),
        ("camden.txt", "London Borough of Camden", "Outstanding", None, CAMDEN_SCORES),
        ("gateshead.txt", "Gateshead Borough Council", "Good", None, GATESHEAD_SCORES),
    ],
)
def test_parsed_reports_carry_listed_scores_and_no_list_sections(
    name: str, authority: str, rating: str, percentage: int | None, scores: list[int]
) -> None:
    from ingest.framework import QUALITY_STATEMENTS

    parsed = parse_file(_shared(name))
    assert parsed.authority == authority
    assert parsed.overall_rating == rating
    assert parsed.overall_percentage == percentage
    assert [parsed.scores[qs] for qs in QUALITY_STATEMENTS] == scores
    # The summary list's names are list items: no statement section is a bare "Score: N".
    for section in parsed.sections:
        if section.quality_statement:
            assert section.text.strip() != f"Score: {section.score}"
            assert "What people expect" in " ".join(section.heading_path) or len(section.text) > 40


def test_summary_list_names_never_start_sections_even_as_markup_headings() -> None:
    from ingest.parsers import parse_bytes

    # Fictional: a saved summary page whose statement names are <h3> headings; each would
    # otherwise start a quality statement section holding nothing but "Score: N".
    items = "".join(
        f"<h3>{name}</h3><p>Score: {n}</p>"
        for name, n in [
            ("Assessing needs", 1),
            ("Safeguarding", 4),
            ("Partnership and communities", 2),
        ]
    )
    html = (
        "<html><head><title>Fictional Council: local authority assessment</title></head><body>"
        f"<h1>Fictional Council: local authority assessment</h1><h2>Overall summary</h2>{items}"
        "<h2>Safeguarding</h2><p>Score: 3</p><p>3 - Evidence shows a good standard</p>"
        "<p>The fictional council kept people safe and listened to them well.</p></body></html>"
    )
    parsed = parse_bytes(html.encode(), "fictional.html")
    statements = [s.quality_statement for s in parsed.sections if s.quality_statement]
    assert statements == ["Safeguarding"]
    # the page's own score wins over the list's; the list fills the statements with no page
    assert parsed.scores == {
        "Safeguarding": 3,
        "Assessing needs": 1,
        "Partnerships and communities": 2,
    }


def test_press_list_separators_and_variants() -> None:
    text = (
        "1. assessing people’s needs: 3\n"
        "4. Care provision, integration and continuity of care - 3\n"
        "5. Partnership and communities – 4\n"
        "6. Safe pathways, systems and transitions — 1\n"
        "7. Something else entirely: 2\n"
    )
    found = read_score_lines(text)
    assert [(s.key, s.value) for s in found.statements] == [
        ("Assessing needs", 3),
        ("Care provision, integration and continuity", 3),
        ("Partnerships and communities", 4),
        ("Safe systems, pathways and transitions", 1),
    ]


def test_a_single_name_and_score_is_a_statement_page_not_a_list() -> None:
    found = read_score_lines("Safeguarding\nScore: 2\n\nThe fictional council's findings.")
    assert found.statements == () and found.lists == ()


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("Overall rating: Good", "Good"),
        ("**Overall rating:** Requires improvement", "Requires improvement"),
        ("CQC has rated Fictional City Council as inadequate in how well ...", "Inadequate"),
        ("86% of care homes were rated Good or Outstanding.", None),
        ("CQC has rated the Fictional Care Home as good.", None),
    ],
)
def test_rating_statements(text: str, rating: str | None) -> None:
    found = read_score_lines(text)
    assert (found.rating.value if found.rating else None) == rating
    if found.rating:
        assert (
            rating is not None
            and rating.lower() in text[found.rating.start : found.rating.end].lower()
        )


def test_page_score_reads_markup_variants_and_not_percentages() -> None:
    text = "x\n**Score:** 3\n"
    line = page_score(text, 0, len(text), "Safeguarding")
    assert line is not None and line.value == 3 and text[line.start : line.end] == "**Score:** 3"
    assert page_score("Score: 56%\n", 0, 11, "Safeguarding") is None


def test_framework_variants() -> None:
    assert match_quality_statement("Supporting people to lead healthier lives") == (
        "Supporting people to live healthier lives"
    )
    assert match_quality_statement("Safe pathways, systems and transitions") == (
        "Safe systems, pathways and transitions"
    )
    assert match_quality_statement("partnership and communities") == "Partnerships and communities"
    assert match_theme("How the local authority ensures safety in the system") == (
        "How the local authority ensures safety within the system"
    )
