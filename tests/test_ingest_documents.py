"""PDF and DOCX input: made here (fpdf2, python-docx) from a text written for these tests, read into the same
events as the same text in a .txt file; their metadata date stands in when the text has none; any other
file in a folder is reported and counted, never silently skipped."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.ingest import DOCUMENT_DATE, read_articles

TITLE = "Drone strike hits fuel depot near Kharkiv"
DATE_LINE = "Published: 2025-04-08"
PARAGRAPHS = [
    "Russian drones struck a fuel depot in Chuhuiv, in the Kharkiv region, early on Tuesday, regional governor "
    "Oleh Syniehubov said, adding that two workers were injured and a fire burned for several hours before "
    "firefighters put it out.",
    "Ukraine's air force said it shot down 31 of the 40 drones launched overnight. Separately, police detained "
    "a man in Odesa on Monday on suspicion of passing the locations of air defence units to Russian handlers.",
]


def _text(with_date: bool = True) -> str:
    head = [TITLE, DATE_LINE] if with_date else [TITLE]
    return "\n\n".join(["\n".join(head), *PARAGRAPHS]) + "\n"


def _pdf(path: Path, *, with_date: bool = True, created: datetime | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, TITLE, new_x="LMARGIN", new_y="NEXT")
    if with_date:
        pdf.multi_cell(0, 6, DATE_LINE, new_x="LMARGIN", new_y="NEXT")
    for paragraph in PARAGRAPHS:
        pdf.ln(4)
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")  # wrapped into several lines, as a PDF stores them
    pdf.output(str(path))
    return path


def _docx(path: Path, *, with_date: bool = True, created: datetime | None = None) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    if with_date:
        document.add_paragraph(DATE_LINE)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    if created is not None:
        document.core_properties.created = created
    document.save(str(path))
    return path


def _events(pipeline, path: Path) -> set[tuple]:
    result = pipeline.run(read_articles([path]))
    return {(e.event_type, e.status, e.place.id if e.place else None, e.date, e.fatalities if hasattr(e, "fatalities") else None)
            for e in result.events}


@pytest.mark.parametrize("make", [_pdf, _docx], ids=["pdf", "docx"])
def test_a_document_is_read_into_the_same_events_as_the_same_text(pipeline, tmp_path: Path, make) -> None:
    txt = tmp_path / "report.txt"
    txt.write_text(_text(), encoding="utf-8")
    document = make(tmp_path / ("report" + (".pdf" if make is _pdf else ".docx")))
    [article] = read_articles([document])
    [plain] = read_articles([txt])
    assert article.title == plain.title == TITLE and article.published == plain.published
    assert article.published_from is None  # the text's own date line wins over the file's
    expected = _events(pipeline, txt)
    assert expected and _events(pipeline, document) == expected


@pytest.mark.parametrize("make", [_pdf, _docx], ids=["pdf", "docx"])
def test_the_document_date_stands_in_when_the_text_has_none_and_says_so(pipeline, tmp_path: Path, make) -> None:
    created = datetime(2025, 4, 9, 7, 30, tzinfo=timezone.utc)  # a Wednesday: "on Tuesday" is 8 April
    document = make(tmp_path / ("undated" + (".pdf" if make is _pdf else ".docx")), with_date=False, created=created)
    [article] = read_articles([document])
    assert article.published == created and article.published_from == DOCUMENT_DATE
    strikes = [e for e in pipeline.run([article]).events if e.event_type == "drone_strike"]
    assert strikes and strikes[0].date.isoformat() == "2025-04-08"
    assert dict(strikes[0].details)["date_from"] in {"text", "document date"}


def test_other_files_in_a_folder_are_reported_and_counted_not_failed(tmp_path: Path, gazetteer) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "story.txt").write_text(_text(), encoding="utf-8")
    _docx(folder / "memo.docx")
    (folder / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "casualties.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    result = CliRunner().invoke(cli, ["run", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"skipped: {folder / 'chart.png'}: not an article file (.png), skipped" in result.output
    assert f"skipped: {folder / 'casualties.xlsx'}" in result.output
    assert "articles read: 2, failed: 0, other files skipped: 2" in result.output


def test_a_broken_or_textless_document_is_named_and_the_others_are_read(tmp_path: Path, gazetteer) -> None:
    from fpdf import FPDF

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_story.txt").write_text(_text(), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    (folder / "broken.docx").write_bytes(b"not a zip at all")
    scanned = FPDF()
    scanned.add_page()  # a page with no text layer, as a scan without OCR
    scanned.output(str(folder / "scan.pdf"))
    result = CliRunner().invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 1
    assert f"error: {folder / 'broken.pdf'}: not a readable PDF" in result.output
    assert f"error: {folder / 'broken.docx'}: not a readable DOCX document" in result.output
    assert f"error: {folder / 'scan.pdf'}: no text found in the PDF" in result.output
    assert "Traceback" not in result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert any(e["properties"]["event_type"] == "drone_strike" for e in events)
