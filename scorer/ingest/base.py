"""The value every reader returns, and the one error every reader raises."""

from __future__ import annotations

from dataclasses import dataclass

from ..result import ReportWarning


@dataclass(frozen=True)
class Document:
    source: str  # the path as given
    format: str  # "txt" | "docx" | "html" | "pdf" | "doc" | "rtf" | "ofd"
    text: str  # the text as read; every span in the results is an offset into it
    # (start, end, level) of paragraphs the file itself marks as headings (docx heading styles,
    # html <h1>-<h6>); level 1 is the top. Text-pattern headings are found later by structure.
    headings: tuple[tuple[int, int, int], ...] = ()
    encoding: str | None = None  # for .txt / .html: the encoding detected
    sha256: str = ""  # of the file's bytes
    size: int = 0  # bytes
    # Some of the text was recognised by OCR from page images: quotes may hold recognition errors.
    ocr: bool = False
    # What a reader could not read of an otherwise readable file (scanned pages without OCR).
    warnings: tuple[ReportWarning, ...] = ()


class IngestError(Exception):
    """A file that cannot be read. str(err) is one line naming the file and the problem."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self):  # so the error survives the trip back from a worker process
        return (IngestError, (self.source, self.problem))
