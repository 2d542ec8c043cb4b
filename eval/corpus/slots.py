"""Fill one sentence template: `[a|b]` alternatives, then `{slot}` values.

Pure apart from the `Random` it is handed. Slots are drawn lazily, once per sentence, so
"{pct}% ... {pct}%" repeats one value; cast slots (`{trust}`, `{waitlist}`) come from
the report's `Cast`, so they never vary within a report. It does not choose templates
(that is `compose`) and does not know what a report or section is.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from random import Random

from eval.corpus.names import Cast

# fmt: off
# Lower case: `fill` capitalises a sentence's first letter, so "{source} told us" and
# "and {source} told us" both read correctly.
_SOURCES = (
    "staff", "partners", "leaders", "practitioners", "carers", "people we spoke with",
    "health partners", "voluntary sector partners", "frontline staff", "providers",
    "managers", "elected members",
)
# Speakers outside the council, for sentences about the council as a partner.
_PARTNER_SOURCES = (
    "partners", "health partners", "voluntary sector partners", "providers", "housing partners",
)
_GROUPS = (
    "people from Black and minority ethnic communities", "Gypsy, Roma and Traveller communities",
    "people whose first language is not English", "autistic adults", "LGBTQ+ people",
    "veterans", "people experiencing homelessness", "deaf people who use British Sign Language",
    "younger adults with complex needs", "people living in rural areas",
    "older people living alone",
)
CAST_SLOTS = frozenset({
    "authority", "place", "icb", "trust", "carers_org", "vcs_org", "housing_org", "board",
    "forum", "front_door", "reablement_service", "safeguarding_team", "transitions_team",
    "discharge_team", "system", "strategy", "waitlist", "wait_weeks", "dp_pct", "reable_pct",
    "vacancy_pct", "s42", "dols_backlog", "carers_assessed", "budget",
})
# fmt: on
_MONTHS = tuple(calendar.month_name)[1:]
_FIRST_YEAR = 2022  # month slots count from January 2022 ...
_LAST_MONTH = 35  # ... to December 2024, around the assessment
_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def _fy(rng: Random) -> str:
    start = rng.randint(2021, 2023)
    return f"{start}/{(start + 1) % 100:02d}"


def _month_name(index: int) -> str:
    return f"{_MONTHS[index % 12]} {_FIRST_YEAR + index // 12}"


_Draw = Callable[[Random, Cast], str]
_RANDOM: dict[str, _Draw] = {
    "few": lambda r, c: str(r.randint(2, 9)),
    "n": lambda r, c: str(r.randint(3, 40)),
    "n2": lambda r, c: str(r.randint(5, 60)),
    "n_big": lambda r, c: f"{r.randint(150, 2400):,}",
    "n_big2": lambda r, c: f"{r.randint(150, 2400):,}",
    "pct": lambda r, c: str(r.randint(20, 80)),
    "pct_hi": lambda r, c: str(r.randint(75, 98)),
    "pct_lo": lambda r, c: str(r.randint(3, 25)),
    "days": lambda r, c: str(r.randint(2, 28)),
    "weeks": lambda r, c: str(r.randint(2, 16)),
    "weeks_long": lambda r, c: str(r.randint(20, 60)),
    "months": lambda r, c: str(r.randint(3, 18)),
    "year": lambda r, c: str(r.randint(2019, 2023)),
    "year_far": lambda r, c: str(r.randint(2030, 2035)),
    "fy": lambda r, c: _fy(r),
    "money": lambda r, c: f"£{r.randint(4, 480) / 10:.1f} million",
    "money_large": lambda r, c: f"£{r.randint(600, 4000) / 10:.1f} million",
    "money_k": lambda r, c: f"£{r.randint(20, 900) * 1000:,}",
    "money_week": lambda r, c: f"£{r.randint(800, 1400):,} a week",
    "source": lambda r, c: r.choice(_SOURCES),
    "partner_source": lambda r, c: r.choice(_PARTNER_SOURCES),
    "group": lambda r, c: r.choice(_GROUPS),
    "programme": lambda r, c: r.choice(c.programmes),
    "locality": lambda r, c: r.choice(c.localities),
}
_RELATIVE = frozenset({"month", "month2", "year2", "locality2"})  # drawn in `_Slots._draw`
SLOTS: frozenset[str] = frozenset({*_RANDOM, *CAST_SLOTS, *_RELATIVE})
# Slots that are not figures: a template may be filled again with them and say nothing new.
_WORDS = frozenset({"source", "partner_source", "group", "programme", "locality", "locality2"})


def states_figures(template: str) -> bool:
    """True when each filling draws new numbers or dates, so filling it twice in one report
    would state two different figures for the same thing (two waiting times)."""
    return any(slot in SLOTS - CAST_SLOTS - _WORDS for slot in _SLOT.findall(template))


class _Slots(dict[str, str]):
    """A mapping for `str.format_map` that draws each slot the first time it is asked for."""

    def __init__(self, rng: Random, cast: Cast) -> None:
        super().__init__()
        self._rng, self._cast = rng, cast
        self._month = rng.randint(0, 29)  # January 2022 to June 2024

    def __missing__(self, key: str) -> str:
        value = self._draw(key)
        self[key] = value
        return value

    def _draw(self, key: str) -> str:
        rng, cast = self._rng, self._cast
        if key in CAST_SLOTS:
            value = getattr(cast, key)
            return f"{value:,}" if isinstance(value, int) else str(value)
        if key == "month":
            return _month_name(self._month)
        if key == "month2":  # after {month}: "between May 2023 and January 2024"
            return _month_name(min(self._month + rng.randint(3, 12), _LAST_MONTH))
        if key == "year2":  # after {year}, and not beyond the assessment
            return str(rng.randint(int(self["year"]) + 1, 2024))
        if key == "locality2":
            return rng.choice([p for p in cast.localities if p != self["locality"]])
        if key in _RANDOM:
            return _RANDOM[key](rng, cast)
        raise KeyError(f"unknown template slot {{{key}}}; known slots: {', '.join(sorted(SLOTS))}")


def fill(template: str, rng: Random, cast: Cast) -> str:
    """One sentence: `[a|b]` alternatives chosen first, then `{slot}`s drawn."""
    text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = text.format_map(_Slots(rng, cast))
    return text[:1].upper() + text[1:]
