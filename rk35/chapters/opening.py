"""Where relations stand: the chapter that follows the article's opening (export controls, flights, the
anniversary, visitors)."""

from __future__ import annotations

import pandas as pd

from rk35.chapter import Chapter, Check, Dated, assess, citing, labels, record_scorecard
from rk35.data import Tables, by_id, event, row_sources
from rk35.data.render import cited, labelled
from rk35.fmt import date, on_date, table
from rk35.records import Finding, Input, Recorder
from rk35.topics.controls import REBASED_NOTICE, items_chart, latest_total, restricted_items
from rk35.topics.events import FLIGHT_STOPS, article_window, flight_stop, to_date, visitors_chart, years_between
from rk35.verdicts import duration_verdict, value_verdict

NAME, TITLE, SECTION = "opening", "Where relations stand", "chapter-opening"


def _date_input(what: str, row: pd.Series, column: str = "date") -> Input:
    return Input(what, date(row[column]), (row["source_id"],))


def _items(row: pd.Series, what: str) -> Input:
    return Input(f"{what} ({date(row['date'])})", f"{int(row['items_total']):,}", (row["source_id"],))


def numbers(t: Tables) -> Recorder:
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
    return n


#: 'Around 1,500' is read as stated to the hundred: the value rule's precision is 10^2.
AROUND_PRECISION = -2
#: The transport row KBS's own count of the years without flights is in.
KBS_COUNT = "time_since_kor_direct_flights_suspended"


def export_controls(ctx, claim) -> Finding:
    t = ctx.tables
    _, apec = article_window(t.events)
    latest = latest_total(t.export_controls, to_date(apec["date"]))
    first = restricted_items(t.export_controls).iloc[0]
    stated, items = float(claim["stated_value"]), int(latest["items_total"])
    shown, when = ctx.numbers["items_latest"], ctx.numbers["items_latest_date"]
    why = (f"Korea's situational-permit list for Russia and Belarus grew from {int(first['items_total'])} items "
           f"{on_date(first['date'])} to {shown} as of {when}, the last total found before the article. "
           f"That is within 5% of 'around {stated:,.0f}', but not {stated:,.0f} to the hundred. Strategic items, banned "
           "outright since the end of February 2022, are not counted in either figure.")
    return Finding(value_verdict(stated, float(items), AROUND_PRECISION), f"around {stated:,.0f} product categories",
                   f"{shown} items (as of {when})", why, (latest["source_id"], first["source_id"]),
                   f"'Around {stated:,.0f}' is read as stated to the hundred.", (shown, when))


def flights(ctx, claim) -> Finding:
    t = ctx.tables
    sworn, apec = article_window(t.events)
    stop = flight_stop(t.transport)
    stop_day = to_date(stop["period"])
    shortest = years_between(stop_day, to_date(sworn["date"]))
    longest = years_between(stop_day, to_date(apec["date"]))
    low, high, stopped = (ctx.numbers[k] for k in ("flights_years_low", "flights_years_high", "flights_stop_date"))
    stated = int(claim["stated_value"])
    kbs = by_id(t.transport, "metric", KBS_COUNT)
    why = (f"The last direct passenger service stopped in March 2022: Aeroflot suspended its international flights, "
           f"Korean Air halted Moscow and Vladivostok, and Air Busan cancelled its flights from {stopped}. "
           f"The article was written after {date(sworn['date'])} (it calls Lee Jae-myung the current president) and "
           f"before {date(apec['date'])} (it calls the APEC summit upcoming): by then {low} to {high} years had "
           "passed. KBS put it at 'almost three and a half years' in {date(kbs['period'])}.")
    return Finding(duration_verdict(stated, shortest, longest), f"{stated} years without direct flights",
                   f"{low} to {high} years, depending on when the article was written", why,
                   (stop["source_id"], kbs["source_id"], sworn["source_id"], apec["source_id"]), numbers=(low, high, stopped))


def anniversary(ctx, claim) -> Finding:
    t = ctx.tables
    relations = event(t.events, "relations-established")
    year = int(claim["stated_year"])
    years = year - to_date(relations["date"]).year
    why = (f"The USSR and the Republic of Korea established diplomatic relations on {date(relations['date'])} (the "
           "agreement's printed date, 1 January 1991, was crossed out by hand); Russia counts its relations from then "
           f"as the USSR's successor, so {year} marks {years} years.")
    return Finding(value_verdict(float(claim["stated_value"]), float(years), 0),
                   f"the {int(claim['stated_value'])}th anniversary in {year}",
                   f"relations established on {date(relations['date'])}: {years} years in {year}", why,
                   row_sources(relations))


#: The claims this chapter computes, with the rule each applies; its other claims are judged (data/judgements.csv).
CHECKS: dict[str, Check] = {
    "export-controls-1500": ("value", export_controls),
    "flights-three-years": ("duration", flights),
    "anniversary-35": ("value", anniversary),
}


def suspensions(transport: pd.DataFrame) -> pd.DataFrame:
    """The March 2022 suspensions of direct passenger flights, in date order."""
    rows = transport[transport["metric"].isin(FLIGHT_STOPS)]
    return rows.assign(what=rows["metric"].map(FLIGHT_STOPS), day=rows["period"].map(date),
                       start=rows["period"].map(to_date)).sort_values(["start", "row_id"])


def build(t: Tables) -> Chapter:
    """The opening chapter, computed once."""
    n = numbers(t)
    assessed = assess(t, NAME, CHECKS, n.numbers)
    record_scorecard(n, f"scorecard_{NAME}", assessed, " in this chapter", "This chapter's")
    stops = suspensions(t.transport)
    return Chapter(NAME, TITLE, SECTION, assessed, n.numbers,
                   {"tbl_flight_suspensions": table(cited(stops, t.sources), {"day": "Date", "what": "Suspension", "note": "Note",
                                                            "source_id": "Source"})} | citing(t.sources, "trade:KITA_ASIAE_2025"),
                   {"fig_export_controls": (items_chart, (labelled(t.export_controls, t.sources), t.claims.loc["export-controls-1500", "stated_value"])),
                    "fig_visitors": (visitors_chart, (labelled(t.transport, t.sources),))},
                   labels(t, NAME), dated=[Dated("tbl_flight_suspensions", tuple(stops["period"]))])
