"""The book agrees with itself across pages: read from the one `Book` object, a whole is the sum of the parts its
sentence names, a count shown in several places is one record, dated tables are in date order, and a status is dated
by the latest evidence the data has for it."""

import re

import pytest

from rk35.book import CHAPTERS
from rk35.topics.events import to_date
from rk35.topics.projects import STATUS_EVIDENCE
from tests.conftest import ROOT

INTEGER = re.compile(r"(?<![\d.,])\d[\d,]*(?![\d.,]*\d)")


def integers(text: str) -> list[int]:
    return [int(match.replace(",", "")) for match in INTEGER.findall(text)]


def test_every_declared_split_adds_up_to_its_whole(book):
    splits = [(chapter, split) for chapter in book.chapters for split in chapter.splits]
    assert {split.whole for _, split in splits} >= {"projects_total", "kor_total_years_span"}
    for chapter, split in splits:
        parts = [int(chapter.number(key).text) for key in split.parts]
        assert sum(parts) == int(chapter.number(split.whole).text), (chapter.name, split)


@pytest.mark.parametrize("key", ["projects_by_status", "scorecard", "second_readings_outcomes",
                                 *(f"scorecard_{name}" for name in CHAPTERS)])
def test_a_sentence_that_splits_a_whole_names_parts_that_add_up_to_it(book, key):
    """'Of the 18 projects …, 2 are operating, 1 was completed, …': the counts after the whole add up to it."""
    number = next(n for n in book.numbers if n.key == key)
    whole, *parts = integers(number.text)
    assert parts and sum(parts) == whole, f"{key}: {number.text}"


def test_the_projects_sentence_names_every_status_that_has_a_project(book):
    rails = book.chapter("rails")
    sentence = rails.number("projects_by_status").text
    split = next(s for s in rails.splits if s.whole == "projects_total")
    named = [key for key in split.parts if int(rails.number(key).text)]
    assert len(integers(sentence)) - 1 == len(named), sentence


def test_claim_counts_are_one_record_wherever_they_are_shown(book):
    register = book.chapter("register")
    checked, opinions = register.number("claims_checked").text, register.number("claims_opinions").text
    assert int(checked) + int(opinions) == len(book.assessments)
    assert register.number("scorecard").text.startswith(f"Of the {checked} claims checked")
    frame, title, said = register.figures["fig_verdicts"][1]
    assert f"of the {checked} claims checked" in title and int(frame["claims"].sum()) == int(checked)
    assert said.startswith(f"{opinions} more")
    by_chapter = sum(int(integers(chapter.numbers[0].text)[0]) for chapter in book.chapters)
    assert by_chapter == int(checked)  # each chapter's scorecard counts its checked claims; together, the book's


def test_project_counts_are_one_record_wherever_they_are_shown(book):
    rails = book.chapter("rails")
    total = rails.number("projects_total").text
    assert rails.number("projects_by_status").text.startswith(f"Of the {total} cooperation projects")
    _, title = rails.figures["fig_projects_status"][1]
    assert title.startswith(f"Of {total} projects")
    front = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert "rails.ipynb::projects_by_status" in front and "rails.ipynb::projects_operating" not in front


def test_every_dated_table_is_in_date_order(book):
    dated = [(chapter.name, table) for chapter in book.chapters for table in chapter.dated]
    assert {table.table for _, table in dated} >= {"tbl_recent_events", "tbl_ferry", "tbl_flight_suspensions"}
    for name, table in dated:
        days = [to_date(d) for d in table.dates]
        assert days == sorted(days), (name, table.table)
        assert table.table in book.chapter(name).tables


def test_each_status_is_dated_by_the_latest_evidence_the_data_has(book):
    projects, facts = book.tables.projects, book.tables.lng_facts
    for project_id, measures in STATUS_EVIDENCE.items():
        years = [int(str(year)[:4]) for year in facts[facts["measure"].isin(measures)]["year"]]
        assert years, project_id
        assert to_date(projects.loc[project_id, "status_as_of"]).year >= max(years), project_id
