"""Files that are not rule-of-law reports are refused in one line, never ranked; the rest of the
batch is still scored; --force scores them anyway. And a department's report is scored as one:
requirements that do not apply to a department (the rubric's applies_to) are n/a."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, run_scorer

from scorer.ingest.base import Document
from scorer.metadata.genre import MIN_HAN, refusal
from scorer.pipeline import analyze

ENGLISH = (
    "Annual report on building a law-based government, 2023.\n"
    "The county government continued to govern according to law and improved its services.\n"
) * 5
TITLE_ALONE = "某某县人民政府关于2023年度法治政府建设情况的报告\n"
# Chinese characters, but not a report: no 法治, no year
HAN_JUNK = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学"
    * 6
)


def test_refusal_reasons():
    assert "0 Chinese characters" in refusal(ENGLISH)
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in TITLE_ALONE)
    assert (
        refusal(TITLE_ALONE) == f"not a rule-of-law report: only {han} Chinese characters (at least {MIN_HAN} expected)"
    )
    assert refusal(HAN_JUNK) == "not a rule-of-law report: no 法治 / 依法行政 and no year"
    assert refusal("") is not None and refusal("\x00\x01\x02" * 100) is not None
    for example in EXAMPLES.glob("*.txt"):
        assert refusal(example.read_text(encoding="utf-8")) is None


def test_marks_as_printed_in_traditional_characters_and_full_width_digits():
    body = "依法行政工作穩步推進,法治政府建設取得新成效。" * (MIN_HAN // 20 + 1)
    assert refusal("２０２３年," + body) is None
    assert refusal("二〇二三年," + body) is None
    assert refusal(body) == "not a rule-of-law report: no year"


@pytest.fixture()
def batch(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_real.txt").write_text((EXAMPLES / "baoan_2023.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b_english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "c_title.txt").write_text(TITLE_ALONE, encoding="utf-8")
    (folder / "d_junk.txt").write_text(HAN_JUNK, encoding="utf-8")
    (folder / "e_binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "f_empty.txt").write_bytes(b"")
    return folder


REFUSED = ("b_english.txt", "c_title.txt", "d_junk.txt", "e_binary.txt", "f_empty.txt")


def test_a_batch_refuses_what_is_not_a_report_and_scores_the_rest(batch, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    done = run_scorer("score", batch, "--json", out / "r.json", "-o", out / "s.xlsx", "--jobs", "2")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    for name in REFUSED:
        assert sum(name in line for line in lines) == 1, done.stderr  # one line each, naming the file
    assert "Traceback" not in done.stderr
    assert sum("not a rule-of-law report" in line for line in lines) == 3
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert [Path(r["source"]).name for r in data["reports"]] == ["a_real.txt"]
    assert sorted(Path(e["source"]).name for e in data["errors"]) == list(REFUSED)
    overview = openpyxl.load_workbook(out / "s.xlsx")["总览"]
    source = [c.value for c in overview[5]].index("来源文件")
    ranked = [row for row in overview.iter_rows(min_row=6, values_only=True) if row[0]]
    assert [row[source] for row in ranked] == ["a_real.txt"]  # never ranked beside the real report


def test_force_scores_what_reads_as_text(batch, tmp_path):
    out = tmp_path / "r.json"
    done = run_scorer("score", batch, "--json", out, "--force", "--jobs", "1")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(Path(r["source"]).name for r in data["reports"]) == [
        "a_real.txt",
        "b_english.txt",
        "c_title.txt",
        "d_junk.txt",
    ]
    said = {Path(r["source"]).name: r["not_a_report"] for r in data["reports"]}
    assert said["a_real.txt"] is None and "0 Chinese characters" in said["b_english.txt"]
    # a binary or empty file still cannot be read at all
    assert sorted(Path(e["source"]).name for e in data["errors"]) == ["e_binary.txt", "f_empty.txt"]
    assert done.returncode == 1


def test_check_refuses_in_one_line_unless_forced(batch):
    done = run_scorer("check", batch / "b_english.txt")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "b_english.txt" in done.stderr and "--force" in done.stderr
    assert run_scorer("check", batch / "d_junk.txt", "--force").returncode == 0


def test_a_department_report_is_scored_as_a_department(rubric):
    opening = "2023年,市司法局坚持以习近平法治思想为指导,全面推进依法行政,开展行政复议和立法审查工作。\n"
    body = (
        "一、主要工作\n完成地方性法规和政府规章草案审查5件,办理行政复议案件120件。\n"
        "二、存在的不足\n执法队伍建设仍需加强。\n"
    )
    department = analyze(
        Document("bureau.txt", "txt", "柳州市司法局2023年法治政府建设情况报告\n" + opening + body), rubric
    )
    government = analyze(
        Document(
            "city.txt",
            "txt",
            "柳州市人民政府关于2023年法治政府建设情况的报告\n" + opening.replace("市司法局", "市政府") + body,
        ),
        rubric,
    )
    assert (department.level, department.region_code, department.department_of) == (
        "department",
        "450200",
        "柳州市人民政府",
    )
    assert government.level == "city" and government.department_of is None
    assert department.requirement("p3.legislation").status == "n/a"  # applies_to: [province, city]
    assert government.requirement("p3.legislation").status != "n/a"
