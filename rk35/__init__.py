"""Shared logic of the book "Russia-Korea at 35": data loading and validation,
number formats, verdict rules, the trade analysis and the chart renderer.

Notebooks import from here and stay thin.
"""

from rk35.data import (
    DataError,
    load_basemap,
    load_claims,
    load_corridors,
    load_investment,
    load_lng_facts,
    load_lng_imports,
    load_places,
    load_project_events,
    load_project_figures,
    load_projects,
    load_sources,
    load_trade,
    source_list,
)
from rk35.fmt import Text, date, mt, pct, pct_change, table, usd_bn

__all__ = [
    "DataError",
    "Text",
    "date",
    "load_basemap",
    "load_claims",
    "load_corridors",
    "load_investment",
    "load_lng_facts",
    "load_lng_imports",
    "load_places",
    "load_project_events",
    "load_project_figures",
    "load_projects",
    "load_sources",
    "load_trade",
    "mt",
    "pct",
    "pct_change",
    "source_list",
    "table",
    "usd_bn",
]
