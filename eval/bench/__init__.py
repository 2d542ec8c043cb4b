"""Benchmarks and load tests: `cqc-rag bench` (speed, memory and quality against corpus
size) and `cqc-rag load` (many users against a running server).

Kept apart from the evaluation (`eval/`: dataset, metrics, runner, report, baseline, sweep),
which judges answers; these modules time and stress the product. `cli` and `load` hold
the two commands; `run` plans a bench, `worker` runs one size in its own process,
`measure`/`queries`/`timers` take the figures, `report`/`plot` write them.
"""
