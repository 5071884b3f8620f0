"""Publication dates as articles write them: ISO 8601, "19 March 2025", RFC 2822 and a few more."""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timezone

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_PART = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}"
    rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
)
_TIME_PART = r"(?:(?:T|\s+|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?"
_DATE_TOKEN = rf"(?P<date>{_DAY_PART}{_TIME_PART})"
_DATE_LABEL = r"(?:date|dated|published|posted)\s*:?\s*"
# A line that is only a date, optionally labelled: "2025-03-20 00:41:00", "Published: 20 March 2025".
_DATE_LINE = re.compile(rf"(?:{_DATE_LABEL})?{_DATE_TOKEN}", re.IGNORECASE)
# A labelled date in front of the body on the same line: " date 2025-03-19 US President ...".
_DATE_PREFIX = re.compile(rf"\s*{_DATE_LABEL}{_DATE_TOKEN}\s+(?=\S)", re.IGNORECASE)

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
)
_TIME_FORMATS = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f", "T%H:%M", "T%H:%M:%S", ", %H:%M", ", %H:%M:%S")
_UTC_SUFFIX = re.compile(r"\s*(?:Z|UTC|GMT)$", re.IGNORECASE)


def parse_date(value: str) -> datetime | None:
    """Parse an ISO-like or common news date (with optional time); ``None`` when it does not parse.

    Never raises: a date that cannot be read should cost the article its date, not its place on the map.
    Naive results stay naive (news sites rarely say which zone they mean); an explicit zone is kept.
    """
    text = " ".join(value.split())
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    is_utc = bool(_UTC_SUFFIX.search(text))
    bare = _UTC_SUFFIX.sub("", text).replace(".,", ",")
    bare = re.sub(r"(?<=[A-Za-z])\.(?=\s)", "", bare)  # "Mar. 20" -> "Mar 20"
    for day_format in _DATE_FORMATS:
        for time_format in _TIME_FORMATS:
            try:
                parsed = datetime.strptime(bare, day_format + time_format)
            except ValueError:
                continue
            return parsed.replace(tzinfo=timezone.utc) if is_utc else parsed
    return _parse_rfc2822(text)


def _parse_rfc2822(text: str) -> datetime | None:
    """RSS feeds write dates as in e-mail headers: "Wed, 19 Mar 2025 10:00:00 GMT"."""
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
