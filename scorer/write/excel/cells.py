"""Cells of the supervisor's workbook: formats, untrusted text, formulas with their values, print setup.

XlsxWriter writes the workbook because it stores a formula's computed value beside the formula:
a reader that does not recalculate (pandas, openpyxl `data_only=True`, a phone previewer) still
sees every score, grade and rank, and Excel / LibreOffice recalculate when someone edits a cell.
In `constant_memory` mode it writes each row out as soon as the next one starts, so the
workbook's memory does not grow with the batch; rows of a sheet must therefore be written in
order, which is why every row here is written whole, by `Sheet.row`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scorer.result import RunResult

FONT_NAME = "Microsoft YaHei"  # present on Windows and WPS; LibreOffice substitutes a CJK font

# (fill, font colour) per status: Excel's own good / neutral / bad palette, grey for n/a.
STATUS_COLOURS = {
    "met": ("C6EFCE", "006100"),
    "partial": ("FFEB9C", "9C5700"),
    "missing": ("FFC7CE", "9C0006"),
    "n/a": ("E7E6E6", "595959"),
}

_BASE = {"font_name": FONT_NAME, "font_size": 10, "valign": "top", "border": 1, "border_color": "#BFBFBF"}
_NO_BORDER = {"border": 0}
_HEADER = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": "#305496",
    "align": "center",
    "valign": "vcenter",
    "text_wrap": True,
    "border": 1,
    "border_color": "#FFFFFF",
}
_KEY = {"font_size": 12, "bold": True, "font_color": "#1F3864"}
_REVIEW = {"bg_color": "#FFF2CC", "locked": False}  # the cells a reviewer fills in
FORMATS: dict[str, dict[str, Any]] = {
    "text": {},
    "wrap": {"text_wrap": True},
    "centre": {"align": "center"},
    "points": {"align": "center", "num_format": "0.0#"},
    "score": {"align": "center", "num_format": "0.0"},
    "percent": {"align": "center", "num_format": "0.0#%"},
    "count": {"align": "center", "num_format": "#,##0.##"},
    "missed_percent": {
        "align": "center",
        "num_format": "0.0#%",
        "bold": True,
        "bg_color": "#FFC7CE",
        "font_color": "#9C0006",
    },
    "missed_count": {
        "align": "center",
        "num_format": "#,##0.##",
        "bold": True,
        "bg_color": "#FFC7CE",
        "font_color": "#9C0006",
    },
    "missed": {"align": "center", "bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "title": {**_NO_BORDER, "font_size": 14, "bold": True, "valign": "vcenter"},
    "subtitle": {**_NO_BORDER, "font_size": 9, "font_color": "#595959"},
    "plain": _NO_BORDER,
    "note": {**_NO_BORDER, "font_size": 9, "italic": True, "font_color": "#7F6000"},
    "label": {"bold": True, "bg_color": "#F2F2F2"},
    "header": _HEADER,
    "stacked_header": {**_HEADER, "valign": "bottom", "rotation": 270},
    "key": _KEY,
    "key_score": {**_KEY, "align": "center", "num_format": "0.0"},
    "key_points": {**_KEY, "align": "left", "num_format": "0.0#"},
    "override": {**_REVIEW, "align": "center", "num_format": "0.0#"},
    "review_text": {**_REVIEW, "text_wrap": True},
    "link": {"font_color": "#0563C1", "underline": 1},
    "plain_link": {**_NO_BORDER, "font_color": "#0563C1", "underline": 1},
    **{
        status: {"align": "center", "bg_color": f"#{fill}", "font_color": f"#{colour}"}
        for status, (fill, colour) in STATUS_COLOURS.items()
    },
}
# Conditional formats (colour only) for cells whose status is a formula and may change.
DXF: dict[str, dict[str, Any]] = {
    status: {"bg_color": f"#{fill}", "font_color": f"#{colour}"} for status, (fill, colour) in STATUS_COLOURS.items()
}
DXF["bad_input"] = {"bg_color": "#FF0000", "font_color": "#FFFFFF", "bold": True}
DXF["review"] = {"bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF"}

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in XML
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_CELL_TEXT_MAX = 32767
_LINE_HEIGHT = 14.5  # points per line of 10 pt text in a CJK font (YaHei, Noto CJK line spacing)
_ROW_HEIGHT_MAX = 409  # Excel's limit


class Formula(str):
    """A formula the tool wrote itself (without the leading =); every other string is text."""

    value: Any

    def __new__(cls, formula: str, value: Any):
        made = super().__new__(cls, formula)
        made.value = value  # what it computes to for the results as scored: stored in the file
        return made


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    style: str = "text"  # of the cells below the header
    header_style: str = "header"


class Book:
    """One XlsxWriter workbook, its formats built once, and what every sheet's margins say."""

    def __init__(self, path: str, run: RunResult, scratch: str):
        import xlsxwriter

        self.workbook = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "tmpdir": scratch,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.workbook.set_properties(
            {
                "title": "法治政府建设情况报告评分表",
                "subject": f"{run.rubric.id} {run.rubric.version}",
                "comments": f"{run.tool_name} {run.tool_version}; {run.rubric.title}",
            }
        )
        self._formats: dict[tuple[str, bool], Any] = {}
        self.dxf = {name: self.workbook.add_format(look) for name, look in DXF.items()}
        rubric = _margin_text(f"{run.rubric.title}（{run.rubric.id} {run.rubric.version}）")
        self.header = f"&L&8{rubric}&R&8评分时间 {_margin_text(run.run_date)}"
        self.footer = f"&L&8{_margin_text(f'{run.tool_name} {run.tool_version}')}&C&8第 &P 页，共 &N 页&R&8&A"

    def format(self, style: str, quote: bool = False) -> Any:
        key = (style, quote)
        if key not in self._formats:
            look = {**_BASE, **FORMATS[style]}
            if quote:
                look["quote_prefix"] = True
            self._formats[key] = self.workbook.add_format(look)
        return self._formats[key]

    def sheet(self, name: str) -> Sheet:
        return Sheet(self, self.workbook.add_worksheet(name, worksheet_class=_worksheet_class()))


