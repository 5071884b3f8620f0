"""When an event happened, from the article's publication date and the words near its trigger.

Precision follows ACLED's time_precision: ``day`` (1), ``week`` (2), ``month`` (3), plus ``year``
for "in 2004" or "the 2019 bombing" (ACLED has no year code; exports write it as 3). A month-precise
date is the middle of its month, as ACLED codes a range by its midpoint: sorting, time sliders and
"how long ago" are then off by at most half a month, not by up to a whole one. A sentence can
name several times ("arrested in July 2022 in Tabriz, he was sentenced on Tuesday"): each event
takes the expression nearest its trigger, so the arrest and the sentence get their own dates.

An explicit date or year wins over the publication date; relative days ("on Tuesday", "overnight",
"last week") are anchored to the publication date with the precision they really have. Without a
publication date a relative expression gives no date: nothing is guessed. A date that only repeats
the publication day is marked as such (``from_publication``), so merging can let it match the same
event reported a day or two earlier. Events dated well before publication are background
(:func:`is_background`): history the article recalls, not news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MID_MONTH = 15  # the day a month-precise date is given
# How far after publication a date written without its year may lie and still be this year's: news
# names the coming days and weeks by day and month ("the judge set a hearing for March 27").
FUTURE_REACH_DAYS = 31
# A planned event's bare month is the next such month when it is at most this many months ahead; one
# further off is the last such month (nearer, it dates the plan being made).
PLANNED_MONTHS_AHEAD = 6

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# Events dated more than this many days before publication are background (the events issue's rule).
BACKGROUND_DAYS = 60
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
_YEAR = r"((?:19|20)\d\d)(?!\d|,\d)"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}(?:,?\s+{_YEAR})?\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}")
# A month with no day or year only after a word that makes it a time ("in March", not "May" the verb).
_BARE_MONTH = re.compile(rf"\b(?:in|since|during|until|by|last|this|early|late|mid-?|of|from|through)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}(?!\s*\d)", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# A month before the noun of the event it dates: "the deadly January attack", "a March raid" (capitalised, and not
# "May", which is as often the name of a government: "the May government").
_MONTH_BEFORE_NOUN = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[a-z][\w-]*\s+){0,2}?"
                                r"(January|February|March|April|June|July|August|September|October|November|December)"
                                r"(?=\s+[a-z])")
# A year said as a time: "in 2004", "since 2009", "the 2004 bombing", "India's 1998 nuclear tests", "2019's attack",
# "in the 1990s" (decade: its first year).
_YEAR_WORD = re.compile(rf"(?:\b(?:in|since|during|until|by|from|of|before|after|through|between|the|early|late|mid-?)|\b[’']s)\s+(?:the\s+)?{_YEAR}(s)?|\b{_YEAR}'s\b", re.I)
# ... and after a possessive, before a word that is not a plural ("its 1990 invasion", not "their 2000 supporters").
_POSSESSED_YEAR = re.compile(rf"\b(?:its|their|his|her)\s+{_YEAR}(?=\s+[A-Za-z-]*[a-rt-z]\b)", re.I)
# Decades before 1900 ("in the 1860s"): history. Years of those centuries are left alone ("of 1500 troops").
_OLD_DECADE = re.compile(r"\b(1[5-8]\d0)s\b")
# A year of those centuries after a preposition of time and before the clause goes on ("captured from Spain in 1704
# by a British-led force"), not a count ("in 1500 villages").
_OLD_YEAR = re.compile(r"\b(?:in|since|during|until|by|from|before|after|of)\s+(1[0-8]\d\d)(?=\s*(?:[,.;:)]|$)|\s+(?:by|and|"
                       r"when|after|before|during|as|under|to|in|on|at|with|from|against|the|a|an)\b)")
_YEARS_AGO = re.compile(r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                        r"forty|fifty|sixty|seventy|a few|several|many|a dozen|dozens of)\s+years?\s+(?:ago|after|later|since|"
                        r"earlier|before)\b", re.I)
# "Two weeks after the bombing, police arrested ...": the time dates the happening inside the phrase (the
# bombing, two weeks before), never the main clause's after the comma (the arrests, on their own day).
_NUMBER_WORDS = (r"\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                 r"a few|several")
_UNITS_AFTER = re.compile(rf"\b({_NUMBER_WORDS})\s+(days?|weeks?|months?)\s+after\b", re.I)
_SPAN_AFTER = (rf"\b(?:{_NUMBER_WORDS}|forty|fifty|sixty|seventy|many|a dozen|dozens of)\s+"
               r"(?:years?|months?|weeks?|days?)\s+after\b")
_AFTER_PHRASE = re.compile(_SPAN_AFTER + r"[^,;.]*,", re.I)
_SPAN_AFTER_RE = re.compile(_SPAN_AFTER, re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_ANNIVERSARY = re.compile(r"\b(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+ieth)\s+anniversary\b", re.I)
_WEEKDAY = re.compile(r"\b(?:on|last|this|early|late|since)?\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_RELATIVE = (
    (re.compile(r"\byesterday\b", re.I), 1, "day"),
    (re.compile(r"\b(?:overnight|last night|early (?:this|today's) morning|this morning|today|tonight)\b", re.I), 0, "day"),
    (re.compile(r"\blast week\b", re.I), 7, "week"),
    (re.compile(r"\b(?:this|earlier this) week\b", re.I), 0, "week"),
    (re.compile(r"\blast month\b", re.I), 30, "month"),
    (re.compile(r"\b(?:this|earlier this) month\b", re.I), 0, "month"),  # "Earlier this month, X hosted Y"
    (re.compile(r"\b(?:this|earlier this) year\b", re.I), 0, "year"),
    (re.compile(r"\blast year\b", re.I), 365, "year"),
    # Ahead of publication, as planned events are dated ("talks will resume next week"); "the next week" of
    # a story's telling ("over the next week, fighting spread") is the story's, not the reader's.
    (re.compile(r"\btomorrow\b", re.I), -1, "day"),
    (re.compile(r"(?<!the )\bnext week\b", re.I), -7, "week"),
    (re.compile(r"(?<!the )\bnext month\b", re.I), -30, "month"),
)
_SMALL_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                  "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                  "sixty": 60, "seventy": 70, "a few": 3, "several": 3, "many": 10, "a dozen": 12, "dozens of": 24}
_CLAUSE_BARRIER = re.compile(r"\b(?:which|who|whom|whose|that|while|after|before|since|until|because|although)\b|[;:(]|,\s*(?:and|but)\b", re.I)
# Quoted speech has its own "yesterday": do not date by words inside quotation marks.
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


@dataclass(frozen=True, slots=True)
class EventDate:
    value: date | None
    precision: str | None  # day | week | month | year
    from_publication: bool = False


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def _mask_quotes(text: str) -> str:
    """The sentence with quoted speech blanked out, offsets unchanged."""
    return _QUOTED.sub(lambda m: " " * len(m[0]), text)


def _in_year(day: date, year: int) -> date | None:
    """The same day and month in another year (None for 29 February in a common year)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def _candidates(text: str, published: date | None, future: bool = False) -> list[tuple[int, int, EventDate]]:
    """Every time expression of ``text`` as (start, end, date); overlapping weaker forms are dropped.

    A bare month or weekday is the last such one up to publication, or with ``future`` (a planned event:
    "is due to meet him in January", "due to travel on Tuesday") the next one from it.
    """
    found: list[tuple[int, int, EventDate]] = []

    def add(match: re.Match, value: date | None, precision: str, from_publication: bool = False) -> None:
        if value is None:
            return
        if any(s <= match.start() < e or match.start() <= s < match.end() for s, e, _ in found):
            return  # a more specific form already covers these words ("March 5, 2024" before "March")
        found.append((match.start(), match.end(), EventDate(value, precision, from_publication)))

    for match in _ISO.finditer(text):
        try:
            add(match, date(int(match[1]), int(match[2]), int(match[3])), "day")
        except ValueError:
            pass
    for pattern, day_group, month_group, year_group in ((_DAY_MONTH, 1, 2, 3), (_MONTH_DAY, 2, 1, 3)):
        for match in pattern.finditer(text):
            year = int(match[year_group]) if match[year_group] else (published.year if published else None)
            if year is None:
                continue
            try:
                value = date(year, _month_number(match[month_group]), int(match[day_group]))
            except ValueError:
                continue
            if published and not match[year_group]:
                # A date written without its year is this year's, as news style writes it, unless that
                # lies more than FUTURE_REACH_DAYS ahead: then last year's ("on December 30" in a January
                # article), and a date just past the turn of the year is next year's ("on January 3" in a
                # December article). A date ahead is something still to come ("ordered to appear on March 27").
                reach = published + timedelta(days=FUTURE_REACH_DAYS)
                ahead = _in_year(value, value.year + 1) if value.month < published.month else None
                if ahead is not None and ahead <= reach:
                    value = ahead
                elif value > reach:
                    value = _in_year(value, value.year - 1) or value
            add(match, value, "day")
    for match in _MONTH_YEAR.finditer(text):
        add(match, date(int(match[2]), _month_number(match[1]), MID_MONTH), "month")
    if published is not None:
        for match in (*_BARE_MONTH.finditer(text), *_MONTH_BEFORE_NOUN.finditer(text)):
            month = _month_number(match[1])
            behind = published.year if month <= published.month else published.year - 1
            ahead = published.year if month >= published.month else published.year + 1
            # "announced plans to hold migrants ... in late January", published in March: the month past,
            # when the plans were made, not a January ten months on.
            coming = future and (ahead - published.year) * 12 + month - published.month <= PLANNED_MONTHS_AHEAD
            add(match, date(ahead if coming else behind, month, MID_MONTH), "month")
    for match in _YEAR_WORD.finditer(text):
        year = int(match[1] or match[3])
        if published is None or year < published.year or (match[2] and year <= published.year):
            add(match, date(year, 1, 1), "year")
    for match in _POSSESSED_YEAR.finditer(text):
        if published is None or int(match[1]) < published.year:
            add(match, date(int(match[1]), 1, 1), "year")
    for match in (*_OLD_DECADE.finditer(text), *_OLD_YEAR.finditer(text)):
        add(match, date(int(match[1]), 1, 1), "year")
    if published is not None:
        for match in _YEARS_AGO.finditer(text):
            word = " ".join(match[1].lower().split())
            count = int(word) if word.isdigit() else _SMALL_NUMBERS[word]
            add(match, date(published.year - count, 1, 1), "year")
        for match in _UNITS_AFTER.finditer(text):
            word = " ".join(match[1].lower().split())
            count = int(word) if word.isdigit() else 1 if word in {"a", "one"} else _SMALL_NUMBERS[word]
            unit = match[2].lower().rstrip("s")
            add(match, published - timedelta(days=count * _UNIT_DAYS[unit]), unit)
        for match in _ANNIVERSARY.finditer(text):
            add(match, date(published.year - 1, 1, 1), "year")  # at least a year before: background
        for match in _WEEKDAY.finditer(text):
            named = WEEKDAYS.index(match[1].lower())
            if future:  # "is due to travel on Tuesday": the next Tuesday, as a bare month is the next such month
                add(match, published + timedelta(days=(named - published.weekday()) % 7), "day")
            else:
                add(match, published - timedelta(days=(published.weekday() - named) % 7), "day")
        for pattern, days_back, precision in _RELATIVE:
            for match in pattern.finditer(text):
                add(match, published - timedelta(days=days_back), precision)
    return found


