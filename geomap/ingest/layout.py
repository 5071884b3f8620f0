"""The top of a plain-text article: an optional headline, an optional date line, then the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from geomap.ingest.dates import _DATE_LINE, _DATE_PREFIX, parse_date

_VISIBLE = re.compile(r"\S")
_TITLE_MAX_CHARS = 200
# A first line ending like this is the start of the body, not a headline.
_NOT_TITLE_ENDINGS = (".", ",", ";", ":")


@dataclass(frozen=True, slots=True)
class TextLayout:
    """What the top of a plain-text article holds; ``body_start`` indexes the unchanged text."""

    title: str | None
    published: datetime | None
    body_start: int


def _lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, line) so header parsing can report offsets into the original text."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _first_visible(text: str, start: int = 0) -> int:
    """Offset of the first non-whitespace character at or after ``start`` (``len(text)`` if none)."""
    match = _VISIBLE.search(text, start)
    return match.start() if match else len(text)


def _title_candidate(line: str, next_line: str | None, *, markdown: bool) -> str | None:
    """Return the title if ``line`` reads like a headline rather than the first line of the body.

    A headline is short, does not end like a sentence, and is followed by more text; when the
    next line starts in lower case the line is a hard-wrapped paragraph, not a headline.
    """
    title = line.strip()
    if markdown:
        title = title.lstrip("#").strip()
    if not title or len(title) >= _TITLE_MAX_CHARS or title.endswith(_NOT_TITLE_ENDINGS):
        return None
    if title.lower().startswith("abstract:") or next_line is None:
        return None
    following = next_line.lstrip()
    if following and following[0].islower():
        return None
    return title


def parse_layout(text: str, *, markdown: bool = False) -> TextLayout:
    """Find the title, publication date and body start of a plain-text article.

    The layout of the bundled examples: an optional headline line, an optional date line
    ("2025-03-20 00:41:00"), or a labelled date in front of the body ("date 2025-03-19 US
    President ..."), then the body (which may open with an "Abstract:" line, kept in the body).
    """
    lines = list(_lines_with_offsets(text))
    title: str | None = None
    published: datetime | None = None
    seen_date = False
    for index, (offset, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not seen_date:
            whole = _DATE_LINE.fullmatch(stripped)
            if whole:
                published, seen_date = parse_date(whole["date"]), True
                continue
            prefix = _DATE_PREFIX.match(line)
            if prefix:
                return TextLayout(title, parse_date(prefix["date"]), offset + prefix.end())
        if title is None:
            next_line = lines[index + 1][1] if index + 1 < len(lines) else None
            title = _title_candidate(line, next_line, markdown=markdown)
            if title is not None:
                continue
        return TextLayout(title, published, _first_visible(text, offset))
    # Only header-like lines and no body: keep the whole text as the body.
    return TextLayout(None, published, _first_visible(text))
