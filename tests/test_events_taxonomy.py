"""The taxonomy file, its README table and the events bench agree with each other."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from geomap.events.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[1]


def _plover(event_type) -> str:
    if not event_type.plover_category:
        return "—"
    modes = ", ".join(event_type.plover_modes)
    return f"{event_type.plover_category} / {modes}" if modes else event_type.plover_category


def test_readme_table_lists_every_type_with_its_mappings():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for event_type in load_taxonomy().types:
        row = (f"| `{event_type.id}` | {event_type.label} | {event_type.acled_event_type} / "
               f"{event_type.acled_sub_event_type} | {', '.join(event_type.cameo) or '—'} | {_plover(event_type)} |")
        assert row in readme, f"README.md taxonomy table is out of date for {event_type.id}"


def test_bench_scores_plover_and_prints_the_seed_table(shared):
    run = subprocess.run([sys.executable, str(REPO / "bench" / "events.py"), "--json"], capture_output=True,
                         text=True, cwd=REPO, timeout=600)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    labels = {row["label"]: row for row in report["plover"]["labels"]}
    assert labels["CONSULT/phone"]["types"] == ["phone_call"]
    assert sum(row["support"] for row in labels.values()) > 50
    assert 0.0 < report["plover"]["macro_f1"] <= 1.0
    assert report["seed_acceptance"]["rows"] == 27
    assert all({"row", "expected", "got", "passed"} <= set(r) for r in report["seed_acceptance"]["table"])
