"""What districts actually submit besides .docx, .txt, web pages and text PDFs: Word 97-2003 and
WPS files (.doc/.wps, read through LibreOffice), OFD packages, scanned PDFs (the OCR extra) and
protected files. Each is read into the same text as its twin, or refused in one line that says
what to do. Fixtures are made by tests/fixtures/ingest/make_fixtures.py.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from made_formats import convert, image_only_pdf, ofd_bytes, paragraphs_of, program, soffice
from test_ingest import APPEARANCE, FIXTURES, TABLE_ROW, TITLE, WRAPPED, read
from typer.testing import CliRunner

from scorer.cli import app
from scorer.ingest import IngestError, doc, ocr, read_document
from scorer.ingest.ofd import _delta_x

runner = CliRunner()
OCR_CHARACTER_ACCURACY = 0.95
OCR_SAME_STATUS_SHARE = 0.95


def needs_ocr() -> None:
    if not ocr.available():
        if os.environ.get("SCORER_REQUIRE_OCR") == "1":
            pytest.fail("the OCR extra is required (SCORER_REQUIRE_OCR=1) but not installed")
        pytest.skip("the OCR extra is not installed: pip install 'scorer[ocr]'")


def refusal(path) -> str:
    with pytest.raises(IngestError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return caught.value.problem


def character_accuracy(truth: str, read_back: str) -> float:
    """Share of the true characters read right, in order (whitespace and width forms aside)."""

    def plain(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    truth, read_back = plain(truth), plain(read_back)
    matcher = difflib.SequenceMatcher(None, truth, read_back, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(truth)


# --- Word 97-2003 and WPS ---------------------------------------------------------------------


def test_doc_reads_as_its_docx_twin_with_headings():
    soffice()
    document, twin = read("report.doc"), read("report.docx")
    assert document.format == "doc"
    assert document.text == twin.text
    assert document.headings == twin.headings
    assert TABLE_ROW in document.text.split("\n")


def test_wps_file_is_read_by_content():
    soffice()
    assert read("report_saved_by_wps.wps").text == read("report.docx").text


@pytest.mark.parametrize("name", ["report.rtf", "rtf_named.doc"])
def test_rtf_reads_as_its_docx_twin(name):
    soffice()
    document = read(name)
    assert document.format == "rtf"
    assert document.text == read("report.docx").text
    assert (0, len(TITLE), 1) in document.headings


def test_rtf_without_libreoffice_says_what_to_install(monkeypatch):
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    problem = refusal(FIXTURES / "rtf_named.doc")
    assert problem.startswith("reading RTF files needs LibreOffice: install LibreOffice")
    assert "antiword" not in problem  # it reads no RTF


def without_libreoffice(monkeypatch) -> None:
    which = shutil.which
    monkeypatch.setattr(doc.shutil, "which", lambda name: None if name in ("soffice", "libreoffice") else which(name))


def test_doc_without_libreoffice_is_read_by_antiword(monkeypatch):
    program("antiword")
    without_libreoffice(monkeypatch)
    document = read("report.doc")
    lines = document.text.split("\n")
    assert document.format == "doc" and document.headings == ()  # antiword knows no styles
    assert lines[0] == TITLE
    assert APPEARANCE in document.text and WRAPPED in lines and TABLE_ROW in lines


def test_wps_saved_by_wps_is_a_word_file_antiword_reads(monkeypatch):
    program("antiword")
    without_libreoffice(monkeypatch)
    assert read("report_saved_by_wps.wps").text == read("report.doc").text


def test_doc_without_any_reader_says_what_to_install(monkeypatch):
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    problem = refusal(FIXTURES / "report.doc")
    assert problem.startswith("reading Word 97-2003/WPS files needs LibreOffice: install LibreOffice")
    assert "apt-get install libreoffice-writer-nogui" in problem
    assert "apt-get install antiword" in problem and "save the file as .docx" in problem


@pytest.mark.parametrize(("reader", "tool"), [("soffice", "LibreOffice"), ("antiword", "antiword")])
def test_doc_reader_that_hangs_is_stopped(monkeypatch, tmp_path, reader, tool):
    hanging = tmp_path / reader
    hanging.write_text("#!/bin/sh\nsleep 60 & wait\n")  # a child too: the whole session must be stopped
    hanging.chmod(0o755)
    monkeypatch.setattr(doc.shutil, "which", lambda name: str(hanging) if name == reader else None)
    monkeypatch.setattr(doc, "CONVERT_TIMEOUT", 0.5)
    assert f"{tool} did not read the file within 0.5 s" in refusal(FIXTURES / "report.doc")


@pytest.mark.parametrize(
    ("cut", "problem"), [(0.5, "corrupt Office 97-2003 file"), (0.1, "corrupt Office 97-2003 file")]
)
def test_truncated_doc_is_refused_before_conversion(tmp_path, cut, problem):
    data = (FIXTURES / "report.doc").read_bytes()
    path = tmp_path / "cut.doc"
    path.write_bytes(data[: int(len(data) * cut)])
    assert problem in refusal(path)


@pytest.mark.parametrize("name", ["encrypted.docx", "encrypted.doc"])
def test_files_that_need_a_password_are_refused_as_password_protected(name):
    # An encrypted .docx is an OLE2 container too: it must not be called an Office 97-2003 file.
    problem = refusal(FIXTURES / name)
    assert problem.startswith("password protected: the file needs a password to open")
    assert "97-2003" not in problem


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("legacy.xls", "not a Word document: this is an Excel 97-2003 workbook (.xls)"),
        ("damaged_ole.doc", "corrupt Office 97-2003 file"),
    ],
)
def test_other_office_files_are_named_for_what_they_are(name, problem):
    assert problem in refusal(FIXTURES / name)


# --- OFD ----------------------------------------------------------------------------------------


def test_ofd_text_in_reading_order_without_page_chrome_stamp_or_template():
    document = read("report.ofd")
    lines = document.text.split("\n")
    assert document.format == "ofd"
    assert lines[0] == TITLE
    assert APPEARANCE in document.text
    assert WRAPPED in lines  # wrapped over lines at the margin, one paragraph again
    assert "（一）健全依法决策机制" in lines and "二、存在的不足" in lines
    assert lines[1].startswith("2023年，某某县坚持")  # written one text code per character
    for chrome in ("- 1 -", "印章", "某某县人民政府办公室"):
        assert chrome not in document.text


def test_ofd_heading_from_a_larger_font():
    document = read("report.ofd")
    assert [(document.text[start:end], level) for start, end, level in document.headings] == [(TITLE, 1)]


def test_ofd_package_named_otherwise_is_read_by_content(tmp_path):
    path = tmp_path / "report.zip.docx"
    path.write_bytes((FIXTURES / "report.ofd").read_bytes())
    assert read_document(path).text == read("report.ofd").text


def test_delta_x_repeats_are_expanded():
    assert _delta_x("g 3 5.6 2.8", 5) == [5.6, 5.6, 5.6, 2.8]
    assert _delta_x("1 2 3", 2) == [1.0, 2.0]  # never more advances than gaps
    assert _delta_x("g 99999999 1", 3) == [1.0, 1.0, 1.0]


def ofd_with(
    tmp_path: Path, name: str, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> Path:
    source = zipfile.ZipFile(FIXTURES / "report.ofd")
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
        for member, data in (add or {}).items():
            package.writestr(member, data)
    return path


PAGE = "Doc_0/Pages/Page_0/Content.xml"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("truncated.ofd", "corrupt .ofd (not a valid zip"),
        ("zipbomb.ofd", "unpacks to 2048 MB"),
        ("entities.ofd", "declares a DTD/entities"),
    ],
)
def test_unusable_ofd_fixtures_are_refused(name, problem):
    assert problem in refusal(FIXTURES / name)


def test_ofd_robustness(tmp_path):
    content = zipfile.ZipFile(FIXTURES / "report.ofd").read(PAGE)
    external = content.replace(b"?>", b'?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    cases = {
        "ratio.ofd": (ofd_with(tmp_path, "ratio.ofd", replace={PAGE: b"\0" * (20 * 1024 * 1024)}), r"compressed \d+:1"),
        "many.ofd": (
            ofd_with(tmp_path, "many.ofd", add={f"Res/{n}.bin": b"" for n in range(10_001)}),
            r"zip members \(limit 10000\)",
        ),
        "external.ofd": (ofd_with(tmp_path, "external.ofd", replace={PAGE: external}), "declares a DTD/entities"),
        "broken.ofd": (ofd_with(tmp_path, "broken.ofd", replace={PAGE: content[:300]}), "is not well-formed XML"),
        "escape.ofd": (
            ofd_with(
                tmp_path,
                "escape.ofd",
                replace={
                    "Doc_0/Document.xml": zipfile.ZipFile(FIXTURES / "report.ofd")
                    .read("Doc_0/Document.xml")
                    .replace(b"Pages/Page_0/", b"../../../etc/")
                },
            ),
            "etc/Content.xml is missing",
        ),
        "no_pages.ofd": (ofd_with(tmp_path, "no_pages.ofd", replace={"OFD.xml": b"<OFD/>"}), "no pages listed"),
    }
    for name, (path, problem) in cases.items():
        assert re.search(problem, refusal(path)), name


def test_ofd_text_objects_with_odd_attributes_do_not_break_reading(tmp_path):
    content = (
        zipfile.ZipFile(FIXTURES / "report.ofd")
        .read(PAGE)
        .replace(
            b"</ofd:Layer>",
            b'<ofd:TextObject Boundary="x y" Size="-3"><ofd:TextCode X="a" DeltaX="g g">'
            b'noise</ofd:TextCode></ofd:TextObject><ofd:TextObject Size="5" CTM="1 0 0 1 0 0">'
            b"<ofd:TextCode>\xe9\x99\x84</ofd:TextCode></ofd:TextObject></ofd:Layer>",
        )
    )
    text = read_document(ofd_with(tmp_path, "odd.ofd", replace={PAGE: content})).text
    assert "noise" not in text  # no size: nothing to place it by
    assert APPEARANCE in text


# --- protected and scanned PDFs ----------------------------------------------------------------


def test_pdf_with_only_an_owner_password_is_read():
    text = read("owner_password.pdf").text
    assert APPEARANCE in text and WRAPPED in text


def test_scanned_report_is_read_by_ocr():
    needs_ocr()
    document = read("scanned_report.pdf")
    truth = read("owner_password.pdf").text  # the same LibreOffice export, with its text layer
    assert document.ocr is True
    assert document.text.split("\n")[0] == TITLE
    assert character_accuracy(truth, document.text) >= OCR_CHARACTER_ACCURACY


def test_scanned_pdf_without_the_ocr_extra_names_the_extra(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    problem = refusal(FIXTURES / "scanned_report.pdf")
    assert problem == "PDF has no text layer (scanned image?); install the OCR extra: pip install 'scorer[ocr]'"


def test_scanned_page_with_no_text_at_all():
    needs_ocr()
    assert "PDF has no text layer (scanned image?); OCR found no text either" in refusal(FIXTURES / "scanned.pdf")


def unmapped_pdf(path: Path) -> Path:
    """An owner-password PDF in a CID font that pdfminer cannot map to characters after decryption."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    stream = io.BytesIO()
    page = canvas.Canvas(stream, pagesize=(420, 200), encrypt=StandardEncryption("", "owner", canCopy=0))
    page.setFont("STSong-Light", 16)
    page.drawString(30, 120, UNMAPPED_LINE)
    page.showPage()
    page.save()
    path.write_bytes(stream.getvalue())
    return path


