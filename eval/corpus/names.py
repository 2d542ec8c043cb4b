"""Invented names: authorities, and each report's cast of partners, teams and programmes.

Pure and deterministic. Place names are built from syllables ("Ash" + "combe"), so
hundreds exist; those that are real English councils, or towns well known enough to
mislead a reader, are blocked by hand below. This module does not check names against
any registry: the block list is the whole safeguard, so extend it when you spot one.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd
from random import Random

_HEADS = (
    "Ash", "Bram", "Brack", "Carn", "Chal", "Dun", "Elm", "Fen", "Glen", "Hart", "Hesk",
    "Kel", "Lin", "Mar", "Mell", "Nor", "Orm", "Pen", "Quen", "Rav", "Sel", "Stan",
    "Thorn", "Wyn", "Ald", "Cold", "Eskel", "Frith", "Gar", "Hol", "Lox", "Ost", "Rook",
    "Wex", "Tarn", "Brin",
)
_TAILS = (
    "combe", "mere", "bury", "field", "stow", "wick", "ton", "ley", "dale", "worth",
    "ham", "by", "hurst", "thorpe", "well", "bridge", "minster", "gate", "holme", "moor",
    "cliffe",
)
# Real councils (past or present) and well-known towns that the syllables can spell,
# plus the names of the hand-written samples in data/sample_reports.
_BLOCKED = frozenset({
    "Ashby", "Ashbury", "Ashfield", "Ashley", "Ashton", "Ashwell", "Bramley", "Bramhall",
    "Brackley", "Dunham", "Dunwick", "Elmbridge", "Elmley", "Fenton", "Hartley", "Hartwell",
    "Hartfield", "Linton", "Linby", "Marbury", "Marton", "Marley", "Marham", "Norton",
    "Norbury", "Norley", "Penley", "Selby", "Selston", "Stanley", "Stanton", "Stanwell",
    "Thornbury", "Thornton", "Thornley", "Aldbury", "Aldworth", "Coldham", "Garton",
    "Holbury", "Holton", "Holmoor", "Morton", "Hartbridge", "Stanmore", "Ravensworth",
    "Carnby", "Chalton", "Brinton", "Wynton", "Ormsby", "Ostley", "Rookley", "Tarnby",
    "Glendale", "Dunstow", "Elmstow", "Northmere", "Norbridge", "Southbay", "Colby",
    "Kelham", "Bramwell", "Bramham", "Ashmoor", "Hurstbridge", "Pendale", "Hesketh",
    "Margate", "Aldgate", "Holgate", "Glenfield", "Loxley", "Linthorpe", "Fenham", "Selhurst",
    "Thorncliffe", "Ashworth", "Holcombe", "Wexham", "Fenwick", "Stanwick", "Aldwick",
    "Norham", "Dunton", "Loxton", "Penton", "Thornham", "Holwell", "Northorpe", "Garthorpe",
    "Stanbridge", "Thornwick", "Mellton", "Elmhurst", "Marwick", "Norwell", "Duncombe",
})
_COUNCIL_KINDS = (
    "County Council", "Borough Council", "City Council", "Metropolitan Borough Council",
    "District Council", "Council",
)
# Beyond one name per place, compass prefixes give further distinct authorities.
_COMPASS = ("", "North ", "South ", "East ", "West ", "Greater ")

# A doubled letter at the join ("Mellley", "Ashhurst") reads as a typo, so those go too.
PLACES: tuple[str, ...] = tuple(
    h + t for h in _HEADS for t in _TAILS if (h + t) not in _BLOCKED and h[-1] != t[0]
)


@dataclass(frozen=True, slots=True)
class Cast:
    """Everything one report names, fixed per report so its story stays consistent."""

    authority: str
    place: str
    icb: str
    trust: str
    carers_org: str
    vcs_org: str
    housing_org: str
    board: str
    forum: str
    front_door: str
    reablement_service: str
    safeguarding_team: str
    transitions_team: str
    discharge_team: str
    system: str
    strategy: str
    programmes: tuple[str, ...]
    localities: tuple[str, ...]
    # Headline figures, repeated across sections, so one report never contradicts itself.
    waitlist: int
    wait_weeks: int
    dp_pct: int
    reable_pct: int
    vacancy_pct: int
    s42: int
    dols_backlog: int
    carers_assessed: int


def authority_place(index: int, seed: int) -> str:
    """The place name of authority `index`: distinct for every index below 6 x len(PLACES)."""
    n = len(PLACES)
    rng = Random(seed)
    # An affine map i -> (a*i + b) mod n with gcd(a, n) == 1 is a permutation, so the
    # first n indices get n different places without building a shuffled list.
    a = rng.randrange(1, n)
    while gcd(a, n) != 1:
        a = rng.randrange(1, n)
    b = rng.randrange(n)
    compass = _COMPASS[(index // n) % len(_COMPASS)]
    return compass + PLACES[(a * index + b) % n]


def authority_name(index: int, seed: int) -> str:
    """"Ashcombe District Council": the place, then a council kind fixed by the place."""
    place = authority_place(index, seed)
    kind = _COUNCIL_KINDS[Random(f"kind:{seed}:{place}").randrange(len(_COUNCIL_KINDS))]
    return f"{place} {kind}"


def make_cast(index: int, seed: int, quality: float, rng: Random) -> Cast:
    """The cast of report `index`; `quality` (1 poor to 4 excellent) steers its figures."""
    authority = authority_name(index, seed)
    place = authority_place(index, seed).split()[-1]
    others = [p for p in rng.sample(PLACES, 8) if p != place][:6]
    strain = (4.0 - quality) / 3.0  # 0 for an excellent authority, 1 for a poor one
    start = rng.choice((2022, 2023, 2024))

    def pick(*options: str) -> str:
        return rng.choice(options)

    return Cast(
        authority=authority,
        place=place,
        icb=f"NHS {place} and {others[0]} Integrated Care Board",
        trust=f"{place} {pick('Community Health', 'Hospitals', 'Healthcare', 'Teaching Hospitals')} NHS "
        f"{pick('Foundation Trust', 'Trust')}",
        carers_org=f"{place} Carers {pick('Hub', 'Centre', 'Network', 'Alliance', 'Together')}",
        vcs_org=pick(f"Voluntary Action {place}", f"{place} Community Action", f"{place} Together"),
        housing_org=f"{others[1]} {pick('Homes', 'Housing Group', 'Housing Trust', 'Living')}",
        board=f"{place} Safeguarding Adults Board",
        forum=f"{place} {pick('Voices Panel', 'Lived Experience Forum', 'Co-production Network', 'People’s Panel')}",
        front_door=f"{place} {pick('Connect', 'Gateway', 'Access Hub', 'Care Direct', 'First Contact')}",
        reablement_service=f"{pick('Home Again', 'Back Home', 'Step Up', 'Regain', 'Independence at Home')} "
        f"{pick('service', 'team')}",
        safeguarding_team=pick("Adult Safeguarding Hub", "Multi-agency Safeguarding Hub",
                               "Safeguarding Adults Team", "Adult Protection Unit"),
        transitions_team=pick("Preparing for Adulthood Team", "Transitions Team", "Moving On Team",
                              "Young Adults Team", "Bridging Team"),
        discharge_team=pick("Integrated Discharge Hub", "Transfer of Care Hub",
                            "Hospital Discharge Team", "Home from Hospital Team"),
        system=f"{pick('CareLink', 'Pathway', 'Horizon', 'Compass', 'Atlas', 'Beacon')} case management system",
        strategy=f"{pick('Living Well', 'Ageing Well', 'Independent Lives', 'Better Lives', 'Care and Support')} "
        f"Strategy {start}–{start + 5}",
        programmes=tuple(
            f"{adj} {noun} programme"
            for adj, noun in zip(
                rng.sample(("Bright", "Stronger", "Better", "Thriving", "Open", "Bold", "Steady",
                            "Clear", "Kind", "Shared", "Active", "Brave"), 4),
                rng.sample(("Futures", "Steps", "Lives", "Horizons", "Doors", "Homes", "Roots",
                            "Connections", "Foundations", "Pathways", "Neighbours", "Journeys"), 4),
                strict=True,
            )
        ),
        localities=tuple(others[2:6]),
        waitlist=int(rng.randint(40, 260) + strain * rng.randint(200, 1400)),
        wait_weeks=int(rng.randint(2, 6) + strain * rng.randint(4, 30)),
        dp_pct=int(rng.randint(18, 24) + (1 - strain) * rng.randint(4, 14)),
        reable_pct=int(rng.randint(62, 72) + (1 - strain) * rng.randint(6, 20)),
        vacancy_pct=int(rng.randint(5, 9) + strain * rng.randint(2, 10)),
        s42=rng.randint(180, 1400),
        dols_backlog=int(rng.randint(20, 150) + strain * rng.randint(200, 1100)),
        carers_assessed=rng.randint(300, 2200),
    )
