"""Reading sweep specifications into configurations."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.sweep import SweepError, parse_sweep


def test_cartesian_product_in_the_order_given() -> None:
    configs = parse_sweep("k=3,5,10 chunk_tokens=128,192")
    assert [c.name for c in configs] == [
        "k=3 chunk_tokens=128",
        "k=3 chunk_tokens=192",
        "k=5 chunk_tokens=128",
        "k=5 chunk_tokens=192",
        "k=10 chunk_tokens=128",
        "k=10 chunk_tokens=192",
    ]
    assert configs[0].k == 3 and configs[0].overrides() == {"chunking__max_tokens": 128}
    assert configs[-1].slug == "k-10_chunk_tokens-192"


def test_settings_only_and_floats() -> None:
    (config,) = parse_sweep("abstain_below=0.4 candidates=20")
    assert config.k is None
    assert config.overrides() == {"answer__abstain_below": 0.4, "retrieval__candidates": 20}


def test_spec_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "sweep.txt"
    path.write_text(
        "# chunk sizes to try\nchunk_tokens=128,192\nk=5  # what users get\n", encoding="utf-8"
    )
    assert [c.name for c in parse_sweep(str(path))] == [
        "chunk_tokens=128 k=5",
        "chunk_tokens=192 k=5",
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "temperature=1",
            r"Cannot sweep 'temperature'\. Sweepable: k, chunk_tokens, candidates, abstain_below",
        ),
        ("k=3,five", r"Sweep k=3,five: every value must be a int"),
        ("k", r"Cannot read sweep part 'k': write NAME=V1,V2"),
        ("k=3 k=5", r"A name is repeated"),
        ("   ", r"The sweep is empty"),
    ],
)
def test_bad_specs_say_how_to_write_one(spec: str, message: str) -> None:
    with pytest.raises(SweepError, match=message):
        parse_sweep(spec)
