"""What each built page loads: the chart bundle and font only where a chart is drawn, no Font Awesome script, the
search tools only on the search page, and a stylesheet rule for every icon a page shows (rk35.assets)."""

import re

import pytest

from rk35 import assets, charts
from tests.conftest import ROOT

HTML = ROOT / "_build" / "html"
#: The book's pages (not the root's redirect, nor the theme's template leftovers in _static).
PAGES = sorted(p for p in HTML.rglob("*.html") if "_static" not in p.relative_to(HTML).parts and p.name != "index.html")
#: The files a page loads from the book's own folder: scripts and stylesheets.
LOADS = re.compile(r'<(?:script\b[^>]*\bsrc|link\b[^>]*\bhref)="(?:\.\./)*([^"?]+)(?:\?[^"]*)?"')


def loads(page) -> set[str]:
    return set(LOADS.findall(page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(HTML).as_posix())
def test_a_page_loads_the_chart_bundle_only_if_it_draws_a_chart(page):
    text = page.read_text(encoding="utf-8")
    chart_files = {f"_static/{charts.BUNDLE_NAME}", f"_static/{charts.FONT_CSS_NAME}"}
    if assets.CHART.search(text):
        assert chart_files <= loads(page)
    else:
        assert not chart_files & loads(page)


def test_the_chapters_with_charts_load_the_bundle_and_the_others_do_not():
    with_bundle = {p.stem for p in PAGES if f"_static/{charts.BUNDLE_NAME}" in loads(p)}
    assert {"trade", "gas", "rails", "pressure"} <= with_bundle
    assert not {"intro", "bibliography", "numbers", "methods", "search", "genindex"} & with_bundle


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(HTML).as_posix())
def test_no_page_loads_what_the_book_does_not_use(page):
    loaded = {name.rsplit("/", 1)[-1] for name in loads(page)}
    assert "fontawesome.js" not in loaded
    assert not loaded & {"sphinx-thebe.js", "sphinx-thebe.css", "copybutton.js", "clipboard.min.js",
                         "togglebutton.js", "design-tabs.js"}
    assert "THEBE_JS_URL" not in page.read_text(encoding="utf-8")
    search = {"searchtools.js", "language_data.js", "searchindex.js"}
    if page.name == "search.html" and page.parent == HTML:
        assert search <= loaded  # the search page searches
    else:
        assert not search & loaded
    assert assets.ICON_CSS in loaded


def test_every_icon_a_page_shows_has_its_rule():
    css = (HTML / "_static" / assets.ICON_CSS).read_text(encoding="utf-8")
    shown = set().union(*(assets.icons_shown(p.read_text(encoding="utf-8")) for p in PAGES))
    assert {"bars", "sun", "moon", "circle-half-stroke", "magnifying-glass"} <= shown
    for name in shown:
        assert f":is(.fa-solid, .fas).fa-{name}::before {{ width:" in css, name
