"""The import rules the layout rests on, checked on the source (imports at any depth, lazy ones too):

- writers only read results: they never import the pipeline's stages;
- the rubric package is data: it never imports the detectors or the pipeline;
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
    # guards the guard: a known import is found
    assert "scorer.result.ReportResult" in imports(PACKAGE / "write" / "json.py")
