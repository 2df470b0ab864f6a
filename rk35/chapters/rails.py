"""Rails, ports, ships and wires: the chapter on the Far East projects (Nine Bridges, the Tumen bridge, the
projects' status and the map)."""

from __future__ import annotations

import pandas as pd

from rk35.chapter import Chapter, Check, Split, assess, citing, labels, record_scorecard
from rk35.data import Tables, by_id, event
from rk35.data.render import cited, labelled
from rk35.fmt import date, table
from rk35.records import Finding, Input, Number, Recorder
from rk35.topics.projects import STATUSES, map_chart, status_chart, status_counts
from rk35.verdicts import list_verdict, status_verdict

NAME, TITLE, SECTION = "rails", "Rails, ports, ships and wires", "chapter-rails"

#: How the projects sentence says each status (the count comes first).
STATUS_PHRASES = {"operating": ("is operating", "are operating"), "completed": ("was completed", "were completed"),
                  "under construction": ("is under construction", "are under construction"),
                  "halted": ("is halted", "are halted"), "announced only": ("was only announced", "were only announced")}


def status_key(status: str) -> str:
    """The number key of a status count: 'projects_' and the status ('projects_under_construction')."""
    return "projects_" + status.replace(" ", "_")


def status_sentence(total: Number, parts: dict[str, Number]) -> str:
    """'Of the 18 cooperation projects the article names, 2 are operating, …, and for 4 the sources found cannot
    settle the status': every status with a project, so that the parts add up to the whole."""
    said = [f"{parts[s].text} {STATUS_PHRASES[s][int(parts[s].text) != 1]}" for s in STATUS_PHRASES
            if int(parts[s].text)]
    unknown = int(parts["unknown"].text)
    if unknown:
        said.append(f"for {unknown} the sources found cannot settle the status")
    listed = ", ".join(said[:-1]) + (", and " if len(said) > 2 else " and ") + said[-1] if len(said) > 1 else said[0]
    return f"Of the {total.text} cooperation projects the article names, {listed}"


def numbers(t: Tables) -> Recorder:
    """The rails chapter's numbers: projects by status (dated), map points, the Nine Bridges dates."""
    n = Recorder("rails", "chapter-rails")
    projects, places = t.projects, t.places
    listed = projects[projects["kind"] == "project"]
    counts = status_counts(projects).set_index("status")["projects"]

    def having(status: str | None) -> Input:
        rows = listed if status is None else listed[listed["status"] == status]
        return Input(f"projects {'' if status is None else status + ' '}(status as of)",
                     "; ".join(f"{r['name']} ({date(r['status_as_of']) if isinstance(r['status_as_of'], str) else 'undated'})"
                               for _, r in rows.iterrows()) or "none", tuple(dict.fromkeys(rows["source_id"])))

    total = n.add("projects_total", str(int(counts.sum())), "The projects the article names (initiatives excluded), "
                  "counted.", having(None))
    parts = {status: n.add(status_key(status), str(int(counts[status])), "The projects whose status when last reported "
                           f"is '{status}', counted.", having(status)) for status in STATUSES}
    n.add("projects_by_status", status_sentence(total, parts), "The projects counted by status, every status named: "
          "the parts add up to the whole.", *(having(status) for status in STATUSES))
    approximate = places[places["approximate"]]
    n.add("places_approximate", str(len(approximate)), "The map points placed by hand (no gazetteer entry), counted.",
          Input("points placed by hand", ", ".join(approximate["name"]),
                tuple(dict.fromkeys(approximate["source_id"]))))
    n.add("places_total", str(len(places)), "The map points, counted.",
          Input("places.csv rows", f"{len(places)} places", tuple(dict.fromkeys(places["source_id"]))))
    for key, event_id, what in (("nine_bridges_council_date", "nine-bridges-first-council", "the first 9-Bridge council"),
                                ("nine_bridges_plan_date", "nine-bridges-action-plan", "the action plan signed"),
                                ("nine_bridges_plan2_date", "nine-bridges-action-plan-2", "Action Plan 2.0 signed")):
        n.add_event_date(key, what, event(t.project_events, event_id))
    return n


#: The article's eight areas, as the Korean list names them (the book's reading of each phrase).
ARTICLE_AREAS = {
    "shipbuilding": "shipbuilding",
    "port development": "ports",
    "the Northern Sea Route": "Arctic shipping route",
    "oil and gas": "gas",
    "railway modernization": "railways",
    "the electric power industry": "electricity",
    "agriculture": "agriculture",
    "fisheries": "fisheries",
}
#: The source of Moon's own list of the nine areas.
KOREAN_LIST_SOURCE = "projects:S03"


def figure(figures: pd.DataFrame, figure_id: str) -> str:
    """A project's key figure by its id, as the source states it, e.g. '2,360' or '93.5'."""
    row = by_id(figures, "figure_id", figure_id)
    return f"{float(row['key_figure']):,.{int(row['key_figure_decimals'])}f}"


def status_text(project: pd.Series) -> str:
    """A project's status with the date of its evidence: 'halted (as of June 2023)'."""
    when = project["status_as_of"]
    return f"{project['status']} ({'as of ' + date(when) if isinstance(when, str) else 'undated source'})"


