"""When an event happened, from the article's publication date and the sentence's words.

Precision follows ACLED's time_precision: ``day`` (1), ``week`` (2), ``month`` (3). A date that
only repeats the publication day is marked as such (``from_publication``), so merging can let it
match the same event reported a day or two earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}(?:\s+(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(?:on|last|this|early|late|since)?\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_RELATIVE = (
    (re.compile(r"\byesterday\b", re.I), 1, "day"),
    (re.compile(r"\b(?:overnight|last night|early (?:this|today's) morning|this morning|today|tonight)\b", re.I), 0, "day"),
    (re.compile(r"\blast week\b", re.I), 7, "week"),
    (re.compile(r"\bthis week\b", re.I), 0, "week"),
    (re.compile(r"\blast month\b", re.I), 30, "month"),
)
# Quoted speech has its own "yesterday": do not date by words inside quotation marks.
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


@dataclass(frozen=True, slots=True)
class EventDate:
    value: date | None
    precision: str | None  # day | week | month
    from_publication: bool = False


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def date_of(sentence: str, published: date | None) -> EventDate:
    """The date a sentence gives its event, resolved against the publication date."""
    text = _QUOTED.sub(" ", sentence)
    if match := _ISO.search(text):
        try:
            return EventDate(date(int(match[1]), int(match[2]), int(match[3])), "day")
        except ValueError:
            pass
    for pattern, day_group, month_group, year_group in ((_DAY_MONTH, 1, 2, 3), (_MONTH_DAY, 2, 1, 3)):
        if match := pattern.search(text):
            year = int(match[year_group]) if match[year_group] else (published.year if published else None)
            if year is None:
                continue
            try:
                found = date(year, _month_number(match[month_group]), int(match[day_group]))
            except ValueError:
                continue
            if published and not match[year_group] and found > published + timedelta(days=1):
                found = found.replace(year=found.year - 1)  # "on December 30" in a January article
            return EventDate(found, "day")
    if published is None:
        return EventDate(None, None)
    if match := _WEEKDAY.search(text):
        weekday = WEEKDAYS.index(match[1].lower())
        back = (published.weekday() - weekday) % 7
        return EventDate(published - timedelta(days=back), "day")
    for pattern, days_back, precision in _RELATIVE:
        if pattern.search(text):
            return EventDate(published - timedelta(days=days_back), precision)
    return EventDate(published, "day", from_publication=True)
