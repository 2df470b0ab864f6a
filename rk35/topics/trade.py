"""Trade and investment: the series and the derived numbers the chapter shows.

Nothing here fills a gap: a year without a full-year figure stays missing.
"""

from __future__ import annotations

import math
import re

import altair as alt
import pandas as pd

from rk35.charts import PAGE, REPORTER_COLOURS, titled
from rk35.data.render import labelled
from rk35.fmt import pct_change, usd_bn
from rk35.labels import Box, Label, line_boxes, place, point_box
from rk35.verdicts import Verdict, value_verdict

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

#: The flows in the chart's panels: the total first (the line that tells the story), then its two parts.
PANEL_FLOWS = ["total", "exports_kor_to_rus", "imports_kor_from_rus"]
POINT_KINDS = ["stated value", "lower bound ('over X')", "suspect (caution)"]
#: The article's mark and its labels.
ARTICLE_COLOUR = "#000000"


def article_points(claims: pd.DataFrame, claim_ids: list[str]) -> pd.DataFrame:
    """The article's stated values for the claims (year, value, decimals), with a label, from claims.csv."""
    rows = claims.loc[claim_ids]
    return pd.DataFrame({
        "claim_id": claim_ids, "year": rows["stated_year"].astype(int).to_numpy(),
        "value": rows["stated_value"].astype(float).to_numpy(),
        "decimals": rows["stated_value_decimals"].astype(int).to_numpy(),
        "label": [f"Article: {v:.{int(d)}f}" for v, d in zip(rows["stated_value"], rows["stated_value_decimals"])],
    })


def domain_top(values, step: float = 5.0, headroom: float = 0.08) -> float:
    """The top of a value axis from 0: the largest value plus `headroom` of it, rounded up to a multiple of `step`, so
    that no mark at the largest value is cut by the plot's edge."""
    return math.ceil(max(values) * (1 + headroom) / step) * step


def trade_finding(trade: pd.DataFrame, article: pd.DataFrame) -> str:
    """The chart's title: where the Korean-reported total peaked, and how the article's figures stand against it."""
    kor = annual(trade)
    top = peak(kor)
    values = by_year(kor)
    said = []
    for _, point in article.iterrows():
        year = int(point["year"])
        if year not in values:
            said.append(f"its {year} figure has no full-year total to match")
        elif value_verdict(point["value"], values[year], int(point["decimals"])) in (Verdict.HOLDS, Verdict.HOLDS_APPROXIMATELY):
            said.append(f"the article's {year} figure matches")
        else:
            said.append(f"the article's {year} figure does not match ({stated(kor, year)})")
    if len(said) > 1 and said[0].startswith("its"):
        said[0] = "the article's" + said[0][3:]
    return f"Korean-reported trade peaked in {int(top['year'])} at {stated(kor, int(top['year']))}; " + ", ".join(said)


