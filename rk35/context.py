"""Where relations stand, the peninsula and the outlook: export controls, flights,
visitors, the timeline of events, the article's own dates and the reader poll."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rk35.fmt import date, mt, ordinal, pct, usd_bn
from rk35.numbers import Input, Recorder

#: Korean- and Russian-carrier suspensions of direct passenger flights in March 2022 (transport.csv metrics).
FLIGHT_STOPS = {
    "aeroflot_international_flights_suspended": "Aeroflot suspends its international flights",
    "korean_air_moscow_vladivostok_passenger_flights_suspended_to_end_april": "Korean Air halts Moscow and Vladivostok",
    "air_busan_incheon_vladivostok_flights_cancelled": "Air Busan cancels Incheon–Vladivostok",
}
CATEGORIES = ["diplomacy", "economy", "peninsula", "security", "sanctions"]


def to_date(text: str, end: bool = False) -> dt.date:
    """'2024-09' -> 1 September 2024 (or its last day with end=True); '2014' -> 1 January 2014 (or 31 December)."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        if not end:
            return dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def years_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 365.25


# --- export controls ----------------------------------------------------------

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


def article_window(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """When the article was written, as its own text bounds it: after Lee Jae-myung took office
    (it calls him the current president) and before the Gyeongju APEC summit opened (it calls it upcoming)."""
    from rk35.data import event

    return event(events, "lee-sworn-in"), event(events, "apec-gyeongju-summit")


def items_chart(controls: pd.DataFrame, stated: float, width: int | None = None):
    import altair as alt

    from rk35.charts import MIN_FONT, PAGE, PALETTE, titled

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


# --- flights and visitors -------------------------------------------------------

def flight_stop(transport: pd.DataFrame) -> pd.Series:
    """The last of the March 2022 suspensions: from then on no carrier flew passengers directly."""
    stops = transport[transport["metric"].isin(FLIGHT_STOPS)].copy()
    stops["day"] = stops["period"].map(to_date)
    return stops.sort_values("day").iloc[-1]


def visitors(transport: pd.DataFrame) -> pd.DataFrame:
    """Russian visitors to Korea and Korean visitors to Russia by full year, every source's figure."""
    metrics = {"russian_visitors_to_korea": "Russians visiting Korea", "korean_tourists_to_russia": "Koreans visiting Russia",
               "korean_trips_to_russia": "Koreans visiting Russia", "korean_visitors_to_russia": "Koreans visiting Russia"}
    rows = transport[transport["metric"].isin(metrics) & transport["period"].str.fullmatch(r"\d{4}")]
    return rows.assign(direction=rows["metric"].map(metrics), year=rows["period"].astype(int))[
        ["year", "direction", "value", "approximate", "lower_bound", "source_id"]].sort_values(["direction", "year"])


def visitors_chart(transport: pd.DataFrame, width: int | None = None):
    import altair as alt

    from rk35.charts import PAGE, PALETTE, titled

    width = width or PAGE

    frame = visitors(transport)
    frame = frame.assign(kind=frame.apply(lambda r: "lower bound" if r["lower_bound"] else "approximate" if r["approximate"] else "stated", axis=1))
    chart = alt.Chart(frame).mark_point(filled=True, size=60).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(domain=[2012, 2025])),
        y=alt.Y("value:Q", title="Visitors (persons or trips)"),
        color=alt.Color("direction:N", title="Direction", scale=alt.Scale(range=PALETTE[2:4])),
        shape=alt.Shape("kind:N", title="Figure", scale=alt.Scale(domain=["stated", "approximate", "lower bound"],
                                                                   range=["circle", "square", "triangle-up"])),
        tooltip=[alt.Tooltip("year:Q", format="d"), "direction:N", alt.Tooltip("value:Q", format=","), "kind:N", "source_id:N"],
    ).properties(width=width - 80, height=260)
    russians = frame[frame["direction"] == "Russians visiting Korea"]
    low = russians.sort_values(["value", "year"]).iloc[0]
    high = russians[russians["year"] < low["year"]].sort_values("value").iloc[-1]
    latest = russians.sort_values("year").iloc[-1]
    return titled(chart, f"Russians visiting Korea: {high['value']:,.0f} in {high['year']}, {low['value']:,.0f} in {low['year']}, "
                         f"{'about ' if latest['approximate'] else ''}{latest['value']:,.0f} in {latest['year']}",
                  ["Visitors between Korea and Russia by year, every source's figure (Korea Tourism Organization,",
                   "Rosstat, TurStat, press); years without a point have no figure in the sources found."],
                  "Korea Tourism Organization, Rosstat, TurStat and press reports (the book's table transport.csv)", width)


