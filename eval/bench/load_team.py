"""`cqc-rag load --team`: does the server serve a team, measured as ratios within one run?

Three phases against the same running server, one after the other:

1. **single**: one user asking back to back (the single-user rate and latency);
2. **busy**: several users asking back to back (is the machine's second core used?);
3. **team**: many users, each thinking a random time (exponential, mean `think_s`) before
   every question, as staff at their desks do.

Targets (issue 16), each a ratio of two phases of the same run, so a machine that is busy
with other work moves both sides alike: busy answers/s at least 1.6x single answers/s;
team p95 at most 3x single p50, with no errors. Absolute figures on a shared 2-core box
swing with the neighbours' load; the ratios far less.

Pure orchestration over `eval.bench.load.run_users`: no Gradio here, so the ratio arithmetic is
tested with a fake `ask`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# The targets; kept as data so the printout and the exit code use the same numbers.
MIN_BUSY_SPEEDUP = 1.6
MAX_TEAM_P95_OVER_SINGLE_P50 = 3.0


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    users: int
    seconds: float
    think_s: float  # mean think time before each question; 0: back to back


@dataclass(frozen=True, slots=True)
class Ratios:
    speedup: float  # busy answers/s over single answers/s
    team_p95_over_single_p50: float
    team_errors: int

    @property
    def met(self) -> bool:
        return (
            self.speedup >= MIN_BUSY_SPEEDUP
            and self.team_p95_over_single_p50 <= MAX_TEAM_P95_OVER_SINGLE_P50
            and self.team_errors == 0
        )


def phases(
    *, base_seconds: float, busy_users: int, users: int, seconds: float, think_s: float
) -> tuple[Phase, Phase, Phase]:
    return (
        Phase("single", 1, base_seconds, 0.0),
        Phase("busy", busy_users, base_seconds, 0.0),
        Phase("team", users, seconds, think_s),
    )


def ratios(single: Any, busy: Any, team: Any) -> Ratios:
    """From three `eval.bench.load.Summary`s (anything with throughput, p50_ms, p95_ms, errors)."""
    speedup = busy.throughput / single.throughput if single.throughput else 0.0
    tail = team.p95_ms / single.p50_ms if single.p50_ms else float("inf")
    return Ratios(round(speedup, 2), round(tail, 2), int(team.errors))


def phase_line(phase: Phase, summary: Any) -> str:
    think = f", think {phase.think_s:g} s" if phase.think_s else ", back to back"
    return (
        f"{phase.name:<6} {phase.users:>3} user(s){think}: {summary.seconds:.1f} s, "
        f"{summary.requests} answers, {summary.errors} errors, {summary.throughput:.2f} answers/s, "
        f"p50 {summary.p50_ms:.0f} ms, p95 {summary.p95_ms:.0f} ms"
    )


def ratio_lines(r: Ratios) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    return [
        f"busy/single answers/s: {r.speedup:.2f}x (target >= {MIN_BUSY_SPEEDUP:g}x: "
        f"{verdict(r.speedup >= MIN_BUSY_SPEEDUP)})",
        f"team p95 / single p50: {r.team_p95_over_single_p50:.2f}x (target <= "
        f"{MAX_TEAM_P95_OVER_SINGLE_P50:g}x: {verdict(r.team_p95_over_single_p50 <= MAX_TEAM_P95_OVER_SINGLE_P50)})",
        f"team errors: {r.team_errors} (target 0: {verdict(r.team_errors == 0)})",
    ]


def run_team(
    run_phase: Callable[[Phase], Any], plan: Sequence[Phase], echo: Callable[[str], None]
) -> tuple[dict[str, Any], Ratios]:
    """Run the phases in order; returns ({phase name: Summary}, the ratios)."""
    done: dict[str, Any] = {}
    for phase in plan:
        done[phase.name] = run_phase(phase)
        echo(phase_line(phase, done[phase.name]))
    r = ratios(done["single"], done["busy"], done["team"])
    for line in ratio_lines(r):
        echo(line)
    return done, r
