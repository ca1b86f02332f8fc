"""Word .docx reports: paragraphs and tables in document order, headings from the file's styles,
and the labels Word draws before numbered paragraphs (一、 （一） 1.) from its numbering part. A
table's cell that holds prose (a template that sets the report in a table) is read as a page is,
and so are text boxes when they hold the report (a converter that keeps a PDF's layout).

The package is read with zipfile and lxml: its relationships lead to the main document part and
its styles part. The zip is inspected first (see package): a zip bomb is refused without
inflating it, and XML parts that declare a DTD (entity expansion tricks) are refused outright.
(python-docx used to read it: ~40 ms of imports per `scorer check`, for the few properties read
here; the text and headings are the same, character for character.)
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..numbers import chinese_count
from .base import Document, IngestError
from .layout import SENTENCE_END_INSIDE
from .package import ZIP_ERRORS, check_sizes, declares_dtd, unsafe_xml

TABLE_CELL_SEPARATOR = " | "

# Packages that are zip files but not Word documents, by a part only they have.
_OTHER_PACKAGES = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint deck (.pptx)"),
    ("content.xml", "an OpenDocument file (.odt/.ods)"),
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NAMESPACES = {"w": _W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_W_P, _W_TBL, _W_TR, _W_TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_W_VAL = _W + "val"
# Content controls and custom XML wrap paragraphs and tables without changing their order.
_W_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}
# What a run's content elements read as (a w:br reads as a line break only when it is one).
_RUN_TEXT = {_W + "cr": "\n", _W + "noBreakHyphen": "-", _W + "ptab": "\t", _W + "tab": "\t"}
_W_T, _W_BR = _W + "t", _W + "br"
_W_TXBX = _W + "txbxContent"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# Open Packaging Conventions: how the package names its main part and that part its styles.
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*(?:\d|heading)?$", re.IGNORECASE)
_BODY_TEXT_OUTLINE_LEVEL = 9  # w:outlineLvl 0-8 are levels 1-9; 9 means "body text"
_MAX_STYLE_CHAIN = 16  # basedOn chains are short; the bound only guards against cycles
# A cell of at least this many paragraphs and characters, one of them ending a sentence, holds
# prose: a table's entries (指标 | 数值, a form's fields) are short and single.
_PROSE_CELL_PARAGRAPHS = 3
_PROSE_CELL_CHARS = 100


def read_docx(data: bytes, source: str) -> Document:
    document_xml, styles_xml, numbering_xml = _read_package(data, source)
    body = _parse(document_xml).find(_W + "body")
    if body is None:
        return Document(source=source, format="docx", text="")
    styles = _StyleLookup(_parse(styles_xml) if styles_xml is not None else None)
    numbering = _Numbering(_parse(numbering_xml) if numbering_xml is not None else None, styles)
    reading = _Reading(styles, numbering, boxes=_set_in_text_boxes(body))
    lines: list[str] = []
    headings: list[tuple[int, int, int]] = []
    position = 0  # offset of the next line in "\n".join(lines)
    for line, level in reading.lines(body):
        if level is not None:
            headings.append((position, position + len(line), level))
        lines.append(line)
        position += len(line) + 1
    return Document(source=source, format="docx", text="\n".join(lines), headings=tuple(headings))


def _set_in_text_boxes(body) -> bool:
    """Whether the text boxes hold more of the text than the body (a PDF converted to Word with
    its layout kept, a page a text box at a time); a report's own boxes (a seal's words, a note
    beside the text) hold little."""
    boxed = sum(len(_paragraph_text(p)) for box in _boxes(body) for p in box.iter(_W_P))
    return boxed > 0 and boxed > sum(len(_paragraph_text(p)) for p in body.iter(_W_P) if _directly_in(p, body))


def _boxes(element) -> Iterator[Any]:
    """The text boxes in `element` that no other box in it holds, in document order; not the
    fallback copy Word keeps of each for older readers."""
    for box in element.iter(_W_TXBX):
        if _directly_in(box, element):
            yield box


def _directly_in(inner, element) -> bool:
    """Whether no text box (nor a fallback copy) stands between `inner` and `element`, which holds it."""
    for ancestor in inner.iterancestors():
        if ancestor is element:
            return True
        if ancestor.tag in (_W_TXBX, _MC_FALLBACK):
            return False
    return True


@dataclass(frozen=True)
class _Reading:
    styles: _StyleLookup
    numbering: _Numbering
    boxes: bool  # read text boxes where they stand (else they are no text: see _set_in_text_boxes)

    def lines(self, parent) -> Iterator[tuple[str, int | None]]:
        """(line, heading level) for each paragraph and table row in `parent` (the body, a cell
        or a text box laid out as a page), in document order; blank lines dropped."""
        for element in _block_elements(parent):
            if element.tag == _W_P:
                if self.styles.is_toc_entry(element):  # a table of contents repeats the headings
                    continue
                text = _paragraph_text(element).strip()
                if text:
                    yield self.numbering.label(element, text) + text, self.styles.heading_level(element)
                for box in _boxes(element) if self.boxes else ():
                    yield from self.lines(box)
            else:
                yield from self._table_lines(element)

    def _table_lines(self, tbl) -> Iterator[tuple[str, int | None]]:
        """One line per row, cells joined by TABLE_CELL_SEPARATOR, blank rows dropped; but a cell
        that holds prose (a template that sets the report in a table, 报告内容 | the report) is
        read as a page is, paragraph by paragraph, after its row's other cells."""
        for tr in tbl.iterchildren(_W_TR):  # nested tables are read inside their cell
            cells = [(tc, _filled_paragraphs(tc)) for tc in tr.iterchildren(_W_TC)]
            prose = [tc for tc, paragraphs in cells if _holds_prose(paragraphs)]
            texts = [_cell_text(tc, paragraphs) for tc, paragraphs in cells if tc not in prose]
            if prose:  # the row's other cells: a label (报告内容), a date
                texts = [text for text in texts if text]
            if any(texts):
                yield TABLE_CELL_SEPARATOR.join(texts), None
            for tc in prose:
                yield from self.lines(tc)