# "since 2011, when the government sent soldiers": a "when" right after a time opens a clause set at that time.
_WHEN_OF_TIME = re.compile(r"\s*,?\s*when\b", re.I)


def _in_subordinate_clause(text: str, start: int, where: int) -> bool:
    """Whether the time at ``start`` closes a subordinate clause that a comma ends before the trigger at
    ``where``: "since arresting them in 2014, Thailand turned 40 of them over" (2014 dates the arrest). A
    phrase of time alone before the comma ("On 3 May, troops shelled"), or one of a clause of time ("Shortly
    after the call on Tuesday, sirens sounded"), is the main clause's."""
    comma = text.rfind(",", start, where)
    if comma < 0:
        return False
    opening = max(text.rfind(",", 0, start), text.rfind(";", 0, start))
    return bool(_SUBORDINATORS.search(text[opening + 1 : start]))


# Clauses whose time is not the main clause's ("Shortly after the call on Tuesday, sirens sounded" is Tuesday).
_SUBORDINATORS = re.compile(r"\b(?:since|because|although|though|if)\b", re.I)


# "the 2014 war, in which 2,000 people were killed", "thirty years since the genocide, during which ...": a
# relative clause of the dated noun tells of that noun's time (the noun's words up to it have no clause of their own).
_WHICH_OF_TIME = re.compile(r"[^,;:()]{0,60},\s*(?:in|during|amid|throughout)\s+which\b", re.I)


