"""Fuzzing the data door: hostile values in every column of every table (types, encodings, whitespace, Unicode digits
and minus signs, extremes, empties, duplicates, dangling references). For each, validation either refuses with the
file, the line and the field, or accepts a value that the loader reads exactly as the schema's own cast does; and
nothing but the book's own DataError is ever raised.

The budget is fixed and the examples derandomized, so `make test` spends the same time on the same inputs every run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from decimal import Decimal

import frictionless
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rk35.data import DataError, load_table, validate_package
from rk35.data import validate as validation
from rk35.data.cells import convert, plain_problem
from tests.conftest import ROOT
from tools.update_checksums import main as record_checksums

DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
TABLES = [r for r in DESCRIPTOR["resources"] if r["path"].endswith(".csv")]
FIELDS = [field for resource in TABLES for field in resource["schema"]["fields"]]

#: Values a careless contributor or a hostile pull request might write, beside Hypothesis's own.
HOSTILE = [
    "", " ", "TRUE", "True", "FALSE", "1", "0", "yes", "true ", "\u00a0true", "1e400", "-1e400", "Infinity", "-inf",
    "NaN", "3_3", "\uff13", "\u0663", "3.3\u00a0", " 3", "3 ", "\u22123", "\u20133", "+3", "03", ".5", "5.", "1,000",
    "0x10", "9" * 40, "-0", "2099", "2099-01-01", "1066", "2019-02-30", "2019-13", "2024-02-29", "\ufeffkey",
    "a\u202eb", "=cmd|' /C calc'!A0", "@SUM(1)", "line\nbreak", 'quote"inside', "{event:no-such-event}",
    "{fact:}", "javascript:alert(1)", "timeline:NO_SUCH_SOURCE", "x" * 2001, "\u0000", "\U0001f600", "ı", "ǅ",
]
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=12),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
)
#: Boolean fields with other true/false values than the book's, so that the loader is tried on every value the
#: schema's format allows (a loader that read only "true" as true would fail here).
BOOLEANS = st.builds(
    lambda true, false: {"name": "flag", "type": "boolean", "trueValues": true, "falseValues": false},
    st.lists(st.sampled_from(["true", "True", "TRUE", "1", "yes", "Y"]), min_size=1, max_size=4, unique=True),
    st.lists(st.sampled_from(["false", "False", "FALSE", "0", "no", "N"]), min_size=1, max_size=4, unique=True),
)


def schema_value(field: dict, text: str):
    """The value frictionless reads from the text under the field's schema (its own cast, not the book's)."""
    value, notes = frictionless.Schema.from_descriptor({"fields": [field]}).fields[0].read_cell(text)
    return None if notes and "type" in notes else value


def assert_loaded_as_the_schema_reads(field: dict, text: str, loaded) -> None:
    """A cell the book accepted is loaded as the schema reads it (and a text cell is the text itself)."""
    expected = schema_value(field, text)
    if text == "" or field.get("rk35:separator"):
        return
    if field["type"] == "number":
        assert loaded == float(Decimal(expected)), (field["name"], text, loaded)
    elif field["type"] == "date":
        assert dt.date.fromisoformat(loaded) == expected, (field["name"], text, loaded)
    elif field["type"] == "string":
        assert loaded == text, (field["name"], text, loaded)
    else:
        assert loaded == expected and type(loaded) is type(expected), (field["name"], text, loaded)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(field=st.one_of(st.sampled_from(FIELDS), BOOLEANS), text=VALUES)
def test_the_loader_reads_every_cell_the_schema_accepts_as_the_schema_does(field, text):
    if schema_value(field, text) is None and text or plain_problem(field, text):
        return  # validation refuses it (the package-level test checks how)
    loaded = convert(field, pd.Series([text], dtype=str)).iloc[0]
    loaded = loaded.item() if hasattr(loaded, "item") else loaded
    assert_loaded_as_the_schema_reads(field, text, loaded)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """A private copy of the package, restored after each example; validations are cached apart from the book's."""
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(ROOT / "data", folder)
    cache, validation.VALIDATION_CACHE = validation.VALIDATION_CACHE, folder.parent / "cache"
    yield folder
    validation.VALIDATION_CACHE = cache


PROBLEM = re.compile(r"data/[A-Za-z0-9_.-]+(, line \d+)?(, field '[^'\n]*')?: ")
MUTATIONS = st.sampled_from(["cell", "cell", "cell", "duplicate row", "drop row"])


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_hostile_edit_is_refused_with_its_place_or_loaded_as_written(package, data):
    resource = data.draw(st.sampled_from(TABLES), label="table")
    path = package / resource["path"]
    original, descriptor = path.read_bytes(), (package / "datapackage.json").read_bytes()
    rows = list(csv.reader(io.StringIO(original.decode("utf-8"))))
    header, body = rows[0], rows[1:]
    mutation = data.draw(MUTATIONS, label="mutation")
    row = data.draw(st.integers(0, len(body) - 1), label="row")
    field = data.draw(st.sampled_from(resource["schema"]["fields"]), label="field")
    text = data.draw(VALUES, label="value")
    if mutation == "cell":
        body[row][header.index(field["name"])] = text
    elif mutation == "duplicate row":
        body.insert(row, list(body[row]))
    else:
        del body[row]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    try:
        path.write_text(out.getvalue(), encoding="utf-8")
        record_checksums(package)
        validate_package.cache_clear()
        try:
            validate_package(package)
        except DataError as error:
            problems = [p.strip() for p in str(error).splitlines()[1:] if not p.strip().startswith("... and")]
            assert problems and all(PROBLEM.match(p) for p in problems), str(error)
            assert all(len(p) <= validation.PROBLEM_LIMIT + 1 for p in problems)
            if mutation == "cell":
                assert any(", line " in p and ", field '" in p for p in problems), str(error)
            return
        loaded = load_table(resource["name"], package)  # nothing but a DataError may be raised here either
        if mutation == "cell":
            value = loaded.loc[row + 2, field["name"]]
            value = None if value is pd.NA else (value.item() if hasattr(value, "item") else value)
            assert_loaded_as_the_schema_reads(field, text, value)
    finally:
        path.write_bytes(original)
        (package / "datapackage.json").write_bytes(descriptor)
        validate_package.cache_clear()
