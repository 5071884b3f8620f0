"""A built wheel carries everything a checkout has: installed outside the checkout, it maps the same events.

The wheel is built by pip as a user would (``pip wheel .``, from a clean copy of the source), installed into a fresh virtual environment in a
temporary folder, and run with its own gazetteer cache built from the wheel's package data. Its dependencies
come from the test environment (a path entry, not a site folder, so the editable checkout install is not
seen); geomap itself comes from the wheel, which the test checks.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from geomap.errors import GazetteerError
from geomap.gazetteer import build as gazetteer_build

REPO = Path(__file__).resolve().parents[1]


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_wheel_installed_outside_the_checkout_maps_the_same_events(tmp_path: Path, gazetteer):
    # From a copy of the source alone: a build/ folder left in the checkout could hide a missing file.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "*.sqlite", "outputs", ".*cache"))
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)])
    (wheel,) = wheels.glob("geomap-*.whl")

    venv = tmp_path / "fresh"
    _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)])
    fresh_site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    ours = [p for p in site.getsitepackages() + [sysconfig.get_paths()["purelib"]] if Path(p).is_dir()]
    (fresh_site / "geomap-test-dependencies.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n")

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["GEOMAP_GAZETTEER"] = str(tmp_path / "cache" / "gazetteer.sqlite")
    where = _run([str(python), "-c", "import geomap; print(geomap.__file__)"], cwd=outside, env=env).stdout
    assert where.startswith(str(fresh_site)), where  # the wheel's geomap, not the checkout's

    _run([str(venv / "bin" / "geomap"), "run", "--out", str(outside / "out")], cwd=outside, env=env)
    _run([sys.executable, "-m", "geomap.cli", "run", "--out", str(tmp_path / "checkout-out")], cwd=REPO)
    from_wheel = json.loads((outside / "out" / "events.geojson").read_text())
    from_checkout = json.loads((tmp_path / "checkout-out" / "events.geojson").read_text())
    assert from_wheel == from_checkout
    # The curated sources travelled: a sea and an AP state abbreviation are in the wheel's gazetteer.
    for name, expected in (("Black Sea", "curated:black_sea"), ("N.C.", "North Carolina")):
        lookup = _run([str(venv / "bin" / "geomap"), "gazetteer", "lookup", name], cwd=outside, env=env).stdout
        assert lookup.startswith("1. ") and expected in lookup.splitlines()[0], lookup


def test_a_missing_curated_source_fails_the_build(tmp_path: Path):
    with pytest.raises(GazetteerError, match="missing"):
        gazetteer_build.build(tmp_path / "cache.sqlite", curated=tmp_path / "no-such-file.jsonl")
    assert not (tmp_path / "cache.sqlite").exists()
