"""Tests for geomap.ingest on real files written to a temporary folder (no mocks).

They pin the behaviour users meet first: what an article's id, title and date come out as,
and what the message says when a file cannot be read — while the other files still are.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.errors import InputError
from geomap.ingest import (
    BYTES_PER_MB,
    bundled_examples,
    decode_text,
    iter_inputs,
    parse_date,
    parse_layout,
    read_articles,
)
from geomap.records import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

RUSSIAN = "Российские войска нанесли удар по Харькову ночью. Погибли два человека, ещё пятеро ранены.\n"
UKRAINIAN = "Російські війська атакували Запоріжжя вночі, повідомила обласна військова адміністрація.\n"

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Drones strike Sumy overnight | Example News</title>
<link rel="canonical" href="https://news.example.org/2025/03/20/drones-sumy">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-03-20T06:15:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<header><div class="logo">Example News</div><form><input name="q"> Search</form></header>
<article>
<h1>Drones strike Sumy overnight</h1>
<p>Russian forces launched a wave of drones at the northern Ukrainian city of Sumy overnight,
damaging a school and several apartment blocks, the regional governor said on Thursday.</p>
<p>Air defence units shot down most of the drones over the Sumy region, but at least two hit
residential areas, injuring five people, according to the regional military administration.</p>
<p>The attack came hours after the presidents of the United States and Ukraine spoke by phone
about a possible ceasefire covering energy infrastructure.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding photos</a></li></ul></aside>
<footer><p>Copyright 2025 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


class Collected(list[InputError]):
    """An ``on_error`` handler that keeps the errors, so tests can read their messages."""

    def __call__(self, error: InputError) -> None:
        self.append(error)

    def messages(self) -> list[str]:
        return [str(error) for error in self]


def read_all(*paths: Path | str, **kwargs: object) -> tuple[list[Article], Collected]:
    """Read everything, collecting errors instead of raising."""
    errors = Collected()
    articles = list(read_articles(list(paths), on_error=errors, **kwargs))  # type: ignore[arg-type]
    return articles, errors


def write(path: Path, content: str | bytes) -> Path:
    """Write a file, creating folders; str content is written as UTF-8 bytes, untranslated."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def write_jsonl(path: Path, records: list[object]) -> Path:
    return write(path, "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records))


# --------------------------------------------------------------------------- bundled examples


def test_bundled_examples_are_the_two_shipped_articles() -> None:
    examples = bundled_examples()
    assert [path.name for path in examples] == ["000_4dd8d89e40fbee72.txt", "001_3486953f6035dc80.txt"]
    assert all(path.is_file() for path in examples)


def test_example_000_has_title_date_line_and_abstract_in_body() -> None:
    path = bundled_examples()[0]
    (article,), errors = read_all(path)
    assert errors == []
    assert article.id == "000_4dd8d89e40fbee72.txt"
    assert article.title == (
        "Donald Trump, Volodymyr Zelenskyy have 'very good call' as US pushes for Ukraine ceasefire"
    )
    assert article.published == datetime(2025, 3, 20, 0, 41, 0)
    assert article.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert article.text[article.body_start :].startswith("Abstract: Trump & Zelenskyy spoke after")
    assert article.content_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert article.path == str(path)


def test_example_001_has_inline_date_prefix_and_no_title() -> None:
    path = bundled_examples()[1]
    (article,), errors = read_all(path)
    assert errors == []
    assert article.title is None
    assert article.published == datetime(2025, 3, 19)
    assert article.text == path.read_text(encoding="utf-8")
    assert article.text.startswith(" date 2025-03-19 US President")
    assert article.text[article.body_start :].startswith("US President Donald Trump and Ukrainian President")


# --------------------------------------------------------------------------- plain-text layout


def test_title_and_date_found_in_plain_text_with_crlf(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Drones hit Odesa port\r\n\r\n2025-04-02\r\nRussian drones struck the port.\r\n")
    (article,), _ = read_all(path)
    assert "\r" not in article.text
    assert article.title == "Drones hit Odesa port"
    assert article.published == datetime(2025, 4, 2)
    assert article.text[article.body_start :] == "Russian drones struck the port.\n"


def test_unparseable_date_line_leaves_published_none() -> None:
    layout = parse_layout("Headline here\n\n2025-13-45 25:61\n\nBody text starts here.")
    assert layout.title == "Headline here"
    assert layout.published is None
    assert layout.body_start == len("Headline here\n\n2025-13-45 25:61\n\n")


def test_sentence_or_wrapped_first_line_is_not_a_title() -> None:
    assert parse_layout("Shelling was reported in Kherson.\nMore text follows.").title is None
    wrapped = parse_layout("Russian forces launched 150 drones at Ukrainian cities overnight, the\nair force said.")
    assert wrapped.title is None and wrapped.body_start == 0
    assert parse_layout("Only one line without a period").title is None


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = write(tmp_path / "note.md", "# Strike on Kryvyi Rih\n\nPublished: 4 April 2025\n\nA missile hit the city.\n")
    (article,), _ = read_all(path)
    assert article.title == "Strike on Kryvyi Rih"
    assert article.published == datetime(2025, 4, 4)
    assert article.text[article.body_start :].startswith("A missile hit the city.")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-20 00:41:00", datetime(2025, 3, 20, 0, 41)),
        ("2025-03-19", datetime(2025, 3, 19)),
        ("2025-03-20T06:15:00Z", datetime(2025, 3, 20, 6, 15, tzinfo=timezone.utc)),
        ("2025-03-20T06:15:00+02:00", datetime(2025, 3, 20, 6, 15, tzinfo=timezone(timedelta(hours=2)))),
        ("2025-3-5", datetime(2025, 3, 5)),
        ("20.03.2025 14:30", datetime(2025, 3, 20, 14, 30)),
        ("20 March 2025", datetime(2025, 3, 20)),
        ("Mar. 20, 2025", datetime(2025, 3, 20)),
        ("Wed, 19 Mar 2025 10:00:00 GMT", datetime(2025, 3, 19, 10, 0, tzinfo=timezone.utc)),
        ("yesterday", None),
        ("2025-02-30", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: datetime | None) -> None:
    assert parse_date(value) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_parse_layout_never_fails_and_body_start_is_in_range(text: str) -> None:
    layout = parse_layout(text)
    assert 0 <= layout.body_start <= len(text)
    if layout.title is not None:
        assert layout.title in text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decode_text_returns_text_or_raises_value_error(data: bytes) -> None:
    try:
        assert isinstance(decode_text(data), str)
    except ValueError:
        pass


# --------------------------------------------------------------------------- folders


def test_folder_is_walked_recursively_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    write(root / "b.txt", "Second article body.\n")
    write(root / "a.txt", "First article body.\n")
    write(root / "sub" / "deeper" / "c.md", "Deep article body.\n")
    write(root / "sub" / "d.text", "Another article body.\n")
    write(root / ".hidden.txt", "Should be skipped.\n")
    write(root / ".git" / "e.txt", "Should be skipped too.\n")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n")
    articles, errors = read_all(root)
    assert errors.messages() == [f"{root / 'image.png'}: not an article file (.png), skipped"]  # reported, not dropped
    assert [article.id for article in articles] == ["a.txt", "b.txt", "sub/d.text", "sub/deeper/c.md"]
    with pytest.warns(UserWarning, match="image.png: not an article file"):  # without a handler: a warning
        walked = list(iter_inputs([root]))
    assert [(file.name, root_) for file, root_ in walked] == [
        ("a.txt", root),
        ("b.txt", root),
        ("d.text", root),
        ("c.md", root),
    ]


def test_ids_are_deterministic_across_runs(tmp_path: Path) -> None:
    for name in ["z.txt", "m/y.txt", "a.jsonl"]:
        write(tmp_path / name, "Text of the article.\n" if name.endswith(".txt") else '{"text": "One."}\n')
    first, _ = read_all(tmp_path)
    second, _ = read_all(tmp_path)
    assert [(a.id, a.content_hash) for a in first] == [(a.id, a.content_hash) for a in second]
    assert [a.id for a in first] == ["a.jsonl#L1", "m/y.txt", "z.txt"]


def test_folder_without_supported_files_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "empty" / "photo.jpg", b"\xff\xd8\xff")
    articles, errors = read_all(tmp_path / "empty")
    assert articles == []
    assert errors.messages() == [f"{tmp_path / 'empty' / 'photo.jpg'}: not an article file (.jpg), skipped",
                                 f"{tmp_path / 'empty'}: folder has no supported files "
                                 "(.docx .htm .html .json .jsonl .md .pdf .text .txt)"]


def test_missing_path_is_reported_and_others_still_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Something happened in Kharkiv.\n")
    articles, errors = read_all(tmp_path / "nope.txt", good)
    assert [a.id for a in articles] == ["good.txt"]
    assert errors.messages() == [f"{tmp_path / 'nope.txt'}: file not found"]


def test_unsupported_file_given_directly_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "casualties.xlsx", b"PK\x03\x04")
    _, errors = read_all(path)
    assert "unsupported file type '.xlsx'" in errors.messages()[0]


