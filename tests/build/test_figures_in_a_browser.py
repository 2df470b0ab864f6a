"""Figures 2.1 (trade), 3.1 (LNG suppliers), 5.1 (the timeline) and the map, as drawn in Debian's Chromium at a
phone's and a laptop's width, in the theme's light and dark modes.

Each figure's element screenshot is kept as _build/screenshots/figure-<name>-<width>-<mode>.png for a person to look
at; the test fails if two text elements of a chart's drawing overlap, or if any text lies outside the drawing.
"""

import re

import pytest

from tests.conftest import ROOT

HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
WIDTHS = {390: 844, 1366: 900}
MODES = ("light", "dark")
#: Each figure: its page and its label (the id of its <figure> element).
FIGURES = {"trade": ("book/trade.html", "fig-trade-series"), "gas": ("book/gas.html", "fig-lng-suppliers"),
           "pressure": ("book/pressure.html", "fig-timeline"), "map": ("book/rails.html", "fig-projects-map")}

playwright = pytest.importorskip("playwright.sync_api")

#: Every line of text of the chart's drawing that overlaps another, or that is not inside the drawing. A line is a
#: <text> element, or each of its <tspan>s (a wrapped title). Boxes are the font's line boxes less a sixth of their
#: height at top and bottom (ascender and descender room that holds no ink: two lines of a legend touch there) and
#: half a pixel at the sides. Empty texts and the hidden ones are skipped.
TEXT_CLASHES = """(figure) => {
  const svg = figure.querySelector('.rk35-chart svg.marks');
  const frame = svg.getBoundingClientRect();
  const lines = [];
  for (const t of svg.querySelectorAll('text')) {
    const style = getComputedStyle(t);
    if (!t.textContent.trim() || style.visibility === 'hidden' || style.display === 'none'
        || Number(style.opacity) === 0 || Number(style.fillOpacity) === 0) continue;
    const parts = t.querySelectorAll('tspan').length ? [...t.querySelectorAll('tspan')] : [t];
    for (const part of parts) {
      const box = part.getBoundingClientRect();
      if (part.textContent.trim() && box.width > 0 && box.height > 0) lines.push({text: part.textContent.trim(), box: box});
    }
  }
  const out = [], clashes = [];
  for (const line of lines) {
    const b = line.box;
    if (b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1)
      out.push(line.text);
  }
  const inner = b => ({left: b.left + 0.5, right: b.right - 0.5, top: b.top + b.height / 6, bottom: b.bottom - b.height / 6});
  for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) {
    const a = inner(lines[i].box), b = inner(lines[j].box);
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      clashes.push(lines[i].text + ' / ' + lines[j].text);
  }
  return {count: lines.length, out: out, clashes: clashes};
}"""
#: The theme's sticky header and its skip link, hidden for the screenshot (they would cover a tall figure's top).
NO_HEADER = "header.bd-header, .bd-header-article, .skip-link { visibility: hidden !important; }"



def open_figure(browser, page_path, figure_id, width, mode):
    """The page offline at a width and in a mode (the reader's system setting and the theme's stored choice, set
    before the page loads); returns the context, the page and the figure element, its chart drawn."""
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, color_scheme=mode)
    context.add_init_script(f"window.localStorage.setItem('mode', '{mode}'); "
                            f"window.localStorage.setItem('theme', '{mode}');")
    context.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())
    page = context.new_page()
    page.goto((HTML / page_path).as_uri())
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    figure = page.locator(f"figure#{figure_id}")  # a figure's label is its id
    figure.locator(".rk35-chart svg.marks").wait_for(timeout=20000)
    figure.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # the layout's redraw after a width change settles
    return context, page, figure


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(FIGURES))
def test_the_figure_draws_its_text_apart_and_inside(browser, name, width, mode):
    page_path, figure_id = FIGURES[name]
    context, page, figure = open_figure(browser, page_path, figure_id, width, mode)
    try:
        if mode == "dark":
            assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.add_style_tag(content=NO_HEADER)
        figure.screenshot(path=str(SHOTS / f"figure-{name}-{width}-{mode}.png"))
        found = figure.evaluate(TEXT_CLASHES)
        assert found["count"] >= 10, f"{name}: only {found['count']} text elements drawn"
        assert not found["out"] and not found["clashes"], (
            f"{name}: text outside the drawing: {found['out'][:5]}; overlapping text: {found['clashes'][:8]}")
    finally:
        context.close()