def _filled_paragraphs(tc) -> list[str]:
    """The text of a cell's paragraphs that hold any, nested tables' too."""
    return [text for text in (_paragraph_text(p).strip() for p in tc.iter(_W_P)) if text]


def _holds_prose(paragraphs: list[str]) -> bool:
    """Whether a cell's paragraphs are a page's text rather than a table's entry: sentences."""
    return (
        len(paragraphs) >= _PROSE_CELL_PARAGRAPHS
        and sum(map(len, paragraphs)) >= _PROSE_CELL_CHARS
        and any(SENTENCE_END_INSIDE.search(text) for text in paragraphs)
    )


def _read_package(data: bytes, source: str) -> tuple[bytes, bytes | None, bytes | None]:
    """The main document part, the styles part and the numbering part (None when there is none),
    after refusing a zip that is corrupt, not a Word document, too big unpacked, or declares a DTD."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            names = {member.filename for member in members}
            if not any(name.startswith("word/") for name in names):
                what = next((label for part, label in _OTHER_PACKAGES if part in names), "a zip archive")
                raise IngestError(source, f"not a Word document: this is {what}; save it as .docx, .pdf or .txt")
            check_sizes(members, source, "docx")
            if "[Content_Types].xml" in names and b"macroEnabled" in package.read("[Content_Types].xml"):
                raise IngestError(
                    source,
                    "macro-enabled Word document (.docm); save it as a plain .docx (without macros), .pdf or .txt",
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and declares_dtd(package.read(member)):
                    raise unsafe_xml(source, "docx", member.filename)
            main = _related_part(package, names, "", _OFFICE_DOCUMENT)
            if main is None:
                raise IngestError(source, "corrupt .docx (no main document part)")
            content_type = _content_type(package, names, main)
            if content_type != _WORD_MAIN:
                raise IngestError(source, f"not a Word document: its main part is {content_type or 'untyped'}")
            styles, numbering = (_related_part(package, names, main, kind) for kind in (_STYLES, _NUMBERING))
            return (
                package.read(main),
                package.read(styles) if styles is not None else None,
                package.read(numbering) if numbering is not None else None,
            )
    except ZIP_ERRORS as err:
        raise IngestError(source, f"corrupt .docx (not a valid zip: {err})") from None


def _related_part(package: zipfile.ZipFile, names: set[str], part: str, relationship: str) -> str | None:
    """The member `part` ("" for the package itself) relates to by `relationship`, if it is there."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in names:
        return None
    for rel in _parse(package.read(rels)).iter(_RELATIONSHIPS):
        if rel.get("Type") == relationship and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            where = posixpath.normpath(posixpath.join("/" + folder, target))[1:]
            return where if where in names else None
    return None


