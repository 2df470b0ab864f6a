"""Trade and investment: the chapter that follows the first paragraph of "Integration as a path to peace".

`build(tables)` returns the chapter: its numbers, its checks' assessments (each reason quoting those numbers), its
tables and its figures.
"""

from __future__ import annotations

import pandas as pd

from rk35.chapter import Chapter, Check, Split, assess, citing, labels, record_scorecard
from rk35.data import Tables
from rk35.data.render import cited
from rk35.fmt import pct, pct_change, table, usd_bn
from rk35.records import Finding, Input, Recorder
from rk35.topics.trade import (
    FLOW_LABELS,
    PERIOD_LABELS,
    PREFERENCE_RULE,
    REPORTER_LABELS,
    annual,
    article_points,
    by_year,
    change,
    fdi_numerators,
    fdi_share_table,
    mirror_gaps,
    missing_years,
    naive_annualisation,
    peak,
    stated,
    stated_value,
    trade_chart,
    year_on_year,
)
from rk35.verdicts import causal_verdict, ceiling_verdict, lower_one_step, trend_verdict, value_verdict

NAME, TITLE, SECTION = "trade", "Trade and investment", "chapter-trade"


def _year(series: pd.DataFrame, year: int, what: str = "Korean-reported total trade") -> Input:
    row = series.set_index("year").loc[year]
    return Input(f"{what}, {year}", usd_bn(row["value"], int(row["decimals"])), (row["source_id"],))


def _row_input(what: str, row: pd.Series) -> Input:
    return Input(what, stated_value(row), (row["source_id"],))


def _claim_input(claims: pd.DataFrame, claim_id: str, what: str) -> Input:
    claim = claims.loc[claim_id]
    return Input(what, usd_bn(claim["stated_value"], int(claim["stated_value_decimals"])), claim=claim_id)


