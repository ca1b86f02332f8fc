"""A batch too large to compare within (more than compare.WITHIN_BATCH_MAX reports) whose only
output is the JSON has each report encoded by the worker that scored it: the file must be the
one the main process writes itself, byte for byte, refusals and unreadable files included."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

import scorer.compare
from scorer import batch
from scorer.write import json as json_writer

runner = CliRunner()
_RUN_DATE = re.compile(r'"run_date": "[^"]*"')


@pytest.fixture
def folder(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for example in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(example, reports / example.name)
    # a file that reads but is no report, and one that does not read
    (reports / "notice.txt").write_text("关于召开会议的通知。" * 30, encoding="utf-8")
    (reports / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return reports


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_reports_encoded_in_the_workers_are_the_json_the_main_process_writes(folder, tmp_path, monkeypatch, jobs):
    from scorer.cli import app

    def score(*options):
        out = tmp_path / f"results{len(options)}.json"
        result = runner.invoke(app, ["score", str(folder), "--json", str(out), "--jobs", jobs, *options])
        assert result.exit_code == 1, result.output  # the two files refused
        return _RUN_DATE.sub('"run_date": ""', out.read_text(encoding="utf-8")), result.output

    monkeypatch.setattr(scorer.compare, "WITHIN_BATCH_MAX", 1)  # the examples count as a large batch
    # the reference: with a workbook too, every report comes back whole and is encoded here
    written_here, summary_here = score("-o", str(tmp_path / "scorecard.xlsx"))

    encoded = []
    encode_report = json_writer.encode_report
    monkeypatch.setattr(json_writer, "encode_report", lambda *a: encoded.append(1) or encode_report(*a))
    seen = []
    score_files = batch.score_files
    monkeypatch.setattr(batch, "score_files", lambda *a, **k: seen.append(k.get("prepare")) or score_files(*a, **k))
    written_there, summary_there = score()

    assert seen and seen[0] is not None  # the reports were prepared where they were scored
    if jobs == "1":
        assert len(encoded) == 4  # in this process: three reports, and the notice before it is refused
    assert written_there == written_here
    assert _without_outputs(summary_there) == _without_outputs(summary_here)  # the terminal summary too
    document = json.loads(written_there)
    assert len(document["reports"]) == 3 and len(document["errors"]) == 2


def _without_outputs(summary: str) -> list[str]:
    return [line for line in summary.splitlines() if not line.startswith("已写入")]
