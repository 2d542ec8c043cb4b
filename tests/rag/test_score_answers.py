"""Questions over the scores table, end to end through `Assistant.ask` (fakes for the
model and store), on three fictional councils written here, one per score layout:
statement pages (Alpha), the Overall summary page (Beta), a press-release list (Gamma).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.scorelines import is_score_line
from rag.assistant import Assistant
from rag.types import Answer

NOTE = "This report is fictional, written for cqc-rag's tests."


def _page(name: str, score: int) -> str:
    return f"## {name}\n\nScore: {score}\n\nThe fictional council's work on {name.lower()} was described in detail here.\n"


def alpha(safeguarding: int = 1) -> str:
    pages = [
        _page("Assessing needs", 3),
        _page("Safeguarding", safeguarding),
        _page("Governance, management and sustainability", 4),
        _page("Learning, improvement and innovation", 4),
    ]
    return (
        f"# Fictional Alpha Borough Council: local authority assessment\n\n{NOTE}\n\n"
        "Overall rating: Good\n\nOverall score: 75%\n\n" + "\n".join(pages)
    )


BETA_SCORES = [2, 2, 2, 2, 2, 2, 1, 3, 2]  # 18 of 36 = 50%: Requires improvement, as stated
GAMMA_SCORES = [3, 3, 3, 3, 3, 3, 1, 4, 4]  # 27 of 36 = 75%: Good, but stated otherwise
NAMES = [
    "Assessing needs",
    "Supporting people to lead healthier lives",
    "Equity in experience and outcomes",
    "Care provision, integration and continuity",
    "Partnerships and communities",
    "Safe pathways, systems and transitions",
    "Safeguarding",
    "Governance, management and sustainability",
    "Learning, improvement and innovation",
]


def beta() -> str:
    items = "\n".join(f"{n}\nScore: {s}" for n, s in zip(NAMES, BETA_SCORES, strict=True))
    return (
        f"# Fictional Beta City Council: local authority assessment\n\n{NOTE}\n\n## Overall summary\n\n"
        "Local authority rating and score\n\nFictional Beta City Council\nRequires improvement\nScore: 50%\n\n"
        f"Quality statement scores\n\n{items}\n\n## People's experiences\n\n"
        "People told us about their experiences of the fictional council in many ways.\n"
    )


def gamma() -> str:
    items = "\n".join(
        f"{i}. {n.lower()} – {s}"
        for i, (n, s) in enumerate(zip(NAMES, GAMMA_SCORES, strict=True), 1)
    )
    return (
        f"# Fictional Gamma Council: local authority assessment\n\n{NOTE}\n\n## Press release\n\n"
        "CQC has rated Fictional Gamma Council as requires improvement in how well it meets its duties.\n\n"
        f"{items}\n\nThe chief inspector said the fictional council had work to do.\n"
    )


@pytest.fixture
def councils(fake_assistant: Assistant, tmp_path: Path) -> Assistant:
    for name, text in (("alpha.md", alpha()), ("beta.md", beta()), ("gamma.md", gamma())):
        (tmp_path / name).write_text(text, encoding="utf-8")
    outcomes = fake_assistant.ingest([tmp_path / n for n in ("alpha.md", "beta.md", "gamma.md")])
    assert all(o.ok for o in outcomes), outcomes
    return fake_assistant


def ask(assistant: Assistant, question: str) -> Answer:
    answer = assistant.ask(question)
    assert answer.kind == "scores", (question, answer.text)
    for c in answer.citations:  # every value cited to the line stating it
        assert c.record.text[c.quote_start : c.quote_start + len(c.quote)] == c.quote
        assert is_score_line(c.quote), c.quote
    return answer


def test_the_table_reads_all_three_layouts(councils: Assistant) -> None:
    rows = {r.authority: r for r in councils.scores().rows}
    a, b, g = (
        rows[f"Fictional {n}"]
        for n in ("Alpha Borough Council", "Beta City Council", "Gamma Council")
    )
    assert (a.rating and a.rating.value, a.percentage and a.percentage.value) == ("Good", 75)
    assert [b.score(qs) for qs in b.statements] == BETA_SCORES
    assert [g.score(qs) for qs in g.statements] == GAMMA_SCORES
    assert b.percentage is not None and b.percentage.quote == "Score: 50%"
    assert g.rating is not None and g.rating.value == "Requires improvement"
    assert a.score("Equity in experience and outcomes") is None  # no page, no list: not given
    for row in rows.values():
        for stated in [*row.statements.values(), row.rating, row.percentage]:
            if stated is not None:
                assert stated.record is not None
                assert stated.record.text[stated.quote_start :].startswith(stated.quote)


def test_filter_names_the_councils_and_cites_each_value(councils: Assistant) -> None:
    answer = ask(councils, "Which councils scored 1 for Safeguarding?")
    assert "Fictional Alpha" in answer.text and "Fictional Gamma" in answer.text
    assert "Fictional Beta" in answer.text  # Beta also scored 1 (summary page)
    assert {c.record.authority for c in answer.citations} == {
        "Fictional Alpha Borough Council",
        "Fictional Beta City Council",
        "Fictional Gamma Council",
    }
    answer = ask(
        councils, "Which councils scored at least 3 for Governance, management and sustainability?"
    )
    assert "Fictional Alpha" in answer.text and "Fictional Gamma" in answer.text
    assert "Fictional Beta" in answer.text  # 3


def test_ties_are_stated(councils: Assistant) -> None:
    answer = ask(councils, "Which council scored highest for Learning, improvement and innovation?")
    assert "tied between Fictional Alpha Borough Council and Fictional Gamma Council" in answer.text
    assert "Fictional Beta" not in answer.text


def test_theme_grouping_ranks_by_the_themes_statements(councils: Assistant) -> None:
    answer = ask(councils, "Which council scored highest on Leadership?")
    # Alpha 4 + 4 = 8, Gamma 4 + 4 = 8, Beta 3 + 2 = 5
    assert (
        "8, tied between Fictional Alpha Borough Council and Fictional Gamma Council" in answer.text
    )
    assert len(answer.citations) == 4


def test_missing_scores_are_not_given_never_guessed(councils: Assistant) -> None:
    answer = ask(
        councils, "Compare Fictional Alpha and Fictional Beta on Equity in experience and outcomes"
    )
    assert "| Fictional Alpha Borough Council | not given in the indexed report |" in answer.text
    assert "| Fictional Beta City Council | 2 [1] |" in answer.text
    answer = ask(councils, "What score did Fictional Alpha get for Partnerships and communities?")
    assert answer.abstained and "not given in the indexed report" in answer.text


def test_a_council_not_indexed_says_so(councils: Assistant) -> None:
    answer = councils.ask("What did Hounslow score for Safeguarding?")
    assert answer.abstained and not answer.citations and "Hounslow" in answer.text


def test_rating_arithmetic_against_the_stated_rating(councils: Assistant) -> None:
    gamma_check = ask(councils, "Do Fictional Gamma's nine scores match its stated rating?")
    assert "| 27 " in gamma_check.text and "75%" in gamma_check.text
    assert "rating DISAGREES" in gamma_check.text and "they disagree" in gamma_check.text
    beta_check = ask(councils, "Does Fictional Beta's percentage match its scores?")
    assert "percentage agrees, rating agrees" in beta_check.text
    alpha_check = ask(councils, "Do Fictional Alpha's scores match its rating?")
    assert "4 of 9 stated" in alpha_check.text and "cannot check" in alpha_check.text
    hypothetical = ask(councils, "What would all 3s come to?")
    assert "27 of 36: 75%, in CQC's Good band" in hypothetical.text and not hypothetical.citations


def test_count_average_distribution_lookup(councils: Assistant) -> None:
    assert (
        "1 of the 3 indexed councils rated Good"
        in ask(councils, "How many councils are rated Good?").text
    )
    assert "2.67" in ask(councils, "What is the average Assessing needs score?").text
    assert "1.00" in ask(councils, "What is the average Safeguarding score?").text
    dist = ask(councils, "What is the distribution of Safeguarding scores?").text
    assert "| 1 | 3 |" in dist
    lookup = ask(councils, "What overall rating did Fictional Beta receive?")
    assert (
        "Requires improvement [1]" in lookup.text
        and lookup.citations[0].quote == "Requires improvement"
    )
    assert ask(councils, "What is the average Safeguarding score?").to_json()["kind"] == "scores"


def test_the_table_follows_re_ingest_and_remove(councils: Assistant, tmp_path: Path) -> None:
    (tmp_path / "alpha.md").write_text(alpha(safeguarding=2), encoding="utf-8")
    assert councils.ingest([tmp_path / "alpha.md"])[0].status == "replaced"
    answer = ask(councils, "Which councils scored 1 for Safeguarding?")
    assert "Fictional Alpha" not in answer.text.split("\n")[0]
    assert "Fictional Alpha" in ask(councils, "Which councils scored 2 for Safeguarding?").text
    councils.remove("gamma.md")
    assert [r.authority for r in councils.scores().rows] == [
        "Fictional Alpha Borough Council",
        "Fictional Beta City Council",
    ]
    gone = councils.ask("What did Fictional Gamma score for Safeguarding?")
    assert gone.abstained and "Gamma" in gone.text


def test_text_questions_keep_the_extractive_path(councils: Assistant) -> None:
    answer = councils.ask("What did people tell us about their experiences?")
    assert answer.kind == "text"


def test_scores_command_json_and_csv(
    councils: Assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rag.building
    import rag.cli
    from rag.cli import cli

    monkeypatch.setattr(rag.building, "build_assistant", lambda **overrides: councils)
    result = CliRunner().invoke(cli, ["scores", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    beta_row = next(r for r in rows if r["authority"] == "Fictional Beta City Council")
    assert (
        beta_row["overall_percentage"] == 50
        and beta_row["overall_rating"] == "Requires improvement"
    )
    assert list(beta_row["scores"].values()) == BETA_SCORES
    line = beta_row["lines"]["Safeguarding"]
    record = councils.index.record(line["chunk_id"])
    assert (
        record is not None
        and record.text[line["start"] : line["end"]] == line["quote"] == "Safeguarding\nScore: 1"
    )
    target = tmp_path / "scores.csv"
    result = CliRunner().invoke(cli, ["scores", "--csv", str(target)], catch_exceptions=False)
    assert result.exit_code == 0 and "Wrote 3 reports" in result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("council,report,overall_rating,overall_percentage,Assessing needs")
    assert lines[2].startswith(
        "Fictional Beta City Council,beta.md,Requires improvement,50,2,2,2,2,2,2,1,3,2"
    )
    text = CliRunner().invoke(cli, ["scores"], catch_exceptions=False).output
    assert "Fictional Gamma Council" in text and "not given in the indexed report" in text


def test_terminal_answer_keeps_the_table_one_row_per_line(councils: Assistant) -> None:
    from rag import render

    answer = ask(councils, "Compare Fictional Alpha and Fictional Beta on Safeguarding")
    printed = render.answer_text(answer).splitlines()
    rows = [line for line in printed if line.startswith("|")]
    assert len(rows) == 4  # header, rule, one row per council
    assert all(line.endswith("|") for line in rows)
    assert any("Fictional Alpha" in line for line in rows)
    assert any("Fictional Beta" in line for line in rows)