def numbers(t: Tables) -> Recorder:
    """The numbers the chapter's prose shows, each a record with its inputs."""
    n = Recorder("trade", "chapter-trade")
    trade, claims = t.trade, t.claims
    kor = annual(trade, "KOR", "total")
    top = peak(kor)
    n.add("trade_peak_year", str(top["year"]), "The year of the highest Korean-reported full-year total (the earliest on a tie).",
          *[_year(kor, int(y)) for y in kor.sort_values("value", ascending=False)["year"].head(2)])
    n.add("trade_peak_value", stated(kor, top["year"]), "The highest Korean-reported full-year total, as its source states it.",
          _year(kor, int(top["year"])))
    missing = missing_years(kor, 1990, 2025)
    n.add("kor_total_years_span", str(2025 - 1990 + 1), "The years from 1990 to 2025, counted: 2025 − 1990 + 1.",
          Input("first year", "1990"), Input("last year", "2025"))
    n.add("kor_total_years_found", str(len(kor)), "The years with a usable Korean-reported full-year total, counted.",
          Input("years with a total", ", ".join(map(str, kor["year"])), tuple(dict.fromkeys(kor["source_id"]))))
    n.add("kor_total_years_missing", str(len(missing)), "The years from 1990 to 2025 without such a total, counted.",
          Input("years without a total", ", ".join(map(str, missing))))
    gaps = mirror_gaps(trade)
    widest = gaps.loc[gaps["gap"].abs().idxmax()]
    n.add("mirror_gap_years", ", ".join(str(y) for y in gaps["year"]),
          "The years for which both sides report a full-year total.",
          *[Input(f"Korean and Russian totals, {int(r['year'])}", f"{r['kor']:g} and {r['rus']:g}",
                  (r["kor_source"], r["rus_source"])) for _, r in gaps.iterrows()])
    n.add("mirror_gap_max", usd_bn(abs(widest["gap"]), 2), "The largest difference between the Russian and the Korean total "
          "of one year: |Russian − Korean|.", Input(f"Korean total, {int(widest['year'])}", f"{widest['kor']:g}", (widest["kor_source"],)),
          Input(f"Russian total, {int(widest['year'])}", f"{widest['rus']:g}", (widest["rus_source"],)))
    n.add("mirror_gap_max_year", str(int(widest["year"])), "The year of that largest difference.",
          Input("Korean and Russian totals that year", f"{widest['kor']:g} and {widest['rus']:g}",
                (widest["kor_source"], widest["rus_source"])))
    by_flow = trade[(trade["year"] == 2022) & (trade["reporter"] == "KOR") & (trade["period"] == "full_year")].set_index("flow")
    exports, imports = by_flow.loc["exports_kor_to_rus"], by_flow.loc["imports_kor_from_rus"]
    n.add("trade_2022_total_kor", stated_value(by_flow.loc["total"]), "KITA's 2022 total, as stated.",
          _row_input("Korean-reported total, 2022", by_flow.loc["total"]), section="claim-trade-2022-total")
    n.add("trade_2022_exports_kor", stated_value(exports), "KITA's 2022 exports to Russia, as stated.",
          _row_input("Korean exports to Russia, 2022", exports), section="claim-trade-2022-total")
    n.add("trade_2022_imports_kor", stated_value(imports), "KITA's 2022 imports from Russia, as stated.",
          _row_input("Korean imports from Russia, 2022", imports), section="claim-trade-2022-total")
    n.add("trade_2022_parts_sum", usd_bn(exports["value_usd_bn"] + imports["value_usd_bn"], 2),
          "Exports plus imports, 2022.", _row_input("exports", exports), _row_input("imports", imports),
          section="claim-trade-2022-total")
    n.add("trade_2022_change_kor", pct(change(kor, 2021, 2022), signed=True), "Change from 2021 to 2022: "
          "(2022 − 2021) / 2021 × 100.", _year(kor, 2021), _year(kor, 2022), section="claim-trade-2022-total")
    first, second = claims.loc["trade-2022-total", "stated_value"], claims.loc["trade-2024-total", "stated_value"]
    said_2022 = _claim_input(claims, "trade-2022-total", "the article's 2022 figure")
    said_2024 = _claim_input(claims, "trade-2024-total", "the article's 2024 figure")
    n.add("article_2022", said_2022.value, "The article's figure, as stated.", said_2022, section="claim-trade-2024-total")
    n.add("article_2024", said_2024.value, "The article's figure, as stated.", said_2024, section="claim-trade-2024-total")
    n.add("article_fall_pct", pct(pct_change(first, second), signed=True), "Change from 2022 to 2024 on the article's own "
          f"figures: ({second:g} − {first:g}) / {first:g} × 100.", said_2022, said_2024, section="claim-trade-2024-total")
    exports_2024 = trade[(trade["year"] == 2024) & (trade["flow"] == "exports_kor_to_rus") & (trade["period"] == "full_year")].iloc[0]
    jan_jul = trade[(trade["year"] == 2024) & (trade["flow"] == "total") & (trade["period"] == "jan_jul")].iloc[0]
    n.add("trade_2024_exports_kor", stated_value(exports_2024), "Korean exports to Russia in 2024, as stated.",
          _row_input("Korean exports to Russia, 2024", exports_2024), section="claim-trade-2024-total")
    n.add("trade_2024_janjul_kor", stated_value(jan_jul), "Total trade in January–July 2024, as stated.",
          _row_input("total trade, January–July 2024", jan_jul), section="claim-trade-2024-total")
    n.add("trade_2024_naive_annualised", usd_bn(naive_annualisation(jan_jul["value_usd_bn"], 7), 2),
          "January–July scaled to twelve months: value × 12 / 7 (an illustration that ignores seasonality).",
          _row_input("total trade, January–July 2024", jan_jul), section="claim-trade-2024-total")
    kor_exports = annual(trade, "KOR", "exports_kor_to_rus")
    n.add("trade_2024_exports_vs_2021", pct(change(kor_exports, 2021, 2024), signed=True),
          "Change in Korean exports from 2021 to 2024: (2024 − 2021) / 2021 × 100.",
          _year(kor_exports, 2021, "Korean exports to Russia"), _year(kor_exports, 2024, "Korean exports to Russia"),
          section="claim-trade-2024-total")
    n.add("trade_2014_kor", stated(kor, 2014), "The Korean-reported total, as stated.", _year(kor, 2014),
          section="claim-trade-after-2014")
    n.add("trade_2015_kor", stated(kor, 2015), "The Korean-reported total, as stated.", _year(kor, 2015),
          section="claim-trade-after-2014")
    n.add("trade_2014_2015_change", pct(change(kor, 2014, 2015), signed=True),
          "Change from 2014 to 2015: (2015 − 2014) / 2014 × 100.", _year(kor, 2014), _year(kor, 2015),
          section="claim-trade-after-2014")
    shares = fdi_share_table(t.investment, claims.loc["fdi-total", "stated_value"], int(claims.loc["fdi-share", "stated_year"]))
    combos = [Input(f"{r['numerator']} over outbound FDI to {r['denominator_end']}",
                    f"{r['numerator_usd_bn']:g} / {r['denominator_low']:g}–{r['denominator_high']:g}",
                    tuple(s for s in [r["numerator_source"]] if isinstance(s, str)) + tuple(r["denominator_sources"]),
                    claim="fdi-total" if not isinstance(r["numerator_source"], str) else "")
              for _, r in shares.iterrows()]
    n.add("fdi_share_min", pct(shares["share_low_pct"].min()), "The lowest share under every combination: numerator / "
          "highest denominator × 100.", *combos, section="claim-fdi-share")
    n.add("fdi_share_max", pct(shares["share_high_pct"].max()), "The highest share under every combination: numerator / "
          "lowest denominator × 100.", *combos, section="claim-fdi-share")
    return n


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


