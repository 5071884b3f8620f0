"""Read news articles from files and folders into :class:`~geomap.records.Article` records.

This is the only stage that touches the user's files, so it is where bad input is
caught and explained: a missing, unreadable, empty, binary, mis-encoded or
malformed file (or JSONL line) becomes one :class:`~geomap.errors.InputError`
whose message names the file and the problem, and reading goes on with the next
file. The text of an article is kept exactly as decoded (only newlines are
normalised) so that character offsets computed by later stages index it; the
title and date found at the top of a plain-text file are reported beside it,
with ``body_start`` marking where the body begins.

Supported inputs: ``.txt``/``.text``/``.md`` (one article per file, see
:func:`parse_layout`), ``.jsonl`` (one JSON article object per line, streamed),
``.json`` (an article object, a list of them, or ``{"articles": [...]}``) and
``.html``/``.htm`` (main text extracted with trafilatura), ``.pdf`` and ``.docx`` (text and
metadata date through :mod:`geomap.documents`). Any other file in a folder is reported as skipped.
Articles in another language than English are reported as unsupported (see :mod:`geomap.language`)
rather than read into an empty result.
"""

from __future__ import annotations

import codecs
import email.utils
import hashlib
import json
import os
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.resources import files
from pathlib import Path
from typing import BinaryIO

from geomap.documents import DocumentError, DocumentText, docx_text, pdf_text
from geomap.errors import InputError, SkippedInput
from geomap.language import unsupported_language
from geomap.records import Article

__all__ = [
    "BYTES_PER_MB",
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "TextLayout",
    "bundled_examples",
    "decode_text",
    "iter_inputs",
    "parse_date",
    "parse_layout",
    "read_articles",
]

ErrorHandler = Callable[[InputError], None]

BYTES_PER_MB = 1024 * 1024
# Whole-file formats are read into memory; this keeps a stray dump or video from exhausting it.
DEFAULT_MAX_BYTES = 20 * BYTES_PER_MB

