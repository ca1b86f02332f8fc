"""Issue 16: nothing a user or a file can do loses a batch, hangs the tool, or writes into the
terminal. One section per class of the issue, each case as a user or a hostile file would do it.

Speed is asserted by counting work, not by timing it (the suite runs on shared cores).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, ROOT
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorer import batch, cli
from scorer.batch import read_report, score_files
from scorer.ingest import IngestError
from scorer.result import FileError
from scorer.rubric.load import RubricError, load_rubric
from scorer.safe_text import TerminalStream, path_text
from scorer.structure import parse

runner = CliRunner()
GBK_NAME = os.fsdecode("宝安_2023.txt".encode("gbk"))  # as Python hands over a GBK name on a UTF-8 system
GBK_SHOWN = r"\xb1\xa6\xb0\xb2_2023.txt"
LINES = 20_000
DOCX_FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "report.docx"


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def run_main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """`scorer ARGS` through the real entry point (terminal filter, signal handlers), in this process."""
    monkeypatch.setattr(sys, "argv", ["scorer", *map(str, args)])
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # main() wraps both: put them back afterwards
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    monkeypatch.setattr(cli, "_stopped_by", [])
    handlers = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    try:
        with pytest.raises(SystemExit) as done:
            cli.main()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


def unescape(shown: str) -> bytes:
    """Undo path_text: what the test reads back must be the name's bytes exactly."""
    out, i = bytearray(), 0
    while i < len(shown):
        if shown.startswith("\\\\", i):
            out += b"\\"
            i += 2
        elif shown.startswith("\\x", i):
            out.append(int(shown[i + 2 : i + 4], 16))
            i += 4
        elif shown.startswith("\\u", i):
            out += os.fsencode(chr(int(shown[i + 2 : i + 6], 16)))
            i += 6
        else:
            out += shown[i].encode("utf-8")
            i += 1
    return bytes(out)


def long_file(folder: Path, lines: int = LINES) -> Path:
    path = folder / "long.txt"
    path.write_text("2024年某区法治政府建设情况报告\n" + "\n".join(f"短行{i}" for i in range(lines)), encoding="utf-8")
    return path


def overlay(tmp_path: Path, pattern: str) -> Path:
    path = tmp_path / "overlay.yaml"
    path.write_text(
        "extends: outline-2021-2025\nid: overlay\nversion: '1'\nrequirements:\n"
        "  - id: p1.stuck\n    pillar: p1\n    title: 卡住\n    points: 1\n    detect:\n"
        f"      - pattern: '{pattern}'\n",
        encoding="utf-8",
    )
    return path


