"""Plain-text reports: detect the encoding (never assume it) and return the text as read, or,
when a fixed line width broke it (text copied out of a PDF, pdftotext's output), with the lines
the width broke joined back into paragraphs by the rules the PDF reader uses (scorer.ingest.layout)."""

from __future__ import annotations

from ..safe_text import display_width
from .base import Document, IngestError
from .layout import PAGE_FIELD_LINE, PAGE_NUMBER, Line, assemble
from .sniff import utf16_without_bom

# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# What charset-normalizer may choose from: the encodings Chinese reports are saved in.
_CHINESE_CODECS = ["gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs"]
# Decode with the superset of what was detected: GB18030 ⊃ GBK ⊃ GB2312, CP950 ⊃ Big5.
_DECODE_AS = {"gbk": "gb18030", "gb2312": "gb18030", "big5": "cp950"}
# A damaged UTF-8 file has at most one bad sequence per this many good characters; GBK or Big5
# read as UTF-8 has several bad ones per good one (measured on the example reports: 4 to 7).
_GOOD_CHARS_PER_DAMAGED = 20


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) of `data`, trying in turn: a BOM, strict UTF-8, the `declared` codec,
    BOM-less UTF-16, UTF-8 with a few damaged characters, GB18030/Big5 detection.

    `declared` is what the file says of itself (an HTML meta charset); it is believed only if it
    is a Chinese encoding that decodes the bytes strictly. The BOM is not part of the text.
    Raises UnicodeError when nothing decodes the bytes.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec != "utf-8":
                return data[len(bom) :].decode(codec), codec
            text = _utf8_allowing_damage(data[len(bom) :])
            if text is None:
                raise UnicodeError("a UTF-8 byte-order mark on text that is not UTF-8")
            return text, "utf-8-sig"
    try:
        # First because it is the commonest and the surest: GBK text is almost never valid
        # UTF-8, while UTF-8 text often decodes, wrongly, as GB18030.
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared is not None:
        declared = _DECODE_AS.get(declared, declared)
    if declared in _CHINESE_CODECS:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # pages that misdeclare their charset are common
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16), utf16
    damaged_utf8 = _utf8_allowing_damage(data)
    if damaged_utf8 is not None:
        return damaged_utf8, "utf-8"
    codec = _detect_chinese_codec(data)
    return data.decode(codec), codec


def _utf8_allowing_damage(data: bytes) -> str | None:
    """UTF-8 text with a cut or garbled character replaced by U+FFFD, or None if it is not UTF-8.

    It is UTF-8 when nearly all non-ASCII characters decode; GBK read as UTF-8 fails on most.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    decoded = sum(1 for char in text if char > "\x7f") - replaced
    return text if replaced * _GOOD_CHARS_PER_DAMAGED <= decoded else None


def _detect_chinese_codec(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CHINESE_CODECS).best()
    detected = best.encoding if best is not None else "gb18030"  # the likeliest, then tried strictly
    codec = _DECODE_AS.get(detected, detected)
    data.decode(codec)  # strict: a codec that leaves undecodable bytes is not the answer
    return codec


def read_txt(data: bytes, source: str) -> Document:
    try:
        text, encoding = decode_text(data)
    except UnicodeError:
        raise IngestError(
            source, "cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5; damaged bytes?)"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # offsets count one character per line end
    return Document(source=source, format="txt", text=unwrap(text), encoding=encoding)


# Hard wrapping shows as many lines of some length running to one right edge, nearly all of them
# mid-sentence; a report whose lines are its paragraphs has few such lines (its longest
# paragraphs), and they end a sentence. Measured on the labelled reports (none flagged but one
# whose lines a mirror cut) and on them wrapped at 76 columns (all flagged but one).
_WRAP_MIN_LINES = 6
_WRAP_MIN_CHARS = 10
_WRAP_EDGE_SLACK = 4  # display columns: two Chinese characters
_WRAP_AT_EDGE_SHARE = 0.3
_WRAP_UNFINISHED_SHARE = 0.6
_WRAP_MIN_UNFINISHED = 4


def unwrap(text: str) -> str:
    """`text` with the lines a fixed width broke joined into paragraphs (page numbers between them
    dropped); text whose lines are already its paragraphs is returned as it is. A blank line always
    ends a paragraph."""
    placed = [_line(raw) for raw in text.replace("\f", "").split("\n")]
    if not _hard_wrapped([line for line in placed if line is not None]):
        return text
    lines: list[Line] = []
    paragraph_ends: set[int] = set()
    for line in placed:
        if line is None:
            if lines:
                paragraph_ends.add(len(lines) - 1)
        elif not PAGE_NUMBER.match(line.text):
            lines.append(line)
            if PAGE_FIELD_LINE.search(line.text):  # ends the paragraph before it and its own
                paragraph_ends.update((len(lines) - 2, len(lines) - 1))
    return assemble(lines, frozenset(paragraph_ends))[0]


def _line(raw: str) -> Line | None:
    """A text line placed as a PDF reader would see it: one unit a display column, a Chinese
    character two (its `size`, the em the layout's gaps are counted in)."""
    stripped = raw.strip()
    if not stripped:
        return None
    x0 = display_width(raw[: len(raw) - len(raw.lstrip())])
    return Line(text=stripped, x0=x0, x1=x0 + display_width(stripped), size=2)


def _hard_wrapped(lines: list[Line]) -> bool:
    long_lines = [line for line in lines if len(line.text) >= _WRAP_MIN_CHARS]
    if len(long_lines) < _WRAP_MIN_LINES:
        return False
    edges = sorted(line.x1 for line in long_lines)
    edge = edges[int(0.9 * (len(edges) - 1))]
    at_edge = [line for line in long_lines if line.x1 >= edge - _WRAP_EDGE_SLACK]
    unfinished = [line for line in at_edge if line.text[-1] not in "。！？；：!?;:”）)"]
    return len(at_edge) >= _WRAP_AT_EDGE_SHARE * len(long_lines) and len(unfinished) >= max(
        _WRAP_MIN_UNFINISHED, _WRAP_UNFINISHED_SHARE * len(at_edge)
    )