PLAIN_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl"})
JSON_SUFFIXES = frozenset({".json"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED_SUFFIXES = PLAIN_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
# Article.published_from when the date is the document file's own (PDF/DOCX metadata), not the text's.
DOCUMENT_DATE = "document metadata"

# Tried, in this order of preference, only when a file is not valid UTF-8: the legacy
# encodings of Russian/Ukrainian (cp1251, KOI8-R/U) and Western European news sites.
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "koi8_u", "cp1252", "latin_1")

# Share of control/unassigned characters above which decoded bytes are called binary.
_MAX_CONTROL_SHARE = 0.05
_TEXT_SAMPLE_CHARS = 65_536
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_SKIP_CHUNK = 1 << 16

_VISIBLE = re.compile(r"\S")
_TITLE_MAX_CHARS = 200
# A first line ending like this is the start of the body, not a headline.
_NOT_TITLE_ENDINGS = (".", ",", ";", ":")


# --------------------------------------------------------------------------- dates

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


# --------------------------------------------------------------------------- plain-text layout


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


# --------------------------------------------------------------------------- decoding


class _NotText(ValueError):
    """Bytes that are not readable text; the message is the problem to report."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode_with_bom(data: bytes) -> str | None:
    """Honour a byte-order mark (and drop it, so it does not shift offsets); ``None`` without one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                problem = f"invalid {encoding.upper()} after its byte-order mark (byte {err.start})"
                raise _NotText(problem) from err
    return None


def _decode_legacy(data: bytes) -> str:
    """Decode non-UTF-8 bytes in the most plausible legacy encoding.

    charset-normalizer (a trafilatura dependency) judges the candidates by how much the result
    looks like language; restricting it to the encodings this domain uses keeps short Cyrillic
    texts from being taken for Shift-JIS or a Baltic code page.
    """
    from charset_normalizer import from_bytes  # only needed for the rare non-UTF-8 file

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise _NotText("binary file, not text (not UTF-8, cp1251, KOI8-R or Latin-1)")
    return str(best)


def _looks_binary(text: str) -> bool:
    """True when many characters are controls or unassigned code points, as in decoded binary data."""
    sample = text[:_TEXT_SAMPLE_CHARS]
    if not sample:
        return False
    odd = sum(
        1
        for char in sample
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn")
    )
    return odd / len(sample) > _MAX_CONTROL_SHARE


def decode_text(data: bytes) -> str:
    """Decode file bytes to text: BOM first, then UTF-8, then the legacy encodings of the domain.

    Raises ``ValueError`` (whose message is the problem to report) for binary data: NUL bytes
    outside a UTF-16/32 file, or a result that is mostly control characters.
    """
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise _NotText("binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if _looks_binary(text):
        raise _NotText("binary file, not text")
    return text


def _normalise_newlines(text: str) -> str:
    """Windows and old-Mac newlines become ``\\n``; nothing else changes, so offsets stay meaningful."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- finding inputs


def _raiser(error: InputError) -> None:
    if isinstance(error, SkippedInput):
        warnings.warn(str(error), stacklevel=4)  # a notice, not a failure: the other files are read
        return
    raise error


def _handler(on_error: ErrorHandler | None) -> ErrorHandler:
    """Without a handler the first problem is raised: a caller who did not ask to go on must hear of it."""
    return on_error if on_error is not None else _raiser


def _is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _broken_symlink(path: Path) -> InputError:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return InputError(str(path), f"broken symlink (its target {target} does not exist)")


def _walk(folder: Path, report: ErrorHandler, ancestors: frozenset[Path]) -> Iterator[Path]:
    """Yield supported files under ``folder`` in name order, skipping hidden entries and symlink loops."""
    real = folder.resolve()
    if real in ancestors:
        return
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as err:
        report(InputError(str(folder), f"cannot list folder ({err.strerror or err})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(path, report, ancestors | {real})
        elif not _is_supported(path):
            if entry.is_file(follow_symlinks=True):
                report(SkippedInput(str(path), f"not an article file ({path.suffix or 'no suffix'}), skipped"))
        elif entry.is_file(follow_symlinks=True):
            yield path
        elif entry.is_symlink() and not path.exists():
            report(_broken_symlink(path))
        else:
            report(InputError(str(path), "not a regular file"))


def _expand(path: Path, report: ErrorHandler) -> Iterator[tuple[Path, Path]]:
    """Expand one command-line argument into (file, root) pairs; problems go to ``report``."""
    if path.is_symlink() and not path.exists():
        report(_broken_symlink(path))
    elif path.is_dir():
        found = False
        for file in _walk(path, report, frozenset()):
            found = True
            yield file, path
        if not found:
            kinds = " ".join(sorted(SUPPORTED_SUFFIXES))
            report(InputError(str(path), f"folder has no supported files ({kinds})"))
    elif not path.exists():
        report(InputError(str(path), "file not found"))
    elif not path.is_file():
        report(InputError(str(path), "not a regular file"))
    elif not _is_supported(path):
        kinds = " ".join(sorted(SUPPORTED_SUFFIXES))
        report(InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r} (expected {kinds})"))
    else:
        yield path, path.parent


def iter_inputs(
    paths: Sequence[str | Path], *, on_error: ErrorHandler | None = None
) -> Iterator[tuple[Path, Path]]:
    """Expand files and folders into ``(file, root)`` pairs, ``root`` being what ids are made relative to.

    Folders are walked recursively in name order (so ids and output order are the same on every
    run), hidden files and folders are skipped, and only supported suffixes are kept. A path that
    does not exist, a broken symlink or a folder without any supported file is passed to
    ``on_error`` (raised when it is ``None``).
    """
    report = _handler(on_error)
    for argument in paths:
        yield from _expand(Path(argument), report)


# --------------------------------------------------------------------------- reading files


@dataclass(frozen=True, slots=True)
class _Source:
    """One input file and how to name it: ``display`` in messages, ``relative`` in fallback ids."""

    file: Path
    relative: str
    max_bytes: int

    @property
    def display(self) -> str:
        return str(self.file)


@dataclass(frozen=True, slots=True)
class _Read:
    """An article and where it was found (``file`` or ``file:line N``), for duplicate-id messages."""

    article: Article
    where: str


_Item = _Read | InputError


def _megabytes(size: int) -> str:
    return f"{size / BYTES_PER_MB:.1f}".removesuffix(".0")


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"file is {_megabytes(size)} MB, over the {_megabytes(max_bytes)} MB limit "
        "(use --max-article-mb to allow it)"
    )


def _read_bytes(source: _Source) -> bytes:
    """Read a whole file, refusing empty and oversized ones before anything is decoded."""
    size = source.file.stat().st_size
    if size == 0:
        raise InputError(source.display, "empty file")
    if size > source.max_bytes:
        raise InputError(source.display, _too_big(size, source.max_bytes))
    with source.file.open("rb") as handle:
        data = handle.read(source.max_bytes + 1)
    if len(data) > source.max_bytes:  # grew since stat, or a special file
        raise InputError(source.display, _too_big(len(data), source.max_bytes))
    return data


def _read_text(source: _Source) -> str:
    """Read and decode a whole file; whitespace-only text counts as empty."""
    try:
        text = _normalise_newlines(decode_text(_read_bytes(source)))
    except _NotText as err:
        raise InputError(source.display, str(err)) from err
    if not text.strip():
        raise InputError(source.display, "empty file")
    return text


def _read_plain(source: _Source) -> Iterator[_Item]:
    """One article per file; the full text is kept and the header found by :func:`parse_layout`."""
    text = _read_text(source)
    layout = parse_layout(text, markdown=source.file.suffix.lower() == ".md")
    article = Article(
        id=source.relative,
        text=text,
        content_hash=_sha256(text),
        title=layout.title,
        published=layout.published,
        path=source.display,
        body_start=layout.body_start,
    )
    yield _Read(article, source.display)


# Only dates the page declares: a date guessed from the page text can be a wrong anchor.
_HTML_DATE_PARAMS: Mapping[str, object] = {"outputformat": "%Y-%m-%dT%H:%M:%S", "original_date": True, "extensive_search": False}


def _html_document(text: str) -> object | None:
    """Run trafilatura; imported here because it is slow to import and only HTML needs it."""
    import trafilatura

    return trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=dict(_HTML_DATE_PARAMS),  # a copy: never shared state
    )


def _optional_text(value: object) -> str | None:
    """A non-empty stripped string, else ``None``: metadata fields are often missing or junk."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _read_html(source: _Source) -> Iterator[_Item]:
    """Extract the main text of a saved web page, laid out like a plain-text article.

    The title is put first, then a blank line, then the body (unless the body already starts
    with it), so every format has the same shape and the headline's places are in ``text``.
    """
    document = _html_document(_read_text(source))
    body = _normalise_newlines(getattr(document, "text", None) or "").strip()
    if not body:
        raise InputError(source.display, "no article text found in HTML")
    title = _optional_text(getattr(document, "title", None))
    if title is None:
        text, body_start = body, 0
    elif body.startswith(title):
        text, body_start = body, _first_visible(body, len(title))
        body_start = body_start if body_start < len(body) else 0
    else:
        text, body_start = f"{title}\n\n{body}", len(title) + 2
    published_text = _optional_text(getattr(document, "date", None))
    url = _optional_text(getattr(document, "url", None))
    article = Article(
        id=url or source.relative,
        text=text,
        content_hash=_sha256(text),
        title=title,
        published=parse_date(published_text) if published_text else None,
        url=url,
        source=_optional_text(getattr(document, "sitename", None)),
        path=source.display,
        body_start=body_start,
    )
    yield _Read(article, source.display)


def _read_document(source: _Source, extract: Callable[[bytes], DocumentText]) -> Iterator[_Item]:
    """A PDF or DOCX laid out like a plain-text article; the file's own date stands in when the text has none."""
    try:
        document = extract(_read_bytes(source))
    except DocumentError as err:
        raise InputError(source.display, str(err)) from err
    text = _normalise_newlines(document.text)
    layout = parse_layout(text)
    published, published_from = layout.published, None
    if published is None and document.created is not None:
        published, published_from = document.created, DOCUMENT_DATE
    article = Article(
        id=source.relative,
        text=text,
        content_hash=_sha256(text),
        title=layout.title or document.title,
        published=published,
        path=source.display,
        body_start=layout.body_start,
        published_from=published_from,
    )
    yield _Read(article, source.display)


def _read_pdf(source: _Source) -> Iterator[_Item]:
    return _read_document(source, pdf_text)


def _read_docx(source: _Source) -> Iterator[_Item]:
    return _read_document(source, docx_text)


# ----- JSON records


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


_READERS: dict[str, Callable[[_Source], Iterator[_Item]]] = {
    **dict.fromkeys(PLAIN_SUFFIXES, _read_plain),
    **dict.fromkeys(JSONL_SUFFIXES, _read_jsonl),
    **dict.fromkeys(JSON_SUFFIXES, _read_json),
    **dict.fromkeys(HTML_SUFFIXES, _read_html),
    **dict.fromkeys(PDF_SUFFIXES, _read_pdf),
    **dict.fromkeys(DOCX_SUFFIXES, _read_docx),
}


def _os_problem(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied (cannot read file)"
    if isinstance(err, FileNotFoundError):
        return "file not found"
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read file ({err.strerror or err})"


def _read_file(file: Path, root: Path, max_bytes: int) -> Iterator[_Item]:
    """Read one file into articles and errors; a file-level problem ends only this file."""
    source = _Source(file=file, relative=file.relative_to(root).as_posix(), max_bytes=max_bytes)
    reader = _READERS[file.suffix.lower()]
    try:
        yield from reader(source)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(source.display, _os_problem(err))


def read_articles(
    paths: Sequence[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    english_only: bool = True,
) -> Iterator[Article]:
    """Stream the articles in ``paths`` (files or folders), in a deterministic order.

    Every problem (with a file, a JSONL line or a JSON record) is passed to ``on_error`` as an
    :class:`InputError` and reading goes on, so one bad file never costs the others; without a
    handler the first problem is raised. Ids are unique within a call: a later article with an
    id already seen is reported as a duplicate and skipped. With ``english_only`` (the default) an
    article confidently in another language is reported as unsupported and skipped: geomap's rules
    are English, and its events would silently be none.
    """
    report = _handler(on_error)
    first_seen: dict[str, str] = {}
    for file, root in iter_inputs(paths, on_error=report):
        for item in _read_file(file, root, max_bytes):
            if isinstance(item, InputError):
                report(item)
                continue
            article_id = item.article.id
            if article_id in first_seen:
                problem = f"duplicate id {article_id!r} (first seen in {first_seen[article_id]})"
                report(InputError(item.where, problem))
                continue
            first_seen[article_id] = item.where
            language = unsupported_language(item.article.text) if english_only else None
            if language is not None:
                problem = (f"article {article_id!r} is in {language.name} ({language.code}), not English; "
                           "geomap reads English only, so it was skipped")
                report(InputError(item.where, problem))
                continue
            yield item.article


def bundled_examples() -> list[Path]:
    """The example articles shipped with the package, so ``geomap`` can be tried without any input."""
    folder = files("geomap") / "examples"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".txt"))
