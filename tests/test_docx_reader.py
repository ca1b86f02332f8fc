""".docx read with zipfile + lxml: what Word puts in a run, how styles make headings, how the
package names its parts. Each file is written here by hand, part by part, so every case is
exactly the XML Word or WPS writes for it."""

from __future__ import annotations

import io
import zipfile

import pytest

from scorer.ingest.base import IngestError
from scorer.ingest.docx import read_docx

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def package(
    body: str,
    styles: str | None = None,
    main: str = "word/document.xml",
    content_type=_WORD_MAIN,
    numbering: str | None = None,
) -> bytes:
    folder, name = main.rsplit("/", 1)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main}" ContentType="{content_type}"/>'
            f'<Override PartName="/{folder}/styles.xml" ContentType="{_STYLES}"/></Types>',
        )
        z.writestr("_rels/.rels", _rels(("officeDocument", main)))
        z.writestr(main, f"<w:document {_NS}><w:body>{body}</w:body></w:document>")
        parts = [("styles", "styles.xml", styles), ("numbering", "numbering.xml", numbering)]
        if styles is not None or numbering is not None:
            z.writestr(f"{folder}/_rels/{name}.rels", _rels(*((k, t) for k, t, xml in parts if xml is not None)))
        for kind, target, xml in parts:
            if xml is not None:
                z.writestr(f"{folder}/{target}", f"<w:{kind} {_NS}>{xml}</w:{kind}>")
    return stream.getvalue()


def _rels(*targets: tuple[str, str]) -> str:
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="r{i}" Type="{_RELATIONSHIP}{kind}" Target="{target}"/>'
            for i, (kind, target) in enumerate(targets)
        )
        + "</Relationships>"
    )


def para(runs: str, style: str | None = None, outline: int | None = None) -> str:
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    )
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{runs}</w:p>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def style(style_id: str, name: str, kind: str = "paragraph", based_on: str = "", default: str = "", outline=None):
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"' + (f' w:default="{default}"' if default else "") + ">"
        f'<w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + (f'<w:pPr><w:outlineLvl w:val="{outline}"/></w:pPr>' if outline is not None else "")
        + "</w:style>"
    )


def read(data: bytes):
    document = read_docx(data, "draft.docx")
    return document.text, {document.text[start:end]: level for start, end, level in document.headings}


def test_run_content_reads_as_word_shows_it():
    runs = (
        "<w:r><w:t>全年</w:t><w:tab/><w:t>办理</w:t><w:ptab/><w:t>案件</w:t></w:r>"
        "<w:r><w:t>12</w:t><w:noBreakHyphen/><w:t>15件</w:t></w:r>"
        '<w:r><w:br w:type="page"/><w:br w:type="column"/><w:t>（续）</w:t></w:r>'
        "<w:r><w:br/><w:t>第二行</w:t><w:cr/><w:t>第三行</w:t></w:r>"
    )
    text, _ = read(package(para(runs)))
    assert text == "全年\t办理\t案件12-15件（续）\n第二行\n第三行"


def test_a_phonetic_guides_reading_is_no_text_its_base_is():
    # Word's phonetic guide (拼音指南): the reading in w:rt above the character in w:rubyBase
    ruby = (
        '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr>'
        "<w:rt><w:r><w:t>xí</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>习</w:t></w:r></w:rubyBase></w:ruby></w:r>"
    )
    text, _ = read(package(para(run("深入学习贯彻") + ruby + run("近平法治思想"))))
    assert text == "深入学习贯彻习近平法治思想"


