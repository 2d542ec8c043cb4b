from hypothesis import given
from hypothesis import strategies as st

from ingest.sentences import sentence_spans


def test_splits_on_sentence_ends_and_keeps_abbreviations() -> None:
    text = (
        "Staff used tools, e.g. the 3C model. Twenty-one case studies were done! Was it good? Yes."
    )
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == [
        "Staff used tools, e.g. the 3C model.",
        "Twenty-one case studies were done!",
        "Was it good?",
        "Yes.",
    ]


def test_paragraph_breaks_end_a_sentence_without_punctuation() -> None:
    text = "Carers' assessments\n\nUnpaid carers could ask for one."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Carers' assessments",
        "Unpaid carers could ask for one.",
    ]


@given(st.text(alphabet=st.sampled_from("ab .!?\n'A1"), max_size=200))
def test_spans_are_ordered_stripped_and_non_empty(text: str) -> None:
    spans = sentence_spans(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip() and text[s:e]
        last = e
    # every non-space character is inside some span
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
