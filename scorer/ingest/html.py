"""Web-page reports: the article text, without the site's navigation, footer and scripts.

Chinese government sites wrap the report in a content block (id/class zoom, TRS_Editor,
Custom_UnionStyle, content, article …) surrounded by menus, a 当前位置 breadcrumb and a
footer with 主办/ICP备. Elements that are chrome by tag or by name are dropped, the content
block is chosen, and its block elements become lines.
"""

from __future__ import annotations

import codecs
import re

from .base import Document, IngestError
from .docx import TABLE_CELL_SEPARATOR  # one row shape in every format
from .txt import decode_text

# Never text of the report.
_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
    "nav",
    "aside",
    # a <ruby>'s reading (區<rp>(</rp><rt>qū</rt><rp>)</rp>): a gloss on the character, not text
    "rt",
    "rp",
)
# Chrome unless they hold the article: ASP.NET sites wrap whole pages in one <form>, and an
# <article>'s own <header> holds its title.
_CHROME_TAGS = ("header", "footer", "form")
# An id or class naming page furniture: menus, breadcrumbs (当前位置 = position/location/dqwz),
# share buttons, sidebars, footers, related-links boxes.
_CHROME_NAME = re.compile(
    r"nav|menu|header|footer|breadcrumb|crumb|share|sidebar|side-bar|copyright|location"
    r"|position(?!-(?:relative|absolute|fixed|sticky|static))"
    r"|dqwz|logo|toolbar|related|xgxx|xglj|search|login|skip",
    re.IGNORECASE,
)
# An element named chrome that still holds this much of its own (non-link) Chinese text is a
# layout wrapper around the article, not furniture.
_CHROME_KEEPS_ABOVE = 500
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CONTENT_NAME = re.compile(r"content|article|zoom|trs_editor|custom_unionstyle|detail|main", re.IGNORECASE)
# The content block is the smallest candidate holding nearly all of the largest one's text and
# every paragraph and table of it: a wrapper adds only a title, a 来源/日期 line (under this
# many characters) and links.
_WRAPPER_EXTRA_CJK = 80
_WRAPPER_EXTRA_SHARE = 0.05
# If the best candidate holds less than this share of the page's text, naming lied: use the body.
_CANDIDATE_MIN_SHARE = 0.3

_BLOCK_TAGS = frozenset(
    "p div section article main header footer blockquote pre center address figure figcaption "
    "ul ol li dl dt dd table caption thead tbody tfoot tr hr h1 h2 h3 h4 h5 h6 br".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_HEADING_LEVEL = {f"h{n}": n for n in range(1, 7)}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_OR_FULLWIDTH = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK_OR_FULLWIDTH}) (?={_CJK_OR_FULLWIDTH})")
_WHITESPACE = re.compile(r"\s+")
# "标题_某某县人民政府网" / "标题 - 站点": the site name follows the separator.
_TITLE_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]| - | — |--).*$")

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)


def read_html(data: bytes, source: str) -> Document:
    try:
        markup, encoding = decode_text(data, declared=_declared_codec(data))
    except UnicodeError:
        raise IngestError(source, "cannot detect the page's encoding (not UTF-8, GB18030 or Big5)") from None
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    page_title = _page_title(soup)
    root = soup.body or soup
    _drop_chrome(root)
    block = _content_block(root)
    writer = _LineWriter()
    title_h1 = None if block.find("h1") else _first_text(root.find("h1"))
    title = title_h1 or page_title
    if title and _squeeze(title) not in _squeeze(block.get_text())[:300]:
        writer.add_heading_line(title, 1)  # the title sits outside the content block
    writer.walk(block)
    writer.break_line()
    return Document(
        source=source, format="html", text="\n".join(writer.lines), headings=tuple(writer.headings), encoding=encoding
    )


