"""Tell what a file is from its first bytes, whatever its name says.

Reports arrive renamed and re-saved: a .docx called .txt, a PDF called .doc, a web page saved
as .txt. The reader is chosen by content; the suffix only breaks ties between text and HTML.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple


class Sniffed(NamedTuple):
    kind: str  # "text" | "html" | "pdf" | "zip" | "legacy-office" | "rtf" | "binary"
    label: str = ""  # what a refused file looks like, for the error message


# Magic numbers of files that are certainly not a report. Checked before the text test so the
# message can name what the file is.
_BINARY_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (8, b"WEBP", "WebP image"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"MZ\x90\x00", "Windows executable"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (4, b"ftyp", "MP4/MOV video"),
    (0, b"ID3", "MP3 audio"),
    (0, b"OggS", "Ogg media"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word/Excel/PowerPoint 97-2003
_UTF_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

# An HTML document starts (after a BOM, an XML declaration or comments) with one of these tags.
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|meta|title|body|link|script|style)[\s>/]",
    re.DOTALL,
)
_TAG = re.compile(rb"<(?:/?[a-z][a-z0-9]*[\s>/]|!--)", re.IGNORECASE)
_SAMPLE = 4096
# C0 controls that never occur in text; tab, line feed, form feed, carriage return and escape do.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def sniff(data: bytes) -> Sniffed:
    """Classify `data` (the whole file or at least its first few KB)."""
    head = data[:_SAMPLE]
    if b"%PDF-" in head[:1024]:  # the spec tolerates junk before the header
        return Sniffed("pdf")
    if head.startswith(_ZIP_MAGIC):
        return Sniffed("zip")
    if head.startswith(_OLE2_MAGIC):
        return Sniffed("legacy-office", "Office 97-2003 file")
    if head.startswith(b"{\\rtf"):
        return Sniffed("rtf", "RTF document")
    for offset, magic, label in _BINARY_MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return Sniffed("binary", label)
    if not _looks_like_text(head):
        return Sniffed("binary")
    # Dropping NULs turns UTF-16 markup into ASCII for the tag test.
    ascii_head = head.replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe").lower()
    return Sniffed("html" if _HTML_START.match(ascii_head) else "text")


def has_markup(data: bytes) -> bool:
    """Whether text has tags at all: a fragment saved as .html does, plain text named .html does not."""
    return _TAG.search(data[:_SAMPLE].replace(b"\x00", b"")) is not None


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" / "utf-16-be" for BOM-less UTF-16 text, else None.

    Almost no Chinese character has a zero byte in UTF-16, but the ASCII a report always has
    (digits, line breaks) does, and always in the same half of the code unit.
    """
    sample = data[:_SAMPLE]
    if b"\x00" not in sample:
        return None
    units = len(sample) // 2
    zeros_at_odd = sample[1::2].count(0)  # high byte of ASCII in little-endian
    zeros_at_even = sample[0::2].count(0)
    # A few CJK characters (一 is U+4E00) put a zero in the other half, so demand dominance.
    if zeros_at_odd * 50 >= units and zeros_at_even * 4 <= zeros_at_odd:
        codec = "utf-16-le"
    elif zeros_at_even * 50 >= units and zeros_at_odd * 4 <= zeros_at_even:
        codec = "utf-16-be"
    else:
        return None
    try:  # incremental, so a surrogate pair cut by the sample end is not an error
        codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:  # a lone surrogate: not UTF-16 after all
        return None
    return codec


def _looks_like_text(head: bytes) -> bool:
    if head.startswith(_UTF_BOMS) or utf16_without_bom(head):
        return True
    if b"\x00" in head:
        return False
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls * 100 <= len(head)  # a stray control character or two is tolerated
