"""A run killed at any point leaves a valid store holding whole articles; two runs at once both land.

Each test runs the real CLI in a subprocess and SIGKILLs it: at named points (the process
announces ``geomap: paused at NAME`` and sleeps there, see ``store._pause_point``) and after
random delays. Then the store must pass ``PRAGMA integrity_check``, open in geopandas, hold
every stored article with all of its events, and a re-run must complete it to exactly what one
clean run gives.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.exports.store import PAUSE_ENV, EventStore, is_store

PLACES = ["Odesa", "Kharkiv", "Sumy", "Kherson", "Zaporizhzhia", "Dnipro", "Mykolaiv", "Poltava", "Chernihiv",
          "Kramatorsk", "Pokrovsk", "Kupiansk"]


def corpus(path: Path, count: int = 12, offset: int = 0) -> Path:
    lines = []
    for number in range(offset, offset + count):
        place = PLACES[number % len(PLACES)]
        day = 1 + number % 27
        text = (f"Russian drones struck {place} overnight on {day} May 2024, killing {number % 5 + 1} civilians, "
                f"the governor said. Ukrainian air defences shot down {number + 3} missiles over the {place} region.")
        lines.append(json.dumps({"id": f"art-{number:03d}", "title": f"Strike on {place}",
                                 "published": f"2024-05-{day:02d}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_run(articles: Path, store: Path, out: Path, pause_at: str | None = None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != PAUSE_ENV}
    if pause_at:
        env[PAUSE_ENV] = pause_at
    return subprocess.Popen([sys.executable, "-m", "geomap.cli", "run", str(articles), "--store", str(store),
                             "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def kill_at_pause(process: subprocess.Popen, point: str) -> None:
    for line in process.stderr:
        if line.startswith(f"geomap: paused at {point}"):
            process.send_signal(signal.SIGKILL)
            process.wait()
            return
    process.wait()
    pytest.fail(f"the run ended (exit {process.returncode}) without reaching {point}")


def assert_valid_with_whole_articles(store_path: Path, expected_ids: set[str]) -> set[str]:
    """The store's checks after a crash; returns the ids of the articles it holds."""
    import geopandas

    assert is_store(store_path)
    db = sqlite3.connect(store_path)  # opening rolls back whatever the killed run left in its journal
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = dict(db.execute("SELECT id, events FROM articles").fetchall())
    counts = dict(db.execute("SELECT article_id, count(*) FROM article_events GROUP BY article_id").fetchall())
    assert set(stored) <= expected_ids
    assert set(counts) <= set(stored), "events of an article that is not stored"
    for article_id, events in stored.items():
        assert counts.get(article_id, 0) == events, f"{article_id}: {counts.get(article_id, 0)} of {events} events"
        assert events > 0
    db.close()
    layer = geopandas.read_file(store_path, layer="events")
    assert list(layer.columns)[:3] == ["id", "event_type", "event_label"]
    return set(stored)


@pytest.fixture(scope="module")
def clean_features(tmp_path_factory, gazetteer) -> list[dict]:
    """What one uninterrupted run over the corpus stores."""
    folder = tmp_path_factory.mktemp("clean")
    store = folder / "events.gpkg"
    process = start_run(corpus(folder / "articles.jsonl"), store, folder / "out")
    assert process.wait() == 0, process.stderr.read()
    with EventStore.open(store) as opened:
        assert opened.article_count() == 12
        return opened.features()


@pytest.mark.parametrize("point", ["mid_article:4", "after_article:3", "layer_swap:1"])
def test_a_run_killed_at_a_named_point_leaves_whole_articles(point, tmp_path, clean_features):
    articles = corpus(tmp_path / "articles.jsonl")
    store = tmp_path / "events.gpkg"
    kill_at_pause(start_run(articles, store, tmp_path / "out", point), point.split(":")[0])
    expected = {f"art-{n:03d}" for n in range(12)}
    stored = assert_valid_with_whole_articles(store, expected)
    if point.startswith("mid_article"):
        assert len(stored) == 3  # the fourth article, half written, is gone entirely
    elif point.startswith("after_article"):
        assert len(stored) == 3
    else:
        assert stored == expected  # all articles committed; only the layer swap was cut
    # Running again completes the store to exactly what one clean run gives.
    finish = start_run(articles, store, tmp_path / "out")
    assert finish.wait() == 0, finish.stderr.read()
    with EventStore.open(store) as opened:
        assert opened.features() == clean_features
    assert_valid_with_whole_articles(store, expected)


def test_runs_killed_after_random_delays_leave_valid_stores(tmp_path, clean_features):
    articles = corpus(tmp_path / "articles.jsonl")
    expected = {f"art-{n:03d}" for n in range(12)}
    delays = random.Random(7).sample([x / 10 for x in range(20, 90)], 4)
    store = tmp_path / "events.gpkg"
    for delay in delays:  # one store, killed again and again: each run adds what the last one did not
        process = start_run(articles, store, tmp_path / "out")
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if store.exists():
            assert_valid_with_whole_articles(store, expected)
    finish = start_run(articles, store, tmp_path / "out")
    assert finish.wait() == 0, finish.stderr.read()
    with EventStore.open(store) as opened:
        assert opened.features() == clean_features


def test_two_runs_on_one_store_at_once_both_land(tmp_path, gazetteer):
    store = tmp_path / "events.gpkg"
    first = start_run(corpus(tmp_path / "a.jsonl", 6, 0), store, tmp_path / "out-a")
    second = start_run(corpus(tmp_path / "b.jsonl", 6, 6), store, tmp_path / "out-b")
    assert first.wait() == 0, first.stderr.read()
    assert second.wait() == 0, second.stderr.read()
    assert_valid_with_whole_articles(store, {f"art-{n:03d}" for n in range(12)})
    with EventStore.open(store) as opened:
        assert opened.article_count() == 12


def test_a_store_left_with_a_hot_journal_is_still_a_store_and_is_rolled_back(tmp_path):
    """A process killed inside a write transaction leaves a hot journal; a read-only look cannot roll
    it back, yet the file is still the user's store (found by the random-delay test above)."""
    store = tmp_path / "events.gpkg"
    EventStore.open(store, create=True).close()
    writer = (
        "import os, signal, sqlite3\n"
        f"db = sqlite3.connect({str(store)!r}, isolation_level=None)\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "db.execute('CREATE TABLE half_written (x)')\n"
        "db.executemany('INSERT INTO half_written VALUES (?)', [(i,) for i in range(200_000)])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", writer], check=False)
    assert (tmp_path / "events.gpkg-journal").exists()
    assert is_store(store)
    db = sqlite3.connect(store)
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_written'").fetchone() == (0,)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
