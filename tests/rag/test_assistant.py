"""The facade end to end on fakes: incremental ingest, filters, answers, abstention, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.config import Settings
from rag.errors import IndexMissing, ReportNotFound
from rag.types import Filters, Turn
from tests.conftest import ANSWER_KEYS, CITATION_KEYS, SAMPLES

NORTHMERE = SAMPLES / "northmere.md"
SOUTHBAY = SAMPLES / "southbay.md"


def test_ask_before_ingest_says_what_to_do(fake_assistant: Assistant) -> None:
    with pytest.raises(IndexMissing, match="Run `cqc-rag ingest PATH` first"):
        fake_assistant.ask("How many complaints?")


def test_unchanged_file_costs_no_embedding(fake_assistant: Assistant) -> None:
    first = fake_assistant.ingest([NORTHMERE])
    embedded = fake_assistant.embedder.embedded  # type: ignore[attr-defined]
    assert first[0].status == "indexed" and first[0].chunks > 20
    again = fake_assistant.ingest([NORTHMERE])
    assert again[0].status == "unchanged"
    assert fake_assistant.embedder.embedded == embedded  # type: ignore[attr-defined]


def test_embedding_progress_starts_before_the_first_group(fake_assistant: Assistant) -> None:
    """The bar's clock starts when embedding starts, so rate and ETA are real even when
    everything is one group (it used to appear only when done: "6,100,805 chunk/s")."""
    events: list[tuple[str, int, int]] = []
    fake_assistant.ingest([NORTHMERE, SOUTHBAY], progress=lambda *e: events.append(e))
    embed = [(done, total) for stage, done, total in events if stage == "embed"]
    total = embed[-1][1]
    assert total > 100 and embed[0] == (0, total) and embed[-1] == (total, total)
    assert [stage for stage, *_ in events].index("embed") > 0  # after parsing


def test_changed_file_replaces_its_chunks_and_removal_deletes_them(
    fake_assistant: Assistant, tmp_path: Path
) -> None:
    report = tmp_path / "vale.md"
    report.write_text(
        "# Vale Council: local authority assessment\n\n## Safeguarding\n\nScore: 2\n\n"
        "The council received 111 safeguarding concerns in 2023/24.\n",
        encoding="utf-8",
    )
    fake_assistant.ingest([report])
    old_ids = set(fake_assistant.index.store.chunk_ids("vale.md"))
    report.write_text(report.read_text(encoding="utf-8").replace("111", "999"), encoding="utf-8")
    outcome = fake_assistant.ingest([report])[0]
    assert outcome.status == "replaced"
    new_ids = set(fake_assistant.index.store.chunk_ids("vale.md"))
    assert new_ids and not (new_ids & old_ids)  # no orphan of the old version is left
    texts = " ".join(r.text for r in fake_assistant.index.records)
    assert "999 safeguarding concerns" in texts and "111 safeguarding" not in texts
    removed = fake_assistant.remove("vale.md")
    assert removed.authority == "Vale Council"
    assert fake_assistant.index.store.chunk_ids("vale.md") == []
    assert "vale.md" not in {r.report for r in fake_assistant.reports()}
    with pytest.raises(ReportNotFound, match=r"No indexed report named 'vale\.md'"):
        fake_assistant.remove("vale.md")


def test_duplicate_content_under_another_name_is_refused(
    fake_assistant: Assistant, tmp_path: Path
) -> None:
    copy = tmp_path / "copy-of-northmere.md"
    copy.write_bytes(NORTHMERE.read_bytes())
    outcomes = fake_assistant.ingest([NORTHMERE, copy])
    assert [o.status for o in outcomes] == ["indexed", "duplicate"]
    assert "same content as the indexed report 'northmere.md'" in outcomes[1].message


def test_two_files_with_one_name_in_a_batch_index_the_first_and_refuse_the_second(
    fake_assistant: Assistant, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "vale.md", tmp_path / "b" / "vale.md"
    first.write_text("## Safeguarding\n\nThe council received 111 concerns.\n", encoding="utf-8")
    second.write_text("## Safeguarding\n\nThe council received 999 concerns.\n", encoding="utf-8")
    outcomes = fake_assistant.ingest([first, second])
    assert [o.status for o in outcomes] == ["indexed", "failed"]
    assert str(first) in outcomes[1].message and "Rename one" in outcomes[1].message
    assert "111 concerns" in " ".join(r.text for r in fake_assistant.index.records)


def test_a_batch_mixing_new_and_replaced_reports_commits_each_whole(
    settings: Settings, tmp_path: Path
) -> None:
    """Several files share one embedding group and one manifest write (the real Chroma
    store): every new report is listed with all its chunks, the replaced one keeps none
    of its old chunks, and the untouched one is unchanged."""
    from rag.embedder import HashingEmbedder

    assistant = Assistant(settings, embedder=HashingEmbedder())

    def council(name: str, figure: int) -> Path:
        path = tmp_path / f"{name.lower()}.md"
        path.write_text(
            f"# {name} Council: local authority assessment\n\n## Safeguarding\n\nScore: 2\n\n"
            + "\n\n".join(
                f"Finding {i}: {name} received {figure + i} concerns in 2023/24." for i in range(12)
            ),
            encoding="utf-8",
        )
        return path

    vale, keep = council("Vale", 100), council("Keep", 300)
    assistant.ingest([vale, keep])
    old_vale = set(assistant.index.store.chunk_ids("vale.md"))
    keep_ids = set(assistant.index.store.chunk_ids("keep.md"))
    vale = council("Vale", 500)
    outcomes = assistant.ingest([vale, keep, *(council(n, 700) for n in ("Ash", "Birch", "Cedar"))])
    assert [o.status for o in outcomes] == [
        "replaced",
        "unchanged",
        "indexed",
        "indexed",
        "indexed",
    ]
    by_report = {r.report: r for r in assistant.reports()}
    assert set(by_report) == {"vale.md", "keep.md", "ash.md", "birch.md", "cedar.md"}
    for report, info in by_report.items():
        assert (
            len(assistant.index.store.chunk_ids(report))
            == info.chunks
            == sum(r.report == report for r in assistant.index.records)
        )
    assert not (set(assistant.index.store.chunk_ids("vale.md")) & old_vale)
    assert set(assistant.index.store.chunk_ids("keep.md")) == keep_ids
    assert "Vale received 505 concerns" in " ".join(r.text for r in assistant.index.records)


def test_bad_files_fail_alone_and_the_batch_goes_on(
    fake_assistant: Assistant, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 garbage")
    (tmp_path / "latin.txt").write_bytes(
        "## Safeguarding\n\nStaff said \u201cfine\u201d.\n".encode("cp1252")
    )
    (tmp_path / "plain.txt").write_text(
        "Only a few plain notes about care, with no headings at all.", encoding="utf-8"
    )
    paths = [
        tmp_path / n for n in ("empty.txt", "notes.docx", "scan.pdf", "latin.txt", "plain.txt")
    ]
    outcomes = {
        Path(o.path).name: o
        for o in fake_assistant.ingest([*paths, tmp_path / "missing.md", SOUTHBAY])
    }
    assert outcomes["empty.txt"].status == "failed" and "empty" in outcomes["empty.txt"].message
    assert "unsupported file type '.docx'" in outcomes["notes.docx"].message
    assert outcomes["scan.pdf"].status == "failed" and "damaged" in outcomes["scan.pdf"].message
    assert (
        outcomes["missing.md"].status == "failed"
        and "no such file" in outcomes["missing.md"].message
    )
    assert outcomes["latin.txt"].status == "indexed" and any(
        "Windows-1252" in w for w in outcomes["latin.txt"].warnings
    )
    assert outcomes["plain.txt"].status == "indexed" and any(
        "one section" in w for w in outcomes["plain.txt"].warnings
    )
    assert outcomes["southbay.md"].status == "indexed"
    listed = {r.report for r in fake_assistant.reports()}
    assert listed == {"latin.txt", "plain.txt", "southbay.md"}


def test_filters_keep_every_passage_inside_them(fake_assistant: Assistant) -> None:
    fake_assistant.ingest([NORTHMERE, SOUTHBAY])
    passages = fake_assistant.search(
        "waiting list for assessments", filters=Filters(authority="southbay city council"), k=10
    )
    assert passages and {p.record.authority for p in passages} == {"Southbay City Council"}
    by_statement = fake_assistant.search(
        "waiting", filters=Filters(quality_statement="safeguarding"), k=10
    )
    assert {p.record.quality_statement for p in by_statement} == {"Safeguarding"}
    with pytest.raises(
        ReportNotFound,
        match="Indexed authorities: Northmere Borough Council, Southbay City Council",
    ):
        fake_assistant.search("x", filters=Filters(authority="Hounslow"))


def test_score_questions_are_answered_from_metadata(fake_assistant: Assistant) -> None:
    fake_assistant.ingest([NORTHMERE, SOUTHBAY])
    answer = fake_assistant.ask(
        "What score did Southbay get for Care provision, integration and continuity?"
    )
    assert answer.mode == "score" and not answer.abstained
    assert "scored 1 out of 4" in answer.text and "[1]" in answer.text
    assert answer.citations[0].quote.startswith("Score: 1")
    assert answer.citations[0].record.authority == "Southbay City Council"


def test_council_not_indexed_abstains(fake_assistant: Assistant) -> None:
    fake_assistant.ingest([NORTHMERE])
    answer = fake_assistant.ask("How many carers' assessments did Hounslow complete?")
    assert answer.abstained and "Hounslow" in answer.text and not answer.citations


def test_year_the_reports_do_not_cover_abstains(fake_assistant: Assistant) -> None:
    fake_assistant.ingest([NORTHMERE])
    answer = fake_assistant.ask("How many complaints did Northmere receive in 2019/20?")
    assert answer.abstained and answer.citations == ()
    assert answer.passages  # the closest passages are still shown


def test_follow_up_stays_on_the_council_of_the_last_turn(fake_assistant: Assistant) -> None:
    fake_assistant.ingest([NORTHMERE, SOUTHBAY])
    first = fake_assistant.ask("How many complaints did Southbay receive in 2023/24?")
    follow = fake_assistant.ask(
        "How many compliments?", history=[Turn(first.question, first.text, first.filters)]
    )
    assert follow.filters.authority == "Southbay City Council"
    assert all(p.record.authority == "Southbay City Council" for p in follow.passages)


def test_follow_up_stays_on_the_council_the_answer_cited(fake_assistant: Assistant) -> None:
    fake_assistant.ingest([NORTHMERE, SOUTHBAY])
    first = fake_assistant.ask(
        "How many complaints about adult social care were upheld or partly upheld, 38%?"
    )
    assert {c.record.authority for c in first.citations} == {"Northmere Borough Council"}
    turn = Turn.from_answer(first)
    assert turn.filters.authority == "Northmere Borough Council"
    follow = fake_assistant.ask("How many compliments?", history=[turn])
    assert follow.filters.authority == "Northmere Borough Council"
    assert "368" in follow.text


def test_answer_json_matches_documented_schema(fake_assistant: Assistant) -> None:
    fake_assistant.ingest([NORTHMERE])
    answer = fake_assistant.ask("How many compliments did Northmere receive?")
    data = json.loads(json.dumps(answer.to_json()))
    assert set(data) >= ANSWER_KEYS
    assert set(data["timings_ms"]) == {"retrieve", "answer", "total"}
    assert data["index_fingerprint"] == fake_assistant.fingerprint
    for c in data["citations"]:
        assert set(c) == CITATION_KEYS
        assert c["quote"] in c["text"]
        source = NORTHMERE.read_text(encoding="utf-8")
        assert source[c["char_start"] : c["char_end"]] == c["quote"]  # exact span in the report
    for p in data["passages"]:
        assert {
            "rank",
            "chunk_id",
            "report",
            "authority",
            "quality_statement",
            "section_path",
            "text",
            "score",
        } <= set(p)


def test_same_question_same_answer(fake_assistant: Assistant) -> None:
    fake_assistant.ingest([NORTHMERE, SOUTHBAY])
    q = "What did CQC say about direct payments in Southbay?"
    one, two = fake_assistant.ask(q), fake_assistant.ask(q)
    assert one.text == two.text and [c.record.chunk_id for c in one.citations] == [
        c.record.chunk_id for c in two.citations
    ]


def test_an_unscoped_answer_over_several_councils_says_so(fake_assistant: Assistant) -> None:
    """Over many councils a question that names none is answered from whichever say it
    best: the answer says which councils the passages come from and how to pick one."""
    fake_assistant.ingest([NORTHMERE, SOUTHBAY])
    question = "How many carers' assessments were completed?"
    unscoped = fake_assistant.ask(question)
    councils = {p.record.authority for p in unscoped.passages}
    assert len(councils) == 2 and not unscoped.abstained
    assert unscoped.notice is not None and "names no council" in unscoped.notice
    assert all(c in unscoped.notice for c in councils)
    quoted = list(dict.fromkeys(c.record.authority for c in unscoped.citations))
    across = fake_assistant.ask("How many carers' assessments did the councils complete?")
    assert {c.record.authority for c in across.citations} == councils
    # the council left out is named: the question about councils in the plural quotes it
    (other,) = councils - set(quoted)
    assert len(quoted) == 1 and (
        f"the answer quotes {quoted[0]} (close matches also in {other}), "
        "and the passages come from 2 councils" in unscoped.notice
    )
    named = fake_assistant.ask("How many carers' assessments were completed in Northmere?")
    filtered = fake_assistant.ask(question, filters=Filters(authority="Southbay"))
    follow = fake_assistant.ask(
        "And how many complaints?", history=[Turn(named.question, named.text, named.filters)]
    )
    for scoped in (named, filtered, follow):
        assert {p.record.authority for p in scoped.passages} and scoped.notice is None


def test_a_question_about_the_council_is_answered_from_one_council() -> None:
    """Sentences nearly as strong as the best, from other councils, are left out when the
    question names none and speaks of one council; kept when it asks across councils."""
    from rag.answering import Candidate, compose
    from rag.config import AnswerSettings
    from rag.question import read_question
    from rag.types import Passage
    from tests.ui.factories import record

    texts = {
        "A": "A council trained 40 carers' champions in 2023.",
        "B": "B council trained 38 carers' champions in 2023.",
        "C": "C council also ran carers' cafés across the borough.",
        "D": "D council's libraries opened on Sundays.",
    }
    ranked = [
        Candidate(Passage(i, record(t, n=i, authority=a), 1.0), 0, len(t), 0.5, support=s)
        for i, ((a, t), s) in enumerate(
            zip(texts.items(), (0.8, 0.78, 0.76, 0.5), strict=True), start=1
        )
    ]
    one = read_question("How did the council support carers?", authorities=[])
    across = read_question("How did councils support carers?", authorities=[])
    settings = AnswerSettings()
    focused = compose(one, ranked, settings, one_council=True)
    assert [c.record.authority for c in focused.citations] == ["A"]
    # B and C are left out but nearly as strong, so the notice names them; D is weak
    assert focused.also == ("B", "C")
    assert not focused.text.startswith("A:")  # one council: no council prefix needed
    wide = compose(across, ranked, settings, one_council=False)
    assert [c.record.authority for c in wide.citations] == ["A", "B", "C"]
    assert "B: B council trained" in wide.text


def test_scope_notice_counts_councils_beyond_the_ones_it_names() -> None:
    from rag.answering import scope_notice
    from rag.types import Passage
    from tests.ui.factories import citation, record

    def passage(rank: int, authority: str) -> Passage:
        return Passage(rank, record("Some finding.", n=rank, authority=authority), 1.0)

    five = [passage(i, a) for i, a in enumerate(["A", "B", "A", "C", "D", "E"], start=1)]
    notice = scope_notice(five, scoped=False)
    assert notice is not None and "5 councils (A, B, C and 2 more)" in notice
    assert scope_notice(five, scoped=True) is None
    assert scope_notice([passage(1, "A"), passage(2, "A")], scoped=False) is None
    quoted = scope_notice(five, scoped=False, cited=[citation(five[1].record, "Some finding.")])
    assert quoted is not None and quoted.startswith(
        "The question names no council: the answer quotes B, and"
    )
    cited = [citation(five[1].record, "Some finding.")]
    also = scope_notice(five, scoped=False, cited=cited, also=["B", "C", "D", "E", "F"])
    assert also is not None and also.startswith(
        "The question names no council: the answer quotes B "
        "(close matches also in C, D, E and 1 more), and"
    )
