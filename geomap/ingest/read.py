"""Reading articles: every input file through the reader of its format, problems reported, ids checked."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from importlib.resources import files
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest.html import _read_html
from geomap.ingest.json_records import _read_json, _read_jsonl
from geomap.ingest.language import unsupported_language
from geomap.ingest.plain import _read_plain
from geomap.ingest.documents import _read_docx, _read_pdf
from geomap.ingest.source import DEFAULT_MAX_BYTES, _Item, _os_problem, _Source
from geomap.ingest.walk import (DOCX_SUFFIXES, HTML_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, PDF_SUFFIXES, PLAIN_SUFFIXES,
                                ErrorHandler, _handler, iter_inputs)
from geomap.records import Article

_READERS: dict[str, Callable[[_Source], Iterator[_Item]]] = {
    **dict.fromkeys(PLAIN_SUFFIXES, _read_plain),
    **dict.fromkeys(JSONL_SUFFIXES, _read_jsonl),
    **dict.fromkeys(JSON_SUFFIXES, _read_json),
    **dict.fromkeys(HTML_SUFFIXES, _read_html),
    **dict.fromkeys(PDF_SUFFIXES, _read_pdf),
    **dict.fromkeys(DOCX_SUFFIXES, _read_docx),
}


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