def _between(text: str, end: int, where: int) -> str:
    """The words from a time expression to the trigger after it, less a "when" that the time opens, or the
    dated noun and the "in which" of the clause about it."""
    gap = text[end:where]
    opened = _WHEN_OF_TIME.match(gap)
    if opened is None:
        opened = _WHICH_OF_TIME.match(gap)
        if opened is not None and _CLAUSE_BARRIER.search(gap[: opened.end() - len("which")]):
            opened = None
    return gap[opened.end():] if opened else gap


def date_of(sentence: str, published: date | None, anchor: int | None = None, *, future: bool = False,
            anchor_end: int | None = None) -> EventDate:
    """The date a sentence gives the event whose trigger starts at ``anchor`` and ends at ``anchor_end``
    (character offsets in it; the end defaults to the start).

    The time expression nearest the trigger wins, one after it counted from the trigger's end ("over two
    air raids last Friday" in "complained on Tuesday over two air raids last Friday") and one before it a
    little nearer ("On 3 May, troops shelled"); with no expression the event takes the publication day,
    marked as such.
    """
    text = _mask_quotes(sentence)
    where = anchor if anchor is not None else 0
    candidates = _candidates(text, published, future)
    for phrase in _AFTER_PHRASE.finditer(text):
        if phrase.end() <= where:  # the trigger is in the main clause after "N years after X,"
            candidates = [c for c in candidates if not phrase.start() <= c[0] < phrase.end()]
    # "stormed the town a day after the army pulled out": the span dates what follows it, not the trigger before
    later = {m.start() for m in _SPAN_AFTER_RE.finditer(text) if m.start() >= max(where, anchor_end or where)}
    candidates = [c for c in candidates if c[0] not in later]
    nearest = _nearest(text, candidates, where, max(where, anchor_end or where))
    if nearest is not None:
        return nearest[2]
    if published is None:
        return EventDate(None, None)
    return EventDate(published, "day", from_publication=True)