class Sheet:
    """A worksheet written row by row."""

    def __init__(self, book: Book, worksheet: Any):
        self.book, self.ws = book, worksheet
        self.widths: dict[int, float] = {}
        worksheet.set_header(book.header)
        worksheet.set_footer(book.footer)
        worksheet.set_landscape()
        worksheet.set_paper(9)  # A4
        worksheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)

    @property
    def name(self) -> str:
        return self.ws.name

    def set_widths(self, columns: Sequence[Column], first_col: int = 0) -> None:
        for col, column in enumerate(columns, first_col):
            self.ws.set_column(col, col, column.width)
            self.widths[col] = column.width

    def row(
        self,
        row: int,
        cells: Sequence[Any],
        styles: str | Sequence[str] = "text",
        first_col: int = 0,
        height: float | None = None,
    ) -> None:
        """Write one whole row: its height first (wrapped text), then every cell.

        A cell is None (not written: cheaper than a blank), a number, a Formula, a (text, url) link
        tuple, or a string, which is always written as text whatever it begins with.
        """
        looks = [styles] * len(cells) if isinstance(styles, str) else list(styles)
        lines = 1
        for col, (value, look) in enumerate(zip(cells, looks, strict=False), first_col):
            if isinstance(value, str) and not isinstance(value, Formula) and FORMATS[look].get("text_wrap"):
                lines = max(lines, _lines(value, self.widths.get(col, 8.43)))
        if height is not None or lines > 1:
            self.ws.set_row(row, height or min(_ROW_HEIGHT_MAX, lines * _LINE_HEIGHT + 2))
        for col, (value, look) in enumerate(zip(cells, looks, strict=False), first_col):
            if value is not None:
                self.cell(row, col, value, look)

    def cell(self, row: int, col: int, value: Any, style: str = "text") -> None:
        ws, fmt = self.ws, self.book.format(style)
        if isinstance(value, Formula):
            ws.write_formula(row, col, "=" + value, fmt, value.value)
        elif isinstance(value, tuple):  # (text, url): a link the tool made
            text, url = value
            label = clean(text)  # a label starting with = or @ stays text, as any other cell
            ws.write_url(
                row,
                col,
                url,
                self.book.format("plain_link" if style == "plain" else "link", label.startswith(_RISKY_START)),
                label,
            )
        elif isinstance(value, str):
            text = clean(value)
            if text:
                ws.write_string(row, col, text, self.book.format(style, text.startswith(_RISKY_START)))
            else:
                ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_string(row, col, "是" if value else "否", fmt)
        elif isinstance(value, (int, float)) and math.isfinite(value):
            ws.write_number(row, col, value, fmt)
        else:
            ws.write_blank(row, col, None, fmt)

    def table(
        self,
        header_row: int,
        columns: Sequence[Column],
        last_row: int,
        *,
        freeze_col: int = 0,
        pages_wide: int = 1,
        first_col: int = 0,
        filter: bool = True,
        header_height: float | None = None,
    ) -> None:
        """Header, widths, frozen header, filter, and printing: repeated header, fit to width."""
        self.set_widths(columns, first_col)
        self.row(
            header_row, [c.header for c in columns], [c.header_style for c in columns], first_col, height=header_height
        )
        self.ws.freeze_panes(header_row + 1, freeze_col)
        if filter:
            self.ws.autofilter(header_row, first_col, max(last_row, header_row), first_col + len(columns) - 1)
        self.ws.repeat_rows(header_row)
        self.ws.fit_to_pages(pages_wide, 0)

    def status_colours(
        self, first_row: int, col: int, last_row: int, values: dict[str, str], last_col: int | None = None
    ) -> None:
        """Colour status texts or symbols (formulas) by what they say now."""
        for status, shown in values.items():
            self.ws.conditional_format(
                first_row,
                col,
                max(last_row, first_row),
                last_col or col,
                {"type": "cell", "criteria": "==", "value": excel_string(shown), "format": self.book.dxf[status]},
            )


