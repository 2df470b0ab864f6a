"""The chart font travels with the project: PNGs are the same whatever fonts the machine has."""

import hashlib
import json
import subprocess
import sys

import pytest

from rk35 import charts
from tests.conftest import ROOT

#: Renders a vega-lite spec (a JSON file) to PNG in a fresh process; prints the PNG's sha256.
RENDER = """
import hashlib, json, sys
import vl_convert as vlc
if sys.argv[2] == "register":
    vlc.register_font_directory(sys.argv[3])
spec = json.load(open(sys.argv[1], encoding="utf-8"))
print(hashlib.sha256(vlc.vegalite_to_png(spec, scale=2)).hexdigest())
"""


def test_the_vendored_font_files_match_their_manifest():
    manifest = json.loads((charts.FONT_DIR / "fonts.json").read_text(encoding="utf-8"))
    assert manifest["family"] == charts.FONT_FAMILY and manifest["license"]["name"] == "OFL-1.1"
    for name, entry in manifest["files"].items():
        content = (charts.FONT_DIR / name).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"], name
        assert len(content) == entry["bytes"], name
    on_disk = {p.name for p in charts.FONT_DIR.iterdir()} - {"fonts.json"}
    assert on_disk == set(manifest["files"]), "a font file is not in the manifest, or a listed one is missing"
    assert charts.theme()["config"]["font"] == charts.FONT == "Source Sans Pro"


@pytest.fixture(scope="module")
def no_system_fonts(tmp_path_factory):
    """A scratch fontconfig whose only font directory is empty: it hides every font the machine has."""
    folder = tmp_path_factory.mktemp("fontconfig")
    (folder / "empty").mkdir()
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{folder / 'empty'}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8")
    return config


def _render(spec_file, env_extra, register=True):
    import os

    env = {**os.environ, **env_extra}
    args = [sys.executable, "-c", RENDER, str(spec_file), "register" if register else "none", str(charts.FONT_DIR)]
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout.strip()


def test_a_chart_renders_to_the_same_png_with_and_without_the_machines_fonts(tmp_path, no_system_fonts):
    from rk35.data import load
    from rk35.topics import trade as T

    spec_file = tmp_path / "trade.json"
    article = T.article_points(load("claims"), ["trade-2022-total", "trade-2024-total"])
    spec_file.write_text(json.dumps(charts.spec_of(T.trade_chart(load("trade"), load("sources"), article))))
    with_machine_fonts = _render(spec_file, {})
    without = _render(spec_file, {"FONTCONFIG_FILE": str(no_system_fonts)})
    assert with_machine_fonts == without
    # and the text really is drawn with the vendored font: without it, and with the system fonts hidden,
    # the same spec renders differently (no text at all)
    bare = _render(spec_file, {"FONTCONFIG_FILE": str(no_system_fonts)}, register=False)
    assert bare != without


def test_the_html_charts_get_the_same_font_from_the_site():
    css = charts.font_css()
    assert css.count("@font-face") == 2 and 'font-family: "Source Sans Pro"' in css
    assert "data:font/woff2;base64," in css and "http" not in css
    html = charts.render(charts.titled(__import__("altair").Chart().mark_point(), "T", "S", "x"))._repr_mimebundle_()["text/html"]
    assert "document.fonts.load" in html and charts.FONT_FAMILY in html
    assert (ROOT / "rk35" / "fonts" / "OFL-LICENSE.md").exists()


def test_vega_measures_text_with_the_vendored_font():
    """Layout (legend columns, axis offsets) depends on measured text widths: a family vl-convert cannot measure
    falls back to an estimate. The vendored family must measure differently from an unknown one."""
    import re

    import vl_convert as vlc

    def width(font):
        spec = {"data": {"values": [{"a": "x", "b": 1234567}]}, "mark": "bar", "config": {"font": font},
                "encoding": {"y": {"field": "a", "type": "nominal", "title": "WWWWWWWWWW Korean-reported"},
                             "x": {"field": "b", "type": "quantitative"}}}
        return float(re.search(r'<svg[^>]*width="([0-9.]+)"', vlc.vegalite_to_svg(spec)).group(1))

    assert width(charts.FONT) != width("No Such Font Family")
