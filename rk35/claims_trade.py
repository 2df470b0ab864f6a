"""Verdicts of the trade and investment claims, computed from the data.

Each function takes the loaded tables and the claim's row and returns an
Assessment. The chapter and (later) the claims register both call these, so
they cannot disagree.
"""

from __future__ import annotations

import pandas as pd

from rk35 import trade as T
from rk35.fmt import pct, pct_change, usd_bn
from rk35.verdicts import (
    RULE_CEILING,
    RULE_TREND,
    RULE_VALUE,
    Assessment,
    Verdict,
    ceiling_verdict,
    lower_one_step,
    trend_verdict,
    value_verdict,
)

RULE_ATTRIBUTION = (
    "A claim that joins a measurable change to an intent partly holds when the change is in the data but "
    "no source found shows the intent; it holds only if a source shows both."
)


def _row(trade: pd.DataFrame, year: int, flow: str, period: str = "full_year", reporter: str = "KOR") -> pd.Series:
    rows = trade[(trade["year"] == year) & (trade["flow"] == flow) & (trade["period"] == period)
                 & (trade["reporter"] == reporter) & ~trade["caution"] & ~trade["lower_bound"]]
    if rows.empty:
        raise LookupError(f"no {reporter} {flow} figure for {year} ({period})")
    return rows.iloc[0]


def _stated(claim: pd.Series) -> str:
    unit = {"usd_bn": usd_bn, "pct": pct}[claim["stated_unit"]]
    return unit(float(claim["stated_value"]), int(claim["stated_value_decimals"]))


def trade_2022_total(trade: pd.DataFrame, claim: pd.Series) -> Assessment:
    kor = T.annual(trade, "KOR", "total").set_index("year").loc[2022]
    exports, imports = _row(trade, 2022, "exports_kor_to_rus"), _row(trade, 2022, "imports_kor_from_rus")
    verdict = value_verdict(float(claim["stated_value"]), kor["value"], int(claim["stated_value_decimals"]))
    # no source gives services or goods-and-services: the scope qualifier is unsupported
    verdict = lower_one_step(verdict)
    kulik = trade[(trade["year"] == 2022) & (trade["reporter"] == "RUS") & trade["lower_bound"]]
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated=_stated(claim) + " (goods and services)",
        found=f"{usd_bn(kor['value'], kor['decimals'])} (goods only, Korean-reported)",
        rule=RULE_VALUE,
        reason=(f"KITA's 2022 goods-trade total, {usd_bn(kor['value'], kor['decimals'])} (exports "
                f"{T.stated_value(exports)} plus imports {T.stated_value(imports)}), rounds to the stated figure. No source found gives "
                "a services or a goods-and-services figure for Korea–Russia, so the label 'goods and services' is "
                "unsupported and lowers the verdict one step. The Russian ambassador put 2022 trade at over "
                f"{T.stated_value(kulik.iloc[0])} (a lower bound, on an unstated basis)."),
        sources=(kor["source_id"], exports["source_id"], kulik["source_id"].iloc[0]),
    )


def trade_2024_total(trade: pd.DataFrame, claim: pd.Series) -> Assessment:
    year = int(claim["stated_year"])
    series = T.annual(trade, "KOR", "total").set_index("year")
    if year in series.index:  # a full-year total has been found: the value rule decides
        row = series.loc[year]
        verdict = value_verdict(float(claim["stated_value"]), row["value"], int(claim["stated_value_decimals"]))
        return Assessment(
            claim_id=claim.name, verdict=verdict, stated=_stated(claim),
            found=f"{usd_bn(row['value'], int(row['decimals']))} (Korean-reported)", rule=RULE_VALUE,
            reason=f"The Korean-reported full-year total for {year} is {usd_bn(row['value'], int(row['decimals']))}.",
            sources=(row["source_id"],),
        )
    exports = _row(trade, year, "exports_kor_to_rus")
    jan_jul = _row(trade, year, "total", period="jan_jul")
    naive = T.naive_annualisation(float(jan_jul["value_usd_bn"]), 7)
    suspect = trade[(trade["reporter"] == "RUS") & trade["caution"]].iloc[0]
    return Assessment(
        claim_id=claim.name, verdict=Verdict.NOT_VERIFIABLE, stated=_stated(claim),
        found=f"no full-year {year} total in any source found",
        rule=RULE_VALUE,
        reason=(f"The sources give only parts of {year}: Korean exports of {T.stated_value(exports)} for the "
                f"full year, and a January–July total of {T.stated_value(jan_jul)}. Scaling January–July "
                f"to twelve months gives {usd_bn(naive, 2)}: close to the article's figure, but a naive annualisation "
                "that ignores seasonality, not a reported number. A Russian ambassador's 'about "
                f"{T.stated_value(suspect)}', printed as a {suspect['year']} figure, is marked suspect and decides nothing."),
        sources=(exports["source_id"], jan_jul["source_id"]),
    )


def trade_2017_2022_growth(trade: pd.DataFrame, claim: pd.Series) -> Assessment:
    series = T.annual(trade, "KOR", "total")
    values = T.by_year(series)
    window = series[(series["year"] >= 2017) & (series["year"] <= 2022)]
    changes = T.year_on_year(window)
    falls = changes[changes["change_pct"] < 0]
    gaps = T.missing_years(window, 2017, 2022)
    verdict = trend_verdict(values, 2017, 2022)
    fall_text = "; ".join(f"{int(r['from'])}→{int(r['to'])}: {pct(r['change_pct'], signed=True)}" for _, r in falls.iterrows())
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated="steady growth, 2017–2022",
        found=f"{T.stated(series, 2017)} in 2017, {T.stated(series, 2022)} in 2022, with falls in between",
        rule=RULE_TREND,
        reason=(f"Trade was higher in 2022 than in 2017 ({pct(pct_change(values[2017], values[2022]), signed=True)}) and "
                f"peaked in {int(T.peak(series)['year'])}, but it did not grow steadily: it fell {fall_text}. "
                f"No full-year figure was found for {', '.join(map(str, gaps))}."),
        sources=tuple(dict.fromkeys(window["source_id"])),
    )


