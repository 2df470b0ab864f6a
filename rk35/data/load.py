"""Load the data package as typed tables, after validation (rk35.data.validate).

Each field is converted as its schema declares, by the one type system (rk35.data.cells: frictionless's own cast of
a cell validation accepted): integers and numbers (a number keeps its stated precision in `<field>_decimals`),
booleans, and lists (a field with `"rk35:separator"` in its schema becomes a tuple, split here once). The index of a table is the file's line number unless it has an id column, so a row can always be traced
back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from rk35.data.cells import convert, decimals
from rk35.data.rules import read_raw
from rk35.data.validate import DATA_DIR, record_read, validate_package


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One resource of the package as a typed DataFrame (after validation).

    Number fields keep their stated precision in `<field>_decimals`.
    The index is the file's line number, so a row can always be traced back.
    """
    descriptor = validate_package(data_dir)
    resource = next((r for r in descriptor["resources"] if r["name"] == name), None)
    if resource is None or "schema" not in resource:
        raise KeyError(f"no resource named {name!r} in data/datapackage.json")
    record_read(name, resource["path"])
    raw = read_raw(data_dir / resource["path"])
    frame = pd.DataFrame(index=raw.index)
    for field in resource["schema"]["fields"]:
        column = field["name"]
        frame[column] = convert(field, raw[column])
        if field["type"] == "number":
            frame[f"{column}_decimals"] = raw[column].map(decimals).astype("Int64")
    frame.index.name = "line"
    return frame


#: The public loaders: name -> (table, index column or None, what it holds). Each becomes a function load_<name>().
LOADERS = {
    "trade": ("trade_annual", None, "Korea-Russia goods trade, one row per figure per source."),
    "investment": ("investment", None, "Korean investment in Russia and Korea's outbound FDI."),
    "lng_imports": ("lng_imports", None, "Korea's LNG imports by year, period, supplier and compiler."),
    "lng_facts": ("lng_facts", "fact_id", "Contract, KOGAS and pipeline facts, indexed by fact_id."),
    "projects": ("projects", "project_id", "The projects and initiatives, with their dated status, by project_id."),
    "project_figures": ("project_figures", None, "Key figures of the projects, as their sources state them."),
    "project_events": ("project_events", None, "Dated events of the projects."),
    "places": ("places", "place_id", "Map points, indexed by place_id."),
    "corridors": ("corridors", "corridor_id", "Links drawn on the map, indexed by corridor_id."),
    "nine_bridges_areas": ("nine_bridges_areas", None, "The Nine Bridges areas as each source lists them."),
    "export_controls": ("export_controls", None, "Korea's export-control list for Russia, by date."),
    "transport": ("transport", None, "Flights, ferries and visitors."),
    "events": ("events", None, "Dated events 1990-2025 (relations, peninsula, sanctions)."),
    "unsc_resolutions": ("unsc_resolutions", None, "UN Security Council resolutions on the DPRK."),
    "article_record": ("article_record", "field", "What is known of the article itself, by field."),
    "reader_poll": ("reader_poll", None, "The site-wide reader poll printed under the article."),
    "sources": ("sources", "source_id", "Every source, indexed by source_id."),
    "claims": ("claims", "claim_id", "The article's checkable claims, indexed by claim_id."),
    "judgements": ("judgements", None, "The judged verdicts, by line (rk35.judgements reads them)."),
    "second_readings": ("second_readings", "claim_id", "The second reading of each judged verdict, by claim_id."),
    "corrections": ("corrections", None, "Dated corrections of verdicts and their wording."),
}


def load(name: str) -> pd.DataFrame:
    """One of the LOADERS' tables, validated, typed and indexed."""
    table, index, _ = LOADERS[name]
    frame = load_table(table)
    return frame.set_index(index) if index else frame


class Tables:
    """The loaded tables by LOADERS name (tables.trade, tables.claims …), each loaded once on first use.
    Keyword arguments stand in for a table (a test passes a changed copy)."""

    def __init__(self, **given: pd.DataFrame):
        unknown = set(given) - set(LOADERS)
        if unknown:
            raise KeyError(f"no table named {sorted(unknown)}")
        self._frames = dict(given)

    @property
    def basemap(self) -> dict:
        """The country outlines (TopoJSON), loaded once."""
        if "basemap" not in self._frames:
            self._frames["basemap"] = load_basemap()
        return self._frames["basemap"]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in LOADERS:
            raise AttributeError(name)
        if name not in self._frames:
            self._frames[name] = load(name)
        return self._frames[name]


def load_basemap(data_dir: Path = DATA_DIR) -> dict:
    """The vendored Natural Earth country outlines (TopoJSON), after validation."""
    descriptor = validate_package(data_dir)
    resource = next(r for r in descriptor["resources"] if r["name"] == "world_countries_50m")
    record_read(resource["name"], resource["path"])
    return json.loads((data_dir / resource["path"]).read_text(encoding="utf-8"))


def by_id(frame: pd.DataFrame, id_field: str, key: str) -> pd.Series:
    """The row whose id is `key`; an unknown id is an error that names the table's id field."""
    rows = frame[frame[id_field] == key]
    if len(rows) != 1:
        raise LookupError(f"no row with {id_field} {key!r}")
    return rows.iloc[0]


def event(events: pd.DataFrame, event_id: str) -> pd.Series:
    """An event (of events.csv or project_events.csv) by its id."""
    return by_id(events, "event_id", event_id)


def row_sources(row: pd.Series) -> tuple[str, ...]:
    """A row's source_id followed by its other_source_ids, if the table has them."""
    return (row["source_id"], *row.get("other_source_ids", ()))


