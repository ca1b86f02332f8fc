"""The import rules the layout rests on, checked on the source (imports at any depth, lazy ones too):

- writers only read results: they never import the pipeline's stages; what they import of the
  package is the results, the presentation module (labels, number formats, advice), the rubric as
  data, the write package's own support (atomic files, ranking) and, for a writer that is a
  package (the workbook: cells, one module per sheet), its own modules — never another writer;
- the presentation module reads results and the rubric and nothing of the pipeline;
- the rubric package is data: it never imports the detectors or the pipeline (so a detector
  kind's schema, scorer/rubric/kinds/, and its code, scorer/detect/, are two modules);
- the core stages never import a writer, the CLI or the batch runner;
- the vocabulary (the lexicon, lazily compiled patterns) is data every stage reads: it imports no stage.
"""

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "scorer"
STAGES = {
    "scorer.pipeline",
    "scorer.detect",
    "scorer.figures",
    "scorer.numbers",
    "scorer.structure",
    "scorer.metadata",
    "scorer.normalize",
    "scorer.score",
    "scorer.ingest",
    "scorer.batch",
}
EDGES = {"scorer.write", "scorer.cli", "scorer.batch"}
# what a writer may import of the package
WRITER_IMPORTS = {
    "scorer.result",
    "scorer.presentation",
    "scorer.rubric.model",
    "scorer.write.atomic",
    "scorer.write.ranking",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module the file imports, resolved to its absolute dotted name."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def under(name: str, roots: set[str]) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def files(subpackage: str) -> list[Path]:
    root = PACKAGE.joinpath(*subpackage.split(".")[1:])
    return sorted(root.rglob("*.py")) if root.is_dir() else [root.with_suffix(".py")]


@pytest.mark.parametrize("path", files("scorer.write"), ids=lambda p: p.name)
def test_writers_never_import_the_pipeline(path):
    assert not {m for m in imports(path) if under(m, STAGES)}


@pytest.mark.parametrize("path", files("scorer.write"), ids=lambda p: p.name)
def test_writers_import_only_results_presentation_and_their_support(path):
    assert outside_writer_imports(module_name(path), imports(path)) == set()


def outside_writer_imports(module: str, found: set[str]) -> set[str]:
    """What a writer `module` imports of the package beyond results, presentation, support and the
    writer's own modules (scorer.write.excel.matrix may import scorer.write.excel.detail)."""
    writer = ".".join(module.split(".")[:3])
    return {m for m in found if under(m, {"scorer"}) and not under(m, WRITER_IMPORTS | {writer})}


def test_the_presentation_module_reads_results_not_the_pipeline():
    found = {m for m in imports(PACKAGE / "presentation.py") if under(m, {"scorer"})}
    allowed = {"scorer.result", "scorer.rubric.model", "scorer.safe_text"}
    # the package itself only for the tool's name and version
    assert {m for m in found if not under(m, allowed)} == {"scorer", "scorer.TOOL_NAME", "scorer.__version__"}


@pytest.mark.parametrize("path", files("scorer.rubric"), ids=lambda p: p.name)
def test_the_rubric_package_never_imports_detectors_or_stages(path):
    # normalising a rubric's terms like the text they are matched in is the one stage it shares
    assert not {m for m in imports(path) if under(m, STAGES - {"scorer.normalize"})}


@pytest.mark.parametrize("stage", sorted(STAGES - {"scorer.batch"}))
def test_core_stages_never_import_the_edges(stage):
    for path in files(stage):
        assert not {m for m in imports(path) if under(m, EDGES)}, path


@pytest.mark.parametrize("module", ["scorer.lexicon", "scorer.lazy_re"])
def test_the_vocabulary_imports_no_stage(module):
    for path in files(module):
        assert not {m for m in imports(path) if under(m, STAGES | EDGES)}, path


def test_the_checker_sees_imports():
    # guards the guard: a known import is found, relative or absolute, in a package's __init__ too
    assert "scorer.result.ReportResult" in imports(PACKAGE / "write" / "json.py")
    assert "scorer.presentation.STATUS_SYMBOLS" in imports(PACKAGE / "write" / "excel" / "__init__.py")
    assert "scorer.presentation.why" in imports(PACKAGE / "write" / "html.py")
    assert PACKAGE / "rubric" / "kinds" / "terms.py" in files("scorer.rubric")


def test_the_writer_rule_catches_a_writer_importing_another_or_a_stage():
    # guards the guard: what html.py used to import (the check writer's helpers) is refused, as is
    # a stage, a lookalike name, or the rubric loader; its own names and the standard library pass
    found = {
        "scorer.write.check_terminal.why",
        "scorer.detect.evaluate",
        "scorer.resultset",
        "scorer.rubric.load",
        "scorer.write.html._Span",
        "scorer.presentation.why",
        "html.escape",
    }
    assert outside_writer_imports("scorer.write.html", found) == {
        "scorer.write.check_terminal.why",
        "scorer.detect.evaluate",
        "scorer.resultset",
        "scorer.rubric.load",
    }


def test_the_writer_rule_lets_a_writer_package_import_its_own_modules_only():
    # guards the guard: a sheet of the workbook reads another sheet's columns and the workbook's
    # cells; another writer may not, nor may a sheet reach into a sibling writer
    assert outside_writer_imports("scorer.write.excel.matrix", {"scorer.write.excel.detail.D_STATUS"}) == set()
    assert outside_writer_imports("scorer.write.excel.scorecard", {"scorer.write.excel.cells.ref"}) == set()
    assert outside_writer_imports("scorer.write.html", {"scorer.write.excel.cells.col_name"}) == {
        "scorer.write.excel.cells.col_name"
    }
    assert outside_writer_imports("scorer.write.excel.notes", {"scorer.write.html.page"}) == {"scorer.write.html.page"}
