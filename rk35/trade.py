"""Trade and investment: the series and the derived numbers the chapter shows.

Nothing here fills a gap: a year without a full-year figure stays missing.
"""

from __future__ import annotations

import re

import pandas as pd

from rk35.fmt import pct, pct_change, usd_bn
from rk35.numbers import Input, Recorder

FLOW_LABELS = {
    "total": "Total trade",
    "exports_kor_to_rus": "Korean exports to Russia",
    "imports_kor_from_rus": "Korean imports from Russia",
}
REPORTER_LABELS = {"KOR": "Korean-reported", "RUS": "Russian-reported", "other": "Other / basis unclear"}
PERIOD_LABELS = {"full_year": "full year", "jan_mar": "January–March", "jan_apr": "January–April",
                 "jan_jun": "January–June", "jan_jul": "January–July", "jan_sep": "January–September",
                 "jan_nov": "January–November", "feb": "February"}

#: How the chapter picks one value per year where Korean sources differ (e.g. 22.4 vs 22.5 for 2012).
PREFERENCE_RULE = (
    "Where several Korean-side sources give a full-year figure for the same year and flow, the line "
    "uses the most precisely stated one (most decimals); among equally precise ones, the value more "
    "sources state; then the first in the file. Every figure stays in the table and the tooltips."
)


def usable(trade: pd.DataFrame) -> pd.DataFrame:
    """Full-year rows that may decide something: not lower bounds, not suspect."""
    return trade[(trade["period"] == "full_year") & ~trade["lower_bound"] & ~trade["caution"]]


def annual(trade: pd.DataFrame, reporter: str = "KOR", flow: str = "total") -> pd.DataFrame:
    """One value per year for a reporter and flow, by PREFERENCE_RULE.

    Columns: year, value, decimals, source_id, values (all distinct values stated that year).
    """
    rows = usable(trade)
    rows = rows[(rows["reporter"] == reporter) & (rows["flow"] == flow)]
    picked = []
    for year, group in rows.groupby("year", sort=True):
        counts = group["value_usd_bn"].map(group["value_usd_bn"].value_counts())
        order = pd.DataFrame(
            {"dec": group["value_usd_bn_decimals"], "n": counts, "row": group.index}, index=group.index
        ).sort_values(["dec", "n", "row"], ascending=[False, False, True])
        best = group.loc[order.index[0]]
        picked.append(
            {
                "year": int(year),
                "value": float(best["value_usd_bn"]),
                "decimals": int(best["value_usd_bn_decimals"]),
                "source_id": best["source_id"],
                "values": sorted({float(v) for v in group["value_usd_bn"]}),
            }
        )
    return pd.DataFrame(picked, columns=["year", "value", "decimals", "source_id", "values"])


def by_year(series: pd.DataFrame) -> dict[int, float]:
    return dict(zip(series["year"], series["value"]))


def stated(series: pd.DataFrame, year: int) -> str:
    """A year's value of an `annual` series, in US$ billions at the precision its source states."""
    row = series.set_index("year").loc[year]
    return usd_bn(row["value"], int(row["decimals"]))


def stated_value(row: pd.Series) -> str:
    """A data row's value, in US$ billions at the precision its source states."""
    return usd_bn(row["value_usd_bn"], int(row["value_usd_bn_decimals"]))


def peak(series: pd.DataFrame) -> pd.Series:
    """The row of the highest value (the earliest year on a tie)."""
    return series.sort_values(["value", "year"], ascending=[False, True]).iloc[0]


def change(series: pd.DataFrame, start: int, end: int) -> float | None:
    """Percent change between two years, or None if either year is missing."""
    values = by_year(series)
    if start not in values or end not in values:
        return None
    return pct_change(values[start], values[end])


def year_on_year(series: pd.DataFrame) -> pd.DataFrame:
    """Changes between consecutive years where both have a value; gaps give no change."""
    values = by_year(series)
    rows = [
        {"from": y, "to": y + 1, "change_pct": pct_change(values[y], values[y + 1])}
        for y in sorted(values)
        if y + 1 in values
    ]
    return pd.DataFrame(rows, columns=["from", "to", "change_pct"])


def missing_years(series: pd.DataFrame, first: int, last: int) -> list[int]:
    present = set(series["year"])
    return [y for y in range(first, last + 1) if y not in present]


def naive_annualisation(value: float, months: int) -> float:
    """Scale a months-long total to twelve months. Ignores seasonality: an illustration, not data."""
    if not 1 <= months <= 12:
        raise ValueError("months must be 1..12")
    return value * 12 / months


