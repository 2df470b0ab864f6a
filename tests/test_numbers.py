"""Every number the prose shows has a record: its text, its method, its inputs with their sources."""

import re
from types import SimpleNamespace

import nbformat
import pytest

from rk35.book import TITLES
from rk35.downloads import write_numbers
from rk35.records import Input, Number, Recorder, label
from rk35.render import numbers_appendix
from tests.conftest import ROOT

GLUED = re.compile(r"(\[)?\{glue:text\}`(?:[a-z]+\.ipynb::)?([a-z0-9_]+)(?::s)?`(\]\(#([a-z0-9-]+)\))?")


@pytest.fixture(scope="module")
def recorded(book):
    return book.numbers


def prose():
    """(page, markdown) for the front page and every chapter and appendix but the list of numbers itself."""
    yield "intro.md", (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        if path.stem != "numbers":
            yield path.name, "\n".join(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "markdown")


def test_every_record_has_a_method_and_inputs_and_its_sources_exist(recorded, book):
    known = set(book.tables.sources.index)
    assert len(recorded) >= 60
    for n in recorded:
        assert n.text.strip() and n.method.strip() and n.inputs, n.key
        for i in n.inputs:
            assert i.what.strip() and i.value.strip(), n.key
            assert set(i.sources) <= known, (n.key, i.sources)


def test_every_number_in_the_prose_links_to_its_own_record(recorded):
    keys = {n.key for n in recorded}
    used = set()
    for page, text in prose():
        for opening, key, link, target in GLUED.findall(text):
            assert key in keys, f"{page}: {key} is glued into the prose but has no record"
            assert opening and target == label(key), f"{page}: {key} is not a link to its record"
            used.add(key)
    assert used == keys, f"records no page shows: {sorted(keys - used)}"


def test_a_number_needs_inputs_and_a_key_of_its_own():
    n = Recorder("trade", "chapter-trade")
    with pytest.raises(ValueError, match="no inputs"):
        n.add("share", "0.5%", "a share")
    n.add("share", "0.5%", "a share", Input("numerator", "3.5", claim="fdi-total"))
    with pytest.raises(ValueError, match="used twice"):
        n.add("share", "0.6%", "a share", Input("numerator", "3.5", claim="fdi-total"))


def test_the_downloads_refuse_text_a_spreadsheet_would_run(tmp_path, book):
    write_numbers(tmp_path, book)  # signed figures such as +16.7% are numbers to a spreadsheet

    bad = SimpleNamespace(numbers=[Number("x", "=1+1", "m", (Input("a", "1"),), "trade", "chapter-trade")],
                          edition=book.edition)
    with pytest.raises(ValueError, match="formula"):
        write_numbers(tmp_path, bad)


def test_the_appendix_gives_every_record_a_label_and_its_section(recorded, book):
    text = numbers_appendix(recorded, TITLES, book.tables.sources, book.tables.claims)
    for n in recorded:
        assert f"({n.label})=" in text and f"{{ref}}`{n.section}`" in text


def test_an_input_with_no_source_is_listed_without_empty_brackets(recorded, book):
    text = numbers_appendix(recorded, TITLES, book.tables.sources, book.tables.claims)
    assert not any(i.origin for n in recorded if n.key.startswith("scorecard") for i in n.inputs)  # such inputs exist
    assert " ()" not in text
