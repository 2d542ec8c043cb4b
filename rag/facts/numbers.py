"""Figures: numbers as words, as written, and as values.

Two readings of one text, each for its caller:
- as written (`NUMBER`, `given_numbers`, `answer_numbers`): "£5.4 million", "80%",
  "1,064" -> "1064", compared as strings between a question and a report sentence, so a
  figure the question gives ("more than 80 providers") is never its answer;
- as values (`figures`, `values`): "£5.4m" -> {5.4, 5400000}, so a generated claim's
  "£5,400,000" meets a passage's "£5.4 million". Values need well-formed thousands
  ("1,2,3" is three figures, not 123); as-written tokens do not care.
"""

from __future__ import annotations

import re

from rag.facts.periods import CLAIM_PERIOD, YEAR_OR_PERIOD, end_year

_UNIT_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_TENS_WORDS = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# Numbers written as words, with their values (what verification compares figures by).
NUMBER_WORD_VALUES = {w: float(v) for v, w in enumerate(_UNIT_WORDS)} | {
    w: float(30 + 10 * i) for i, w in enumerate(_TENS_WORDS)
}
# Words that state a count or share in a sentence ("twenty-one case studies", "half").
NUMBER_WORDS = (frozenset(NUMBER_WORD_VALUES) - {"zero"}) | {
    "hundred",
    "thousand",
    "half",
    "quarter",
}
# What a figure's unit multiplies it by: "£5.4m" is 5,400,000.
SCALES = {"million": 1e6, "m": 1e6, "bn": 1e9, "billion": 1e9, "thousand": 1e3, "k": 1e3}

DIGITS = r"\d[\d,]*(?:\.\d+)?"  # a figure as written: "1,064", "9.5"
NUMBER = re.compile(rf"(?<![\w£$])(?:£\s?)?{DIGITS}(?:\s?(?:%|per cent|million|m\b))?")
_FIGURE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(million|m|bn|billion|thousand|k)\b)?", re.I
)
# "scored 3 out of 4": CQC scores run 1-4, so "out of 4" names the scale, not a fact.
_SCALE_PHRASE = re.compile(r"\bout of (?:4|four)\b", re.I)


def figures(text: str) -> list[frozenset[float]]:
    """The figures of a text, each as its possible values: "1,064" -> {1064};
    "£5.4m" -> {5.4, 5400000} (so it meets "£5,400,000" and "£5.4 million");
    "2023/24" -> {2023}, {2024}. "out of 4" (the CQC scale) is not a figure."""
    out: list[frozenset[float]] = []
    text = _SCALE_PHRASE.sub(" ", text)
    for m in CLAIM_PERIOD.finditer(text):
        start = int(m.group(1))
        out += [frozenset({float(start)}), frozenset({float(end_year(start, m.group(2)))})]
    for m in _FIGURE.finditer(CLAIM_PERIOD.sub(" ", text)):
        whole, fraction, unit = m.groups()
        value = round(float(whole.replace(",", "") + (fraction or "")), 6)
        out.append(frozenset({value, round(value * SCALES[unit.lower()], 6)} if unit else {value}))
    return out


def values(text: str) -> set[float]:
    """Every value a text's figures can stand for."""
    return set().union(*figures(text))


def given_numbers(question: str) -> frozenset[str]:
    """Figures a question states ("more than 80 providers"): never an answer to it."""
    return frozenset(m.group().replace(",", "") for m in NUMBER.finditer(question))


def answer_numbers(sentence: str, given: frozenset[str]) -> set[str]:
    """Numbers a sentence states that the question did not already give (years aside)."""
    year_spans = [m.span() for m in YEAR_OR_PERIOD.finditer(sentence)]
    found = set()
    for m in NUMBER.finditer(sentence):
        if any(s <= m.start() < e for s, e in year_spans):
            continue
        if m.start() > 0 and sentence[m.start() - 1] in "'\"‘“":
            continue  # a number opening a quoted name ('3 conversations') counts nothing
        value = m.group().replace(",", "")
        if value not in given:
            found.add(value)
    for m in _WORD.finditer(sentence):
        word = m.group().lower()
        if word.split("-")[0] not in NUMBER_WORDS:
            continue
        after = sentence[m.end() :]
        if m.group()[0].isupper() and _NAME_GOES_ON.match(after):
            continue  # part of a name: "One Call", "Three Rivers Housing"
        if word == "one" and _ANECDOTE.match(after):
            continue  # "One person told us ...": a voice, not a count
        found.add(word)
    return found


_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")
# "One carer told us", "one of the providers said": CQC reports quote single voices so.
_ANECDOTE = re.compile(
    r"(?: [\w’'-]+){1,5}? (?:told|said|says|described|explained|reported|shared|commented|"
    r"gave|spoke|felt|mentioned|raised)\b",
    re.I,
)
