"""Korea's export controls on Russia: the restricted-item list by date, and its chart."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from rk35.charts import MIN_FONT, PAGE, PALETTE, titled
from rk35.topics.events import to_date


def restricted_items(controls: pd.DataFrame) -> pd.DataFrame:
    """Korea's restricted-item totals for Russia and Belarus in force (or stated as standing), by date."""
    rows = controls[(controls["target"] == "RUS+BLR") & controls["items_total"].notna() & controls["date"].notna()
                    & controls["stage"].isin(["in_force", "reported_total"])]
    rows = rows.assign(start=rows["date"].map(to_date)).sort_values(["start", "items_total"])
    return rows.drop_duplicates("start", keep="last")[["start", "date", "items_total", "stage", "source_id"]].reset_index(drop=True)


def latest_total(controls: pd.DataFrame, on_or_before: dt.date) -> pd.Series:
    series = restricted_items(controls)
    known = series[series["start"] <= on_or_before]
    return known.iloc[-1]


def items_chart(controls: pd.DataFrame, stated: float, width: int | None = None):
    width = width or PAGE

    series = restricted_items(controls)
    stages = {"in_force": "in force", "reported_total": "reported as standing"}  # words for the reader
    frame = series.assign(start=series["start"].astype(str), stage=series["stage"].map(stages))
    last = series.iloc[-1]
    step = alt.Chart(frame).mark_line(interpolate="step-after", color=PALETTE[0], strokeWidth=2).encode(
        x=alt.X("start:T", title="Date", scale=alt.Scale(domain=["2022-01-01", "2025-12-31"])),
        y=alt.Y("items_total:Q", title="Restricted non-strategic items", scale=alt.Scale(domain=[0, 1600])))
    points = alt.Chart(frame).mark_point(filled=True, size=60, color=PALETTE[0]).encode(
        x="start:T", y="items_total:Q",
        shape=alt.Shape("stage:N", title="Total", scale=alt.Scale(domain=list(stages.values()), range=["circle", "diamond"])),
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("items_total:Q", title="Items"),
                 alt.Tooltip("stage:N", title="Stage"), alt.Tooltip("source_id:N", title="Source")])
    article = pd.DataFrame({"y": [stated], "label": [f"The article: 'around {stated:,.0f}'"]})
    rule = alt.Chart(article).mark_rule(strokeDash=[4, 3], color=PALETTE[1]).encode(y="y:Q")
    text = alt.Chart(article).mark_text(align="left", x=4, dy=-7, color=PALETTE[1], fontSize=MIN_FONT).encode(y="y:Q", text="label:N")
    return titled(
        alt.layer(rule, text, step, points).properties(width=width - 70, height=260),
        f"Korea's list grew from {int(series['items_total'].iloc[0])} to {int(last['items_total']):,} items; none reached {stated:,.0f}",
        ["Non-strategic items under Korea's situational-permit control for Russia and Belarus, in force or reported",
         "as standing (strategic items, banned since 28 February 2022, are not counted)."],
        "MOTIE notices reported by Yonhap, etnews and JoongAng; a KITA report of August 2025 (the book's table "
        "export_controls.csv)",
        width,
    )


#: The notice that rebased the list in February 2024 (export_controls.csv measure_id): 682 items added, yet a total
#: well short of the earlier total plus 682.
REBASED_NOTICE = 15