def _declared_codec(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        return codecs.lookup(label).name
    except LookupError:  # WHATWG labels Python lacks: x-gbk, gb_2312-80, csgb2312 …
        return "gb18030" if "gb" in label else "cp950" if "big5" in label else None


def _page_title(soup) -> str:
    title = _first_text(soup.title)
    return _TITLE_SITE_SUFFIX.sub("", title) if title else ""


def _first_text(element) -> str:
    return _one_line(element.get_text(" ")) if element is not None else ""


def _one_line(text: str) -> str:
    return _SPACE_BETWEEN_CJK.sub("", _WHITESPACE.sub(" ", text)).strip()


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub("", text)


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def _own_cjk(element) -> int:
    """Chinese characters in `element` outside links: article text, not menus."""
    return _cjk_count(element.get_text()) - sum(_cjk_count(a.get_text()) for a in element.find_all("a"))


def _drop_chrome(root) -> None:
    for element in root.find_all(_DROPPED_TAGS):
        element.decompose()
    # Collect first, then remove: decomposing while find_all walks the tree skips elements.
    chrome = [element for element in root.find_all(True) if _is_chrome(element)]
    for element in chrome:
        if not element.decomposed and _own_cjk(element) < _CHROME_KEEPS_ABOVE:
            element.decompose()


def _is_chrome(element) -> bool:
    if element.name in _CHROME_TAGS:
        return element.name == "form" or element.find_parent("article") is None
    if element.has_attr("hidden") or _HIDDEN_STYLE.search(element.get("style", "")):
        return True
    return bool(_CHROME_NAME.search(_names(element)))


def _names(element) -> str:
    classes = element.get("class") or []
    return " ".join([element.get("id", ""), *classes])


def _content_block(root):
    """The element holding the article: a named content block, else the densest <p> parent."""
    candidates = root.find_all("article") + root.find_all(lambda el: bool(_CONTENT_NAME.search(_names(el))))
    paragraph_parent = _densest_paragraph_parent(root)
    if paragraph_parent is not None:
        candidates.append(paragraph_parent)
    scored = [(_own_cjk(element), element) for element in candidates]
    best_score, best = max(scored, key=lambda pair: pair[0], default=(0, None))
    if best_score == 0 or best_score < _CANDIDATE_MIN_SHARE * _own_cjk(root):
        return root
    slack = max(_WRAPPER_EXTRA_CJK, _WRAPPER_EXTRA_SHARE * best_score)
    needed = _substance(best)
    holding_all = [
        element for score, element in scored if score >= best_score - slack and needed <= _substance(element)
    ]
    return min(holding_all, key=lambda element: len(element.get_text()))


def _substance(element) -> set[int]:
    """Identities of the paragraphs and tables with Chinese text inside `element`."""
    return {id(part) for part in element.find_all(["p", "table"]) if _CJK.search(part.get_text())}


def _densest_paragraph_parent(root):
    share: dict[int, int] = {}
    parents = {}
    for p in root.find_all("p"):
        parent = p.parent
        share[id(parent)] = share.get(id(parent), 0) + _cjk_count(p.get_text())
        parents[id(parent)] = parent
    if not share:
        return None
    return parents[max(share, key=share.__getitem__)]


class _LineWriter:
    """Turns an element tree into lines: block elements break lines, cells share a row's line."""

    def __init__(self):
        self.lines: list[str] = []
        self.headings: list[tuple[int, int, int]] = []
        self._pending: list[str] = []
        self._line_starts: list[int] = []  # offset of each line in "\n".join(lines)
        self._cells_in_row = 0
        self._in_cell = False

    def walk(self, element) -> None:
        from bs4.element import NavigableString, PreformattedString, Tag

        for node in element.children:
            if isinstance(node, NavigableString):
                if not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                    self._pending.append(str(node))
            elif isinstance(node, Tag):
                self._walk_tag(node)

    def _walk_tag(self, tag) -> None:
        name = tag.name
        if name in _CELL_TAGS:
            if self._cells_in_row:
                self._pending.append(TABLE_CELL_SEPARATOR)
            self._cells_in_row += 1
            was_in_cell, self._in_cell = self._in_cell, True
            self.walk(tag)
            self._in_cell = was_in_cell
        elif name not in _BLOCK_TAGS:
            self.walk(tag)
        elif self._in_cell:  # a cell's paragraphs stay on the row's line
            self._pending.append(" ")
            self.walk(tag)
            self._pending.append(" ")
        elif name in _HEADING_LEVEL:
            self.break_line()
            first = len(self.lines)
            self.walk(tag)
            self.break_line()
            self._mark_headings(first, _HEADING_LEVEL[name])
        else:
            self.break_line()
            if name == "tr":
                self._cells_in_row = 0
            self.walk(tag)
            self.break_line()

    def break_line(self) -> None:
        line = _one_line("".join(self._pending))
        self._pending = []
        if line:
            self._line_starts.append(self._line_starts[-1] + len(self.lines[-1]) + 1 if self.lines else 0)
            self.lines.append(line)

    def add_heading_line(self, text: str, level: int) -> None:
        first = len(self.lines)
        self._pending.append(text)
        self.break_line()
        self._mark_headings(first, level)

    def _mark_headings(self, first_line: int, level: int) -> None:
        for index in range(first_line, len(self.lines)):
            start = self._line_starts[index]
            self.headings.append((start, start + len(self.lines[index]), level))
