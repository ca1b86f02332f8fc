"""The cache folder (scorer/cache.py): a prepared value is used only while what it was made from
is unchanged, and a cache that is damaged or cannot be written costs time, never a result."""

from __future__ import annotations

import pickle
from importlib import resources

import pytest
from conftest import EXAMPLES, ROOT
from typer.testing import CliRunner

from scorer.cache import cached, fingerprint
from scorer.cli import app
from scorer.metadata import gazetteer


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCORER_CACHE_DIR", str(folder))
    return folder


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_value_is_built_once_per_set_of_sources(cache_folder):
    build, calls = counting({"宝安区": ("440306", False)})
    assert cached("names", [b"v1"], build) == {"宝安区": ("440306", False)}
    assert cached("names", [b"v1"], build) == {"宝安区": ("440306", False)}
    assert len(calls) == 1
    cached("names", [b"v2"], build)  # the data changed: built again, the old entry dropped
    assert len(calls) == 2
    assert len(list(cache_folder.glob("names-*"))) == 1
    # sources are kept apart: the same bytes split differently are other sources
    cached("names", [b"v", b"2"], build)
    assert len(calls) == 3


def test_a_damaged_entry_is_built_again(cache_folder):
    build, calls = counting([1, 2, 3])
    cached("table", [b"data"], build)
    (entry,) = cache_folder.glob("table-*")
    entry.write_bytes(entry.read_bytes()[:3])
    assert cached("table", [b"data"], build) == [1, 2, 3]
    assert len(calls) == 2
    assert cached("table", [b"data"], build) == [1, 2, 3]  # and stored whole again
    assert len(calls) == 2


def test_a_cache_folder_that_cannot_be_made_only_costs_time(cache_folder):
    cache_folder.write_text("a file where the folder should be")
    build, calls = counting("值")
    assert cached("x", [b"s"], build) == "值"
    assert cached("x", [b"s"], build) == "值"
    assert len(calls) == 2


def test_pickled_values_whose_class_is_gone_are_built_again(cache_folder):
    build, calls = counting(("ok",))
    cached("obj", [b"s"], build, codec=pickle)
    (entry,) = cache_folder.glob("obj-*")
    entry.write_bytes(b"\x80\x04\x95\x18\x00\x00\x00\x00\x00\x00\x00\x8c\x07nowhere\x94\x8c\x05Thing\x94\x93\x94.")
    assert cached("obj", [b"s"], build, codec=pickle) == ("ok",)
    assert len(calls) == 2


def test_the_fingerprint_changes_with_any_file_but_not_with_bytecode(tmp_path):
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "code.py").write_text("A = 1\n")
    (package / "table.tsv").write_text("440306\t宝安区\n", encoding="utf-8")
    before = fingerprint(package)
    assert fingerprint(package) == before
    (package / "sub" / "__pycache__").mkdir()
    (package / "sub" / "__pycache__" / "code.cpython-311.pyc").write_bytes(b"\0")
    assert fingerprint(package) == before
    (package / "sub" / "code.py").write_text("A = 22\n")  # an edit
    edited = fingerprint(package)
    assert edited != before
    (package / "new.py").write_text("")  # a file added
    assert fingerprint(package) != edited
    assert b"gazetteer.py" in fingerprint()  # by default, the installed package


def test_the_prepared_gazetteer_is_the_gazetteer_built_from_the_tables():
    gazetteer.load_gazetteer.cache_clear()
    try:
        prepared = gazetteer.load_gazetteer()  # built, then stored
        gazetteer.load_gazetteer.cache_clear()
        again = gazetteer.load_gazetteer()  # read back
    finally:
        gazetteer.load_gazetteer.cache_clear()
    data = {name: (resources.files("scorer") / "data" / name).read_bytes() for name in gazetteer._DATA_FILES}
    built = gazetteer._build(data)
    for found in (prepared, again):
        assert found.units == built.units and found.former == built.former
        assert found.aliases == built.aliases and found.longest == built.longest
        assert found.province_of_abbreviation == built.province_of_abbreviation
        assert found.names("440306", bare=True) == built.names("440306", bare=True)
        assert found.match("在深圳市宝安区", 1, 7) == built.match("在深圳市宝安区", 1, 7)


