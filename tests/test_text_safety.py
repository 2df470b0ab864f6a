"""Text from the data is shown as text: hostile strings go through every renderer and come out literally.

Each string the loader would accept (no control, zero-width or bidi characters, no leading formula character, no
stray spaces; see rk35.data) is put in every text field a renderer shows, the Markdown the book would hand to
Sphinx is rendered to HTML by MyST and docutils, and the HTML is parsed: the string must appear as text, and no
element or attribute may come from it. A fixed list of known-nasty strings is checked the same way, and built
into a PDF with the book's LaTeX setup.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rk35 import charts, text
from rk35.data.render import source_list
from rk35.data.rules import FORBIDDEN_CHARACTERS, FORMULA_START
from rk35.fmt import Table
from rk35.render import verdict_box
from rk35.sphinx_ext import edition_preamble
from rk35.verdicts import Assessment, Verdict
from tests.conftest import ROOT

#: A verdict box with no sources reads no source table.
EMPTY_SOURCES = pd.DataFrame(columns=["short_name", "author", "publisher", "kind", "title", "title_kind", "url", "date",
                                       "date_basis"])

NASTY = [
    'KITA <img src="x" onerror="document.title=\'pwned\'"> *bold* _it_ `code`',
    "</script><script>alert(1)</script>",
    "<!-- <script> x </p></li></ul></div>",
    "{ref}`claim-trade-2022-total` {glue:text}`trade_peak_year` {{ substitution }}",
    ":::{admonition} injected :::",
    "# not a heading ## nor this",
    "[a link](javascript:alert(1)) ![an image](x.png) <https://example.org>",
    "US$21 billion $x^2$ \\(y\\) $$z$$",
    "LaTeX specials # $ % & ~ _ ^ \\ { } \\textbf{x} \\input{/etc/passwd} \\\\",
    "&amp; &lt;b&gt; &#60;script&#62; &nbsp;",
    "| a | b | --- |",
    "한국무역협회 (KITA), 관세청",
    "Росстат: «данные» — 2024",
    "‘single’ “double” – … × − ≤ ≥",
    "a" * 600,
]

# Everything a web page, a CSV or a person might paste: ASCII punctuation, letters, digits, spaces, Hangul, Cyrillic.
ALPHABET = st.sampled_from(list("<>&\"'`*_{}[]()#$%~^\\|:!-+=@/.,;?") + list("abcXYZ019 ") + list("한국Россия–—“”"))


def accepted_by_the_loader(value: str) -> bool:
    return (bool(value) and value == value.strip() and not value.startswith(FORMULA_START)
            and not FORBIDDEN_CHARACTERS.search(value))


hostile = st.one_of(st.sampled_from(NASTY), st.text(ALPHABET, min_size=1, max_size=60)).filter(accepted_by_the_loader)


def render_myst(markdown: str) -> str:
    """MyST Markdown to HTML, as Sphinx would parse it (MyST's docutils parser, the book's extensions)."""
    from docutils.core import publish_string
    from myst_parser.parsers.docutils_ import Parser

    out = publish_string(markdown, parser=Parser(), writer_name="html5", settings_overrides={
        "myst_enable_extensions": ["colon_fence", "substitution", "deflist"], "report_level": 5,
        "halt_level": 5, "output_encoding": "unicode"})
    return out[out.index("<main>"):out.index("</main>")]


class Page(HTMLParser):
    """The elements, attributes and text of a piece of HTML."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.chunks = [], [], []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return squash("".join(self.chunks))


def squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


MYST_TAGS = {"main", "aside", "p", "ul", "li", "a", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "colgroup",
             "col", "div", "span", "blockquote"}


def assert_literal(page: Page, value: str, times: int = 1) -> None:
    assert page.text.count(squash(value)) >= times, f"{value!r} is not shown literally"
    assert set(page.tags) <= MYST_TAGS, f"an element came from the data: {set(page.tags) - MYST_TAGS}"
    for name, attribute in page.attributes:
        assert not name.startswith("on"), f"an event handler came from the data: {name}={attribute!r}"
        if name == "href":
            assert attribute.startswith(("https://example.org/", "#source-")), attribute