def trade_2022_total(ctx, claim) -> Finding:
    t, said = ctx.tables, ctx.numbers
    kor = annual(t.trade, "KOR", "total").set_index("year").loc[2022]
    total, exports, imports = said["trade_2022_total_kor"], said["trade_2022_exports_kor"], said["trade_2022_imports_kor"]
    kulik = t.trade[(t.trade["year"] == 2022) & (t.trade["reporter"] == "RUS") & t.trade["lower_bound"]].iloc[0]
    why = (f"KITA's 2022 goods-trade total, {total} (exports {exports} plus imports {imports}), rounds to the stated "
           "figure. No source found gives a services or a goods-and-services figure for Korea–Russia, so the label "
           "'goods and services' is unsupported and lowers the verdict one step. The Russian ambassador put 2022 trade "
           f"at over {stated_value(kulik)} (a lower bound, on an unstated basis).")
    # no source gives services or goods-and-services: the scope qualifier is unsupported
    return Finding(lower_one_step(_against(claim, kor["value"])), _stated(claim) + " (goods and services)",
                   f"{total} (goods only, Korean-reported)", why,
                   (kor["source_id"], *exports.inputs[0].sources, kulik["source_id"]), numbers=(total, exports, imports))


def trade_2024_total(ctx, claim) -> Finding:
    t = ctx.tables
    year = int(claim["stated_year"])
    series = annual(t.trade, "KOR", "total").set_index("year")
    if year in series.index:  # a full-year total has been found: the value rule decides
        row = series.loc[year]
        found = usd_bn(row["value"], int(row["decimals"]))
        return Finding(_against(claim, row["value"]), _stated(claim), f"{found} (Korean-reported)",
                       f"The Korean-reported full-year total for {year} is {found}.", (row["source_id"],))
    exports, jan_jul = _row(t.trade, year, "exports_kor_to_rus"), _row(t.trade, year, "total", period="jan_jul")
    naive = naive_annualisation(float(jan_jul["value_usd_bn"]), 7)
    suspect = t.trade[(t.trade["reporter"] == "RUS") & t.trade["caution"]].iloc[0]
    why = (f"The sources give only parts of {year}: Korean exports of {stated_value(exports)} for the full year, "
           f"and a January–July total of {stated_value(jan_jul)}. Scaling January–July to twelve months gives "
           f"{usd_bn(naive, 2)}: close to the article's figure, but a naive annualisation that ignores seasonality, "
           f"not a reported number. A Russian ambassador's 'about {stated_value(suspect)}', printed as a "
           f"{suspect['year']} figure, is marked suspect and decides nothing.")
    return Finding(_against(claim, None), _stated(claim), f"no full-year {year} total in any source found", why,
                   (exports["source_id"], jan_jul["source_id"]))