def _content_type(package: zipfile.ZipFile, names: set[str], part: str) -> str | None:
    """A part's content type: its Override in [Content_Types].xml, else its extension's Default."""
    if "[Content_Types].xml" not in names:
        return None
    types = _parse(package.read("[Content_Types].xml"))
    for override in types.iter(_CONTENT_TYPES + "Override"):
        if override.get("PartName", "").lower() == "/" + part.lower():
            return override.get("ContentType")
    extension = posixpath.splitext(part)[1][1:].lower()
    for default in types.iter(_CONTENT_TYPES + "Default"):
        if default.get("Extension", "").lower() == extension:
            return default.get("ContentType")
    return None


@lru_cache(maxsize=1)
def _parser():
    from lxml import etree

    # No entity is ever resolved (a part with a DTD is refused before this); blank text between
    # elements is dropped, as Word's own XML has none that means anything.
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def _parse(xml: bytes):
    from lxml import etree

    return etree.fromstring(xml, _parser())


def _block_elements(parent):
    """The w:p and w:tbl elements of the body, in document order."""
    for child in parent:
        if child.tag in (_W_P, _W_TBL):
            yield child
        elif child.tag in _W_WRAPPERS:
            yield from _block_elements(child)


@lru_cache(maxsize=1)
def _runs_xpath():
    from lxml import etree

    # Deleted and moved-away text is not in the report; the fallback copy of alternate content
    # would repeat text; a text box's runs are its own paragraphs' (read where the box stands
    # when the boxes hold the report); a phonetic guide's reading (w:rt) glosses the character
    # below it (w:rubyBase), which is the text.
    return etree.XPath(
        ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback or ancestor::w:rt)"
        " and count(ancestor::w:txbxContent) = $boxes]",
        namespaces=_NAMESPACES,
    )


def _paragraph_text(p) -> str:
    """The text of a paragraph's own runs: not of a text box it anchors (a paragraph in a box
    has the box's runs)."""
    boxes = sum(1 for _ in p.iterancestors(_W_TXBX))
    return "".join(_run_text(run) for run in _runs_xpath()(p, boxes=boxes))


def _run_text(run) -> str:
    """A run's text: w:t as written; w:tab and w:ptab a tab; w:cr and a line break (w:br without a
    type, or of type textWrapping) a newline; a page or column break nothing."""
    parts = []
    for child in run:
        tag = child.tag
        if tag == _W_T:
            parts.append(child.text or "")
        elif tag == _W_BR:
            if child.get(_W + "type", "textWrapping") == "textWrapping":
                parts.append("\n")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
    return "".join(parts)


def _cell_text(tc, paragraphs: list[str]) -> str:
    """A cell's paragraphs (`_filled_paragraphs`) as one entry of its row."""
    v_merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    if v_merge is not None and v_merge.get(_W + "val", "continue") == "continue":
        return ""  # the merged cell's text belongs to the row where the merge starts
    return " ".join(paragraphs).replace("\n", " ")


