"""Citations as a reader meets them in the built book: labels, never source ids; every label a link to one
bibliography entry; every entry cited or listed as consulted; no working notes and no ISO dates on any page or in the
PDF; the PDF's bibliography in the order of its labels."""

import re

import pytest

from rk35.data.cite import anchor, labels
from tests.build.test_built_book import HTML, text_of

PAGES = sorted(HTML.glob("book/*.html")) + [HTML / "index.html"]
#: Working notes of the data's compilers that no reader should meet.
NOTES = ("not recorded", "not captured", "(URL path)", "(from URL)", "(from article id)", "headline not", "(by content)")
#: An ISO date in running text (not part of an address or a longer number).
ISO_DATE = re.compile(r"(?<![\w/.-])\d{4}-\d{2}(-\d{2})?(?![\w/.-]|-\d)")


def visible(path) -> str:
    """A page's text without the addresses it shows as links (a URL may hold a date or an id)."""
    return text_of(re.sub(r'<a class="reference external"[^>]*>[^<]*</a>', " ", path.read_text(encoding="utf-8")))


def without_urls(text: str) -> str:
    return re.sub(r"https?://\S+", " ", text)


def test_no_source_id_appears_on_any_page_or_in_the_pdf(book, pdf_text):
    ids = re.compile("|".join(re.escape(i) for i in sorted(book.tables.sources.index, key=len, reverse=True)))
    shown = {path.name: sorted(set(ids.findall(visible(path)))) for path in PAGES}
    assert {name: found for name, found in shown.items() if found} == {}
    assert sorted(set(ids.findall(without_urls(pdf_text)))) == []


def test_every_label_links_to_one_entry_and_every_entry_is_cited_or_consulted(book):
    bibliography = (HTML / "book" / "bibliography.html").read_text(encoding="utf-8")
    entries = re.findall(r'id="(source-[a-z0-9-]+)"', bibliography)
    assert len(entries) == len(set(entries)) == len(book.tables.sources)
    cited_part, consulted_part = bibliography.split('id="sources-consulted-not-cited"')
    linked = set()
    for path in PAGES:
        raw = path.read_text(encoding="utf-8")
        for target, text in re.findall(r'<a class="reference internal" href="[^"]*#(source-[a-z0-9-]+)"[^>]*>(.*?)</a>',
                                       raw, flags=re.DOTALL):
            assert target in entries, (path.name, target)
            label = text_of(text).strip().replace("\u2019", "'")  # Sphinx sets apostrophes as quotes
            source_id = {anchor(s): s for s in book.tables.sources.index}[target]
            if label != "its entry in the bibliography":  # the front page's link to the article's entry
                assert label == labels(book.tables.sources)[source_id], (path.name, target, label)
            linked.add(target)
    cited = set(re.findall(r'id="(source-[a-z0-9-]+)"', cited_part))
    consulted = set(re.findall(r'id="(source-[a-z0-9-]+)"', consulted_part))
    assert cited == linked, (sorted(cited - linked)[:5], sorted(linked - cited)[:5])
    assert cited | consulted == set(entries) and not cited & consulted


def test_no_page_and_no_pdf_page_shows_a_working_note_or_an_iso_date(pdf_text):
    for path in PAGES:
        text = visible(path)
        assert [note for note in NOTES if note in text] == [], path.name
        assert [m.group(0) for m in ISO_DATE.finditer(text)] == [], path.name
    text = without_urls(pdf_text)
    assert [note for note in NOTES if note in text] == []
    assert [text[max(0, m.start() - 40):m.end() + 10] for m in ISO_DATE.finditer(text)] == []


def test_the_pdf_bibliography_lists_every_cited_source_in_the_order_of_its_labels(book, pdf_text):
    cited = book.cited_sources()
    label = labels(book.tables.sources)
    expected = sorted((label[s] for s in cited), key=str.casefold)
    start = pdf_text.index("Every source is cited by a label")  # the bibliography's opening sentence
    part = pdf_text[start:pdf_text.index("Sources consulted, not cited These sources", start)].replace("\u2019", "'")
    position = 0
    for text in expected:
        found = part.find(text + ("" if text.endswith(".") else ".") + " ", position)
        assert found >= 0, f"{text!r} is not in the PDF bibliography after position {position}"
        position = found + len(text)
    assert "References" not in pdf_text.split("Bibliography")[0][-2000:]


@pytest.mark.parametrize("page", ["bibliography.html"])
def test_the_bibliography_names_the_article_under_review_plainly(page):
    text = visible(HTML / "book" / page)
    assert "Gubin 2025. Andrey Gubin." in text and "its address is not known to this book" in text
