"""What made a stored article's events: a hash of the extraction code and data of this geomap.

A store keeps each article's events as extracted; when geomap changes (new rules, retrained
weights, a fix), those events are what an older geomap made. The hash covers every source and data
file of the installed package (not the gazetteer cache, which has its own source hash), so two
installs agree exactly when they would extract the same events from the same text.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from geomap.version import __version__

SUFFIXES = (".py", ".json", ".jsonl", ".npz", ".tsv")


@lru_cache(maxsize=1)
def extractor_hash() -> str:
    digest = hashlib.sha256(__version__.encode())
    root = resources.files("geomap")
    stack = [root]
    files = []
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name not in ("__pycache__", "render", "exports"):  # the map and exports do not extract
                    stack.append(entry)
            elif entry.name.endswith(SUFFIXES):
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry)[len(str(root)):].encode())  # the path inside the package
        digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]
