"""Numbers an event's sentence gives: killed and injured counts, and counted things (drones, missiles,
people), as :class:`~geomap.records.Quantity` values."""

from __future__ import annotations

import re
from geomap.records import Quantity


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozens": 24, "hundreds": 200, "a dozen": 12}


_QUANTITY = re.compile(
    r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds)\s+"
    r"(?:(?:more|other|of|Ukrainian|Russian|attack|combat|enemy|kamikaze|ballistic|cruise|guided)\s+){0,2}"
    r"(drones?|missiles?|rockets?|shells?|people|civilians?|soldiers?|troops|houses|homes|hospitals|prisoners|bodies)\b",
    re.IGNORECASE,
)
_FATALITIES = re.compile(
    r"\b(?:killing|killed|kills|left)\s+(?:at least\s+)?(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    # "3 soldiers were killed", "four displaced civilians were reportedly killed" (not "10 days of fighting killed")
    r"|\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?!(?:days?|weeks?|months?|years?|hours?|minutes?|km|kilometres?|kilometers?|miles?)\b)(?:[a-z-]+\s+){0,2}"
    r"(?:were\s+|was\s+)?(?:reportedly\s+|reported\s+)?(?:killed|dead|died)\b",
    re.IGNORECASE,
)
_INJURED = re.compile(
    r"\b(?:injuring|injured|wounding|wounded)\s+(?:at least\s+)?(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\b"
    r"|\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\s+(?:other\s+)?(?:people|civilians|persons|soldiers|others)?\s*(?:were\s+)?(?:injured|wounded|hurt)\b",
    re.IGNORECASE,
)


def _number(text: str) -> int:
    text = text.lower().replace(",", "")
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text, 0)


def quantities_in(sentence: str) -> tuple[Quantity, ...]:
    found = [Quantity(_number(m[1]), m[2].lower(), m[0]) for m in _QUANTITY.finditer(sentence)]
    for match in _FATALITIES.finditer(sentence):
        value = match[1] or match[2]
        found.append(Quantity(_number(value), "fatalities", match[0]))
    for match in _INJURED.finditer(sentence):
        found.append(Quantity(_number(match[1] or match[2]), "injured", match[0]))
    return tuple(q for q in found if q.value > 0)
