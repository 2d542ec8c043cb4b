"""One very long section: how parsing and chunking time grows with its size.

    python -m eval.bench.long --mb 0.5,1,2,19

A report with no headings, or one huge paragraph, is one section. Chunking it used to
re-split all the text before each chunk (quadratic: 57 s at 1 MB, 207 s at 2 MB, hours
at the 20 MB upload limit, all of it under the write lock). This times what a file of
that shape costs before any embedding: parse, sections, chunks and their context, with
the real token counters (tiktoken cl100k_base and MiniLM's word pieces). Embedding is
linear in the chunks and measured by `cqc-rag bench`. The text is generated here and
fictional.
"""

from __future__ import annotations

import random
import time

import click


def long_section_text(mb: float, seed: int = 7) -> str:
    """A fictional report: a title, then one paragraph of `mb` megabytes."""
    words = [
        "the",
        "council",
        "carers",
        "support",
        "assessment",
        "waiting",
        "people",
        "services",
        "safeguarding",
        "team",
        "plan",
        "improved",
        "staff",
        "local",
        "partners",
        "feedback",
    ]
    rng = random.Random(seed)
    sentences: list[str] = []
    size = 0
    while size < mb * 1e6:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 25)))
        sentences.append(sentence.capitalize() + ".")
        size += len(sentences[-1]) + 1
    return "# Fictional Council: local authority assessment\n\n" + " ".join(sentences)


@click.command()
@click.option("--mb", default="0.5,1,2,19", show_default=True, help="Sizes in MB, comma-separated.")
def main(mb: str) -> None:
    from rag.env import configure_offline

    configure_offline()
    from ingest import parse_bytes
    from rag import building
    from rag.ingestion import build_records

    assistant = building.build_assistant()
    assistant.embedder.count_word_pieces("load the tokenizer")  # not part of the timing
    count_tiktoken = assistant._count_tiktoken
    count_tiktoken("load the encoding")
    click.echo("| single-section file | sections | chunks | parse + chunk |")
    click.echo("| --- | --- | --- | --- |")
    for size in (float(s) for s in mb.split(",")):
        data = long_section_text(size).encode()
        started = time.perf_counter()
        parsed = parse_bytes(data, "long.md", report="long.md")
        records = build_records(
            parsed, "0" * 64, assistant.settings, assistant.embedder, count_tiktoken
        )
        seconds = time.perf_counter() - started
        click.echo(
            f"| {len(data) / 1e6:.1f} MB | {len(parsed.sections)} | {len(records):,} | {seconds:.1f} s |"
        )


if __name__ == "__main__":
    main()