def test_broken_symlink_in_folder_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", "Shelling in Kherson.\n")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    articles, errors = read_all(tmp_path)
    assert [a.id for a in articles] == ["ok.txt"]
    assert len(errors) == 1
    assert errors[0].path == str(tmp_path / "gone.txt")
    assert "broken symlink" in errors[0].problem


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", "Shelling in Kherson.\n")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    articles, errors = read_all(tmp_path)
    assert [a.id for a in articles] == ["ok.txt"]
    assert errors == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read files whatever their mode")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", "Secret.\n")
    write(tmp_path / "open.txt", "Open article.\n")
    locked.chmod(0)
    try:
        articles, errors = read_all(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [a.id for a in articles] == ["open.txt"]
    assert errors.messages() == [f"{locked}: permission denied (cannot read file)"]


# --------------------------------------------------------------------------- bad content


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_files_are_reported(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "blank.txt", content)
    articles, errors = read_all(path)
    assert articles == []
    assert errors.messages() == [f"{path}: empty file"]


def test_binary_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR\x00\x00\x01\x00")
    _, errors = read_all(path)
    assert errors.messages() == [f"{path}: binary file, not text"]


def test_control_heavy_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "noise.txt", bytes(range(1, 32)) * 20)
    _, errors = read_all(path)
    assert errors.messages() == [f"{path}: binary file, not text"]