def nine_bridges_areas(ctx, claim) -> Finding:
    t = ctx.tables
    areas = t.nine_bridges_areas
    listed = list(areas[areas["source_id"] == KOREAN_LIST_SOURCE].sort_values("position")["area"])
    missing = [a for a in listed if a not in set(ARTICLE_AREAS.values())]
    variants = areas[(areas["source_id"] != KOREAN_LIST_SOURCE) & ~areas["area"].isin(listed)]
    stated = int(claim["stated_value"])
    why = (f"Moon's list has {len(listed)} areas: {', '.join(listed)}. The article's {len(ARTICLE_AREAS)} match "
           f"{len(listed) - len(missing)} of them (its 'oil and gas' is 'gas' in the Korean list) and leave out "
           f"{', '.join(missing)}. Other sources name the ninth differently: {'; '.join(variants['area'])}. The "
           "article's wording follows the Russian rendering word for word.")
    reading = "The book matches the article's phrases to the Korean list's areas: " + "; ".join(
        f"'{phrase}' = '{area}'" for phrase, area in ARTICLE_AREAS.items() if phrase != area) + "."
    return Finding(list_verdict(len(listed) - len(missing), len(listed), stated), f"{stated} areas named for nine bridges",
                   f"{len(listed)} areas in the Korean list; missing from the article: {', '.join(missing) or 'none'}",
                   why, (KOREAN_LIST_SOURCE,) + tuple(variants["source_id"]), reading)


def tumen_bridge(ctx, claim) -> Finding:
    t = ctx.tables
    bridge = t.projects.loc["tumen_road_bridge"]
    start = event(t.project_events, "tumen-bridge-groundbreaking")
    deal = event(t.project_events, "tumen-bridge-agreement")
    why = (f"Construction of the road bridge began on {date(start['date'])} under an agreement of "
           f"{date(deal['date'])}; sources give its length as {figure(t.project_figures, 'tumen-road-bridge-km-bridge-length')} "
           f"km ({figure(t.project_figures, 'tumen-road-bridge-m-bridge-length')} m in another report) and its "
           "completion as 2026.")
    return Finding(status_verdict(bridge["status"], "under construction"),
                   "a Russia–DPRK road bridge over the Tumen under construction", status_text(bridge), why,
                   (start["source_id"], deal["source_id"]))


def mikhaylovsky_food(ctx, claim) -> Finding:
    t = ctx.tables
    agri = t.projects.loc["mikhaylovsky_agri"]
    why = ("The only source found on Korean activity in the Mikhaylovsky territory is an undated report of a proposed "
           f"inter-Korean agricultural project ({figure(t.project_figures, 'mikhaylovsky-agri-ha-land-provided')} ha). "
           "No source found shows food production launched there, or operating today.")
    return Finding(status_verdict(agri["status"], "operating"), "Korean food production in Mikhaylovsky, still operating",
                   status_text(agri), why, (agri["source_id"],))


#: The claims this chapter computes, with the rule each applies; its other claims are judged (data/judgements.csv).
CHECKS: dict[str, Check] = {
    "nine-bridges-areas": ("list", nine_bridges_areas),
    "tumen-bridge": ("status", tumen_bridge),
    "mikhaylovsky-food": ("status", mikhaylovsky_food),
}


def tables(t: Tables) -> dict:
    areas, projects = t.nine_bridges_areas, t.projects
    korean = areas[areas["source_id"] == KOREAN_LIST_SOURCE].sort_values("position")
    in_article = {area: phrase for phrase, area in ARTICLE_AREAS.items()}
    comparison = korean.assign(article=korean["area"].map(in_article).fillna("(not named)"))
    listed = projects[projects["kind"] == "project"]
    return {
        "tbl_nine_bridges": table(comparison, {
            "position": "#", "area": "Moon's list (Yonhap, 7 September 2017)", "article": "The article"},
            caption="The nine areas as Moon listed them, and the article's wording for each", label="tbl-nine-bridges",
            plain=("position",)),
        "tbl_projects": table(cited(listed, t.sources).assign(as_of=listed["status_as_of"].map(
            lambda d: date(d) if isinstance(d, str) else "undated")), {
            "name": "Project", "status": "Status", "as_of": "As of", "status_basis": "Why (the sources' status)",
            "source_id": "Source"}),
    }


def build(t: Tables) -> Chapter:
    """The rails chapter, computed once."""
    n = numbers(t)
    assessed = assess(t, NAME, CHECKS, n.numbers)
    record_scorecard(n, f"scorecard_{NAME}", assessed, " in this chapter", "This chapter's")
    counts = {status: int(n.numbers[[x.key for x in n.numbers].index(status_key(status))].text) for status in STATUSES}
    top = max(STATUSES, key=lambda status: counts[status])  # the first in scale order on a tie
    total = next(x for x in n.numbers if x.key == "projects_total")
    title = f"Of {total.text} projects the article names, {counts[top]} are {top}"
    figures = {"fig_projects_map": (map_chart, (t.projects, t.places, labelled(t.corridors, t.sources), t.basemap)),
               "fig_projects_status": (status_chart, (t.projects, title))}
    return Chapter(NAME, TITLE, SECTION, assessed, n.numbers, tables(t) | citing(t.sources, "projects:S03"), figures,
                   labels(t, NAME),
                   splits=[Split("projects_total", tuple(status_key(s) for s in STATUSES))])
