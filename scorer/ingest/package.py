"""Zip packages (.docx, .ofd) inspected before anything unpacks them.

Declared sizes bound what unpacking can produce (zipfile never returns more than
ZipInfo.file_size), so a zip bomb is refused without inflating it.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from .base import IngestError

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # sum of the declared sizes of all zip members
MAX_COMPRESSION_RATIO = 100  # XML deflates 5-30x; a bomb thousands of times
_RATIO_APPLIES_ABOVE = 1024 * 1024  # small parts can compress very well legitimately
MAX_MEMBERS = 10_000

# What zipfile raises on a damaged archive. ValueError/NotImplementedError: bad header fields,
# unknown compression methods; RuntimeError: an encrypted member.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


def is_ofd(data: bytes) -> bool:
    """Whether a zip is an OFD package (it has OFD.xml at its root)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return any(name.lower() == "ofd.xml" for name in package.namelist())
    except ZIP_ERRORS:
        return False


def check_sizes(members: list[zipfile.ZipInfo], source: str, format_name: str) -> None:
    """Refuse a package with too many members, too many bytes unpacked or a bomb's compression."""
    if len(members) > MAX_MEMBERS:
        raise IngestError(
            source, f"refused .{format_name}: {len(members)} zip members (limit {MAX_MEMBERS}); zip bomb?"
        )
    unzipped = sum(member.file_size for member in members)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise IngestError(
            source,
            f"refused .{format_name}: unpacks to {unzipped // 2**20} MB "
            f"(limit {MAX_UNZIPPED_BYTES // 2**20} MB); zip bomb?",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_APPLIES_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise IngestError(
                source,
                f"refused .{format_name}: {member.filename} is compressed {ratio:.0f}:1 "
                f"(limit {MAX_COMPRESSION_RATIO}:1); zip bomb?",
            )


def declares_dtd(xml: bytes) -> bool:
    # Markup characters in text are escaped (&lt;), so a literal "<!DOCTYPE" is a declaration.
    if xml.startswith((b"\xff\xfe", b"\xfe\xff")):  # OPC allows UTF-16 parts
        xml = xml.decode("utf-16").encode("utf-8")
    return b"<!DOCTYPE" in xml or b"<!ENTITY" in xml


def unsafe_xml(source: str, format_name: str, part: str) -> IngestError:
    return IngestError(source, f"unsafe .{format_name}: {part} declares a DTD/entities (XML entity attack?); refused")
