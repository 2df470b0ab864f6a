"""The built pages in a real browser (Debian's Chromium driven by Playwright), offline, at phone and laptop widths,
in the theme's light and dark modes.

Every request that is not a file:// URL is aborted and counted. Each page is checked for console errors, charts
drawn, sideways scrolling, visible code, raw pandas values in tables and axe-core's serious and critical
accessibility violations, in each mode; a full-page screenshot of each page at each width and in each mode is kept
under _build/screenshots/ (<page>-<width>.png, <page>-<width>-dark.png) for a person to look at.
"""

import re

import pytest

from tests.conftest import ROOT

HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
WIDTHS = {"phone": (390, 844), "laptop": (1366, 900)}
#: The theme's colour modes. A reader's choice is kept in localStorage ("mode"), which the theme reads in the page's
#: head; the browser says which the reader's system prefers (prefers-color-scheme).
MODES = ("light", "dark")
PAGES = sorted(p.relative_to(HTML).as_posix() for p in (HTML / "book").glob("*.html"))
RAW_VALUES = re.compile(r"^(NaN|nan|None|True|False|<NA>)$")

playwright = pytest.importorskip("playwright.sync_api")



@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def visit(browser, page_path, width, mode="light"):
    """Open a page offline at a width, in a colour mode; return the page, its console errors and its blocked
    requests."""
    context = browser.new_context(viewport={"width": WIDTHS[width][0], "height": WIDTHS[width][1]},
                                  color_scheme=mode)
    if mode != "light":  # the reader chose it with the theme's switch, before this page was opened
        context.add_init_script(f"window.localStorage.setItem('mode', '{mode}');")
    blocked, errors = [], []
    context.route(re.compile(r"^(?!file:).*"), lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((HTML / page_path).as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.documentElement.dataset.theme") == mode
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    expected = page.locator(".rk35-chart").count()
    if expected:
        page.wait_for_function(f"() => document.querySelectorAll('.rk35-chart svg.marks').length >= {expected}",
                               timeout=20000)
    return context, page, blocked, errors


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("page_path", PAGES)
def test_the_page_reads_offline_without_errors_and_fits(browser, axe, page_path, width, mode):
    context, page, blocked, errors = visit(browser, page_path, width, mode)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        suffix = "" if mode == "light" else f"-{mode}"
        page.screenshot(path=str(SHOTS / f"{page_path.replace('/', '_').removesuffix('.html')}-{width}{suffix}.png"),
                        full_page=True)
        assert not blocked, f"requests to other hosts: {blocked}"
        assert not errors, f"console errors: {errors}"
        charts = page.locator(".rk35-chart").count()
        assert page.locator(".rk35-chart svg.marks").count() == charts, "a chart was not drawn"
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
        too_wide = page.evaluate("""() => [...document.querySelectorAll('.rk35-chart')].filter(c => {
            const svg = c.querySelector('svg.marks'); return svg && svg.getBoundingClientRect().width >
            c.getBoundingClientRect().width + 1; }).length""")
        assert too_wide == 0, f"{too_wide} chart(s) wider than their container"
        if mode == "dark":  # the charts are drawn for white: each sits on a white card (axe cannot see into an SVG)
            cards = page.evaluate("""() => [...document.querySelectorAll('.rk35-chart')]
                .map(c => getComputedStyle(c).backgroundColor)""")
            assert set(cards) <= {"rgb(255, 255, 255)"}, cards
        cut_captions = page.evaluate("""() => [...document.querySelectorAll('article table > caption')].filter(c => {
            const t = c.parentElement.getBoundingClientRect(), r = c.getBoundingClientRect();
            return r.left < t.left - 1 || r.right > t.left + c.parentElement.clientWidth + 1; })
            .map(c => c.innerText.slice(0, 40))""")
        assert not cut_captions, f"table captions running past their table's visible width: {cut_captions}"
        visible_code = page.evaluate("""() => [...document.querySelectorAll('.cell_input, div.highlight-ipython3')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height > 0).length""")
        assert visible_code == 0, "a code cell is visible"
        search_boxes = page.evaluate("""() => [...document.querySelectorAll('.search-button-field')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height > 0).length""")
        assert search_boxes <= 1, f"{search_boxes} search boxes in view"
        cells = page.evaluate("() => [...document.querySelectorAll('table td, table th')].map(c => c.innerText.trim())")
        raw = [c for c in cells if RAW_VALUES.match(c)]
        assert not raw, f"raw values in tables: {raw[:5]}"
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, "axe-core: " + "; ".join(f"{v['id']} ({len(v['nodes'])})" for v in serious)
    finally:
        context.close()


def _natural_widths(page):
    """Each chart's drawn width (the SVG's own width, before any CSS scaling) and its container's width."""
    return page.evaluate("""() => [...document.querySelectorAll('.rk35-chart')].map(c =>
        [Number(c.querySelector('svg.marks').getAttribute('width')), c.clientWidth])""")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("page_path", ["book/trade.html", "book/gas.html", "book/rails.html"])
def test_charts_are_drawn_in_the_layout_that_fits_without_shrinking(browser, page_path, width):
    """The phone gets the phone layout and the laptop the page layout, each at its own size: no chart is drawn
    wider than its column and scaled down to fit."""
    from rk35.charts import PAGE, PHONE

    context, page, _, _ = visit(browser, page_path, width)
    try:
        widths = _natural_widths(page)
        assert widths and all(drawn <= column for drawn, column in widths), widths
        limit = PHONE if width == "phone" else PAGE
        assert all(drawn <= limit for drawn, _ in widths), widths
        if width == "laptop":
            assert max(drawn for drawn, _ in widths) > PHONE  # the page layout, not the phone's
    finally:
        context.close()


def test_a_chart_switches_layout_when_the_window_narrows(browser):
    from rk35.charts import PHONE

    context, page, _, _ = visit(browser, "book/gas.html", "laptop")
    try:
        before = _natural_widths(page)
        page.set_viewport_size({"width": WIDTHS["phone"][0], "height": WIDTHS["phone"][1]})
        page.wait_for_function(f"""() => [...document.querySelectorAll('.rk35-chart svg.marks')]
            .every(s => Number(s.getAttribute('width')) <= {PHONE})""", timeout=10000)
        assert max(w for w, _ in before) > PHONE and all(w <= c for w, c in _natural_widths(page))
    finally:
        context.close()


def test_the_register_sorts_and_filters_in_the_page(browser, book):
    verdicts = [a.verdict.value for a in book.assessments.values()]
    context, page, blocked, errors = visit(browser, "book/register.html", "phone")
    try:
        count = page.locator(".rk35-register-count")
        assert count.text_content() == f"{len(verdicts)} claims"
        page.select_option("#tbl-register-verdict", "partly holds")
        assert count.text_content() == f"{verdicts.count('partly holds')} of {len(verdicts)} claims shown"
        shown = page.locator("#tbl-register tbody tr:not([hidden]) td:nth-child(2)").all_text_contents()
        assert {s.strip() for s in shown} == {"partly holds"}
        page.select_option("#tbl-register-verdict", "")
        page.fill("#tbl-register-search", "Busan")
        rows = page.locator("#tbl-register tbody tr:not([hidden])").all_text_contents()
        assert rows and all("busan" in r.lower() for r in rows) and len(rows) < len(verdicts)
        page.fill("#tbl-register-search", "")
        header = page.locator("#tbl-register thead th:nth-child(2)")
        header.locator("button").click()
        column = [s.strip() for s in page.locator("#tbl-register tbody td:nth-child(2)").all_text_contents()]
        from rk35.verdicts import Verdict

        order = [v.value for v in Verdict]
        assert column == sorted(column, key=order.index) and header.get_attribute("aria-sort") == "ascending"
        header.locator("button").click()
        column = [s.strip() for s in page.locator("#tbl-register tbody td:nth-child(2)").all_text_contents()]
        assert column == sorted(column, key=order.index, reverse=True)
        assert not blocked and not errors
    finally:
        context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_register_reads_as_cards_on_a_phone_and_as_a_table_on_a_laptop(browser, width):
    context, page, blocked, errors = visit(browser, "book/register.html", width)
    try:
        table = page.evaluate("""() => {
            const t = document.getElementById('tbl-register');
            const names = [...t.tHead.rows[0].cells].map(c => c.textContent.trim());
            const rows = [...t.tBodies[0].rows];
            return {
                overflow: t.scrollWidth - t.clientWidth,
                names: names,
                labelled: rows.every(r => [...r.cells].every((c, i) => c.dataset.label === names[i])),
                stacked: rows.every(r => new Set([...r.cells].map(c => Math.round(c.getBoundingClientRect().left))).size === 1),
                label: getComputedStyle(rows[0].cells[2], '::before').content,
            };
        }""")
        assert table["names"] == ["Claim", "Verdict", "Found", "Checked in"]
        assert table["labelled"]
        if width == "phone":
            assert table["overflow"] <= 0, f"the register scrolls sideways in its box by {table['overflow']}px"
            assert table["stacked"] and table["label"] == '"Found"'
        else:
            assert not table["stacked"] and table["label"] in ("none", "normal")
        assert not blocked and not errors
    finally:
        context.close()


#: Every table cell a reader can see that lies outside the viewport or outside its table's visible box.
CELLS_OUT_OF_VIEW = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const cell of document.querySelectorAll('article table td, article table th')) {
    const box = cell.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || getComputedStyle(cell).display === 'none') continue;
    const head = cell.closest('thead');  // headers kept for screen readers only (visually hidden) are not shown
    if (head && getComputedStyle(head).position === 'absolute') continue;
    const frame = cell.closest('table').getBoundingClientRect();
    if (box.left < -1 || box.right > width + 1 || box.left < frame.left - 1 || box.right > frame.right + 1)
      out.push(cell.textContent.trim().slice(0, 40) || '(empty)');
  }
  return out;
}"""


@pytest.mark.parametrize("page_path", PAGES)
def test_every_table_cell_is_in_view_on_a_phone(browser, page_path):
    """At 390 px no column of any table is hidden behind a sideways scroll: every table reads as cards."""
    context, page, _, _ = visit(browser, page_path, "phone")
    try:
        assert page.evaluate(CELLS_OUT_OF_VIEW) == []
    finally:
        context.close()


#: Each icon of the theme's header and switches that a reader sees, with its drawn width and height (rk35-icons.css
#: draws them without Font Awesome's script).
ICONS_SHOWN = """() => [...document.querySelectorAll('.bd-header-article i[class*="fa-"], .bd-header-article span[class*="fa-"]')]
  .filter(i => i.offsetParent !== null)
  .map(i => { const s = getComputedStyle(i, '::before');
              return [i.className, parseFloat(s.width), parseFloat(s.height), s.maskImage || s.webkitMaskImage]; })"""


def test_the_theme_switch_turns_the_page_dark_and_its_icons_are_drawn(browser):
    context, page, blocked, errors = visit(browser, "book/trade.html", "laptop")
    try:
        icons = page.evaluate(ICONS_SHOWN)
        assert len(icons) >= 4, icons
        assert all(width > 4 and height > 4 and image.startswith('url("data:image/svg+xml')
                   for _, width, height, image in icons), icons
        modes = []
        for _ in range(3):  # the switch cycles through light, auto (light, on this browser) and dark
            page.locator("button.theme-switch-button").first.click()
            modes.append(page.evaluate("() => document.documentElement.dataset.theme"))
            if modes[-1] == "dark":
                break
        assert modes[-1] == "dark", modes
        assert page.evaluate("() => window.localStorage.getItem('mode')") == "dark"
        assert not blocked and not errors
    finally:
        context.close()


def test_the_search_page_finds_a_word_offline(browser):
    context = browser.new_context()
    blocked, errors = [], []
    context.route(re.compile(r"^(?!file:).*"), lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((HTML / "search.html").as_uri() + "?q=Busan")
        page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0", timeout=20000)
        found = page.locator("#search-results li a").first.get_attribute("href")
        assert found and "book/" in found
        # Sphinx's search fetches each found page for a summary under its link, which a page opened from disk may
        # not do (Chromium refuses fetch() of file:// addresses): the links are there, the summaries are not
        assert not blocked and not [e for e in errors if e != "Failed to fetch"], errors
    finally:
        context.close()
