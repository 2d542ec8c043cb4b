"""The synthetic corpus: deterministic, well-formed, fictional, and faithful in every format.

Structure is checked with this file's own reading of the Markdown (regexes below), not
with `eval.corpus.document`, so a bug shared by generator and reader cannot hide.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from random import Random

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from eval.corpus import compose, slots
from eval.corpus.document import read_report
from eval.corpus.generate import (
    CLOSING,
    NOTICE,
    generate_corpus,
    generate_report,
    main,
    overall_rating,
)
from eval.corpus.names import make_cast
from eval.corpus.writers import (
    markdown_to_html_pages,
    markdown_to_pdf,
    to_pdf_text,
    wrap_words,
    write_report,
)

STATEMENTS = [
    ("How the local authority works with people", "Assessing needs"),
    ("How the local authority works with people", "Supporting people to live healthier lives"),
    ("How the local authority works with people", "Equity in experience and outcomes"),
    ("Providing support", "Care provision, integration and continuity"),
    ("Providing support", "Partnerships and communities"),
    (
        "How the local authority ensures safety within the system",
        "Safe systems, pathways and transitions",
    ),
    ("How the local authority ensures safety within the system", "Safeguarding"),
    ("Leadership", "Governance, management and sustainability"),
    ("Leadership", "Learning, improvement and innovation"),
]
MEANINGS = {
    1: "1 - Evidence shows significant shortfalls",
    2: "2 - Evidence shows some shortfalls",
    3: "3 - Evidence shows a good standard",
    4: "4 - Evidence shows an exceptional standard",
}
NAMES = [name for _, name in STATEMENTS]


def words(text: str) -> int:
    return len([t for t in text.split() if set(t) != {"#"}])


def statement_sections(markdown: str) -> dict[str, str]:
    """Each quality statement's text, from its heading to the next statement or theme."""
    heads = list(re.finditer(r"^## (.+)$", markdown, re.M))
    bounds = [m for m in heads if m.group(1) in NAMES or m.group(1).startswith("Theme ")]
    out = {}
    for m, nxt in zip(bounds, [*bounds[1:], None], strict=True):
        if m.group(1) in NAMES:
            out[m.group(1)] = markdown[m.start() : nxt.start() if nxt else len(markdown)]
    return out


@pytest.fixture(scope="module")
def report() -> str:
    return generate_report(4, 7)


@pytest.fixture(scope="module")
def pdf_pages(report: str) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(markdown_to_pdf(report))).pages]


# ---------------------------------------------------------------- determinism


def test_same_seed_gives_same_text_and_other_seeds_differ() -> None:
    assert generate_report(3, 7) == generate_report(3, 7)
    assert generate_report(3, 7) != generate_report(3, 8)
    assert generate_report(3, 7) != generate_report(4, 7)


def test_text_does_not_depend_on_hash_randomisation() -> None:
    code = "from eval.corpus.generate import generate_report; import hashlib; print(hashlib.sha256(generate_report(2, 5).encode()).hexdigest())"
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).parents[2],
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


# ---------------------------------------------------------------- structure


def check_structure(markdown: str) -> None:
    lines = [ln for ln in markdown.splitlines() if ln.strip()]
    assert re.fullmatch(r"# [A-Z][A-Za-z ]+: local authority assessment", lines[0])
    assert lines[1] == NOTICE
    assert re.fullmatch(
        r"Overall rating: (Outstanding|Good|Requires improvement|Inadequate)", lines[2]
    )
    assert re.fullmatch(r"Overall score: \d{2,3}%", lines[3])
    assert lines[-1] == CLOSING
    statement_heads = [ln[3:] for ln in lines if ln.startswith("## ") and ln[3:] in NAMES]
    assert statement_heads == NAMES
    themes = [ln[3:] for ln in lines if ln.startswith("## Theme ")]
    assert themes == [
        f"Theme {i}: {t}" for i, t in enumerate(dict.fromkeys(t for t, _ in STATEMENTS), 1)
    ]
    for name in NAMES:
        at = lines.index(f"## {name}")
        score = re.fullmatch(r"Score: ([1-4])", lines[at + 1])
        assert score, (name, lines[at + 1])
        assert lines[at + 2] == MEANINGS[int(score.group(1))]
        assert lines[at + 3 : at + 4] == ["## What people expect"]
        assert re.match(r"(I|My) ", lines[at + 4]), lines[at + 4]
    for name, text in statement_sections(markdown).items():
        assert 1000 <= words(text) <= 2000, (name, words(text))
        for heading in (
            "## What people expect",
            "## The local authority commitment",
            "## Key findings for this quality statement",
        ):
            assert heading in text


