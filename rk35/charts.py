"""The book's chart theme and its one renderer.

`render(build, *args)` draws a chart in two layouts: `build(*args, width=PAGE)` for the page and for print, and
`build(*args, width=PHONE)` for a phone (panels stacked, text wrapped). Its output bundle holds
- text/html: a div with an id derived from the specs, a script that draws the layout that fits the div's width
  with vega-embed from the book's own static bundle (no CDN) and draws again when the width crosses over, and a
  link to the values the chart draws, as CSV;
- image/png: the page layout drawn by vl-convert, which the PDF uses;
- text/plain: the title, for nbval and terminals.

Sizes: the PDF sets every chart at its text width (452 pt on A4). A page layout at most PAGE px wide, with text of
at least MIN_FONT px, therefore prints its smallest text at 452 * 11 / 700 = 7.1 pt or more (tests/test_charts.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from pathlib import Path

import altair as alt
import vl_convert as vlc

from rk35.settings import edition
from rk35.text import csv_text, html, script_json

#: Okabe-Ito, a colour-blind-safe palette. The same colour means the same thing in every chapter.
REPORTER_COLOURS = {
    "Korean-reported": "#0072B2",
    "Russian-reported": "#D55E00",
    "Other / basis unclear": "#7F7F7F",
}
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
#: The one chart typeface, vendored in rk35/fonts (see fonts.json there: package, version, licence, checksums).
FONT_FAMILY = "Source Sans Pro"
FONT = FONT_FAMILY
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {400: "SourceSansPro-Regular", 700: "SourceSansPro-Bold"}
READY_EVENT = "rk35-vega-ready"
BUNDLE_NAME = "rk35-vega.js"
FONT_CSS_NAME = "rk35-fonts.css"
PNG_SCALE = 2
#: The widest a chart's page layout may be, in CSS px (the book's column is about 740 px at 1366 px).
PAGE = 700
#: The widest its phone layout may be (the column is about 340 px on a 390-px phone).
PHONE = 330
#: The smallest text a chart may use, in CSS px: 7.1 pt in print at PAGE px.
MIN_FONT = 11
#: The PDF's text width in pt (A4, Sphinx's 1-inch margins), at which every chart PNG is set.
PRINT_WIDTH_PT = 452
#: The tallest a chart may print, in pt: its caption must still fit on the page (the text height is about 700 pt).
PRINT_HEIGHT_PT = 600


def theme() -> dict:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 620, "continuousHeight": 320, "stroke": None},
            "range": {"category": PALETTE},
            "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12, "subtitleColor": "#444444"},
            "axis": {"labelFontSize": MIN_FONT, "titleFontSize": 12, "gridColor": "#e6e6e6"},
            "text": {"fontSize": MIN_FONT},
            "header": {"labelFontSize": MIN_FONT, "titleFontSize": 12},
            "legend": {"labelFontSize": MIN_FONT, "titleFontSize": 12, "orient": "bottom", "direction": "vertical", "labelLimit": 360,
                       "columns": 2},
            "background": "white",
        }
    }


alt.theme.register("rk35", enable=True)(theme)

# Register the vendored font before any PNG is drawn: the PNGs then never depend on the machine's fonts.
vlc.register_font_directory(str(FONT_DIR))


def font_css() -> str:
    """@font-face rules for the HTML charts: the vendored WOFF2 files as data URIs (a file:// page may not
    load a font file from disk in Chromium, so the font travels inside the stylesheet)."""
    rules = []
    for weight, stem in FONT_FILES.items():
        data = base64.b64encode((FONT_DIR / f"{stem}.woff2").read_bytes()).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: {weight}; '
                     f'font-display: block; src: url("data:font/woff2;base64,{data}") format("woff2"); }}')
    return "/* Source Sans Pro (SIL Open Font License 1.1), vendored in rk35/fonts. */\n" + "\n".join(rules) + "\n"


def wrap(text: str, width: int, font_size: float, bold: bool = False) -> list[str]:
    """Text broken into lines that fit `width` px at `font_size` (vega does not wrap titles by itself). The
    average glyph of the chart font is about half an em wide; bold a little wider."""
    import textwrap

    per_line = max(12, int(width / (font_size * (0.56 if bold else 0.5))))
    return textwrap.wrap(text, per_line, break_on_hyphens=False)


def titled(chart: alt.TopLevelMixin, title: str, subtitle: str | list[str], source: str,
           width: int = PAGE) -> alt.VConcatChart:
    """Title (the finding), subtitle (what is plotted) and a source line under the chart, each wrapped to `width`
    px. Narrower than the page, legends list their entries in one column."""
    subtitle = " ".join([subtitle] if isinstance(subtitle, str) else list(subtitle))
    described = f"{title}. {subtitle}"
    framed = alt.vconcat(chart.properties(title=alt.Title(wrap(title, width, 15, bold=True),
                                                          subtitle=wrap(subtitle, width, 12)))).properties(
        description=described,  # the chart's text alternative (vega sets it as the drawing's aria-label)
        title=alt.Title(
            wrap("Source: " + source, width, MIN_FONT), orient="bottom", anchor="start", fontSize=MIN_FONT,
            fontWeight="normal", color="#444444"
        )
    )
    if width < PAGE:
        framed = framed.configure_legend(columns=1, labelLimit=width - 40)
    return framed


def spec_of(chart) -> dict:
    """The chart's vega-lite spec. Not validated here (altair's schema check costs seconds on the map's inline
    basemap, at every execution): tests/test_charts.py validates the spec of every chart the book draws, and
    vl-convert compiles each one for its PNG, which fails loudly on an invalid spec."""
    spec = chart.to_dict(validate=False)
    spec.pop("$schema", None)  # a URL in the page, and vega-embed does not need it
    return spec


def chart_id(spec: dict) -> str:
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    return "rk35-chart-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def stacked_legends(spec: dict) -> dict:
    """A chart's legends one above the other under it, rather than side by side, where they would make the chart
    wider than the page (a Vega layout option that vega-lite passes through but its schema does not type, so it
    is set on the spec)."""
    spec.setdefault("config", {}).setdefault("legend", {})["layout"] = {"bottom": {"direction": "vertical", "anchor": "start"}}
    return spec


#: The column that marks a frame drawn only for the chart's layout (label positions, leader lines, axis ticks).
LAYOUT_COLUMN = "layout"


def layout_only(frame, what: str):
    """A frame that places a chart's text or lines rather than holding its values (`what` says which): drawn like
    any other, but not offered as the chart's data."""
    return frame.assign(**{LAYOUT_COLUMN: what})