# --- 1. a file name that is not UTF-8 ------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_any_file_name_is_shown_on_one_printable_line_and_losslessly(name):
    shown = path_text(os.fsdecode(name))
    shown.encode("utf-8")  # no surrogate left: every writer can store it
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)
    assert unescape(shown) == name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.binary(min_size=1, max_size=30).filter(
        lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
    ),
    content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8"))),
)
def test_any_name_and_content_give_a_result_or_a_one_line_error_that_every_writer_stores(
    rubric, tmp_path, name, content
):
    from scorer.result import RubricInfo, RunResult
    from scorer.write.json import write_json

    path = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), name + b".txt")))
    path.write_bytes(content)
    [result] = score_files([path], rubric, jobs=1)
    assert result.source == path_text(path)
    if isinstance(result, FileError):
        assert result.error.startswith(f"{path_text(path)}: ") and "\n" not in result.error
        assert not re.search(r"[\x00-\x1f\x7f-\x9f]|0x[0-9a-f]{6,}", result.error)
    run = RunResult(
        "scorer",
        "0",
        RubricInfo("x", "1", "", "", ""),
        () if isinstance(result, FileError) else (result,),
        (result,) if isinstance(result, FileError) else (),
    )
    write_json(run, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    path.unlink()


def test_a_gbk_named_file_is_scored_and_named_in_every_output(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "baoan_2023.txt", os.path.join(folder, GBK_NAME))
    shutil.copy(EXAMPLES / "kaizhou_2024.txt", folder / "kaizhou_2024.txt")
    (folder / ("坏" + GBK_NAME)).write_bytes(b"")  # a bad file with such a name: its error line too
    result = runner.invoke(
        cli.app,
        ["score", str(folder), "--json", str(tmp_path / "r.json"), "-o", str(tmp_path / "r.xlsx"), "--jobs", "2"],
    )
    assert result.exit_code == 1, result.output  # the empty file; nothing else
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sorted(Path(r["source"]).name for r in data["reports"]) == sorted([GBK_SHOWN, "kaizhou_2024.txt"])
    assert data["errors"][0]["error"].endswith(f"坏{GBK_SHOWN}: empty file")
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = {c.value for ws in workbook for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert GBK_SHOWN in cells

    html = tmp_path / "r.html"
    code, out, err = run_main(monkeypatch, capsys, "check", os.path.join(folder, GBK_NAME), "--html", html)
    assert code == 0, err
    assert GBK_SHOWN in out.splitlines()[0]
    assert GBK_SHOWN in html.read_text(encoding="utf-8")


# --- 2. structure parsing is linear in lines ------------------------------------------------

LINE_SHAPES = st.sampled_from(
    [
        "一、总体情况",
        "(一)加强组织领导",
        "1.完善制度",
        "下一步,我区将继续推进法治建设。",
        "2025年,我区将深化改革。",
        "短行",
        "存在的问题",
        "我区深入推进依法行政。全面落实责任制!",
        "某区人民政府",
        "2024年12月30日",
        "专此报告。",
        "但仍存在一些不足,主要是基层法治力量薄弱。",
        "",
    ]
)


def parse_work(text: str) -> int:
    """Python and C calls made while parsing `text`: work, counted the same on any machine."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += 1

    sys.setprofile(count)
    try:
        parse(text)
    finally:
        sys.setprofile(None)
    return calls


def repeated(shapes: list[str], lines: int) -> str:
    return "\n".join(shapes[i % len(shapes)] for i in range(lines))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE_SHAPES, min_size=1, max_size=12))
@example(["短行"])  # every line could be a plain heading: each looked at every line after it
@example(["一、总体情况", "下一步,我区将继续推进。", "(一)加强领导"])  # each lead looked at every section before it
def test_structure_parsing_work_per_character_stays_flat(shapes):
    parse(repeated(shapes, 3))  # compile the patterns first: a one-off cost
    small, large = repeated(shapes, 200), repeated(shapes, 5_000)
    per_char_small = parse_work(small) / len(small)
    per_char_large = parse_work(large) / len(large)
    # 25 times the lines: linear work stays about flat per character; quadratic grows ~25x
    assert per_char_large < 2 * per_char_small + 1


def test_structure_parsing_work_from_one_line_to_a_hundred_thousand():
    shapes = ["一、总体情况", "(一)加强组织领导", "下一步,我区将继续推进。", "短行", "我区推进依法行政。落实责任制!"]
    parse(repeated(shapes, 3))
    work = {n: parse_work(repeated(shapes, n)) / max(1, len(repeated(shapes, n))) for n in (1, 1_000, 100_000)}
    assert work[100_000] < 1.5 * work[1_000] and work[100_000] <= work[1]


# --- 3. rubric patterns cannot hang a run; YAML aliases cannot blow it up -------------------


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path):
    rubric = load_rubric(overlay(tmp_path, "(a+)+$"))
    assert rubric.backtracking_patterns == ()  # RE2 runs it: no worker or time limit needed
    report = tmp_path / "a.txt"
    report.write_text("2024年某区法治政府建设情况报告\n" + "a" * 50_000 + "b。\n", encoding="utf-8")
    [result] = score_files([report], rubric, jobs=1)
    assert result.requirement("p1.stuck").status == "missing"


def test_a_pattern_that_only_python_can_run_is_stopped_by_the_time_limit(tmp_path):
    rubric = load_rubric(overlay(tmp_path, "(?=(a+)+$)"))  # a lookahead: RE2 cannot take it
    assert len(rubric.backtracking_patterns) == 1 and "overlay.yaml:10:" in rubric.backtracking_patterns[0]
    validated = runner.invoke(cli.app, ["rubric", "validate", str(tmp_path / "overlay.yaml")])
    assert (
        validated.exit_code == 0
        and f"stopped after 120 s: {tmp_path / 'overlay.yaml'}:10:18: (?=(a+)+$)" in validated.output
    )
    stuck = tmp_path / "stuck.txt"
    stuck.write_text("2024年某区法治政府建设情况报告\n" + "a" * 40 + "b。\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    shutil.copy(EXAMPLES / "kaizhou_2024.txt", good)
    results = list(score_files([good, stuck], rubric, jobs=2, time_limit=3))
    assert not isinstance(results[0], FileError)
    assert isinstance(results[1], FileError)
    assert (
        results[1].error
        == f"{stuck}: stopped after 3 s without a result (a rubric pattern that backtracks without end?)"
    )


def test_check_with_such_a_pattern_gives_up_in_one_line(tmp_path):
    rubric = load_rubric(overlay(tmp_path, "(?=(a+)+$)"))
    stuck = tmp_path / "stuck.txt"
    stuck.write_text("2024年某区法治政府建设情况报告\n" + "a" * 40 + "b。\n", encoding="utf-8")
    result = batch.analyze_guarded(read_report(stuck), rubric, time_limit=2)
    assert isinstance(result, FileError) and result.error.startswith(f"{stuck}: stopped after 2 s without a result")


def test_a_yaml_alias_bomb_is_refused_before_it_is_expanded(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    layers = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 30))
    bomb.write_text("id: x\nversion: '1'\nl0: &l0 [a, a, a, a, a, a, a, a, a]\n" + layers, encoding="utf-8")
    with pytest.raises(RubricError, match=r"bomb.yaml:\d+:\d+: YAML aliases expand the rubric past 100,000 nodes"):
        load_rubric(bomb)
    assert load_rubric().id  # the shipped rubric's own aliases are within the bound


# --- 4. nothing reaches the terminal as a control sequence ----------------------------------


def test_escape_sequences_in_a_report_never_reach_the_terminal(tmp_path, monkeypatch, capsys):
    text = (EXAMPLES / "kaizhou_2024.txt").read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(text.replace("。", "\x1b[2J\x1b]0;pwned\x07\x1b[31m。\r", 40), encoding="utf-8")
    code, out, err = run_main(monkeypatch, capsys, "check", hostile)
    assert code == 0, err
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out


def test_a_file_name_cannot_forge_lines_or_escapes_on_stderr(tmp_path, monkeypatch, capsys):
    name = "x\nscorer: all good\x1b[2J.txt"
    code, out, err = run_main(
        monkeypatch, capsys, "score", tmp_path / name, EXAMPLES / "baoan_2023.txt", "--json", tmp_path / "r.json"
    )
    assert code == 1
    assert err.splitlines() == [rf"scorer: {tmp_path}/x\x0ascorer: all good\x1b[2J.txt: no such file or folder"]


def test_the_terminal_stream_keeps_only_its_own_escapes():
    class Sink:
        written = ""

        def write(self, text):
            Sink.written += text

    TerminalStream(Sink()).write("\x1b[1mok\x1b[0m \x1b[2Jclear\x1b]0;title\x07 \r\x1b[Kbar\rspoof\u202eevil\ud800")
    assert Sink.written == "\x1b[1mok\x1b[0m [2Jclear]0;title \r\x1b[Kbarspoofevil\\ud800"


# --- 5. outputs: checked first, never mixed up, never half left -----------------------------


def test_two_outputs_with_one_name_or_an_input_as_output_are_refused_before_scoring(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "score_files", lambda *a, **k: pytest.fail("scored before checking outputs"))
    same = runner.invoke(cli.app, ["score", str(EXAMPLES), "-o", str(tmp_path / "x"), "--json", str(tmp_path / "x")])
    assert same.exit_code == 2 and "--json names the same file as -o" in same.output
    report = tmp_path / "r.txt"
    shutil.copy(EXAMPLES / "baoan_2023.txt", report)
    overwrite = runner.invoke(cli.app, ["score", str(report), "--json", str(report)])
    assert overwrite.exit_code == 2 and "--json names the same file as an input file" in overwrite.output


def test_an_unwritable_output_is_a_usage_error_before_scoring(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "score_files", lambda *a, **k: pytest.fail("scored before checking outputs"))
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.access(locked, os.W_OK):  # root writes anywhere, except in a process's /proc folder
        locked = Path("/proc/1")
        if not locked.is_dir() or os.access(locked, os.W_OK):
            pytest.skip("no folder this user cannot write in")
    result = runner.invoke(cli.app, ["score", str(EXAMPLES), "-o", str(locked / "s.xlsx")])
    assert result.exit_code == 2 and "cannot be written here" in result.output


def test_part_files_of_a_killed_run_are_removed_and_a_live_runs_kept(tmp_path):
    from scorer.result import RubricInfo, RunResult
    from scorer.write.json import write_json

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".r.json.{dead.pid}.abc123.part"
    live = tmp_path / f".r.json.{os.getppid()}.def456.part"
    other = tmp_path / f".s.xlsx.{dead.pid}.abc123.part"
    for part in (stale, live, other):
        part.write_text("half")
    write_json(RunResult("scorer", "0", RubricInfo("x", "1", "", "", "")), tmp_path / "r.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["r.json", live.name, other.name])


@contextlib.contextmanager
def _stuck_run(tmp_path: Path) -> Iterator[subprocess.Popen]:
    """A `scorer score` whose one worker is stuck in a backtracking pattern until stopped; its
    process group is killed afterwards whatever the test saw, so nothing is left spinning."""
    stuck = tmp_path / "stuck.txt"
    stuck.write_text("2024年某区法治政府建设情况报告\n" + "a" * 60 + "b。\n", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scorer",
            "score",
            str(stuck),
            "--rubric",
            str(overlay(tmp_path, "(?=(a+)+$)")),
            "--json",
            str(tmp_path / "r.json"),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(shutil.which("pgrep") is None, reason="pgrep lists a process's children")
@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT], ids=["hangup", "kill", "ctrl-c"])
def test_a_stop_signal_prints_its_line_and_exits_130_even_with_a_worker_stuck(tmp_path, sig):
    with _stuck_run(tmp_path) as process:
        assert _wait_for(lambda: _children(process.pid))
        time.sleep(0.5)  # the worker is in the pattern now
        os.killpg(process.pid, sig) if sig == signal.SIGHUP else os.kill(process.pid, sig)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.strip().splitlines() == ["scorer: interrupted; no partial output was left behind"]
    assert list(tmp_path.glob("*.part")) == [] and not (tmp_path / "r.json").exists()


def test_a_stop_signal_the_moment_the_temporary_file_appears_leaves_none(tmp_path, monkeypatch):
    # A stop signal's exception (cli._interrupt) strikes at the next bytecode: right after the
    # temporary file is made, before any line of the writer runs. The file must still go.
    from scorer.write import atomic

    made = os.open

    def made_then_stopped(path, *args, **kwargs):
        descriptor = made(path, *args, **kwargs)
        if str(path).endswith(".part"):
            os.close(descriptor)
            raise cli.Interrupted
        return descriptor

    monkeypatch.setattr(atomic.os, "open", made_then_stopped)
    with pytest.raises(cli.Interrupted):
        atomic.write_text_atomic(tmp_path / "r.json", "{}")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_stop_signal_swallowed_by_library_code_still_ends_the_run_with_130(tmp_path, monkeypatch, capsys):
    import scorer.write.terminal as terminal

    def summary_in_code_that_catches_everything(*args, **kwargs):
        try:  # as a finaliser or a library's catch-all would: the signal's exception goes nowhere
            os.kill(os.getpid(), signal.SIGTERM)
        except BaseException:
            pass

    monkeypatch.setattr(terminal, "print_summary", summary_in_code_that_catches_everything)
    code, out, err = run_main(monkeypatch, capsys, "score", EXAMPLES / "baoan_2023.txt", "--json", tmp_path / "r.json")
    assert code == 130
    assert err.splitlines() == ["scorer: interrupted; no partial output was left behind"]


def test_an_output_that_fails_after_scoring_exits_4_not_1(tmp_path, monkeypatch):
    from scorer.write import excel
    from scorer.write.atomic import OutputError

    @contextlib.contextmanager
    def disk_full(*args, **kwargs):
        yield lambda result: None  # every report is scored and added ...
        raise OutputError(f"{tmp_path / 's.xlsx'}: cannot write (No space left on device)")  # ... the save fails

    monkeypatch.setattr(excel, "workbook_stream", disk_full)
    result = runner.invoke(cli.app, ["score", str(EXAMPLES / "baoan_2023.txt"), "-o", str(tmp_path / "s.xlsx")])
    assert result.exit_code == 4 and "No space left on device" in result.output


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks the kernel's parent-death signal")
def test_workers_end_when_the_parent_is_killed(tmp_path):
    def gone(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        stat = Path(f"/proc/{pid}/stat")
        return stat.exists() and " Z " in stat.read_text()  # a zombie waiting for init has ended

    with _stuck_run(tmp_path) as process:
        assert _wait_for(lambda: _children(process.pid))
        workers = _children(process.pid)
        time.sleep(0.5)
        process.kill()  # as kill -9 would: the parent cannot stop its workers itself
        process.communicate(timeout=30)
        # checked before the cleanup that kills the whole process group
        assert _wait_for(lambda: all(gone(pid) for pid in workers), 10)


# --- 6. rubric numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "problem"),
    [
        (
            "requirements:\n  - {id: p1.a, pillar: p1, title: t, points: nan, detect: [{terms: [法治]}]}",
            ":5:46: points must be a finite number (got nan)",
        ),
        (
            "requirements:\n  - {id: p1.a, pillar: p1, title: t, points: inf, detect: [{terms: [法治]}]}",
            ":5:46: points must be a finite number (got inf)",
        ),
        (
            "requirements:\n  - {id: p1.a, pillar: p1, title: t, points: -5, detect: [{terms: [法治]}]}",
            ":5:46: points must be at least 0 (got -5)",
        ),
        (
            "scoring:\n  grades:\n    - {min: nan, label: 优秀}\n    - {min: 0, label: 不合格}",
            ":6:13: grade min must be a finite number (got nan)",
        ),
        (
            "scoring:\n  grades:\n"
            "    - {min: 60, label: 合格}\n    - {min: 90, label: 优秀}\n    - {min: 0, label: 差}",
            ":7:13: grades are listed from the highest min down: 90 after 60",
        ),
        (
            "scoring:\n  grades:\n    - {min: 90, label: 优秀}\n    - {min: 60, label: 合格}",
            ":7:7: the last grade must start at min 0, so every score has a grade (got 60)",
        ),
        (
            "scoring:\n  grades:\n    - {min: 120, label: 优秀}\n    - {min: 0, label: 差}",
            ":6:13: grade min is a score in percent, at most 100 (got 120)",
        ),
        (
            "metrics:\n  - {id: m, name: m, unit: count, labels: [x], target: {op: '>=', value: inf}}",
            "target value must be a finite number (got inf)",
        ),
    ],
    ids=[
        "nan-points",
        "inf-points",
        "negative-points",
        "nan-grade",
        "unordered-grades",
        "no-zero-grade",
        "grade-over-100",
        "inf-target",
    ],
)
def test_rubric_numbers_are_finite_not_negative_and_grades_ordered(tmp_path, snippet, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(f"extends: outline-2021-2025\nid: x\nversion: '1'\n{snippet}\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["rubric", "validate", str(path)])
    assert result.exit_code == 2
    assert problem in result.output, result.output


# --- 7. messages ---------------------------------------------------------------------------


def test_a_missing_path_gets_its_line_on_stderr(tmp_path, monkeypatch, capsys):
    code, out, err = run_main(
        monkeypatch, capsys, "score", EXAMPLES / "baoan_2023.txt", tmp_path / "nope.txt", "--json", tmp_path / "r.json"
    )
    assert code == 1
    assert err.splitlines() == [f"scorer: {tmp_path / 'nope.txt'}: no such file or folder"]


def test_a_macro_enabled_docx_is_named_as_such_in_the_same_words_every_time(tmp_path):
    path = tmp_path / "macro.docx"
    with zipfile.ZipFile(DOCX_FIXTURE) as source, zipfile.ZipFile(path, "w") as package:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
            package.writestr(info, data)
    with pytest.raises(IngestError) as caught:
        read_report(path)
    assert str(caught.value) == (
        f"{path}: macro-enabled Word document (.docm); save it as a plain .docx (without macros), .pdf or .txt"
    )


def test_library_messages_lose_their_memory_addresses():
    assert (
        batch.stable("file '<_io.BytesIO object at 0x7f7fc48fcbd0>' is not a Word file")
        == "file '<_io.BytesIO>' is not a Word file"
    )


def test_jobs_are_capped_at_the_cores_available(monkeypatch, rubric, tmp_path):
    pools = []
    real = batch._new_pool
    monkeypatch.setattr(batch, "_new_pool", lambda jobs, rubric: pools.append(jobs) or real(jobs, rubric))
    files = [shutil.copy(EXAMPLES / "kaizhou_2024.txt", tmp_path / f"{n}.txt") for n in range(3)]
    assert len(list(score_files([Path(f) for f in files], rubric, jobs=500))) == 3
    assert pools and max(pools) <= batch.available_cores()


# --- 8. the 总览 link cell keeps its quote prefix --------------------------------------------


def test_a_link_cell_whose_label_starts_with_a_formula_sign_stays_quoted(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    text = "2024年法治政府建设情况报告\n一、主要举措\n我们深入推进依法行政,行政机关负责人出庭应诉率达到100%。\n"
    for name in ("=SUM(1,2).txt", "@cmd.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    # too short to pass for a report: --force scores it anyway
    assert (
        runner.invoke(
            cli.app, ["score", str(folder), "-o", str(tmp_path / "s.xlsx"), "--jobs", "1", "--force"]
        ).exit_code
        == 0
    )
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["总览"]
    labels = [
        c
        for row in sheet.iter_rows()
        for c in row
        if c.hyperlink is not None and isinstance(c.value, str) and c.value.startswith(("=", "@"))
    ]
    assert len(labels) == 2 and all(c.quotePrefix for c in labels)


# --- the batch of the issue ----------------------------------------------------------------


def test_a_gbk_name_a_long_file_and_a_redos_overlay_in_one_batch_all_get_results(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "baoan_2023.txt", os.path.join(folder, GBK_NAME))
    long_file(folder)
    shutil.copy(EXAMPLES / "huojia_2024.txt", folder / "huojia_2024.txt")
    (folder / "aaa.txt").write_text("2024年某区法治政府建设情况报告\n" + "a" * 30_000 + "b。\n", encoding="utf-8")
    # the hostile files are no reports; --force scores them anyway, which is the hard case here
    result = runner.invoke(
        cli.app,
        [
            "score",
            str(folder),
            "--rubric",
            str(overlay(tmp_path, "(a+)+$")),
            "--json",
            str(tmp_path / "r.json"),
            "-o",
            str(tmp_path / "r.xlsx"),
            "--force",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sorted(Path(r["source"]).name for r in data["reports"]) == sorted(
        [GBK_SHOWN, "long.txt", "huojia_2024.txt", "aaa.txt"]
    )
    assert data["errors"] == []
