"""The bad-input matrix of the README ("Bad input and other languages"), one test per row.

Every row is driven through the real CLI (click's CliRunner, real files in a temporary folder,
the real gazetteer and spaCy pipeline) or, for the gazetteer cache, through ``Gazetteer.open``
on real SQLite files. Each checks the one-line message (file named, problem said), that the
good article beside the bad input is still processed with the same events, and the exit code.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.errors import GazetteerError
from geomap.ingest import bundled_examples

GOOD_TEXT = bundled_examples()[1].read_text("utf-8")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + bytes(range(256)) * 4
RUSSIAN = "Российские войска нанесли удар по Харькову ночью. Погибли два человека, ещё пятеро ранены.\n"
UKRAINIAN = "Російські війська атакували Запоріжжя вночі, повідомила обласна військова адміністрація.\n"
ARABIC = "شنت القوات الروسية هجوما بطائرات مسيرة على مدينة خاركيف الليلة الماضية وقتل شخصان.\n"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "Drones hit Kyiv overnight. " * 50)
    return buffer.getvalue()


def _run(runner: CliRunner, *args: str) -> tuple[int, list[str], str]:
    """Run ``geomap run``; returns the exit code, the ``error:`` lines, and all output."""
    result = runner.invoke(cli, ["run", *args])
    assert "Traceback" not in result.output, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    return result.exit_code, errors, result.output


def _features(out: Path) -> list[dict]:
    return json.loads((out / "events.geojson").read_text("utf-8"))["features"]


@pytest.fixture(scope="module")
def good_alone(runner: CliRunner, tmp_path_factory: pytest.TempPathFactory, gazetteer) -> list[dict]:
    """The events of the good article run on its own: what every mixed run must still produce."""
    folder = tmp_path_factory.mktemp("alone")
    (folder / "in").mkdir()
    (folder / "in" / "good.txt").write_text(GOOD_TEXT, "utf-8")
    code, errors, output = _run(runner, str(folder / "in"), "--out", str(folder / "out"))
    assert code == 0 and errors == [], output
    return _features(folder / "out")


# Each row: file name, content, the problem its one-line message must state.
BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty file"),
    ("whitespace.txt", b"  \n\t\r\n   \n", "empty file"),
    ("picture.txt", PNG, "binary file, not text"),
    ("archive.json", _zip_bytes(), "binary file, not text"),
    ("cp1251.txt", RUSSIAN.encode("cp1251"), "article 'cp1251.txt' is in Russian (ru), not English"),
    ("koi8r.txt", RUSSIAN.encode("koi8_r"), "article 'koi8r.txt' is in Russian (ru), not English"),
    ("ukrainian.txt", UKRAINIAN.encode(), "article 'ukrainian.txt' is in Ukrainian (uk), not English"),
    ("arabic.txt", ARABIC.encode(), "article 'arabic.txt' is in Arabic (ar), not English"),
    ("broken.jsonl", b'{"text": "Russian missiles struck Odesa overnight, killing 3 civilians."}\n{"text": oops\n[1, 2]\n',
     "invalid JSON (Expecting value at column 10)"),
]


def test_matrix_every_bad_file_is_named_once_and_the_good_article_is_unchanged(
    runner: CliRunner, tmp_path: Path, good_alone: list[dict]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, "utf-8")
    for name, content, _ in BAD_FILES:
        (folder / name).write_bytes(content)
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(folder / "pipe.txt")  # readable by no one without a writer: the root-proof "unreadable" entry
    code, errors, output = _run(runner, str(folder), "--out", str(tmp_path / "out"))
    assert code == 1
    expected = {f"{folder / name}": problem for name, _, problem in BAD_FILES if name != "broken.jsonl"}
    expected[f"{folder / 'broken.jsonl'}:line 2"] = "invalid JSON (Expecting value at column 10)"
    expected[str(folder / "dangling.txt")] = f"broken symlink (its target {tmp_path / 'gone.txt'} does not exist)"
    expected[str(folder / "pipe.txt")] = "not a regular file"
    expected[f"{folder / 'broken.jsonl'}:line 3"] = "record is a JSON list, not an object"
    for where, problem in expected.items():
        matching = [line for line in errors if line.startswith(f"error: {where}: ")]
        assert len(matching) == 1 and problem in matching[0], (where, errors)
    assert len(errors) == len(expected)
    assert "articles read: 2, failed: 12" in output  # good.txt and line 1 of broken.jsonl
    sumy = [f for f in _features(tmp_path / "out") if f["properties"]["sources"][0]["article_id"] == "broken.jsonl#L1"]
    assert sumy, "the good first line of the broken JSONL file was lost"
    good = [f for f in _features(tmp_path / "out") if f["properties"]["sources"][0]["article_id"] == "good.txt"]
    assert good == good_alone


def test_invalid_utf8_and_latin1_are_decoded_and_processed(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes(
        "Drones struck Kherson overnight, the owner of the caf\u00e9 said.\n".encode("latin-1"))
    (folder / "stray.txt").write_bytes(b"Missiles struck Odesa overnight \x97 officials said.\n")
    code, errors, _ = _run(runner, str(folder), "--out", str(tmp_path / "out"))
    assert code == 0 and errors == []
    sources = {f["properties"]["sources"][0]["article_id"]: f for f in _features(tmp_path / "out")}
    evidence = {name: feature["properties"]["evidence"] for name, feature in sources.items()}
    assert "caf\u00e9" in evidence["latin1.txt"]
    assert "Odesa overnight \u2014 officials" in evidence["stray.txt"]  # 0x97 read as cp1252's em dash


def test_utf8_bom_is_dropped_and_the_title_found(runner: CliRunner, tmp_path: Path, good_alone: list[dict]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(b"\xef\xbb\xbf" + GOOD_TEXT.encode())
    code, errors, _ = _run(runner, str(folder), "--out", str(tmp_path / "out"))
    assert code == 0 and errors == []
    assert _features(tmp_path / "out") == good_alone  # same offsets, same evidence, same ids


def test_50_mb_article_is_refused_with_the_flag_to_allow_it(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, "utf-8")
    big = folder / "big.txt"
    text = b"Drones struck Kharkiv overnight. " * (50 * 1024 * 1024 // 33)
    big.write_bytes(text)
    code, errors, output = _run(runner, str(folder), "--out", str(tmp_path / "out"))
    assert code == 1
    assert errors == [f"error: {big}: file is 50 MB, over the 20 MB limit (use --max-article-mb to allow it)"]
    assert "articles read: 1, failed: 1" in output
    # Allowed in, it is still one article over the NLP limit: refused by name, the other goes on.
    code, errors, output = _run(runner, str(folder), "--out", str(tmp_path / "out"), "--max-article-mb", "60")
    assert code == 1
    assert errors == [f"error: {big}: article 'big.txt' is {len(text):,} characters, over the "
                      "1,000,000-character limit of one article (split it into smaller articles)"]
    assert "articles read: 1, failed: 1" in output


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_10_mb_line_without_newline_is_reported_and_the_rest_kept(runner: CliRunner, tmp_path: Path,
                                                                   suffix: str, good_alone: list[dict]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, "utf-8")
    words = "Drones hit Kyiv and " * (10 * 1024 * 1024 // 20)
    line = json.dumps({"text": words}) if suffix == ".jsonl" else words
    (folder / f"long{suffix}").write_text(line, "utf-8")  # no newline at the end
    code, errors, output = _run(runner, str(folder), "--out", str(tmp_path / "out"))
    assert code == 1
    assert len(errors) == 1 and errors[0].startswith(f"error: {folder / ('long' + suffix)}: article ")
    assert "10,485,760 characters, over the 1,000,000-character limit" in errors[0]
    assert _features(tmp_path / "out") == good_alone


def test_missing_or_unparseable_date_leaves_relative_dates_undated(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    text = "Russian missiles struck {} on Tuesday, killing 3 civilians."
    records = [
        {"id": "dated", "text": text.format("Odesa"), "published": "2025-03-20"},
        {"id": "garbled", "text": text.format("Kherson"), "published": "the 32nd of Smarch"},
        {"id": "absolute", "text": "Russian missiles struck Mykolaiv on 12 March 2025, killing 3 civilians."},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    code, errors, _ = _run(runner, str(feed), "--out", str(tmp_path / "out"))
    assert code == 0 and errors == []  # a bad date costs the date, never the article
    dates = {}
    for feature in _features(tmp_path / "out"):
        for source in feature["properties"]["sources"]:
            dates[source["article_id"]] = (source["published"], feature["properties"]["date"])
    assert dates["dated"] == ("2025-03-20T00:00:00", "2025-03-18")  # the Tuesday before publication
    assert dates["garbled"] == (None, None)  # no anchor: the event is kept, undated
    assert dates["absolute"] == (None, "2025-03-12")  # a date written in full needs no anchor


def test_folder_given_where_a_file_is_expected_and_missing_paths(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT, "utf-8")
    missing = tmp_path / "missing.jsonl"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    code, errors, output = _run(runner, str(missing), str(dangling), str(tmp_path / "good.txt"),
                                "--out", str(tmp_path / "out"))
    assert code == 1
    assert errors == [f"error: {missing}: file not found",
                      f"error: {dangling}: broken symlink (its target {tmp_path / 'nowhere.txt'} does not exist)"]
    assert "articles read: 1, failed: 2" in output


def test_output_folder_that_is_not_writable_keeps_nothing_half_written(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "outputs"
    blocker.write_text("a file where the output folder should be")  # unwritable even for root
    (tmp_path / "good.txt").write_text(GOOD_TEXT, "utf-8")
    result = runner.invoke(cli, ["run", str(tmp_path / "good.txt"), "--out", str(blocker / "today")])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"Error: {blocker / 'today'}: cannot write output here (Not a directory)"
    assert blocker.read_text() == "a file where the output folder should be"


# --------------------------------------------------------------------------- gazetteer cache


def test_missing_cache_is_reported_when_it_may_not_be_built(tmp_path: Path) -> None:
    from geomap.gazetteer.store import Gazetteer

    with pytest.raises(GazetteerError) as caught:
        Gazetteer.open(tmp_path / "none.sqlite", rebuild=False)
    assert str(caught.value) == f"{tmp_path / 'none.sqlite'}: not built yet; run `geomap gazetteer build`"


def test_corrupt_cache_is_reported_when_it_may_not_be_rebuilt(tmp_path: Path) -> None:
    from geomap.gazetteer.store import Gazetteer

    corrupt = tmp_path / "cache.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    with pytest.raises(GazetteerError, match=r"cache.sqlite: unreadable or corrupt \(.*\); run `geomap gazetteer build`"):
        Gazetteer.open(corrupt, rebuild=False)


def test_locked_cache_is_reported_not_hung_on(tmp_path: Path, gazetteer) -> None:
    """Another process holding an exclusive lock: the check gives up after SQLite's 5 s busy wait."""
    import shutil

    from geomap.gazetteer.store import Gazetteer

    locked = tmp_path / "cache.sqlite"
    shutil.copyfile(gazetteer.path, locked)
    holder = sqlite3.connect(locked, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        outcome: list[BaseException] = []
        worker = threading.Thread(target=lambda: _open_into(Gazetteer, locked, outcome))
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive(), "opening a locked cache hung"
    finally:
        holder.rollback()
        holder.close()
    assert len(outcome) == 1 and isinstance(outcome[0], GazetteerError)
    assert "database is locked" in str(outcome[0]) and str(locked) in str(outcome[0])


def _open_into(opener, path: Path, outcome: list[BaseException]) -> None:
    try:
        opener.open(path, rebuild=False)
    except BaseException as error:  # handed to the test thread, which asserts on it
        outcome.append(error)


def test_cache_that_cannot_be_built_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    article = tmp_path / "a.txt"
    article.write_text(GOOD_TEXT, "utf-8")
    result = runner.invoke(cli, ["geoparse", str(article)], env={"GEOMAP_GAZETTEER": str(blocker / "g.sqlite")})
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(f"Error: {blocker / 'g.sqlite'}: cannot build the gazetteer cache")


def test_any_language_processes_an_article_detected_as_not_english(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "ukrainian.txt"
    source.write_text(UKRAINIAN, encoding="utf-8")
    refused_code, refused, _ = _run(runner, str(source), "--out", str(tmp_path / "a"))
    assert refused_code == 1 and "not English" in refused[0]
    code, errors, output = _run(runner, str(source), "--out", str(tmp_path / "b"), "--any-language")
    assert (code, errors) == (0, [])
    assert "articles read: 1" in output
