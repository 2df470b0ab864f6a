"""The edition and "What changed" in the built book, HTML and PDF (run by `make test` after `make book`)."""

import re
import subprocess

import pytest

from rk35 import editions
from rk35.fmt import date
from tests.build.test_built_book import HTML, PDF, page_text
from tests.conftest import ROOT


def test_the_title_page_and_the_front_page_show_the_edition(book):
    line = editions.title(book.edition)
    title_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(PDF), "-"], check=True, capture_output=True,
                                text=True).stdout
    assert line in " ".join(title_page.split())
    assert "\\today" not in (ROOT / "_config.yml").read_text(encoding="utf-8")  # the date is the edition's, not the clock's
    assert f"\\date{{{date(book.edition.date)}}}" in (ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    assert f"This edition. {line}." in page_text(HTML / "book" / "intro.html")


def test_what_changed_is_in_the_html_and_in_the_pdf(book, pdf_text):
    chapter = book.chapter("changes")
    page = page_text(HTML / "book" / "changes.html")
    for key in ("edition", "changes_against", "changes_summary"):
        text = chapter.number(key).text
        assert text in page, key
        assert " ".join(text.split()) in pdf_text, key
    assert "What changed" in page and re.search(r"E\s+What changed", subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "6", str(PDF), "-"], check=True, capture_output=True, text=True).stdout)
    found = book.changes()
    if found.nothing:  # as committed: the page says so, and against which edition and date
        assert "Nothing changed" in page
        assert f"edition {found.baseline.number} as it was kept on" in page


@pytest.fixture(scope="module")
def pdf_text():
    out = subprocess.run(["pdftotext", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


def test_the_downloads_are_the_kept_edition_when_it_is_this_one(book):
    folder = ROOT / "data" / editions.FOLDER / str(book.edition.number)
    if not folder.is_dir():
        pytest.skip("this edition is not kept yet")
    for name in editions.FILES:
        assert (HTML / "_static" / "data" / name).read_bytes() == (folder / name).read_bytes(), name
