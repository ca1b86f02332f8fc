"""The dashboard page: self-contained, report text never markup, and rendered by a real browser."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import EXAMPLES
from typer.testing import CliRunner

from scorer.batch import discover, score_files
from scorer.cli import app
from scorer.result import Evidence, FileError, RubricInfo, RunResult
from scorer.write.dashboard import render, write_dashboard

# What a hostile or broken file could put where the page shows report text.
EVIL_REGION = "<img src=x onerror=\"document.title='pwned'\">区"
EVIL_QUOTE = "</script><script>document.title='pwned'</script>&lt;已完成 <!-- 注释 \u2028"


@pytest.fixture(scope="module")
def run(rubric) -> RunResult:
    files, _ = discover([EXAMPLES])
    reports = [r for r in score_files(files, rubric, jobs=1)]
    first = reports[0]
    hostile_requirement = dataclasses.replace(
        first.requirements[0], evidence=(Evidence(EVIL_QUOTE, 0, 10, "一、<b>主要</b>工作", "achievement", "terms"),)
    )
    hostile = dataclasses.replace(
        first,
        source="in/<evil>.txt",
        region=EVIL_REGION,
        region_full=EVIL_REGION,
        issuer="<script>alert(1)</script>人民政府",
        score=100.0,
        grade="优秀",
        requirements=(hostile_requirement, *first.requirements[1:]),
    )
    info = RubricInfo(rubric.id, rubric.version, rubric.title, rubric.path, rubric.sha256)
    return RunResult(
        "scorer",
        "0.1.0",
        info,
        (*reports, hostile),
        (FileError("in/坏.pdf", "in/坏.pdf: PDF 无文本层（扫描件），无法读取"),),
        "2025-04-02T10:00:00",
    )


def test_the_page_is_self_contained_and_report_text_never_becomes_markup(run, rubric) -> None:
    page = render(run, rubric)
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all(["link", "img", "iframe", "object", "embed"])
    assert all(not tag.get("src") for tag in soup.find_all("script"))
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", page)  # only the SVG namespace name
    assert "default-src 'none'" in page  # and the browser is told to fetch nothing
    assert EVIL_REGION not in page and "</script><script>" not in page and "<!-- 注释" not in page
    assert len(soup.find_all("script")) == 2  # the data and the code, nothing a report smuggled in
    data = json.loads(soup.find("script", id="data").string)
    hostile = next(r for r in data["reports"] if r["region"] == EVIL_REGION)  # the text itself, intact
    assert hostile["requirements"][0][5][0][2] == EVIL_QUOTE
    assert "outline-2021-2025" in soup.find("p", class_="meta").text


def test_the_page_orders_reports_by_rank_within_each_year(run, rubric) -> None:
    data = json.loads(BeautifulSoup(render(run, rubric), "html.parser").find("script", id="data").string)
    keys = [(r["year"], r["score"]) for r in data["reports"]]
    assert keys == sorted(keys, key=lambda k: (-k[0], -k[1]))
    assert [(r["year"], r["rank"]) for r in data["reports"]] == [(2024, 1), (2024, 2), (2023, 1), (2023, 2)]
    assert len(data["requirements"]) == len({r.id for r in rubric.requirements if r.enabled})
    assert all(len(r["statuses"]) == len(data["requirements"]) for r in data["reports"])
    head = next(m for m in data["metrics"] if m["id"] == "head_appearance_rate")
    assert head["target"] == "≥ 100%" and head["targetValue"] == 100  # the caption's words, the line's number
    assert all(isinstance(v[1], float | int) for v in head["values"])


# --------------------------------------------------------------------------- in a browser


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("SCORER_REQUIRE_CHROMIUM") == "1":
        pytest.fail("chromium is required (SCORER_REQUIRE_CHROMIUM=1) but not installed")
    pytest.skip("chromium is not installed")


def _browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_chromium_renders_the_ranking_heat_map_charts_and_one_reports_evidence(run, rubric, tmp_path) -> None:
    page = tmp_path / "dashboard.html"
    write_dashboard(run, rubric, page)
    data = json.loads(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("script", id="data").string)
    position = next(n for n, r in enumerate(data["reports"], 1) if r["region"] == EVIL_REGION)
    # #report-N opens the N-th report of the ranking, as a click on its row does
    dom = BeautifulSoup(
        _browser(tmp_path, "--virtual-time-budget=5000", "--dump-dom", f"{page.as_uri()}#report-{position}").stdout,
        "html.parser",
    )
    assert dom.body["data-rendered"] == str(len(run.reports))  # the script ran to its end
    assert dom.title.text.startswith("法治政府建设情况报告评分看板")  # no injected script changed it
    ranking = dom.find("section", id="ranking").find("tbody").find_all("tr")
    assert len(ranking) == len(run.reports)
    assert [row.find_all("td")[1].text for row in ranking] == [r["region"] for r in data["reports"]]
    assert "selected" in ranking[position - 1]["class"]
    heat = dom.find("section", id="heatmap").find("tbody").find_all("td")
    assert len(heat) == len(run.reports) * len(data["requirements"])
    assert {cell["class"][0] for cell in heat if cell.get("class")} <= {"s-m", "s-p", "s-x", "s-n"}
    charts = dom.find("section", id="charts").find_all("svg")
    assert len(charts) >= 3 and all(chart.find(["rect", "circle"]) for chart in charts)
    captions = [p.text for p in dom.find("section", id="charts").find_all("p")]
    assert any("目标 ≥ 100%" in caption for caption in captions)  # the target, in signs
    assert dom.find("section", id="charts").find("line", attrs={"stroke-dasharray": "3 2"})  # and its line
    detail = dom.find("section", id="detail")
    assert EVIL_REGION in detail.find("h2").text  # shown as text…
    assert not dom.find_all("img") and not dom.find("section", id="detail").find("b")  # …never as markup
    assert EVIL_QUOTE.replace("\u2028", "") in detail.text.replace("\u2028", "")
    assert len(detail.find_all("div", class_="req")) == len(run.reports[-1].requirements)
    assert "坏.pdf" in dom.find("section", id="errors").text

    shot = tmp_path / "dashboard.png"
    _browser(tmp_path, "--window-size=1400,1800", f"--screenshot={shot}", page.as_uri())
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1400, 1800)
        colours = image.convert("RGB").resize((140, 180)).getcolors(maxcolors=100_000)
        assert len(colours) > 50  # not a blank page: text, bars, heat-map cells


def test_score_html_writes_the_dashboard(tmp_path) -> None:
    out = tmp_path / "dashboard.html"
    result = CliRunner().invoke(app, ["score", str(EXAMPLES), "--html", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "dashboard.html" in result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('"rank":') == 3

    missing = CliRunner().invoke(app, ["score", str(EXAMPLES), "--html", str(tmp_path / "nope" / "d.html")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