def trade_chart(trade: pd.DataFrame, sources: pd.DataFrame, article: pd.DataFrame, width: int | None = None):
    """Annual trade 1990-2025 in three panels (total, exports, imports): the Korean-reported line, breaking at gaps,
    every full-year figure as a point, and the article's stated figures against the total."""
    width = width or PAGE

    frame = labelled(chart_frame(trade), sources).rename(columns={"source_id": "source"})
    first, last = 1990, 2025
    reporters = list(REPORTER_COLOURS)
    colour = alt.Color("reporter:N", title="Reported by",
                       scale=alt.Scale(domain=reporters, range=[REPORTER_COLOURS[r] for r in reporters]))
    shape = alt.Shape("kind:N", title="Figure", sort=POINT_KINDS,
                      scale=alt.Scale(domain=POINT_KINDS, range=["circle", "triangle-up", "cross"]))
    # half a year of room either side, so that the first and last years' points are drawn whole
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=[first - 0.6, last + 0.6], nice=False),
              axis=alt.Axis(format="d", values=list(range(first, last + 1, 5)), grid=False))
    tooltip = [alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("flow:N", title="Flow"),
               alt.Tooltip("value:Q", title="US$ billion"), alt.Tooltip("reporter:N", title="Reported by"),
               alt.Tooltip("kind:N", title="Figure"), alt.Tooltip("source:N", title="Source")]
    drawn = frame["value"].dropna()
    total_top = domain_top(pd.concat([drawn[frame["flow"] == FLOW_LABELS["total"]], article["value"]]))
    parts_top = domain_top(drawn[frame["flow"] != FLOW_LABELS["total"]])
    page = width >= PAGE
    total_size = (width - 80, 270 if page else 280)
    part_size = ((width - 80 - 80) // 2 if page else width - 80, 120 if page else 110)

    def panel(flow: str, top: float, size: tuple[int, int], extra=()):
        label = FLOW_LABELS[flow]
        rows = alt.Chart(frame).transform_filter(alt.datum.flow == label)
        y = alt.Y("value:Q", title="US$ billion", scale=alt.Scale(domain=[0, top], nice=False),
                  axis=alt.Axis(tickCount=max(2, int(top // 5)) if flow == "total" else 2))
        line = rows.transform_filter("datum.layer === 'line'").mark_line(
            strokeWidth=3 if flow == "total" else 2, color=REPORTER_COLOURS["Korean-reported"],
            invalid="break-paths-show-domains").encode(x=x, y=y)
        points = rows.transform_filter("datum.layer === 'point'").mark_point(size=55, filled=True, opacity=0.9).encode(
            x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
        return alt.layer(*extra, line, points).properties(
            width=size[0], height=size[1], title=alt.Title(label, anchor="start", fontSize=13, frame="group"))

    gaps = mirror_gaps(trade)
    rules = alt.Chart(gaps).mark_rule(color="#444444", strokeWidth=1).encode(
        x=x, y=alt.Y("kor:Q", scale=alt.Scale(domain=[0, total_top], nice=False)), y2="rus:Q",
        tooltip=[alt.Tooltip("year:Q", format="d", title="Mirror gap, year"),
                 alt.Tooltip("kor:Q", title="Korean-reported"), alt.Tooltip("rus:Q", title="Russian-reported"),
                 alt.Tooltip("gap:Q", format=".2f", title="Gap, US$ billion")])
    said = article_marks(frame, article, (first - 0.6, last + 0.6), total_top, total_size)
    total = panel("total", total_top, total_size, (rules, *said))
    exports, imports = (panel(flow, parts_top, part_size) for flow in PANEL_FLOWS[1:])
    body = alt.vconcat(total, alt.hconcat(exports, imports, spacing=40) if page else alt.vconcat(exports, imports),
                       spacing=16).resolve_scale(y="independent")
    return titled(
        body,
        trade_finding(trade, article),
        ["Korea–Russia goods trade by year, US$ billion: the total, Korean exports to Russia and Korean imports",
         "from Russia. Blue lines: Korean-reported full-year figures, broken where no figure exists. Points: every",
         "full-year figure, coloured by who reported it. Grey rules: the gap between the two sides' totals where",
         f"both report a year. Black diamonds: the article's figures for {' and '.join(map(str, article['year']))}."],
        "KITA, KOTRA, the Ministry of Strategy and Finance, the ROK embassy, Russian officials and customs; one row per "
        "source (the book's table trade_annual.csv); the article (claims.csv)",
        width,
    )


def article_marks(frame: pd.DataFrame, article: pd.DataFrame, years: tuple[float, float], top: float,
                  size: tuple[int, int]) -> list:
    """The article's figures as diamonds on the total panel, each labelled where its label touches no point
    (rk35.labels), with a leader line where the label is set away from it."""
    def px(year, value):
        return (year - years[0]) / (years[1] - years[0]) * size[0], size[1] - value / top * size[1]

    def data(x_px, y_px):
        return years[0] + x_px / size[0] * (years[1] - years[0]), (size[1] - y_px) / size[1] * top

    total = frame[(frame["flow"] == FLOW_LABELS["total"]) & frame["value"].notna()]
    avoid = [point_box(*px(r["year"], r["value"]), 6) for _, r in total.iterrows()]
    line = total[total["layer"] == "line"].sort_values("year")
    for (_, a), (_, b) in zip(line.iterrows(), line.iloc[1:].iterrows()):
        if b["year"] == a["year"] + 1:  # the line between two consecutive years
            avoid += line_boxes([px(a["year"], a["value"]), px(b["year"], b["value"])])
    avoid += [point_box(*px(r["year"], r["value"]), 7) for _, r in article.iterrows()]
    placed = place([Label(r["label"], *px(r["year"], r["value"]), radius=7, bold=True) for _, r in article.iterrows()],
                   Box(0, 0, *size), avoid)
    rows = []
    for (_, point), placement in zip(article.iterrows(), placed):
        tx, ty = data(placement.x, placement.y)
        rows.append({"year": int(point["year"]), "value": float(point["value"]), "label": point["label"],
                     "label_year": tx, "label_value": ty, "align": placement.align, "leader": placement.leader,
                     "claim_id": point["claim_id"]})
    marks = pd.DataFrame(rows)
    x = alt.X("year:Q", scale=alt.Scale(domain=list(years), nice=False))
    y = alt.Y("value:Q", scale=alt.Scale(domain=[0, top], nice=False))
    layers = [alt.Chart(marks).mark_point(shape="diamond", size=110, filled=False, strokeWidth=2, color=ARTICLE_COLOUR).encode(
        x=x, y=y, tooltip=[alt.Tooltip("label:N", title="The article")])]
    leaders = marks[marks["leader"]]
    if not leaders.empty:
        layers.append(alt.Chart(leaders).mark_rule(color=ARTICLE_COLOUR, strokeWidth=1).encode(
            x=x, y=y, x2="label_year:Q", y2="label_value:Q"))
    for align in ("left", "right", "center"):
        some = marks[marks["align"] == align]
        if not some.empty:
            layers.append(alt.Chart(some).mark_text(align=align, baseline="middle", fontWeight="bold",
                                                    color=ARTICLE_COLOUR).encode(
                x=alt.X("label_year:Q", scale=alt.Scale(domain=list(years), nice=False)),
                y=alt.Y("label_value:Q", scale=alt.Scale(domain=[0, top], nice=False)), text="label:N"))
    return layers
