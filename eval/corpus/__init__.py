"""A synthetic corpus of fictional CQC local authority assessment reports, for benchmarks.

`generate` writes reports in our Markdown format (one per invented authority);
`writers` renders that Markdown as the HTML pages and PDF that CQC publishes, so the
ingest pipeline can be measured on all three forms. Nothing here reads a real report or
imports the ingest parser: the corpus stays an independent witness of the format.
"""
