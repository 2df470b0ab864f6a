"""Dates and counts of the relationship: the article's own window, the flight suspensions, visitors, the timeline of
events and the reader poll."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from rk35.charts import PAGE, PALETTE, titled
from rk35.data import event

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


def article_window(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """When the article was written, as its own text bounds it: after Lee Jae-myung took office
    (it calls him the current president) and before the Gyeongju APEC summit opened (it calls it upcoming)."""
    return event(events, "lee-sworn-in"), event(events, "apec-gyeongju-summit")


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
                  ["Each tick is one dated event (the chart's data lists each event with its source); an event dated",
                   "only to a month or a year is drawn at its first day."],
                  "Yonhap, the Kremlin, TASS, UN press releases and others (the book's table events.csv)", width)


# --- the reader poll --------------------------------------------------------------

def poll_shares(poll: pd.DataFrame) -> pd.DataFrame:
    total = int(poll["votes"].sum())
    return poll.assign(total=total, recomputed_pct=poll["votes"] / total * 100,
                       agrees=(poll["votes"] / total * 100).round().astype(int) == poll["stated_pct"])
