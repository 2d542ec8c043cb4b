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

# Word lists stay packed (fmt: off): one name a line would triple the module.
# fmt: off
_HEADS = (
    "Ash", "Bram", "Brack", "Carn", "Chal", "Dun", "Elm", "Fen", "Glen", "Hart", "Hesk", "Kel",
    "Lin", "Mar", "Mell", "Nor", "Orm", "Pen", "Quen", "Rav", "Sel", "Stan", "Thorn", "Wyn",
    "Ald", "Cold", "Eskel", "Frith", "Gar", "Hol", "Lox", "Ost", "Rook", "Wex", "Tarn", "Brin",
)
_TAILS = (
    "combe", "mere", "bury", "field", "stow", "wick", "ton", "ley", "dale", "worth", "ham",
    "by", "hurst", "thorpe", "well", "bridge", "minster", "gate", "holme", "moor", "cliffe",
)
# Real councils (past or present) and well-known towns that the syllables can spell,
# plus the names of the hand-written samples in data/sample_reports.
_BLOCKED = frozenset({
    "Ashby", "Ashbury", "Ashfield", "Ashley", "Ashton", "Ashwell", "Bramley", "Bramhall",
    "Brackley", "Dunham", "Dunwick", "Elmbridge", "Elmley", "Fenton", "Hartley", "Hartwell",
    "Hartfield", "Linton", "Linby", "Marbury", "Marton", "Marley", "Marham", "Norton",
    "Norbury", "Norley", "Penley", "Selby", "Selston", "Stanley", "Stanton", "Stanwell",
    "Thornbury", "Thornton", "Thornley", "Aldbury", "Aldworth", "Coldham", "Garton", "Holbury",
    "Holton", "Holmoor", "Morton", "Hartbridge", "Stanmore", "Ravensworth", "Carnby", "Chalton",
    "Brinton", "Wynton", "Ormsby", "Ostley", "Rookley", "Tarnby", "Glendale", "Dunstow",
    "Elmstow", "Northmere", "Norbridge", "Southbay", "Colby", "Kelham", "Bramwell", "Bramham",
    "Ashmoor", "Hurstbridge", "Pendale", "Hesketh", "Margate", "Aldgate", "Holgate",
    "Glenfield", "Loxley", "Linthorpe", "Fenham", "Selhurst", "Thorncliffe", "Ashworth",
    "Holcombe", "Wexham", "Fenwick", "Stanwick", "Aldwick", "Norham", "Dunton", "Loxton",
    "Penton", "Thornham", "Holwell", "Northorpe", "Garthorpe", "Stanbridge", "Thornwick",
    "Mellton", "Elmhurst", "Marwick", "Norwell", "Duncombe",
})
_COUNCIL_KINDS = (
    "County Council", "Borough Council", "City Council", "Metropolitan Borough Council",
    "District Council", "Council",
)
_TRUST_KINDS = ("Community Health", "Hospitals", "Healthcare", "Teaching Hospitals")
# The curly apostrophe is deliberate: real reports carry them, and the PDF writer must cope.
_FORUMS = ("Voices Panel", "Lived Experience Forum", "Co-production Network", "People’s Panel")
_FRONT_DOORS = ("Connect", "Gateway", "Access Hub", "Care Direct", "First Contact")
_REABLEMENT = ("Home Again", "Back Home", "Step Up", "Regain", "Independence at Home")
_SAFEGUARDING_TEAMS = (
    "Adult Safeguarding Hub", "Multi-agency Safeguarding Hub", "Safeguarding Adults Team",
    "Adult Protection Unit",
)
_TRANSITIONS_TEAMS = (
    "Preparing for Adulthood Team", "Transitions Team", "Moving On Team", "Young Adults Team",
    "Bridging Team",
)
_DISCHARGE_TEAMS = (
    "Integrated Discharge Hub", "Transfer of Care Hub", "Hospital Discharge Team",
    "Home from Hospital Team",
)
_SYSTEMS = ("CareLink", "Pathway", "Horizon", "Compass", "Atlas", "Beacon")
_STRATEGIES = ("Living Well", "Ageing Well", "Independent Lives", "Better Lives", "Care and Support")
_PROGRAMME_ADJECTIVES = (
    "Bright", "Stronger", "Better", "Thriving", "Open", "Bold", "Steady", "Clear", "Kind",
    "Shared", "Active", "Brave",
)
_PROGRAMME_NOUNS = (
    "Futures", "Steps", "Lives", "Horizons", "Doors", "Homes", "Roots", "Connections",
    "Foundations", "Pathways", "Neighbours", "Journeys",
)
# fmt: on
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
    budget: str  # net adult social care budget, "£212.5 million"


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
    """The authority's name, e.g. "Ashcombe District Council"; the kind is fixed by the place."""
    place = authority_place(index, seed)
    kind = _COUNCIL_KINDS[Random(f"kind:{seed}:{place}").randrange(len(_COUNCIL_KINDS))]
    return f"{place} {kind}"


