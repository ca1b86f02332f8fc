"""OCR of PDF pages that have no text layer: scans, photographed and stamped reports.

Optional: `pip install 'scorer[ocr]'` brings RapidOCR (PaddleOCR's Chinese PP-OCR models run on
ONNX Runtime). Its detection and recognition models ship inside the wheel, so nothing is
downloaded when a page is read. Pages are rendered by pypdfium2 (already installed with
pdfplumber), recognised line by line, and the boxes handed to layout like a PDF's characters.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache

from .base import IngestError
from .layout import Line, Piece, page_lines

INSTALL_HINT = "install the OCR extra: pip install 'scorer[ocr]'"
MAX_OCR_PAGES = 60
"""Most scanned pages recognised in one file: a long report is 20 pages, and OCR reads a page in
3–10 seconds on two cores."""

_DPI = 200  # 150 dpi merges lines of small print and loses them; 200 reads over 99% of characters right
MAX_RENDER_SIDE = 3500  # pixels: a page declared metres wide is not rendered at full scale
_POINTS_PER_INCH = 72
# A space OCR puts between Chinese characters is noise; between Latin words (ISO 9001) it is not.
_NOISE_SPACE = re.compile(r"(?<![!-~]) +| +(?![!-~])")


def available() -> bool:
    """Whether the OCR extra is installed (without importing it: that takes a second)."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def recognise_pages(data: bytes, page_indexes: list[int], source: str) -> dict[int, list[Line]]:
    """The lines OCR reads on each of the pages `page_indexes` (0-based) of the PDF `data`."""
    if len(page_indexes) > MAX_OCR_PAGES:
        raise IngestError(
            source,
            f"scanned PDF of {len(page_indexes)} pages without text (limit "
            f"{MAX_OCR_PAGES} for OCR); split it into separate reports",
        )
    import numpy
    import pypdfium2

    try:
        engine = _engine()
    except (ImportError, OSError) as err:  # OpenCV without the system's libGL, most often
        raise IngestError(
            source,
            f"the OCR extra is installed but does not load ({err}); on Debian/Ubuntu: "
            "apt-get install libgl1 libglib2.0-0",
        ) from None
    pdf = pypdfium2.PdfDocument(data)  # no password: owner-only PDFs open, others failed earlier
    try:
        recognised = {}
        for index in page_indexes:
            page = pdf[index]
            scale = render_scale(*page.get_size())
            image = page.render(scale=scale, grayscale=True).to_pil().convert("RGB")
            boxes, _elapsed = engine(numpy.asarray(image), use_cls=False)  # scans are upright
            recognised[index] = page_lines(_piece(box, text, scale) for box, text, _score in boxes or ())
            page.close()
        return recognised
    finally:
        pdf.close()


def render_scale(width: float, height: float) -> float:
    """Pixels per point to render a page of this size (in points) at: _DPI, within MAX_RENDER_SIDE."""
    return min(_DPI / _POINTS_PER_INCH, MAX_RENDER_SIDE / max(width, height, 1))


@lru_cache(maxsize=1)
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def _piece(box: list[list[float]], text: str, scale: float) -> Piece:
    """A recognised box (four corners in pixels) as text on the page, in PDF points."""
    xs = [x / scale for x, _y in box]
    ys = [y / scale for _x, y in box]
    top, bottom = min(ys), max(ys)
    # The box hugs the characters, so its height is about the font size.
    return Piece(_NOISE_SPACE.sub("", text.strip()), min(xs), max(xs), top, bottom, bottom - top)
