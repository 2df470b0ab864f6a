"""Pressure or engagement?: the chapter on the peninsula, sanctions and the timeline of events."""

from __future__ import annotations

from rk35.chapter import Chapter, Check, Dated, assess, citing, labels, record_scorecard
from rk35.data import Tables, event
from rk35.data.render import labelled
from rk35.fmt import date, table
from rk35.records import Input, Recorder
from rk35.topics.events import timeline_chart

NAME, TITLE, SECTION = "pressure", "Pressure or engagement?", "chapter-pressure"


#: This chapter computes no claim: all of its claims are judged (data/judgements.csv).
CHECKS: dict[str, Check] = {}


def numbers(t: Tables) -> Recorder:
    """The pressure chapter's numbers: the timeline's size and the dates the prose names."""
    n = Recorder("pressure", "chapter-pressure")
    events = t.events
    n.add("events_count", str(len(events)), "The events in the timeline, counted.",
          Input("events.csv rows", f"{len(events)} events", tuple(dict.fromkeys(events["source_id"]))))
    for key, event_id, what in (("panel_lapse", "panel-of-experts-expires", "the Panel of Experts' mandate expires"),
                                ("panel_veto", "panel-of-experts-veto", "Russia vetoes the panel's renewal"),
                                ("seoul_suspends", "seoul-unilateral-sanctions-2016", "Seoul's unilateral sanctions")):
        n.add_event_date(key, what, event(events, event_id))
    return n


def build(t: Tables) -> Chapter:
    """The pressure chapter, computed once (all its claims are judged: data/judgements.csv)."""
    n = numbers(t)
    assessed = assess(t, NAME, CHECKS, n.numbers)
    record_scorecard(n, f"scorecard_{NAME}", assessed, " in this chapter", "This chapter's")
    unsc = t.unsc_resolutions.sort_values(["adopted", "resolution"])
    tables = {"tbl_unsc": table(unsc.assign(day=unsc["adopted"].map(date)), {
        "resolution": "Resolution", "day": "Adopted", "trigger": "Trigger", "main_measures": "Main measures"})}
    tables |= citing(t.sources, "web:UPI_20160302")
    return Chapter(NAME, TITLE, SECTION, assessed, n.numbers, tables, {"fig_timeline": (timeline_chart, (labelled(t.events, t.sources),))},
                   labels(t, NAME), dated=[Dated("tbl_unsc", tuple(unsc["adopted"]))])