def test_oversized_file_is_refused_with_the_option_to_use(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "Long article text. " * 200_000)  # 3.6 MB
    _, errors = read_all(path, max_bytes=2 * BYTES_PER_MB)
    assert errors.messages() == [
        f"{path}: file is 3.6 MB, over the 2 MB limit (use --max-article-mb to allow it)"
    ]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("cp1251", RUSSIAN), ("cp1251", UKRAINIAN), ("koi8_r", RUSSIAN), ("latin_1", "Les frappes à Zaporijjia ont tué deux élèves.\n")],
)
def test_legacy_encodings_are_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    path = write(tmp_path / "legacy.txt", text.encode(encoding))
    (article,), errors = read_all(path, english_only=False)
    assert errors == []
    assert article.text == text


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + "Удар по Сумах\n\nТекст статті.\n".encode())
    (article,), _ = read_all(path, english_only=False)
    assert article.text == "Удар по Сумах\n\nТекст статті.\n"
    assert article.title == "Удар по Сумах"


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.txt", "Обстріл Херсона.\n".encode("utf-16"))
    (article,), errors = read_all(path, english_only=False)
    assert errors == [] and article.text == "Обстріл Херсона.\n"


# --------------------------------------------------------------------------- JSON and JSONL


def test_jsonl_bad_line_is_reported_and_other_lines_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        '{"id": "a1", "text": "First report."}\n'
        '{"id": "a2", "text": "Broken\n'
        '{"id": "a3", "text": "Third report."}\n',
    )
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a1", "a3"]
    assert len(errors) == 1
    message = str(errors[0])
    assert message.startswith(f"{path}:line 2: invalid JSON (")
    assert "\n" not in message


def test_jsonl_record_without_text_and_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", '{"id": "x", "title": "No text"}\n\n{"id": "y", "text": "Has text."}\n[1, 2]\n')
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["y"]
    assert errors.messages() == [
        f"{path}:line 1: record has no 'text'",
        f"{path}:line 4: record is a JSON list, not an object",
    ]