def _nearest(text: str, candidates: list[tuple[int, int, EventDate]], where: int,
             where_end: int) -> tuple[int, int, EventDate] | None:
    """The time expression nearest the trigger at ``where``..``where_end`` (one before it counts a little
    nearer), leaving out those of another clause ("..., which Russia annexed in 2014" dates that clause's event)."""
    own = [c for c in candidates
           if not _CLAUSE_BARRIER.search(_between(text, c[1], where) if c[1] <= where else text[where_end:c[0]])
           and not (c[1] <= where and _in_subordinate_clause(text, c[0], where))]

    def distance(candidate: tuple[int, int, EventDate]) -> int:
        start, end, _ = candidate
        return (where - end) if end <= where else max(0, start - where_end) + AFTER_PENALTY

    return min(own, key=distance, default=None)


AFTER_PENALTY = 10  # characters a time after the trigger counts as further than one before it


# Times that say "long before the day of writing" whatever that day was.
_YEARS_BACK = re.compile(r"\byears?\s+(?:ago|earlier|before)\b|\banniversary\b|\blast year\b", re.I)
_ANY_DAY = date(2000, 7, 1)  # a stand-in day of writing: only how far back a time lies is read from it


def said_years_back(sentence: str, anchor: int) -> bool:
    """Whether the time nearest the trigger at ``anchor`` puts its event a year or more before the day
    of writing ("when Idi Amin expelled them 18 years ago", "the tenth anniversary of the massacre",
    "fighting last year"): in an article without a date, such an event is still background."""
    text = _mask_quotes(sentence)
    if not _YEARS_BACK.search(text):
        return False
    nearest = _nearest(text, _candidates(text, _ANY_DAY), anchor, anchor)
    return nearest is not None and bool(_YEARS_BACK.search(text[nearest[0]:nearest[1]]))