def test_deleted_moved_boxed_and_fallback_text_is_not_read_inserted_text_is():
    runs = (
        run("行政复议")
        + "<w:del><w:r><w:delText>撤销</w:delText></w:r></w:del>"
        + f"<w:ins>{run('案件')}</w:ins>"
        + f"<w:moveFrom>{run('移走')}</w:moveFrom>"
        + "<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>"
        + para(run("文本框"))
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback>"
        + run("备用")
        + "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    assert read(package(para(runs)))[0] == "行政复议案件"


def test_tables_in_order_with_merged_cells_once_and_blank_rows_dropped():
    cell = "<w:tc>{}</w:tc>".format
    merged = '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + para(run("合并")) + "</w:tc>"
    continued = "<w:tc><w:tcPr><w:vMerge/></w:tcPr>" + para(run("不读")) + "</w:tc>"
    table = (
        "<w:tbl>"
        f"<w:tr>{cell(para(run('指标')))}{merged}</w:tr>"
        f"<w:tr>{cell(para(run('第一段')) + para(run('第二段')))}{continued}</w:tr>"
        f"<w:tr>{cell(para(''))}{cell(para(''))}</w:tr>"
        "</w:tbl>"
    )
    text, _ = read(
        package(para(run("表前")) + table + f"<w:sdt><w:sdtContent>{para(run('表后'))}</w:sdtContent></w:sdt>")
    )
    assert text == "表前\n指标 | 合并\n第一段 第二段 | \n表后"


def _boxed(*paragraphs: str) -> str:
    """A text box as Word writes it: the box in the drawing, its fallback copy for older readers."""
    content = "<w:txbxContent>" + "".join(paragraphs) + "</w:txbxContent>"
    return (
        f"<w:r><mc:AlternateContent><mc:Choice><w:drawing>{content}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{content}</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_report_a_converter_set_in_text_boxes_is_read_box_by_box_once_each():
    # a PDF converted to Word with its layout kept: each block of a page a text box, anchored in
    # empty paragraphs; the title and first heading in one box, a box nested in another
    first = _boxed(
        para(run("某县2023年法治政府建设情况报告")),
        para(run("一、主要举措"), "1"),
        para(run("（一）加强组织领导。县政府常务会议专题研究法治政府建设工作4次。" + _boxed(para(run("（内嵌）"))))),
    )
    second = _boxed(para(run("（二）规范行政执法。全年办理行政处罚案件326件，组织执法案卷评查2次，评查案卷120卷。")))
    text, headings = read(package(para(first) + para(run("第1页") + second), STYLES))
    assert text.split("\n") == [
        "某县2023年法治政府建设情况报告",
        "一、主要举措",
        "（一）加强组织领导。县政府常务会议专题研究法治政府建设工作4次。",
        "（内嵌）",
        "第1页",
        "（二）规范行政执法。全年办理行政处罚案件326件，组织执法案卷评查2次，评查案卷120卷。",
    ]
    assert headings == {"一、主要举措": 1}


def test_a_small_text_box_beside_the_report_is_no_text():
    body = para(run("全年办理行政复议案件126件，依法纠正违法或不当行政行为18件。") + _boxed(para(run("（盖章）"))))
    assert read(package(body))[0] == "全年办理行政复议案件126件，依法纠正违法或不当行政行为18件。"


def test_a_cell_that_holds_the_report_is_read_paragraph_by_paragraph_with_its_headings():
    # a template that sets the report in a table (报告内容 | the report); a table's entries of a
    # few short paragraphs stay one row
    report = (
        para(run("一、主要举措"), "1")
        + para(run("（一）加强组织领导。县政府常务会议专题研究法治政府建设工作4次，县委常委会听取汇报2次。"))
        + para(
            run(
                "（二）规范行政执法。全年办理行政处罚案件326件，组织执法案卷评查2次，评查案卷120卷，发现并整改问题15个。"
            )
        )
    )
    entries = para(run("出庭应诉率")) + para(run("100%")) + para(run("较上年提高2个百分点。"))
    table = (
        "<w:tbl>"
        f"<w:tr><w:tc>{para(run('报告内容'))}</w:tc><w:tc>{report}</w:tc><w:tc>{para('')}</w:tc></w:tr>"
        f"<w:tr><w:tc>{para(run('指标'))}</w:tc><w:tc>{entries}</w:tc></w:tr>"
        "</w:tbl>"
    )
    text, headings = read(package(table, STYLES))
    assert text.split("\n") == [
        "报告内容",
        "一、主要举措",
        "（一）加强组织领导。县政府常务会议专题研究法治政府建设工作4次，县委常委会听取汇报2次。",
        "（二）规范行政执法。全年办理行政处罚案件326件，组织执法案卷评查2次，评查案卷120卷，发现并整改问题15个。",
        "指标 | 出庭应诉率 100% 较上年提高2个百分点。",
    ]
    assert headings == {"一、主要举措": 1}


STYLES = (
    style("Normal", "Normal", default="1")
    + style("1", "heading 1")  # Word's own name, lower case in styles.xml
    + style("a3", "标题 2")  # WPS: a Chinese name, an opaque id
    + style("Title", "Title")
    + style("Sub", "分标题", based_on="a3")  # no level of its own: its base style's
    + style("Loop1", "环一", based_on="Loop2")
    + style("Loop2", "环二", based_on="Loop1")
    + style("Lvl", "大字", outline=2)  # outline level 2 in the style: level 3
    + style("TOC1", "toc 1")
    + style("Emph", "heading 3", kind="character")  # not a paragraph style
)


def test_heading_levels_from_style_names_outline_levels_and_base_styles():
    body = (
        para(run("某县2024年法治政府建设情况报告"), "Title")
        + para(run("一、主要成效"), "1")
        + para(run("（一）依法决策"), "a3")
        + para(run("（二）严格执法"), "Sub")
        + para(run("环形的基础样式"), "Loop1")
        + para(run("大字标题"), "Lvl")
        + para(run("正文也可直接设大纲级别"), outline=0)
        + para(run("标题样式里设为正文"), "1", outline=9)
        + para(run("字符样式不是段落样式"), "Emph")
        + para(run("未定义的样式"), "Missing")
        + para(run("一、主要成效\t1"), "TOC1")  # the table of contents repeats the headings
    )
    text, headings = read(package(body, STYLES))
    assert "一、主要成效\t1" not in text
    assert headings == {
        "某县2024年法治政府建设情况报告": 1,
        "一、主要成效": 1,
        "（一）依法决策": 2,
        "（二）严格执法": 2,
        "大字标题": 3,
        "正文也可直接设大纲级别": 1,
    }


def test_the_default_paragraph_style_is_the_style_of_unstyled_paragraphs():
    styles = style("Body", "Body Text") + style("Big", "Heading 1", default="true")
    _, headings = read(package(para(run("没有样式的段落")) + para(run("正文"), "Body"), styles))
    assert headings == {"没有样式的段落": 1}


def test_without_a_styles_part_only_outline_levels_make_headings():
    _, headings = read(package(para(run("一、主要成效"), "Heading1") + para(run("二、不足"), outline=0)))
    assert headings == {"二、不足": 1}


def test_the_main_part_is_found_through_the_package_relationships():
    data = package(para(run("一、主要成效"), "1"), STYLES, main="word/document2.xml")
    assert read(data) == ("一、主要成效", {"一、主要成效": 1})


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            package(para(run("模板")), content_type=_WORD_MAIN.replace("document.main", "template.main")),
            "not a Word document: its main part is application/vnd.openxmlformats-officedocument"
            ".wordprocessingml.template.main+xml",
        ),
        (
            package(para(run("正文")), content_type="application/xml"),
            "not a Word document: its main part is application/xml",
        ),
    ],
)
def test_a_package_whose_main_part_is_not_a_word_document_is_refused(data, problem):
    with pytest.raises(IngestError) as refused:
        read_docx(data, "draft.docx")
    assert refused.value.problem == problem


