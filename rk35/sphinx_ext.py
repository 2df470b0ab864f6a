"""Sphinx extension: where the book meets Sphinx (with its LaTeX writer, rk35.sphinx_latex). It reads the whole book (rk35.book) once per build.

Writes the vega bundle into the HTML output's _static folder (generated from the pinned vl-convert, so nothing is
fetched and nothing generated is committed) and adds it, with the chart font (the vendored Source Sans Pro, embedded
in a stylesheet), as a deferred script to the pages that draw a chart; keeps on each page only the scripts and
stylesheets of the features it uses, and draws the theme's icons without Font Awesome's script (rk35.assets); adds
the verdict styles (generated from rk35.verdicts.LOOK, as
are the PDF's verdict box colours), the downloads, each chapter's ClaimReview records, and every page's description
and Open Graph metadata (its title and what it found); sets the edition on the PDF's title page.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docutils import nodes

from rk35 import assets, charts, downloads, editions
from rk35.book import CHAPTERS, Book
from rk35.chapter import checked_summary
from rk35.fmt import date
from rk35.render import latex_box_colours, verdict_css
from rk35.settings import edition
from rk35.sphinx_latex import appendix_letters, latex_translator
from rk35.text import script_json
from rk35.verdicts import Verdict

STATIC = Path(__file__).resolve().parent / "static"
#: Where the downloadable register goes in the HTML output (under _static).
REGISTER_FOLDER = "data"


def json_ld(record: dict) -> str:
    """A JSON-LD script element (the JSON escaped so that no text can close the element)."""
    return f'<script type="application/ld+json">{script_json(record)}</script>'


def _what_the_page_draws(app, pagename, templatename, context, doctree) -> None:
    """The chart bundle and the chart font on the pages that draw a chart; the register's script on the register's."""
    body = context.get("body", "")
    if assets.CHART.search(body):
        app.builder.add_js_file(charts.BUNDLE_NAME, defer="defer")
        app.builder.add_css_file(charts.FONT_CSS_NAME)
    if assets.REGISTER.search(body):
        app.builder.add_js_file(REGISTER_SCRIPT, defer="defer")


def _only_what_the_page_uses(app, pagename, templatename, context, doctree) -> None:
    """A page keeps the scripts and stylesheets of the features its body uses (rk35.assets), one copy of each:
    Jupyter Book adds sphinx-thebe's inline setup script twice, and a second 'const THEBE_JS_URL' would be a
    JavaScript error."""
    files, words = assets.unused(context.get("body", ""))
    context["css_files"] = [sheet for sheet in context.get("css_files", []) if assets.keeps(sheet, files, words)]
    seen, unique = set(), []
    for script in context.get("script_files", []):
        if not assets.keeps(script, files, words):
            continue
        # the copies differ only in an empty file name written as None or ''
        key = (getattr(script, "filename", script) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def _claim_reviews(app, pagename, templatename, context, doctree) -> None:
    """Each chapter page carries one schema.org ClaimReview per checked claim, in its head."""
    name = pagename.removeprefix("book/")
    if not pagename.startswith("book/") or name not in CHAPTERS:
        return
    reviews = downloads.claim_reviews(app.rk35_book, name)
    if reviews:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(json_ld(r) for r in reviews)


def page_description(book: Book, pagename: str) -> str:
    """What a page found, in a sentence or two: a chapter's verdict counts; an appendix's own finding where it has
    one ("What changed"); otherwise the whole book's verdict counts. From the records the pages show."""
    name = pagename.removeprefix("book/")
    if name in CHAPTERS:
        return checked_summary(book.chapter(name).assessments, " in this chapter")
    try:
        finding = book.chapter(name).finding
    except KeyError:  # the index, the search page
        finding = ""
    return finding or checked_summary(book.assessments, " in this book")


def open_graph(title: str, description: str, site: str, kind: str = "article") -> str:
    """The description and Open Graph meta elements of a page (no og:url or og:image: the book names no address)."""
    def meta(attribute: str, name: str, content: str) -> str:
        return f'<meta {attribute}="{name}" content="{html.escape(content, quote=True)}" />'
    return "\n".join([meta("name", "description", description), meta("property", "og:title", title),
                      meta("property", "og:description", description), meta("property", "og:type", kind),
                      meta("property", "og:site_name", site)])


def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup or "")).split())


