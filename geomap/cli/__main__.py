"""``python -m geomap.cli``: the same command line as ``geomap``."""

from geomap.cli import main

main()
