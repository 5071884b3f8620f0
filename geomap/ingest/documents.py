"""Text and metadata of office documents: PDF (pypdf) and Word DOCX (python-docx).

Analysts' reports and saved articles often come as PDF or DOCX. Both are read into the shape of a
plain-text article, paragraphs separated by blank lines, so :func:`geomap.ingest.parse_layout` finds
the title and date line exactly as it does in a ``.txt`` file and the same text gives the same
events whatever the format. A PDF stores lines, not paragraphs: they are joined back into paragraphs
(:func:`paragraphs_from_lines`).

The document's own date (PDF ``CreationDate``, DOCX ``core_properties.created``) is returned beside
the text: the reader uses it as the publication date only when the text has none, and marks it.
A document that cannot be read raises :class:`DocumentError` with the problem in words.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from geomap.errors import InputError
from geomap.ingest.decode import _normalise_newlines, _sha256
from geomap.ingest.layout import parse_layout
from geomap.ingest.source import _Item, _Read, _read_bytes, _Source
from geomap.records import Article

__all__ = ["DocumentError", "DocumentText", "docx_text", "pdf_text"]

# A paragraph's last line is usually shorter than the full lines of its page.
FULL_LINE_SHARE = 0.8
_HYPHENATED = re.compile(r"[a-z]-$")


class DocumentError(ValueError):
    """The file is not a readable document of its kind; the message says why."""


@dataclass(frozen=True, slots=True)
class DocumentText:
    text: str  # paragraphs separated by blank lines
    title: str | None  # the document's own title property, when it has one
    created: datetime | None  # the document's own date (UTC), when it has one


def _utc(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _clean(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def paragraphs_from_lines(lines: list[str]) -> list[str]:
    """Join a page's lines (blank lines where the page has vertical space) back into paragraphs.

    A line as wide as the page's full lines was wrapped, so it runs on into the next (a word hyphenated
    across the break is rejoined); a shorter line ends where it ends (a title, a date line, a paragraph's
    last line). Blank lines separate paragraphs.
    """
    lines = [line.strip() for line in lines]
    widest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    ended: list[str] = []  # the paragraph's lines so far; the last may still run on
    runs_on = False
    for line in lines:
        if not line:
            if ended:
                paragraphs.append("\n".join(ended))
            ended, runs_on = [], False
            continue
        if runs_on and _HYPHENATED.search(ended[-1]) and line[:1].islower():
            ended[-1] = ended[-1][:-1] + line
        elif runs_on:
            ended[-1] = f"{ended[-1]} {line}"
        else:
            ended.append(line)
        runs_on = len(line) >= FULL_LINE_SHARE * widest
    if ended:
        paragraphs.append("\n".join(ended))
    return paragraphs


def _page_text(page: object) -> str:
    """The page's text with its vertical spacing (pypdf's layout mode), else its plain text."""
    try:
        return page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return page.extract_text() or ""  # type: ignore[attr-defined]


def pdf_text(data: bytes) -> DocumentText:
    """The text of every page of a PDF, with its title and creation date."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("the PDF is encrypted (geomap reads PDFs without a password only)")
        pages = [_page_text(page) for page in reader.pages]
        metadata = reader.metadata
        title = _clean(metadata.title) if metadata else None
        created = _utc(metadata.creation_date) if metadata else None
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentError(f"not a readable PDF ({error})") from error
    paragraphs = [p for page in pages for p in paragraphs_from_lines(page.splitlines())]
    if not paragraphs:
        raise DocumentError("no text found in the PDF (a scanned image? geomap does not run OCR)")
    return DocumentText("\n\n".join(paragraphs), title, created)


def docx_text(data: bytes) -> DocumentText:
    """The paragraphs (and table cells) of a Word document, with its title and creation date."""
    from zipfile import BadZipFile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text.strip() for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.extend(cell.text.strip() for cell in row.cells)
        properties = document.core_properties
        title, created = _clean(properties.title), _utc(properties.created)
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(f"not a readable DOCX document ({error})") from error
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise DocumentError("no text found in the DOCX document")
    return DocumentText("\n\n".join(paragraphs), title, created)


# Article.published_from when the date is the document file's own (PDF/DOCX metadata), not the text's.
DOCUMENT_DATE = "document metadata"


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
