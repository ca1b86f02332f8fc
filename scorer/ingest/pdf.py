"""PDF reports: the text layer, with page layout undone.

A PDF knows characters and their positions, not sentences. From pdfplumber's characters this
module rebuilds lines, drops running headers, footers and page numbers, removes the spaces
layout puts between Chinese characters and around numbers, and re-joins the lines a page
width broke: a line continues into the next when it runs to the right margin, the next line
does not start a heading, and either the line does not end a sentence or the next line is not
indented in a document whose paragraphs are (the usual two-character 首行缩进).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from .base import Document, IngestError

_SENTENCE_END = set("。！？；：!?;:")
_CLOSING = "”’\"'）)】」』》〉]"  # may follow the sentence-final mark: 。” 。）
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+、"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|[（(]\d{1,2}[）)]"
    r"|\d{1,2}(?:、|[.．](?!\d))"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]"
    r"|[①-⑳])"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*"
    r"|(?:共\s*\d{1,4}\s*页\s*[,，/]?\s*)?第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")  # pdfminer's rendering of a glyph with no Unicode

_EDGE_LINES = 2  # how many lines at the top and bottom of a page may be running chrome
_RUNNING_SHARE = 0.5  # a line at the page edge on at least this share of pages is chrome
_WORD_GAP_EM = 0.25  # a gap this wide between two characters is a space
_COLUMN_GAP_EM = 2.0  # a gap this wide separates table columns: always kept as a space
_WRAP_SLACK_EM = 8  # how far short of the margin an unfinished sentence's line may stop
_BODY_START_EM = 3.0  # a body line starts at most a paragraph indent (2 em) right of the margin
_MARGIN_SLACK_EM = 2.0  # a line ending this close to the right margin runs on
_RIGHT_MARGIN_QUANTILE = 0.9  # most lines of a report are full lines ending at the margin
_INDENT_EM = 1.0  # a line starting this far right of the left margin is indented
_INDENTED_PARAGRAPHS_SHARE = 0.5  # paragraphs are marked by indentation if this share of them is
_MIN_CHARS_PER_PAGE = 10  # less than this on average: a scan with a stamped page number


@dataclass
class _Line:
    text: str
    x0: float  # left end
    x1: float  # right end
    size: float  # font size, the unit of the gaps above


def read_pdf(data: bytes, source: str) -> Document:
    pages = _read_lines(data, source)
    body = _drop_running_chrome(pages)
    visible = sum(len(line.text.replace(" ", "")) for line in body)
    if visible < _MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise IngestError(source, "PDF has no text layer (scanned image?); run OCR first")
    return Document(source=source, format="pdf", text="\n".join(_join_wrapped(body)))


def _read_lines(data: bytes, source: str) -> list[list[_Line]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = []
            for number, page in enumerate(pdf.pages):
                pages.append(_page_lines(page.dedupe_chars(), number, source))
                page.close()  # release the page's parsed objects; long reports are big
            return pages
    except PdfminerException as wrapped:
        cause = wrapped.args[0] if wrapped.args else wrapped
        if isinstance(cause, PDFPasswordIncorrect):
            raise IngestError(source, "PDF is password-protected; remove the password first") from None
        if isinstance(cause, PDFEncryptionError):
            raise IngestError(source, f"PDF is encrypted in a way that cannot be opened ({cause})") from None
        raise IngestError(source, f"corrupt PDF ({type(cause).__name__}: {cause})") from None
    except MalformedPDFException as err:
        raise IngestError(source, f"corrupt PDF ({err})") from None


def _page_lines(page, number: int, source: str) -> list[_Line]:
    chars = [c for c in page.chars if c["upright"]  # rotated text is a watermark or a stamp
             and c["x1"] > 0 and c["x0"] < page.width and c["bottom"] > 0 and c["top"] < page.height]
    unmapped = sum(1 for c in chars if _UNMAPPED_GLYPH.match(c["text"]))
    if chars and unmapped * 2 > len(chars):
        raise IngestError(source, f"PDF text on page {number + 1} has no Unicode mapping (embedded "
                                  "fonts without ToUnicode); run OCR first")
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if _UNMAPPED_GLYPH.match(char["text"]):
            continue
        middle = (char["top"] + char["bottom"]) / 2
        if rows and rows[-1][0]["top"] <= middle <= rows[-1][0]["bottom"]:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = _row_text(row)
        if text:
            size = sorted(c["size"] for c in row)[len(row) // 2]
            lines.append(_Line(text=text, x0=row[0]["x0"], x1=max(c["x1"] for c in row), size=size))
    return lines


def _row_text(row: list[dict]) -> str:
    """The characters of one line, with a space only where it separates Latin words or columns."""
    parts: list[str] = []
    previous = None
    spaced = False  # a space glyph since the previous character
    for char in row:
        text = char["text"]
        if not text.strip():
            spaced = previous is not None
            continue
        if previous is not None:
            gap = (char["x0"] - previous["x1"]) / max(previous["size"], 1)
            if gap >= _COLUMN_GAP_EM or ((spaced or gap >= _WORD_GAP_EM)
                                         and _is_latin(parts[-1][-1]) and _is_latin(text[0])):
                parts.append(" ")
        parts.append(text)
        previous, spaced = char, False
    return "".join(parts)


def _is_latin(char: str) -> bool:
    """ASCII letters, digits and signs: the only neighbours between which a space means something."""
    return "!" <= char <= "~"


def _is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _drop_running_chrome(pages: list[list[_Line]]) -> list[_Line]:
    """The lines of all pages without page numbers and lines repeated at the top or bottom of pages."""
    def edge(lines: list[_Line]) -> list[_Line]:
        return lines[:_EDGE_LINES] + lines[_EDGE_LINES:][-_EDGE_LINES:]

    def shape(line: _Line) -> str:  # "第3页" and "第4页" are the same running line
        return _DIGITS.sub("#", line.text.replace(" ", ""))

    pages_with_shape = Counter(shape_ for lines in pages for shape_ in {shape(line) for line in edge(lines)})
    running = {shape_ for shape_, count in pages_with_shape.items()
               if count >= 2 and count >= _RUNNING_SHARE * len(pages)}
    body = []
    for lines in pages:
        chrome = {id(line) for line in edge(lines) if shape(line) in running or _PAGE_NUMBER.match(line.text)}
        body.extend(line for line in lines if id(line) not in chrome)
    return body


def _join_wrapped(lines: list[_Line]) -> list[str]:
    """Paragraphs: each line joined to the next where page width, not the author, broke it."""
    if not lines:
        return []
    layout = _Layout.of(lines)
    paragraphs = [lines[0].text]
    for previous, line in zip(lines, lines[1:]):
        if layout.runs_on(previous, line):
            between_words = _is_letter(previous.text[-1]) and _is_letter(line.text[0])
            paragraphs[-1] += (" " if between_words else "") + line.text
        else:
            paragraphs.append(line.text)
    return paragraphs


@dataclass
class _Layout:
    left_margin: float
    right_margin: float
    indents_paragraphs: bool

    @classmethod
    def of(cls, lines: list[_Line]) -> _Layout:
        # Continuation lines start at the margin, so it is the commonest start; full lines,
        # the commonest kind in a report, end at the right margin.
        left_margin = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
        right_edges = sorted(line.x1 for line in lines)
        right_margin = right_edges[int(_RIGHT_MARGIN_QUANTILE * (len(right_edges) - 1))]
        layout = cls(left_margin, right_margin, indents_paragraphs=False)
        # A line after a short line surely starts a paragraph: how do those start?
        starts = [line for previous, line in zip(lines, lines[1:])
                  if not layout.reaches_margin(previous) and not _HEADING_START.match(line.text)]
        indented = sum(1 for line in starts if layout.indented(line))
        layout.indents_paragraphs = bool(starts) and indented >= _INDENTED_PARAGRAPHS_SHARE * len(starts)
        return layout

    def reaches_margin(self, line: _Line, slack_em: float = _MARGIN_SLACK_EM) -> bool:
        return line.x1 >= self.right_margin - slack_em * line.size

    def indented(self, line: _Line) -> bool:
        return line.x0 >= self.left_margin + _INDENT_EM * line.size

    def runs_on(self, line: _Line, following: _Line) -> bool:
        if _HEADING_START.match(following.text):
            return False
        if not _ends_sentence(line):
            # a long token (98.52%, a 《title》) that did not fit leaves its line a few characters
            # short; a centred line (a title) is short at both ends and stands alone
            starts_left = line.x0 < self.left_margin + _BODY_START_EM * line.size
            return self.reaches_margin(line, _WRAP_SLACK_EM if starts_left else _MARGIN_SLACK_EM)
        if not self.reaches_margin(line):
            return False
        # A sentence ended at the margin: the paragraph goes on unless the next line is indented.
        return self.indents_paragraphs and not self.indented(following)


def _ends_sentence(line: _Line) -> bool:
    return line.text.rstrip(_CLOSING)[-1:] in _SENTENCE_END
