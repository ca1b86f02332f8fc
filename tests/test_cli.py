import json
import shutil

import pytest
from conftest import EXAMPLES, ROOT
from typer.testing import CliRunner

from scorer import __version__
from scorer.cli import app
from scorer.result import EVIDENCE_KINDS

runner = CliRunner()

REPORT_KEYS = {
    "source",
    "format",
    "region",
    "region_full",
    "year",
    "level",
    "issuer",
    "date",
    "score",
    "points",
    "max_points",
    "requirements",
    "metrics",
    "findings",
    "errors",
    "warnings",
}
REQUIREMENT_KEYS = {"id", "title", "pillar", "status", "points", "max_points", "evidence"}
EVIDENCE_KEYS = {"quote", "start", "end", "section", "kind"}
METRIC_KEYS = {"id", "value", "unit", "approx", "scope", "quote", "start", "end"}
FINDING_KEYS = {"kind", "severity", "message", "requirement", "metric", "stated", "computed", "quote", "start", "end"}


def _score(*args):
    return runner.invoke(app, ["score", *map(str, args)])


def test_score_examples_writes_the_json_contract(tmp_path):
    out = tmp_path / "results.json"
    result = _score(EXAMPLES, "--json", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["tool"] == {"name": "scorer", "version": __version__}
    assert data["rubric"]["id"] == "outline-2021-2025" and data["rubric"]["version"]
    assert len(data["reports"]) == 3 and data["errors"] == []
    for report in data["reports"]:
        assert REPORT_KEYS <= report.keys()
        text = (EXAMPLES / report["source"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        for req in report["requirements"]:
            assert REQUIREMENT_KEYS <= req.keys()
            assert req["status"] in ("met", "partial", "missing", "n/a")
            for ev in req["evidence"]:
                assert EVIDENCE_KEYS <= ev.keys()
                assert ev["kind"] in EVIDENCE_KINDS
                assert text[ev["start"] : ev["end"]] == ev["quote"]
        for m in report["metrics"]:
            assert METRIC_KEYS <= m.keys()
        for f in report["findings"]:
            assert FINDING_KEYS <= f.keys()
        assert 0 <= report["score"] <= 100
        assert report["points"] == pytest.approx(sum(r["points"] for r in report["requirements"]), abs=0.05)


def test_one_bad_file_does_not_cost_the_others_their_results(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "kaizhou_2024.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "notes.xls").write_bytes(b"ignored: not a supported suffix")
    out = tmp_path / "r.json"
    result = _score(folder, "--json", out, "--jobs", "2")
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["source"].rsplit("/", 1)[-1] for r in data["reports"]] == ["good.txt"]
    errors = {e["source"].rsplit("/", 1)[-1]: e["error"] for e in data["errors"]}
    assert set(errors) == {"empty.txt", "image.txt"}
    for name, message in errors.items():
        assert name in message and "\n" not in message
    assert "Traceback" not in result.output


def test_missing_input_is_reported_and_the_rest_still_run(tmp_path):
    out = tmp_path / "r.json"
    result = _score(EXAMPLES / "baoan_2023.txt", tmp_path / "nope.txt", "--json", out)
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["reports"]) == 1 and "nope.txt" in data["errors"][0]["error"]


def test_usage_errors_exit_2():
    assert runner.invoke(app, ["score"]).exit_code == 2
    assert runner.invoke(app, ["score", str(EXAMPLES), "--no-such-option"]).exit_code == 2
    result = _score(EXAMPLES, "--json", "/no/such/folder/r.json")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_bad_rubric_is_a_usage_error_with_positions(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: '1'\nrequirements: 3\n", encoding="utf-8")
    result = _score(EXAMPLES, "--rubric", bad)
    assert result.exit_code == 2
    assert f"{bad}:3:15: requirements must be a list" in result.output


def test_rubric_validate_and_show():
    ok = runner.invoke(app, ["rubric", "validate", str(ROOT / "rubrics" / "outline-2021-2025.yaml")])
    assert ok.exit_code == 0 and "ok" in ok.output
    shown = runner.invoke(app, ["rubric", "show"])
    assert shown.exit_code == 0
    assert "p7.head-court-appearance" in shown.output and "行政机关负责人出庭应诉率达到100%" in shown.output
    assert "[仅适用：市级、省级]" in shown.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_workers_score_with_the_rubric_as_loaded_not_as_reloaded_from_its_file(tmp_path):
    # a rubric built in memory (no file behind it) runs with several workers, and gives the
    # same results as in one process
    import dataclasses

    from scorer.batch import score_files
    from scorer.rubric.load import load_rubric

    rubric = load_rubric()
    in_memory = dataclasses.replace(
        rubric, path="<built in memory>", requirements=tuple(r for r in rubric.requirements if r.pillar == "p7")
    )
    files = [shutil.copy(EXAMPLES / name, tmp_path / name) for name in ("huojia_2024.txt", "kaizhou_2024.txt")]
    pooled = {r.source: [q.status for q in r.requirements] for r in score_files(files, in_memory, jobs=2)}
    alone = {r.source: [q.status for q in r.requirements] for r in score_files(files, in_memory, jobs=1)}
    assert pooled == alone
    assert all(len(statuses) == len(in_memory.requirements) for statuses in pooled.values())
