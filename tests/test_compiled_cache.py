"""What Python compiles kept between runs (scorer/compiled_cache.py): a kept pattern is the pattern
re.compile makes, a kept dataclass method the code @dataclass makes, a damaged entry or a folder
that cannot be written only costs time, and a later `check` compiles nothing of its own."""

from __future__ import annotations

import dataclasses
import inspect
import marshal
import os
import re
import subprocess
import sys

import pytest
from conftest import EXAMPLES

from scorer import compiled_cache

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
    monkeypatch.setattr(compiled_cache, "_restored", set())
    monkeypatch.setattr(compiled_cache, "_methods", {})
    monkeypatch.setattr(compiled_cache, "_methods_run", {})
    re.purge()
    yield tmp_path / "cache"
    re.purge()
    compiled_cache.keep()  # the dataclasses module as it was
    assert "exec" not in vars(dataclasses)


def new_process():
    """What a new process knows: nothing restored, nothing in re's cache."""
    re.purge()
    compiled_cache._restored.clear()
    compiled_cache._methods.clear()
    compiled_cache._methods_run.clear()


def compile_anew(source, flags):
    """re.compile without re's cache."""
    compiler = getattr(re, "_compiler", None) or re.sre_compile  # type: ignore[attr-defined]
    return compiler.compile(source, flags)


def test_a_kept_pattern_is_the_pattern_re_compile_makes(fresh):
    for source, flags in PATTERNS:
        re.compile(source, flags)
    compiled_cache.keep()
    assert list(fresh.glob("patterns-*"))

    new_process()
    compiled_cache.restore()
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
    compiled_cache.keep()
    (entry,) = fresh.glob("patterns-*")
    written = entry.stat().st_mtime_ns
    re.purge()
    compiled_cache.restore()
    re.compile(PATTERNS[0][0])  # restored: nothing new
    compiled_cache.keep()
    assert entry.stat().st_mtime_ns == written
    re.compile(PATTERNS[1][0])  # new: kept with the one before
    compiled_cache.keep()
    new_process()
    compiled_cache.restore()
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
    compiled_cache.keep()
    (entry,) = fresh.glob("patterns-*")
    entry.write_bytes(damage)
    new_process()
    compiled_cache.restore()  # no error
    source, flags = PATTERNS[0]
    assert re.compile(source, flags) == compile_anew(source, flags)
    compiled_cache.keep()  # written whole again
    new_process()
    compiled_cache.restore()
    assert (str, source, flags) in re._cache  # type: ignore[attr-defined]


def test_a_cache_folder_that_cannot_be_written_only_costs_time(fresh):
    fresh.parent.mkdir(exist_ok=True)
    fresh.write_text("a file where the folder should be")
    re.compile(PATTERNS[0][0])
    compiled_cache.keep()
    compiled_cache.restore()
    assert re.compile(PATTERNS[0][0]).search(TEXT)


def make_classes():
    """Dataclasses of the kinds scorer defines, and a few more."""

    @dataclasses.dataclass(frozen=True)
    class Evidence:
        text: str
        start: int
        tags: tuple[str, ...] = ()
        notes: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)

    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Detector:
        kind: str
        weight: float = 1.0

    @dataclasses.dataclass(order=True, slots=True)
    class Row:
        rank: int
        name: str = "宝安区"

    @dataclasses.dataclass(eq=False)
    class Plain:
        value: object = None

    return Evidence, Detector, Row, Plain


def made_by_dataclass(function):
    return function.__code__.co_filename == "<string>"


def generated(cls):
    return {
        name: fn for name, fn in vars(cls).items() if inspect.isfunction(fn) and fn.__code__.co_filename == "<string>"
    }


