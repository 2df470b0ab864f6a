import pandas as pd
import pytest

from rk35.book import Book
from rk35.data import Tables, load
from rk35.topics import trade as T
from rk35.verdicts import Verdict
from tests.conftest import verdict_with


def frame(rows):
    """A trade table shaped like load_trade()'s, from (year, reporter, flow, value_text, period, lb, caution)."""
    records = []
    for i, (year, reporter, flow, text, period, lower, caution) in enumerate(rows, start=2):
        records.append({
            "year": year, "reporter": reporter, "flow": flow, "scope": "goods",
            "value_usd_bn": float(text), "value_usd_bn_decimals": len(text.split(".")[1]) if "." in text else 0,
            "period": period, "lower_bound": lower, "caution": caution, "source_id": f"trade:S{i}", "note": None,
        })
    return pd.DataFrame(records, index=pd.Index(range(2, 2 + len(records)), name="line"))


def test_annual_prefers_precision_then_agreement_then_file_order():
    t = frame([
        (2019, "KOR", "total", "22.3", "full_year", False, False),
        (2019, "KOR", "total", "22.34", "full_year", False, False),  # most precise
        (2012, "KOR", "total", "22.4", "full_year", False, False),
        (2012, "KOR", "total", "22.5", "full_year", False, False),
        (2012, "KOR", "total", "22.5", "full_year", False, False),  # stated twice
        (2007, "KOR", "total", "15.1", "full_year", False, False),
        (2007, "KOR", "total", "15.2", "full_year", False, False),  # tie: first in file wins
    ])
    got = T.by_year(T.annual(t))
    assert got == {2007: 15.1, 2012: 22.5, 2019: 22.34}


def test_annual_ignores_partial_years_lower_bounds_and_suspect_rows():
    t = frame([
        (2022, "RUS", "total", "30", "full_year", True, False),
        (2022, "RUS", "total", "11", "full_year", False, True),
        (2024, "RUS", "total", "6.6", "jan_jul", False, False),
    ])
    assert T.annual(t, "RUS").empty


def test_gaps_stay_gaps():
    t = frame([(2019, "KOR", "total", "22.34", "full_year", False, False),
               (2021, "KOR", "total", "27.34", "full_year", False, False)])
    series = T.annual(t)
    assert T.missing_years(series, 2019, 2021) == [2020]
    assert T.year_on_year(series).empty  # no change across a gap
    assert T.change(series, 2019, 2020) is None
    lines = T.chart_frame(t, 2019, 2021).query("layer == 'line' and flow == 'Total trade'")
    assert lines.set_index("year")["value"].isna().to_dict() == {2019: False, 2020: True, 2021: False}


def test_naive_annualisation():
    assert T.naive_annualisation(7.0, 7) == pytest.approx(12.0)
    with pytest.raises(ValueError):
        T.naive_annualisation(1.0, 0)


def test_mirror_gaps_only_where_both_sides_report():
    t = frame([(2016, "KOR", "total", "13.4", "full_year", False, False),
               (2016, "RUS", "total", "15.1", "full_year", False, False),
               (2017, "KOR", "total", "19.0", "full_year", False, False)])
    gaps = T.mirror_gaps(t)
    assert list(gaps["year"]) == [2016]
    assert gaps["gap"].iloc[0] == pytest.approx(1.7)


def test_denominator_chain_stops_at_a_gap():
    inv = pd.DataFrame({
        "metric": ["kor_outbound_fdi_total_cumulative", "kor_outbound_fdi_total_annual",
                   "kor_outbound_fdi_total_annual", "kor_outbound_fdi_total_annual"],
        "period_end": ["2018-12", "2019", "2019", "2021"],
        "value_usd_bn": [100.0, 10.0, 12.0, 20.0],
        "source_id": ["a", "b", "c", "d"],
    })
    dens = T.outbound_denominators(inv)
    assert list(dens["end_year"]) == [2019]  # 2020 is missing: no 2020, no 2021
    assert (dens["low"].iloc[0], dens["high"].iloc[0]) == (110.0, 112.0)


# --- on the real data ------------------------------------------------------

@pytest.fixture(scope="module")
def tables():
    return load("trade"), load("investment"), load("claims")


def test_korean_series_on_real_data(tables):
    trade, _, _ = tables
    series = T.annual(trade)
    peak = T.peak(series)
    assert (peak["year"], peak["value"]) == (2021, 27.34)
    assert T.by_year(series)[2022] == 21.15
    assert 2020 in T.missing_years(series, 1990, 2025)


def test_fdi_share_is_below_one_percent_in_every_combination(tables):
    _, investment, claims = tables
    table = T.fdi_share_table(investment, claims.loc["fdi-total", "stated_value"], 2022)
    assert len(table) >= 2
    assert (table["share_low_pct"] <= table["share_high_pct"]).all()
    assert table["share_high_pct"].max() < 1


def test_verdicts_on_real_data(tables):
    trade, investment, claims = tables
    v = {k: a.verdict for k, a in Book(Tables(trade=trade, investment=investment, claims=claims)).chapter("trade").assessments.items()
         if a.how == "computed"}
    assert v["trade-2022-total"] is Verdict.HOLDS_APPROXIMATELY  # number holds, "goods and services" does not
    assert v["trade-2024-total"] is Verdict.NOT_VERIFIABLE
    assert v["trade-2017-2022-growth"] is Verdict.PARTLY_HOLDS
    assert v["fdi-share"] is Verdict.HOLDS


def test_a_2024_total_in_the_data_would_decide_the_2024_claim(tables):
    trade = tables[0]
    assert verdict_with("trade-2024-total", trade=trade).verdict is Verdict.NOT_VERIFIABLE
    extra = trade.iloc[[0]].copy()
    extra[["year", "reporter", "flow", "period", "value_usd_bn", "value_usd_bn_decimals"]] = [
        2024, "KOR", "total", "full_year", 11.4, 1]
    assert verdict_with("trade-2024-total", trade=pd.concat([trade, extra])).verdict is Verdict.HOLDS
    extra["value_usd_bn"] = 9.0
    assert verdict_with("trade-2024-total", trade=pd.concat([trade, extra])).verdict is Verdict.DOES_NOT_HOLD


def test_a_2022_cumulative_investment_figure_would_decide_the_total_claim(tables):
    investment = tables[1]
    assert verdict_with("fdi-total", investment=investment).verdict is Verdict.NOT_VERIFIABLE
    extra = investment.iloc[[0]].copy()
    extra[["metric", "period_end", "value_usd_bn", "value_usd_bn_decimals"]] = [
        "kor_fdi_to_rus_cumulative", "2022-12", 3.52, 2]
    assert verdict_with("fdi-total", investment=pd.concat([investment, extra])).verdict is Verdict.HOLDS


def test_the_2014_claim_turns_on_whether_trade_fell(tables):
    trade = tables[0]
    assert verdict_with("trade-after-2014", trade=trade).verdict is Verdict.PARTLY_HOLDS
    rose = trade.copy()
    mask = (rose["year"] == 2015) & (rose["flow"] == "total") & (rose["reporter"] == "KOR")
    rose.loc[mask, "value_usd_bn"] = 30.0
    assert verdict_with("trade-after-2014", trade=rose).verdict is Verdict.DOES_NOT_HOLD