def mirror_gaps(trade: pd.DataFrame) -> pd.DataFrame:
    """Years where both Korean- and Russian-reported full-year totals exist (usable rows)."""
    kor = annual(trade, "KOR", "total").set_index("year")
    rus = annual(trade, "RUS", "total").set_index("year")
    years = sorted(set(kor.index) & set(rus.index))
    rows = [
        {
            "year": y,
            "kor": kor.loc[y, "value"],
            "rus": rus.loc[y, "value"],
            "gap": rus.loc[y, "value"] - kor.loc[y, "value"],
            "kor_source": kor.loc[y, "source_id"],
            "rus_source": rus.loc[y, "source_id"],
        }
        for y in years
    ]
    return pd.DataFrame(rows, columns=["year", "kor", "rus", "gap", "kor_source", "rus_source"])


def point_kind(row: pd.Series) -> str:
    if row["caution"]:
        return "suspect (caution)"
    if row["lower_bound"]:
        return "lower bound ('over X')"
    return "stated value"


def chart_frame(trade: pd.DataFrame, first: int = 1990, last: int = 2025) -> pd.DataFrame:
    """Rows for the trade chart.

    `line` rows: Korean-reported full-year series on a complete year grid, value
    missing where no figure exists (so the line breaks). `point` rows: every
    full-year figure of every reporter, with its kind and source.
    """
    rows = []
    for flow, label in FLOW_LABELS.items():
        values = by_year(annual(trade, "KOR", flow))
        for year in range(first, last + 1):
            rows.append(
                {"layer": "line", "year": year, "flow": label, "reporter": REPORTER_LABELS["KOR"],
                 "value": values.get(year), "kind": "stated value", "source_id": None}
            )
    full = trade[trade["period"] == "full_year"]
    for _, r in full.iterrows():
        rows.append(
            {"layer": "point", "year": int(r["year"]), "flow": FLOW_LABELS[r["flow"]],
             "reporter": REPORTER_LABELS[r["reporter"]], "value": float(r["value_usd_bn"]),
             "kind": point_kind(r), "source_id": r["source_id"]}
        )
    return pd.DataFrame(rows)


# --- investment -----------------------------------------------------------

_YEAR = re.compile(r"(\d{4})")


def _year_of(text: str | None) -> int | None:
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None


def outbound_denominators(inv: pd.DataFrame, base_end: str = "2018-12", years=range(2019, 2023)) -> pd.DataFrame:
    """Korea's cumulative outbound FDI from 1968 to the end of each year, as a low-high range.

    The 1968-2018 cumulative total plus each later year's annual total; where
    statistical releases revised a year, the lowest and the highest release are
    both carried, so the range is as wide as the revisions.
    """
    base = inv[(inv["metric"] == "kor_outbound_fdi_total_cumulative") & (inv["period_end"] == base_end)]
    if len(base) != 1:
        raise ValueError(f"expected one cumulative outbound FDI figure to {base_end}, found {len(base)}")
    low = high = float(base["value_usd_bn"].iloc[0])
    sources = [base["source_id"].iloc[0]]
    annual_rows = inv[inv["metric"] == "kor_outbound_fdi_total_annual"]
    rows = []
    for year in years:
        this = annual_rows[annual_rows["period_end"] == str(year)]
        if this.empty:
            break  # a gap ends the chain: nothing is interpolated
        low += float(this["value_usd_bn"].min())
        high += float(this["value_usd_bn"].max())
        sources += list(this["source_id"])
        rows.append({"end_year": year, "low": low, "high": high, "sources": tuple(dict.fromkeys(sources))})
    return pd.DataFrame(rows, columns=["end_year", "low", "high", "sources"])


def fdi_numerators(inv: pd.DataFrame, stated: float, stated_year: int, since: int = 2019) -> pd.DataFrame:
    """Cumulative Korean FDI in Russia: the article's figure and every sourced one dated `since` or later."""
    rows = [{"label": "the article's figure (1990-2022)", "value": stated, "decimals": None, "year": stated_year,
             "lower_bound": False, "source_id": None}]
    cumulative = inv[inv["metric"].isin(["kor_fdi_to_rus_cumulative", "kor_fdi_to_rus_cumulative_or_stock"])]
    for _, r in cumulative.iterrows():
        year = _year_of(r["period_end"])
        if year is not None and year >= since:
            rows.append({"label": f"stated to {r['period_end']}", "value": float(r["value_usd_bn"]),
                         "decimals": int(r["value_usd_bn_decimals"]), "year": year,
                         "lower_bound": bool(r["lower_bound"]), "source_id": r["source_id"]})
    return pd.DataFrame(rows)