def data_tables(spec: dict) -> list[list[dict]]:
    """The tables of values a chart draws (its datasets of rows; not the basemap's outlines, nor the frames that only
    place its labels and lines: `layout_only`)."""
    by_columns: dict[tuple, list[dict]] = {}  # tables with the same columns (panels of one frame) become one
    for _, rows in sorted(spec.get("datasets", {}).items()):
        if (isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)
                and not any(LAYOUT_COLUMN in r for r in rows)):
            merged = by_columns.setdefault(tuple(dict.fromkeys(k for r in rows for k in r)), [])
            merged.extend(r for r in rows if r not in merged)
    tables = sorted(by_columns.values(), key=len, reverse=True)
    # the largest first; a table whose rows are all in a larger one is left out
    kept: list[list[dict]] = []
    for rows in tables:
        if not any(all(row in larger for row in rows) for larger in kept):
            kept.append(rows)
    return kept


def data_csv(rows: list[dict]) -> str:
    """One table of chart values as CSV (columns in order of first appearance, then the book's edition and its date,
    which every download carries), refusing spreadsheet formulas."""
    at = edition()
    rows = [{**row, "edition": at.number, "edition_date": at.date} for row in rows]
    return csv_text(rows, list(dict.fromkeys(key for row in rows for key in row)), "chart data")


def _data_links(spec: dict, div_id: str) -> str:
    tables = data_tables(spec)
    links = [f'<a download="{div_id}-{i}.csv" title="{html(", ".join(dict.fromkeys(k for r in rows for k in r)))}" '
             'href="data:text/csv;charset=utf-8;base64,'
             f'{base64.b64encode(data_csv(rows).encode("utf-8")).decode("ascii")}">'
             f'{"table " + str(i) if len(tables) > 1 else "the values drawn"} (CSV)</a>'
             for i, rows in enumerate(tables, start=1)]
    if not links:
        return ""
    return f'<p class="rk35-chart-data">Data: {", ".join(links)}</p>\n'


def shared_datasets(*specs: dict) -> tuple[dict, list[dict]]:
    """The specs' datasets in one dict, and the specs without them: the layouts draw the same data (altair names a
    dataset by a hash of its content), so the page carries it once."""
    shared: dict = {}
    for spec in specs:
        for name, values in spec.get("datasets", {}).items():
            if shared.setdefault(name, values) != values:
                raise ValueError(f"two layouts of one chart carry different data under the name {name!r}")
    return shared, [{k: v for k, v in spec.items() if k != "datasets"} for spec in specs]