def _open_graph(app, pagename, templatename, context, doctree) -> None:
    """Every page says, when its link is shared, what it is and what it found."""
    site = _plain(context.get("docstitle") or app.config.html_title)
    title = _plain(context.get("title")) or site
    kind = "website" if pagename == app.config.root_doc else "article"
    tags = open_graph(title, page_description(app.rk35_book, pagename), site, kind)
    context["metatags"] = context.get("metatags", "") + "\n" + tags


def _root_redirect(app, exception) -> None:
    """The site's root (index.html) leads to the front page and, shared as a link, says what the front page says.
    Written before sphinx-external-toc's bare redirect (which then leaves an existing index.html alone)."""
    if exception is not None or app.builder.format != "html":
        return
    root = app.config.root_doc
    site = app.config.html_title or app.config.project  # Jupyter Book sets the book's title as html_title
    tags = open_graph(site, page_description(app.rk35_book, root), site, "website")
    target = html.escape(f"{root}.html", quote=True)
    (Path(app.outdir) / "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n<title>{html.escape(site)}</title>\n'
        f'{tags}\n<meta http-equiv="Refresh" content="0; url={target}" />\n</head>\n<body>\n'
        f'<p><a href="{target}">{html.escape(site)}</a></p>\n</body>\n</html>\n', encoding="utf-8")


#: The script that makes the claims register sortable and filterable (rk35/js/register.js, with the verdict scale).
REGISTER_SCRIPT = "rk35-register.js"
#: The verdict styles, generated from rk35.verdicts.LOOK.
VERDICT_CSS = "rk35-verdicts.css"


def register_script() -> str:
    """rk35/js/register.js with the verdict scale written in, in its order (the sort order of the verdict column)."""
    template = (Path(__file__).resolve().parent / "js" / "register.js").read_text(encoding="utf-8")
    marker = "/*VERDICT_ORDER*/[]"
    if template.count(marker) != 1:
        raise ValueError(f"rk35/js/register.js: expected one {marker}")
    return template.replace(marker, json.dumps([v.value for v in Verdict]))


def _config_inited(app, config) -> None:
    config.html_static_path = list(config.html_static_path) + [str(STATIC)]
    # the PDF's verdict boxes in the verdict colours, from the one definition of the verdicts' look; the title page's
    # edition from the one place it is set
    config.latex_elements = {**config.latex_elements, "sphinxsetup": latex_box_colours(),
                             "preamble": edition_preamble() + config.latex_elements.get("preamble", "")}
    config.today = str(date(edition().date))  # Sphinx's date (the PDF's \date): the edition's, not the build's


def edition_preamble() -> str:
    """\\rkedition, which the title page (_config.yml, maketitle) prints: the edition's number and date, as
    _config.yml sets them (rk35.edition; only digits and a month's name)."""
    return r"\newcommand{\rkedition}{" + editions.title(edition()) + "}\n"


def _builder_inited(app) -> None:
    book = Book()
    app.rk35_book = book
    app.rk35_assessed = book.assessments
    app.rk35_anchors = dict(zip(book.tables.claims["anchor"], book.tables.claims.index))
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name, text in ((charts.BUNDLE_NAME, charts.javascript_bundle()), (charts.FONT_CSS_NAME, charts.font_css()),
                       (REGISTER_SCRIPT, register_script()), (VERDICT_CSS, verdict_css())):
        target = static / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    downloads.write_register(static / REGISTER_FOLDER, book)
    downloads.write_numbers(static / REGISTER_FOLDER, book)
    app.add_css_file(VERDICT_CSS)
    app.add_css_file("rk35.css")


def _verdicts_in_claim_headings(app, doctree) -> None:
    """A claim's heading ends with its verdict ("Claim: trade in 2022 · holds approximately"): the heading of the
    section that checks it, and no other (a section does not repeat its subsections' verdicts; the print contents
    lists a claim's subsection with its verdict instead, see the LaTeX writer). Runs before Sphinx collects the
    contents (lower priority)."""
    found: dict = {}
    for node in doctree.findall(nodes.Element):
        for anchor in node.get("ids", []):
            if anchor in app.rk35_anchors:
                own = node if isinstance(node, nodes.section) else next(
                    (a for a in _ancestors(node) if isinstance(a, nodes.section)), None)
                if own is not None and isinstance(own.parent, nodes.section):  # not the chapter's own heading
                    found.setdefault(id(own), (own, []))[1].append(app.rk35_anchors[anchor])
    for section, claim_ids in found.values():
        verdicts = ", ".join(app.rk35_assessed[c].verdict.value for c in claim_ids)
        section[0] += nodes.inline("", f" · {verdicts}", classes=["rk35-heading-verdict"])


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def _unescape_link_targets(app, doctree) -> None:
    """MyST (markdown-it's link normaliser) turns '&' in a link target into '&amp;', which the writers escape
    again: a source URL with a query string ('?id=1&no=2') would lead nowhere. Put the '&' back."""
    for node in doctree.findall(nodes.reference):
        if "&amp;" in node.get("refuri", ""):
            node["refuri"] = node["refuri"].replace("&amp;", "&")


