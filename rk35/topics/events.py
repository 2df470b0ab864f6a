"""Dates and counts of the relationship: the article's own window, the flight suspensions, visitors, the timeline of
events and the reader poll."""

from __future__ import annotations

import datetime as dt
import itertools

import altair as alt
import pandas as pd

from rk35.charts import PAGE, PALETTE, layout_only, titled
from rk35.data import event
from rk35.fmt import month_year
from rk35.labels import spread

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


#: The timeline's short name of each event (the tooltip and the chart's data keep the full text of events.csv).
TIMELINE_NAMES = {
    "1990-first-ever-meeting-soviet": "Gorbachev meets Roh, San Francisco",
    "relations-established": "Diplomatic relations established",
    "1990-roh-tae-woo-gorbachev": "Moscow Declaration (Roh, Gorbachev)",
    "1991-gorbachev-stops-jeju-cheju": "Gorbachev on Jeju",
    "1992-yeltsin-first-visit-seoul": "Yeltsin in Seoul; Basic Relations treaty",
    "1994-kim-young-sam-official": "Kim Young-sam visits Russia",
    "1999-kim-dae-jung-moscow": "Kim Dae-jung in Moscow",
    "2001-putin-state-visit-rok": "Putin's state visit to the ROK",
    "2003-gazprom-kogas-cooperation-agreement": "Gazprom–KOGAS cooperation agreement",
    "2005-putin-rok-apec-summit": "Putin at the APEC summit in Korea",
    "2006-dprk-claims-first-nuclear": "DPRK's first nuclear test",
    "2006-russia-rok-intergovernmental-agreement": "Gas cooperation agreement",
    "2008-lee-myung-bak-medvedev": "Strategic partnership (Lee, Medvedev)",
    "2008-gazprom-kogas-memorandum-russian": "Gazprom–KOGAS gas memorandum",
    "2009-dprk-second-nuclear-test": "DPRK's second nuclear test",
    "2011-kogas-gazprom-roadmap-pipeline": "KOGAS–Gazprom pipeline roadmap",
    "2012-lee-myung-bak-attends": "Lee at APEC in Vladivostok",
    "2013-dprk-third-nuclear-test": "DPRK's third nuclear test",
    "2013-park-geun-hye-g20": "Park at the G20, St Petersburg",
    "2013-putin-official-visit-seoul": "Putin in Seoul; visa waiver signed",
    "2014-russia-rok-visa-free": "Visa-free travel begins",
    "crimea-not-recognised": "Seoul does not recognise the annexation",
    "crimea-annexation": "Russia annexes Crimea",
    "rajin-khasan-first-shipment": "First Rajin–Khasan coal to Pohang",
    "2015-third-final-rajin-khasan": "Last Rajin–Khasan trial shipment",
    "2016-dprk-fourth-nuclear-test": "DPRK's fourth nuclear test",
    "unsc-resolution-2270": "UN resolution 2270",
    "seoul-unilateral-sanctions-2016": "Seoul's sanctions; Rajin–Khasan halted",
    "2016-dprk-fifth-nuclear-test": "DPRK's fifth nuclear test",
    "eaeu-fta-talks-begin": "Korea–EAEU trade talks begin",
    "2017-moon-jae-putin-meet": "Moon meets Putin, G20 Hamburg",
    "double-freeze-statement": "Russia–China 'double freeze'",
    "2017-dprk-sixth-nuclear-test": "DPRK's sixth nuclear test",
    "moon-eef-keynote-2017": "Moon's 'Nine Bridges', Vladivostok",
    "2017-dprk-launches-hwasong-15": "DPRK launches Hwasong-15 ICBM",
    "unsc-resolution-2397": "UN resolution 2397",
    "2018-moon-kim-inter-korean": "Moon–Kim summit, Panmunjom",
    "2018-trump-kim-summit-singapore": "Trump–Kim summit, Singapore",
    "2018-moon-jae-state-visit": "Moon's state visit to Russia",
    "trump-hanoi-remarks": "Trump on the DPRK's economic potential",
    "hanoi-summit": "Hanoi summit ends without a deal",
    "2019-first-putin-kim-summit": "First Putin–Kim summit, Vladivostok",
    "2020-putin-moon-exchange-messages": "30th-anniversary messages",
    "eaeu-fta-hong-2020": "Hong Nam-ki: an EAEU services FTA needed",
    "2021-opening-russia-rok-year": "Year of Mutual Exchanges opens",
    "invasion-of-ukraine": "Russia invades Ukraine",
    "2022-rok-bans-exports-strategic": "Seoul bans strategic exports",
    "2022-rok-suspends-transactions-seven": "Seoul suspends seven Russian banks",
    "2022-russian-government-order-lists": "Russia lists Korea as 'unfriendly'",
    "2023-putin-kim-summit-vostochny": "Putin–Kim summit, Vostochny",
    "zinoviev-takes-office": "Zinoviev, Russia's new ambassador",
    "dprk-abandons-unification": "Pyongyang drops unification",
    "panel-of-experts-veto": "Russia vetoes the UN Panel of Experts",
    "panel-of-experts-expires": "UN Panel of Experts ends",
    "2024-russia-dprk-treaty-comprehensive": "Russia–DPRK treaty signed",
    "2024-lavrov-cho-tae-yul": "Lavrov–Cho Tae-yul talks, Laos",
    "2024-rok-nis-says-dprk": "NIS: DPRK troops to Russia",
    "2024-russian-state-duma-ratifies": "Duma ratifies Russia–DPRK treaty",
    "2024-yoon-suk-yeol-declares": "Yoon declares martial law",
    "2024-russia-dprk-treaty-enters": "Russia–DPRK treaty in force",
    "2024-national-assembly-impeaches-yoon": "Yoon impeached",
    "2025-constitutional-court-unanimously-removes": "Court removes Yoon from office",
    "lee-sworn-in": "Lee Jae-myung sworn in",
    "trump-tariff-letter-korea": "Trump's 25% tariff letter",
    "lavrov-cho-hyun-talks": "Lavrov–Cho Hyun talks, New York",
    "anniversary-35": "35th anniversary of relations",
    "apec-delegation-ordered": "Putin names APEC delegation",
    "zinoviev-relations-on-pause": "Zinoviev: relations 'on pause'",
    "apec-gyeongju-summit": "APEC summit, Gyeongju; Putin absent",
    "2025-reception-exhibition-seoul-35th": "35th-anniversary reception, Seoul",
}