@functools.cache
def _worksheet_class() -> type:
    from xlsxwriter.worksheet import Worksheet

    class ClassicFormulaWorksheet(Worksheet):
        """XlsxWriter matches every formula against some 500 newer Excel function names, one
        regular expression each, to give them their `_xlfn.` prefix: that took most of the
        writing time (0.25 ms a formula, ~160 formulas a report). The workbook's formulas use
        only functions every Excel since 2007 knows (IF SUM ROUND COUNTIF(S) SUMPRODUCT IFERROR
        MAX MIN VALUE LEN), which need no prefix."""

        def _prepare_formula(self, formula, expand_future_functions=False):
            return formula[1:] if formula.startswith("=") else formula

    return ClassicFormulaWorksheet


def clean(text: str) -> str:
    return _ILLEGAL.sub("", text)[:_CELL_TEXT_MAX]


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` characters wide: neither LibreOffice nor
    Excel grows a row by itself when it opens the file, so the rows are sized here (a CJK
    character is about two column-width units, which is what its UTF-8 length says)."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil((len(line.encode()) + len(line)) / 2 / usable)) for line in text.split("\n"))


def _margin_text(text: str) -> str:
    """Text for a page header or footer, where & starts a code."""
    return clean(text).replace("&", "&&")[:80]


def excel_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def col_name(col: int) -> str:
    """0-based column index → letters."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def ref(sheet: str, col: int, row: int, *, absolute: bool = True) -> str:
    """A cell of another sheet, 0-based row and column (names never hold an apostrophe)."""
    dollar = "$" if absolute else ""
    return f"'{sheet}'!{dollar}{col_name(col)}{dollar}{row + 1}"


def span(sheet: str, col: int, first: int, last: int) -> str:
    return f"'{sheet}'!${col_name(col)}${first + 1}:${col_name(col)}${last + 1}"