_SINCE = re.compile(r"since\b", re.I)
STORY_PAST_DAYS = 366  # how far back a stated date must lie to set the past a story is telling
# Only a year, "... years ago" or an anniversary can say that much (a quick test before the date patterns).
_FAR_BACK = re.compile(r"\b(?:19|20)\d\d|\b1[5-8]\d0s\b|\byears?\s+(?:ago|earlier|before)|anniversary", re.I)
# Words that place a sentence in the time of writing, not in the past a story is telling.
_PRESENT = re.compile(r"\b(?:now|currently|today|tonight|yesterday|this (?:week|month|year)|is|are|am|will|"
                      r"has|have|says|say)\b", re.I)


def stated_past(sentence: str, published: date | None) -> EventDate | None:
    """The past a sentence sets for the story's next lines: the latest date more than a year back it
    states in its main clause ("In 1938, he moved to Houston" -> 1938), or None when it states none,
    also states a recent one, or speaks in the present."""
    if published is None or not _FAR_BACK.search(sentence):
        return None
    text = _mask_quotes(sentence)
    if _PRESENT.search(text):
        return None  # "the trial has been ongoing since December 2023": a past that reaches the present
    # Only a time of the main clause: "... the Crimean Peninsula, which Russia annexed in 2014, several
    # hours after the talks" tells today's news with a piece of history inside it.
    # "since 2016" measures a span that reaches the present ("the worst defeat since 2016"): no past it tells
    # ("since March 2016" is left out by the barrier: "since" comes before the time's words).
    found = [when for start, _, when in _candidates(text, published) if not _CLAUSE_BARRIER.search(text[:start])
             and not _SINCE.match(text, start)]
    # More than a year back: a day or month without its year ("an expected arrival of March 26") may
    # be read as last year's when it is next week's.
    past = [when for when in found if when.value is not None and (published - when.value).days > STORY_PAST_DAYS]
    if not past or len(past) < len(found):
        return None
    return max(past, key=lambda when: when.value)  # type: ignore[arg-type, return-value]


def is_quotation(sentence: str) -> bool:
    """Mostly quoted speech: at most a speech tag ("she said") outside the quotation marks."""
    outside = _mask_quotes(sentence)
    return outside != sentence and len(re.findall(r"\w+", outside)) <= 4


def in_story_past(sentence: str) -> bool:
    """Whether a sentence with no time of its own can continue a story's past: no word of the present."""
    return not _PRESENT.search(_mask_quotes(sentence))


def is_background(when: EventDate, published: date | None) -> bool:
    """Dated more than ``BACKGROUND_DAYS`` before publication, counted from the last day the date can
    mean: "in August" in an early-October story may be late August, a current event."""
    if when.value is None or published is None:
        return False
    if when.precision == "year":
        last_day = date(when.value.year, 12, 31)
    elif when.precision == "month":
        following = date(when.value.year + (when.value.month == 12), when.value.month % 12 + 1, 1)
        last_day = following - timedelta(days=1)
    elif when.precision == "week":
        last_day = when.value + timedelta(days=6)
    else:
        last_day = when.value
    return (published - last_day).days > BACKGROUND_DAYS


def is_ahead(when: EventDate, published: date | None) -> bool:
    """Dated wholly after the day of publication: not yet happened. A day has a day's slack for time zones;
    a week ("next week") is ahead when it is a week on, a month or a year when it begins after publication."""
    if when.value is None or published is None:
        return False
    if when.precision == "day":
        return when.value > published + timedelta(days=1)
    if when.precision == "week":
        return when.value >= published + timedelta(days=AHEAD_WEEK_DAYS)
    if when.precision == "month":
        return (when.value.year, when.value.month) > (published.year, published.month)
    return when.precision == "year" and when.value.year > published.year


AHEAD_WEEK_DAYS = 5  # "next week" is dated a week on; "this week" at publication
