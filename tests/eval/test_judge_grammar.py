"""The judge's own marker and number-word grammar agrees with the system's (`rag.facts`).

The judge (`eval.metrics`) keeps its own copy so that it never shares the code it scores;
these tests catch the two drifting apart. Examples are written for this test (fictional).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval import metrics
from eval.metrics import fact_found
from rag.facts.markers import MARKER, marker
from rag.facts.numbers import NUMBER_WORD_VALUES, NUMBER_WORDS, SCALES

# Markers as answers and models write them, and bracketed things that are not markers.
SHARED_TEXTS = [
    "Northmere received 220 complaints [1].",
    "Seen in both [1][2], and later [12].",
    "A model wrote [1, 2] and [1,3] and [2; 4] and [1 and 3].",
    "Quoting [passage 2] and [Passages 1, 4].",
    "Not markers: [a], [], [ 1], [1a], (1), [i], [2023/24].",
    "Mixed: Brindle Council [3] spent £5.4m [4, 5].",
]


@pytest.mark.parametrize("text", SHARED_TEXTS)
def test_judge_and_system_read_the_same_markers(text: str) -> None:
    judge = [m.span() for m in metrics._MARKER.finditer(text)]
    system = [m.span() for m in MARKER.finditer(text)]
    assert judge == system


def test_judge_and_system_know_the_same_number_words() -> None:
    words = set(NUMBER_WORD_VALUES) | NUMBER_WORDS | {u for u in SCALES if len(u) > 2}
    assert words == metrics._NUMBER_WORDS


@pytest.mark.parametrize(
    "word", sorted(set(NUMBER_WORD_VALUES) | NUMBER_WORDS | {"million", "billion"})
)
def test_a_number_word_fact_is_never_found_inside_a_longer_word(word: str) -> None:
    assert fact_found(word, f"the {word} figure")
    assert not fact_found(word, f"the {word}fold figure")


@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=4))
def test_no_marker_the_system_writes_is_a_fact_to_the_judge(numbers: list[int]) -> None:
    answer = "Brindle Council was assessed " + "".join(marker(n) for n in numbers) + "."
    assert not any(fact_found(str(n), answer) for n in numbers)
