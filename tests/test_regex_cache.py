"""Compiled regular expressions kept between runs (scorer/regex_cache.py): a kept pattern is the
pattern re.compile makes, a damaged or foreign entry only costs time, and a second `check`
compiles nothing of its own."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest
from conftest import EXAMPLES

from scorer import regex_cache

# patterns of the kinds scorer writes: Han classes (the costly ones), named groups, lookbehind,
# flags, bytes, a class beyond the BMP
PATTERNS = [
    (r"(?<![\u4e00-\u9fff])(?P<place>[\u4e00-\u9fff])[\u4e00-\u9fff]{0,4}?\s*[〔\[(【]\s*20\d{2}", 0),
    (r"(?P<name>(?P<word>[\u4e00-\u9fff]{1,8})率|[^\u4e00-\u9fff]+)", 0),
    (r"[\u4e00-\u9fff\U00020000-\U0002a6df]{2}", 0),
    (r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE),
    (r"(?x) 第 \s* [零〇一二三四五六七八九十百\d]{1,3} \s* (?:部分|章|节)", re.MULTILINE),
    (rb"(?m)^[\"']?extends[\"']?\s*:", 0),
    (rb"<(?:/?[a-z][a-z0-9]*[\s>/]|!--)", re.IGNORECASE),
]
TEXT = "宝安区〔2023〕号 出庭应诉率达到100% HEADING 2\n第 三 部分 𠀀𠀁 extends: x <Html>"


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """An empty cache folder, nothing restored yet, and re's cache emptied (as in a new process)."""
    monkeypatch.setenv("SCORER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(regex_cache, "_restored", set())
    re.purge()
    yield tmp_path / "cache"
    re.purge()


def compile_anew(source, flags):
    """re.compile without re's cache."""
    compiler = getattr(re, "_compiler", None) or re.sre_compile  # type: ignore[attr-defined]
    return compiler.compile(source, flags)


def test_a_kept_pattern_is_the_pattern_re_compile_makes(fresh):
    for source, flags in PATTERNS:
        re.compile(source, flags)
    regex_cache.keep()
    assert list(fresh.glob("patterns-*"))

    re.purge()
    regex_cache._restored.clear()
    regex_cache.restore()
    for source, flags in PATTERNS:
        restored = re._cache[type(source), source, flags]  # type: ignore[attr-defined]
        assert re.compile(source, flags) is restored  # re.compile finds it: nothing compiled
        anew = compile_anew(source, flags)
        assert restored == anew  # equal source, flags and code
        assert (restored.groups, restored.groupindex, restored.flags) == (anew.groups, anew.groupindex, anew.flags)
        text = TEXT.encode() if isinstance(source, bytes) else TEXT
        assert [m.span() for m in restored.finditer(text)] == [m.span() for m in anew.finditer(text)]
        assert [m.groupdict() for m in restored.finditer(text)] == [m.groupdict() for m in anew.finditer(text)]


def test_only_a_run_that_compiled_something_new_writes(fresh):
    re.compile(PATTERNS[0][0])
    regex_cache.keep()
    (entry,) = fresh.glob("patterns-*")
    written = entry.stat().st_mtime_ns
    re.purge()
    regex_cache.restore()
    re.compile(PATTERNS[0][0])  # restored: nothing new
    regex_cache.keep()
    assert entry.stat().st_mtime_ns == written
    re.compile(PATTERNS[1][0])  # new: kept with the one before
    regex_cache.keep()
    re.purge()
    regex_cache._restored.clear()
    regex_cache.restore()
    assert {PATTERNS[0][0], PATTERNS[1][0]} <= {source for (_, source, _) in re._cache}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "damage",
    [
        b"not marshal",
        b"",
        # a table whose code the matching engine refuses
        marshal.dumps({PATTERNS[0]: (32, [999, 1, 2], 0, {}, (None,))}),
        marshal.dumps(["a list, not a table"]),
    ],
)
def test_a_damaged_entry_only_costs_time(fresh, damage):
    re.compile(PATTERNS[0][0])
    regex_cache.keep()
    (entry,) = fresh.glob("patterns-*")
    entry.write_bytes(damage)
    re.purge()
    regex_cache._restored.clear()
    regex_cache.restore()  # no error
    source, flags = PATTERNS[0]
    assert re.compile(source, flags) == compile_anew(source, flags)
    regex_cache.keep()  # written whole again
    re.purge()
    regex_cache._restored.clear()
    regex_cache.restore()
    assert (str, source, flags) in re._cache  # type: ignore[attr-defined]


def test_a_cache_folder_that_cannot_be_written_only_costs_time(fresh):
    fresh.parent.mkdir(exist_ok=True)
    fresh.write_text("a file where the folder should be")
    re.compile(PATTERNS[0][0])
    regex_cache.keep()
    regex_cache.restore()
    assert re.compile(PATTERNS[0][0]).search(TEXT)


def test_a_later_check_compiles_none_of_its_patterns(tmp_path):
    # `check` starts a fresh interpreter per draft: a later one finds every pattern it uses kept by
    # those before, and prints the same. The second still compiles a few: the rubric's patterns,
    # compiled by the first as it loaded the rubric, are read back by the second from the cached
    # rubric, where they come as re.compile(source, re.UNICODE), another key in re's cache.
    program = (
        "import re, sys\n"
        "from scorer.cli import main\n"
        "compiler = getattr(re, '_compiler', None) or re.sre_compile\n"
        "compiled, compile = [], compiler.compile\n"
        "compiler.compile = lambda p, flags=0: compiled.append(p) or compile(p, flags)\n"
        "sys.argv = ['scorer', 'check', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print(len(compiled), file=sys.__stderr__)\n"
    )
    env = {**os.environ, "SCORER_CACHE_DIR": str(tmp_path / "cache")}
    runs = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", program, str(EXAMPLES / "kaizhou_2024.txt")],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
        )
        assert done.returncode == 0, done.stderr
        runs.append((int(done.stderr.strip().splitlines()[-1]), done.stdout))
    (first, first_output), (second, second_output), (third, third_output) = runs
    assert first > 100 and second < 20 and third == 0
    assert first_output == second_output == third_output
