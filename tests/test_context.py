import datetime as dt

import pandas as pd
import pytest

from rk35 import appendices
from rk35.data import validate_package
from rk35.data.cite import anchor
from rk35.render import register_table
from rk35.text import md
from rk35.topics import controls as export_controls
from rk35.topics import events as dates


def test_partial_dates():
    assert dates.to_date("2024-09") == dt.date(2024, 9, 1)
    assert dates.to_date("2024-09", end=True) == dt.date(2024, 9, 30)
    assert dates.to_date("2024-12", end=True) == dt.date(2024, 12, 31)
    assert dates.to_date("2014", end=True) == dt.date(2014, 12, 31)
    assert dates.years_between(dt.date(2022, 3, 19), dt.date(2025, 3, 19)) == pytest.approx(3.0, abs=0.01)


def test_restricted_items_keeps_totals_in_force_not_announcements():
    controls = pd.DataFrame({
        "target": ["RUS+BLR"] * 4, "date": ["2022-03-26", "2023-12-26", "2024-02-24", None],
        "stage": ["in_force", "announced", "in_force", "reported_total"], "items_total": [57, 1159, 1159, 1402],
        "source_id": ["a", "b", "c", "d"]})
    series = export_controls.restricted_items(controls)
    assert list(series["items_total"]) == [57, 1159] and list(series["date"]) == ["2022-03-26", "2024-02-24"]
    assert export_controls.latest_total(controls, dt.date(2023, 12, 31))["items_total"] == 57


def test_the_article_window_and_the_real_figures(book):
    events, controls, transport = book.tables.events, book.tables.export_controls, book.tables.transport
    sworn, apec = dates.article_window(events)
    assert (sworn["date"], apec["date"]) == ("2025-06-04", "2025-10-31")
    assert export_controls.latest_total(controls, dates.to_date(apec["date"]))["items_total"] == 1431
    assert dates.flight_stop(transport)["period"] == "2022-03-19"


def test_poll_recomputed_from_counts():
    poll = pd.DataFrame({"votes": [1, 3], "stated_pct": [25, 75]})
    shares = dates.poll_shares(poll)
    assert list(shares["recomputed_pct"]) == [25.0, 75.0] and shares["agrees"].all()
    assert not dates.poll_shares(poll.assign(stated_pct=[30, 70]))["agrees"].any()


def test_register_has_a_row_and_a_link_per_claim(book):
    claims, assessed = book.tables.claims, book.assessments
    table = register_table(assessed, claims)
    assert table.count("{ref}`claim-") == len(claims)


def test_data_dictionary_covers_every_resource():
    text = appendices.data_dictionary()
    for resource in validate_package()["resources"]:
        assert f"### {md(resource['name'])}\n" in text and f"<../data/{resource['path']}>" in text


def test_the_bibliography_has_one_entry_per_source_under_its_anchor(book):
    sources = book.tables.sources
    bibliography = book.chapter(appendices.BIBLIOGRAPHY).tables
    text = bibliography["bibliography_cited"] + bibliography["bibliography_consulted"]
    for source_id in sources.index:
        assert text.count(f"({anchor(source_id)})=\n") == 1, source_id
    assert text.count(")=\n**") == len(sources)
