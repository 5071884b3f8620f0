"""The event store as an analyst uses it day after day: add runs, re-run, correct, rebuild.

Real GeoPackage files, real SQLite, real pipeline; the crash tests are in test_store_crash.py.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.errors import InputError, OutputError
from geomap.exports.geojson import feature
from geomap.ingest import bundled_examples, read_articles
from geomap.records import Article
from geomap.exports.event_json import event_from_record, event_record
from geomap.exports.store import EventStore

MORE = [
    {"id": "odesa-1", "title": "Odesa strike", "published": "2024-05-02",
     "text": "Russian missiles struck Odesa overnight, killing 3 civilians, the regional governor said."},
    {"id": "odesa-2", "title": "Odesa port hit", "published": "2024-05-02",
     "text": "A Russian missile strike hit the port of Odesa on Thursday, killing 3 people."},
    {"id": "kharkiv-1", "title": "Kharkiv drones", "published": "2024-05-03",
     "text": "Drones attacked Kharkiv overnight, injuring five people, officials said. "
             "Ukrainian forces shot down 12 drones over the Sumy region."},
    {"id": "talks-1", "title": "Talks", "published": "2024-05-04",
     "text": "Ukrainian and Russian delegations held talks in Istanbul on a prisoner exchange."},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("articles")
    return list(read_articles(bundled_examples() + [write_jsonl(folder / "more.jsonl", MORE)]))


def add_all(pipeline, store: EventStore, articles) -> None:
    pipeline.run(articles, store=store)


def features_of(store_path: Path) -> list[dict]:
    with EventStore.open(store_path) as store:
        return store.features()


def test_two_runs_give_the_events_of_one_run_in_either_order(pipeline, articles, tmp_path):
    one_run = [feature(e) for e in pipeline.run(articles).events]
    first, second = articles[:3], articles[3:]
    for name, batches in {"ab": (first, second), "ba": (second, first), "one": (articles,)}.items():
        with EventStore.open(tmp_path / f"{name}.gpkg", create=True) as store:
            for batch in batches:
                add_all(pipeline, store, batch)
        assert features_of(tmp_path / f"{name}.gpkg") == one_run, name
    # The merge across runs really happened: one Odesa strike cited by both articles.
    odesa = [f for f in one_run if f["properties"]["place_name"] == "Odesa"]
    assert [sorted(s["article_id"] for s in f["properties"]["sources"]) for f in odesa] == [["odesa-1", "odesa-2"]]


def test_rerunning_adds_nothing_and_outputs_are_byte_identical(articles, tmp_path, gazetteer):
    runner = CliRunner()
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "more.jsonl", MORE)
    store = tmp_path / "events.gpkg"
    first = runner.invoke(cli, ["run", str(folder), "--store", str(store), "--out", str(tmp_path / "a")])
    assert first.exit_code == 0, first.output
    assert f"store {store}: 4 articles added, 0 replaced, 0 unchanged (skipped)" in first.output
    second = runner.invoke(cli, ["run", str(folder), "--store", str(store), "--out", str(tmp_path / "b")])
    assert second.exit_code == 0, second.output
    assert f"store {store}: 0 articles added, 0 replaced, 4 unchanged (skipped)" in second.output
    assert "articles read: 4 (4 unchanged in the store, skipped), failed: 0" in second.output  # not "read: 0"
    assert (tmp_path / "a" / "events.geojson").read_bytes() == (tmp_path / "b" / "events.geojson").read_bytes()
    with EventStore.open(store) as opened:
        assert opened.article_count() == 4
    provenance = json.loads((tmp_path / "a" / "events.geojson").read_text())["geomap"]
    assert provenance["geomap_version"] and provenance["gazetteer_source_hash"] and provenance["run_at"].endswith("Z")


def test_changed_text_replaces_the_articles_earlier_events(pipeline, tmp_path):
    store_path = tmp_path / "events.gpkg"
    original = write_jsonl(tmp_path / "a.jsonl", MORE[:1])
    changed = write_jsonl(tmp_path / "b.jsonl", [dict(MORE[0], text="Russian drones hit Kharkiv overnight, officials said.")])
    with EventStore.open(store_path, create=True) as store:
        pipeline.run(read_articles([original]), store=store)
        assert [f["properties"]["place_name"] for f in store.features()] == ["Odesa"]
        result = pipeline.run(read_articles([changed]), store=store)
        assert result.articles_replaced == 1
        assert [f["properties"]["place_name"] for f in store.features()] == ["Kharkiv"]
        assert store.article_count() == 1


def test_the_layer_written_a_few_rows_at_a_time_is_the_layer_written_at_once(pipeline, articles, tmp_path, monkeypatch):
    """A store of millions of events writes its layer a part at a time; the parts add up to the same table
    and the same extent as one part."""
    import geopandas

    import geomap.exports.store

    store_path = tmp_path / "events.gpkg"
    layers = []
    with EventStore.open(store_path, create=True) as store:
        add_all(pipeline, store, articles)
        for part in (geomap.exports.store.LAYER_PART, 3):
            monkeypatch.setattr(geomap.exports.store, "LAYER_PART", part)
            count = store.refresh_layer()
            extent = sqlite3.connect(store_path).execute(
                "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'events'").fetchone()
            layers.append((count, extent, geopandas.read_file(store_path, layer="events")))
    (count, extent, whole), (count_3, extent_3, parts) = layers
    assert count == count_3 == len(whole) > 3 * 3 and extent == extent_3 and None not in extent
    assert whole.equals(parts)


def test_the_store_is_a_geopackage_that_geopandas_opens(pipeline, articles, tmp_path):
    import geopandas

    store_path = tmp_path / "events.gpkg"
    with EventStore.open(store_path, create=True) as store:
        add_all(pipeline, store, articles)
        count = store.refresh_layer()
    layer = geopandas.read_file(store_path, layer="events")
    assert len(layer) == count == len(features_of(store_path))
    assert layer.crs.to_epsg() == 4326
    assert set(layer["id"]) == {f["id"] for f in features_of(store_path)}
    db = sqlite3.connect(store_path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
    assert db.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'events'").fetchone() == ("features",)


def test_event_records_round_trip(articles, pipeline):
    for item in pipeline.process(articles):
        for event in item.events:
            assert event_from_record(json.loads(json.dumps(event_record(event)))) == replace(
                event, toponym=replace(event.toponym, candidates=()) if event.toponym else None)


def test_corrections_survive_reruns_new_articles_and_rebuilds(pipeline, articles, tmp_path, gazetteer):
    runner = CliRunner()
    store_path = tmp_path / "events.gpkg"
    with EventStore.open(store_path, create=True) as store:
        add_all(pipeline, store, [a for a in articles if a.id not in ("odesa-2", "talks-1")])
    before = {f["id"]: f for f in features_of(store_path)}
    odesa = next(i for i, f in before.items() if f["properties"]["place_name"] == "Odesa")
    kharkiv = next(i for i, f in before.items() if f["properties"]["place_name"] == "Kharkiv")
    located = [i for i, f in before.items() if f["geometry"] and i not in (odesa, kharkiv)]
    wrong = located[0]

    edits = tmp_path / "edits.jsonl"
    write_jsonl(edits, [{"id": kharkiv, "place": "geonames:706483", "note": "the governor said Kharkiv city"}])
    assert runner.invoke(cli, ["correct", str(store_path), wrong, "--wrong", "--note", "old photo"]).exit_code == 0
    result = runner.invoke(cli, ["correct", str(store_path), odesa, "--type", "air_strike"])
    assert result.exit_code == 0, result.output
    assert f"{odesa}: type set to air_strike" in result.output
    result = runner.invoke(cli, ["correct", str(store_path), "--file", str(edits)])
    assert result.exit_code == 0, result.output

    def check() -> None:
        after = {f["id"]: f for f in features_of(store_path)}
        assert wrong not in after
        # Found by place: the second Odesa report, with a smaller id, may now give the merged event its id.
        [odesa_now] = [f for f in after.values() if f["properties"]["place_name"] == "Odesa"]
        assert odesa_now["properties"]["event_type"] == "air_strike"
        assert "corrected" in odesa_now["properties"]["details"]
        assert after[kharkiv]["properties"]["geonameid"] == 706483

    check()
    # Re-run with the same articles, then add new ones (the second Odesa report merges into the corrected event).
    with EventStore.open(store_path) as store:
        add_all(pipeline, store, articles)
        store.refresh_layer()
    check()
    # Rebuild: a fresh process view of the store and its layer.
    import geopandas

    layer = geopandas.read_file(store_path, layer="events")
    assert wrong not in set(layer["id"]) and set(layer[layer["place_name"] == "Odesa"]["event_type"]) == {"air_strike"}
    listing = runner.invoke(cli, ["correct", str(store_path), "--list"])
    assert f"{wrong}: marked wrong (old photo)" in listing.output
    undo = runner.invoke(cli, ["correct", str(store_path), wrong, "--undo"])
    assert undo.exit_code == 0 and wrong in {f["id"] for f in features_of(store_path)}


def test_a_correction_follows_its_event_when_a_new_report_changes_the_merged_id(pipeline, articles, tmp_path):
    store_path = tmp_path / "events.gpkg"
    late = next(a for a in articles if a.id == "odesa-2")
    early = next(a for a in articles if a.id == "odesa-1")
    with EventStore.open(store_path, create=True) as store:
        pipeline.run([late], store=store)
        corrected = next(f["id"] for f in store.features() if f["properties"]["place_name"] == "Odesa")
        store.correct(corrected, event_type="air_strike")
        pipeline.run([early], store=store)
        odesa = [f for f in store.features() if f["properties"]["place_name"] == "Odesa"]
    assert len(odesa) == 1 and len(odesa[0]["properties"]["sources"]) == 2
    assert odesa[0]["properties"]["event_type"] == "air_strike"


def test_the_store_merges_on_disk_as_in_memory_with_its_corrections(pipeline, articles, tmp_path):
    """A large store's events are merged through the spool on disk and corrected on the way out: the same
    events, in the same order, as merging and correcting everything in memory, with every kind of correction
    (one made on a report that a later article's report took in under a smaller id, too)."""
    from geomap.events.merge import merge_events
    from geomap.exports.corrections import apply_corrections

    with EventStore.open(tmp_path / "events.gpkg", create=True) as store:
        pipeline.run(articles, store=store)
        merged = next(e for e in store.events() if e.place is not None and len(e.sources) > 1)
        absorbed = next(r.id for r in store.raw_events() if r.id != merged.id and r.place == merged.place
                        and r.sources[0] in merged.sources)  # a report the merged event took in
        store.correct(absorbed, event_type="air_strike")
        others = [e for e in store.events() if e.id != merged.id and e.place is not None]
        store.correct(others[0].id, wrong=True)
        store.correct(others[1].id, place=others[2].place)
        raw = store.raw_events()
        expected = apply_corrections(merge_events(raw), raw, store.corrections())
        assert next(e for e in expected if e.id == merged.id).event_type == "air_strike"
        assert others[0].id not in {e.id for e in expected}
        assert next(e for e in expected if e.id == others[1].id).place == others[2].place
        for spill_after in (0, 3, 100_000):
            assert list(store.merged_events(spill_after=spill_after)) == expected
        assert list(store.merged_events(corrected=False, spill_after=0)) == merge_events(raw)


def test_correcting_an_unknown_event_or_type_is_a_clean_error(pipeline, articles, tmp_path):
    runner = CliRunner()
    store_path = tmp_path / "events.gpkg"
    with EventStore.open(store_path, create=True) as store:
        add_all(pipeline, store, articles[2:3])
        some_id = store.features()[0]["id"]
    result = runner.invoke(cli, ["correct", str(store_path), "0000000000000000", "--wrong"])
    assert result.exit_code == 1
    assert result.output == f"Error: {store_path}: no event with id '0000000000000000' in the store\n"
    result = runner.invoke(cli, ["correct", str(store_path), some_id, "--type", "picnic"])
    assert result.exit_code == 1 and "unknown event type 'picnic'" in result.output


def test_a_file_that_is_not_a_store_is_named_in_the_error(tmp_path):
    runner = CliRunner()
    bogus = tmp_path / "notes.gpkg"
    bogus.write_text("not a database")
    result = runner.invoke(cli, ["run", "--store", str(bogus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{bogus}: not a geomap store" in result.output
    with pytest.raises(InputError):
        EventStore.open(tmp_path / "missing.gpkg")


def test_a_busy_store_waits_then_fails_with_a_clear_message(pipeline, articles, tmp_path):
    store_path = tmp_path / "events.gpkg"
    EventStore.open(store_path, create=True).close()
    holder = sqlite3.connect(store_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the store
    try:
        with EventStore.open(store_path, busy_seconds=0.3) as store:
            with pytest.raises(OutputError, match="the store is busy: another geomap process"):
                pipeline.run(articles[2:3], store=store)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with EventStore.open(store_path) as store:
        assert store.article_count() == 0


def _one_story_store(pipeline, tmp_path: Path, text: str, event_type: str) -> tuple[Path, str]:
    """A store of one written story, and the id of its event of ``event_type``."""
    article = Article(id="story", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())
    store_path = tmp_path / "events.gpkg"
    with EventStore.open(store_path, create=True) as store:
        add_all(pipeline, store, [article])
        return store_path, next(f["id"] for f in store.features() if f["properties"]["event_type"] == event_type)


def test_an_ambiguous_place_name_is_refused_with_its_candidates(pipeline, tmp_path):
    """'Georgia' on a Syrian event: the country or the US state? It lists both and asks; 'Name, Country' settles it."""
    store_path, event_id = _one_story_store(pipeline, tmp_path, "Syrian government artillery shelled the town of "
                                            "Saraqib in Idlib province on Tuesday, residents said.", "shelling")
    runner = CliRunner()
    result = runner.invoke(cli, ["correct", str(store_path), event_id, "--place", "Georgia"])
    assert result.exit_code == 1
    assert "several places have this name" in result.output
    assert "geonames:614540 Georgia (country, GE" in result.output and "geonames:4197000 Georgia (admin1, US.GA" in result.output
    with EventStore.open(store_path) as store:
        assert not store.corrections()  # nothing was moved
    result = runner.invoke(cli, ["correct", str(store_path), event_id, "--place", "Georgia, GE"])
    assert result.exit_code == 0, result.output
    with EventStore.open(store_path) as store:
        moved = next(e for e in store.events() if e.id == event_id)
        assert moved.place is not None and moved.place.country_code == "GE"


def test_a_place_name_shared_abroad_is_settled_by_the_events_own_country(pipeline, tmp_path):
    store_path, event_id = _one_story_store(pipeline, tmp_path, "Russian drones struck an energy facility in Kharkiv "
                                            "overnight into Tuesday, the governor said.", "drone_strike")
    # "Odessa" is also a city in Texas; on a Ukrainian event it is Odesa.
    result = CliRunner().invoke(cli, ["correct", str(store_path), event_id, "--place", "Odessa"])
    assert result.exit_code == 0, result.output
    with EventStore.open(store_path) as store:
        moved = next(e for e in store.events() if e.id == event_id)
        assert moved.place.id == "geonames:698740"
