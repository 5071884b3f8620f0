"""One exception tree for geomap; the CLI maps it onto clean messages in one place (``cli.main``)."""

from __future__ import annotations


class GeomapError(Exception):
    """Base of every error geomap raises on purpose."""


class InputError(GeomapError):
    """An input file or record could not be read; the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class SkippedInput(InputError):
    """A file in a folder that is not an article (an image, a spreadsheet): reported, counted, not a failure."""


class GazetteerError(GeomapError):
    """The gazetteer cache is missing, stale, locked or corrupt and could not be rebuilt."""


class OutputError(GeomapError):
    """An output file could not be written (folder not writable, disk full)."""
