"""OFD reports (GB/T 33190, the national format of signed electronic government documents).

An OFD is a zip: OFD.xml names each document's Document.xml, which lists its pages; each page's
Content.xml places text objects (TextObject, with a Boundary, a font Size and optionally a CTM)
holding text codes (TextCode, with X/Y of the baseline and the advance of each character in
DeltaX). Positions are in millimetres, y growing downwards. The text codes are handed to layout
like a PDF's characters, so lines, paragraphs and running chrome are treated alike. Page
templates (running headers), annotations and signatures are not read.

No maintained library reads OFD text lightly (those on PyPI pull in PyMuPDF and a renderer), so
this is a small reader with the .docx reader's package safety: sizes checked before unpacking,
XML parsed by defusedxml with DTDs forbidden.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter

from .base import Document, IngestError
from .layout import Line, Piece, assemble, drop_running_chrome, page_lines
from .package import ZIP_ERRORS, check_sizes, unsafe_xml

MAX_PAGES = 2000
_ASCENT, _DESCENT = 0.88, 0.12  # of the font size, above and below the baseline
_NARROW_ADVANCE = 0.5  # of the font size: an ASCII character's advance where DeltaX does not say
_HEADING_SIZE = 1.2  # a line in a font this much larger than the body's is a heading
_MAX_HEADING_LEVELS = 3
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def read_ofd(data: bytes, source: str) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            check_sizes(package.infolist(), source, "ofd")
            pages = [_page_lines(_Part(package, source, path)) for path in _page_paths(package, source)]
    except ZIP_ERRORS as err:
        raise IngestError(source, f"corrupt .ofd (not a valid zip: {err})") from None
    body = drop_running_chrome(pages)
    _mark_headings(body)
    text, headings = assemble(body)
    return Document(source=source, format="ofd", text=text, headings=headings)


class _Part:
    """One XML part of the package, parsed safely; elements found by local name, whatever the prefix."""

    def __init__(self, package: zipfile.ZipFile, source: str, path: str):
        import defusedxml.ElementTree as safe_xml
        from defusedxml import DefusedXmlException

        self.path = path
        try:
            raw = package.read(_member(package, path))
        except KeyError:
            raise IngestError(source, f"corrupt .ofd: {path} is missing") from None
        try:
            self.root = safe_xml.fromstring(raw, forbid_dtd=True)
        except DefusedXmlException:
            raise unsafe_xml(source, "ofd", path) from None
        except safe_xml.ParseError as err:
            raise IngestError(source, f"corrupt .ofd: {path} is not well-formed XML ({err})") from None
        except (LookupError, ValueError) as err:  # an encoding the declaration names that does not exist
            raise IngestError(source, f"corrupt .ofd: {path} declares an unreadable encoding ({err})") from None

    def all(self, name: str, within=None):
        return [element for element in (within if within is not None else self.root).iter() if _local(element) == name]


def _page_paths(package: zipfile.ZipFile, source: str) -> list[str]:
    """The Content.xml of every page, in order, of every document the package holds."""
    paths = []
    for root_ref in _Part(package, source, "OFD.xml").all("DocRoot"):
        document_path = _resolve("", (root_ref.text or "").strip())
        document = _Part(package, source, document_path)
        for page in document.all("Page", within=_first(document.all("Pages"))):
            location = page.get("BaseLoc", "").strip()
            if location:
                paths.append(_resolve(posixpath.dirname(document_path), location))
    if not paths:
        raise IngestError(source, "corrupt .ofd: no pages listed in OFD.xml / Document.xml")
    if len(paths) > MAX_PAGES:
        raise IngestError(source, f"refused .ofd: {len(paths)} pages (limit {MAX_PAGES})")
    return paths


def _page_lines(page: _Part) -> list[Line]:
    pieces = []
    for text_object in page.all("TextObject"):
        pieces.extend(_text_object_pieces(text_object))
    return page_lines(pieces)


def _text_object_pieces(text_object) -> list[Piece]:
    boundary = _numbers(text_object.get("Boundary", "")) + [0.0, 0.0]
    origin_x, origin_y = boundary[0], boundary[1]
    size = _float(text_object.get("Size"), 0.0)
    scale_x = scale_y = 1.0
    ctm = _numbers(text_object.get("CTM", ""))
    if len(ctm) == 6:
        a, b, c, d, e, f = ctm
        if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
            return []  # rotated or mirrored text is a stamp or a watermark, as in PDFs
        scale_x, scale_y, origin_x, origin_y = a, d, origin_x + e, origin_y + f
    if size <= 0:
        return []
    pieces = []
    for code in text_object:
        if _local(code) != "TextCode" or not code.text:
            continue
        text = code.text
        x = origin_x + scale_x * _float(code.get("X"), 0.0)
        baseline = origin_y + scale_y * _float(code.get("Y"), 0.0)
        height = size * scale_y
        advances = _delta_x(code.get("DeltaX", ""), len(text) - 1)
        width = scale_x * (sum(advances) + _advance(text[-1], size))
        pieces.append(Piece(text, x, x + width, baseline - _ASCENT * height, baseline + _DESCENT * height, height))
    return pieces


def _delta_x(value: str, count: int) -> list[float]:
    """The advances between characters: numbers, with "g N d" meaning d repeated N times."""
    tokens = value.split()
    advances: list[float] = []
    i = 0
    while i < len(tokens) and len(advances) < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            repeat = int(_float(tokens[i + 1], 0.0))
            advances.extend([_float(tokens[i + 2], 0.0)] * max(0, min(repeat, count - len(advances))))
            i += 3
        else:
            advances.append(_float(tokens[i], 0.0))
            i += 1
    return advances


def _advance(char: str, size: float) -> float:
    return size * (_NARROW_ADVANCE if char.isascii() else 1.0)


def _mark_headings(lines: list[Line]) -> None:
    """Lines in a font clearly larger than the body's are headings: the largest level 1."""
    if not lines:
        return
    body: Counter[float] = Counter()
    for line in lines:
        body[round(line.size, 1)] += len(line.text)
    body_size = body.most_common(1)[0][0]
    larger = sorted({round(line.size, 1) for line in lines if line.size >= _HEADING_SIZE * body_size}, reverse=True)
    levels = {size: min(rank, _MAX_HEADING_LEVELS) for rank, size in enumerate(larger, start=1)}
    for line in lines:
        line.heading = levels.get(round(line.size, 1))


def _member(package: zipfile.ZipFile, path: str) -> str:
    """The member named `path`, matched without case: OFD writers differ on Doc_0 / doc_0."""
    names = {name.lower(): name for name in package.namelist()}
    return names.get(path.lower(), path)


def _resolve(folder: str, location: str) -> str:
    """A location in the package: absolute ("/Doc_0/…") from the root, otherwise from `folder`."""
    joined = location.lstrip("/") if location.startswith("/") else posixpath.join(folder, location)
    return posixpath.normpath(joined).lstrip("/")


def _first(elements: list):
    return elements[0] if elements else None


def _local(element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _numbers(value: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(value)]


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default
