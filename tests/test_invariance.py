"""What must not change a report's reading: how its page laid the same words out.

Real reports reach the scorer indented with the usual two full-width spaces (首行缩进), with Windows
line ends, with blank lines between paragraphs, with a web page's chrome between them (上一篇:…,
责任编辑:…, a link), with Markdown's marks on their headings (## 一、…, **一、…**), broken at a fixed
width (copied out of a PDF), converted by a web page to traditional characters (standard or Hong
Kong forms), with spaces around their numbers (出庭应诉率达 100 %), with their counts written in
Chinese numerals (十二件, 一个工作日), with full stops typed as . or ．, letter-spaced (法 治 政 府, or
every character apart as a PDF's justified text comes out), with page numbers (— 2 —) where pages
broke sentences, or worded in ways a reader does not notice (WORDINGS). Each
transformation below is applied to the examples and to a sample of the written set, and every
requirement's status must come out as it did on the plain text. (The indent case once lost the
opening: a line's span starts after its indent, where the structure's ^-anchored test of a prose
line did not match; a space before % once lost a 100% rate.)
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import opencc
import pytest
from conftest import EXAMPLES, ROOT
from test_docx_reader import package, para, run

from scorer.ingest import read_document
from scorer.ingest.base import Document
from scorer.ingest.docx import read_docx
from scorer.ingest.strays import without_strays
from scorer.ingest.wrapping import unwrapped
from scorer.numbers import chinese_count
from scorer.pipeline import analyze
from scorer.rubric.load import load_rubric

WRITTEN = sorted((ROOT / "tests" / "written" / "reports").glob("*.txt"))
SAMPLE = sorted(EXAMPLES.glob("*.txt")) + WRITTEN[::3]  # ~130 reports of every level and style


def _indent(text: str) -> str:
    return "\n".join("\u3000\u3000" + line if line.strip() else line for line in text.split("\n"))


# page chrome a copied web page leaves between paragraphs: links, the editor's line, buttons
CHROME_LINES = (
    "上一篇：关于印发2024年工作要点的通知",
    "下一篇：关于召开全县工作会议的通知",
    "相关链接：中国政府网 | 省人民政府网",
    "责任编辑：王某",
    "【打印】【关闭】",
    "扫一扫在手机打开当前页",
    "澳门娱乐官方网站 www.example-casino.com 注册即送",
)


def _chrome_between_paragraphs(text: str) -> str:
    out = []
    for i, line in enumerate(text.split("\n")):
        out.append(line)
        if i % 3 == 2:
            out.append(CHROME_LINES[i % len(CHROME_LINES)])
    return "\n".join(out)


_PART_LINE = re.compile(r"(?m)^([一二三四五六七八九十]{1,2}、[^。\n]{0,40})$")


def _printed_lines(text: str, columns: int) -> list[str]:
    """The text's lines as a page `columns` display columns wide prints them."""
    lines = []
    for paragraph in text.split("\n"):
        line, width = "", 0
        for char in paragraph:
            char_width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
            if width + char_width > columns:
                lines.append(line)
                line, width = "", 0
            line, width = line + char, width + char_width
        lines.append(line)
    return lines


def _hard_wrapped_and_read(text: str, columns: int = 76) -> str:
    """The text as pdftotext would give it, a line broken every `columns` display columns, then as
    the .txt reader reads it back."""
    return unwrapped(Document("x.txt", "txt", "\n".join(_printed_lines(text, columns)))).text


def _word_paragraphs(lines: list[str]) -> str:
    """Each line, stripped, a Word paragraph's XML; blank lines none."""
    return "".join(para(run(escape(line.strip()))) for line in lines if line.strip())


def _word_file_read(body: str) -> str:
    """A Word file of `body` (the body's XML) as read_document reads it back."""
    return without_strays(unwrapped(read_docx(package(body), "x.docx"))).text


def printed_lines_as_word_paragraphs(text: str) -> str:
    """The text as a PDF converted to Word gives it: each printed line of an A4 page (28 characters)
    a paragraph of its own, its indent a paragraph property (no spaces), blank lines gone; then as
    read_document reads the file back."""
    return _word_file_read(_word_paragraphs(_printed_lines(text, 56)))


def _set_in_a_word_table(text: str) -> str:
    """The text as a Word template that sets the report in a table's cell gives it, as read."""
    cell = _word_paragraphs(text.split("\n"))
    return _word_file_read(f"<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>")


