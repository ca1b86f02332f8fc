"""Word .docx reports: paragraphs and tables in document order, headings from the file's styles.

The zip is inspected before python-docx sees it (see package): a zip bomb is refused without
inflating it, and XML parts that declare a DTD (entity expansion tricks) are refused outright.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

from .base import Document, IngestError
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
# Content controls and custom XML wrap paragraphs and tables without changing their order.
_W_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*(?:\d|heading)?$", re.IGNORECASE)
_BODY_TEXT_OUTLINE_LEVEL = 9  # w:outlineLvl 0-8 are levels 1-9; 9 means "body text"
_MAX_STYLE_CHAIN = 16  # basedOn chains are short; the bound only guards against cycles


def read_docx(data: bytes, source: str) -> Document:
    _check_package(data, source)
    from docx import Document as open_docx

    document = open_docx(io.BytesIO(data))
    lines: list[str] = []
    headings: list[tuple[int, int, int]] = []
    position = 0  # offset of the next line in "\n".join(lines)
    styles = _StyleLookup(document)
    for element in _block_elements(document.element.body):
        if element.tag == _W_P:
            if styles.is_toc_entry(element):  # a table of contents repeats the headings
                continue
            line = _paragraph_text(element).strip()
            level = styles.heading_level(element)
        else:
            line = _table_text(element)
            level = None
        if not line:
            continue
        if level is not None:
            headings.append((position, position + len(line), level))
        lines.append(line)
        position += len(line) + 1
    return Document(source=source, format="docx", text="\n".join(lines), headings=tuple(headings))


def _check_package(data: bytes, source: str) -> None:
    """Refuse a zip that is corrupt, not a Word document, too big unpacked, or declares a DTD."""
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
    except ZIP_ERRORS as err:
        raise IngestError(source, f"corrupt .docx (not a valid zip: {err})") from None


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

    # Deleted and moved-away text is not in the report; text boxes and the fallback copy of
    # alternate content would repeat or scatter text.
    return etree.XPath(
        ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent or ancestor::mc:Fallback)]",
        namespaces=_NAMESPACES,
    )


def _paragraph_text(p) -> str:
    # python-docx's run element renders w:t, w:tab and w:br as text, "\t" and "\n".
    return "".join(run.text for run in _runs_xpath()(p))


def _table_text(tbl) -> str:
    """One line per row, cells joined by TABLE_CELL_SEPARATOR; blank rows dropped."""
    rows = []
    for tr in tbl.iterchildren(_W_TR):  # nested tables are read inside their cell
        cells = [_cell_text(tc) for tc in tr.iterchildren(_W_TC)]
        if any(cells):
            rows.append(TABLE_CELL_SEPARATOR.join(cells))
    return "\n".join(rows)


def _cell_text(tc) -> str:
    v_merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    if v_merge is not None and v_merge.get(_W + "val", "continue") == "continue":
        return ""  # the merged cell's text belongs to the row where the merge starts
    paragraphs = (_paragraph_text(p).strip() for p in tc.iter(_W_P))
    return " ".join(text for text in paragraphs if text).replace("\n", " ")


class _StyleLookup:
    """Heading levels and table-of-contents entries, from paragraph properties and styles."""

    def __init__(self, document):
        self._styles = document.styles
        self._by_style_id: dict[str | None, tuple[int | None, bool]] = {}

    def heading_level(self, p) -> int | None:
        outline = _outline_level(p.find(f"{_W}pPr"))
        if outline is not None:  # direct formatting overrides the style
            return outline or None
        return self._style_facts(p)[0]

    def is_toc_entry(self, p) -> bool:
        return self._style_facts(p)[1]

    def _style_facts(self, p) -> tuple[int | None, bool]:
        style_id = p.style  # python-docx: the w:pStyle value, or None
        if style_id not in self._by_style_id:
            from docx.enum.style import WD_STYLE_TYPE

            style = self._styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
            self._by_style_id[style_id] = (_style_heading_level(style), _TOC_STYLE.match(_name(style)) is not None)
        return self._by_style_id[style_id]


def _style_heading_level(style) -> int | None:
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
        outline = _outline_level(style.element.find(f"{_W}pPr"))
        if outline is not None:
            return outline or None
        style = style.base_style
    return None


def _name(style) -> str:
    return (style.name or "").strip() if style is not None else ""


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
