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
metadata date through :mod:`geomap.ingest.documents`). Any other file in a folder is reported as skipped.
Articles in another language than English are reported as unsupported (see :mod:`geomap.ingest.language`)
rather than read into an empty result.

The package has one module a job: :mod:`.walk` expands the inputs into files, :mod:`.source` and
:mod:`.decode` read and decode one, :mod:`.plain`, :mod:`.html`, :mod:`.documents` (PDF, DOCX) and
:mod:`.json_records` (JSON, JSONL) are the readers, one a format, and :mod:`.read` hands each file
to its reader and checks what comes back.
"""

from __future__ import annotations

from geomap.ingest.dates import parse_date
from geomap.ingest.decode import decode_text
from geomap.ingest.layout import TextLayout, parse_layout
from geomap.ingest.read import bundled_examples, read_articles
from geomap.ingest.documents import DOCUMENT_DATE
from geomap.ingest.source import BYTES_PER_MB, DEFAULT_MAX_BYTES
from geomap.ingest.walk import SUPPORTED_SUFFIXES, iter_inputs

__all__ = [
    "BYTES_PER_MB",
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_DATE",
    "SUPPORTED_SUFFIXES",
    "TextLayout",
    "bundled_examples",
    "decode_text",
    "iter_inputs",
    "parse_date",
    "parse_layout",
    "read_articles",
]