class _StyleLookup:
    """Heading levels and table-of-contents entries, from paragraph properties and styles.

    Styles are found as Word finds them: a paragraph without a style, or whose style is not a
    paragraph style of the file, has the default paragraph style; a style's level may come from
    the style it is based on."""

    def __init__(self, styles):  # the styles part's w:styles element, or None
        self._styles: dict[str, Any] = {}  # style id → its (first) w:style
        self._default = None  # the last paragraph style marked default
        for style in styles.iterchildren(_W + "style") if styles is not None else ():
            style_id = style.get(_W + "styleId")
            if style_id is not None:
                self._styles.setdefault(style_id, style)
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in _ON:
                self._default = style
        self._by_style_id: dict[str | None, tuple[int | None, bool]] = {}

    def heading_level(self, p) -> int | None:
        outline = _outline_level(p.find(f"{_W}pPr"))
        if outline is not None:  # direct formatting overrides the style
            return outline or None
        return self._style_facts(p)[0]

    def is_toc_entry(self, p) -> bool:
        return self._style_facts(p)[1]

    def style_numbering(self, p):
        """The w:numPr a paragraph's style gives it (a numbered heading style), through basedOn."""
        style = self._style(_child_value(p.find(f"{_W}pPr"), "pStyle"))
        for _ in range(_MAX_STYLE_CHAIN):
            if style is None:
                return None
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                return num_pr
            style = self._styles.get(_child_value(style, "basedOn") or "")
        return None

    def _style_facts(self, p) -> tuple[int | None, bool]:
        style_id = _child_value(p.find(f"{_W}pPr"), "pStyle")
        if style_id not in self._by_style_id:
            style = self._style(style_id)
            facts = (self._heading_level(style), _TOC_STYLE.match(_name(style)) is not None)
            self._by_style_id[style_id] = facts
        return self._by_style_id[style_id]

    def _style(self, style_id: str | None):
        """The paragraph style of that id, or the default one (for none, or one of another kind)."""
        style = self._styles.get(style_id) if style_id else None
        return style if style is not None and style.get(_W + "type") == "paragraph" else self._default

    def _heading_level(self, style) -> int | None:
        """Level from the style's name or outline level, inherited through basedOn."""
        for _ in range(_MAX_STYLE_CHAIN):
            if style is None:
                return None
            name = _name(style)
            numbered = _HEADING_STYLE.match(name)
            if numbered:
                return int(numbered.group(1))
            if name.lower() in _TITLE_STYLES:
                return 1
            outline = _outline_level(style.find(f"{_W}pPr"))
            if outline is not None:
                return outline or None
            style = self._styles.get(_child_value(style, "basedOn") or "")
        return None


@dataclass(frozen=True)
class _Level:
    """One level of a list: its first number, how its numbers are written (w:numFmt: decimal,
    chineseCounting, bullet …) and the label's pattern (%1、 （%2） %1.%2)."""

    start: int
    number_format: str
    pattern: str

    @staticmethod
    def of(lvl) -> _Level:
        return _Level(
            start=_int(_child_value(lvl, "start"), 1),
            number_format=_child_value(lvl, "numFmt") or "decimal",
            pattern=_child_value(lvl, "lvlText") or "",
        )


