"""One vocabulary: the stages read their word lists from the lexicon, compile their patterns on
first use, and the number reader and the judge share one list of measure words."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

from scorer.lazy_re import lazy, lazy_pattern
from scorer.lexicon import default_lexicon
from scorer.normalize import normalize
from scorer.numbers import VALUE, read_numbers

PACKAGE = ROOT / "scorer"


def test_a_lazy_pattern_compiles_on_first_use_and_then_is_the_compiled_pattern():
    built: list[str] = []

    def build() -> re.Pattern[str]:
        built.append("once")
        return re.compile("件|宗")

    pattern = lazy(build)
    assert built == []
    assert pattern.search("受理3宗").group() == "宗"
    assert [m.group() for m in pattern.finditer("1件2宗")] == ["件", "宗"]
    assert pattern.groups == 0  # attributes other than the methods reach the compiled pattern too
    assert built == ["once"]
    # after the first use the methods are the compiled pattern's own, with nothing in between
    assert pattern.search.__self__ is re.compile("件|宗")


def test_a_lazy_pattern_gives_its_source_before_it_is_compiled():
    year = lazy_pattern(r"20\d{2}", re.M)
    built_from_it = re.compile(rf"(?:{year.pattern})年")
    assert "_compiled" not in vars(year)
    assert built_from_it.search("2024年").group() == "2024年"
    assert year.match("2024\n2025").group() == "2024"
    assert year.flags & re.M


def test_importing_the_stages_compiles_no_pattern_of_theirs_and_loads_no_lexicon():
    """`scorer check` pays for every pattern compiled at import; the stages compile on first use."""
    probe = textwrap.dedent(
        """
        import re, sys
        compiled_here = []
        original = re._compile
        def counting(pattern, flags):
            frame = sys._getframe(1)
            while frame and frame.f_code.co_filename == re.__file__:
                frame = frame.f_back
            # the gazetteer's two suffix patterns are compiled with it (scorer.metadata.gazetteer)
            if frame and "/scorer/" in frame.f_code.co_filename and "gazetteer" not in frame.f_code.co_filename:
                compiled_here.append((frame.f_code.co_filename, str(pattern)[:40]))
            return original(pattern, flags)
        re._compile = counting
        import scorer.figures, scorer.metadata, scorer.metadata.genre, scorer.numbers, scorer.structure
        from scorer.lexicon import default_lexicon
        print(compiled_here)
        print(default_lexicon.cache_info().currsize)
        """
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    compiled, lexicons_loaded = run.stdout.splitlines()
    assert compiled == "[]"
    assert lexicons_loaded == "0"


@pytest.mark.parametrize(
    "text, unit",
    [
        ("开展普法培训12课时", "课时"),  # a word the judge's `measure` list holds
        ("处理信访事项30例", "例"),  # a word of `measure_more`
        ("人次与人: 服务群众300人次", "人次"),  # the longest word wins
    ],
)
def test_the_number_reader_reads_every_measure_word_of_the_lexicon(text, unit):
    numbers = [n for n in read_numbers(normalize(text).text) if n.kind == VALUE]
    assert [(n.unit, n.is_count) for n in numbers] == [(unit, True)]


def test_scale_and_approximation_words_of_measure_stay_grammar_not_units():
    """`measure` holds 万 / 余 / 多 (the judge reads them as a detail's measure); the number reader
    reads them as a scale and an approximation, never as the unit."""
    (number,) = read_numbers(normalize("办理1万多件").text)
    assert (number.value, number.unit, number.approx) == (10000, "件", True)
    (number,) = read_numbers(normalize("约20余件").text)
    assert (number.value, number.unit, number.approx) == (20, "件", True)


def test_durations_and_amounts_are_no_counts():
    durations = {
        n.unit: (n.is_duration, n.is_count) for n in read_numbers(normalize("连续3年,用时5个工作日,罚款2万元").text)
    }
    assert durations == {"年": (True, False), "个工作日": (True, False), "元": (False, False)}


def test_no_list_is_named_twice():
    # YAML keeps the last of two lists of one name without a word: the first would be lost
    import re
    from importlib import resources

    source = resources.files("scorer.lexicon").joinpath("zh.yaml").read_text(encoding="utf-8")
    names = re.findall(r"^(\w+):", source, re.MULTILINE)
    assert sorted(names) == sorted(set(names))
    assert set(names) == set(default_lexicon().lists)


def test_no_word_list_repeats_a_word():
    for name, words in default_lexicon().lists.items():
        assert len(words) == len(set(words)), name


def _string_constants(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


@pytest.mark.parametrize(
    "word", ["下一步", "有待", "人民代表大会常务委员会", "高新技术产业开发区", "不少于", "上年同期", "受理", "平方公里"]
)
def test_the_lists_of_the_vocabulary_live_in_the_lexicon_only(word):
    """A word of the vocabulary stands in no string of the package's code (docstrings aside)."""
    assert any(word in entry for words in default_lexicon().lists.values() for entry in words)
    holders = [
        path.relative_to(ROOT).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if any(word in value for value in _string_constants(path))
    ]
    assert holders == [], holders


def test_one_way_to_write_a_year_in_numerals_for_every_stage():
    """二○二四 (a circle for 〇, as typed or recognised) is a year to the structure parser, the
    metadata reader and the genre check alike."""
    from scorer.metadata import detect_metadata
    from scorer.metadata.genre import refusal
    from scorer.structure import parse

    body = "坚持依法行政,全年办理行政复议案件12件,开展普法活动30场,法治政府建设取得新成效。" * 5
    text = normalize(
        f"一、主要工作\n{body}\n二、下一步工作\n继续推进法治政府建设。\n某某县人民政府\n二○二四年三月十日\n"
    ).text
    structure = parse(text)
    closing = [s for s in structure.sentences if text[s.start : s.end] in ("某某县人民政府", "二○二四年三月十日")]
    assert [s.section for s in closing] == [-1, -1]  # the closing block, in no section
    assert detect_metadata(text, structure).date == "2024-03-10"
    assert refusal(body.replace("全年", "二○二四年")) is None