def fdi_share_table(inv: pd.DataFrame, stated: float, stated_year: int) -> pd.DataFrame:
    """Every numerator the sources allow against the denominator range ending in its year."""
    dens = outbound_denominators(inv).set_index("end_year")
    rows = []
    for _, n in fdi_numerators(inv, stated, stated_year).iterrows():
        if n["year"] not in dens.index:
            continue
        d = dens.loc[n["year"]]
        rows.append({
            "numerator": n["label"], "numerator_usd_bn": n["value"], "numerator_lower_bound": n["lower_bound"],
            "numerator_source": n["source_id"], "denominator_end": int(n["year"]),
            "denominator_low": d["low"], "denominator_high": d["high"],
            "share_low_pct": n["value"] / d["high"] * 100, "share_high_pct": n["value"] / d["low"] * 100,
            "denominator_sources": d["sources"],
        })
    return pd.DataFrame(rows)


# --- chart ----------------------------------------------------------------

def trade_chart(trade: pd.DataFrame, sources: pd.DataFrame, width: int | None = None):
    """Annual trade 1990-2025: Korean-reported lines (breaking at gaps), every full-year figure as a point."""
    import altair as alt

    from rk35.charts import PAGE, REPORTER_COLOURS, titled

    width = width or PAGE

    frame = chart_frame(trade)
    publisher = sources["publisher"].to_dict()
    frame["source"] = frame["source_id"].map(lambda s: publisher.get(s, "") if s else "")
    reporters = list(REPORTER_COLOURS)
    colour = alt.Color("reporter:N", title="Reported by",
                       scale=alt.Scale(domain=reporters, range=[REPORTER_COLOURS[r] for r in reporters]))
    flows = list(FLOW_LABELS.values())
    dash = alt.StrokeDash("flow:N", title="Flow (Korean-reported lines)", sort=flows,
                          scale=alt.Scale(domain=flows, range=[[1, 0], [6, 3], [2, 2]]))
    x = alt.X("year:Q", title="Year", scale=alt.Scale(domain=[1990, 2025]), axis=alt.Axis(format="d", tickMinStep=5))
    y = alt.Y("value:Q", title="Goods trade, US$ billion")
    kinds = ["stated value", "lower bound ('over X')", "suspect (caution)"]
    base = alt.Chart(frame)
    lines = base.transform_filter("datum.layer === 'line'").mark_line(strokeWidth=2, invalid="break-paths-show-domains").encode(
        x=x, y=y, color=colour, strokeDash=dash, detail="flow:N")
    points = base.transform_filter("datum.layer === 'point'").mark_point(size=60, filled=True, opacity=0.9).encode(
        x=x, y=y, color=colour,
        shape=alt.Shape("kind:N", title="Figure", sort=kinds,
                        scale=alt.Scale(domain=kinds, range=["circle", "triangle-up", "cross"])),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("flow:N", title="Flow"),
                 alt.Tooltip("value:Q", title="US$ billion"), alt.Tooltip("reporter:N", title="Reported by"),
                 alt.Tooltip("kind:N", title="Figure"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("source_id:N", title="Source id")])
    gaps = mirror_gaps(trade)
    rules = alt.Chart(gaps).mark_rule(color="#444444", strokeWidth=1).encode(
        x=x, y="kor:Q", y2="rus:Q",
        tooltip=[alt.Tooltip("year:Q", format="d", title="Mirror gap, year"),
                 alt.Tooltip("kor:Q", title="Korean-reported"), alt.Tooltip("rus:Q", title="Russian-reported"),
                 alt.Tooltip("gap:Q", format=".2f", title="Gap, US$ billion")])
    chart = alt.layer(rules, lines, points).properties(width=width - 70, height=320 if width >= 500 else 260)
    peak_row = peak(annual(trade))
    return titled(
        chart,
        f"Korean-reported trade peaked in {peak_row['year']} and fell in 2022; later years are gaps",
        ["Korea–Russia goods trade by year, US$ billion. Lines: Korean-reported full-year figures,",
         "broken where no figure exists. Points: every full-year figure. Grey rules: the gap",
         "between the two sides' totals where both report a year."],
        "KITA, KOTRA, the Ministry of Strategy and Finance, the ROK embassy, Russian officials and customs; one row per source (the book's table trade_annual.csv)",
        width,
    )


def _year(series: pd.DataFrame, year: int, what: str = "Korean-reported total trade") -> Input:
    row = series.set_index("year").loc[year]
    return Input(f"{what}, {year}", usd_bn(row["value"], int(row["decimals"])), (row["source_id"],))


def _row_input(what: str, row: pd.Series) -> Input:
    return Input(what, stated_value(row), (row["source_id"],))


def _claim_input(claims: pd.DataFrame, claim_id: str, what: str) -> Input:
    claim = claims.loc[claim_id]
    return Input(what, usd_bn(claim["stated_value"], int(claim["stated_value_decimals"])), claim=claim_id)


def numbers(t) -> list:
    """The trade chapter's numbers (rk35.numbers), from the tables bundle."""
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
    return n.numbers