def _set_in_word_text_boxes(text: str) -> str:
    """The text as a PDF converted to Word with its layout kept gives it (each paragraph a text box
    anchored in an empty paragraph), as read."""
    box = "<w:r><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></w:r>".format
    return _word_file_read("".join(para(box(_word_paragraphs([line]))) for line in text.split("\n") if line.strip()))


def read_past_strays(transform: Callable[[str], str]) -> Callable[[str], str]:
    """The transformed text as read_document reads it (what is no report's words taken out)."""
    return lambda text: without_strays(Document("x.txt", "txt", transform(text))).text


def _letter_spaced_short_lines(text: str) -> str:
    """Short lines (a title, a field label, a heading) spread a character apart, as a page centres them."""
    lines = text.split("\n")
    return "\n".join(
        " ".join(line) if 0 < len(line.strip()) <= 16 and not re.search(r"\d", line) else line for line in lines
    )


def _page_numbers_in_sentences(text: str) -> str:
    """A page number (— 2 —, the official documents' form) where a page broke each of the first
    paragraphs mid-sentence, each at another place (a page ends where it ends: one broken at the
    same place in every paragraph once hid that a text with no title line kept its first
    paragraph's break), and one after a whole paragraph."""
    places = iter(_PAGE_BREAK_PLACES)

    def broken_once(line: re.Match[str]) -> str:
        at = next(places, None)
        if at is None or len(line.group()) < at + _PAGE_BREAK_REST:
            return line.group()
        return line.group()[:at] + "\n— 2 —\n" + line.group()[at:]

    broken = re.sub(rf"(?m)^[^\n]{{{min(_PAGE_BREAK_PLACES) + _PAGE_BREAK_REST},}}$", broken_once, text)
    return re.sub(r"(?m)^([^\n]{40,}。)$", lambda m: m.group(1) + "\n- 3 -", broken, count=1)


# where a page broke each of the first three long paragraphs, and the least it left for the next page
_PAGE_BREAK_PLACES = (30, 45, 54)
_PAGE_BREAK_REST = 30


def converter(config: str) -> Callable[[str], str]:
    return opencc.OpenCC(config).convert


def chinese_numeral_counts(text: str) -> str:
    """Counts up to 99 written in Chinese numerals (12件 → 十二件, 1个工作日 → 一个工作日)."""
    return re.sub(
        r"(?<![\d.])(\d{1,2})(次|场|件|项|个|家|名|期|条)", lambda m: chinese_count(int(m.group(1))) + m.group(2), text
    )


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "full-width indent": _indent,
    "CRLF line ends": lambda text: text.replace("\n", "\r\n"),
    "blank line between paragraphs": lambda text: text.replace("\n", "\n\n"),
    "traditional characters": converter("s2t"),
    "Hong Kong forms": converter("s2hk"),
    "page chrome between paragraphs": _chrome_between_paragraphs,
    "Markdown headings": lambda text: _PART_LINE.sub(r"## \1", text),
    "bold headings": lambda text: _PART_LINE.sub(r"**\1**", text),
    "hard-wrapped at 76 columns, read as a .txt": _hard_wrapped_and_read,
    "set in a Word table's cell, as read": _set_in_a_word_table,
    "set in Word text boxes, as read": _set_in_word_text_boxes,
    "Chinese-numeral counts": chinese_numeral_counts,
    "full stops typed as ASCII (.)": lambda text: text.replace("。", "."),
    # a typist's inner marks for the outer ones: 〈…〉 for a title, ‘…’ for a quote
    "titles in single angle brackets (〈…〉)": lambda text: text.replace("《", "〈").replace("》", "〉"),
    # (a quote holding one of its own keeps its double marks, as a typist would)
    "quotes in single quotes (‘…’)": lambda text: re.sub("“([^“”‘’]*)”", r"‘\1’", text),
    "full stops in their full-width form (．)": lambda text: text.replace("。", "．"),
    # as a typist ends a sentence in English: the space after it is no part of the next sentence
    "full stops typed as ASCII with a space after (. ), as read": read_past_strays(
        lambda text: text.replace("。", ". ")
    ),
    "letter-spaced short lines, as read": read_past_strays(_letter_spaced_short_lines),
    "every character spaced apart (a PDF's justified text), as read": read_past_strays(
        lambda text: re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", " ", text)
    ),
    "page numbers where pages broke sentences, as read": read_past_strays(_page_numbers_in_sentences),
    # a PDF's or a typist's spaces around a number (出庭应诉率达 100 %, 办理 12 件)
    "spaces around numbers, as read": read_past_strays(
        lambda text: re.sub(r"(?<=[\u4e00-\u9fff])(\d+(?:\.\d+)?)(?=[\u4e00-\u9fff%％])", r" \1 ", text)
    ),
}