UNMAPPED_LINE = "全年办理行政复议案件45件"


def test_glyphs_without_unicode_are_read_by_ocr(tmp_path):
    needs_ocr()
    document = read_document(unmapped_pdf(tmp_path / "unmapped.pdf"))
    assert document.ocr is True
    assert character_accuracy(UNMAPPED_LINE, document.text) >= OCR_CHARACTER_ACCURACY


def test_unmapped_glyphs_without_the_ocr_extra(monkeypatch, tmp_path):
    monkeypatch.setattr(ocr, "available", lambda: False)
    problem = refusal(unmapped_pdf(tmp_path / "unmapped.pdf"))
    assert "page 1 has no Unicode mapping" in problem and "pip install 'scorer[ocr]'" in problem


def test_too_many_scanned_pages_are_refused_before_ocr(monkeypatch):
    needs_ocr()
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 0)
    assert "scanned PDF of 1 pages without text (limit 0 for OCR)" in refusal(FIXTURES / "scanned_report.pdf")


def test_a_page_declared_huge_is_rendered_at_a_bounded_size():
    assert ocr.render_scale(595, 842) == pytest.approx(200 / 72)  # A4 at 200 dpi
    width_points = 14_400  # the largest page PDF allows: 200 inches
    assert width_points * ocr.render_scale(width_points, 842) <= ocr.MAX_RENDER_SIDE