def test_jsonl_fields_and_id_rules(tmp_path: Path) -> None:
    write_jsonl(
        tmp_path / "sub" / "feed.jsonl",
        [
            {"id": "given", "url": "https://example.org/1", "text": "One.", "title": "T1", "date": "2025-03-20",
             "source": "Example", "extra": {"ignored": True}},
            {"url": "https://example.org/2", "text": "Two."},
            {"text": "Three."},
            {"doc_id": 42, "text": "Four.", "published": "2025-03-21T10:00:00"},
        ],
    )
    articles, errors = read_all(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == ["given", "https://example.org/2", "sub/feed.jsonl#L3", "42"]
    first = articles[0]
    assert (first.title, first.url, first.source, first.published) == (
        "T1", "https://example.org/1", "Example", datetime(2025, 3, 20)
    )
    assert articles[3].published == datetime(2025, 3, 21, 10)
    assert all(a.body_start == 0 for a in articles)


def test_jsonl_overlong_line_is_skipped_not_loaded(tmp_path: Path) -> None:
    big = json.dumps({"text": "x" * (2 * BYTES_PER_MB)})
    path = write(tmp_path / "feed.jsonl", '{"id": "a", "text": "A."}\n' + big + '\n{"id": "c", "text": "C."}\n')
    articles, errors = read_all(path, max_bytes=BYTES_PER_MB)
    assert [a.id for a in articles] == ["a", "c"]
    assert errors.messages() == [f"{path}:line 2: line is over the 1 MB limit (use --max-article-mb to allow it)"]


def test_json_list_object_and_articles_wrapper(tmp_path: Path) -> None:
    write(tmp_path / "list.json", json.dumps([{"id": "l1", "text": "L one."}, {"text": "L two."}, {"title": "bad"}]))
    write(tmp_path / "one.json", json.dumps({"text": "Single.", "url": "https://example.org/s"}))
    write(tmp_path / "wrapped.json", json.dumps({"articles": [{"text": "Wrapped."}]}))
    write(tmp_path / "weird.json", json.dumps({"items": []}))
    write(tmp_path / "broken.json", '{"text": "unterminated')
    articles, errors = read_all(tmp_path)
    assert [a.id for a in articles] == ["l1", "list.json#2", "https://example.org/s", "wrapped.json#1"]
    messages = errors.messages()
    assert messages[0] == f"{tmp_path / 'broken.json'}: invalid JSON (Unterminated string starting at line 1 column 10)"
    assert messages[1] == f"{tmp_path / 'list.json'}:record 3: record has no 'text'"
    assert "expected an article object" in messages[2]
    assert len(messages) == 3


def test_duplicate_ids_keep_the_first(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", [{"id": "same", "text": "First."}])
    write_jsonl(tmp_path / "b.jsonl", [{"id": "other", "text": "Other."}, {"id": "same", "text": "Second."}])
    articles, errors = read_all(tmp_path)
    assert [(a.id, a.text) for a in articles] == [("same", "First."), ("other", "Other.")]
    assert errors.messages() == [
        f"{tmp_path / 'b.jsonl'}:line 2: duplicate id 'same' (first seen in {tmp_path / 'a.jsonl'}:line 1)"
    ]


def test_without_handler_the_first_problem_is_raised(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.txt", b"")
    with pytest.raises(InputError, match="empty file") as caught:
        list(read_articles([path]))
    assert caught.value.path == str(path)


# --------------------------------------------------------------------------- HTML


def test_html_article_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_PAGE)
    (article,), errors = read_all(path)
    assert errors == []
    assert article.title == "Drones strike Sumy overnight"
    assert article.url == article.id == "https://news.example.org/2025/03/20/drones-sumy"
    assert article.source == "Example News"
    assert article.published is not None and article.published.date() == datetime(2025, 3, 20).date()
    assert article.text.startswith("Drones strike Sumy overnight")
    assert article.text[article.body_start :].startswith("Russian forces launched a wave of drones")
    assert "injuring five people" in article.text
    for boilerplate in ("Home", "Weather", "Privacy policy", "Copyright", "Celebrity"):
        assert boilerplate not in article.text


def test_html_without_article_text_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.htm", "<html><head><title>Nothing</title></head><body></body></html>")
    _, errors = read_all(path)
    assert errors.messages() == [f"{path}: no article text found in HTML"]


# --------------------------------------------------------------------------- shared corpora


@pytest.mark.shared
def test_lgl_corpus_reads_as_is() -> None:
    corpus = SHARED / "eval" / "geoparse" / "lgl.jsonl"
    if not corpus.exists():
        pytest.skip("../shared not available")
    articles, errors = read_all(corpus)
    assert errors == []
    assert len(articles) == 588
    with corpus.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    assert [a.id for a in articles] == [r["doc_id"] for r in records]
    assert all(a.text == r["text"] and a.title == r["title"] for a, r in zip(articles, records, strict=True))
    assert not any(hasattr(a, "toponyms") for a in articles)


@pytest.mark.shared
def test_gwn_corpus_takes_url_from_link() -> None:
    corpus = SHARED / "eval" / "geoparse" / "gwn.jsonl"
    if not corpus.exists():
        pytest.skip("../shared not available")
    articles, errors = read_all(corpus)
    assert errors == []
    assert len(articles) == 200
    assert articles[0].id == "0"
    assert articles[0].url is not None and articles[0].url.startswith("http")
