"""The book's chart theme and its one renderer.

`render(chart)` returns a figure whose output bundle holds
- text/html: a div with an id derived from the spec, and a script that draws
  it with vega-embed from the book's own static bundle (no CDN);
- image/png: the same chart drawn by vl-convert, which the PDF uses;
- text/plain: the title, for nbval and terminals.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import altair as alt
import vl_convert as vlc

from rk35.text import script_json

#: Okabe-Ito, a colour-blind-safe palette. The same colour means the same thing in every chapter.
REPORTER_COLOURS = {
    "Korean-reported": "#0072B2",
    "Russian-reported": "#D55E00",
    "Other / basis unclear": "#7F7F7F",
}
VERDICT_COLOURS = {
    "holds": "#009E73",
    "holds approximately": "#56B4E9",
    "partly holds": "#E69F00",
    "does not hold": "#CC79A7",
    "not verifiable with the sources found": "#7F7F7F",
    "context only": "#000000",
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


def theme() -> dict:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 620, "continuousHeight": 320, "stroke": None},
            "range": {"category": PALETTE},
            "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12, "subtitleColor": "#444444"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "direction": "vertical", "labelLimit": 360,
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


def titled(chart: alt.TopLevelMixin, title: str, subtitle: str | list[str], source: str) -> alt.VConcatChart:
    """Title (the finding), subtitle (what is plotted) and a source line under the chart."""
    described = " ".join([title + "."] + ([subtitle] if isinstance(subtitle, str) else list(subtitle)))
    return alt.vconcat(chart.properties(title=alt.Title(title, subtitle=subtitle))).properties(
        description=described,  # the chart's text alternative (vega sets it as the drawing's aria-label)
        title=alt.Title(
            "Source: " + source, orient="bottom", anchor="start", fontSize=10, fontWeight="normal", color="#444444"
        )
    )


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


def _html(spec: dict, div_id: str) -> str:
    payload = script_json(spec)
    return (
        f'<div id="{div_id}" class="rk35-chart"></div>\n'
        "<script>(function () {\n"
        f"  var spec = {payload};\n"
        "  function draw() {\n"
        f'    window.vegaEmbed("#{div_id}", spec, {{renderer: "svg", actions: {{export: true, source: false, '
        "compiled: false, editor: false}}).then(function () {\n"
        f'      var menu = document.querySelector("#{div_id} summary");\n'
        '      if (menu) { menu.setAttribute("aria-label", "Chart actions: save as SVG or PNG"); }\n'
        "    }).catch(function (e) {\n"
        f'      document.getElementById("{div_id}").textContent = "Chart failed to draw: " + e;\n'
        "    });\n"
        "  }\n"
        "  function ready() {\n"
        "    var fonts = document.fonts ? Promise.all([document.fonts.load('400 12px \"" + FONT_FAMILY + "\"'), "
        "document.fonts.load('700 12px \"" + FONT_FAMILY + "\"')]) : Promise.resolve();\n"
        "    fonts.then(draw, draw);\n"
        "  }\n"
        f'  if (window.vegaEmbed) {{ ready(); }} else {{ window.addEventListener("{READY_EVENT}", ready, {{once: true}}); }}\n'
        "})();</script>"
    )


class Figure:
    """An altair chart rendered for the book: interactive HTML plus a PNG."""

    def __init__(self, chart) -> None:
        self.spec = spec_of(chart)
        self.id = chart_id(self.spec)
        self.title = _title_text(self.spec)
        self.png = vlc.vegalite_to_png(self.spec, scale=PNG_SCALE)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": _html(self.spec, self.id),
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


def render(chart) -> Figure:
    return Figure(chart)


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