def test_a_package_without_its_relationships_is_refused_in_one_line():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as z:
        z.writestr("word/document.xml", f"<w:document {_NS}><w:body>{para(run('正文'))}</w:body></w:document>")
    with pytest.raises(IngestError, match=r"corrupt \.docx \(no main document part\)"):
        read_docx(stream.getvalue(), "draft.docx")


# --------------------------------------------------------------------------- numbered paragraphs


def level(ilvl: int, number_format: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


# the usual numbering of a report's parts: 一、 then （一） then 1. then (1); and a bullet list
REPORT_LIST = (
    '<w:abstractNum w:abstractNumId="0">'
    + level(0, "chineseCounting", "%1、")
    + level(1, "chineseCounting", "（%2）")
    + level(2, "decimal", "%3.")
    + level(3, "decimal", "(%4)")
    + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="1">'
    + level(0, "bullet", "\uf0b7")
    + "</w:abstractNum>"
    + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
)


def numbered(text: str, ilvl: int, num_id: int = 1) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{run(text)}</w:p>'
    )


def test_word_numbering_draws_the_labels_of_a_reports_parts():
    body = (
        para(run("某某县2023年法治政府建设情况报告"))
        + numbered("主要工作", 0)
        + numbered("加强组织领导", 1)
        + numbered("县政府常务会议研究法治工作4次。", 2)
        + numbered("制定工作要点。", 2)
        + numbered("推进依法行政", 1)
        + numbered("全年审核文件12件。", 2)  # starts again at 1 under a new （二）
        + numbered("存在的不足", 0)
        + numbered("执法力量薄弱。", 2)
        + numbered("一条列出的事项", 0, num_id=2)  # a bullet draws no number
        + numbered("第十一项", 0)
    )
    text, _ = read(package(body, numbering=REPORT_LIST))
    assert text.split("\n") == [
        "某某县2023年法治政府建设情况报告",
        "一、主要工作",
        "（一）加强组织领导",
        "1.县政府常务会议研究法治工作4次。",
        "2.制定工作要点。",
        "（二）推进依法行政",
        "1.全年审核文件12件。",
        "二、存在的不足",
        "1.执法力量薄弱。",
        "一条列出的事项",
        "三、第十一项",
    ]


