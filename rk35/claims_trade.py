"""Computed checks of the trade and investment claims (see rk35.checks).

Each check reads its tables from the bundle, applies its rule's function and says what it found. The chapter
and the claims register both show the same Assessment, so they cannot disagree.
"""

from __future__ import annotations

import pandas as pd

from rk35 import trade as T
from rk35.checks import Finding, check
from rk35.fmt import pct, pct_change, usd_bn
from rk35.verdicts import causal_verdict, ceiling_verdict, lower_one_step, trend_verdict, value_verdict

#: A source stating that Seoul slowed trade on purpose after 2014; none was found (the causal rule needs one).
INTENT_SOURCE: str | None = None
#: The investment metric of a share of Korea's outbound FDI stated directly by a source.
STATED_SHARE = "kor_fdi_to_rus_share_of_outbound"


def _row(trade: pd.DataFrame, year: int, flow: str, period: str = "full_year", reporter: str = "KOR") -> pd.Series:
    rows = trade[(trade["year"] == year) & (trade["flow"] == flow) & (trade["period"] == period)
                 & (trade["reporter"] == reporter) & ~trade["caution"] & ~trade["lower_bound"]]
    if rows.empty:
        raise LookupError(f"no {reporter} {flow} figure for {year} ({period})")
    return rows.iloc[0]


def _stated(claim: pd.Series) -> str:
    unit = {"usd_bn": usd_bn, "pct": pct}[claim["stated_unit"]]
    return unit(float(claim["stated_value"]), int(claim["stated_value_decimals"]))


def _against(claim: pd.Series, found: float | None):
    """The value rule's verdict for the claim's stated value against a sourced one (None: no sourced value)."""
    return value_verdict(float(claim["stated_value"]), found, int(claim["stated_value_decimals"]))


@check("trade-2022-total", rule="unsupported-qualifier")
def trade_2022_total(t, claim) -> Finding:
    kor = T.annual(t.trade, "KOR", "total").set_index("year").loc[2022]
    exports, imports = _row(t.trade, 2022, "exports_kor_to_rus"), _row(t.trade, 2022, "imports_kor_from_rus")
    kulik = t.trade[(t.trade["year"] == 2022) & (t.trade["reporter"] == "RUS") & t.trade["lower_bound"]].iloc[0]
    total = usd_bn(kor["value"], kor["decimals"])
    why = (f"KITA's 2022 goods-trade total, {total} (exports {T.stated_value(exports)} plus imports "
           f"{T.stated_value(imports)}), rounds to the stated figure. No source found gives a services or a "
           "goods-and-services figure for Korea–Russia, so the label 'goods and services' is unsupported and lowers "
           f"the verdict one step. The Russian ambassador put 2022 trade at over {T.stated_value(kulik)} (a lower "
           "bound, on an unstated basis).")
    # no source gives services or goods-and-services: the scope qualifier is unsupported
    return Finding(lower_one_step(_against(claim, kor["value"])), _stated(claim) + " (goods and services)",
                   f"{total} (goods only, Korean-reported)", why, (kor["source_id"], exports["source_id"], kulik["source_id"]))


@check("trade-2024-total", rule="value")
def trade_2024_total(t, claim) -> Finding:
    year = int(claim["stated_year"])
    series = T.annual(t.trade, "KOR", "total").set_index("year")
    if year in series.index:  # a full-year total has been found: the value rule decides
        row = series.loc[year]
        found = usd_bn(row["value"], int(row["decimals"]))
        return Finding(_against(claim, row["value"]), _stated(claim), f"{found} (Korean-reported)",
                       f"The Korean-reported full-year total for {year} is {found}.", (row["source_id"],))
    exports, jan_jul = _row(t.trade, year, "exports_kor_to_rus"), _row(t.trade, year, "total", period="jan_jul")
    naive = T.naive_annualisation(float(jan_jul["value_usd_bn"]), 7)
    suspect = t.trade[(t.trade["reporter"] == "RUS") & t.trade["caution"]].iloc[0]
    why = (f"The sources give only parts of {year}: Korean exports of {T.stated_value(exports)} for the full year, "
           f"and a January–July total of {T.stated_value(jan_jul)}. Scaling January–July to twelve months gives "
           f"{usd_bn(naive, 2)}: close to the article's figure, but a naive annualisation that ignores seasonality, "
           f"not a reported number. A Russian ambassador's 'about {T.stated_value(suspect)}', printed as a "
           f"{suspect['year']} figure, is marked suspect and decides nothing.")
    return Finding(_against(claim, None), _stated(claim), f"no full-year {year} total in any source found", why,
                   (exports["source_id"], jan_jul["source_id"]))