_CN_DIGITS = "〇一二三四五六七八九"

# Wording a reader does not notice: other heading numbers, a semicolon for a full stop, another
# word for "this year" or for a bureau naming itself, an approximate count, a government's full
# name. Each once moved statuses (a department that wrote 本局 read as a city; a review verb's list
# of objects cut at 16 characters, so 区人民政府 lost what 区政府 had).
WORDINGS: dict[str, Callable[[str], str]] = {
    "parts numbered 第一部分": lambda text: re.sub(r"(?m)^(\s*)([一二三四五六七八九十]+)、", r"\1第\2部分 ", text),
    "parts numbered 一.": lambda text: re.sub(r"(?m)^(\s*[一二三四五六七八九十]+)、", r"\1.", text),
    "parts numbered 一，": lambda text: re.sub(r"(?m)^(\s*[一二三四五六七八九十]+)、", r"\1，", text),
    "parts numbered 一 and a space": lambda text: re.sub(r"(?m)^(\s*[一二三四五六七八九十]+)、", r"\1 ", text),
    "points numbered （1）": lambda text: re.sub(r"(?m)^(\s*)(\d{1,2})[.．]", r"\1（\2）", text),
    "sub-parts numbered 【一】 (a web repost)": lambda text: re.sub(
        r"(?m)^(\s*)（([一二三四五六七八九十])）", r"\1【\2】", text
    ),
    "semicolons as full stops": lambda text: text.replace("；", "。"),
    "年内 for 全年": lambda text: text.replace("全年", "年内"),
    "截至年底 for 全年": lambda text: text.replace("全年", "截至年底"),
    "本年度 for 全年": lambda text: text.replace("全年", "本年度"),
    "考评 for 考核": lambda text: text.replace("考核", "考评"),
    "法治督查 for 法治督察": lambda text: text.replace("法治督察", "法治督查"),
    # (a part on the year's shortcomings under another of its names)
    "a shortcomings part titled 困难和问题": lambda text: re.sub(
        r"(?m)^(\s*[一二三四五六七八九十]+、)[^\n]{0,16}(?:不足|问题)[^\n]{0,8}$", r"\1困难和问题", text
    ),
    # (an official's rotation training; not the tutoring schools a bureau regulates, 校外培训机构)
    "轮训 for 培训": lambda text: re.sub("(?<!校外)(?<!变异)(?<!违规)(?<!无证)(?<!学科类)培训(?!机构)", "轮训", text),
    "本局 for 我局": lambda text: text.replace("我局", "本局"),
    "局机关 for 我局": lambda text: text.replace("我局", "局机关"),
    "举行 for 召开": lambda text: text.replace("召开", "举行"),
    "线上 for 网上": lambda text: text.replace("网上", "线上"),
    "法治审核 for 法制审核": lambda text: text.replace("法制审核", "法治审核"),
    "查办 for 查处": lambda text: text.replace("查处", "查办"),
    "全系统 for 全局": lambda text: re.sub("全局(?!工作|性|观)", "全系统", text),
    "修改 for 修订": lambda text: text.replace("修订", "修改"),
    "发布 for 公布": lambda text: text.replace("公布", "发布"),
    "下发 for 印发": lambda text: re.sub("(?<!制定)印发", "下发", text),
    "approximate counts (12余件)": lambda text: re.sub(r"(\d+)(件|次|场|项|个|家|名)", r"\1余\2", text),
    # (a PDF's or a typist's space between a number and its measure word)
    "a space before the measure word (12 件)": lambda text: re.sub(r"(\d)(件|次|场|项|个)", r"\1 \2", text),
    # (a count of thousands with its separator, as many pages print it; not a year)
    "thousands separated (1,250件)": lambda text: re.sub(
        r"(?<![\d.,])(\d{1,3})(\d{3})(?=[\u4e00-\u9fff])(?!年)", r"\1,\2", text
    ),
    "人民政府 for 政府": lambda text: re.sub(r"([区县市省])政府(?!办)", r"\1人民政府", text),
    "今年以来, opening a sentence for 全年": lambda text: re.sub(r"(?m)(^|。)全年", r"\1今年以来，", text),
    "主要负责同志 for 主要负责人": lambda text: text.replace("主要负责人", "主要负责同志"),
    "主要领导 for 主要负责人": lambda text: text.replace("主要负责人", "主要领导"),
    "一把手 for 主要负责人": lambda text: text.replace("主要负责人", "一把手"),
    "第一责任人责任 for 第一责任人职责": lambda text: text.replace("第一责任人职责", "第一责任人责任"),
    "切实加强 for 加强 (有待切实加强)": lambda text: re.sub("(?<!切实)加强", "切实加强", text),
    "a part's lead closed by a colon ((一)加强组织领导:)": lambda text: re.sub(
        r"(?m)^(\s*（[一二三四五六七八九十]）[^。\n]{2,20})。", r"\1：", text
    ),
    "a year in Chinese numerals (二〇二四年)": lambda text: re.sub(
        r"20(\d)(\d)年", lambda m: "二〇" + _CN_DIGITS[int(m[1])] + _CN_DIGITS[int(m[2])] + "年", text
    ),
}