def test_report_has_every_statement_in_order_with_scores_and_word_counts(report: str) -> None:
    check_structure(report)
    assert len(statement_sections(report)) == 9


@settings(max_examples=12, deadline=None)
@given(index=st.integers(0, 2000), seed=st.integers(0, 10**6))
def test_structure_holds_for_any_index_and_seed(index: int, seed: int) -> None:
    check_structure(generate_report(index, seed))


def test_overall_score_matches_statement_scores(report: str) -> None:
    scores = [int(s) for s in re.findall(r"^Score: ([1-4])$", report, re.M)]
    found = re.search(r"^Overall score: (\d+)%$", report, re.M)
    assert found
    percent = int(found.group(1))
    assert percent == round(100 * sum(scores) / 36)
    assert f"Overall rating: {overall_rating(percent)}" in report
    assert [overall_rating(p) for p in (25, 38, 39, 62, 63, 87, 88, 100)] == [
        "Inadequate",
        "Inadequate",
        "Requires improvement",
        "Requires improvement",
        "Good",
        "Good",
        "Outstanding",
        "Outstanding",
    ]


def test_scores_and_ratings_vary_across_a_corpus() -> None:
    reports = [generate_report(i, 3) for i in range(40)]
    scores = {s for r in reports for s in re.findall(r"^Score: ([1-4])$", r, re.M)}
    ratings = set(re.findall(r"^Overall rating: (.+)$", "\n".join(reports), re.M))
    assert scores == {"1", "2", "3", "4"}
    assert len(ratings) >= 3


def test_authority_names_are_distinct_across_153_reports() -> None:
    titles = [generate_report(i, 11).split("\n", 1)[0] for i in range(153)]
    assert len(set(titles)) == 153
    assert not any(
        name in t for t in titles for name in ("Northmere", "Southbay")
    )  # the hand-written samples


def test_reports_rarely_repeat_a_sentence_word_for_word(report: str) -> None:
    body = [p for p in report.split("\n\n") if not p.startswith("#") and p.endswith(".")]
    sentences = [s for p in body for s in re.split(r"(?<=\.) (?=[A-Z])", p) if len(s.split()) > 6]
    assert len(sentences) > 300
    assert len(set(sentences)) / len(sentences) > 0.97


def test_every_template_fills_to_one_clean_sentence() -> None:
    rng = Random(0)
    cast = make_cast(0, 0, 2.5, rng)
    for topic in compose.TOPICS.values():
        for tone in compose.TONES:
            for template in getattr(topic, tone):
                sentence = slots.fill(template, rng, cast)
                assert sentence[0].isupper() and sentence.endswith("."), sentence
                assert not re.search(r"[\[\]{}|]", sentence), sentence


# ---------------------------------------------------------------- HTML


def test_html_pages_one_per_statement_with_boilerplate(report: str) -> None:
    pages = markdown_to_html_pages(report)
    authority = report.split("\n", 1)[0][2:].removesuffix(": local authority assessment")
    slug = re.sub(r"[^a-z0-9]+", "-", authority.lower())
    assert [stem for stem, _ in pages] == [
        f"{slug}-{re.sub(r'[^a-z0-9]+', '-', n.lower()).strip('-')}" for n in NAMES
    ]
    assert pages[3][0].endswith("-care-provision-integration-and-continuity")
    for (_, page), name in zip(pages, NAMES, strict=True):
        soup = BeautifulSoup(page, "html.parser")
        assert soup.title and soup.title.get_text() == f"{authority}: local authority assessment"
        assert [h.get_text() for h in soup.find_all("h1")] == [authority]
        assert [h.get_text() for h in soup.find_all("h2")] == [name]
        h3 = [h.get_text() for h in soup.find_all("h3")]
        assert h3[:3] == [
            "What people expect",
            "The local authority commitment",
            "Key findings for this quality statement",
        ]
        assert len(h3) > 4  # findings subsections, plain-line ones included
        assert soup.find(id="cookie-banner") and soup.find("header")
        assert soup.find("nav", attrs={"aria-label": "Breadcrumb"})
        assert len(soup.select("nav a")) > 6  # main menu and breadcrumb links
        footer, script, style = soup.find("footer"), soup.find("script"), soup.find("style")
        assert footer and "Care Quality Commission" in footer.get_text()
        assert script and script.get_text().strip() and style and style.get_text().strip()
        assert NOTICE in [p.get_text() for p in soup.find_all("p")]


