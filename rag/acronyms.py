"""Acronyms and what they stand for: from the indexed text itself, then a sector list.

Staff ask "How many DoLS applications were waiting?" while a report writes "Deprivation
of Liberty Safeguards"; a question with an acronym the index never spells out must not be
refused as naming something unknown. `defined_in` finds the definitions reports give
("Principal Social Worker (PSW)"); `SECTOR` covers what reports use without defining.
Pure; no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Common in adult social care writing; reports often use the words without the letters.
SECTOR: Mapping[str, str] = {
    "dols": "deprivation of liberty safeguards",
    "lps": "liberty protection safeguards",
    "amhp": "approved mental health professional",
    "amhps": "approved mental health professionals",
    "psw": "principal social worker",
    "ot": "occupational therapist",
    "ots": "occupational therapists",
    "icb": "integrated care board",
    "ics": "integrated care system",
    "icp": "integrated care partnership",
    "sab": "safeguarding adults board",
    "sar": "safeguarding adults review",
    "sars": "safeguarding adults reviews",
    "mash": "multi-agency safeguarding hub",
    "lga": "local government association",
    "vcse": "voluntary community and social enterprise",
    "vcs": "voluntary and community sector",
    "bcf": "better care fund",
    "dfg": "disabled facilities grant",
    "tec": "technology enabled care",
    "chc": "continuing healthcare",
    "jsna": "joint strategic needs assessment",
    "imd": "index of multiple deprivation",
    "asc": "adult social care",
    "dass": "director of adult social services",
    "adass": "association of directors of adult social services",
    "mca": "mental capacity act",
    "mha": "mental health act",
    "pa": "personal assistant",
    "pas": "personal assistants",
    "edi": "equality diversity and inclusion",
    "mdt": "multidisciplinary team",
    "ascof": "adult social care outcomes framework",
    "lgsco": "local government and social care ombudsman",
    "cqc": "care quality commission",
    "asb": "antisocial behaviour",
    "ld": "learning disability",
    "sen": "special educational needs",
    "send": "special educational needs and disabilities",
    "hr": "human resources",
    "gp": "general practitioner",
    "gps": "general practitioners",
}

# "Principal Social Worker (PSW)": up to 8 words, then the letters in brackets.
_DEFINITION = re.compile(
    r"((?:[A-Za-z][\w’'-]*[\s,]+){1,8}?)\(([A-Z][A-Za-z]{1,6}s?)\)",
)
# An acronym as typed: two or more capitals, maybe with small letters between ("DoLS").
_ACRONYM = re.compile(r"\b([A-Z][a-z]?[A-Z]{1,5}s?|[A-Z]{2,6}s?)\b")


def defined_in(texts: Iterable[str]) -> dict[str, str]:
    """Acronym (lower case) -> the words a text defines it as, when the words' initials
    spell it ("Deprivation of Liberty Safeguards (DoLS)" -> "dols": "deprivation of
    liberty safeguards")."""
    found: dict[str, str] = {}
    spelled: dict[str, str] = {}
    for text in texts:
        _spelled_out(text, spelled)
        if "(" not in text:
            continue
        for m in _DEFINITION.finditer(text):
            acronym = m.group(2)
            words = m.group(1).replace(",", " ").split()
            letters = acronym.rstrip("s").lower() if len(acronym) > 2 else acronym.lower()
            expansion = _expansion(words, letters)
            if expansion:
                found.setdefault(acronym.lower(), expansion)
    for key, words in spelled.items():
        if key not in SECTOR:
            found.setdefault(key, words)
    return found


# A name written out in capitals ("British Sign Language", "Better Care Fund"): a question
# may use its initials ("BSL") though the report never defines them.
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][a-z]+){2,4}\b")


def _spelled_out(text: str, into: dict[str, str]) -> None:
    """Add initials (three letters or more) -> words for each capitalised name in the text."""
    small = {"of", "and", "for"}
    for m in _CAPITALISED.finditer(text):
        words = m.group().split()
        key = "".join(w[0].lower() for w in words if w not in small)
        into.setdefault(key, " ".join(w.lower() for w in words))


def _expansion(words: list[str], letters: str) -> str | None:
    """The shortest tail of `words` whose significant words' initials spell `letters`."""
    small = {"of", "and", "for", "the", "in", "on", "to", "with", "&"}
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        initials = "".join(w[0].lower() for w in tail if w.lower() not in small)
        if initials == letters:
            return " ".join(w.lower() for w in tail)
        if len(initials) > len(letters):
            return None
    return None


def acronyms_in(question: str) -> list[str]:
    """Acronyms the question uses, as typed ("DoLS", "AMHPs")."""
    return list(dict.fromkeys(m.group(1) for m in _ACRONYM.finditer(question)))


def expand(acronym: str, defined: Mapping[str, str]) -> str | None:
    """What an acronym stands for: the index's own definition first, then the sector list."""
    key = acronym.lower()
    return (
        defined.get(key) or SECTOR.get(key) or (SECTOR.get(key[:-1]) if key.endswith("s") else None)
    )


def abbreviated(question: str, defined: Mapping[str, str]) -> list[tuple[str, str]]:
    """(acronym, words) for each acronym whose words the question spells out: "Is the
    Principal Social Worker new in post?" -> [("PSW", "principal social worker")], so that
    a report sentence writing "the current PSW" speaks of them too."""
    # plain substring tests on words joined by single spaces: no pattern per acronym (at
    # 153 councils the reports define ~500, and compiling one each cost ~150 ms a question)
    text = f" {' '.join(_WORDS.findall(question.lower()))} "
    out = []
    for key, meaning in {**SECTOR, **defined}.items():
        words = _WORDS.findall(meaning)
        if len(words) >= 2 and f" {' '.join(words)} " in text:
            out.append((key.upper(), meaning))
    return out


_WORDS = re.compile(r"[a-z0-9]+")


def writes(acronym: str, sentence: str) -> bool:
    """Does the sentence write the acronym, in capitals ("PSW", "DoLS", "AMHPs")?"""
    return any(
        sum(ch.isupper() for ch in m.group()) >= 2
        for m in re.finditer(rf"\b{re.escape(acronym)}s?\b", sentence, re.I)
    )