def _html(page: dict, phone: dict | None, div_id: str, page_width: int) -> str:
    datasets, layouts = shared_datasets(page, *([phone] if phone else []))
    specs = script_json({"datasets": datasets, "page": layouts[0], "phone": layouts[1] if phone else None})
    return (
        f'<div id="{div_id}" class="rk35-chart"></div>\n'
        + _data_links(page, div_id)
        + "<script>(function () {\n"
        f"  var specs = {specs}, shown = null, view = null, id = \"{div_id}\";\n"
        f"  var PAGE_WIDTH = {page_width};  // the page layout's width, with the actions button beside it\n"
        "  function layout() {\n"
        "    var box = document.getElementById(id);\n"
        "    return specs.phone && box.clientWidth < PAGE_WIDTH ? \"phone\" : \"page\";\n"
        "  }\n"
        "  function draw() {\n"
        "    var which = layout();\n"
        "    if (which === shown) { return; }\n"
        "    shown = which;\n"
        "    if (view) { view.finalize(); view = null; }\n"
        "    var actions = which === \"page\" ? {export: true, source: false, compiled: false, editor: false} : false;\n"
        "    var spec = Object.assign({datasets: specs.datasets}, specs[which]);\n"
        '    window.vegaEmbed("#" + id, spec, {renderer: "svg", actions: actions}).then(function (result) {\n'
        "      view = result.view;\n"
        '      var menu = document.querySelector("#" + id + " summary");\n'
        '      if (menu) { menu.setAttribute("aria-label", "Chart actions: save as SVG or PNG"); }\n'
        "    }).catch(function (e) {\n"
        '      document.getElementById(id).textContent = "Chart failed to draw: " + e;\n'
        "    });\n"
        "  }\n"
        "  var pending = null;\n"
        "  function resized() { clearTimeout(pending); pending = setTimeout(draw, 150); }\n"
        "  function ready() {\n"
        "    var fonts = document.fonts ? Promise.all([document.fonts.load('400 12px \"" + FONT_FAMILY + "\"'), "
        "document.fonts.load('700 12px \"" + FONT_FAMILY + "\"')]) : Promise.resolve();\n"
        "    fonts.then(draw, draw);\n"
        '    window.addEventListener("resize", resized);\n'
        "  }\n"
        f'  if (window.vegaEmbed) {{ ready(); }} else {{ window.addEventListener("{READY_EVENT}", ready, {{once: true}}); }}\n'
        "})();</script>"
    )


class Figure:
    """An altair chart rendered for the book: interactive HTML (a page and a phone layout) plus a PNG."""

    def __init__(self, chart, phone=None) -> None:
        self.spec = stacked_legends(spec_of(chart))
        self.phone = stacked_legends(spec_of(phone)) if phone is not None else None
        self.id = chart_id({"page": self.spec, "phone": self.phone} if self.phone else self.spec)
        self.title = _title_text(self.spec)
        self.png = vlc.vegalite_to_png(self.spec, scale=PNG_SCALE)
        # the page layout's size in CSS px, as drawn (a PNG's header holds its width and height in pixels)
        self.width, self.height = (pixels // PNG_SCALE for pixels in struct.unpack(">II", self.png[16:24]))

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": _html(self.spec, self.phone, self.id, self.width + 40),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"<Figure {self.id}: {self.title}>",
        }

    def __repr__(self) -> str:
        return f"<Figure {self.id}: {self.title}>"


def _title_text(spec: dict) -> str:
    for part in [spec, *spec.get("vconcat", [])]:
        title = part.get("title")
        if isinstance(title, dict) and not title.get("orient"):
            text = title.get("text")
            return text if isinstance(text, str) else " ".join(text)
    return "untitled chart"


def render(build, *args, **kwargs) -> Figure:
    """A chart for the book. `build` is a chart function with a `width` parameter (then it is drawn at PAGE and at
    PHONE width), or a finished chart (drawn as it is, in one layout)."""
    if isinstance(build, alt.TopLevelMixin):
        return Figure(build)
    return Figure(build(*args, width=PAGE, **kwargs), build(*args, width=PHONE, **kwargs))


def javascript_bundle() -> str:
    """vega, vega-lite and vega-embed in one classic script; announces itself with READY_EVENT.

    Wrapped in a function so that its top-level names stay private, and loaded as a
    classic deferred script (module scripts are blocked on file:// pages).
    """
    bundle = vlc.javascript_bundle(
        f"window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite; "
        f"window.dispatchEvent(new Event('{READY_EVENT}'));",
        vl_version=alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0],
    )
    return "(function () {\n" + bundle + "\n})();\n"
