"""A chapter's page, glued: one call for its text (every number, sentence, verdict box and table) and one
for its figures. This is the only module that talks to myst-nb's glue; the HTML and PDF read what it glues."""

from __future__ import annotations

from IPython.display import Markdown, display
from myst_nb import glue

from rk35 import charts
from rk35.book import Book
from rk35.chapter import Chapter
from rk35.data.cite import ARTICLE
from rk35.data.render import citations
from rk35.fmt import Table, Text
from rk35.render import how_to_read, verdict_box
from rk35.settings import report_url
from rk35.text import html


def key(prefix: str, claim_id: str) -> str:
    """A claim's glue key: the prefix and the claim's id with underscores ("verdict_trade_2022_total")."""
    return f"{prefix}_{claim_id.replace('-', '_')}"


def glue_chapter(chapter: Chapter, sources) -> None:
    """Glue a chapter's text: what its claim checks have in common (`how_to_read`), the article's citation after each
    quote (`cite_article`), each claim's verdict box
    (`verdict_<claim>`), every number and sentence under its key, and every table under its key."""
    if chapter.assessments:
        glue("how_to_read", Markdown(how_to_read(chapter.assessments, chapter.labels)), display=False)
        glue("cite_article", Markdown(citations(sources).md([ARTICLE])), display=False)  # after each quote
    for claim_id, assessment in chapter.assessments.items():
        label = chapter.labels.get(claim_id, "")
        glue(key("verdict", claim_id), Markdown(verdict_box(assessment, label, sources, report_url(label))), display=False)
    for number in chapter.numbers:
        glue(number.key, Text(number.text), display=False)
    for name, table in chapter.tables.items():
        glue(name, Markdown(table.markdown if isinstance(table, Table) else table), display=False)


def glue_figures(chapter: Chapter) -> None:
    """Glue a chapter's figures, each drawn in both layouts by the book's one renderer."""
    for name, (function, args) in chapter.figures.items():
        glue(name, charts.render(function, *args), display=False)


def glue_page(name: str) -> Chapter:
    """Build the book's chapter (or appendix) `name`, glue its text, and show what it computed as tables for a reader
    re-running it in JupyterLab (the book removes this cell, so the pages do not change); return it (for
    `glue_figures`)."""
    book = Book()
    chapter = book.chapter(name)
    display(Computed(chapter))  # first: Lab folds a cell's outputs after the fiftieth, and the glued ones are many
    glue_chapter(chapter, book.tables.sources)
    return chapter


class Computed:
    """What a chapter computed, for JupyterLab and a terminal: its verdicts (claim, verdict, rule, stated, found) and
    its numbers (what each is, its value), as HTML tables and as plain text. Glue roles in the prose are resolved only
    by the book build; this is where a re-running reader sees the values."""

    def __init__(self, chapter: Chapter) -> None:
        self.chapter = chapter

    def rows(self) -> tuple[list[list[str]], list[list[str]]]:
        verdicts = [[self.chapter.labels.get(claim_id, claim_id), a.verdict.value, a.rule, a.stated, a.found]
                    for claim_id, a in self.chapter.assessments.items()]
        numbers = [[number.key, number.text] for number in self.chapter.numbers]
        return verdicts, numbers

    def _repr_mimebundle_(self, include=None, exclude=None):
        verdicts, numbers = self.rows()

        def table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
            left = ' style="text-align: left; vertical-align: top"'
            head = "".join(f"<th{left}>{html(h)}</th>" for h in headers)
            body = "".join("<tr>" + "".join(f"<td{left}>{html(cell)}</td>" for cell in row) + "</tr>" for row in rows)
            return f"<table><caption>{html(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

        parts = [f"<h3>{html(self.chapter.title)}: what this run computed</h3>"]
        if verdicts:
            parts.append(table("Verdicts", ["Claim", "Verdict", "Rule", "Stated", "Found"], verdicts))
        parts.append(table("Numbers the prose shows", ["Number", "Value"], numbers))
        text = [f"{self.chapter.title}: what this run computed"]
        text += [f"  {claim}: {verdict} ({rule})" for claim, verdict, rule, _, _ in verdicts]
        text += [f"  {key} = {value}" for key, value in numbers]
        # tex2jax_ignore: Lab typesets $…$ as mathematics ("US$19.0 billion in 2017, US$21.15") unless told not to
        return {"text/html": '<div class="rk35-computed tex2jax_ignore mathjax_ignore">' + "".join(parts) + "</div>",
                "text/plain": "\n".join(text)}