def test_html_page_holds_every_paragraph_of_its_statement(report: str) -> None:
    sections = statement_sections(report)
    for (_, page), name in zip(markdown_to_html_pages(report), NAMES, strict=True):
        texts = {el.get_text() for el in BeautifulSoup(page, "html.parser").find_all(["p", "h3"])}
        body = [
            p for p in sections[name].split("\n\n")[1:] if p.strip() and not p.startswith("## ")
        ]
        assert body and all(p.strip() in texts for p in body)


# ---------------------------------------------------------------- PDF


def test_pdf_has_running_header_and_footer_on_every_page(report: str, pdf_pages: list[str]) -> None:
    title = report.split("\n", 1)[0][2:]
    assert len(pdf_pages) > 10
    for number, text in enumerate(pdf_pages, 1):
        lines = text.splitlines()
        assert lines[0] == title
        assert lines[-1] == f"Care Quality Commission - page {number} of {len(pdf_pages)}"
    assert NOTICE in " ".join(pdf_pages[0].split())


def test_pdf_text_holds_every_paragraph_and_heading(report: str, pdf_pages: list[str]) -> None:
    body = " ".join(" ".join(" ".join(t.splitlines()[1:-1]) for t in pdf_pages).split())
    blocks = [b for b in report.split("\n\n") if b.strip() and not b.startswith("# ")]
    for block in blocks:
        expected = " ".join(to_pdf_text(block.removeprefix("## ")).split())
        assert expected in body, expected[:80]


def test_wrap_words_fills_lines_greedily() -> None:
    # width 10, one unit per character: "aaa bbb" is 7, adding " ccc" would make 11.
    assert wrap_words("aaa bbb ccc dddddddddddd e", 10, len) == [
        "aaa bbb",
        "ccc",
        "dddddddddddd",
        "e",
    ]
    assert wrap_words("", 10, len) == []


@given(text=st.text(alphabet="ab ", max_size=80), width=st.integers(1, 30))
def test_wrap_words_keeps_every_word_in_order_within_width(text: str, width: int) -> None:
    lines = wrap_words(text, width, len)
    assert " ".join(lines).split() == text.split()
    assert all(len(line) <= width or " " not in line for line in lines)


def test_pdf_text_maps_typographic_punctuation_to_ascii() -> None:
    assert (
        to_pdf_text("People’s “care” – 2023–2028… £5\u00a0m")
        == 'People\'s "care" - 2023-2028... £5 m'
    )
    assert to_pdf_text("Łódź") == "?\u00f3d?"


# ---------------------------------------------------------------- files and CLI


def test_generate_corpus_writes_each_authority_in_one_format(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    entries = generate_corpus(
        6, 7, tmp_path, progress=lambda done, total, _: seen.append((done, total))
    )
    assert [e.format for e in entries] == ["md", "html", "pdf"] * 2
    assert seen == [(i, 6) for i in range(1, 7)]
    md_names = sorted(p.name for p in tmp_path.glob("*.md"))
    assert md_names == [e.paths[0].name for e in entries if e.format == "md"]
    assert all(re.fullmatch(r"00[03]-[a-z]+(-[a-z]+)*-council\.md", n) for n in md_names), md_names
    folders = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(folders) == 2 and all(len(list(f.glob("*.html"))) == 9 for f in folders)
    assert len(list(tmp_path.glob("*.pdf"))) == 2
    assert len({e.authority for e in entries}) == 6
    assert entries[0].paths[0].read_text(encoding="utf-8") == generate_report(0, 7)


def test_generate_corpus_can_write_every_format(tmp_path: Path) -> None:
    entries = generate_corpus(2, 7, tmp_path, formats=("md", "html"), rotate=False)
    assert [len(e.paths) for e in entries] == [10, 10]
    with pytest.raises(ValueError, match="choose from md, html, pdf"):
        generate_corpus(1, 7, tmp_path, formats=("docx",))


def test_write_report_uses_the_authority_slug(tmp_path: Path, report: str) -> None:
    paths = write_report(report, tmp_path, ["md"])
    assert paths == (tmp_path / f"{paths[0].stem}.md",)
    assert paths[0].stem.endswith("-council")


def test_reader_refuses_text_without_a_title() -> None:
    with pytest.raises(ValueError, match="must open with"):
        read_report("## Assessing needs\n\nScore: 3\n")


def test_cli_prints_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--n", "2", "--seed", "7", "--out", str(tmp_path), "--formats", "md"]) == 0
    out = capsys.readouterr().out
    assert "[1/2] md" in out and "[2/2] md" in out and "Wrote 2 reports (2 files)" in out
    assert len(list(tmp_path.glob("*.md"))) == 2
