"""Make a report text into the formats districts submit: OFD, Word 97-2003 (via LibreOffice),
PDF (via LibreOffice) and an image-only PDF, as a scanner makes it.

Used by tests/fixtures/ingest/make_fixtures.py for the committed fixtures and by the tests
that turn an example report into each format at run time.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

OFD_NS = "http://www.ofdspec.org/2016"
PAGE_MM = (210.0, 297.0)  # A4
MARGIN_MM = (28.0, 37.0)  # left/right, top (the 公文 layout)
BODY_MM = 5.6  # 三号 (16 pt), body text of government documents
TITLE_MM = 7.8  # 二号 (22 pt)
LEADING = 1.6  # line pitch, in font sizes
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def ofd_bytes(
    paragraphs: list[tuple[str, str]],
    *,
    stamp: str | None = None,
    per_character_lines: int = 0,
    template_header: str | None = None,
) -> bytes:
    """An OFD of `paragraphs` ((text, "title" | "heading" | "body")), laid out on A4 pages.

    Body paragraphs are indented two characters and wrapped at the margin; every page has a
    page number "- N -" at the bottom. `stamp` adds rotated text (a seal) to page 1;
    `per_character_lines` writes the first N body lines one TextCode per character, as some
    converters do; `template_header` puts a running header on a page template.
    """
    width, height = PAGE_MM
    left, top = MARGIN_MM
    right = width - left
    lines: list[tuple[float, float, str]] = []  # (x, size, text)
    for text, kind in paragraphs:
        if kind == "title":
            lines.append(((width - len(text) * TITLE_MM) / 2, TITLE_MM, text))
            continue
        x = left + (2 * BODY_MM if kind == "body" else 0)
        per_line = int((right - x) // BODY_MM)
        while text:
            lines.append((x, BODY_MM, text[:per_line]))
            text = text[per_line:]
            x = left
            per_line = int((right - left) // BODY_MM)
    per_page = int((height - 2 * top) // (BODY_MM * LEADING))
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    members = {
        "OFD.xml": _xml(
            f'<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/PublicRes.xml": _xml(
            f'<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>'
        ),
    }
    page_refs = "".join(f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
    template = ""
    if template_header:
        template = '<ofd:TemplatePage ID="5" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
        members["Doc_0/Tpls/Tpl_0/Content.xml"] = _page_xml([_text_object(left, 15, BODY_MM, template_header)])
    members["Doc_0/Document.xml"] = _xml(
        f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {width:g} {height:g}</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template}</ofd:CommonData>"
        f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"
    )
    written = 0
    for number, page in enumerate(pages):
        objects = []
        for index, (x, size, text) in enumerate(page):
            y = top + index * BODY_MM * LEADING
            if written < per_character_lines and size == BODY_MM:
                for char in text:
                    objects.append(_text_object(x, y, size, char))
                    x += size * (0.5 if char.isascii() else 1)
            else:
                objects.append(_text_object(x, y, size, text))
            written += 1
        objects.append(_text_object(width / 2 - 2 * BODY_MM, height - 20, BODY_MM, f"- {number + 1} -"))
        if stamp and number == 0:
            objects.append(_text_object(120, 60, 4.0, stamp, ctm="0.707 0.707 -0.707 0.707 0 0"))
        members[f"Doc_0/Pages/Page_{number}/Content.xml"] = _page_xml(objects)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return stream.getvalue()


def _text_object(x: float, y: float, size: float, text: str, ctm: str | None = None) -> str:
    from xml.sax.saxutils import escape

    advances = " ".join(f"{size * (0.5 if c.isascii() else 1):g}" for c in text[:-1])
    ctm_attribute = f' CTM="{ctm}"' if ctm else ""
    return (
        f'<ofd:TextObject ID="1" Boundary="{x:g} {y - size:g} {len(text) * size + 1:g} {size * 1.5:g}" '
        f'Font="2" Size="{size:g}"{ctm_attribute}><ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="0" Y="{size:g}" DeltaX="{advances}">{escape(text)}</ofd:TextCode></ofd:TextObject>'
    )


def _page_xml(objects: list[str]) -> bytes:
    return _xml(
        f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="3">{"".join(objects)}'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")


def paragraphs_of(text: str) -> list[tuple[str, str]]:
    """A plain-text report's lines as paragraphs: the first is the title, numbered lines headings."""
    import re

    heading = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [(line, "title" if i == 0 else "heading" if heading.match(line) else "body") for i, line in enumerate(lines)]


# --- LibreOffice ------------------------------------------------------------------------------


def soffice() -> str:
    """LibreOffice's soffice; fails where CI must have it, skips elsewhere."""
    return program("soffice")


def program(name: str) -> str:
    """The path of a system program a test needs: a failure where SCORER_REQUIRE_<NAME>=1 (CI
    installs them), a skip with the reason elsewhere."""
    found = shutil.which(name)
    if found is None:
        variable = f"SCORER_REQUIRE_{name.upper()}"
        if os.environ.get(variable) == "1":
            pytest.fail(f"{name} is required ({variable}=1) but not installed")
        pytest.skip(f"{name} is not installed")
    return found


def convert(
    source: Path, target_format: str, out_dir: Path, *, filter_options: str = "", profile: Path | None = None
) -> Path:
    """`source` converted by LibreOffice to `target_format` (doc, docx, pdf, xlsx…) in `out_dir`,
    with a user profile of its own (`profile`, or a fresh one in `out_dir`)."""
    infilter = ["--infilter=Text (encoded):UTF8,LF,,,"] if source.suffix == ".txt" else []
    target = target_format + (f":{filter_options}" if filter_options else "")
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(profile or out_dir / 'lo-profile').as_uri()}",
            "--headless",
            *infilter,
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / f"{source.stem}.{target_format}"


def image_only_pdf(pdf: bytes, dpi: int = 200) -> bytes:
    """Every page of `pdf` rendered to a greyscale picture and put back as a PDF of pictures:
    what scanning a printed report gives."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pictures = [document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))]
    stream = io.BytesIO()
    pictures[0].save(stream, "PDF", resolution=dpi, save_all=True, append_images=pictures[1:])
    return stream.getvalue()
