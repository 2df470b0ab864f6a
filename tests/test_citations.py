"""Citation labels (rk35.data.cite): one per source, unique, in author-year form, and stable when unrelated sources
are added."""

import re

import pandas as pd

from rk35.data import load
from rk35.data.cite import anchor, labels

LABEL = re.compile(r"^.+ (\d{4}[a-z]*|n\.d\.(-[a-z]+)?)$")


def test_every_source_has_one_label_in_author_year_form_and_no_two_share_one():
    sources = load("sources")
    found = labels(sources)
    assert set(found) == set(sources.index)
    assert len(set(found.values())) == len(found)
    assert all(LABEL.match(label) for label in found.values()), [v for v in found.values() if not LABEL.match(v)]
    assert len({anchor(s) for s in sources.index}) == len(sources)


def test_a_label_takes_a_letter_only_when_two_sources_share_a_name_and_a_year():
    sources = pd.DataFrame({"short_name": ["KITA", "KITA", "KITA", "Yonhap", "Wiki", "Wiki"],
                            "date": ["2023-02-21", "2023-01", "2024", "2023", None, None]},
                           index=pd.Index(["b:2", "a:1", "c:3", "d:4", "e:5", "f:6"], name="source_id"))
    assert labels(sources) == {"a:1": "KITA 2023a", "b:2": "KITA 2023b", "c:3": "KITA 2024", "d:4": "Yonhap 2023",
                               "e:5": "Wiki n.d.-a", "f:6": "Wiki n.d.-b"}


def with_source(sources: pd.DataFrame, source_id: str, short_name: str, date: str) -> pd.DataFrame:
    """The sources with one more, named and dated (the only fields a label reads)."""
    return pd.concat([sources, pd.DataFrame({"short_name": [short_name], "date": [date]},
                                            index=pd.Index([source_id], name="source_id"))])


def test_adding_an_unrelated_source_changes_no_label():
    sources = load("sources")
    before = labels(sources)
    after = labels(with_source(sources, "trade:NEW_SOURCE", "A new publisher", "2024-05-01"))
    assert after["trade:NEW_SOURCE"] == "A new publisher 2024"
    assert {k: v for k, v in after.items() if k != "trade:NEW_SOURCE"} == before


def test_adding_a_source_changes_only_the_labels_of_its_name_and_year():
    sources = load("sources")
    before = labels(sources)
    after = labels(with_source(sources, "trade:TASS_NEW", "TASS", "2024-01-01"))
    changed = {k for k in before if before[k] != after[k]}
    assert changed and all(before[k].startswith("TASS 2024") for k in changed)