# --- timeline -------------------------------------------------------------------

#: The event the timeline's finding counts from.
TURNING_POINT = "invasion-of-ukraine"
#: The categories the finding counts as pressure.
PRESSURE = ("security", "sanctions")
#: The timeline's rows: px between two labels, and the label font size.
ROW = 14
TIMELINE_FONT = 11


def timeline_name(row: pd.Series) -> str:
    """An event's short name on the timeline; an event without one is named by its text up to the first clause."""
    return TIMELINE_NAMES.get(row["event_id"]) or row["event"].split(";")[0].split(" (")[0][:40]


def timeline_finding(events: pd.DataFrame) -> str:
    """What the timeline shows: the share of security and sanctions events from the turning point on, against
    before it, and the year of the last economic event."""
    turn = event(events, TURNING_POINT)
    after = events["date"].map(to_date) >= to_date(turn["date"])
    pressure = events["category"].isin(PRESSURE)
    economy = events[events["category"] == "economy"]
    last_economy = max(economy["date"].map(to_date)).year if not economy.empty else None
    text = (f"From Russia's invasion of Ukraine on, {int((after & pressure).sum())} of the timeline's "
            f"{int(after.sum())} events are about security or sanctions ({int((~after & pressure).sum())} of "
            f"{int((~after).sum())} before)")
    return text + (f"; the last economic event is from {last_economy}" if last_economy else "")