def trade_2017_2022_growth(ctx, claim) -> Finding:
    t = ctx.tables
    series = annual(t.trade, "KOR", "total")
    values = by_year(series)
    window = series[(series["year"] >= 2017) & (series["year"] <= 2022)]
    falls = year_on_year(window).query("change_pct < 0")
    fall_text = "; ".join(f"{int(r['from'])}→{int(r['to'])}: {pct(r['change_pct'], signed=True)}" for _, r in falls.iterrows())
    gaps = ", ".join(map(str, missing_years(window, 2017, 2022)))
    why = (f"Trade was higher in 2022 than in 2017 ({pct(pct_change(values[2017], values[2022]), signed=True)}) and "
           f"peaked in {int(peak(series)['year'])}, but it did not grow steadily: it fell {fall_text}. No full-year "
           f"figure was found for {gaps}.")
    return Finding(trend_verdict(values, 2017, 2022), "steady growth, 2017–2022",
                   f"{stated(series, 2017)} in 2017, {stated(series, 2022)} in 2022, with falls in between", why,
                   tuple(window["source_id"]))


def trade_after_2014(ctx, claim) -> Finding:
    t = ctx.tables
    series = annual(t.trade, "KOR", "total")
    first, second = change(series, 2014, 2015), change(series, 2015, 2016)
    fell = first is not None and first < 0
    why = (f"Korean-reported trade went from {stated(series, 2014)} in 2014 to {stated(series, 2015)} in 2015 "
           f"and {stated(series, 2016)} in 2016, then {stated(series, 2018)} in 2018. No source found shows that "
           "Seoul slowed it on purpose; in March 2014 Seoul declined to recognise the annexation of Crimea but did not "
           "join US and EU sanctions. The trade data alone cannot tell a policy from other causes.")
    verdict = causal_verdict(effect_confirmed=fell, cause_stated=INTENT_SOURCE is not None, other_causes=False)
    return Finding(verdict, "Seoul deliberately slowed trade after 2014",
                   f"trade changed by {pct(first, signed=True)} in 2015 and {pct(second, signed=True)} in 2016", why,
                   (series.set_index("year").loc[2014, "source_id"], "timeline:S34", "timeline:S35"))


def fdi_total(ctx, claim) -> Finding:
    t = ctx.tables
    year = int(claim["stated_year"])
    numerators = fdi_numerators(t.investment, float(claim["stated_value"]), year)
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


def fdi_share(ctx, claim) -> Finding:
    t = ctx.tables
    total_claim = t.claims.loc["fdi-total"]
    stated_total = float(total_claim["stated_value"])
    table = fdi_share_table(t.investment, stated_total, int(claim["stated_year"]))
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


#: The claims this chapter computes, with the rule each applies; its other claims are judged (data/judgements.csv).
CHECKS: dict[str, Check] = {
    "trade-2022-total": ("unsupported-qualifier", trade_2022_total),
    "trade-2024-total": ("value", trade_2024_total),
    "trade-2017-2022-growth": ("trend", trade_2017_2022_growth),
    "trade-after-2014": ("causal", trade_after_2014),
    "fdi-total": ("value", fdi_total),
    "fdi-share": ("ceiling", fdi_share),
}