def trade_after_2014(trade: pd.DataFrame, claim: pd.Series) -> Assessment:
    series = T.annual(trade, "KOR", "total")
    first, second = T.change(series, 2014, 2015), T.change(series, 2015, 2016)
    fell = first is not None and first < 0
    # the measurable part (trade slowed) decides between "partly holds" and "does not hold";
    # the intent ("deliberately") is shown by no source, so the claim cannot fully hold
    verdict = Verdict.PARTLY_HOLDS if fell else Verdict.DOES_NOT_HOLD
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated="Seoul deliberately slowed trade after 2014",
        found=f"trade changed by {pct(first, signed=True)} in 2015 and {pct(second, signed=True)} in 2016",
        rule=RULE_ATTRIBUTION,
        reason=(f"Korean-reported trade went from {T.stated(series, 2014)} in 2014 to {T.stated(series, 2015)} in 2015 "
                f"and {T.stated(series, 2016)} in 2016, then {T.stated(series, 2018)} in 2018. No source found "
                "shows that Seoul slowed it on purpose; in March 2014 Seoul declined to recognise the annexation of "
                "Crimea but did not join US and EU sanctions. The trade data alone cannot tell a policy from other causes."),
        sources=(series.set_index("year").loc[2014, "source_id"], "timeline:S34", "timeline:S35"),
    )


def fdi_total(investment: pd.DataFrame, claim: pd.Series) -> Assessment:
    year = int(claim["stated_year"])
    numerators = T.fdi_numerators(investment, float(claim["stated_value"]), year)
    sourced = numerators[numerators["source_id"].notna()].sort_values("value")
    same_period = sourced[sourced["year"] == year]
    if not same_period.empty:  # a cumulative figure to the claim's year has been found
        row = same_period.iloc[0]
        found = usd_bn(row["value"], int(row["decimals"]))
        verdict = value_verdict(float(claim["stated_value"]), row["value"], int(claim["stated_value_decimals"]))
        return Assessment(
            claim_id=claim.name, verdict=verdict, stated=_stated(claim), found=found, rule=RULE_VALUE,
            reason=f"A source states cumulative Korean investment in Russia to {year} as {found}.",
            sources=(row["source_id"],),
        )
    lowest, highest = sourced.iloc[0], sourced.iloc[-1]
    low, high = usd_bn(lowest["value"], int(lowest["decimals"])), usd_bn(highest["value"], int(highest["decimals"]))
    inside = lowest["value"] <= float(claim["stated_value"]) <= highest["value"]
    return Assessment(
        claim_id=claim.name, verdict=Verdict.NOT_VERIFIABLE, stated=_stated(claim) + f" (1990–{year})",
        found=f"no 1990–{year} total; cumulative figures of {low} to {high} around 2020",
        rule=RULE_VALUE,
        reason=(f"No source found gives Korea's cumulative direct investment in Russia for 1990–{year} (the Export-Import "
                "Bank of Korea's total for that period was not retrieved). The sourced cumulative figures dated "
                f"2019 or later run from {low} to {high}, on bases the sources do not always state; the "
                f"article's figure lies {'inside' if inside else 'outside'} that range."),
        sources=tuple(sourced["source_id"]),
    )


def fdi_share(investment: pd.DataFrame, claim: pd.Series, total_claim: pd.Series) -> Assessment:
    stated_total, claim_total_decimals = float(total_claim["stated_value"]), total_claim["stated_value_decimals"]
    table = T.fdi_share_table(investment, stated_total, int(claim["stated_year"]))
    shares = list(table["share_low_pct"]) + list(table["share_high_pct"])
    verdict = ceiling_verdict(float(claim["stated_value"]), shares)
    sources = [s for s in table["numerator_source"] if pd.notna(s)] + [s for d in table["denominator_sources"] for s in d]
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated="less than " + _stated(claim),
        found=f"{pct(min(shares))} to {pct(max(shares))}",
        rule=RULE_CEILING,
        reason=(f"Every numerator the sources allow (the article's {usd_bn(stated_total, int(claim_total_decimals))} and the cumulative figures "
                f"stated around 2020), divided by Korea's cumulative outbound FDI to the matching year (with every "
                f"statistical revision), gives between {pct(min(shares))} and {pct(max(shares))}."),
        sources=tuple(dict.fromkeys(sources)),
    )


def assess_all(trade: pd.DataFrame, investment: pd.DataFrame, claims: pd.DataFrame) -> dict[str, Assessment]:
    """Every claim this module checks, by claim_id."""
    return {
        "trade-2022-total": trade_2022_total(trade, claims.loc["trade-2022-total"]),
        "trade-2024-total": trade_2024_total(trade, claims.loc["trade-2024-total"]),
        "trade-2017-2022-growth": trade_2017_2022_growth(trade, claims.loc["trade-2017-2022-growth"]),
        "trade-after-2014": trade_after_2014(trade, claims.loc["trade-after-2014"]),
        "fdi-total": fdi_total(investment, claims.loc["fdi-total"]),
        "fdi-share": fdi_share(investment, claims.loc["fdi-share"], claims.loc["fdi-total"]),
    }
