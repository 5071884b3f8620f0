"""Outputs written whole or not at all: a temporary file in the target folder, then a rename.

Every file geomap writes goes through :func:`write_atomic`, so a reader (or a crash) never sees half a file."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geomap.errors import OutputError

OUTPUT_PAUSE_ENV = "GEOMAP_OUTPUT_PAUSE_AT"  # test hook, see _pause_midway


def write_atomic(path: Path, text: str | Iterable[str]) -> Path:
    """Write a file whole or not at all: a temporary file in the same folder, then rename. ``text``
    may come in parts (the map streams its events' data), written one after another."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"{path.parent}: cannot write output here ({error.strerror or error})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            parts: Iterable[str] = (text,) if isinstance(text, str) else text
            if os.environ.get(OUTPUT_PAUSE_ENV) == path.name:
                parts = ("".join(parts),)
                _pause_midway(path, stream, parts[0])
            for part in parts:
                stream.write(part)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from error
    return path


def _pause_midway(path: Path, stream: Any, text: str) -> None:
    """Crash-test hook: with ``GEOMAP_OUTPUT_PAUSE_AT=<file name>`` half of that file is written to
    its temporary file, announced on stderr, and the process sleeps so a test can SIGKILL it there.
    Inert unless the variable names this file; the test kills the process during the sleep."""
    if os.environ.get(OUTPUT_PAUSE_ENV) != path.name:
        return
    stream.write(text[: len(text) // 2])
    stream.flush()
    sys.stderr.write(f"geomap: paused writing {path}\n")
    sys.stderr.flush()
    time.sleep(3600)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
