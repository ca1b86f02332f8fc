"""PDF reports: the text layer, with page layout undone (see layout), and OCR for pages without one.

A PDF knows characters and their positions, not sentences: pdfplumber's characters are handed
to layout, which rebuilds lines and paragraphs. A page with no text layer (a scan) or with
glyphs that map to no character is recognised by OCR when the optional extra is installed
(see ocr); the Document then says so, since its text may hold recognition errors.
"""

from __future__ import annotations

import io
import re

from ..result import ReportWarning, pages_not_read
from . import ocr
from .base import Document, IngestError
from .layout import Line, Piece, assemble, drop_running_chrome, page_lines

_UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")  # pdfminer's rendering of a glyph with no Unicode
_MIN_CHARS_PER_PAGE = 10  # less than this on average: a scan with a stamped page number
PASSWORD_PROTECTED = "password protected: the PDF needs a password to open; save a copy without it"


def read_pdf(data: bytes, source: str) -> Document:
    pages, unreadable = _read_pages(data, source)
    tried_ocr = bool(unreadable) and ocr.available()
    if tried_ocr:
        for number, lines in ocr.recognise_pages(data, sorted(unreadable), source).items():
            pages[number] = lines
    else:
        unmapped = [number for number, why in sorted(unreadable.items()) if why == _UNMAPPED]
        if unmapped:
            raise IngestError(
                source,
                f"PDF text on page {unmapped[0] + 1} has no Unicode mapping (embedded "
                f"fonts without ToUnicode); to read it by OCR, {ocr.INSTALL_HINT}",
            )
    body = drop_running_chrome(pages)
    visible = sum(len(line.text.replace(" ", "")) for line in body)
    if visible < _MIN_CHARS_PER_PAGE * max(len(pages), 1):
        hint = "OCR found no text either" if tried_ocr else ocr.INSTALL_HINT
        raise IngestError(source, f"PDF has no text layer (scanned image?); {hint}")
    text, _ = assemble(body)
    used_ocr = tried_ocr and any(pages[number] for number in unreadable)
    warnings: tuple[ReportWarning, ...] = ()
    if unreadable and not tried_ocr:  # scanned pages among text pages: say what the score misses
        numbers = "、".join(str(number + 1) for number in sorted(unreadable))
        warnings = (pages_not_read(numbers),)
    return Document(source=source, format="pdf", text=text, ocr=used_ocr, warnings=warnings)


_SCANNED, _UNMAPPED = "scanned", "unmapped"


def _read_pages(data: bytes, source: str) -> tuple[list[list[Line]], dict[int, str]]:
    """The lines of each page, and the pages OCR should read: {page index: _SCANNED | _UNMAPPED}."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:  # the empty user password opens owner-only PDFs
            pages: list[list[Line]] = []
            unreadable: dict[int, str] = {}
            for number, page in enumerate(pdf.pages):
                deduped = page.dedupe_chars()
                chars = [
                    c
                    for c in deduped.chars
                    if c["upright"]  # rotated text is a watermark or a stamp
                    and c["x1"] > 0
                    and c["x0"] < page.width
                    and c["bottom"] > 0
                    and c["top"] < page.height
                ]
                unmapped = sum(1 for c in chars if _UNMAPPED_GLYPH.match(c["text"]))
                if chars and unmapped * 2 > len(chars):
                    unreadable[number] = _UNMAPPED
                elif len(chars) - unmapped < _MIN_CHARS_PER_PAGE and page.images:
                    unreadable[number] = _SCANNED
                pages.append(
                    page_lines(
                        Piece(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"])
                        for c in chars
                        if not _UNMAPPED_GLYPH.match(c["text"])
                    )
                )
                page.close()  # release the page's parsed objects; long reports are big
            return pages, unreadable
    except PdfminerException as wrapped:
        cause = wrapped.args[0] if wrapped.args else wrapped
        if isinstance(cause, PDFPasswordIncorrect):
            raise IngestError(source, PASSWORD_PROTECTED) from None
        if isinstance(cause, PDFEncryptionError):
            raise IngestError(source, f"PDF is encrypted in a way that cannot be opened ({cause})") from None
        raise IngestError(source, f"corrupt PDF ({type(cause).__name__}: {cause})") from None
    except MalformedPDFException as err:
        raise IngestError(source, f"corrupt PDF ({err})") from None
