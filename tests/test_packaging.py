"""What the wheel carries: every file the package reads at run time, not only its Python modules."""

import pytest
from conftest import ROOT

tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11's tomllib")

PACKAGE = ROOT / "scorer"


def test_every_data_file_of_the_package_is_declared_as_package_data():
    # the dashboard's stylesheet and script, the lexicon, the gazetteer ... a file left out of
    # package-data works from a checkout and is missing from an installed wheel
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["scorer"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert PACKAGE / "write" / "static" / "dashboard.js" in data
    assert sorted(p.relative_to(PACKAGE).as_posix() for p in data - shipped) == []
