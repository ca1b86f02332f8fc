"""Ingest: every format and encoding read into the same text; every unusable file refused cleanly.

Fixtures are made by tests/fixtures/ingest/make_fixtures.py from one invented report.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from scorer.ingest import MAX_BYTES, SUPPORTED_SUFFIXES, IngestError, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

TITLE = "某某县2023年法治政府建设情况报告"
APPEARANCE = "全县行政机关负责人出庭应诉率达100%，共办理行政复议案件123件，依法纠错率为12.5%"
# Wrapped over two lines and over the page break in report.pdf.
WRAPPED = (
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，"
    "全年开展行政执法案卷评查2次，评查案卷156卷，发现并督促整改问题37个。"
)
TABLE_ROW = "行政复议案件（件） | 98 | 123"


def read(name: str):
    return read_document(FIXTURES / name)


# --- plain text: the encoding is detected, never assumed -------------------------------------


@pytest.mark.parametrize(
    ("name", "encodings"),
    [
        ("report_utf8_bom.txt", {"utf-8-sig"}),
        ("report_gbk.txt", {"gb18030"}),  # read as the superset of GBK
        ("report_utf16.txt", {"utf-16-le"}),
        ("report_utf16_nobom.txt", {"utf-16-le"}),
    ],
)
def test_text_encodings_are_detected(name, encodings):
    document = read(name)
    assert document.format == "txt"
    assert document.encoding in encodings
    assert document.text.startswith(TITLE)  # no BOM in front
    assert APPEARANCE in document.text
    assert "（二）规范行政执法行为\n" in document.text
    assert "\r" not in document.text  # report_gbk.txt has CRLF line ends


def test_big5_text_is_decoded_as_traditional_chinese():
    document = read("report_big5.txt")
    assert document.encoding in {"big5", "cp950", "big5hkscs"}
    assert document.text.startswith("某某縣2023年法治政府建設情況報告")
    assert "全縣行政機關負責人出庭應訴率達100%" in document.text


def test_lone_carriage_returns_become_line_feeds(tmp_path):
    path = tmp_path / "old_mac.txt"
    path.write_bytes("一、主要工作成效\r（一）健全依法决策机制\r".encode("gbk"))
    assert read_document(path).text == "一、主要工作成效\n（一）健全依法决策机制\n"


def test_utf8_with_a_damaged_character_is_still_utf8(tmp_path):
    data = "一、主要工作成效\n全县行政机关负责人出庭应诉率达100%。\n".encode()
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:5] + data[6:])  # one byte of 主 lost
    document = read_document(path)
    assert document.encoding == "utf-8"
    assert document.text.count("\ufffd") >= 1
    assert "全县行政机关负责人出庭应诉率达100%。" in document.text


def test_text_in_no_chinese_encoding_is_refused(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café crème brûlée, déjà vu. ".encode("latin-1") * 20)
    with pytest.raises(IngestError, match="latin1.txt: cannot detect the text encoding"):
        read_document(path)


# a report as pdftotext gives it: every line broken at about 40 columns, a page number and a
# form feed between pages, a blank line between paragraphs (sentences written for the test)
HARD_WRAPPED = (
    "某某县2023年法治政府建设情况报告\n"
    "发布时间：2024-02-01  来源：县司法局\n"
    "\n"
    "2023年，我县坚持以习近平法治思想为指导，\n"
    "深入推进依法行政，法治政府建设取得新成\n"
    "效。现将有关情况报告如下：\n"
    "一、主要举措\n"
    "（一）加强组织领导。县政府常务会议专题\n"
    "研究法治政府建设工作4次，县委常委会听\n"
    "取法治建设情况汇报2次，制定《某某县法\n"
    "\f- 2 -\n"
    "治政府建设工作要点》。\n"
    "\n"
    "（二）规范行政执法。全年办理行政处罚案\n"
    "件326件，组织执法案卷评查2次，评查案卷\n"
    "120卷，发现并整改问题15个。\n"
)


def test_text_broken_at_a_fixed_width_is_read_back_into_paragraphs(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(HARD_WRAPPED, encoding="utf-8")
    lines = read_document(path).text.split("\n")
    assert lines == [
        "某某县2023年法治政府建设情况报告",
        "发布时间：2024-02-01  来源：县司法局",  # a page's field line stands alone
        "2023年，我县坚持以习近平法治思想为指导，深入推进依法行政，法治政府建设取得新成效。现将有关情况报告如下：",
        "一、主要举措",
        "（一）加强组织领导。县政府常务会议专题研究法治政府建设工作4次，县委常委会听取法治建设情况汇报2次，"
        "制定《某某县法治政府建设工作要点》。",  # across the page number and the form feed
        "（二）规范行政执法。全年办理行政处罚案件326件，组织执法案卷评查2次，评查案卷120卷，发现并整改问题15个。",
    ]


def test_a_wrapped_line_that_reads_like_a_title_goes_on_and_a_row_of_page_buttons_stands_alone(tmp_path):
    """A line the width broke off mid-sentence goes on from it even where its own words end in a
    report's noun, as a title does (…工作打算报告 / 如下:); a row of a page's buttons (【打印本页】
    【关闭窗口】) is no line of the paragraph below it."""
    text = (
        "某某县2024年法治政府建设情况报告\n"
        "【字体：大 中 小】 【打印本页】 【关闭窗口】\n"
        "2024年，我县坚持以习近平法治思想为指导，\n"
        "深入推进依法行政，法治政府建设取得新成\n"
        "效。现将2024年度法治政府建设工作开展\n"
        "情况、存在的不足及2025年工作打算报告\n"
        "如下：\n"
        "一、主要举措\n"
        "（一）加强组织领导。县政府常务会议专题\n"
        "研究法治政府建设工作4次，县委常委会听\n"
        "取法治建设情况汇报2次，制定《某某县法\n"
        "治政府建设工作要点》。\n"
    )
    lines = read_document(_written(tmp_path, text)).text.split("\n")
    assert lines[1] == "【字体：大 中 小】 【打印本页】 【关闭窗口】"
    assert lines[2] == (
        "2024年，我县坚持以习近平法治思想为指导，深入推进依法行政，法治政府建设取得新成效。"
        "现将2024年度法治政府建设工作开展情况、存在的不足及2025年工作打算报告如下："
    )


def test_a_word_file_whose_printed_lines_are_paragraphs_is_read_back_into_paragraphs(tmp_path):
    """A PDF converted to Word: each printed line a paragraph of its own (blank ones dropped), or
    one paragraph broken at each line by a manual line break; a heading style stays a heading."""
    from test_docx_reader import package, para, run, style

    lines = [line for line in HARD_WRAPPED.replace("\f", "").split("\n") if line]
    styles = style("Heading1", "heading 1", outline=0)
    paragraphs = "".join(para(run(line), style="Heading1" if line == "一、主要举措" else None) for line in lines)
    broken = para("<w:r><w:br/></w:r>".join(run(line) for line in lines))
    for body, name in ((paragraphs, "段落.docx"), (broken, "换行.docx")):
        path = tmp_path / name
        path.write_bytes(package(body, styles))
        document = read_document(path)
        assert document.text == read_document(_written(tmp_path, HARD_WRAPPED)).text, name
        assert [w.code for w in document.warnings] == ["lines-rejoined"]  # the quotes are the joined text
        if body is paragraphs:
            assert [document.text[start:end] for start, end, _ in document.headings] == ["一、主要举措"]


def test_a_title_and_a_heading_a_converter_left_at_the_margin_stand_alone(tmp_path):
    """Without their centring and indent, a long title, a page's crumbs and a heading end near the
    margin without a sentence's end; they are no lines the width broke (the body's lines around
    them are)."""
    from test_docx_reader import package, para, run

    title = "某某市医疗保障局2023年法治政府建设情况报告"  # 23 characters of 28
    heading = "（一）深化放管服改革，持续优化营商环境"  # 19 characters
    body = [
        "2023年，市医保局坚持以习近平法治思想为指导，深入推",
        "进依法行政，各项工作取得新成效。现将有关情况报告如下",
        "：",
        heading,
        "全年办理医保待遇审批事项12.6万件，平均办理时限压缩",
        "至3个工作日，群众满意度达98.5%，较上年提高2个百分",
        "点。全面推行医保服务“一窗通办”，全市设立经办服务网",
        "点126个，实现医保业务就近可办。开展打击欺诈骗保专项",
        "整治行动，检查定点医药机构1486家，追回医保基金2300",
        "万元。",
    ]
    crumb = "首页＞政务公开＞重点领域信息公开＞法治政府建设"  # a web page's crumbs, full-width
    path = tmp_path / "转换.docx"
    path.write_bytes(package("".join(para(run(line)) for line in [title, crumb, *body])))
    lines = read_document(path).text.split("\n")
    assert lines[0] == title and lines[1] == crumb and heading in lines
    assert lines[2].startswith("2023年") and lines[2].endswith("报告如下：")
    assert lines[-1].endswith("追回医保基金2300万元。")


def test_a_paragraph_opening_with_its_heading_runs_on_though_quotes_leave_its_line_short(tmp_path):
    """A numbered line that holds a sentence's end is a paragraph opening with its heading: prose,
    whose line a narrow mark (“ ”) or a long token leaves a few characters short of the margin."""
    from test_docx_reader import package, para, run
    from test_invariance import _printed_lines

    body = _printed_lines(
        "全面推行医保服务一窗通办，全市设立经办服务网点一百二十六个，实现医保业务就近可办。开展打击欺诈骗保"
        "专项整治行动，检查定点医药机构一千四百八十六家，追回医保基金两千三百万元，移交公安机关案件八件。"
        "全年办理医保待遇审批事项十二万件，平均办理时限压缩至三个工作日，群众满意度持续提升。",
        56,
    )
    lines = [
        *body,
        "（三）严格规范公正文明执法。严格落实行政执法“三项制",  # 51 of 56 columns
        "度”，组织开展行政执法案卷评查，评查案卷150卷，优秀",
        "率达87%。",
    ]
    path = tmp_path / "转换.docx"
    path.write_bytes(package("".join(para(run(line)) for line in lines)))
    assert "（三）严格规范公正文明执法。严格落实行政执法“三项制度”，组织开展" in read_document(path).text


def test_a_web_page_with_a_line_break_at_each_printed_line_is_read_back_into_paragraphs(tmp_path):
    body = "<br>".join(line for line in HARD_WRAPPED.replace("\f", "").split("\n"))
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><div class='content'>{body}</div></body></html>", encoding="utf-8")
    read, as_text = (read_document(p).text.split("\n") for p in (path, _written(tmp_path, HARD_WRAPPED)))
    assert read[2:] == as_text[2:] and len(read) == len(as_text)  # a page squeezes the field line's spaces


def _written(folder: Path, text: str) -> Path:
    path = folder / "报告.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_whose_lines_are_its_paragraphs_is_read_as_it_is(tmp_path):
    text = (
        "某某县2023年法治政府建设情况报告\n"
        "一、主要举措\n"
        + "".join(
            f"（{n}）第{n}项工作。全年开展相关工作{i}次，覆盖全县{i + 10}个乡镇，群众满意度持续提升，各项任务完成。\n"
            for i, n in enumerate("一二三四五六七八九", start=1)
        )
        + "下一步，我县将继续深入推进法治政府建设，不断提高依法行政水平，为全县经济社会发展提供法治保障\n"
    )
    path = tmp_path / "报告.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path)
    assert document.text == text  # equal lines ending a sentence are paragraphs, not wrapping
    assert document.warnings == ()


def test_document_records_size_and_hash_of_the_file():
    data = (FIXTURES / "report_gbk.txt").read_bytes()
    document = read("report_gbk.txt")
    assert document.size == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.source == str(FIXTURES / "report_gbk.txt")


# --- docx: paragraphs and tables in order, headings from styles -------------------------------


def test_docx_paragraphs_and_table_rows_in_document_order():
    text = read("report.docx").text
    lines = text.split("\n")
    assert lines[0] == TITLE
    assert APPEARANCE in text and WRAPPED in text
    assert TABLE_ROW in lines
    assert "行政机关负责人出庭应诉率 | 96.5% | 100%" in lines
    # The table sits after the paragraph it follows in the file and before the next heading.
    assert text.index(APPEARANCE) < text.index(TABLE_ROW) < text.index("二、存在的不足")
    assert "" not in lines  # the empty paragraph leaves no blank line
    assert "一、主要工作成效\t1" not in text  # table-of-contents lines repeat headings


def test_docx_headings_point_at_heading_text_with_levels():
    document = read("report.docx")
    headings = {document.text[start:end]: level for start, end, level in document.headings}
    assert headings == {
        TITLE: 1,  # "Title" style
        "一、主要工作成效": 1,  # "Heading 1"
        "（一）健全依法决策机制": 2,  # a style named "标题 2" with a non-English id, as WPS writes
        "（二）规范行政执法行为": 2,
        "（三）依法化解行政争议": 2,
        "二、存在的不足": 1,  # Normal style with outline level set on the paragraph
        "三、下一步工作打算": 1,
    }


# --- pdf: layout undone --------------------------------------------------------------------


def test_pdf_rejoins_lines_broken_by_page_width_and_page_break():
    text = read("report.pdf").text
    assert WRAPPED in text.split("\n")  # two lines on page 1 and one on page 2, one paragraph
    assert APPEARANCE in text
    # A sentence ending at the right margin, followed by an unindented line, goes on.
    assert "取得了阶段性成效。现将有关情况报告如下：" in text
    assert "（一）健全依法决策机制" in text.split("\n")  # headings stay lines of their own


def test_pdf_drops_page_numbers_and_running_header():
    lines = read("report.pdf").text.split("\n")
    assert lines[0] == TITLE
    assert not any(line.strip("- ").isdigit() for line in lines)
    assert "某某县人民政府办公室" not in lines


def test_pdf_removes_layout_spaces_but_keeps_them_between_latin_words():
    text = read("report.pdf").text
    assert "持续推进法治政府示范创建" in text
    assert "共办理123件投诉举报" in text
    assert "通过ISO 9001质量管理体系认证" in text


# --- html: the article, not the site ---------------------------------------------------------


def test_html_keeps_the_article_and_drops_site_chrome():
    document = read("report_page.html")
    text = document.text
    assert document.format == "html"
    assert document.encoding == "gb18030"  # declared gb2312, read as its superset
    assert APPEARANCE in text and WRAPPED in text  # a source line break inside <p> is layout
    assert TABLE_ROW in text.split("\n")
    assert "全县“法治政府建设示范创建”活动持续开展。" in text  # entities decoded
    for chrome in (
        "当前位置",
        "首页",
        "ICP备",
        "网站地图",
        "主办",
        "分享到",
        "相关链接",
        "发布时间",
        "_hmt",
        "trackVisit",
        "getElementById",
        "text-indent",
    ):
        assert chrome not in text, chrome


def test_html_headings_include_the_page_title():
    document = read("report_page.html")
    headings = [(document.text[start:end], level) for start, end, level in document.headings]
    assert headings[0] == (TITLE, 1)  # the <h1> outside the content block, once
    assert document.text.count(TITLE) == 1
    assert ("二、存在的不足", 2) in headings


def test_html_without_named_content_block_uses_the_densest_paragraphs(tmp_path):
    page = (
        "<html><head><title>报告</title></head><body>"
        "<nav><a href='/'>首页</a><a href='/a'>机构概况</a></nav>"
        "<div><ul><li><a href='/x'>通知公告</a></li><li><a href='/y'>政策解读</a></li></ul></div>"
        "<div><p>一、主要工作成效</p><p>全年办理行政复议案件45件，行政机关负责人出庭应诉率达98%。</p>"
        "<p>持续深化“放管服”改革，政务服务事项网上可办率达到95%以上。</p></div>"
        "<div>版权所有：某某市人民政府 某ICP备000001号</div></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    text = read_document(path).text
    assert "全年办理行政复议案件45件，行政机关负责人出庭应诉率达98%。" in text
    for chrome in ("首页", "通知公告", "版权所有", "ICP备"):
        assert chrome not in text, chrome


def test_html_misdeclared_charset_and_br_lines(tmp_path):
    page = (
        '<html><head><meta charset="utf-8"></head><body><div id="content">'
        "一、主要工作成效<br>全年开展执法检查30次。<br/>二、存在的不足</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))  # says UTF-8, is GBK: common on old sites
    document = read_document(path)
    assert document.encoding == "gb18030"
    assert document.text.split("\n") == ["一、主要工作成效", "全年开展执法检查30次。", "二、存在的不足"]


def test_html_table_beside_the_paragraph_block_is_kept(tmp_path):
    page = (
        "<html><body><div class='content'><h1>某某县2023年法治政府建设情况报告</h1>"
        "<div class='TRS_Editor'>" + "<p>全年办理行政复议案件45件，依法纠错率为10%。</p>" * 20 + "</div>"
        "<table><tr><td>行政机关负责人出庭应诉率</td><td>100%</td></tr></table></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert "行政机关负责人出庭应诉率 | 100%" in read_document(path).text.split("\n")


def test_html_page_wrapped_in_one_form_keeps_its_article(tmp_path):
    page = (
        "<html><body><form id='form1' action='default.aspx'>"
        "<div class='search'><input name='q'>搜索</div>"
        + "<p>全年开展行政执法案卷评查2次，评查案卷156卷。</p>" * 30
        + "</form></body></html>"
    )
    path = tmp_path / "page.aspx.html"
    path.write_text(page, encoding="utf-8")
    text = read_document(path).text
    assert "全年开展行政执法案卷评查2次，评查案卷156卷。" in text
    assert "搜索" not in text


def test_plain_text_named_html_is_read_as_text(tmp_path):
    path = tmp_path / "report.html"
    path.write_text(f"{TITLE}\n一、主要工作成效\n", encoding="utf-8")
    document = read_document(path)
    assert document.format == "txt"
    assert document.text == f"{TITLE}\n一、主要工作成效\n"


def test_html_ruby_readings_are_no_text(tmp_path):
    path = tmp_path / "ruby.html"
    path.write_text(
        "<html><body><div class='content'><p>深入貫徹<ruby>習<rp>(</rp><rt>xí</rt><rp>)</rp></ruby>近平法治思想，"
        "全年辦理行政復議案件12件。</p></div></body></html>",
        encoding="utf-8",
    )
    assert "深入貫徹習近平法治思想，全年辦理行政復議案件12件。" in read_document(path).text


# --- content decides the reader, not the name ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "format_name", "same_as"),
    [
        ("docx_renamed.txt", "docx", "report.docx"),
        ("page_saved.txt", "html", "report_page.html"),
        ("pdf_named.doc", "pdf", "report.pdf"),
    ],
)
def test_misnamed_files_are_read_by_content(name, format_name, same_as):
    document = read(name)
    assert document.format == format_name
    assert document.text == read(same_as).text


# --- unusable files: one IngestError, one line, naming the file ------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.txt", "empty file"),
        ("image.txt", "binary file, not a report (looks like PNG image)"),
        ("program.txt", "looks like ELF executable"),
        ("archive.txt", "not a Word document"),
        ("legacy.xls", "not a Word document: this is an Excel 97-2003 workbook (.xls)"),
        ("truncated.docx", "corrupt .docx (not a valid zip"),
        ("zipbomb.docx", "zip bomb"),
        ("entities.docx", "declares a DTD/entities"),
        ("encrypted.pdf", "password protected"),
    ],
)
def test_unusable_files_raise_one_line_ingest_error(name, problem):
    with pytest.raises(IngestError) as caught:
        read(name)
    message = str(caught.value)
    assert problem in message
    assert name in message
    assert "\n" not in message
    assert caught.value.problem in message


def test_zip_bomb_is_refused_quickly():
    started = time.perf_counter()
    with pytest.raises(IngestError, match="unpacks to 2048 MB"):
        read("zipbomb.docx")
    assert time.perf_counter() - started < 2


def test_docx_with_extreme_compression_ratio_is_refused_without_unpacking(tmp_path):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))  # 20 MB in ~20 KB
    path = tmp_path / "ratio.docx"
    path.write_bytes(stream.getvalue())
    started = time.perf_counter()
    with pytest.raises(IngestError, match=r"compressed \d+:1"):
        read_document(path)
    assert time.perf_counter() - started < 2


def test_file_over_the_size_limit_is_refused_before_reading():
    with pytest.raises(IngestError, match=r"file too large \(36\.\d KB > limit 10 KB\)"):
        read_document(FIXTURES / "report.docx", max_bytes=10 * 1024)
    assert MAX_BYTES == 20 * 1024 * 1024


def test_corrupt_docx_xml_is_an_ingest_error(tmp_path):
    source = zipfile.ZipFile(FIXTURES / "report.docx")
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data[:200] if info.filename == "word/document.xml" else data)
    with pytest.raises(IngestError, match=r"broken\.docx: corrupt or unreadable \.docx file \(\w+"):
        read_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(IngestError, match="file not found"):
        read_document(tmp_path / "nowhere.txt")
    with pytest.raises(IngestError, match="is a folder"):
        read_document(tmp_path)


# --- the package surface ---------------------------------------------------------------------


def test_supported_suffixes():
    assert {".txt", ".text", ".docx", ".doc", ".wps", ".rtf", ".ofd", ".html", ".htm", ".pdf"} <= SUPPORTED_SUFFIXES


def test_importing_ingest_loads_no_parsing_library():
    code = (
        "import sys, scorer.ingest; "
        "print(sorted(m for m in ('docx', 'pdfplumber', 'pdfminer', 'bs4', 'lxml', 'charset_normalizer') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent
    ).stdout.strip()
    assert loaded == "[]"


def test_pdf_line_left_short_by_a_long_number_still_runs_on():
    # Layout at 10 pt between x=50 and x=450: "成功率" ends 4 em early because "98.52%," did not fit;
    # a centred title ending as close stands alone.
    from scorer.ingest.layout import Line as _Line
    from scorer.ingest.layout import assemble

    full = [_Line("全年调处矛盾纠纷，纳入联调体系案件十三万宗，结案十二万宗。依托平台", 50, 450, 10)] * 6
    lines = [
        _Line("某某县2023年法治政府建设情况报告", 110, 400, 10),
        *full,
        _Line("调处案件15876宗,成功率", 50, 410, 10),
        _Line("98.52%,赋强公证81宗。", 50, 160, 10),
    ]
    paragraphs = assemble(lines)[0].split("\n")
    assert paragraphs[0] == "某某县2023年法治政府建设情况报告"
    assert paragraphs[-1].endswith("调处案件15876宗,成功率98.52%,赋强公证81宗。")


def test_the_readings_a_pages_converter_wrote_after_characters_are_taken_out(tmp_path):
    # a traditional-characters button that prints each converted character's pinyin after it
    path = tmp_path / "page.txt"
    path.write_text(
        "龍湖區(qū)教育局2022年法治政府建設(shè)年度報告\n深入貫徹習(xí)近平法治思想，組織學(xué)習（xué）3次。項目(a)完成。\n",
        encoding="utf-8",
    )
    text = read_document(str(path)).text
    assert text == "龍湖區教育局2022年法治政府建設年度報告\n深入貫徹習近平法治思想，組織學習3次。項目(a)完成。\n"


def test_a_word_glossed_once_or_twice_on_purpose_keeps_its_reading(tmp_path):
    path = tmp_path / "gloss.txt"
    path.write_text("开展“枫(fēng)桥经验”宣传，覆盖群众2万人次。\n", encoding="utf-8")
    assert "(fēng)" in read_document(str(path)).text
