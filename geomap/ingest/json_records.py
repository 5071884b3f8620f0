""".json files (an article object, a list of them, or {"articles": [...]}) and .jsonl files (one article
object a line, streamed): each bad record or line is one error naming it, and the others are read."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from geomap.errors import InputError
from geomap.ingest.dates import parse_date
from geomap.ingest.decode import _normalise_newlines, _NotText, _sha256, decode_text
from geomap.ingest.source import _Item, _megabytes, _optional_text, _Read, _read_text, _Source
from geomap.records import Article

_SKIP_CHUNK = 1 << 16  # bytes read at a time while skipping an over-long line


class _BadRecord(ValueError):
    """A JSON record that is not an article; the message is the problem to report."""


def _record_id(record: Mapping[str, object]) -> str | None:
    """The record's own id (``id`` or ``doc_id``); numbers are accepted and written as strings."""
    for key in ("id", "doc_id"):
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise _BadRecord(f"'{key}' must be a string or a whole number")
        return str(value).strip()
    return None


def _record_text(record: Mapping[str, object]) -> str:
    """The required ``text`` field, newline-normalised but otherwise untouched (gold offsets index it)."""
    value = record.get("text")
    if value is None:
        raise _BadRecord("record has no 'text'")
    if not isinstance(value, str):
        raise _BadRecord(f"record's 'text' is a {type(value).__name__}, not a string")
    if not value.strip():
        raise _BadRecord("record has empty 'text'")
    return _normalise_newlines(value)


def _first_text(record: Mapping[str, object], *keys: str) -> str | None:
    for key in keys:
        value = _optional_text(record.get(key))
        if value is not None:
            return value
    return None


def _record_article(record: object, source: _Source, fallback_id: str) -> Article:
    """Turn one JSON object into an Article; unknown fields (e.g. gold ``toponyms``) are dropped."""
    if not isinstance(record, dict):
        raise _BadRecord(f"record is a JSON {type(record).__name__}, not an object")
    text = _record_text(record)
    url = _first_text(record, "url", "link")
    published = _first_text(record, "published", "date")
    return Article(
        id=_record_id(record) or url or fallback_id,
        text=text,
        content_hash=_sha256(text),
        title=_first_text(record, "title"),
        published=parse_date(published) if published else None,
        url=url,
        source=_first_text(record, "source"),
        path=source.display,
        body_start=0,
    )


def _json_problem(err: json.JSONDecodeError, *, with_line: bool) -> str:
    where = f"line {err.lineno} column {err.colno}" if with_line else f"column {err.colno}"
    # json's own message may end in "at" ("Unterminated string starting at"): no second "at".
    joiner = " " if err.msg.endswith(" at") else " at "
    return f"invalid JSON ({err.msg}{joiner}{where})"


def _records_of(data: object) -> list[object] | None:
    """The article objects a .json file holds, or ``None`` when its shape is not one we know."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        articles = data.get("articles")
        if isinstance(articles, list):
            return articles
        if "text" in data:
            return [data]
    return None


def _read_json(source: _Source) -> Iterator[_Item]:
    """A whole-file JSON document: one article object, a list of them, or ``{"articles": [...]}``."""
    text = _read_text(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(source.display, _json_problem(err, with_line=True)) from err
    records = _records_of(data)
    if records is None:
        raise InputError(
            source.display, "expected an article object, a list of them, or an object with an 'articles' list"
        )
    if not records:
        raise InputError(source.display, "no articles in the file")
    single = not isinstance(data, list) and "articles" not in data
    for number, record in enumerate(records, start=1):
        where = source.display if single else f"{source.display}:record {number}"
        fallback = source.relative if single else f"{source.relative}#{number}"
        try:
            yield _Read(_record_article(record, source, fallback), where)
        except _BadRecord as err:
            yield InputError(where, str(err))


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) without ever holding more than ``limit`` bytes of one line.

    An over-long line is skipped to its end and yielded as ``None`` so the caller can report it.
    """
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = handle.readline(_SKIP_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


def _jsonl_item(raw: bytes, number: int, source: _Source) -> _Item:
    """Decode and convert one JSONL line; any problem becomes an error naming the line."""
    where = f"{source.display}:line {number}"
    try:
        record = json.loads(decode_text(raw))
    except _NotText as err:
        return InputError(where, f"line is not text ({err})")
    except json.JSONDecodeError as err:
        return InputError(where, _json_problem(err, with_line=False))
    try:
        return _Read(_record_article(record, source, f"{source.relative}#L{number}"), where)
    except _BadRecord as err:
        return InputError(where, str(err))


def _read_jsonl(source: _Source) -> Iterator[_Item]:
    """One JSON article per line, streamed so a corpus of any size never sits in memory at once."""
    if source.file.stat().st_size == 0:
        raise InputError(source.display, "empty file")
    content = False
    with source.file.open("rb") as handle:
        for number, raw in _bounded_lines(handle, source.max_bytes):
            if raw is None:
                limit = _megabytes(source.max_bytes)
                problem = f"line is over the {limit} MB limit (use --max-article-mb to allow it)"
                yield InputError(f"{source.display}:line {number}", problem)
                content = True
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            content = True
            yield _jsonl_item(raw, number, source)
    if not content:
        raise InputError(source.display, "empty file")
