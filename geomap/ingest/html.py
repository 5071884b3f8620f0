"""Saved web pages: the main text and the metadata the page declares, extracted with trafilatura."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from geomap.errors import InputError
from geomap.ingest.dates import parse_date
from geomap.ingest.decode import _normalise_newlines, _sha256
from geomap.ingest.layout import _first_visible
from geomap.ingest.source import _Item, _optional_text, _Read, _read_text, _Source
from geomap.records import Article

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
