"""`cqc-rag load`: many users through a real server's /ask API, and the leak check.

Short runs only (4 users x 5 s; 100 questions): they prove the command works and that
concurrent users get whole answers without errors. Memory growth is not asserted here:
the 16 users x 60 s and 1,000-question figures come from running the command itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eval.bench.load import growth_mb, load, loopback_url
from eval.bench.requests import answer_keys, percentile, problem
from tests.conftest import ROOT
from tests.ui.server import Server, running_server


def _cqc_rag(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("cqc-rag")
    return subprocess.run(
        [str(script), *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_only_loopback_urls_are_accepted() -> None:
    for url in (
        "http://127.0.0.1:7860",
        "http://127.8.9.1:1/",
        "http://localhost:80",
        "http://[::1]:7860/",
    ):
        assert loopback_url(url).endswith("/")
    for url in (
        "http://10.0.0.5:7860/",
        "http://example.org/",
        "http://0.0.0.0:7860/",
        "file:///etc/passwd",
    ):
        with pytest.raises(click.UsageError, match="not a loopback address"):
            loopback_url(url)
    result = CliRunner().invoke(load, ["--url", "http://192.168.1.20:7860/"])
    assert result.exit_code == 2 and "only loads a server on this machine" in result.output


def test_percentile_and_growth_hand_examples() -> None:
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5  # between 2 and 3
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95) == pytest.approx(4.8)
    assert percentile([], 95) == 0.0
    mb = 2**20
    # Growth counts from the first sample at question >= 100, not from the cold start.
    assert growth_mb([(0, 100 * mb), (100, 400 * mb), (200, 410 * mb)], 100) == 10.0


def test_an_answer_must_carry_every_documented_key() -> None:
    keys = answer_keys()
    assert {"question", "answer", "abstained", "citations", "passages", "timings_ms"} <= keys
    assert problem(dict.fromkeys(keys), keys) is None
    assert (
        problem({"answer": "x"}, keys)
        == f"/ask result lacks {', '.join(sorted(keys - {'answer'}))}"
    )
    assert problem("Error", keys) == "/ask returned str, not the answer object"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("load-server")
    with running_server(base / "data", base / "serve.log") as running:
        yield running


@pytest.mark.slow
def test_four_users_get_whole_answers_without_errors(server: Server) -> None:
    run = _cqc_rag("load", "--url", server.url, "--users", "4", "--seconds", "5", "--json")
    assert run.returncode == 0, run.stderr + run.stdout
    figures = json.loads(run.stdout.splitlines()[-1])
    # An answer missing any Answer.to_json() key counts as an error, so 0 errors also
    # means every answer had every key.
    assert figures["errors"] == 0 and figures["first_errors"] == []
    assert figures["requests"] >= 4 and figures["users"] == 4
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    print(f"\n4 users x 5 s: {figures}")


@pytest.mark.slow
def test_leak_mode_prints_the_rss_series(server: Server) -> None:
    run = _cqc_rag("load", "--url", server.url, "--leak", "--questions", "100", "--every", "25")
    # Exit 1 is allowed only for growth over 50 MB, which this short run does not judge.
    assert run.returncode == 0 or "RSS grew" in run.stderr, run.stderr + run.stdout
    lines = run.stdout.splitlines()
    assert lines[0].startswith("Leak check: 100 questions in a row") and "server pid" in lines[0]
    series = [line.split() for line in lines if line.strip()[:1].isdigit()]
    assert [int(q) for q, _ in series] == [0, 25, 50, 75, 100]
    assert all(float(mb) > 50 for _, mb in series)  # a loaded model: clearly a real RSS
    assert lines[-1].startswith("RSS growth from question 25 to 100:")
    print("\n" + run.stdout)


def test_team_ratios_hand_example() -> None:
    from eval.bench.load import Summary
    from eval.bench.load_team import phases, ratios, run_team

    def summary(throughput: float, p50: float, p95: float, errors: int = 0) -> Summary:
        return Summary(100, errors, 20.0, throughput, p50, p95, p95, p95, ())

    plan = phases(base_seconds=20, busy_users=8, users=16, seconds=60, think_s=5)
    assert [(p.name, p.users, p.think_s) for p in plan] == [
        ("single", 1, 0.0),
        ("busy", 8, 0.0),
        ("team", 16, 5),
    ]
    got = {
        "single": summary(5.0, 140, 200),
        "busy": summary(8.5, 900, 1200),
        "team": summary(3.1, 150, 400),
    }
    lines: list[str] = []
    done, r = run_team(lambda p: got[p.name], plan, lines.append)
    assert set(done) == {"single", "busy", "team"}
    assert (r.speedup, r.team_p95_over_single_p50, r.met) == (1.7, 2.86, True)
    assert lines[0].startswith("single   1 user(s), back to back: 20.0 s, 100 answers, 0 errors")
    assert lines[-3] == "busy/single answers/s: 1.70x (target >= 1.6x: met)"
    assert lines[-2] == "team p95 / single p50: 2.86x (target <= 3x: met)"
    missed = ratios(got["single"], summary(7.0, 1, 1), summary(3.0, 1, 500, errors=2))
    assert (missed.speedup, missed.team_p95_over_single_p50, missed.met) == (1.4, 3.57, False)


def test_think_time_spaces_a_users_questions() -> None:
    from eval.bench.load import run_users

    keys = frozenset({"answer"})
    samples, wall = run_users(
        lambda: lambda item: {"answer": "x"}, [("q", "", "")], 2, 1.0, keys, 0.25
    )
    # Each user asks about once per 0.25 s of thinking: far fewer than back to back.
    assert 2 <= len(samples) <= 20 and all(s.error is None for s in samples) and wall >= 1.0


@pytest.mark.slow
def test_team_mode_prints_each_phase_and_the_ratios(server: Server) -> None:
    run = _cqc_rag(
        "load", "--url", server.url, "--team", "--users", "3", "--seconds", "3",
        "--busy-users", "2", "--base-seconds", "2", "--think-s", "0.5", "--json",
    )  # fmt: skip
    # A short run on a shared machine may miss a target (exit 1); the output must be whole.
    assert run.returncode == 0 or "team target was missed" in run.stderr, run.stderr
    figures = json.loads(run.stdout.splitlines()[-1])
    assert set(figures["phases"]) == {"single", "busy", "team"} and figures["errors"] == 0
    assert figures["phases"]["team"]["think_s"] == 0.5 and figures["speedup"] > 0
    print(f"\nteam mode: {figures}")
