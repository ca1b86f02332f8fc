"""The accuracy harness: a reader's list of acceptable statuses is honoured, F1 counts right."""

from scorer.accuracy import PRESENT, Agreement, Item, report_lines


def item(accepted, predicted):
    return Item("r.txt", "req", frozenset(accepted), predicted, "", "")


def test_any_accepted_status_agrees_and_informative_items_are_those_either_side_saw():
    a = Agreement(
        [
            item({"met", "partial"}, "partial"),
            item({"missing"}, "missing"),
            item({"missing"}, "partial"),
            item({"met"}, "missing"),
        ]
    )
    assert a.overall == 0.5
    assert a.informative_count == 3
    assert abs(a.informative - 1 / 3) < 1e-9


def test_met_f1_does_not_count_an_accepted_partial_as_a_miss():
    a = Agreement(
        [
            item({"met", "partial"}, "partial"),  # right: not a false negative
            item({"met"}, "met"),  # tp
            item({"partial"}, "met"),  # fp
            item({"met"}, "partial"),
        ]
    )  # fn
    met = a.f1(frozenset({"met"}))
    assert (met.tp, met.fp, met.fn) == (1, 1, 1)
    assert met.f1 == 0.5


def test_presence_f1_and_the_confusion_table():
    a = Agreement(
        [
            item({"missing"}, "partial"),
            item({"partial", "missing"}, "missing"),
            item({"met"}, "met"),
            item({"partial"}, "missing"),
        ]
    )
    present = a.f1(PRESENT)
    assert (present.tp, present.fp, present.fn) == (1, 1, 1)
    table = a.confusion()["req"]
    assert table[("missing|partial", "missing")] == 1 and table[("missing", "partial")] == 1


def test_disagreements_are_counted_by_cause_without_the_reports_words():
    items = [
        Item("a.txt", "p7", frozenset({"missing"}), "met", "", "全年办理行政复议案件12件。", "met", "12件"),
        Item("b.txt", "p7", frozenset({"partial"}), "met", "", "印发《复议办法》。", "met", "《复议办法》"),
        Item("c.txt", "p9", frozenset({"missing"}), "met", "", "上线平台。", "met", "上线"),
        Item("d.txt", "p9", frozenset({"met"}), "partial", "", "推进数字政府。", "generic-only", ""),
        Item("e.txt", "p9", frozenset({"met"}), "met", "", "…", "met", "3个"),  # agrees: not counted
    ]
    causes = Agreement(items).causes()
    assert causes == {
        ("scorer met, reader missing", "a count"): 1,
        ("scorer met, reader partial", "a 《document》"): 1,
        ("scorer met, reader missing", "a word: 上线…"): 1,
        ("scorer partial, reader met", "generic-only"): 1,
    }
    printed = "\n".join(report_lines(Agreement(items), disagreements=False, causes=True))
    assert "全年办理" not in printed and "复议办法" not in printed and "a count" in printed


def test_report_scores_weigh_points_honour_a_readers_list_and_leave_out_na():
    items = []
    # three reports: the scorer's order of them is the reader's reversed
    for report, (reader, scorer) in {
        "a.txt": ("met", "missing"),
        "b.txt": ("partial", "partial"),
        "c.txt": ("missing", "met"),
    }.items():
        items.append(Item(report, "big", frozenset({reader}), scorer, "", ""))
        items.append(Item(report, "small", frozenset({"met", "partial"}), "n/a", "", ""))
    a = Agreement(items, points={"big": 3.0, "small": 1.0}, partial_share=0.5)
    scores = a.scores()
    assert scores is not None and scores.reports == 3
    # a: reader (3×1 + 1×0.75) / 4 = 93.75, scorer 0 / 3 (small is n/a on its side) = 0
    # b: reader (1.5 + 0.75) / 4 = 56.25, scorer 50; c: reader 0.75 / 4 = 18.75, scorer 100
    assert abs(scores.mean_distance - (93.75 + 6.25 + 81.25) / 3) < 1e-9
    assert scores.rank_correlation == -1.0


def test_report_scores_need_three_reports_and_ties_share_their_rank():
    two = Agreement([item({"met"}, "met"), Item("s.txt", "req", frozenset({"met"}), "met", "", "")])
    assert two.scores() is None
    tied = Agreement(
        [
            Item(f"{n}.txt", "req", frozenset({status}), status, "", "")
            for n, status in enumerate(["met", "met", "missing"])
        ]
    )
    scores = tied.scores()
    assert scores is not None and scores.rank_correlation == 1.0 and scores.mean_distance == 0.0


def test_intervals_resample_reports_and_are_the_same_every_run():
    items = [Item(f"{n}.txt", "req", frozenset({"met"}), "met" if n % 3 else "partial", "", "") for n in range(30)]
    a = Agreement(items)
    first, again = a.intervals(), a.intervals()
    assert first == again
    band = first["informative"]
    assert band.low < a.informative < band.high  # 20 of 30 agree: the interval straddles 2/3
    assert Agreement([item({"met"}, "met")]).intervals()["met-F1"].low == 1.0
    assert Agreement([]).intervals() == {}
