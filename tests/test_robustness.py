"""Robustness: no text makes the core raise, bad files never hurt a run, untrusted files stay harmless.

Normaliser and structure properties are in test_properties.py; the docx zip-bomb and entity
cases this file does not repeat are in test_ingest.py. Timings (discovery of 10,000 files, a
5 MB pathological line) are measured by bench/run.py, not asserted here.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_scorer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer import batch
from scorer.batch import discover, score_files
from scorer.figures import check_consistency, extract_metrics
from scorer.ingest import MAX_BYTES, IngestError, read_document
from scorer.ingest.base import Document
from scorer.normalize import normalize
from scorer.numbers import read_numbers
from scorer.pipeline import analyze
from scorer.result import FileError, RubricInfo, RunResult
from scorer.structure import parse
from scorer.write.json import dumps, json_stream

DOCX_FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "report.docx"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces figures are made of, so the strategies reach the number reader's and the metric
# linker's rules (measure words, scales, rate labels, continuations) instead of skipping them.
FIGURE_PIECES = st.sampled_from(
    [
        "0",
        "1",
        "7",
        "12",
        "100",
        "1,250",
        "3.5",
        "98.6",
        ".",
        ",",
        "，",
        "、",
        "。",
        "；",
        ":",
        "：",
        "\n",
        " ",
        "%",
        "％",
        "百分之",
        "二十",
        "一百零五",
        "两千五",
        "〇",
        "点",
        "万",
        "亿",
        "千万",
        "余",
        "多",
        "约",
        "近",
        "以上",
        "左右",
        "件",
        "次",
        "个百分点",
        "人次",
        "元",
        "年",
        "月",
        "日",
        "第",
        "届",
        "“",
        "”",
        "(",
        ")",
        "（",
        "）",
        "+",
        "热线",
        "同比增长",
        "下降",
        "新增",
        "提高到",
        "率",
        "达",
        "为",
        "占比",
        "其中",
        "受理",
        "办结",
        "共",
        "行政复议",
        "案件",
        "出庭应诉率",
        "行政机关负责人",
        "纠错率",
        "调解成功",
        "矛盾纠纷",
        "区政府",
        "部门及镇街",
        "全区",
        "力争",
        "下一步",
        "存在的不足",
        "一、",
        "（一）",
        "2024年",
        "2021—2025年",
        "报告",
    ]
)
figure_like = st.lists(FIGURE_PIECES, max_size=80).map("".join)
any_text = st.text(max_size=400)
texts = st.one_of(any_text, figure_like)


# --- the core never raises, spans stay inside the text ------------------------------------


@SETTINGS
@given(texts, st.data())
def test_number_reader_never_raises_and_keeps_spans_in_its_window(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    numbers = read_numbers(text, start, end)
    for number in numbers:
        assert start <= number.start < number.end <= number.unit_end <= end
    assert [n.start for n in numbers] == sorted(n.start for n in numbers)


@SETTINGS
@given(texts)
def test_figures_never_raise_and_point_into_the_text(rubric, text):
    normalized = normalize(text).text
    structure = parse(normalized)
    for value in extract_metrics(normalized, structure, rubric.metrics):
        assert 0 <= value.start < value.end <= len(text)
    for finding in check_consistency(normalized, structure):
        assert 0 <= finding.start < finding.end <= len(text)


@st.composite
def documents(draw):
    """A Document as a reader returns it: text, and heading spans inside it."""
    text = draw(texts)
    spans = st.tuples(st.integers(0, len(text)), st.integers(0, len(text)), st.integers(1, 6)).map(
        lambda t: (min(t[0], t[1]), max(t[0], t[1]), t[2])
    )
    headings = tuple(sorted(draw(st.lists(spans, max_size=4)))) if text else ()
    return Document(source="drawn.txt", format="txt", text=text, headings=headings)


@SETTINGS
@given(documents())
def test_the_whole_pipeline_never_raises(rubric, document):
    result = analyze(document, rubric)
    assert 0 <= result.score <= 100
    for requirement in result.requirements:
        for evidence in requirement.evidence:
            assert document.text[evidence.start : evidence.end] == evidence.quote
    for item in (*result.metrics, *result.findings):
        if item.start is not None:
            assert 0 <= item.start <= item.end <= len(document.text)


def test_a_pathological_line_of_digits_is_scored(rubric, tmp_path):
    # One line, no sentence end, a number every other character. The 5 MB case (linear, but half
    # a minute) is in bench/run.py.
    path = tmp_path / "digits.txt"
    text = "1、23、456、7890、" * 10_000
    path.write_text(text, encoding="utf-8")
    assert analyze(read_document(path), rubric).chars == len(text)


def test_text_past_the_character_limit_is_refused_in_one_line(tmp_path, monkeypatch):
    import scorer.ingest

    monkeypatch.setattr(scorer.ingest, "MAX_CHARS", 1_000)
    path = tmp_path / "bundle.txt"
    path.write_text("全年办理行政复议案件12件。" * 200, encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_document(path)
    message = str(err.value)
    assert "bundle.txt" in message and "limit 1,000" in message and "\n" not in message


# --- bad files never hurt a run ---------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_in_one_line(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "kaizhou_2024.txt", folder)
    with open(folder / "huge.txt", "wb") as huge:  # sparse: 50 MB on paper, nothing on disk
        huge.truncate(50 * 2**20)
    out = tmp_path / "r.json"
    done = run_scorer("score", folder, "--json", out)
    assert done.returncode == 1
    refused = [line for line in done.stderr.splitlines() if "huge.txt" in line]
    assert refused == [f"scorer: {folder / 'huge.txt'}: file too large (50 MB > limit {MAX_BYTES // 2**20} MB)"]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [Path(r["source"]).name for r in data["reports"]] == ["kaizhou_2024.txt"]


def test_unreadable_files_and_link_loops_cost_only_themselves(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "kaizhou_2024.txt", folder / "good.txt")
    (folder / "looks_like_a_file.txt").mkdir()  # a folder named like a report is searched
    shutil.copy(EXAMPLES / "huojia_2024.txt", folder / "looks_like_a_file.txt" / "inside.txt")
    (folder / "parent").symlink_to(folder, target_is_directory=True)  # a loop: not followed
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    unreadable = {"loop.txt": "cannot read the file", "gone.txt": "file not found"}
    if os.geteuid() != 0:  # root reads anything whatever its mode
        (folder / "locked.txt").write_text("x", encoding="utf-8")
        (folder / "locked.txt").chmod(0)
        unreadable["locked.txt"] = "permission denied"
    out = tmp_path / "r.json"
    done = run_scorer("score", folder, "--json", out)
    assert done.returncode == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(Path(r["source"]).name for r in data["reports"]) == ["good.txt", "inside.txt"]
    assert {Path(e["source"]).name: e["error"] for e in data["errors"]}.keys() == unreadable.keys()
    for error in data["errors"]:
        assert unreadable[Path(error["source"]).name] in error["error"]
        assert [line for line in done.stderr.splitlines() if error["source"] in line] == [f"scorer: {error['error']}"]


def test_discovery_of_a_large_folder_is_complete_sorted_and_skips_what_is_not_a_report(tmp_path):
    expected = []
    for number in range(2_000):
        folder = tmp_path / f"city{number % 40:02d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"{number:04d}{('.txt', '.docx', '.html', '.pdf')[number % 4]}"
        path.touch()
        expected.append(path)
    for skipped in ("city00/.hidden.txt", "city01/~$draft.docx", "city02/photo.jpg", ".git/objects.txt"):
        (tmp_path / skipped).parent.mkdir(exist_ok=True)
        (tmp_path / skipped).touch()
    files, errors = discover([tmp_path, tmp_path / "city03"])  # given twice: found once
    assert errors == []
    assert files == sorted(expected)


def test_a_worker_that_dies_costs_only_the_file_it_was_reading(rubric, tmp_path, monkeypatch):
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the crash is planted by patching the parent, which only forked workers inherit")
    scored_normally = batch.score_file

    def crash_on_poison(path, rubric):
        if "poison" in path.name:
            os._exit(70)  # as a segfault in a parser or the out-of-memory killer would end it
        return scored_normally(path, rubric)

    monkeypatch.setattr(batch, "score_file", crash_on_poison)
    files = []
    for number in range(40):
        path = tmp_path / f"{number:02d}{'_poison' if number in (3, 30, 31) else ''}.txt"
        shutil.copy(sorted(EXAMPLES.glob("*.txt"))[number % 3], path)
        files.append(path)
    results = list(score_files(files, rubric, jobs=2))
    assert [r.source for r in results] == [str(f) for f in files]
    failed = [i for i, r in enumerate(results) if isinstance(r, FileError)]
    assert failed == [3, 30, 31]
    assert all("worker process reading it died" in results[i].error for i in failed)


def make_corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    seeds = sorted(EXAMPLES.glob("*.txt"))
    for number in range(count):
        shutil.copy(seeds[number % len(seeds)], folder / f"{number:03d}.txt")


@pytest.mark.parametrize(("sig", "to_group"), [(signal.SIGINT, True), (signal.SIGTERM, False)], ids=["ctrl-c", "kill"])
def test_an_interrupted_run_leaves_no_partial_output(tmp_path, sig, to_group):
    make_corpus(tmp_path / "reports", 150)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scorer",
            "score",
            str(tmp_path / "reports"),
            "--json",
            str(out / "r.json"),
            "-o",
            str(out / "s.xlsx"),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    # Strike while an output is being written, the moment that could leave a half file.
    deadline = time.monotonic() + 60
    while process.poll() is None and not list(out.glob("*.part")) and time.monotonic() < deadline:
        time.sleep(0.005)
    if process.poll() is None:
        (os.killpg if to_group else os.kill)(process.pid, sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 130), stderr  # done before the signal, or interrupted
    assert "Traceback" not in stderr
    assert {p.name for p in out.iterdir()} <= {"r.json", "s.xlsx"}  # no temporary .part file
    if (out / "r.json").exists():
        assert len(json.loads((out / "r.json").read_text(encoding="utf-8"))["reports"]) == 150
    if (out / "s.xlsx").exists():
        with zipfile.ZipFile(out / "s.xlsx") as workbook:
            assert workbook.testzip() is None and "xl/workbook.xml" in workbook.namelist()


def test_streamed_json_is_write_json_byte_for_byte_and_nothing_when_interrupted(rubric, tmp_path):
    files, missing = discover([EXAMPLES, tmp_path / "nowhere.txt"])
    results = list(score_files([*files, tmp_path], rubric, jobs=1))  # the folder: a FileError
    info = RubricInfo(rubric.id, rubric.version, rubric.title, rubric.path, rubric.sha256)
    header = RunResult("scorer", "0", info, (), tuple(missing), "2025-01-01T00:00:00")
    with json_stream(header, tmp_path / "streamed.json") as add:
        for result in results:
            add(result)
    whole = RunResult(
        "scorer",
        "0",
        info,
        tuple(r for r in results if not isinstance(r, FileError)),
        (*missing, *(r for r in results if isinstance(r, FileError))),
        header.run_date,
    )
    assert (tmp_path / "streamed.json").read_text(encoding="utf-8") == dumps(whole) + "\n"

    with pytest.raises(KeyboardInterrupt), json_stream(header, tmp_path / "cut.json") as add:
        add(results[0])
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["streamed.json"]


# --- documents are untrusted --------------------------------------------------------------


def docx_with(
    tmp_path: Path, name: str, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> Path:
    """The fixture report.docx with some parts replaced or added."""
    source = zipfile.ZipFile(DOCX_FIXTURE)
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info.filename, (replace or {}).get(info.filename) or source.read(info))
        for part, data in (add or {}).items():
            package.writestr(part, data)
    return path


def refusal(path: Path, within_seconds: float = 2) -> str:
    started = time.perf_counter()
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert time.perf_counter() - started < within_seconds
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message


def test_a_docx_with_too_many_parts_is_refused(tmp_path):
    path = docx_with(tmp_path, "many.docx", add={f"word/media/{n}.bin": b"" for n in range(10_001)})
    assert "zip members (limit 10000); zip bomb?" in refusal(path)


def test_a_utf16_part_declaring_entities_is_refused(tmp_path):
    xml = zipfile.ZipFile(DOCX_FIXTURE).read("word/document.xml").decode("utf-8")
    declared = xml.index("?>") + 2
    xml = (
        xml[:declared].replace('"UTF-8"', '"UTF-16"') + "<!DOCTYPE w:document [<!ENTITY e SYSTEM "
        '"http://example.invalid/e">]>' + xml[declared:]
    )
    path = docx_with(tmp_path, "entities16.docx", replace={"word/document.xml": b"\xff\xfe" + xml.encode("utf-16-le")})
    assert "declares a DTD/entities" in refusal(path)


def test_markup_nested_past_the_parser_depth_limit_is_refused(tmp_path):
    xml = zipfile.ZipFile(DOCX_FIXTURE).read("word/document.xml")
    depth = 5_000
    xml = xml.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * depth, 1).replace(
        b"</w:body>", b"</w:sdtContent></w:sdt>" * depth + b"</w:body>", 1
    )
    assert "corrupt or unreadable .docx file" in refusal(
        docx_with(tmp_path, "deep.docx", replace={"word/document.xml": xml})
    )


def test_a_zip_inside_a_docx_is_never_unpacked(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("zeros.bin", b"\0" * (30 * 2**20))  # 30 MB in 30 KB
    path = docx_with(tmp_path, "nested.docx", add={"word/embeddings/package.zip": inner.getvalue()})
    plain = read_document(DOCX_FIXTURE)  # imports and caches out of the measurement
    assert read_document(path).text == plain.text
    assert peak_memory(read_document, path) < peak_memory(read_document, DOCX_FIXTURE) + 5 * 2**20


def peak_memory(function, *args) -> int:
    tracemalloc.start()
    try:
        function(*args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_nothing_is_fetched_from_the_network(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, no_network)
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
        '<html><head><meta charset="utf-8"><link rel="stylesheet" href="http://example.invalid/site.css">'
        '<script src="http://example.invalid/site.js"></script><title>某某区2024年法治政府建设情况报告</title></head>'
        '<body><div class="content"><p>2024年，某某区行政机关负责人出庭应诉率达100%。'
        '<img src="http://example.invalid/photo.png"></p><iframe src="http://example.invalid/frame"></iframe>'
        '<object data="http://example.invalid/movie.swf"></object></div></body></html>',
        encoding="utf-8",
    )
    assert "出庭应诉率达100%" in read_document(page).text
    rels = (
        zipfile.ZipFile(DOCX_FIXTURE)
        .read("word/_rels/document.xml.rels")
        .replace(
            b"</Relationships>",
            b'<Relationship Id="rIdRemote1" TargetMode="External" Target="http://example.invalid/photo.png" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>'
            b'<Relationship Id="rIdRemote2" TargetMode="External" Target="http://example.invalid/page" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/></Relationships>',
        )
    )
    linked = docx_with(tmp_path, "linked.docx", replace={"word/_rels/document.xml.rels": rels})
    assert read_document(linked).text == read_document(DOCX_FIXTURE).text


@pytest.mark.parametrize(
    "text",
    [
        "调解报告",  # a pattern's word in a title and no sentence at all
        "调解工作报告\n一、主要工作\n全年调解纠纷12件。",  # in the title above the sentences too
    ],
)
def test_a_pattern_in_a_title_above_every_sentence_is_no_error(text):
    from scorer.ingest import Document
    from scorer.pipeline import analyze
    from scorer.rubric.load import load_rubric

    result = analyze(Document(source="t.txt", format="txt", text=text), load_rubric())
    assert {r.id for r in result.requirements} >= {"p7.mediation"}


def test_a_pattern_match_running_across_a_line_break_finds_nothing_in_either_sentence():
    from scorer.ingest import Document
    from scorer.pipeline import analyze
    from scorer.rubric.load import load_rubric

    # 领域…执法 of p5.key-area-enforcement may not join the end of one line to the next
    text = "某县2023年法治政府建设情况报告\n一、主要工作\n着力推进重点领域\n执法检查工作扎实推进。\n"
    result = analyze(Document(source="t.txt", format="txt", text=text), load_rubric())
    assert next(r.status for r in result.requirements if r.id == "p5.key-area-enforcement") == "missing"
