"""A chapter's page, glued: one call for its text (every number, sentence, verdict box, badge and table) and one
for its figures. This is the only module that talks to myst-nb's glue; the HTML and PDF read what it glues."""

from __future__ import annotations

from IPython.display import Markdown
from myst_nb import glue

from rk35 import charts
from rk35.book import Book
from rk35.chapter import Chapter
from rk35.fmt import Table, Text
from rk35.render import badge, verdict_box
from rk35.settings import report_url
from rk35.text import md


def key(prefix: str, claim_id: str) -> str:
    """A claim's glue key: the prefix and the claim's id with underscores ("verdict_trade_2022_total")."""
    return f"{prefix}_{claim_id.replace('-', '_')}"


def glue_chapter(chapter: Chapter, sources) -> None:
    """Glue a chapter's text: each claim's verdict box (`verdict_<claim>`), the badge under its quote (`badge_<claim>`,
    or `badge_labelled_<claim>` with the claim's short name where a quote holds several claims), every number and
    sentence under its key, and every table under its key."""
    for claim_id, assessment in chapter.assessments.items():
        label = chapter.labels.get(claim_id, "")
        glue(key("verdict", claim_id), Markdown(verdict_box(assessment, label, sources, report_url(label))), display=False)
        glue(key("badge", claim_id), Markdown(badge(assessment)), display=False)
        glue(key("badge_labelled", claim_id), Markdown(f"{badge(assessment)} ({md(label)})"), display=False)
    for number in chapter.numbers:
        glue(number.key, Text(number.text), display=False)
    for name, table in chapter.tables.items():
        glue(name, Markdown(table.markdown if isinstance(table, Table) else table), display=False)


def glue_figures(chapter: Chapter) -> None:
    """Glue a chapter's figures, each drawn in both layouts by the book's one renderer."""
    for name, (function, args) in chapter.figures.items():
        glue(name, charts.render(function, *args), display=False)


def glue_page(name: str) -> Chapter:
    """Build the book's chapter (or appendix) `name` and glue its text; return it (for `glue_figures`)."""
    book = Book()
    chapter = book.chapter(name)
    glue_chapter(chapter, book.tables.sources)
    return chapter