def tables(t: Tables, shares: pd.DataFrame) -> dict:
    """The chapter's tables, by glue key."""
    trade, investment, sources = t.trade, t.investment, t.sources
    labels_ = {"reporter": REPORTER_LABELS, "flow": FLOW_LABELS}
    changes = year_on_year(annual(trade, "KOR", "total").query("2016 <= year <= 2022"))
    share_rows = shares.assign(
        numerator=shares["numerator"] + shares["numerator_lower_bound"].map({True: " (lower bound)", False: ""}),
        denominator=shares.apply(lambda r: f"{r['denominator_low']:.2f}–{r['denominator_high']:.2f}", axis=1),
        share=shares.apply(lambda r: f"{pct(r['share_low_pct'], 2)}–{pct(r['share_high_pct'], 2)}", axis=1))
    return {
        "preference_rule": "> " + PREFERENCE_RULE,
        "tbl_trade_2022": table(cited(trade.query("year == 2022 and period == 'full_year'"), sources), {
            "reporter": "Reported by", "flow": "Flow", "value_usd_bn": "US$ billion", "lower_bound": "Lower bound",
            "caution": "Marked suspect", "source_id": "Source"}, labels=labels_),
        "tbl_trade_2024": table(cited(trade.query("year == 2024"), sources), {
            "reporter": "Reported by", "flow": "Flow", "period": "Period", "value_usd_bn": "US$ billion",
            "source_id": "Source"}, labels={**labels_, "period": PERIOD_LABELS}),
        "tbl_trade_changes": table(changes.assign(change=changes["change_pct"].map(lambda v: pct(v, signed=True))),
                                   {"from": "From", "to": "To", "change": "Change"}, plain=("from", "to")),
        "tbl_fdi_cumulative": table(cited(investment[investment["metric"].str.startswith("kor_fdi_to_rus_cumulative")], sources), {
            "period_start": "From", "period_end": "To", "value_usd_bn": "US$ billion", "lower_bound": "Lower bound",
            "reported_by": "Reported by", "source_id": "Source"}),
        "tbl_fdi_share": table(cited(share_rows, sources, "numerator_source"), {
            "numerator": "Numerator", "numerator_usd_bn": "US$ bn", "numerator_source": "Source",
            "denominator_end": "Outbound FDI 1968 to end of", "denominator": "Outbound FDI, US$ bn", "share": "Share"},
            caption="Korean direct investment in Russia as a share of Korea's cumulative outbound FDI, under every "
                    "combination the sources allow (shares to two decimals, because the range is narrow)",
            label="tbl-fdi-share", decimals={"numerator_usd_bn": 2}, plain=("denominator_end",)),
    }


def build(t: Tables) -> Chapter:
    """The trade chapter, computed once."""
    n = numbers(t)
    assessed = assess(t, NAME, CHECKS, n.numbers)
    record_scorecard(n, f"scorecard_{NAME}", assessed, " in this chapter", "This chapter's")
    claims = t.claims
    shares = fdi_share_table(t.investment, claims.loc["fdi-total", "stated_value"], int(claims.loc["fdi-share", "stated_year"]))
    return Chapter(NAME, TITLE, SECTION, assessed, n.numbers,
                   tables(t, shares) | citing(t.sources, "trade:KITA_YONHAP_2023", "trade:KITA_ASIAE_2025"),
                   {"fig_trade_series": (trade_chart, (t.trade, t.sources, article_points(
                       claims, ["trade-2022-total", "trade-2024-total"])))}, labels(t, NAME),
                   splits=[Split("kor_total_years_span", ("kor_total_years_found", "kor_total_years_missing"))],
                   dated=[])
