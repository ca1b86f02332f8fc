"""The default rubric against 72 real report openings labelled by two careful readers (tests/dev),
and against 730 openings and full reports written for the tests and labelled from the spec
(tests/written).

A floor on agreement, so a change that makes the judge worse on the genre fails here. The floor
sits a little under what the scorer reaches today; raise it as the judge improves. The numbers
are printed (pytest -s) in the harness's own form (bench/accuracy.py prints more).
"""

import pytest
from conftest import ROOT

from scorer.accuracy import PRESENT, compare, load_gold, report_lines
from scorer.ingest import read_document
from scorer.pipeline import analyze

DEV = ROOT / "tests" / "dev"
WRITTEN = ROOT / "tests" / "written"


def _agreement(folder, rubric):
    pairs = []
    for path in sorted((folder / "gold").glob("*.yaml")):
        gold = load_gold(path, rubric)
        pairs.append((gold, analyze(read_document(folder / "reports" / gold.file), rubric)))
    return compare(pairs, rubric)


@pytest.fixture(scope="module")
def agreement(rubric):
    return _agreement(DEV, rubric)


def test_the_dev_set_is_all_there(agreement):
    assert len({i.report for i in agreement.items}) == 72


def test_agreement_with_careful_readers_stays_above_the_floor(agreement):
    print("\n" + "\n".join(report_lines(agreement, confusion=False, disagreements=False)))
    assert agreement.informative >= 0.855
    assert agreement.f1(frozenset({"met"})).f1 >= 0.93
    assert agreement.f1(PRESENT).f1 >= 0.94


def test_a_met_where_both_readers_say_missing_is_rare(agreement):
    false_met = [i for i in agreement.items if i.predicted == "met" and i.accepted == {"missing"}]
    assert len(false_met) <= 0.01 * len(agreement.items), [f"{i.report} {i.requirement}" for i in false_met]


def test_the_written_set_stays_above_its_floor(rubric):
    written = _agreement(WRITTEN, rubric)
    print("\n" + "\n".join(report_lines(written, confusion=False, disagreements=False)))
    assert len({i.report for i in written.items}) == 730
    assert written.informative >= 0.929
    assert written.f1(frozenset({"met"})).f1 >= 0.964
    assert written.f1(PRESENT).f1 >= 0.978