@pytest.fixture(scope="module")
def plain_readings() -> dict[Path, tuple]:
    rubric = load_rubric()
    return {path: _reading(analyze(read_document(path), rubric)) for path in SAMPLE}


def _reading(result) -> tuple:
    return (result.region, result.level, result.year, tuple((r.id, r.status) for r in result.requirements))


def test_the_sample_covers_the_written_set_and_the_examples():
    assert len(SAMPLE) >= 130 and any(p.parent == EXAMPLES for p in SAMPLE)


@pytest.mark.parametrize("name", sorted(TRANSFORMS) + sorted(WORDINGS))
def test_layout_script_and_unnoticed_wording_change_no_status(name, plain_readings):
    changed = _changes(TRANSFORMS.get(name) or WORDINGS[name], plain_readings)
    assert not changed, changed


# A heading that fills its printed line to the margin cannot be told from one the width broke, so a
# Word file of printed lines is held to a bound: unjoined, 522 statuses and metadata of 212
# reports of this sample moved (2,087 statuses of the 709 reports bench/invariance.py reads);
# joined, 5 of 5 reports (8 statuses and 1 metadata of the 709).
_WORD_PARAGRAPHS_MOST_MOVED = 6


def test_a_pdf_converted_to_word_reads_as_the_text_nearly_always(plain_readings):
    changed = _changes(printed_lines_as_word_paragraphs, plain_readings)
    assert sum(max(len(diff), 1) for _, _, diff in changed) <= _WORD_PARAGRAPHS_MOST_MOVED, changed


def _changes(transform: Callable[[str], str], plain_readings: dict[Path, tuple]) -> list[tuple]:
    """(report, its metadata before where that moved, the statuses moved) for each report whose
    reading the transformed text moves."""
    rubric = load_rubric()
    changed = []
    for path, plain in plain_readings.items():
        document = read_document(path)
        moved = _reading(analyze(dataclasses.replace(document, text=transform(document.text)), rubric))
        if moved != plain:
            diff = [(a, b) for a, b in zip(plain[3], moved[3], strict=True) if a != b]
            changed.append((path.name, plain[:3] if plain[:3] != moved[:3] else "", diff))
    return changed


def test_a_list_item_under_a_heading_the_width_left_short_stays_its_own_line():
    # the heading fills most of a 76-column line without ending a sentence; the 一是 item under it
    # starts a paragraph of its own, as a numbered heading would
    heading = "一、坚持以习近平法治思想为引领，全面加强党对法治政府建设的领导"
    item = "一是坚持理论武装。省政府党组会议、常务会议全年学习习近平法治思想15次。"
    paragraph = "2024年，省政府坚持依法行政，全年办理行政复议案件126件，纠错率8.6%，行政机关负责人出庭应诉率100%。"
    text = "\n".join([paragraph * 3, heading, item + paragraph * 2, paragraph * 3])
    read = _hard_wrapped_and_read(text).split("\n")
    assert heading in read and any(line.startswith("一是坚持理论武装") for line in read)