def timeline_frame(events: pd.DataFrame, panels: int = 2, height: int | None = None) -> pd.DataFrame:
    """The timeline's rows: every event, in date order, split into `panels` runs of about equal length; each with
    its true place on its panel's time axis (`at`, px from the top) and its label's place (`label_at`), the labels
    spread at least ROW px apart (rk35.labels.spread)."""
    frame = events.assign(day=events["date"].map(to_date)).sort_values(["day", "event_id"]).reset_index(drop=True)
    frame["precision"] = frame["date"].str.len().map({4: "year", 7: "month", 10: "day"})
    frame["label"] = [f"{month_year(d)}  {timeline_name(r)}" for d, (_, r) in zip(frame["date"], frame.iterrows())]
    size = -(-len(frame) // panels)
    frame["panel"] = frame.index // size
    height = height or size * ROW + 2 * ROW
    placed = []
    for _, run in frame.groupby("panel", sort=True):
        start, end = run["day"].min(), run["day"].max()
        at = [timeline_y(day, start, end, height) for day in run["day"]]
        placed.append(run.assign(at=at, label_at=spread(at, ROW, ROW / 2, height - ROW / 2)))
    return pd.concat(placed).assign(height=height)


def timeline_y(day: dt.date, start: dt.date, end: dt.date, height: int) -> float:
    """Where a day stands on a panel's time axis running from `start` to `end`, in px from the top."""
    return ROW + (day - start).days / max((end - start).days, 1) * (height - 2 * ROW)


def year_ticks(start: dt.date, end: dt.date, height: int, min_gap: int = 36) -> list[tuple[int, float]]:
    """Years to mark on a panel's time axis, every 1, 2, 5 or 10 years so that marks stand at least `min_gap` px
    apart, each with its place in px."""
    for step in (1, 2, 5, 10):
        years = [y for y in range(start.year, end.year + 2) if y % step == 0]
        places = [timeline_y(dt.date(y, 1, 1), start, end, height) for y in years]
        if all(b - a >= min_gap for a, b in itertools.pairwise(places)):
            return [(y, p) for y, p in zip(years, places) if ROW / 2 <= p <= height - ROW / 2]
    return []


def timeline_chart(events: pd.DataFrame, width: int | None = None):
    width = width or PAGE

    frame = timeline_frame(events)
    page = width >= PAGE
    panel_width = (width - 40) // 2 if page else width - 10
    axis_x, leader_end = 34, 52  # the time axis, and where the leader lines end and the labels begin
    colour = alt.Color("category:N", title="Event", sort=CATEGORIES,
                       scale=alt.Scale(domain=CATEGORIES, range=PALETTE[:5]))
    tooltip = [alt.Tooltip("date:N", title="Date"), alt.Tooltip("event:N", title="Event"),
               alt.Tooltip("precision:N", title="Dated to the"), alt.Tooltip("source_id:N", title="Source")]
    panels = []
    for number, run in frame.groupby("panel", sort=True):
        height = int(run["height"].iloc[0])
        start, end = run["day"].min(), run["day"].max()
        ticks = layout_only(pd.DataFrame(year_ticks(start, end, height), columns=["year", "at"]), "year ticks")
        ticks["text"] = ticks["year"].astype(str)
        ticks["x"] = axis_x - 6
        rows = run[["date", "event", "category", "precision", "source_id", "label", "at", "label_at"]].assign(
            axis=axis_x, leader_end=leader_end, text_x=leader_end + 3)
        x = alt.X("axis:Q", scale=alt.Scale(domain=[0, panel_width], nice=False, zero=False), axis=None)
        y = alt.Y("at:Q", scale=alt.Scale(domain=[height, 0], nice=False, zero=False), axis=None)
        spine = alt.Chart(layout_only(pd.DataFrame({"axis": [axis_x], "at": [0], "end": [height]}), "time axis")).mark_rule(
            color="#999999").encode(x=x, y=y, y2="end:Q")
        marks = alt.Chart(ticks).mark_tick(color="#999999", orient="horizontal", size=8).encode(
            x=alt.X("x:Q", scale=alt.Scale(domain=[0, panel_width], nice=False, zero=False), axis=None), y=y)
        years = alt.Chart(ticks).mark_text(align="right", baseline="middle", color="#444444", dx=-2).encode(
            x=alt.X("x:Q", scale=alt.Scale(domain=[0, panel_width], nice=False, zero=False), axis=None), y=y,
            text="text:N")
        leaders = alt.Chart(rows).mark_rule(strokeWidth=1, opacity=0.8).encode(
            x=x, y=y, x2="leader_end:Q", y2="label_at:Q", color=colour)
        dots = alt.Chart(rows).mark_circle(size=36, opacity=1).encode(x=x, y=y, color=colour, tooltip=tooltip)
        labels = alt.Chart(rows).mark_text(align="left", baseline="middle", color="#222222",
                                           fontSize=TIMELINE_FONT).encode(
            x=alt.X("text_x:Q", scale=alt.Scale(domain=[0, panel_width], nice=False, zero=False), axis=None),
            y=alt.Y("label_at:Q", scale=alt.Scale(domain=[height, 0], nice=False, zero=False), axis=None),
            text="label:N", tooltip=tooltip)
        panels.append(alt.layer(spine, marks, years, leaders, dots, labels).properties(
            width=panel_width, height=height,
            title=alt.Title(f"{month_year(start.isoformat()[:7])} to {month_year(end.isoformat()[:7])}",
                            anchor="start", fontSize=13)))
    body = alt.hconcat(*panels, spacing=20) if page else alt.vconcat(*panels, spacing=16)
    return titled(body, timeline_finding(events),
                  [f"Every dated event of the book's timeline ({len(frame)}), in date order, coloured by kind; each",
                   "label's line leads to its date. An event dated only to a month or a year stands at its first day."],
                  "Yonhap, the Kremlin, TASS, UN press releases and others (the book's table events.csv)", width)


# --- the reader poll --------------------------------------------------------------

def poll_shares(poll: pd.DataFrame) -> pd.DataFrame:
    total = int(poll["votes"].sum())
    return poll.assign(total=total, recomputed_pct=poll["votes"] / total * 100,
                       agrees=(poll["votes"] / total * 100).round().astype(int) == poll["stated_pct"])