# --- timeline -------------------------------------------------------------------

def timeline_chart(events: pd.DataFrame, width: int | None = None):
    import altair as alt

    from rk35.charts import PAGE, PALETTE, titled

    width = width or PAGE

    frame = events.assign(start=events["date"].map(lambda d: to_date(d).isoformat()),
                          precision=events["date"].str.len().map({4: "year", 7: "month", 10: "day"}))
    first, last = frame["start"].min()[:4], frame["start"].max()[:4]
    chart = alt.Chart(frame).mark_tick(thickness=2, size=18).encode(
        x=alt.X("start:T", title="Date", axis=alt.Axis(format="%Y", tickCount=12 if width >= 500 else 6)),
        y=alt.Y("category:N", title=None, sort=CATEGORIES),
        color=alt.Color("category:N", sort=CATEGORIES, scale=alt.Scale(domain=CATEGORIES, range=PALETTE[:5]), legend=None),
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("event:N", title="Event"),
                 alt.Tooltip("precision:N", title="Dated to the"), alt.Tooltip("source_id:N", title="Source")],
    ).properties(width=width - 110, height=alt.Step(34))
    return titled(chart, f"Dated events, {first}–{last}: relations, the peninsula and sanctions",
                  ["Each tick is one dated event (hover for the event and its source); an event dated only to a month",
                   "or a year is drawn at its first day."],
                  "Yonhap, the Kremlin, TASS, UN press releases and others (the book's table events.csv)", width)


# --- the reader poll --------------------------------------------------------------

def poll_shares(poll: pd.DataFrame) -> pd.DataFrame:
    total = int(poll["votes"].sum())
    return poll.assign(total=total, recomputed_pct=poll["votes"] / total * 100,
                       agrees=(poll["votes"] / total * 100).round().astype(int) == poll["stated_pct"])


# --- the numbers of the opening, pressure and outlook chapters (rk35.numbers) ------------------------------------

#: The notice that rebased the list in February 2024 (export_controls.csv measure_id): 682 items added, yet a total
#: well short of the earlier total plus 682.
REBASED_NOTICE = 15


def _date_input(what: str, row: pd.Series, column: str = "date") -> Input:
    return Input(what, date(row[column]), (row["source_id"],))


def _items(row: pd.Series, what: str) -> Input:
    return Input(f"{what} ({date(row['date'])})", f"{int(row['items_total']):,}", (row["source_id"],))