def _letter_appendix_figures(app, env) -> list[str]:
    """In the HTML edition, an appendix's figures and tables are numbered A.1, A.2, … as in the PDF. Runs after
    Sphinx numbers the figures (at each env-get-updated, hence the lower priority)."""
    letters = appendix_letters(Path(app.srcdir) / "_toc.yml")
    for docname, letter in letters.items():
        for numbers in env.toc_fignumbers.get(docname, {}).values():
            # Sphinx counts on across the unnumbered documents; the PDF counts within each appendix: A.1, B.1 …
            ordered = sorted((number[1:] if number and number[0] == letter else number, target)
                             for target, number in numbers.items() if number)
            for position, (_, target) in enumerate(ordered, start=1):
                numbers[target] = (letter, position)
    return []


#: What the themes write that accessibility checkers (axe-core) reject, and what the book writes instead.
ARIA_FIXES = (
    # the sidebar's part captions are headings without a level
    ('<p class="caption" role="heading">', '<p class="caption" role="heading" aria-level="2">'),
    # a wide table scrolls in its own box (rk35.css), so a keyboard must be able to reach it
    ('<table class="docutils', '<table tabindex="0" class="docutils'),
)


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def table_cards(page: str) -> str:
    """Every table of a page, ready to read as cards on a phone (rk35.css): each body cell carries its column's name
    (data-label) and the table the class rk35-cards. One mechanism for every table; on a laptop nothing changes."""
    def one(match: re.Match) -> str:
        table = match.group(0)
        head = re.search(r"<thead>(.*?)</thead>", table, re.DOTALL)
        if not head or "rk35-cards" in table[:300]:
            return table
        names = [html.escape(" ".join(_TAGS.sub(" ", cell).split()), quote=True)
                 for cell in re.findall(r"<th\b[^>]*>(.*?)</th>", head.group(1), re.DOTALL)]

        def row(found: re.Match) -> str:
            cells = iter(names)
            return re.sub(r"<td\b", lambda _: f'<td data-label="{next(cells, "")}"', found.group(0))

        body = re.sub(r"<tr\b.*?</tr>", row, table[head.end():], flags=re.DOTALL)
        opening = re.sub(r'class="', 'class="rk35-cards ', table[:head.start()], count=1)
        return opening + table[head.start():head.end()] + body

    return _TABLE.sub(one, page)


def _finish_pages(app, exception) -> None:
    """Every built page: the accessibility fixes, the tables as cards on a phone, and the theme's icons drawn by a
    stylesheet of only the icons the pages show, in place of Font Awesome's script (rk35.assets)."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = {page: page.read_text(encoding="utf-8") for page in sorted(outdir.rglob("*.html"))}
    font_awesome = (outdir / "_static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")
    icons = assets.icon_css(set().union(*map(assets.icons_shown, pages.values())), font_awesome)
    (outdir / "_static" / assets.ICON_CSS).write_text(icons, encoding="utf-8")
    for page, text in pages.items():
        fixed = text
        for old, new in ARIA_FIXES:
            fixed = fixed.replace(old, new)
        fixed = assets.finished_page(table_cards(fixed), page == outdir / "search.html", icons)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.set_translator("latex", latex_translator(), override=True)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-read", _unescape_link_targets)
    app.connect("doctree-read", _verdicts_in_claim_headings, priority=100)
    app.connect("env-get-updated", _letter_appendix_figures, priority=900)
    app.connect("html-page-context", _claim_reviews)
    app.connect("html-page-context", _open_graph)
    app.connect("html-page-context", _what_the_page_draws)
    app.connect("html-page-context", _only_what_the_page_uses, priority=999)
    app.connect("build-finished", _root_redirect, priority=400)  # before sphinx-external-toc's (500)
    app.connect("build-finished", _finish_pages)  # after every handler that adds a page
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
