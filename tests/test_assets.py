"""What a page loads (rk35.assets): a feature's files only where the page uses it; the theme's icons from a
stylesheet made from its own copy of Font Awesome."""

from pathlib import Path
from types import SimpleNamespace

import pydata_sphinx_theme
import pytest

from rk35 import assets

FONT_AWESOME = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts"
                / "fontawesome.js")


def script(filename, body=""):
    return SimpleNamespace(filename=filename, attributes={"body": body} if body else {})


def test_a_page_keeps_only_the_features_its_body_uses():
    files, words = assets.unused("<p>Prose and a table.</p>")
    assert {"copybutton.js", "clipboard.min.js", "pygments.css", "togglebutton.js", "sphinx-thebe.js",
            "design-tabs.js"} <= files
    assert not assets.keeps(script("_static/copybutton.js"), files, words)
    assert not assets.keeps("sphinx-thebe.css", files, words)
    assert not assets.keeps(script(None, 'const THEBE_JS_URL = "x"'), files, words)
    assert not assets.keeps(script(None, "let toggleHintShow = 'Click to show';"), files, words)
    assert assets.keeps(script("scripts/sphinx-book-theme.js"), files, words)
    assert assets.keeps(script(None, "DOCUMENTATION_OPTIONS.pagename = 'book/trade';"), files, words)
    with_code, _ = assets.unused('<div class="highlight"><pre>x = 1</pre></div>')
    assert "copybutton.js" not in with_code and "pygments.css" not in with_code


def test_a_page_with_a_chart_or_the_register_is_recognised():
    assert assets.CHART.search('<div id="chart-1a2b" class="rk35-chart"></div>')
    assert not assets.CHART.search('<p>See the chart (class="rk35-chart" in the code).</p>')
    assert assets.REGISTER.search('<table tabindex="0" class="table" id="tbl-register">')


def test_the_icons_are_drawn_from_the_theme_s_font_awesome():
    font_awesome = FONT_AWESOME.read_text(encoding="utf-8")
    icons = assets.solid_icons(font_awesome)
    assert len(icons) > 1000 and icons["bars"][:2] == (448, 512) and icons["moon"][2].startswith("M")
    css = assets.icon_css({"bars", "moon"}, font_awesome)
    assert css.count("--rk35-icon: url(\"data:image/svg+xml,") == 2 and "fa-sun" not in css
    assert "//" not in css.replace("http://www.w3.org/2000/svg", "")  # nothing from another host: the icons are inline
    with pytest.raises(ValueError, match="no-such-icon"):
        assets.icon_css({"no-such-icon"}, font_awesome)


def test_the_icons_a_page_shows_are_found():
    page = ('<i class="theme-switch fa-solid fa-sun                fa-lg" data-mode="light"></i>'
            '<span class="fa-solid fa-bars"></span><i class="fas fa-file-pdf"></i><i class="fa-brands fa-github"></i>')
    assert assets.icons_shown(page) == {"sun", "bars", "file-pdf"}


def test_a_finished_page_loads_the_icon_stylesheet_and_no_search_tools_but_on_the_search_page():
    page = ('<script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>\n'
            '<script src="../_static/searchtools.js"></script>\n<script src="../_static/language_data.js"></script>\n'
            '<script src="../searchindex.js"></script>\n<script src="../_static/doctools.js?v=9a2d"></script>')
    finished = assets.finished_page(page, False, "/* icons */")
    assert "fontawesome.js" not in finished and "searchtools" not in finished and "searchindex" not in finished
    assert '<link rel="stylesheet" type="text/css" href="../_static/rk35-icons.css?v=' in finished
    assert "doctools.js" in finished
    assert "searchindex.js" in assets.finished_page(page, True, "/* icons */")
