"""Normalise report text for matching, without moving any character.

Every transformation here maps one character to one character, so the normalised text has the
same length as the text as read and every span is valid in both: quotes are cut from the
original (traditional characters, full-width digits and all), matching runs on the normalised
form. That identity *is* the offset map; nothing needs translating back.

- full-width ASCII forms (０-９ Ａ-Ｚ ，：；（）％ …) → their ASCII forms, ideographic and
  non-breaking spaces → space; straight quotes paired on a line ("…") and corner brackets
  (「…」) → “…”, the form the rubric writes; a document's title typed in quotes (“…条例”) → 《…》;
  the outer marks typed as inner ones (〈…〉 or <…> for 《…》, ‘…’ for “…”) → the outer ones;
- traditional characters → simplified (OpenCC's character table, first candidate), Hong Kong
  variant forms (衞) through the character they stand for, and the phrases OpenCC converts
  otherwise than character by character, where they keep their length (答覆 → 答复, 藉助 → 借助);
- a full stop typed as the ASCII one or its full-width form (…案件126件.全年…, …案件．) → 。, the
  mark sentences end at; a decimal point, a list number (1.), a domain name keep theirs;
- Markdown's marks on a heading line (## 一、…, **一、…**) → spaces;
- page chrome (breadcrumbs, 来源/日期 lines, 上一篇/下一篇 links, editor lines, site footers, PDF
  page numbers) → blanked with spaces, recorded as excluded spans so nothing in them is ever
  scored.

Thousands separators (1,250) are left in place and read by the number reader, which keeps a
number's span covering the digits as printed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .ingest.layout import MARKED_PAGE_NUMBER


@dataclass(frozen=True)
class Normalized:
    text: str  # same length as the original
    chrome: tuple[tuple[int, int], ...] = ()  # spans of page-chrome lines, blanked in `text`
    converted_traditional: int = 0  # how many characters were traditional


_SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200b\u200c\u200d\ufeff\t\r\x0b\x0c"


def _fullwidth_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table.update({ord(c): " " for c in _SPACES})
    table.update({ord("﹪"): "%", ord("﹐"): ",", ord("﹔"): ";", ord("﹕"): ":", ord("﹙"): "(", ord("﹚"): ")"})
    # corner brackets (traditional mirrors' quotes) are quotes: “…”, as the rubric writes them
    table.update({ord("「"): "“", ord("」"): "”", ord("『"): "“", ord("』"): "”"})
    return table


@lru_cache(maxsize=1)
def _traditional_table() -> dict[int, str]:
    """Single-character traditional → simplified map from OpenCC's TSCharacters dictionary, and
    the Hong Kong variants (衞 for 衛) a converted page may use, through the character they stand for."""
    import opencc  # the pure-Python package ships the dictionary files we need

    dictionaries = os.path.join(os.path.dirname(opencc.__file__), "dictionary")
    table: dict[int, str] = {}
    for trad, first in _opencc_pairs(dictionaries, "TSCharacters.txt"):
        if trad != first:
            table[ord(trad)] = first
    for variant, standard in _opencc_pairs(dictionaries, "HKVariantsRev.txt"):
        # only a variant of a traditional character (衞 of 衛 → 卫), never a simplified one
        # the dictionary lists as a variant (抬 of 擡)
        if ord(variant) not in table and ord(standard) in table:
            table[ord(variant)] = table[ord(standard)]
    return table


def _opencc_pairs(dictionaries: str, name: str) -> Iterator[tuple[str, str]]:
    """The single-character entries of an OpenCC dictionary: (character, its first candidate)."""
    with open(os.path.join(dictionaries, name), encoding="utf-8") as fh:
        for line in fh:
            source, _, targets = line.rstrip("\n").partition("\t")
            first = targets.split(" ")[0]
            if len(source) == 1 and len(first) == 1:
                yield source, first


@lru_cache(maxsize=1)
def _traditional_phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """The phrases OpenCC's TSPhrases dictionary converts otherwise than character by character,
    of the same length (答覆 → 答复, not 答覆; 藉助 → 借助; 乾縣 → 乾县, not 干县): a pattern finding
    them in the text as read, and what each becomes."""
    import opencc

    dictionaries = os.path.join(os.path.dirname(opencc.__file__), "dictionary")
    characters = _traditional_table()
    phrases: dict[str, str] = {}
    with open(os.path.join(dictionaries, "TSPhrases.txt"), encoding="utf-8") as fh:
        for line in fh:
            source, _, targets = line.rstrip("\n").partition("\t")
            first = targets.split(" ")[0]
            if len(source) == len(first) > 1 and source.translate(characters) != first:
                phrases[source] = first
    longest_first = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, longest_first))), phrases


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = dict(_traditional_table())
    table.update(_fullwidth_table())
    return table


# The heading of a page's list of links (相关文章, 推荐阅读): chrome, and so are the titles under it.
_LINK_LISTS = r"(?:相关(?:链接|阅读|文章|新闻|推荐)|(?:推荐|热点|热门|延伸)(?:阅读|推荐|文章))"

# A chrome line is short and carries one of these marks; a real sentence of a report does not
# start with a breadcrumb or carry an ICP licence number.
_CHROME_LINE = re.compile(
    r"^\s*(?:"
    r"当前位置|您当前的位置|您现在的位置|你的位置|您的位置|首页\s*[>>»/]"
    r"|(?:发布|发表|更新)?(?:日期|时间)\s*[::].{0,40}(?:来源|作者|浏览|点击|录入|字体|字号)"
    r"|(?:信息)?来源\s*[::].{0,40}(?:日期|时间|作者|浏览|点击|录入)"
    r"|来源\s*[::]\s*\S{0,30}\s*$|作者\s*[::]\s*\S{0,20}\s*$|录入\s*[::]"
    r"|(?:主办|承办|协办|主管)(?:单位)?\s*[::]"
    # the metadata table of a government disclosure page (索引号: … 发布机构: …)
    r"|索引号\s*[::]|发布机构\s*[::]|(?:成文|发文)日期\s*[::]|主题分类\s*[::]|公开(?:方式|范围)\s*[::]"
    r"|.{0,60}(?:ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©)"
    r"|.{0,30}(?:网站地图|联系我们|关于我们|隐私声明|使用帮助)(?:\s*[|丨/]|\s*$)"
    r"|(?:联系)?电话\s*[::]\s*[\d\-() ]{6,}"
    r"|(?:浏览|阅读|点击)(?:次数|量)\s*[::]"
    r"|字号\s*[::]|【\s*(?:字体|发布|来源|信息来源|作者|浏览)|打印本页|关闭窗口|分享到\s*[::]?|扫一扫"
    # a page's links to its neighbours and its editor's line (上一篇:…, 责任编辑:…), a link line
    r"|(?:上|下)一(?:篇|条)\s*[::]|" + _LINK_LISTS + r"\s*[::]?|责任编辑\s*[::]|返回顶部|【\s*(?:打印|关闭|返回)"
    r"|[^。]{0,40}(?:www\.|https?://)[^。]{0,40}$"
    r"|" + MARKED_PAGE_NUMBER + r"\s*$"
    r")",
)
_MAX_CHROME_LINE = 160


def is_chrome_line(line: str) -> bool:
    """A page's chrome (a breadcrumb, the fields of its article, its links), not the report's words:
    the same reading that blanks such a line, for a piece of a line that had lost its breaks."""
    return len(line) <= _MAX_CHROME_LINE and bool(_CHROME_LINE.match(line))


# A chrome line that heads a list of the page's links (相关文章:, 推荐阅读): the short lines under it
# are other articles' titles, not the report's (a title has no sentence's end, nor a part's number).
_LINK_LIST_HEADER = re.compile(rf"^\s*{_LINK_LISTS}\s*[::]?\s*$")
_LINK_TITLE = re.compile(
    r"^(?!\s*(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、]))[^。;!?]{0,60}$"
)


# A heading's or a whole line's Markdown marks (## 一、…, **一、…**, from a .md file or text a
# converter left them in): blanked, so the line reads as the heading it is.
_MARKDOWN_LINE_MARKS = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+|^[ \t]*\*\*[^*\n]+\*\*[ \t]*$")


def _blank_markdown(m: re.Match[str]) -> str:
    return " " * len(m.group()) if m.group().lstrip(" \t").startswith("#") else m.group().replace("**", "  ")


def _chrome_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    links = False  # under a list of the page's links
    for line in text.split("\n"):
        end = pos + len(line)
        if links and _LINK_TITLE.match(line):
            spans.append((pos, end))
        elif is_chrome_line(line):
            spans.append((pos, end))
            links = bool(_LINK_LIST_HEADER.match(line))
        else:
            links = False
        pos = end + 1
    return spans


# A full stop after a Chinese character or a closing mark, before a Chinese character, an opening
# mark, a digit (…改革.2.加强…), a space or the line's end (so not 8.6, 1.强化, www.gov.cn or No.1).
# (A part's number, 一. at a line's start, is matched first and kept.)
_FULL_STOP = re.compile(
    r"(?m)^([ \t]*[一二三四五六七八九十百]{1,3}\.)"
    r"|(?<=[\u3400-\u9fff\uf900-\ufaff”’)》%])\.(?=[\u3400-\u9fff\uf900-\ufaff“‘(《”’)\s\d]|$)"
)

_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')


@lru_cache(maxsize=1)
def _quoted_title() -> re.Pattern[str]:
    """A document's title typed in quotes where 《》 belong (学习“中华人民共和国行政复议法”, 印发“…实施
    方案”): a national law by its full name, or a name with the ending of a document's kind (the
    lexicon's quoted_title_endings); not a numbered formula (“一规划两方案”, “全国一张清单” count their
    parts), nor a list of slogans (、)."""
    from .lexicon import default_lexicon  # loaded only for a text that holds a quote

    lex = default_lexicon()
    numeral = "[一二两三四五六七八九十]"
    counted = f"{numeral}(?:{lex.alternation('measure_cn')}|规划|方案|纲要)"
    return re.compile(
        rf"“(?!{numeral})(?![^“”\n]{{0,50}}{counted})"
        rf"((?:中华人民共和国[^“”\n\s]{{1,30}}|[^“”\n\s、]{{3,50}}?{lex.alternation('quoted_title_endings')})"
        r"(?:\([^()“”]{1,12}\))?)”"
    )


def _curly_quotes(text: str) -> str:
    """Straight double quotes paired on a line ("蒙速办") → “蒙速办”, one character for one."""
    return _STRAIGHT_QUOTES.sub(lambda m: "“" + m.group(1) + "”", text)


# Outer marks typed as the inner ones: a title in single angle brackets (〈…〉, or ASCII <…> with a
# Han character in it) and a quote in single quotes (‘…’), where no 《…》 or “…” holds them: a
# nested title (《关于印发〈…〉的通知》) or quote (“…‘…’…”) keeps its marks.
# (a title holds no clause's end: 投诉率<1%,满意度>95% is a comparison)
_SINGLE_MARKS = re.compile(
    r"[〈<](?=[^〈〉<>《》\n]{0,60}[\u4e00-\u9fff])([^〈〉<>《》\n,。;:]{1,60})[〉>]|‘([^‘’“”\n]{1,60})’"
)


def _outer_marks(text: str) -> str:
    """〈…〉 / <…> → 《…》 and ‘…’ → “…” where they stand outside any 《…》 or “…”, one character
    for one."""

    def outer(m: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        if m.group(1) is not None:
            return "《" + m.group(1) + "》" if before.count("《") <= before.count("》") else m.group()
        return "“" + m.group(2) + "”" if before.count("“") <= before.count("”") else m.group()

    return _SINGLE_MARKS.sub(outer, text)


def _quoted_titles(text: str) -> str:
    """A document's title in quotes (“…条例”) → in 《》, one character for one."""
    return _quoted_title().sub(lambda m: "《" + m.group(1) + "》", text)


