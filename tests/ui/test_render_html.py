"""ui.render: markers become links to their sources, quotes and matches are highlighted,
abstentions say so, and report text is always escaped."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from rag.types import Filters, IngestOutcome, Passage, ReportInfo
from tests.ui.factories import answer, citation, record
from ui import render

TEXT = (
    "Leaders told us a quarterly report was produced. The report showed there had been "
    "220 complaints from April 2023 to March 2024. Most were resolved within 20 days."
)
QUOTE = "The report showed there had been 220 complaints from April 2023 to March 2024."
EVIL = '<script>alert(1)</script> & <img src=x onerror="alert(2)"> {{7*7}} ${alert(3)}'


def test_markers_link_to_the_sources_of_their_own_turn() -> None:
    rec = record(TEXT)
    a = answer(f"{QUOTE} [1]", (citation(rec, QUOTE),))
    html = render.answer_html(a, turn=2)
    assert '<a class="cqc-cite" href="#src-2-1" title="Show source 1">[1]</a>' in html
    sources = render.sources_html([answer("x"), a])
    assert 'id="src-2-1"' in sources


def test_a_marker_without_a_citation_stays_text() -> None:
    a = answer("Something [7] odd.", (citation(record(TEXT), QUOTE),))
    html = render.answer_html(a, turn=1)
    assert "[7]" in html and "#src-1-7" not in html


def test_the_quoted_sentence_is_marked_in_its_passage() -> None:
    card = render.citation_card([citation(record(TEXT), QUOTE)], turn=1)
    assert f"<mark>{QUOTE}</mark>" in card
    assert card.count("<mark>") == 1
    # where it comes from: authority, quality statement, score, section path, page
    for bit in (
        "Northmere Borough Council",
        "Safeguarding",
        "Score 3: a good standard",
        "Safeguarding › Key findings",
        "p. 4",
    ):
        assert bit in card


def test_mark_spans_hand_example_merges_overlaps() -> None:
    assert (
        render.mark_spans("abcdef", [(1, 3), (2, 4), (5, 6)]) == "a<mark>bcd</mark>e<mark>f</mark>"
    )
    assert render.mark_spans("a<b", [(1, 2)]) == "a<mark>&lt;</mark>b"


@given(
    st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=5)
)
def test_mark_spans_keeps_the_text_and_escapes_it(text: str, spans: list[tuple[int, int]]) -> None:
    out = render.mark_spans(text, spans)
    assert out.replace("<mark>", "").replace("</mark>", "") == render.esc(text)
    assert "<" not in out.replace("<mark>", "").replace("</mark>", "")


def test_search_matches_a_pasted_quote_whole_else_stemmed_words() -> None:
    spans = render.match_spans(TEXT, "there had  been 220 COMPLAINTS")
    assert [TEXT[s:e] for s, e in spans] == ["there had been 220 complaints"]
    words = [TEXT[s:e] for s, e in render.match_spans(TEXT, "complaint resolved")]
    assert words == ["complaints", "resolved"]


def test_report_text_is_escaped_everywhere() -> None:
    rec = record(
        f"{EVIL} {QUOTE}", authority="<b>Evil</b> Council", report="<x>.md", path=("<h1>Sec</h1>",)
    )
    a = answer(
        f"{EVIL} [1]",
        (citation(rec, QUOTE),),
        question="<i>why</i>?",
        filters=Filters(authority="<b>Evil</b> Council"),
    )
    outputs = [
        render.answer_html(a, 1),
        render.sources_html([a]),
        render.search_html([Passage(1, rec, 0.3)], "<script>"),
        render.reports_html(
            [
                ReportInfo(
                    "<x>.md",
                    "<b>Evil</b> Council",
                    "h",
                    3,
                    2,
                    {"Safeguarding": 2},
                    "<i>Good</i>",
                    "2024-01-01T00:00:00+00:00",
                    "s",
                )
            ]
        ),
        render.outcomes_html(
            [IngestOutcome("/u/<x>.md", "failed", message=EVIL, warnings=(EVIL,))]
        ),
    ]
    for html in outputs:
        for raw in ("<script", "<img", "<b>Evil", "<i>why", "<i>Good", "<h1>", "<x>"):
            assert raw not in html
        assert "{{" not in html and "${" not in html  # nothing a template could evaluate
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs[0]


def test_abstention_says_so_and_shows_the_closest_passages() -> None:
    passages = tuple(
        Passage(i, record(f"Passage {i} about budgets.", n=i), 0.1) for i in range(1, 6)
    )
    a = answer(
        "The indexed reports do not appear to answer this question.",
        abstained=True,
        passages=passages,
    )
    message = render.answer_html(a, 1)
    assert "cqc-cite" not in message and "closest passages are under Sources" in message
    # Said once: the answer's own words, not a label repeating them.
    assert message.count("do not appear to answer") == 1 and render.NOT_FOUND_LABEL not in message
    panel = render.sources_html([a])
    assert "Closest passages" in panel
    assert len(re.findall(r'class="cqc-src"', panel)) == render.CLOSEST_SHOWN
    assert "<mark>" not in panel


def test_sources_panel_lists_newest_first() -> None:
    first = answer("A [1]", (citation(record(TEXT), QUOTE),), question="first?")
    second = answer("B [1]", (citation(record(TEXT, n=2), QUOTE),), question="second?")
    panel = render.sources_html([first, second])
    assert panel.index("second?") < panel.index("first?")
    assert render.sources_html([]).startswith('<div class="cqc-empty">')


def test_reports_table_shows_scores_chunks_and_date() -> None:
    info = ReportInfo(
        "northmere.md",
        "Northmere Borough Council",
        "h",
        73,
        55,
        {"Assessing needs": 3, "Safeguarding": 2},
        "Good",
        "2024-05-01T10:00:00+00:00",
        "x",
    )
    html = render.reports_html([info])
    assert (
        "<td>73</td>" in html and '2024-05-01 <span class="cqc-nowrap">10:00:00</span> UTC' in html
    )
    assert "Northmere Borough Council" in html and "(1)" in html
    # the scores are shown once, in the comparison table, not again under abbreviations
    assert "cqc-s3" not in html and "SSPT" not in html and "Assessing needs" not in html
    assert render.short_name("Safe systems, pathways and transitions") == "SSPT"


def test_outcome_lines_say_what_failed_and_count() -> None:
    html = render.outcomes_html(
        [
            IngestOutcome("/up/a.md", "indexed", message="3 sections"),
            IngestOutcome("b.exe", "failed", message="not a report"),
        ]
    )
    assert "1 of 2 file(s) indexed" in html and "1 failed" in html
    assert "<b>b.exe</b>: failed — not a report" in html


def test_two_markers_of_one_passage_make_one_card_holding_both() -> None:
    rec = record("First fictional sentence here. Second fictional sentence there.")
    one = citation(rec, "First fictional sentence here.", n=1)
    two = citation(rec, "Second fictional sentence there.", n=2)
    other = citation(record("Another passage entirely.", n=2), "Another passage entirely.", n=3)
    panel = render.sources_html([answer("A [1] B [2] C [3]", (one, two, other))])
    assert panel.count('class="cqc-src"') == 2
    assert "[1] [2]</span>" in panel and 'id="src-1-1"' in panel and 'id="src-1-2"' in panel
    assert panel.count("<mark>") == 3  # both quotes highlighted in the one card, plus [3]'s
    assert panel.count('href="#ans-1"') == 2  # every card links back to its answer
    assert 'id="ans-1"' in render.answer_html(answer("A [1]", (one,)), 1)


def test_a_long_question_is_shown_short_in_sources() -> None:
    question = "Why " + "really " * 800 + "?"
    rec = record(TEXT)
    panel = render.sources_html([answer("A [1]", (citation(rec, QUOTE),), question=question)])
    heading = re.search(r'<h4 class="cqc-turn-q"[^>]*>(.*?)</h4>', panel)
    assert heading and len(heading.group(1)) <= render.QUESTION_SHOWN + 5
    assert heading.group(1).endswith("…") and len(panel) < 3000


def test_the_searched_scope_says_where_it_came_from() -> None:
    rec = record(TEXT, authority="Southbay Council")
    scoped = Filters(authority="Southbay Council")
    named = answer(
        "A [1]", (citation(rec, QUOTE),), question="How is Southbay doing?", filters=scoped
    )
    assert "named in your question; the Authority filter is unchanged" in render.answer_html(
        named, 1
    )
    chosen = render.answer_html(named, 1, asked=scoped)
    assert "Southbay Council (the Authority filter)" in chosen
    carried = answer("B [1]", (citation(rec, QUOTE),), question="And compliments?", filters=scoped)
    assert "as in the previous answer" in render.answer_html(carried, 2)
    assert render.filters_line(answer("C", question="x")) == ""


def test_copied_answers_carry_their_sources() -> None:
    rec = record(TEXT, pages=(7,))
    html = render.answer_html(answer("A [1]", (citation(rec, QUOTE),)), 1)
    hidden = re.search(r'<div class="cqc-copy-sources">(.*?)</div>', html, re.S)
    assert (
        hidden
        and "[1] Northmere Borough Council | Safeguarding (score 3) | p. 7:" in hidden.group(1)
    )