def opening_numbers(t) -> list:
    """The opening chapter's numbers: the export-control list, the article's window, the years without flights."""
    n = Recorder("opening", "chapter-opening")
    sworn, apec = article_window(t.events)
    latest = latest_total(t.export_controls, to_date(apec["date"]))
    stop = flight_stop(t.transport)
    window = (_date_input("Lee Jae-myung sworn in", sworn), _date_input("the Gyeongju APEC summit opens", apec))
    n.add("items_latest", f"{int(latest['items_total']):,}", "The last restricted-item total in force or reported "
          "before the APEC summit opened.", _items(latest, "restricted items"), window[1],
          section="claim-export-controls-1500")
    n.add("items_latest_date", date(latest["date"]), "The date of that total.", _items(latest, "restricted items"),
          section="claim-export-controls-1500")
    n.add("window_start", date(sworn["date"]), "The day Lee Jae-myung took office (the article calls him the "
          "current president).", window[0], section="claim-flights-three-years")
    n.add("window_end", date(apec["date"]), "The day the APEC summit opened (the article calls it upcoming).",
          window[1], section="claim-flights-three-years")
    n.add("flights_stop_date", date(stop["period"]), "The last of the March 2022 suspensions of direct passenger "
          "flights.", *[_date_input(FLIGHT_STOPS[r["metric"]], r, "period")
                        for _, r in t.transport[t.transport["metric"].isin(FLIGHT_STOPS)].iterrows()],
          section="claim-flights-three-years")
    stop_day = to_date(stop["period"])
    for key, end, row in (("flights_years_low", "the article's earliest date", sworn),
                          ("flights_years_high", "the article's latest date", apec)):
        n.add(key, f"{years_between(stop_day, to_date(row['date'])):.1f}", f"Years from the last suspension to {end}: "
              "days / 365.25.", _date_input("the last suspension", stop, "period"), _date_input(end, row),
              section="claim-flights-three-years")
    rebased = t.export_controls.set_index("measure_id").loc[REBASED_NOTICE]
    series = restricted_items(t.export_controls)
    before = series[series["start"] < to_date(rebased["date"])].iloc[-1]
    added = Input(f"items added by the notice in force from {date(rebased['date'])}", f"{int(rebased['items_added']):,}",
                  (rebased["source_id"],))
    n.add("items_2023", f"{int(before['items_total']):,}", "The total in force before the February 2024 notice.",
          _items(before, "restricted items"), section="claim-export-controls-1500")
    n.add("items_added_2024", f"{int(rebased['items_added']):,}", "Items the February 2024 notice added, as stated.",
          added, section="claim-export-controls-1500")
    n.add("items_2024", f"{int(rebased['items_total']):,}", "The total after the February 2024 notice, as stated.",
          Input("restricted items after the notice", f"{int(rebased['items_total']):,}", (rebased["source_id"],)),
          section="claim-export-controls-1500")
    n.add("items_naive_sum", f"{int(before['items_total'] + rebased['items_added']):,}", "The earlier total plus the "
          "items added: what the total would be had nothing been merged.", _items(before, "restricted items"), added,
          section="claim-export-controls-1500")
    return n.numbers


def pressure_numbers(t) -> list:
    """The pressure chapter's numbers: the timeline's size and the dates the prose names."""
    from rk35.data import event

    n = Recorder("pressure", "chapter-pressure")
    events = t.events
    n.add("events_count", str(len(events)), "The events in the timeline, counted.",
          Input("events.csv rows", f"{len(events)} events", tuple(dict.fromkeys(events["source_id"]))))
    for key, event_id, what in (("panel_lapse", "panel-of-experts-expires", "the Panel of Experts' mandate expires"),
                                ("panel_veto", "panel-of-experts-veto", "Russia vetoes the panel's renewal"),
                                ("seoul_suspends", "seoul-unilateral-sanctions-2016", "Seoul's unilateral sanctions")):
        n.add_event_date(key, what, event(events, event_id))
    return n.numbers


def outlook_numbers(t) -> list:
    """The outlook chapter's numbers: dates of the new administration and what moved in 2025."""
    from rk35.data import event

    n = Recorder("outlook", "chapter-outlook")
    sworn, _ = article_window(t.events)
    for key, row, what in (("pause_date", event(t.events, "zinoviev-relations-on-pause"), "the ambassador's 'on pause'"),
                           ("lee_sworn_in", sworn, "Lee Jae-myung sworn in"),
                           ("fm_talks_2025", event(t.events, "lavrov-cho-hyun-talks"), "the foreign ministers' talks")):
        n.add_event_date(key, what, row)
    trade, imports = t.trade, t.lng_imports
    floor = trade[(trade["year"] == 2025) & trade["lower_bound"]].iloc[0]
    russia = imports[(imports["year"] == 2025) & (imports["supplier"] == "Russia") & (imports["period"] == "full_year")].iloc[0]
    said = Input("Russia's 2025 LNG row (KITA)", f"{russia['volume_mt']:g} Mt, {russia['volume_yoy_pct']:+g}%, "
                 f"rank {int(russia['stated_rank'])}", (russia["source_id"],))
    n.add("trade_2025_floor", usd_bn(floor["value_usd_bn"], 0), "The ambassador's lower bound for 2025 trade, as stated.",
          Input("2025 trade, 'over'", f"{floor['value_usd_bn']:g}", (floor["source_id"],)))
    n.add("lng_2025_russia_mt", mt(russia["volume_mt"]), "Russia's 2025 volume, as stated.", said)
    n.add("lng_2025_russia_rank", ordinal(russia["stated_rank"]), "Russia's 2025 rank, as stated.", said)
    n.add("lng_2025_russia_change", pct(russia["volume_yoy_pct"], signed=True), "Russia's stated change on 2024.", said)
    return n.numbers
