"""The 153 English councils with adult social care duties, by the names people use.

Data only. A question that names one of these councils when its report is not indexed is
answered "that council's report is not indexed", not from another council's text (the
reports mention neighbouring councils as partners, so "is the word anywhere in the
index" cannot tell). Names are what staff type: "Camden", not "London Borough of Camden".
"""

from __future__ import annotations

import functools
import re

from ingest.framework import normalise_name

ENGLISH_COUNCILS: tuple[str, ...] = (
    # London (32 boroughs and the City)
    *("Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon"),
    *("Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey"),
    *("Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea"),
    *("Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge"),
    *("Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest"),
    *("Wandsworth", "Westminster", "City of London"),
    # Metropolitan districts (36)
    *("Barnsley", "Birmingham", "Bolton", "Bradford", "Bury", "Calderdale", "Coventry"),
    *("Doncaster", "Dudley", "Gateshead", "Kirklees", "Knowsley", "Leeds", "Liverpool"),
    *("Manchester", "Newcastle upon Tyne", "North Tyneside", "Oldham", "Rochdale"),
    *("Rotherham", "St Helens", "Salford", "Sandwell", "Sefton", "Sheffield", "Solihull"),
    *("South Tyneside", "Stockport", "Sunderland", "Tameside", "Trafford", "Wakefield"),
    *("Walsall", "Wigan", "Wirral", "Wolverhampton"),
    # Counties (21)
    *("Cambridgeshire", "Derbyshire", "Devon", "East Sussex", "Essex", "Gloucestershire"),
    *("Hampshire", "Hertfordshire", "Kent", "Lancashire", "Leicestershire", "Lincolnshire"),
    *("Norfolk", "Nottinghamshire", "Oxfordshire", "Staffordshire", "Suffolk", "Surrey"),
    *("Warwickshire", "West Sussex", "Worcestershire"),
    # Unitary authorities (63)
    *("Bath and North East Somerset", "Bedford", "Blackburn with Darwen", "Blackpool"),
    *("Bournemouth, Christchurch and Poole", "Bracknell Forest", "Brighton and Hove"),
    *("Bristol", "Buckinghamshire", "Central Bedfordshire", "Cheshire East"),
    *("Cheshire West and Chester", "Cornwall", "Cumberland", "Darlington", "Derby", "Dorset"),
    *("Durham", "East Riding of Yorkshire", "Halton", "Hartlepool", "Herefordshire"),
    *("Isle of Wight", "Isles of Scilly", "Hull", "Leicester", "Luton", "Medway"),
    *("Middlesbrough", "Milton Keynes", "North East Lincolnshire", "North Lincolnshire"),
    *("North Northamptonshire", "North Somerset", "North Yorkshire", "Northumberland"),
    *("Nottingham", "Peterborough", "Plymouth", "Portsmouth", "Reading"),
    *("Redcar and Cleveland", "Rutland", "Shropshire", "Slough", "Somerset"),
    *("South Gloucestershire", "Southampton", "Southend-on-Sea", "Stockton-on-Tees"),
    *("Stoke-on-Trent", "Swindon", "Telford and Wrekin", "Thurrock", "Torbay", "Warrington"),
    *("West Berkshire", "West Northamptonshire", "Westmorland and Furness", "Wiltshire"),
    *("Windsor and Maidenhead", "Wokingham", "York"),
)

# Names that are also ordinary English words ("Reading the report, ..."): they count only
# before a council word ("Reading Borough Council", "Bury Council").
_ORDINARY_WORDS = frozenset(["Reading", "Bury"])
_COUNCIL_WORD = re.compile(r"\s*(?:Borough|City|County|Metropolitan|Council)\b")


@functools.cache
def _council_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each English council's name as a pattern, built once: its words with spaces or
    hyphens between, or its first place ("Brighton" for Brighton and Hove)."""
    out = []
    for name in ENGLISH_COUNCILS:
        pattern = re.escape(name).replace(r"\ ", r"[\s-]+")
        if short := short_name(name):
            pattern = rf"(?:{pattern}|{re.escape(short)})"
        out.append((name, re.compile(rf"(?<![\w-]){pattern}(?![\w-])")))
    return tuple(out)


def named_english_councils(question: str) -> list[str]:
    """English councils the question names, as written with capitals ("Hounslow").

    >>> named_english_councils("What score did Hounslow get for Safeguarding?")
    ['Hounslow']
    """
    found: list[tuple[int, str]] = []
    for name, pattern in _council_patterns():
        for m in pattern.finditer(question):
            if name in _ORDINARY_WORDS and not _COUNCIL_WORD.match(question, m.end()):
                continue
            found.append((m.start(), name))
            break
    # "North Tyneside" must not also count as "Tyneside"-like shorter names inside it.
    names = [n for _, n in sorted(found)]
    return [n for n in names if not any(o != n and n in o for o in names)]


# Words that name the kind of council, not which: "Northmere Borough Council" is "Northmere".
GENERIC = frozenset(
    [
        "council",
        "borough",
        "city",
        "county",
        "district",
        "metropolitan",
        "london",
        "royal",
        "of",
        "the",
        "and",
        "unitary",
        "authority",
    ]
)


def core_name(authority: str) -> str:
    """'Northmere Borough Council' -> 'northmere', 'Telford and Wrekin Council' -> 'telford
    and wrekin' (what people call the council): generic words go from the ends only."""
    words = normalise_name(authority).split()
    while words and words[0] in GENERIC:
        words.pop(0)
    while words and words[-1] in GENERIC:
        words.pop()
    return " ".join(words) or normalise_name(authority)


# A council named after two places is often called by the first ("Telford" for Telford and
# Wrekin, "Brighton" for Brighton and Hove, "Newcastle" for Newcastle upon Tyne).
_TWO_PLACES = re.compile(r"^(.+?)(?: and | with | upon | on )")


def short_name(authority: str) -> str | None:
    """'Telford and Wrekin Council' -> 'Telford' (as people write it), else None."""
    m = _TWO_PLACES.match(core_name(authority))
    if not m or m.group(1) in GENERIC or len(m.group(1)) < 4:
        return None
    return m.group(1).title()


def _position(question: str, text: str, authority: str) -> int:
    """Where the question names the council: its core name anywhere, or its short name
    written with a capital ("in Telford", not "telford" inside a sentence's words)."""
    at = text.find(f" {core_name(authority)} ")
    if at >= 0:
        return at
    short = short_name(authority)
    if short:
        m = re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", question)
        if m:
            return len(normalise_name(question[: m.start()])) + 1
    return -1


def find_authorities(question: str, authorities: list[str]) -> list[str]:
    """Every indexed council the question names, in the order it names them."""
    text = f" {normalise_name(question)} "
    at = {a: _position(question, text, a) for a in authorities}
    hits = [a for a in authorities if at[a] >= 0]
    # "North Vale" must not also count as "Vale": drop names inside longer matches.
    hits = [
        a
        for a in hits
        if not any(b != a and f" {core_name(a)} " in f" {core_name(b)} " for b in hits)
    ]
    return sorted(hits, key=lambda a: at[a])


def find_authority(question: str, authorities: list[str]) -> str | None:
    """The one council the question names (None when it names none, or several)."""
    hits = find_authorities(question, authorities)
    return hits[0] if len(hits) == 1 else None
