"""One input file being read: its name in messages and ids, the size limit, and the reads every reader shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest.decode import _normalise_newlines, _NotText, decode_text
from geomap.records import Article

BYTES_PER_MB = 1024 * 1024
# Whole-file formats are read into memory; this keeps a stray dump or video from exhausting it.
DEFAULT_MAX_BYTES = 20 * BYTES_PER_MB


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


def _optional_text(value: object) -> str | None:
    """A non-empty stripped string, else ``None``: metadata fields are often missing or junk."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _os_problem(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied (cannot read file)"
    if isinstance(err, FileNotFoundError):
        return "file not found"
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read file ({err.strerror or err})"