def test_check_follows_an_edited_rubric_and_still_names_a_broken_one(tmp_path, cache_folder):
    runner = CliRunner()
    shipped = (ROOT / "rubrics" / "outline-2021-2025.yaml").read_text(encoding="utf-8")
    rubric = tmp_path / "mine.yaml"
    rubric.write_text(shipped.replace("\nid: ", "\nid: mine-", 1), encoding="utf-8")
    report = EXAMPLES / "baoan_2023.txt"

    def check():
        out = tmp_path / "out.json"
        result = runner.invoke(app, ["check", str(report), "--rubric", str(rubric), "--json", str(out)])
        return result, out.read_text(encoding="utf-8") if result.exit_code == 0 else ""

    first, first_json = check()
    assert first.exit_code == 0, first.output
    assert list(cache_folder.glob("rubric-*"))
    assert '"id": "mine-' in first_json
    second, second_json = check()  # from the cache: the same result
    assert second.exit_code == 0 and second.output == first.output
    assert second_json.split('"run_date"')[0] == first_json.split('"run_date"')[0]

    rubric.write_text(shipped.replace("\nid: ", "\nid: edited-", 1), encoding="utf-8")
    edited, edited_json = check()
    assert edited.exit_code == 0 and '"id": "edited-' in edited_json

    rubric.write_text(shipped.replace("\nid: ", "\nid: [", 1), encoding="utf-8")
    broken, _ = check()
    assert broken.exit_code == 2
    assert f"{rubric}:" in broken.output and "YAML syntax error" in broken.output


def test_an_overlay_follows_its_edited_base(tmp_path, cache_folder):
    runner = CliRunner()
    shipped = (ROOT / "rubrics" / "outline-2021-2025.yaml").read_text(encoding="utf-8")
    base = tmp_path / "base.yaml"
    overlay = tmp_path / "city.yaml"
    base.write_text(shipped, encoding="utf-8")
    overlay.write_text("extends: base.yaml\nid: city\nversion: '1'\n", encoding="utf-8")
    report = str(EXAMPLES / "baoan_2023.txt")
    first = runner.invoke(app, ["check", report, "--rubric", str(overlay)])
    assert first.exit_code == 0, first.output
    base.write_text(shipped.replace("\nrequirements:", "\nrequirements: [", 1), encoding="utf-8")
    broken = runner.invoke(app, ["check", report, "--rubric", str(overlay)])
    assert broken.exit_code == 2 and f"{base}:" in broken.output


def test_the_cache_folder_is_the_one_configured_else_the_xdg_one_else_in_home(monkeypatch, tmp_path):
    from scorer.cache import cache_dir

    monkeypatch.setenv("SCORER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("SCORER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "scorer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "scorer"


def test_a_check_with_its_rubric_and_words_cached_needs_no_yaml(cache_folder):
    # `check` starts a fresh interpreter per draft: once the rubric and the lexicon are cached,
    # PyYAML (~15 ms to import) is not loaded at all, and the result is the same
    import os
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from scorer.cli import app\n"
        "try:\n"
        "    app(['check', sys.argv[1], '--json', sys.argv[2]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('yaml' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "SCORER_CACHE_DIR": str(cache_folder)}
    outputs = []
    for run in ("first", "second"):
        out = cache_folder.parent / f"{run}.json"
        done = subprocess.run(
            [sys.executable, "-c", program, str(EXAMPLES / "kaizhou_2024.txt"), str(out)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append((done.stderr.strip().splitlines()[-1], out.read_text(encoding="utf-8")))
    assert outputs[0][0] == "True" and outputs[1][0] == "False"

    def stable(text):  # the run's date and time aside
        return [line for line in text.splitlines() if "run_date" not in line]

    assert stable(outputs[0][1]) == stable(outputs[1][1])