def _phrases_converted(text: str, converted: str) -> str:
    """`converted` with the traditional phrases of `text` that a character table gets wrong (答覆)
    converted as phrases, one character for one."""
    pattern, phrases = _traditional_phrases()
    pieces, pos = [], 0
    for m in pattern.finditer(text):
        pieces += [converted[pos : m.start()], phrases[m.group()]]
        pos = m.end()
    return "".join(pieces) + converted[pos:] if pieces else converted


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching; the result has exactly the same length."""
    converted = text.translate(_table())
    # every traditional character maps to another one, so the characters the traditional table
    # alone changes are the traditional ones (counted in C, not character by character in Python)
    simplified = text.translate(_traditional_table()) if converted != text else text
    traditional = sum(map(str.__ne__, text, simplified)) if simplified != text else 0
    if traditional:
        converted = _phrases_converted(text, converted)
    if '"' in converted:
        converted = _curly_quotes(converted)
    if "〈" in converted or "<" in converted or "‘" in converted:
        converted = _outer_marks(converted)
    if "“" in converted:
        converted = _quoted_titles(converted)
    if "." in converted:
        converted = _FULL_STOP.sub(lambda m: m.group(1) or "。", converted)
    if "#" in converted or "**" in converted:
        converted = _MARKDOWN_LINE_MARKS.sub(_blank_markdown, converted)
    chrome = _chrome_spans(converted)
    if chrome:
        chars = list(converted)
        for start, end in chrome:
            chars[start:end] = " " * (end - start)
        converted = "".join(chars)
    return Normalized(text=converted, chrome=tuple(chrome), converted_traditional=traditional)