def test_a_kept_dataclass_method_is_the_method_dataclass_makes(fresh):
    plain = make_classes()
    compiled_cache.restore()
    compiled_cache._methods_run.clear()
    first = make_classes()  # compiled, then kept
    assert compiled_cache._methods_run
    compiled_cache.keep()
    assert list(fresh.glob("dataclass-methods-*"))
    new_process()
    compiled_cache.restore()
    assert compiled_cache._methods
    kept = make_classes()  # from the kept code
    assert set(compiled_cache._methods_run) <= set(compiled_cache._methods)
    for made in (first, kept):
        for ours, theirs in zip(made, plain, strict=True):
            assert generated(ours).keys() == generated(theirs).keys() and generated(ours)
            for name, method in generated(ours).items():
                other = generated(theirs)[name]
                assert method.__code__ == other.__code__, (ours, name)
                assert (method.__qualname__, method.__defaults__, method.__kwdefaults__) == (
                    other.__qualname__,
                    other.__defaults__,
                    other.__kwdefaults__,
                )
                assert method.__annotations__ == other.__annotations__
    Evidence, Detector, Row, Plain = kept
    evidence = Evidence("依法行政", 3, ("a",), ["x"])
    assert evidence == Evidence("依法行政", 3, ("a",), ["other"]) and hash(evidence)
    assert repr(evidence) == repr(plain[0]("依法行政", 3, ("a",), ["x"]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        evidence.start = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        Detector("positional")  # type: ignore[misc]
    assert Row(1) < Row(2) and Row(1).name == "宝安区" and not hasattr(Row(1), "__dict__")
    assert Plain() != Plain()


def test_a_later_check_compiles_nothing_and_makes_the_same_dataclasses(tmp_path):
    # `check` starts a fresh interpreter per draft: a later one finds every pattern and dataclass
    # method it uses kept by those before, and prints the same. The second still compiles a few
    # patterns: the rubric's, compiled by the first as it loaded the rubric, are read back by the
    # second from the cached rubric, where they come as re.compile(source, re.UNICODE), another
    # key in re's cache. The third writes nothing to the cache folder.
    program = (
        "import dataclasses, marshal, re, sys\n"
        "from scorer.cli import app, main\n"
        "compiler = getattr(re, '_compiler', None) or re.sre_compile\n"
        "compiled, compile = [], compiler.compile\n"
        "compiler.compile = lambda p, flags=0: compiled.append(p) or compile(p, flags)\n"
        "mode, report, codes = sys.argv[1:]\n"
        "sys.argv = ['scorer', 'check', report]\n"
        "try:\n"
        "    main() if mode == 'main' else app(sys.argv[1:])\n"
        "finally:\n"
        "    print(len(compiled), file=sys.__stderr__)\n"
        "    methods = {}\n"
        "    for module in [m for name, m in sys.modules.items() if name.startswith('scorer')]:\n"
        "        for cls in vars(module).values():\n"
        "            if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__:\n"
        "                for name, fn in vars(cls).items():\n"
        "                    if getattr(getattr(fn, '__code__', None), 'co_filename', '') == '<string>':\n"
        "                        methods[f'{cls.__module__}.{cls.__qualname__}.{name}'] = fn.__code__\n"
        "    open(codes, 'wb').write(marshal.dumps(methods))\n"
    )
    cache = tmp_path / "cache"
    env = {**os.environ, "SCORER_CACHE_DIR": str(cache)}

    def run(mode):
        codes = tmp_path / "codes.marshal"
        done = subprocess.run(
            [sys.executable, "-c", program, mode, str(EXAMPLES / "kaizhou_2024.txt"), str(codes)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
        )
        assert done.returncode == 0, done.stderr
        return int(done.stderr.strip().splitlines()[-1]), done.stdout, marshal.loads(codes.read_bytes())

    plain_compiled, plain_output, plain_methods = run("app")  # no cache: app() is not main()
    assert not cache.exists() or not list(cache.glob("patterns-*"))
    first, first_output, _ = run("main")
    second, second_output, _ = run("main")
    written = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert any(name.startswith("patterns-") for name in written)
    assert any(name.startswith("dataclass-methods-") for name in written)
    third, third_output, third_methods = run("main")
    assert first > 100 and second < 20 and third == 0
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == written
    assert plain_output == first_output == second_output == third_output
    # the dataclasses of the run, their methods made from the kept code: the same code
    assert len(plain_methods) > 100
    assert third_methods == plain_methods


@pytest.mark.parametrize("damage", [b"not marshal", marshal.dumps({"def f(): pass": "not code"}), marshal.dumps([1])])
def test_a_damaged_table_of_dataclass_methods_only_costs_time(fresh, damage):
    plain = make_classes()
    compiled_cache.restore()
    make_classes()
    compiled_cache.keep()
    (entry,) = fresh.glob("dataclass-methods-*")
    entry.write_bytes(damage)
    new_process()
    compiled_cache.restore()  # no error
    again = make_classes()
    for ours, theirs in zip(again, plain, strict=True):
        for name, method in generated(ours).items():
            assert method.__code__ == generated(theirs)[name].__code__
    compiled_cache.keep()  # written whole again
    new_process()
    compiled_cache.restore()
    make_classes()
    assert compiled_cache._methods_run and set(compiled_cache._methods_run) <= set(compiled_cache._methods)
