"""Text that is safe to show: file names that may not be UTF-8, and output bound for a terminal.

A file name is whatever bytes the file system holds: a GBK name from a Windows zip, a newline,
an escape character. Python hands undecodable bytes over as lone surrogates, which no UTF-8
writer accepts, and a raw ESC or newline lets a file name repaint the screen or forge a line.
`path_text` turns a path into one line of plain text, once, where it enters a result; every
writer then shows the same string. Report text and rubric strings reach a terminal through
`TerminalStream`, which drops what a terminal would act on.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from typing import TextIO

# What a terminal acts on rather than shows: C0 and C1 controls, DEL; and the invisible marks
# that reorder or break a line as shown (bidi overrides and isolates, line/paragraph separators).
_INVISIBLE = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_CONTROL_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSHOWABLE_IN_NAME = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")
# The escapes this tool prints itself: colours (SGR: they cannot move the cursor, clear the
# screen, retitle the window or reach the clipboard) and the progress bar's return-and-erase.
_OWN_ESCAPE = re.compile(r"\x1b\[[0-9;]*m|\r\x1b\[K")


def display_width(text: str) -> int:
    """Columns a string takes where a fixed-width font shows it (a terminal, a text file's line):
    wide and full-width characters (Chinese) take two, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, carried as a surrogate escape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"  # \x80 is a byte, \u0080 a character


def path_text(path: str | os.PathLike[str]) -> str:
    r"""A file's path as one printable line, the way `ls -b` shows it: bytes that are not UTF-8
    and control characters as \xNN escapes (a GBK `宝安.txt` → `\xb1\xa6\xb0\xb2.txt`), a
    backslash as `\\` where it is not the path separator, everything else as it is. Lossless:
    two different names never read the same.
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if os.sep != "\\":
        text = text.replace("\\", "\\\\")
    return _UNSHOWABLE_IN_NAME.sub(lambda m: _escape(m.group()), text)


def terminal_text(text: str) -> str:
    """`text` with every control character dropped except line breaks and tabs, and any
    surrogate shown as an escape (a terminal could not print it)."""
    return _SURROGATE.sub(lambda m: _escape(m.group()), _CONTROL_IN_TEXT.sub("", text))


class TerminalStream(io.TextIOBase):
    """A text stream that passes on only what is safe to show: the tool's own colour and
    progress escapes, and the text between them with `terminal_text` applied."""

    def __init__(self, stream: TextIO):
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        pieces, pos = [], 0
        for m in _OWN_ESCAPE.finditer(text):
            pieces += [terminal_text(text[pos : m.start()]), m.group()]
            pos = m.end()
        pieces.append(terminal_text(text[pos:]))
        self._stream.write("".join(pieces))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"