class _Numbering:
    """The labels Word draws before numbered paragraphs: not in the paragraphs' text, but how a
    report numbers its parts (一、 （一） 1.). Counted as Word counts them: a list's numbers run on
    through the document, each level starting again after a use of a level above it; a numbering
    instance may override a level's start."""

    _MAX_LEVELS = 9

    def __init__(self, numbering, styles: _StyleLookup):  # the numbering part's w:numbering, or None
        abstract: dict[str, dict[int, _Level]] = {}
        for definition in numbering.iterchildren(_W + "abstractNum") if numbering is not None else ():
            abstract[definition.get(_W + "abstractNumId", "")] = {
                _int(lvl.get(_W + "ilvl"), 0): _Level.of(lvl) for lvl in definition.iterchildren(_W + "lvl")
            }
        self._lists: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}  # numId → list, levels, restarts
        for instance in numbering.iterchildren(_W + "num") if numbering is not None else ():
            abstract_id = _child_value(instance, "abstractNumId") or ""
            levels = dict(abstract.get(abstract_id, {}))
            restarts = {}
            for override in instance.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), 0)
                redefined = override.find(_W + "lvl")
                if redefined is not None:
                    levels[ilvl] = _Level.of(redefined)
                start = _child_value(override, "startOverride")
                if start is not None:
                    restarts[ilvl] = _int(start, 1)
            self._lists[instance.get(_W + "numId", "")] = (abstract_id, levels, restarts)
        self._styles = styles
        self._counters: dict[str, list[int | None]] = {}  # per list: the last number used at each level
        self._restarted: set[tuple[str, int]] = set()  # the numbering instances whose restarts were applied

    def label(self, p, text: str) -> str:
        """The label drawn before paragraph `p` (its text `text`), counting it; "" for none."""
        if not self._lists:
            return ""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")  # the paragraph's own, else its style's
        if num_pr is None:
            num_pr = self._styles.style_numbering(p)
        if num_pr is None:
            return ""
        num_id = _child_value(num_pr, "numId")
        if num_id is None or num_id not in self._lists:  # numId 0: numbering switched off
            return ""
        list_id, levels, restarts = self._lists[num_id]
        ilvl = min(max(_int(_child_value(num_pr, "ilvl"), 0), 0), self._MAX_LEVELS - 1)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(list_id, [None] * self._MAX_LEVELS)
        if ilvl in restarts and (num_id, ilvl) not in self._restarted:
            self._restarted.add((num_id, ilvl))
            counters[ilvl] = restarts[ilvl] - 1
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        counters[ilvl + 1 :] = [None] * (self._MAX_LEVELS - ilvl - 1)
        if level.number_format in ("bullet", "none"):
            return ""  # a bullet's symbol is no number, and often a private-use glyph
        label = _PLACEHOLDER.sub(lambda m: self._number(m, levels, counters), level.pattern)
        return label if not label or label[-1] in _LABEL_ENDS or text[:1] in _LABEL_ENDS else label + " "

    @staticmethod
    def _number(m: re.Match[str], levels: dict[int, _Level], counters: list[int | None]) -> str:
        ilvl = int(m.group(1)) - 1
        level = levels.get(ilvl)
        if level is None:
            return ""
        value = counters[ilvl]
        return _format_number(level.start if value is None else value, level.number_format)


_PLACEHOLDER = re.compile(r"%([1-9])")
_LABEL_ENDS = set("、.．)）:：,，　 \t")
_CN_DIGITS = "〇一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _format_number(n: int, number_format: str) -> str:
    """A list number as Word writes it in `number_format` (w:numFmt)."""
    if number_format.startswith(("chinese", "ideographDigital", "japaneseCounting", "taiwanese")) and 0 < n < 100:
        if number_format == "ideographDigital":
            return "".join(_CN_DIGITS[int(d)] for d in str(n))
        return chinese_count(n)
    if number_format == "ideographTraditional" and 0 < n <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[n - 1]
    if number_format.startswith("decimalEnclosedCircle") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if number_format in ("lowerLetter", "upperLetter") and n > 0:
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters if number_format == "lowerLetter" else letters.upper()
    if number_format in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        roman = ""
        for value, numeral in _ROMAN:
            while n >= value:
                roman, n = roman + numeral, n - value
        return roman if number_format == "lowerRoman" else roman.upper()
    if number_format == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, and the full-width and other forms the normaliser reads as digits


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_ON = {"1", "true", "on"}  # how XML says yes to an on/off property


def _child_value(element, child: str) -> str | None:
    """The w:val of the element's first w:`child`, if both are there."""
    found = element.find(_W + child) if element is not None else None
    return found.get(_W_VAL) if found is not None else None


def _name(style) -> str:
    return (_child_value(style, "name") or "").strip()


def _outline_level(p_pr) -> int | None:
    """Heading level 1-9 from w:outlineLvl, 0 for an explicit "body text", None when unset."""
    element = p_pr.find(f"{_W}outlineLvl") if p_pr is not None else None
    if element is None:
        return None
    try:
        value = int(element.get(_W + "val", ""))
    except ValueError:
        return None
    return value + 1 if 0 <= value < _BODY_TEXT_OUTLINE_LEVEL else 0
