"""Atomic outputs: a real ``geomap run`` subprocess killed half-way through writing a file.

``GEOMAP_OUTPUT_PAUSE_AT`` (see ``geomap.exports.atomic._pause_midway``) makes the process write half of
the named output to its temporary file and sleep; the test SIGKILLs it there and finds the
previous file byte for byte, then a clean run replaces it whole.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli

ARTICLE = "Strike\n\n2024-05-02\n\nRussian missiles struck Odesa overnight, killing 3 civilians.\n"


@pytest.mark.parametrize("name", ["events.geojson"])  # map.html goes through the same write_atomic
def test_run_killed_mid_write_leaves_the_previous_file_whole(tmp_path: Path, name: str, gazetteer) -> None:
    out = tmp_path / "out"
    first = CliRunner().invoke(cli, ["run", "--out", str(out)])  # the bundled examples: the previous outputs
    assert first.exit_code == 0, first.output
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    article = tmp_path / "odesa.txt"
    article.write_text(ARTICLE, "utf-8")
    env = {**os.environ, "GEOMAP_OUTPUT_PAUSE_AT": name, "GEOMAP_GAZETTEER": str(gazetteer.path)}
    command = [sys.executable, "-c", "from geomap.cli import main; main()", "run", str(article), "--out", str(out)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        for line in process.stderr:  # blocks until the hook announces itself (or the process ends)
            if line.startswith("geomap: paused writing"):
                break
        else:
            pytest.fail(f"the run ended without reaching {name} (exit {process.wait()})")
        temporary = [p for p in out.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]
        assert len(temporary) == 1 and temporary[0].stat().st_size > 0  # really killed mid-write
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert (out / name).read_bytes() == before[name]
    if name == "events.geojson":
        json.loads((out / name).read_text("utf-8"))  # still the whole previous collection
    # A clean run replaces the file whole.
    again = CliRunner().invoke(cli, ["run", str(article), "--out", str(out)])
    assert again.exit_code == 0, again.output
    collection = json.loads((out / "events.geojson").read_text("utf-8"))
    assert [f["properties"]["place_name"] for f in collection["features"] if f["geometry"]] == ["Odesa"]
    assert (out / "map.html").read_text("utf-8").rstrip().endswith("</html>")
