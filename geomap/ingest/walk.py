"""Files and folders given on the command line, expanded into the article files under them, in name order."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from geomap.errors import InputError, SkippedInput

ErrorHandler = Callable[[InputError], None]

PLAIN_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl"})
JSON_SUFFIXES = frozenset({".json"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED_SUFFIXES = PLAIN_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES


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
