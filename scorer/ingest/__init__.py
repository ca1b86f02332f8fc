"""Ingest: read a report file into a Document (bytes → text as read).

The reader is chosen by what the bytes are, not by what the file is called: a .docx renamed
.txt, a PDF named .doc and a web page saved as .txt are read right, and an image or archive
named .txt is refused. Every unusable file raises IngestError with a one-line problem; library
errors never escape.

Each reader (read_txt, read_docx, read_doc, read_rtf, read_ofd, read_html, read_pdf) takes the
bytes and the source name and returns the text, headings and encoding; read_document joins the
lines a fixed width broke (wrapping.py: text copied out of a PDF, a PDF converted to Word, a page
with a <br> at each printed line), takes out what is no report's words (strays.py: a converter's
pinyin, a page number breaking a sentence, a line break after a comma, letter spacing and spaces
inside a sentence) and adds the file's size and hash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from .base import Document, IngestError
from .package import is_ofd
from .sniff import has_markup, sniff
from .strays import without_strays
from .wrapping import unwrapped

__all__ = ["MAX_BYTES", "MAX_CHARS", "SUPPORTED_SUFFIXES", "Document", "IngestError", "read_document"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest file read, in bytes on disk. A long report is under 5 MB as .docx, text PDF or
web page; anything bigger is a scan, an attachment bundle or not a report. (A .docx is also
bounded unpacked: see package.MAX_UNZIPPED_BYTES.)"""

MAX_CHARS = 1_000_000
"""Most text analysed from one file: a long annual report is 10–60 thousand characters, so a
file with a million is a bundle or a dump, and would cost a worker seconds and gigabytes."""

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".docx", ".doc", ".wps", ".rtf", ".ofd", ".html", ".htm", ".pdf"}
)
"""Suffixes a directory search picks up. read_document itself goes by content."""

_HTML_SUFFIXES = frozenset({".html", ".htm"})
# What a file of these suffixes is when its first bytes are not its format's signature.
_DAMAGED_AT_THE_START = {
    ".docx": "corrupt .docx (not a valid zip)",
    ".ofd": "corrupt .ofd (not a valid zip)",
    ".pdf": "corrupt .pdf (no %PDF header)",
}
_MAX_PROBLEM_CHARS = 200


def read_document(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Document:
    """Read the report at `path`. Raises IngestError for any file that cannot be used."""
    source = str(path)
    data = _read_bytes(source, max_bytes)
    reader, format_name = _choose_reader(data, source)
    try:
        document = reader(data, source)
    except IngestError:
        raise
    except Exception as err:  # a library's error on a malformed file, in whatever form it takes
        raise IngestError(source, f"corrupt or unreadable .{format_name} file ({_summary(err)})") from err
    if not document.text.strip():
        raise IngestError(source, f"no text in this .{format_name} file")
    document = without_strays(unwrapped(document))
    if len(document.text) > MAX_CHARS:
        raise IngestError(
            source,
            f"text too long for one report ({len(document.text):,} characters > limit "
            f"{MAX_CHARS:,}); split the file into separate reports",
        )
    return dataclasses.replace(document, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def _read_bytes(source: str, max_bytes: int) -> bytes:
    try:
        status = os.stat(source)
        if stat.S_ISDIR(status.st_mode):
            raise IngestError(source, "is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise IngestError(source, "not a regular file")
        if status.st_size > max_bytes:
            raise IngestError(source, _too_large(status.st_size, max_bytes))
        with open(source, "rb") as stream:
            data = stream.read(min(status.st_size, max_bytes) + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise IngestError(source, "file not found") from None
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as err:
        raise IngestError(source, f"cannot read the file ({err.strerror or err})") from None
    if len(data) > max_bytes:
        raise IngestError(source, _too_large(len(data), max_bytes))
    if not data:
        raise IngestError(source, "empty file")
    return data


def _choose_reader(data: bytes, source: str) -> tuple[Callable[[bytes, str], Document], str]:
    # Each reader is imported when a file needs it: a `scorer check` of one .docx does not pay
    # for the PDF, HTML and OFD readers' imports.
    kind, label = sniff(data)
    suffix = Path(source).suffix.lower()
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf, "pdf"
    if kind == "zip":
        if suffix == ".ofd" or is_ofd(data):
            from .ofd import read_ofd

            return read_ofd, "ofd"
        from .docx import read_docx

        return read_docx, "docx"
    if kind == "legacy-office":
        from .doc import read_doc

        return read_doc, "doc"
    if kind == "rtf":
        from .doc import read_rtf

        return read_rtf, "rtf"
    if kind == "html" or (kind == "text" and suffix in _HTML_SUFFIXES and has_markup(data)):
        from .html import read_html

        return read_html, "html"
    if kind == "text":
        from .txt import read_txt

        return read_txt, "txt"
    if not label and suffix in _DAMAGED_AT_THE_START:
        raise IngestError(source, _DAMAGED_AT_THE_START[suffix])
    looks_like = f" (looks like {label})" if label else ""
    raise IngestError(source, f"binary file, not a report{looks_like}")


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({_human_size(size)} > limit {_human_size(limit)})"


def _human_size(n: int) -> str:
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _summary(err: Exception) -> str:
    message = str(err).strip().splitlines()
    text = f"{type(err).__name__}: {message[0]}" if message else type(err).__name__
    return text[:_MAX_PROBLEM_CHARS]