def test_truncated_scanned_pdf_is_refused(tmp_path):
    data = (FIXTURES / "scanned_report.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    assert refusal(path).startswith("corrupt PDF")


# --- an example report in each format scores as its .txt twin, in score and in check ------------


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> dict[str, Path]:
    """The shortest example report as .txt, .doc (LibreOffice), .ofd and a scanned, image-only PDF."""
    soffice()
    needs_ocr()
    folder = tmp_path_factory.mktemp("twins")
    example = min(EXAMPLES.glob("*.txt"), key=lambda path: path.stat().st_size)
    text = example.read_text(encoding="utf-8")
    work = tmp_path_factory.mktemp("convert")
    source = work / "report.txt"
    source.write_text(text, encoding="utf-8")
    paths = {
        "txt": folder / "report.txt",
        "doc": folder / "report.doc",
        "ofd": folder / "report.ofd",
        "scan": folder / "report_scan.pdf",
    }
    shutil.copy(source, paths["txt"])
    shutil.copy(convert(source, "doc", work), paths["doc"])
    paths["ofd"].write_bytes(ofd_bytes(paragraphs_of(text)))
    paths["scan"].write_bytes(image_only_pdf(convert(source, "pdf", work).read_bytes()))
    return paths


def statuses(report: dict) -> dict[str, str]:
    return {r["id"]: r["status"] for r in report["requirements"]}


def same_share(a: dict[str, str], b: dict[str, str]) -> float:
    assert a.keys() == b.keys()
    return sum(a[k] == b[k] for k in a) / len(a)


def test_twins_score_the_same_in_score_and_check(twins, tmp_path):
    out = tmp_path / "run.json"
    result = runner.invoke(app, ["score", str(twins["txt"].parent), "--json", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    reports = {Path(r["source"]).name: r for r in json.loads(out.read_text(encoding="utf-8"))["reports"]}
    by_kind = {kind: reports[path.name] for kind, path in twins.items()}
    assert [by_kind[k]["format"] for k in ("txt", "doc", "ofd", "scan")] == ["txt", "doc", "ofd", "pdf"]
    assert [by_kind[k]["ocr"] for k in ("txt", "doc", "ofd", "scan")] == [False, False, False, True]
    truth = statuses(by_kind["txt"])
    assert statuses(by_kind["doc"]) == truth
    assert statuses(by_kind["ofd"]) == truth
    assert same_share(statuses(by_kind["scan"]), truth) >= OCR_SAME_STATUS_SHARE

    for kind in ("doc", "ofd", "scan"):
        checked = tmp_path / f"check_{kind}.json"
        result = runner.invoke(app, ["check", str(twins[kind]), "--json", str(checked)])
        assert result.exit_code == 0, result.output
        report = json.loads(checked.read_text(encoding="utf-8"))["reports"][0]
        if kind == "scan":
            assert same_share(statuses(report), truth) >= OCR_SAME_STATUS_SHARE
            assert "OCR" in result.output and "识别错误" in result.output  # the drafter is warned
        else:
            assert statuses(report) == truth
            assert "OCR" not in result.output


def test_without_the_optional_tools_each_is_refused_in_one_line_and_the_batch_goes_on(monkeypatch, tmp_path):
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    monkeypatch.setattr(ocr, "available", lambda: False)
    for name in ("report.doc", "scanned_report.pdf", "report.ofd", "report_gbk.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    out = tmp_path / "run.json"
    result = runner.invoke(app, ["score", str(tmp_path), "--json", str(out), "-j", "1"])
    assert result.exit_code == 1  # some input could not be read
    run = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(Path(r["source"]).name for r in run["reports"]) == ["report.ofd", "report_gbk.txt"]
    errors = {Path(e["source"]).name: e["error"] for e in run["errors"]}
    assert "apt-get install libreoffice-writer-nogui" in errors["report.doc"]
    assert "pip install 'scorer[ocr]'" in errors["scanned_report.pdf"]
    assert all("\n" not in error for error in errors.values())


# --- robustness of the new readers: sizes, damage anywhere -------------------------------------


@pytest.mark.parametrize("name", ["report.doc", "report.ofd", "scanned_report.pdf"])
def test_new_formats_over_the_size_limit_are_refused_before_reading(name):
    with pytest.raises(IngestError, match=r"file too large \(.* > limit 1 KB\)"):
        read_document(FIXTURES / name, max_bytes=1024)


def test_ocr_extra_that_does_not_load_says_what_is_missing(monkeypatch):
    def broken_engine():
        raise ImportError("libGL.so.1: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "_engine", broken_engine)
    problem = refusal(FIXTURES / "scanned_report.pdf")
    assert "the OCR extra is installed but does not load (libGL.so.1" in problem
    assert "apt-get install libgl1 libglib2.0-0" in problem


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_ofd_xml_is_read_or_refused_never_raised(data):
    from scorer.ingest.ofd import read_ofd

    package = zipfile.ZipFile(FIXTURES / "report.ofd")
    part = data.draw(st.sampled_from(["OFD.xml", "Doc_0/Document.xml", PAGE]))
    xml = bytearray(package.read(part))
    for _ in range(data.draw(st.integers(1, 8))):
        xml[data.draw(st.integers(0, len(xml) - 1))] = data.draw(st.integers(0, 255))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as damaged:
        for info in package.infolist():
            damaged.writestr(info.filename, bytes(xml) if info.filename == part else package.read(info))
    try:
        read_ofd(stream.getvalue(), "damaged.ofd")
    except IngestError as err:
        assert "\n" not in str(err)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_ole_container_is_classified_or_refused_never_raised(data):
    # Only the container is looked into here: no LibreOffice run per example.
    raw = bytearray((FIXTURES / "report.doc").read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(8, 4096))] = data.draw(st.integers(0, 255))  # header, FAT, directory
    try:
        assert doc._word_kind(bytes(raw), "damaged.doc") in (".doc", ".wps")
    except IngestError as err:
        assert "\n" not in str(err)


# --- a text PDF with scanned pages among its pages ----------------------------------------------


@pytest.fixture(scope="module")
def text_then_scan(tmp_path_factory) -> Path:
    """report.pdf (two text pages) followed by the scanned page of scanned_report.pdf."""
    import pypdfium2

    combined = pypdfium2.PdfDocument.new()
    for name in ("report.pdf", "scanned_report.pdf"):
        combined.import_pages(pypdfium2.PdfDocument(FIXTURES / name))
    path = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    combined.save(path)
    return path


def test_scanned_pages_among_text_pages_are_read_by_ocr(text_then_scan):
    needs_ocr()
    document = read_document(text_then_scan)
    assert document.ocr is True and document.warnings == ()
    assert document.text.count("全面落实行政执法公示") == 2  # once from the text layer, once by OCR


def test_scanned_pages_among_text_pages_without_ocr_are_named_in_the_result(monkeypatch, text_then_scan, rubric):
    from scorer.pipeline import analyze

    monkeypatch.setattr(ocr, "available", lambda: False)
    document = read_document(text_then_scan)
    assert document.ocr is False and APPEARANCE in document.text
    (warning,) = document.warnings
    assert warning.code == "pages-not-read"
    assert warning.message == "第3页是扫描图像，未读取（未安装OCR扩展：pip install 'scorer[ocr]'），得分可能偏低"
    assert warning in analyze(document, rubric).warnings  # shown by check and in the scorecard's notes
