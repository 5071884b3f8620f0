"""Merging across articles: wire copies count once, article order never matters, conflicts stay visible."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from geomap.events.copies import COPY_THRESHOLD, shingles
from geomap.exports.geojson import corroboration, dumps, feature_collection
from geomap.ingest import bundled_examples, read_articles

ORIGINAL, OTHER_OUTLET = sorted(bundled_examples())  # two outlets' reports of the same night


def _republished(original: Path) -> str:
    """How an outlet reprints wire copy: its own headline and byline, the last paragraph cut."""
    lines = original.read_text(encoding="utf-8").split("\n")
    paragraphs = [i for i, line in enumerate(lines) if line.strip()]
    body = lines[2:paragraphs[-1]]  # keep the date line, drop the original headline and the last paragraph
    headline = "Trump and Zelenskyy hold call as Washington floats running Ukraine's power plants"
    return "\n".join([headline, "", *body[:2], "By Wire Staff, Kyiv", "", *body[2:]]).rstrip() + "\n"


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("wire")
    (folder / "a_original.txt").write_text(ORIGINAL.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b_reprint.txt").write_text(_republished(ORIGINAL), encoding="utf-8")
    (folder / "c_other_outlet.txt").write_text(OTHER_OUTLET.read_text(encoding="utf-8"), encoding="utf-8")
    return list(read_articles([folder]))


def test_the_reprint_is_a_near_copy_and_the_other_report_is_not(articles):
    original, reprint, other = (shingles(a.text[a.body_start:]) for a in articles)
    assert original != reprint  # not an exact copy: content hashes differ
    assert len(original & reprint) / min(len(original), len(reprint)) >= COPY_THRESHOLD
    assert len(original & other) / min(len(original), len(other)) < 0.1


def test_a_reprint_counts_once_and_another_outlet_counts_twice(pipeline, articles):
    events = pipeline.run(articles).events
    krasnodar = [e for e in events if e.place and e.place.admin1_code == "RU.38"]
    assert len(krasnodar) == 1
    event = krasnodar[0]
    assert {s.article_id for s in event.sources} == {"a_original.txt", "b_reprint.txt", "c_other_outlet.txt"}
    assert corroboration(event) == 2
    properties = feature_collection([event])["features"][0]["properties"]
    groups = {s["article_id"]: s["copy_group"] for s in properties["sources"]}
    assert groups["a_original.txt"] == groups["b_reprint.txt"] is not None
    assert groups["c_other_outlet.txt"] is None


def test_without_the_reprint_both_outlets_count(pipeline, articles):
    events = pipeline.run([articles[0], articles[2]]).events
    helsinki = [e for e in events if e.event_type == "press_conference" and e.place is not None]
    assert [corroboration(e) for e in helsinki] == [2]


def test_merging_gives_the_same_bytes_in_any_article_order(pipeline, articles):
    outputs = {dumps(feature_collection(pipeline.run(list(order)).events))
               for order in itertools.islice(itertools.permutations(articles), 0, 6, 2)}
    assert len(outputs) == 1


def test_conflicting_details_are_kept_side_by_side(seed_result):
    krasnodar = next(e for e in seed_result.events if e.place and e.place.admin1_code == "RU.38")
    details = dict(krasnodar.details)
    assert details["statuses"] == "claimed, happened"  # one outlet states it, the other relays a claim
    # Place-less reports in two articles that are not copies of one text stay apart (issue: unrelated
    # stories must not merge on type and date alone), so their drone counts are not set side by side.
    assert all(len({s.article_id for s in e.sources}) == 1 for e in seed_result.events if e.place is None)


def _varied_events(pipeline, count: int = 300, seed: int = 5) -> list:
    """The bundled articles' events, copied with other dates (some none), precisions, articles and texts:
    copies of one text, undated reports, places and no places, all in one run."""
    import random
    from dataclasses import replace
    from datetime import timedelta

    from geomap.ingest import bundled_examples, read_articles

    base = [e for item in pipeline.process(read_articles(bundled_examples())) for e in item.events]
    rng = random.Random(seed)
    events = []
    for n in range(count):
        template = rng.choice(base)
        shifted = template.date + timedelta(days=rng.randrange(-40, 40)) if template.date and rng.random() < 0.9 else None
        precision = rng.choice(["day", "day", "week", "month"])
        # Some articles are copies of one text (a shared content hash), others have texts of their own.
        text = template.sources[0].content_hash if n % 3 else f"text {n % 37 % 11}"
        source = replace(template.sources[0], article_id=f"a{n % 37}", content_hash=text)
        events.append(replace(template, id=f"{n:05d}", date=shifted, date_precision=precision, sources=(source,)))
    return events


def test_blocked_merge_equals_visiting_every_pair(pipeline) -> None:
    """merge_events skips pairs that cannot match; the groups must equal those of visiting every pair, in the
    merge's order (in time: at the later of the two events' days, then by their ids)."""
    from geomap.events import merge

    events = _varied_events(pipeline)
    ordered = sorted(merge.mark_copies(events), key=lambda e: e.id)
    groups = [[e] for e in ordered]
    group_of = list(range(len(ordered)))
    every_pair = itertools.combinations(range(len(ordered)), 2)
    by_day = sorted(every_pair, key=lambda p: (max(merge.sweep_day(ordered[p[0]]), merge.sweep_day(ordered[p[1]])), p))
    for i, j in by_day:
        a, b = group_of[i], group_of[j]
        if a != b and merge.same_happening(ordered[i], ordered[j]) and all(
            merge.same_happening(x, y) for x in groups[a] for y in groups[b]
        ):
            keep, gone = min(a, b), max(a, b)
            groups[keep].extend(groups[gone])
            groups[gone] = []
            group_of = [keep if g == gone else g for g in group_of]
    reference = sorted((merge.combine(g) for g in groups if g), key=merge.sort_key)
    merged = merge.merge_events(events)
    assert merged == reference
    assert len(merged) < len(events)  # the data does contain merges


@pytest.mark.parametrize("spill_after", [0, 120])
def test_a_merge_spilled_to_disk_equals_the_merge_in_memory(pipeline, spill_after) -> None:
    """Past ``spill_after`` events the run's events wait on disk and merge partition by partition
    (all of them there, or the first 120 in memory and the rest on disk): the same events, in the same
    order, as merge_events over all of them at once."""
    from geomap.events.merge import merge_events
    from geomap.events.spill import MergeSpool

    events = _varied_events(pipeline, count=600, seed=11)
    expected = merge_events(events)
    with MergeSpool(spill_after=spill_after) as spool:
        for start in range(0, len(events), 7):  # as articles arrive, a few events at a time
            spool.add(events[start:start + 7])
        merged = list(spool.merged())
        assert spool.spilled
    assert merged == expected
    assert [dumps(feature_collection([e])) for e in merged] == [dumps(feature_collection([e])) for e in expected]
    assert len(merged) < len(events) and any(len(e.sources) > 1 for e in merged)  # the data does contain merges


def test_the_spilled_merge_holds_a_few_weeks_of_reports_not_the_year(pipeline) -> None:
    """A year of reports, eight to an article, a few a day: the sweep through time holds only the events
    whose groups can still change, so it never holds more than a small part of the year; the result is still
    merge_events'."""
    from dataclasses import replace
    from datetime import timedelta

    from geomap.events.merge import merge_events
    from geomap.events.spill import MergeSpool

    base = [e for e in _varied_events(pipeline, count=60, seed=3) if e.date is not None]
    events = []
    for n in range(1200):
        template = base[n % len(base)]
        source = replace(template.sources[0], article_id=f"y{n // 8}", content_hash=f"text {n // 8}")
        day = base[0].date + timedelta(days=n * 365 // 1200 + n % 3)
        events.append(replace(template, id=f"y{n:05d}", date=day, date_precision="day", sources=(source,)))
    with MergeSpool(spill_after=0) as spool:
        spool.add(events)
        merged = list(spool.merged())
        held = spool.peak_held
    assert merged == merge_events(events) and len(merged) < len(events)
    assert 0 < held < len(events) / 10, held


def test_extract_gives_the_same_output_spilled_or_not(tmp_path, articles) -> None:
    """The command line end to end: ``--spill-after 0`` (everything on disk) prints what the default prints."""
    from click.testing import CliRunner

    from geomap.cli import cli

    folder = Path(articles[0].path).parent
    outputs = [CliRunner().invoke(cli, ["extract", str(folder), *extra]) for extra in ([], ["--spill-after", "0"])]
    assert all(result.exit_code == 0 for result in outputs), [result.output[-500:] for result in outputs]
    assert outputs[0].output == outputs[1].output and outputs[0].output.count("\n") > 10


def test_a_spill_with_nowhere_to_write_is_a_clear_error(pipeline, tmp_path) -> None:
    """No temporary folder to write in: an OutputError that names the folder and what to do, not a traceback."""
    from geomap.errors import OutputError
    from geomap.events.spill import MergeSpool

    missing = tmp_path / "missing"
    with pytest.raises(OutputError, match="missing.*TMPDIR"), MergeSpool(spill_after=0, folder=missing) as spool:
        spool.add(_varied_events(pipeline, count=5))


def test_a_district_and_its_region_are_compared_as_the_double_loop_compares_them(pipeline) -> None:
    """A first-level region holds its districts (Place.holds), so a report at "the Kupiansk district" and one at
    "the Kharkiv region" the next day may be one happening: the blocked merge must compare them, in memory
    and spilled, as visiting every pair does."""
    from dataclasses import replace
    from datetime import timedelta

    from geomap.events import merge
    from geomap.events.spill import MergeSpool

    places = {t.mention.surface: t for t in pipeline.geoparser.parse("Drones hit the Kupiansk district of the "
                                                                     "Kharkiv region.")}
    district, region = places["Kupiansk"], places["Kharkiv"]
    assert region.place.holds(district.place)
    template = next(e for e in _varied_events(pipeline) if e.event_type == "drone_strike" and e.date is not None)
    events = [replace(template, id="b", toponym=district, date=template.date + timedelta(days=1),
                      sources=(replace(template.sources[0], article_id="second", content_hash="h2"),)),
              replace(template, id="a", toponym=region,
                      sources=(replace(template.sources[0], article_id="first", content_hash="h1"),))]
    ordered = sorted(merge.mark_copies(events), key=lambda e: e.id)
    assert merge.same_happening(ordered[0], ordered[1])  # so the double loop joins them
    merged = merge.merge_events(events)
    assert len(merged) == 1 and len(merged[0].sources) == 2
    with MergeSpool(spill_after=0) as spool:
        spool.add(events)
        assert list(spool.merged()) == merged