def make_cast(index: int, seed: int, quality: float, rng: Random) -> Cast:
    """The cast of report `index`; `quality` (1 poor to 4 excellent) steers its figures."""
    place = authority_place(index, seed).split()[-1]
    others = [p for p in rng.sample(PLACES, 8) if p != place][:6]
    strain = (4.0 - quality) / 3.0  # 0 for an excellent authority, 1 for a poor one
    start = rng.choice((2022, 2023, 2024))
    pick = rng.choice
    adjectives, nouns = rng.sample(_PROGRAMME_ADJECTIVES, 4), rng.sample(_PROGRAMME_NOUNS, 4)
    return Cast(
        authority=authority_name(index, seed),
        place=place,
        icb=f"NHS {place} and {others[0]} Integrated Care Board",
        trust=f"{place} {pick(_TRUST_KINDS)} NHS {pick(('Foundation Trust', 'Trust'))}",
        carers_org=f"{place} Carers {pick(('Hub', 'Centre', 'Network', 'Alliance', 'Together'))}",
        vcs_org=pick(
            (f"Voluntary Action {place}", f"{place} Community Action", f"{place} Together")
        ),
        housing_org=f"{others[1]} {pick(('Homes', 'Housing Group', 'Housing Trust', 'Living'))}",
        board=f"{place} Safeguarding Adults Board",
        forum=f"{place} {pick(_FORUMS)}",
        front_door=f"{place} {pick(_FRONT_DOORS)}",
        reablement_service=f"{pick(_REABLEMENT)} {pick(('service', 'team'))}",
        safeguarding_team=pick(_SAFEGUARDING_TEAMS),
        transitions_team=pick(_TRANSITIONS_TEAMS),
        discharge_team=pick(_DISCHARGE_TEAMS),
        system=f"{pick(_SYSTEMS)} case management system",
        strategy=f"{pick(_STRATEGIES)} Strategy {start}–{start + 5}",
        programmes=tuple(f"{a} {n} programme" for a, n in zip(adjectives, nouns, strict=True)),
        localities=tuple(others[2:6]),
        waitlist=int(rng.randint(40, 260) + strain * rng.randint(200, 1400)),
        wait_weeks=int(rng.randint(2, 6) + strain * rng.randint(4, 30)),
        dp_pct=int(rng.randint(18, 24) + (1 - strain) * rng.randint(4, 14)),
        reable_pct=int(rng.randint(62, 72) + (1 - strain) * rng.randint(6, 20)),
        vacancy_pct=int(rng.randint(5, 9) + strain * rng.randint(2, 10)),
        s42=rng.randint(180, 1400),
        dols_backlog=int(rng.randint(20, 150) + strain * rng.randint(200, 1100)),
        carers_assessed=rng.randint(300, 2200),
        budget=f"£{rng.randint(600, 4800) / 10:.1f} million",
    )