def test_numbering_from_a_heading_style_with_overrides_and_switched_off():
    styles = (
        '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>' + style("H1b", "Part title", based_on="H1")
    )
    numbering = (
        '<w:abstractNum w:abstractNumId="5">'
        + level(0, "chineseCountingThousand", "第%1部分")
        + level(1, "ideographTraditional", "%2.")
        + "</w:abstractNum>"
        + '<w:num w:numId="3"><w:abstractNumId w:val="5"/>'
        + '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>'
    )
    off = '<w:p><w:pPr><w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>' + run("附件") + "</w:p>"
    body = para(run("总体情况"), style="H1") + para(run("主要举措"), style="H1b") + off + numbered("甲项", 1, 3)
    text, headings = read(package(body, styles=styles, numbering=numbering))
    assert text.split("\n") == ["第十部分 总体情况", "第十一部分 主要举措", "附件", "甲.甲项"]
    assert headings["第十部分 总体情况"] == 1


def test_numbering_that_points_nowhere_or_is_malformed_draws_no_label():
    numbering = (
        '<w:abstractNum w:abstractNumId="0">' + level(0, "decimal", "%1、", start=0) + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="9"/></w:num>'  # no such definition
    )
    body = (
        numbered("从零开始", 0)
        + numbered("没有定义", 0, num_id=2)
        + numbered("没有实例", 0, num_id=7)
        + '<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        + run("坏层级")
        + "</w:p>"
        + numbered("", 0)  # an empty numbered paragraph is no line
    )
    text, _ = read(package(body, numbering=numbering))
    assert text.split("\n") == ["0、从零开始", "没有定义", "没有实例", "1、坏层级"]
    # without a numbering part, numbered paragraphs are read as their text
    assert read(package(numbered("主要工作", 0)))[0] == "主要工作"


@pytest.mark.parametrize(
    "number_format, third",
    [
        ("decimalZero", "03"),
        ("ideographDigital", "三"),
        ("ideographTraditional", "丙"),
        ("decimalEnclosedCircle", "③"),
        ("upperLetter", "C"),
        ("lowerRoman", "iii"),
        ("decimalFullWidth", "3"),  # written as digits: the normaliser reads full-width ones so
    ],
)
def test_list_number_formats(number_format, third):
    numbering = (
        f'<w:abstractNum w:abstractNumId="0">{level(0, number_format, "%1.")}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    text, _ = read(package("".join(numbered(item, 0) for item in ("甲", "乙", "丙")), numbering=numbering))
    assert text.split("\n")[2] == f"{third}.丙"
