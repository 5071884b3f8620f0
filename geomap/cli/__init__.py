"""geomap's command line: a thin layer over :mod:`geomap.pipeline`.

Exit codes: 0 every input processed; 1 some inputs failed (the rest were processed and
written) or a fatal error such as an unwritable output folder; 2 usage errors (click's own).
Library errors become one-line messages in one place, :class:`GeomapGroup`, never tracebacks.

The commands live in one module a group of jobs (:mod:`.articles`, :mod:`.gazetteer`, :mod:`.stores`,
:mod:`.outputs`), each registered on the group in :mod:`.base` when imported here.
"""

from __future__ import annotations

from geomap.cli import articles, gazetteer, outputs, stores  # noqa: F401  (registers the commands)
from geomap.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console entry point."""
    cli()


if __name__ == "__main__":
    main()
