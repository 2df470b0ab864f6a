"""Outlook: the chapter that follows the article's conclusion (the new administration, APEC, what moved in 2025)."""

from __future__ import annotations

from rk35.chapter import Chapter, Check, Dated, assess, citing, labels, record_scorecard
from rk35.data import Tables, event
from rk35.data.render import cited
from rk35.fmt import date, mt, ordinal, pct, table, usd_bn
from rk35.records import Input, Recorder
from rk35.topics.events import article_window, to_date

NAME, TITLE, SECTION = "outlook", "Outlook", "chapter-outlook"


#: This chapter computes no claim: all of its claims are judged (data/judgements.csv).
CHECKS: dict[str, Check] = {}


def numbers(t: Tables) -> Recorder:
    """The outlook chapter's numbers: dates of the new administration and what moved in 2025."""
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
    return n


#: The ferry's metrics (transport.csv) in words.
FERRY_LABELS = {
    "ferry_resumed_inaugural": "Service resumed: the inaugural voyage", "first_passenger_voyage_planned":
    "First passenger voyage (planned)", "ferry_suspended": "Service suspended", "ferry_container_capacity":
    "Container capacity", "ferry_passenger_capacity": "Passenger capacity", "ferry_planned_resumption":
    "Planned resumption", "ferry_first_two_voyages_passengers": "Passengers on the first two voyages",
    "ferry_first_two_voyages_vehicles": "Vehicles on the first two voyages", "ferry_passengers_month":
    "Passengers in the month", "ferry_vehicles_month": "Vehicles in the month",
}


def ferry_label(metric: str) -> str:
    """A ferry metric in words (one without a label reads as its words, capitalised)."""
    short = metric.removeprefix("sokcho_vladivostok_")
    return FERRY_LABELS.get(short, short.replace("_", " ").capitalize())


def build(t: Tables) -> Chapter:
    """The outlook chapter, computed once (all its claims are judged: data/judgements.csv)."""
    n = numbers(t)
    assessed = assess(t, NAME, CHECKS, n.numbers)
    record_scorecard(n, f"scorecard_{NAME}", assessed, " in this chapter", "This chapter's")
    events, transport = t.events, t.transport
    recent = events[events["date"] >= "2024-12"]
    recent = recent.assign(start=recent["date"].map(to_date), day=recent["date"].map(date)).sort_values(["start", "event_id"])
    ferry = transport[transport["metric"].str.startswith("sokcho_vladivostok")]
    ferry = ferry.assign(start=ferry["period"].map(to_date), what=ferry["metric"].map(ferry_label)).sort_values(
        ["start", "row_id"])
    tables = {
        "tbl_recent_events": table(cited(recent, t.sources), {"day": "Date", "event": "Event", "source_id": "Source"}),
        "tbl_ferry": table(cited(ferry, t.sources), {"period": "Period", "what": "Sokcho–Vladivostok ferry", "value": "Value",
                                   "unit": "Unit", "source_id": "Source"}),
    }
    tables |= citing(t.sources, "lng:ekn_20260128")
    return Chapter(NAME, TITLE, SECTION, assessed, n.numbers, tables, {}, labels(t, NAME),
                   dated=[Dated("tbl_recent_events", tuple(recent["date"])), Dated("tbl_ferry", tuple(ferry["period"]))])
