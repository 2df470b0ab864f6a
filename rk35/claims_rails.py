"""Computed checks of the claims on rails, ports and Far East projects (see rk35.checks).

Three are arithmetic or a lookup: the Nine Bridges areas (the list rule) and the two claims about a
project's state today (the status rule, against the status recorded in projects.csv and the date of the
evidence it rests on). The other claims of the chapter are judged: see data/judgements.csv.
"""

from __future__ import annotations

import pandas as pd

from rk35.checks import Finding, check
from rk35.data import by_id, event
from rk35.fmt import date
from rk35.verdicts import list_verdict, status_verdict

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


@check("nine-bridges-areas", rule="list")
def nine_bridges_areas(t, claim) -> Finding:
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


@check("tumen-bridge", rule="status")
def tumen_bridge(t, claim) -> Finding:
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


@check("mikhaylovsky-food", rule="status")
def mikhaylovsky_food(t, claim) -> Finding:
    agri = t.projects.loc["mikhaylovsky_agri"]
    why = ("The only source found on Korean activity in the Mikhaylovsky territory is an undated report of a proposed "
           f"inter-Korean agricultural project ({figure(t.project_figures, 'mikhaylovsky-agri-ha-land-provided')} ha). "
           "No source found shows food production launched there, or operating today.")
    return Finding(status_verdict(agri["status"], "operating"), "Korean food production in Mikhaylovsky, still operating",
                   status_text(agri), why, (agri["source_id"],))
