"""Command line: parse arguments, call the pipeline, print. Exit codes:
0 done · 1 some input could not be read · 2 usage error · 3 score below --fail-under (check) ·
4 an output could not be written · 130 interrupted (Ctrl-C, SIGTERM, SIGHUP).

Everything printed passes through safe_text.TerminalStream: no report text, rubric string or
file name reaches the terminal as a control character.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

import typer

from . import TOOL_NAME, __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Score 法治政府建设情况报告 against the 2021–2025 Outline.",
)
rubric_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Validate or show a rubric.")
app.add_typer(rubric_app, name="rubric")

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, EXIT_BELOW, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"scorer: {message}", err=True)
    raise typer.Exit(code)


def _load_rubric(path: Path | None):
    from .rubric.load import RubricError, load_rubric

    try:
        return _cached_rubric(path) or load_rubric(path)
    except RubricError as err:
        _fail(f"invalid rubric\n{err}", EXIT_USAGE)


def _cached_rubric(path: Path | None):
    """A rubric of one file (no `extends:`), validated once and kept in the cache folder, named by
    its path, its bytes and the package's code: validating it again costs ~20-40 ms of every
    `check`. None for an overlay or a file that cannot be read (load_rubric says why)."""
    import hashlib
    import pickle
    import re

    from .cache import cached, fingerprint
    from .rubric.load import DEFAULT_RUBRIC, load_rubric

    source = Path(path) if path else DEFAULT_RUBRIC
    try:
        raw = source.read_bytes()
    except OSError:
        return None
    if re.search(rb"""(?m)^["']?extends["']?\s*:""", raw):  # its base file would have to be watched too
        return None
    sources = [os.fsencode(source), raw, fingerprint()]
    rubric = cached("rubric", sources, lambda: load_rubric(path), codec=pickle)
    # A rubric records the hash of what it was loaded from: of these bytes alone, unless the file
    # changed meanwhile or extends another after all (written some other way); then it is loaded.
    return rubric if rubric.sha256 == hashlib.sha256(raw).hexdigest() else None


def _check_outputs(outputs: dict[str, Path | None], inputs: list[Path], folders: tuple[str, ...] = ()) -> None:
    """Before any work: every output can be written, no two are the same file, none is an input.
    `outputs` maps an option to its path; `folders` names the options that are folders."""
    seen: dict[str, str] = {}
    taken = {os.path.realpath(path): "an input file" for path in inputs}
    for option, target in outputs.items():
        if target is None:
            continue
        target = Path(target)
        is_folder = option in folders
        parent = target if is_folder and target.is_dir() else target.parent
        where = os.path.realpath(target)
        if not parent.resolve().is_dir():
            _fail(f"{target}: folder {parent} does not exist", EXIT_USAGE)
        if where in taken or where in seen:
            _fail(f"{target}: {option} names the same file as {taken.get(where) or seen[where]}", EXIT_USAGE)
        if target.exists() and target.is_dir() != is_folder:
            _fail(
                f"{target}: {option} needs {'a folder' if is_folder else 'a file'}, and this is "
                f"{'a folder' if target.is_dir() else 'a file'}",
                EXIT_USAGE,
            )
        if not os.access(parent, os.W_OK | os.X_OK) or (target.is_file() and not os.access(target, os.W_OK)):
            _fail(f"{target}: {option} cannot be written here (permission denied)", EXIT_USAGE)
        seen[where] = option


def _rubric_info(rubric):
    from .result import RubricInfo

    return RubricInfo(rubric.id, rubric.version, rubric.title, rubric.path, rubric.sha256)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{TOOL_NAME} {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """scorer — 法治政府建设年度报告评分工具"""


@app.command()
def score(
    paths: list[Path] = typer.Argument(..., help="Report files or folders (searched for .txt .docx .html .pdf)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the Excel scorecard here."),
    json_path: Path | None = typer.Option(None, "--json", help="Write the JSON results here."),
    rubric_path: Path | None = typer.Option(None, "--rubric", help="Rubric YAML (default: the national Outline)."),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="Worker processes (0: one per core; never more than the cores available)."
    ),
    split: Path | None = typer.Option(
        None,
        "--split",
        help=(
            "Also write one workbook per report into this folder"
            " (the main one too, as 00_总览.xlsx, when -o is not given)."
        ),
    ),
    force: bool = typer.Option(
        False, "--force", help="Score files that do not look like a rule-of-law report (refused otherwise)."
    ),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained dashboard page here."),
    review_path: Path | None = typer.Option(
        None, "--review", help="Apply a review file (written by `scorer review`): reviewed points, waivers."
    ),
    baseline_path: Path | None = typer.Option(
        None,
        "--baseline",
        help="Last year's JSON results: score change, requirements newly met and lost, text copied from last year.",
    ),
) -> None:
    """Score every report and write the scorecard workbook and/or JSON results."""
    from .batch import discover, score_files
    from .result import FileError, ReportResult, RunResult
    from .write.atomic import OutputError

    rubric = _load_rubric(rubric_path)
    reviewed = _load_review(review_path, rubric)
    baseline = _load_baseline(baseline_path)
    files, errors = discover(paths)
    if not files and not errors:
        _fail("no report files found (looked for .txt .docx .html .htm .pdf)", EXIT_USAGE)
    _check_outputs({"-o": output, "--json": json_path, "--split": split, "--html": html}, files, folders=("--split",))
    for error in errors:  # a path given that is not there
        typer.echo(f"scorer: {error.error}", err=True)

    from .write.json import EncodedReport, json_stream
    from .write.terminal import Progress

    run = RunResult(
        TOOL_NAME,
        __version__,
        _rubric_info(rubric),
        (),
        tuple(errors),
        _dt.datetime.now().isoformat(timespec="seconds"),
    )
    reports, limits, review_notes = [], [], []
    # Comparing each report with the rest of the batch needs them all: up to WITHIN_BATCH_MAX
    # reports are held back and written at the end; beyond, results stream as they arrive.
    from .compare import WITHIN_BATCH_MAX, with_baseline, within_batch

    held: list | None = [] if 1 < len(files) <= WITHIN_BATCH_MAX else None
    if len(files) > WITHIN_BATCH_MAX:
        limits.append(
            f"{len(files)} reports: more than {WITHIN_BATCH_MAX}, so copied text is not compared "
            "within the batch (it would hold every result in memory)"
        )
    # With the JSON the only thing written from the reports (no workbook, dashboard, review,
    # last year or comparison within the batch), each report is encoded where it is scored, in
    # the workers, and this process only writes it out.
    encode = bool(json_path) and held is None and not (output or split or html or reviewed or baseline)
    try:
        # The JSON and the workbook are written while the reports arrive; only the dashboard
        # needs them all at once.
        with (
            Progress(len(files), enabled=sys.stderr.isatty() and len(files) > 1) as progress,
            json_stream(run, json_path) if json_path else contextlib.nullcontext(_ignore) as add_to_json,
            _workbook_stream(run, rubric, output, split, limits) as add_to_workbook,
        ):

            def write(result) -> None:
                add_to_json(result)
                add_to_workbook(result)
                if isinstance(result, FileError):
                    errors.append(result)
                    progress.message(f"scorer: {result.error}")
                elif isinstance(result, EncodedReport):
                    reports.append(result.summary)
                else:
                    reports.append(result if html else _summary_only(result))

            for result in score_files(files, rubric, jobs, progress.advance, prepare=_encoded if encode else None):
                scored = result.summary if isinstance(result, EncodedReport) else result
                if not force and isinstance(scored, ReportResult) and scored.not_a_report:
                    # refused, never ranked beside real governments
                    result = FileError(
                        scored.source, f"{scored.source}: {scored.not_a_report}; use --force to score it anyway"
                    )
                if reviewed and isinstance(result, ReportResult):
                    from .review import apply_review

                    result, notes = apply_review(result, reviewed, rubric, _dt.date.today())
                    review_notes.extend(notes)
                if baseline and isinstance(result, ReportResult):
                    result = with_baseline(result, baseline)
                if held is not None:
                    held.append(result)
                else:
                    write(result)
            if held is not None:
                compared = iter(within_batch([r for r in held if isinstance(r, ReportResult)]))
                for result in held:
                    write(result if isinstance(result, FileError) else next(compared))
        run = dataclasses.replace(run, reports=tuple(reports), failures=tuple(errors))
        if html:
            from .write.dashboard import write_dashboard

            write_dashboard(run, rubric, html)
    except OutputError as err:
        _fail(str(err), EXIT_OUTPUT)
    for line in limits + review_notes + _stale(reviewed, reports):
        typer.echo(f"scorer: {line}", err=True)
    from .write.terminal import print_summary

    print_summary(run, written=[p for p in (output, json_path, split, html) if p])
    raise typer.Exit(EXIT_UNREADABLE if errors else EXIT_OK)


@app.command()
def check(
    file: Path = typer.Argument(..., help="The draft report (.docx .txt .pdf .html)."),
    rubric_path: Path | None = typer.Option(None, "--rubric", help="Rubric YAML (default: the national Outline)."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML report here."),
    json_path: Path | None = typer.Option(None, "--json", help="Also write the JSON result here."),
    fail_under: float | None = typer.Option(
        None, "--fail-under", min=0, max=100, help="Exit with code 3 when the score is below this."
    ),
    force: bool = typer.Option(
        False, "--force", help="Check a file that does not look like a rule-of-law report (refused otherwise)."
    ),
) -> None:
    """Check one draft before submission: gaps, figures, mandated parts, what to fix first."""
    from .batch import analyze_guarded, read_report
    from .ingest.base import IngestError
    from .result import FileError, RunResult
    from .write.atomic import OutputError

    rubric = _load_rubric(rubric_path)
    _check_outputs({"--json": json_path, "--html": html}, [file])
    try:
        document = read_report(file)
    except IngestError as err:
        _fail(str(err), EXIT_UNREADABLE)
    result = analyze_guarded(document, rubric)
    if isinstance(result, FileError):
        _fail(result.error, EXIT_UNREADABLE)
    if result.not_a_report and not force:
        _fail(f"{file}: {result.not_a_report}; use --force to check it anyway", EXIT_UNREADABLE)
    from .write.check_terminal import print_check

    print_check(result, rubric, color=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    try:
        if json_path:
            from .write.json import write_json

            write_json(
                RunResult(
                    TOOL_NAME,
                    __version__,
                    _rubric_info(rubric),
                    (result,),
                    (),
                    _dt.datetime.now().isoformat(timespec="seconds"),
                ),
                json_path,
            )
        if html:
            from .write.html import write_html

            write_html(result, rubric, document.text, html)
        for path in (json_path, html):
            if path:
                typer.echo(f"已写入 {path}")
    except OutputError as err:
        _fail(str(err), EXIT_OUTPUT)
    if fail_under is not None and result.score < fail_under:
        raise typer.Exit(EXIT_BELOW)
    raise typer.Exit(EXIT_OK)


@rubric_app.command("validate")
def rubric_validate(file: Path = typer.Argument(..., help="Rubric YAML to check.")) -> None:
    """Report every problem in a rubric as file:line:col: message."""
    from .rubric.load import RubricError, load_rubric

    try:
        rubric = load_rubric(file)
    except RubricError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(
        f"{file}: ok — {rubric.id} {rubric.version}, {len(rubric.requirements)} requirements, "
        f"{len(rubric.metrics)} metrics"
    )
    from .batch import TIME_LIMIT

    for pattern in rubric.backtracking_patterns:
        typer.echo(
            f"note: needs Python's backtracking engine (a lookaround or backreference), so each file is "
            f"scored in a worker stopped after {TIME_LIMIT:g} s: {pattern}"
        )


@rubric_app.command("test")
def rubric_test(file: Path | None = typer.Argument(None, help="Rubric YAML (default: the national Outline).")) -> None:
    """Run the rubric's own examples: every `met` sentence must come out met, every `not_met` not."""
    from .examples import run_examples

    rubric = _load_rubric(file)
    failures = run_examples(rubric)
    count = sum(len(r.examples.met) + len(r.examples.not_met) for r in rubric.requirements)
    where = file or rubric.path
    for failure in failures:
        typer.echo(f"{where}: {failure}", err=True)
    typer.echo(
        f"{where}: {count - len(failures)} of {count} examples as the rubric says ({rubric.id} {rubric.version})"
    )
    if failures:
        raise typer.Exit(EXIT_UNREADABLE)


@rubric_app.command("show")
def rubric_show(file: Path | None = typer.Argument(None, help="Rubric YAML (default: the national Outline).")) -> None:
    """Print the requirement tree with points, as a drafter reads it."""
    from .write.terminal import print_rubric

    print_rubric(_load_rubric(file))


@app.command()
def review(
    workbook: Path = typer.Argument(..., help="A scorecard workbook (.xlsx) with reviewers' adjustments in 评分明细."),
    output: Path = typer.Option(..., "-o", "--output", help="Write the review file (YAML) here."),
    rubric_path: Path | None = typer.Option(
        None, "--rubric", help="The rubric the workbook was scored with (default: the national Outline)."
    ),
) -> None:
    """Read the reviewers' adjustments back from a workbook into a review file for `score --review`."""
    from .review import ReviewError, read_workbook, write_review
    from .write.atomic import OutputError

    rubric = _load_rubric(rubric_path)
    _check_outputs({"-o": output}, [workbook])
    if not workbook.is_file():
        _fail(f"{workbook}: no such file", EXIT_USAGE)
    try:
        entries = read_workbook(workbook, rubric)
    except ReviewError as err:
        _fail(str(err), EXIT_USAGE)
    try:
        write_review(entries, rubric, workbook.name, f"{TOOL_NAME} {__version__}", output)
    except OutputError as err:
        _fail(str(err), EXIT_OUTPUT)
    waived = sum(e.review.waived for e in entries)
    typer.echo(
        f"{output}: {len(entries)} reviewed requirements in {len({e.sha256 for e in entries})} reports"
        + (f" ({waived} waived)" if waived else "")
    )
    raise typer.Exit(EXIT_OK)


def _load_review(path: Path | None, rubric):
    if path is None:
        return []
    from .review import ReviewError, load_review

    try:
        return load_review(path, rubric)
    except ReviewError as err:
        _fail(str(err), EXIT_USAGE)


def _load_baseline(path: Path | None):
    if path is None:
        return []
    from .compare import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as err:
        _fail(str(err), EXIT_USAGE)


def _stale(entries, reports) -> list[str]:
    """Review entries of reports this run did not score (changed since, or not in the batch)."""
    from .review import stale_entries

    return stale_entries(entries, reports) if entries else []


def _ignore(result) -> None:
    pass


def _workbook_stream(run, rubric, output: Path | None, split: Path | None, limits: list):
    if output is None and split is None:
        return contextlib.nullcontext(_ignore)
    from .write.excel import workbook_stream

    if output is not None:
        main = output
    else:
        assert split is not None  # one of the two is set: checked above
        main = split / "00_总览.xlsx"
    return workbook_stream(run, rubric, main, split_dir=split, limits=limits)


def _summary_only(report):
    """What the terminal summary reads of a report: its evidence, figures and findings are in the JSON."""
    requirements = tuple(dataclasses.replace(r, evidence=()) for r in report.requirements)
    return dataclasses.replace(report, requirements=requirements, metrics=(), findings=(), sentences=())


def _encoded(report):
    """A report as the JSON stream writes it, with its summary: made in the worker that scored it."""
    from .write.json import encode_report

    return encode_report(report, _summary_only(report))


class Interrupted(BaseException):
    """A stop signal. Not a KeyboardInterrupt: the CLI framework would swallow that silently."""


_stopped_by: list[int] = []  # the stop signals received


def _interrupt(signum, frame) -> None:
    # The first signal unwinds the run (each output removes its temporary file as it goes); a
    # second one, during that cleanup, must not cut it short.
    _stopped_by.append(signum)
    if len(_stopped_by) == 1:
        raise Interrupted


def main() -> None:
    from . import compiled_cache

    compiled_cache.restore()  # regular expressions and dataclasses compiled by earlier runs: ~70 ms of a `check`
    from .safe_text import TerminalStream

    sys.stdout, sys.stderr = TerminalStream(sys.stdout), TerminalStream(sys.stderr)
    # Ctrl-C, `kill` (service managers) and a closed terminal all stop a run the same way.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    try:
        try:
            app(prog_name=TOOL_NAME)
        except SystemExit as done:
            # A signal that arrived where an exception cannot surface (a finaliser, library code
            # that catches everything) still stops the run: say so, whatever was finished.
            if not _stopped_by:
                compiled_cache.keep()
                raise
            raise Interrupted from done
    except BrokenPipeError:  # `scorer check … | head` closed the pipe: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except (Interrupted, KeyboardInterrupt):
        typer.echo("scorer: interrupted; no partial output was left behind", err=True)
        sys.exit(EXIT_INTERRUPTED)