def sources_with(value: str) -> pd.DataFrame:
    return pd.DataFrame({"short_name": [value], "author": [""], "publisher": [value], "kind": [value], "title": [value],
                         "title_kind": ["headline"], "url": ["https://example.org/page?id=1&no=2"], "date": [""],
                         "date_basis": ["not shown"]}, index=pd.Index(["trade:HOSTILE"], name="source_id"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(hostile)
def test_a_source_list_shows_publisher_title_and_date_as_text(value):
    page = Page(render_myst(source_list(["trade:HOSTILE"], sources_with(value))))
    assert_literal(page, value, times=4)  # in the label, the publisher, the kind and the title
    assert page.tags.count("a") == 2  # the label (to the bibliography) and the title (to the page)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(hostile)
def test_a_verdict_box_shows_what_was_stated_found_and_why_as_text(value):
    box = verdict_box(Assessment("trade-2022-total", Verdict.PARTLY_HOLDS, value, value, "part-unconfirmed", value, (),
                     reading=value), "", EMPTY_SOURCES)
    page = Page(render_myst(box))
    assert_literal(page, value, times=4)
    assert page.tags.count("aside") == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(hostile)
def test_a_table_cell_shows_its_text(value):
    markdown = f"| Claim | Found |\n|---|---|\n| {text.md_cell(value)} | {text.md_cell(value)} |\n"
    page = Page(render_myst(markdown))
    assert_literal(page, value, times=2)
    assert page.tags.count("td") == 2


@settings(max_examples=60, deadline=None)
@given(hostile)
def test_a_data_table_shows_its_cells_as_text(value):
    table = Table(pd.DataFrame({"title": [value], "value": [1.5]}), {"title": value, "value": "Value"})
    page = Page(render_myst(table.markdown))
    assert_literal(page, value, times=2)  # header and cell
    assert page.tags.count("td") == 2


@settings(max_examples=60, deadline=None)
@given(hostile)
def test_a_chart_carries_data_as_data(value):
    spec = {"data": {"values": [{"label": value}]}, "mark": "text", "encoding": {"text": {"field": "label"}},
            "title": value}
    markup = charts._html(spec, None, charts.chart_id(spec), 700)
    assert markup.count("<script") == 1 and markup.count("</script>") == 1 and "<!--" not in markup
    payload = re.search(r"var specs = (.*), shown = null", markup).group(1)
    assert json.loads(payload)["page"] == spec  # the string survives, as data


@settings(max_examples=60, deadline=None)
@given(hostile)
def test_a_charts_data_link_carries_text_as_data(value):
    spec = {"datasets": {"d": [{value: value}]}, "data": {"name": "d"}, "mark": "text"}
    if value[:1] in FORMULA_START:
        with pytest.raises(ValueError, match="formula"):
            charts._html(spec, None, "c", 700)
        return
    markup = charts._html(spec, None, "c", 700)
    assert markup.count("<a ") == 1 and markup.count("</a>") == 1 and markup.count("<script") == 1
    link = re.search(r'<a download="c-1\.csv" title="([^"]*)" href="data:text/csv;charset=utf-8;base64,([^"]*)">', markup)
    assert html.unescape(link.group(1)) == value  # the column name, escaped in the attribute
    import csv
    import io

    header, row = csv.reader(io.StringIO(base64.b64decode(link.group(2)).decode("utf-8")))
    assert header[0] == row[0] == value and header[1:] == ["edition", "edition_date"]  # every download: the edition


@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", "data:text/html,x", "ftp://example.org/x"])
def test_a_link_leads_only_to_http(url):
    with pytest.raises(ValueError):
        text.md_link("title", url)


def test_a_link_target_cannot_close_its_link():
    link = text.md_link("t", "https://example.org/a b>c<d")
    assert link == "[t](<https://example.org/a%20b%3Ec%3Cd>)"


@pytest.mark.skipif(shutil.which("latexmk") is None, reason="make test installs TeX before it runs pytest")
def test_the_book_latex_setup_builds_a_page_of_nasty_strings(tmp_path):
    """A Sphinx project with the book's LaTeX engine and preamble, one page carrying every nasty string in a verdict
    box, a source list and a table: the PDF builds, and pdftotext finds the strings (as text, not commands)."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    elements = config["sphinx"]["config"]["latex_elements"]
    elements["preamble"] = edition_preamble() + elements["preamble"]  # as the book's extension sets it
    (tmp_path / "conf.py").write_text(
        "extensions = ['myst_parser']\n"
        "myst_enable_extensions = ['colon_fence', 'substitution', 'deflist']\n"
        f"latex_engine = 'xelatex'\nlatex_elements = {elements!r}\n"
        "latex_documents = [('index', 'nasty.tex', 'Nasty', 'Test', 'howto')]\n", encoding="utf-8")
    page = ["# Nasty strings", ""]
    for value in NASTY:
        page += [verdict_box(Assessment("x", Verdict.HOLDS, value, value, "dated-fact", value, (), reading=value), "", EMPTY_SOURCES), "",
                 source_list(["trade:HOSTILE"], sources_with(value)), "",
                 f"| A | B |\n|---|---|\n| {text.md_cell(value)} | x |", ""]
    (tmp_path / "index.md").write_text("\n".join(page), encoding="utf-8")
    out = tmp_path / "_build"
    build = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "latex", str(tmp_path), str(out)],
                           capture_output=True, text=True, cwd=tmp_path, check=False)
    assert build.returncode == 0, build.stderr[-2000:]
    pdf = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "nasty.tex"],
                         capture_output=True, text=True, cwd=out, check=False)
    assert pdf.returncode == 0, pdf.stdout[-3000:]
    shown = squash(subprocess.run(["pdftotext", str(out / "nasty.pdf"), "-"], capture_output=True, text=True, check=True).stdout)
    for value in ("<img src=", "onerror=", "\\input{/etc/passwd}", "# $ % & ~ _ ^", "한국무역협회", "{ref}"):
        assert value in shown, value
