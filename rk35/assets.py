"""What each HTML page loads: the scripts and stylesheets of the features it uses, and no others.

Jupyter Book and its theme load on every page the files of every feature they offer: the chart bundle (880 KB,
the book's own), Font Awesome's script (1.5 MB, to draw about fifteen icons), the search index and its tools (for
a search-as-you-type the book has switched off), and the copy, toggle, tab and live-code buttons. Here a page
keeps a feature's files only when its body uses the feature, and the theme's icons are drawn by a small stylesheet
made from the theme's own copy of Font Awesome, holding only the icons the pages show.

No Sphinx here: rk35.sphinx_ext calls these functions from its handlers.
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import quote

#: A page that draws a chart (rk35.charts writes each into a div of this class).
CHART = re.compile(r'<div id="[^"]+" class="rk35-chart"')
#: A page with the claims register (rk35/js/register.js makes it sortable and filterable).
REGISTER = re.compile(r'<table\b[^>]*\bid="tbl-register"')

#: Each optional feature of Jupyter Book's: how a page's body shows that it uses it, its files, and the words that
#: name it in the inline scripts that configure it.
FEATURES: dict[str, tuple[re.Pattern, frozenset[str], tuple[str, ...]]] = {
    "code": (re.compile(r"<pre\b"), frozenset({"pygments.css", "copybutton.css", "clipboard.min.js", "copybutton.js"}),
             ()),
    "toggles": (re.compile(r'class="[^"]*\b(?:toggle|dropdown)\b'), frozenset({"togglebutton.css", "togglebutton.js"}),
                ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector")),
    "tabs": (re.compile(r'class="[^"]*\bsd-tab-set\b'), frozenset({"design-tabs.js"}), ()),
    "live code": (re.compile(r'class="[^"]*\bthebe'), frozenset({"sphinx-thebe.css", "sphinx-thebe.js"}),
                  ("THEBE_JS_URL",)),
}


def unused(body: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The file names (without folders) and the inline-script words of the features a page's body does not use."""
    files: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    for mark, feature_files, feature_words in FEATURES.values():
        if not mark.search(body):
            files |= feature_files
            words += feature_words
    return files, words


def keeps(asset, files: frozenset[str], words: tuple[str, ...]) -> bool:
    """Whether a page keeps one of Sphinx's script or stylesheet entries (an object with .filename, or a name)."""
    name = getattr(asset, "filename", asset) or ""
    if name.rsplit("/", 1)[-1].split("?", 1)[0] in files:
        return False
    body = (getattr(asset, "attributes", None) or {}).get("body", "")
    return not any(word in body for word in words)


#: The theme's script tag for Font Awesome (pydata-sphinx-theme's webpack-macros.html writes it into every page).
FONT_AWESOME_SCRIPT = re.compile(r'<script defer src="(?P<root>(?:\.\./)*)_static/scripts/fontawesome\.js\?[^"]*">'
                                 r"</script>")
#: The theme's search tools, loaded on every page for a search-as-you-type that the book does not switch on; the
#: search page (search.html) loads its own.
SEARCH_SCRIPTS = re.compile(r'\s*<script src="(?:\.\./)*(?:_static/searchtools\.js|_static/language_data\.js|'
                            r'searchindex\.js)"></script>')
#: The icons a page shows: Font Awesome's markup, an element with the classes fa-solid/fas and fa-<name>.
ICON_ELEMENT = re.compile(r'<(?:i|span)\b[^>]*\bclass="([^"]*\bfa(?:s|-solid)\b[^"]*)"')
#: Font Awesome's classes that are not an icon's name.
NOT_ICONS = {"fa-solid", "fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-xl", "fa-2x"}
ICON_CSS = "rk35-icons.css"


def icons_shown(page: str) -> set[str]:
    """The names of the solid Font Awesome icons a page shows."""
    names = set()
    for classes in ICON_ELEMENT.findall(page):
        names |= {c.removeprefix("fa-") for c in classes.split() if c.startswith("fa-") and c not in NOT_ICONS}
    return names


def solid_icons(font_awesome: str) -> dict[str, tuple[int, int, str]]:
    """Font Awesome's solid icons (width, height, SVG path) from its script: the pack it defines as "fas"."""
    packs = re.finditer(r'var \w+=(\{"?[\w-]+"?:\[\d+,\d+,\[.*?\]\});?!function.{0,300}?\("(fa[srb])",\w+\)',
                        font_awesome, re.DOTALL)
    for pack in packs:
        if pack.group(2) == "fas":
            # a JavaScript object of arrays: quote its bare keys to read it as JSON
            icons = json.loads(re.sub(r'([{,])([\w$]+):\[', r'\1"\2":[', pack.group(1)))
            return {name: (icon[0], icon[1], icon[4] if isinstance(icon[4], str) else icon[4][-1])
                    for name, icon in icons.items()}
    raise ValueError("no solid icon pack found in Font Awesome's script")


def icon_css(names: set[str], font_awesome: str) -> str:
    """A stylesheet that draws each named icon as a mask in the text's colour (so it follows the theme's modes), at
    Font Awesome's own size: one em high, as wide as the icon."""
    icons = solid_icons(font_awesome)
    missing = sorted(names - set(icons))
    if missing:
        raise ValueError(f"icons not in Font Awesome's solid pack: {missing}")
    def icon(name: str) -> str:  # above the theme's own rule for the icon's glyph (.fa-<name>:before)
        return f":is(.fa-solid, .fas).fa-{name}::before"

    selectors = ", ".join(icon(name) for name in sorted(names))
    lines = [("/* Font Awesome Free's solid icons (icons CC BY 4.0; see the theme's _static/scripts/fontawesome.js."
             "LICENSE.txt), only those the pages show, drawn from the theme's own copy by rk35/assets.py. */"),
             (f"{selectors} {{ content: \"\"; display: inline-block; height: 1em; vertical-align: -0.125em; "
             "background-color: currentColor; -webkit-mask: var(--rk35-icon) center / contain no-repeat; "
             "mask: var(--rk35-icon) center / contain no-repeat; }")]
    for name in sorted(names):
        width, height, path = icons[name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        lines.append(f"{icon(name)} {{ width: {width / height:.4g}em; "
                     f"--rk35-icon: url(\"data:image/svg+xml,{quote(svg, safe=' =/:.,-')}\"); }}")
    return "\n".join(lines) + "\n"


def finished_page(page: str, is_search_page: bool, icons: str) -> str:
    """A built page with the theme's Font Awesome script replaced by the icon stylesheet (its text `icons`, whose
    digest names its version) and, except on the search page, without the search tools."""
    digest = hashlib.sha256(icons.encode("utf-8")).hexdigest()[:8]

    def stylesheet(found: re.Match) -> str:
        return f'<link rel="stylesheet" type="text/css" href="{found["root"]}_static/{ICON_CSS}?v={digest}" />'

    page = FONT_AWESOME_SCRIPT.sub(stylesheet, page)
    return page if is_search_page else SEARCH_SCRIPTS.sub("", page)
