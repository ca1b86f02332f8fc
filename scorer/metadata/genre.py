"""Whether a text is a rule-of-law report at all, before it is scored and ranked.

A file that is not one (English text, a title alone, a page of junk, an empty file) would score
near 0 and be ranked 不合格 beside real governments; it is refused instead, with the reason, unless
the user forces it. The marks are deliberately few and loose: any real report, even an opening,
has a few hundred Chinese characters, speaks of 法治 / 依法行政 and names a year.
"""

from __future__ import annotations

import re

from ..lazy_re import lazy, lazy_pattern
from ..lexicon import default_words
from ..numbers import CN_YEAR

MIN_HAN = 150  # a title with a line or two of text has fewer; a report's opening paragraph more

_HAN = lazy_pattern(r"[\u4e00-\u9fff]")
# the report's subject, or 法制, its older word
_GENRE = lazy(lambda: re.compile(f"{default_words('report_subject')}|法制"))
_YEAR = lazy_pattern(rf"(?<!\d)[2２][0０]\d{{2}}(?!\d)|{CN_YEAR}\s*年")  # \d: full-width too


def refusal(text: str) -> str | None:
    """Why `text` (as read: the marks look the same in traditional characters) is not a
    rule-of-law report, or None when it may be one."""
    han = len(_HAN.findall(text))
    if han < MIN_HAN:
        return f"not a rule-of-law report: only {han} Chinese characters (at least {MIN_HAN} expected)"
    missing = [what for what, pattern in (("法治 / 依法行政", _GENRE), ("year", _YEAR)) if not pattern.search(text)]
    if missing:
        return f"not a rule-of-law report: no {' and no '.join(missing)}"
    return None
