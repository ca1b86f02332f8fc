"""Plain-text reports: detect the encoding (never assume it) and return the text as read (lines a
fixed width broke, as in text copied out of a PDF, are joined when the file is read: wrapping.py)."""

from __future__ import annotations

from .base import Document, IngestError
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
    return Document(source=source, format="txt", text=text, encoding=encoding)
