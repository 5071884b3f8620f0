"""Stores that outlive a release: a store whose events another geomap or gazetteer extracted says so,
``geomap store upgrade`` extracts them again from the stored text, ``run --reprocess`` from the files,
and the analyst's corrections follow the events they were made on."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.exports.store import EventStore

STORY = ("Drone strike on Kharkiv\n2025-04-08\n\n"
         "Russian drones struck an energy facility in Kharkiv overnight, the regional governor said on Tuesday. "
         "Police in Odesa arrested two men on Monday on suspicion of spying for Russia.\n")
OTHER = ("Shelling in Kherson\n2025-04-09\n\nRussian artillery shelled a market in Kherson on Wednesday, "
         "killing two people, officials said.\n")


def invoke(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _strike_id(store_path: Path) -> str:
    with EventStore.open(store_path) as store:
        return next(e.id for e in store.events() if e.event_type == "drone_strike")


def _as_an_older_geomap_left_it(store_path: Path, event_id: str) -> str:
    """The stored events as an older geomap made them: another extractor, another id for the strike."""
    older = "0" * 16
    db = sqlite3.connect(store_path)
    with db:
        db.execute("UPDATE articles SET extractor_hash = 'an-older-geomap'")
        (record,) = db.execute("SELECT record FROM article_events WHERE event_id = ?", (event_id,)).fetchone()
        record = json.loads(record)
        record["id"] = older
        db.execute("UPDATE article_events SET event_id = ?, record = ? WHERE event_id = ?",
                   (older, json.dumps(record), event_id))
        db.execute("UPDATE corrections SET event_id = ? WHERE event_id = ?", (older, event_id))
    db.close()
    return older


def test_upgrade_extracts_again_from_the_stored_text_and_corrections_follow(story, tmp_path, gazetteer):
    store_path = tmp_path / "events.gpkg"
    invoke("run", story, "--store", store_path, "--out", tmp_path / "out")
    strike = _strike_id(store_path)
    invoke("correct", store_path, strike, "--type", "missile_strike", "--note", "the governor said missiles")
    older = _as_an_older_geomap_left_it(store_path, strike)

    assert "by another: 1 (0 stored without their text)" in invoke("store", "info", store_path)
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    output = invoke("run", other, "--store", store_path, "--out", tmp_path / "out")
    assert f"note: 1 article(s) in {store_path} were extracted by another geomap or gazetteer" in output

    output = invoke("store", "upgrade", store_path)
    assert "1 articles extracted again" in output and "1 corrections kept" in output
    with EventStore.open(store_path) as store:
        assert [c.event_id for c in store.corrections()] == [strike]  # followed its event to its current id
        corrected = next(e for e in store.events() if e.id == strike)
        assert corrected.event_type == "missile_strike" and corrected.place.name == "Kharkiv"
        assert not any(e.id == older for e in store.events())
    assert "by another: 0" in invoke("store", "info", store_path)
    assert "note:" not in invoke("run", other, "--store", store_path, "--out", tmp_path / "out")


def test_a_store_from_before_kept_text_is_migrated_and_reprocessed_from_its_files(story, tmp_path, gazetteer):
    store_path = tmp_path / "events.gpkg"
    invoke("run", story, "--store", store_path, "--out", tmp_path / "out")
    strike = _strike_id(store_path)
    invoke("correct", store_path, strike, "--wrong")
    db = sqlite3.connect(store_path)  # schema 1: the articles table as geomap wrote it before schema 2
    with db:
        for column in ("text", "body_start", "published_from", "extractor_hash"):
            db.execute(f"ALTER TABLE articles DROP COLUMN {column}")
        db.execute("UPDATE store_meta SET value = '1' WHERE key = 'schema_version'")
    db.close()

    info = invoke("store", "info", store_path)  # opening migrates it
    assert f"store {store_path}: schema 2, 1 articles, 1 corrections" in info
    assert "by another: 1 (1 stored without their text)" in info
    output = invoke("store", "upgrade", store_path)
    assert "0 articles extracted again" in output
    assert f"1 article(s) were stored without their text (story.txt): `geomap run FILES --store {store_path} --reprocess`" in output

    output = invoke("run", story, "--store", store_path, "--reprocess", "--out", tmp_path / "out")
    assert "0 articles added, 1 replaced, 0 unchanged" in output
    assert "by another: 0" in invoke("store", "info", store_path)
    with EventStore.open(store_path) as store:
        assert not any(e.id == strike for e in store.events())  # still marked wrong
        assert any(e.event_type == "arrest" for e in store.events())
