import pandas as pd
import pytest

from rk35.chapters.gas import PIPELINE_COSTS
from rk35.data import load
from rk35.topics import lng
from rk35.verdicts import Verdict, floor_verdict, rank_verdict
from tests.conftest import verdict_with


def imports(rows, total=None):
    records = [{"year": 2025, "period": "full_year", "supplier": s, "volume_mt": v, "volume_yoy_pct": p,
                "series": "KITA", "source_id": "lng:x", "caution": False, "volume_share_pct": None,
                "value_share_pct": None, "value_usd_bn": None, "stated_rank": None} for s, v, p in rows]
    if total:
        records.append({**records[0], "supplier": "TOTAL", "volume_mt": total[0], "volume_yoy_pct": total[1]})
    return pd.DataFrame(records)


def test_implied_previous_year_and_its_rounding_range():
    t = lng.implied_previous_year(imports([("A", 11.0, 10.0), ("B", 2.0, 0.0), ("C", 1.0, None)]))
    a = t.set_index("supplier").loc["A"]
    assert a["implied"] == pytest.approx(10.0)
    assert a["low"] < a["implied"] < a["high"]
    assert a["high"] == pytest.approx(11.0 / 1.0995)
    assert pd.isna(t.set_index("supplier").loc["C", "implied"])  # no stated change: nothing implied
    assert list(t["implied_rank"].dropna()) == [1, 2]


def test_rank_robustness_counts_room_for_missing_suppliers():
    t = lng.implied_previous_year(imports([("A", 11.0, 10.0), ("Russia", 2.0, 0.0)]))
    r = lng.rank_robustness(t, total_implied=16.5)  # 4.5 unexplained: room for two suppliers above 2.0
    assert (r["rank"], r["missing_above_at_most"], r["worst_rank"]) == (2, 2, 4)
    r = lng.rank_robustness(t, total_implied=12.5)
    assert r["worst_rank"] == 2


def test_rank_rule():
    assert rank_verdict(7, 7, 7) is Verdict.HOLDS
    assert rank_verdict(7, 7, 8) is Verdict.HOLDS_APPROXIMATELY
    assert rank_verdict(7, 7, 9) is Verdict.PARTLY_HOLDS
    assert rank_verdict(7, 6, 6) is Verdict.DOES_NOT_HOLD
    assert rank_verdict(7, None, None) is Verdict.NOT_VERIFIABLE


def test_floor_rule():
    assert floor_verdict(2.5, [2.5, 5]) is Verdict.HOLDS
    assert floor_verdict(2.5, [2.0, 5]) is Verdict.PARTLY_HOLDS
    assert floor_verdict(2.5, [1.0]) is Verdict.DOES_NOT_HOLD


def test_russia_2024_on_real_data():
    im = load("lng_imports")
    t = lng.implied_previous_year(im)
    total = lng.implied_total(im)
    r = lng.rank_robustness(t, total["implied"])
    assert round(r["volume"], 2) == 2.12 and r["rank"] == 7
    assert r["rounding_overlaps"] == [] and r["missing_above_at_most"] == 1
    assert 4.0 < lng.implied_share(t, total["implied"]) < 5.0


def test_shares_are_computed_within_one_compiler():
    shares = lng.russia_shares(load("lng_imports"))
    computed = shares[shares["method"].str.startswith("computed")]
    for method in computed["method"]:
        numerator, denominator = method.removeprefix("computed: ").split(" / ")
        assert numerator.split()[0] == denominator.split()[0]


def test_the_pipeline_cost_verdict_follows_the_sources():
    # one estimate (US$2.2 billion, 2011) is below the stated floor of US$2.5 billion: some are at least it
    assert verdict_with("pipeline-cost").verdict is Verdict.PARTLY_HOLDS
    facts = load("lng_facts")
    below = facts["measure"].eq("pipeline-project-estimate")
    assert verdict_with("pipeline-cost", lng_facts=facts.assign(  # were it US$3 billion, every estimate would be
        value_number=facts["value_number"].mask(below, 3.0))).verdict is Verdict.HOLDS
    every = facts["measure"].isin(PIPELINE_COSTS)
    assert verdict_with("pipeline-cost", lng_facts=facts.assign(
        value_number=facts["value_number"].mask(every, 2.0))).verdict is Verdict.DOES_NOT_HOLD