@check("trade-2017-2022-growth", rule="trend")
def trade_2017_2022_growth(t, claim) -> Finding:
    series = T.annual(t.trade, "KOR", "total")
    values = T.by_year(series)
    window = series[(series["year"] >= 2017) & (series["year"] <= 2022)]
    falls = T.year_on_year(window).query("change_pct < 0")
    fall_text = "; ".join(f"{int(r['from'])}→{int(r['to'])}: {pct(r['change_pct'], signed=True)}" for _, r in falls.iterrows())
    gaps = ", ".join(map(str, T.missing_years(window, 2017, 2022)))
    why = (f"Trade was higher in 2022 than in 2017 ({pct(pct_change(values[2017], values[2022]), signed=True)}) and "
           f"peaked in {int(T.peak(series)['year'])}, but it did not grow steadily: it fell {fall_text}. No full-year "
           f"figure was found for {gaps}.")
    return Finding(trend_verdict(values, 2017, 2022), "steady growth, 2017–2022",
                   f"{T.stated(series, 2017)} in 2017, {T.stated(series, 2022)} in 2022, with falls in between", why,
                   tuple(window["source_id"]))


@check("trade-after-2014", rule="causal")
def trade_after_2014(t, claim) -> Finding:
    series = T.annual(t.trade, "KOR", "total")
    first, second = T.change(series, 2014, 2015), T.change(series, 2015, 2016)
    fell = first is not None and first < 0
    why = (f"Korean-reported trade went from {T.stated(series, 2014)} in 2014 to {T.stated(series, 2015)} in 2015 "
           f"and {T.stated(series, 2016)} in 2016, then {T.stated(series, 2018)} in 2018. No source found shows that "
           "Seoul slowed it on purpose; in March 2014 Seoul declined to recognise the annexation of Crimea but did not "
           "join US and EU sanctions. The trade data alone cannot tell a policy from other causes.")
    verdict = causal_verdict(effect_confirmed=fell, cause_stated=INTENT_SOURCE is not None, other_causes=False)
    return Finding(verdict, "Seoul deliberately slowed trade after 2014",
                   f"trade changed by {pct(first, signed=True)} in 2015 and {pct(second, signed=True)} in 2016", why,
                   (series.set_index("year").loc[2014, "source_id"], "timeline:S34", "timeline:S35"))


@check("fdi-total", rule="value")
def fdi_total(t, claim) -> Finding:
    year = int(claim["stated_year"])
    numerators = T.fdi_numerators(t.investment, float(claim["stated_value"]), year)
    sourced = numerators[numerators["source_id"].notna()].sort_values("value")
    same_period = sourced[sourced["year"] == year]
    if not same_period.empty:  # a cumulative figure to the claim's year has been found
        row = same_period.iloc[0]
        found = usd_bn(row["value"], int(row["decimals"]))
        return Finding(_against(claim, row["value"]), _stated(claim), found,
                       f"A source states cumulative Korean investment in Russia to {year} as {found}.", (row["source_id"],))
    lowest, highest = sourced.iloc[0], sourced.iloc[-1]
    low, high = usd_bn(lowest["value"], int(lowest["decimals"])), usd_bn(highest["value"], int(highest["decimals"]))
    inside = lowest["value"] <= float(claim["stated_value"]) <= highest["value"]
    why = (f"No source found gives Korea's cumulative direct investment in Russia for 1990–{year} (the Export-Import "
           "Bank of Korea's total for that period was not retrieved). The sourced cumulative figures dated 2019 or "
           f"later run from {low} to {high}, on bases the sources do not always state; the article's figure lies "
           f"{'inside' if inside else 'outside'} that range.")
    return Finding(_against(claim, None), _stated(claim) + f" (1990–{year})",
                   f"no 1990–{year} total; cumulative figures of {low} to {high} around 2020", why,
                   tuple(sourced["source_id"]))


@check("fdi-share", rule="ceiling")
def fdi_share(t, claim) -> Finding:
    total_claim = t.claims.loc["fdi-total"]
    stated_total = float(total_claim["stated_value"])
    table = T.fdi_share_table(t.investment, stated_total, int(claim["stated_year"]))
    shares = list(table["share_low_pct"]) + list(table["share_high_pct"])
    sources = [s for s in table["numerator_source"] if pd.notna(s)] + [s for d in table["denominator_sources"] for s in d]
    stated_share = t.investment[t.investment["metric"] == STATED_SHARE]
    shares_stated = list(stated_share["value_pct"].astype(float))
    said = "; ".join(f"about {pct(float(r['value_pct']), int(r['value_pct_decimals']))} (around {r['period_end']})"
                     for _, r in stated_share.iterrows())
    limit = float(claim["stated_value"])
    why = (f"Every numerator the sources allow (the article's {usd_bn(stated_total, int(total_claim['stated_value_decimals']))} "
           "and the cumulative figures stated around 2020), divided by Korea's cumulative outbound FDI to the matching "
           f"year (with every statistical revision), gives between {pct(min(shares))} and {pct(max(shares))}. One "
           f"source states the share directly as {said}, on a basis it does not give; it is "
           f"{'under' if all(v < limit for v in shares_stated) else 'not under'} the ceiling too.")
    return Finding(ceiling_verdict(limit, shares + shares_stated), "less than " + _stated(claim),
                   f"{pct(min(shares))} to {pct(max(shares))} computed; {said} stated", why,
                   tuple(sources + list(stated_share["source_id"])))
