"""Plain-text and Markdown files: one article each."""

from __future__ import annotations

from collections.abc import Iterator

from geomap.ingest.decode import _sha256
from geomap.ingest.layout import parse_layout
from geomap.ingest.source import _Item, _Read, _read_text, _Source
from geomap.records import Article

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
