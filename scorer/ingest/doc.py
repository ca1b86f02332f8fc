"""Word 97–2003 (.doc), WPS (.wps) and RTF reports: converted to .docx by LibreOffice, then read as one.

LibreOffice reads the binary Word format (and what WPS saves) better than any Python library,
keeps heading styles and tables, and is what a supervisor's office already has. It runs
headless with a private profile in a temporary folder, so parallel workers and a user's open
LibreOffice do not collide, and is stopped after CONVERT_TIMEOUT seconds. Where LibreOffice is
not installed, antiword (a small package) reads a Word file's paragraphs and tables, without
heading styles.

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
from .docx import TABLE_CELL_SEPARATOR, read_docx

CONVERT_TIMEOUT = 120  # seconds; a long report converts in under 10
LIBREOFFICE = "LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; elsewhere libreoffice.org)"
PASSWORD_PROTECTED = "password protected: the file needs a password to open; save a copy without it"

_WHAT = {"doc": "Word 97-2003/WPS files", "rtf": "RTF files"}
_ANTIWORD_PICTURE = "[pic]"  # what antiword prints for an image
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
    antiword = shutil.which("antiword") if suffix == ".doc" else None  # it reads Word files only
    return _read_converted(data, source, suffix, "doc", antiword)


def read_rtf(data: bytes, source: str) -> Document:
    """RTF, which Word and WPS also save (often named .doc)."""
    return _read_converted(data, source, ".rtf", "rtf", None)


def _read_converted(data: bytes, source: str, suffix: str, format_name: str, antiword: str | None) -> Document:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None and antiword is None:
        or_antiword = " or antiword (apt-get install antiword)" if suffix == ".doc" else ""
        raise IngestError(
            source,
            f"reading {_WHAT[format_name]} needs LibreOffice: install {LIBREOFFICE}"
            f"{or_antiword}, or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="scorer-doc-") as work:
        original = Path(work) / f"report{suffix}"
        original.write_bytes(data)
        if soffice is None:
            assert antiword is not None  # refused above when neither tool is there
            return Document(source=source, format=format_name, text=_antiword_text(antiword, original, source))
        converted = _convert(soffice, original, Path(work), source, _WHAT[format_name])
        document = read_docx(converted.read_bytes(), source)
    return dataclasses.replace(document, format=format_name)


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
    raise IngestError(
        source, "unsupported Office 97-2003 file (no Word document inside); save it as .docx, .pdf or .txt"
    )


def _convert(soffice: str, original: Path, work: Path, source: str, what: str) -> Path:
    out_dir = work / "out"
    returncode, output = _run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(original),
        ],
        "LibreOffice",
        source,
    )
    converted = out_dir / f"{original.stem}.docx"
    if returncode != 0 or not converted.is_file():
        said = " ".join(line for line in output.decode("utf-8", "replace").splitlines() if "error" in line.lower())[
            :120
        ]
        raise IngestError(
            source, f"LibreOffice could not convert these {what} (damaged?)" + (f": {said}" if said else "")
        )
    return converted


def _antiword_text(antiword: str, original: Path, source: str) -> str:
    """antiword's text: one paragraph a line (-w 0: no wrapping), table rows as |cell|cell|."""
    returncode, output = _run([antiword, "-w", "0", "-m", "UTF-8.txt", str(original)], "antiword", source)
    if returncode != 0:
        said = output.decode("utf-8", "replace").strip().splitlines()
        raise IngestError(
            source,
            "antiword could not read this Word 97-2003 file (damaged?)" + (f": {said[-1][:120]}" if said else ""),
        )
    lines = []
    for line in output.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line.startswith("|") and line.endswith("|"):
            line = TABLE_CELL_SEPARATOR.join(cell.strip() for cell in line[1:-1].split("|"))
        if line and line != _ANTIWORD_PICTURE:
            lines.append(line)
    return "\n".join(lines)


def _run(command: list[str], tool: str, source: str) -> tuple[int, bytes]:
    """(exit code, output) of `command`, stopped after CONVERT_TIMEOUT seconds."""
    # A session of its own, so a timeout stops soffice.bin too, not only the launcher.
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise IngestError(
            source, f"{tool} did not read the file within {CONVERT_TIMEOUT} s; save it as .docx"
        ) from None
    return process.returncode, output
