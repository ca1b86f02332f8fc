"""Word 97–2003 (.doc) and WPS (.wps) reports: converted to .docx by LibreOffice, then read as one.

LibreOffice reads the binary Word format (and what WPS saves) better than any Python library,
keeps heading styles and tables, and is what a supervisor's office already has. It runs
headless with a private profile in a temporary folder, so parallel workers and a user's open
LibreOffice do not collide, and is stopped after CONVERT_TIMEOUT seconds.

Before converting, the OLE2 container is looked into (olefile): a password-protected .docx is
an OLE2 file too (an EncryptionInfo stream beside the EncryptedPackage), and an encrypted .doc
says so in its file information block; both are refused as password protected, and Excel or
PowerPoint 97–2003 files are named as what they are.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .base import Document, IngestError
from .docx import read_docx

CONVERT_TIMEOUT = 120  # seconds; a long report converts in under 10
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
                "elsewhere libreoffice.org) or save the file as .docx")
PASSWORD_PROTECTED = "password protected: the file needs a password to open; save a copy without it"

_WORD_STREAM = "WordDocument"
_FIB_FLAGS = slice(0x0A, 0x0C)  # FibBase flags in the WordDocument stream
_FIB_ENCRYPTED = 0x0100  # fEncrypted (with fObfuscated: XOR-obfuscated, still needs the password)
_OTHER_OFFICE = (
    ("Workbook", "an Excel 97-2003 workbook (.xls)"),
    ("Book", "an Excel 5.0 workbook (.xls)"),
    ("PowerPoint Document", "a PowerPoint 97-2003 deck (.ppt)"),
)


def read_doc(data: bytes, source: str) -> Document:
    suffix = _word_kind(data, source)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise IngestError(source, f"reading Word 97-2003/WPS files needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="scorer-doc-") as work:
        original = Path(work) / f"report{suffix}"
        original.write_bytes(data)
        converted = _convert(soffice, original, Path(work), source)
        document = read_docx(converted.read_bytes(), source)
    return dataclasses.replace(document, format="doc")


def _word_kind(data: bytes, source: str) -> str:
    """The suffix LibreOffice should see; refuses encrypted and non-Word OLE2 files."""
    import io

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as container:  # short bytes would be taken for a file name
            streams = {"/".join(path) for path in container.listdir()}
            if "EncryptionInfo" in streams and "EncryptedPackage" in streams:
                raise IngestError(source, PASSWORD_PROTECTED + " (an encrypted Office 2007+ file)")
            if _WORD_STREAM in streams:
                flags = int.from_bytes(container.openstream(_WORD_STREAM).read(_FIB_FLAGS.stop)[_FIB_FLAGS], "little")
                if flags & _FIB_ENCRYPTED:
                    raise IngestError(source, PASSWORD_PROTECTED)
                return ".doc"
    except IngestError:
        raise
    except Exception as err:  # olefile raises OSError, ValueError, struct.error... on damaged containers
        raise IngestError(source, f"corrupt Office 97-2003 file ({type(err).__name__}: {err})"[:200]) from None
    for stream, label in _OTHER_OFFICE:
        if stream in streams:
            raise IngestError(source, f"not a Word document: this is {label}; save it as .docx, .pdf or .txt")
    if Path(source).suffix.lower() == ".wps":
        return ".wps"  # Microsoft Works word processor: LibreOffice reads it too
    raise IngestError(source, "unsupported Office 97-2003 file (no Word document inside); "
                              "save it as .docx, .pdf or .txt")


def _convert(soffice: str, original: Path, work: Path, source: str) -> Path:
    out_dir = work / "out"
    command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(original)]
    # A session of its own, so a timeout stops soffice.bin too, not only the launcher.
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise IngestError(source, f"LibreOffice did not convert the file within {CONVERT_TIMEOUT} s; "
                                  "save it as .docx") from None
    converted = out_dir / f"{original.stem}.docx"
    if process.returncode != 0 or not converted.is_file():
        said = " ".join(line for line in output.decode("utf-8", "replace").splitlines()
                        if "error" in line.lower())[:120]
        raise IngestError(source, "LibreOffice could not convert this Word 97-2003 file (damaged?)"
                                  + (f": {said}" if said else ""))
    return converted
