"""The one boundary where text from the data package becomes text on a page.

Every title, publisher, quote, note and reason in `data/` was copied from web pages. None of it may become markup:
a title with `<img onerror=…>`, `*stars*`, a MyST role or a LaTeX special must reach the reader as those very
characters. So data text reaches a page only through these functions:

- `md(text)`: for Markdown/MyST that Sphinx parses (verdict boxes, tables, lists): every ASCII punctuation
  character is backslash-escaped, which CommonMark defines as the literal character. No markup, no role, no raw
  HTML, no entity can survive; Sphinx then holds it as a plain text node, and the HTML writer escapes it
  (`&lt;img`) and the LaTeX writer escapes it (`\\textless{}`) by themselves: nothing is ever passed raw to LaTeX.
- `md_cell(text)`: the same for a cell of a Markdown table (no line break either).
- `md_link(text, url)`: a link whose text is escaped and whose target is an http(s) URL, percent-encoded.
- `html(text)`: for the few places that write HTML directly (tables rendered by pandas, chart containers).
- Charts: data go into vega specs as data values; vega draws them as SVG text and its tooltips escape HTML.

The loader guarantees what escaping cannot: no control, zero-width or bidirectional-override characters, no
leading or trailing spaces, no cell a spreadsheet would read as a formula, only http(s) URLs (see rk35.data).
"""

from __future__ import annotations

import csv
import html as _html
import io
import json
import re
from pathlib import Path
from typing import Self
from urllib.parse import quote

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def md(text) -> str:
    """Data text as literal MyST Markdown: every ASCII punctuation character escaped, line breaks as spaces."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split("\n")))


def md_cell(text) -> str:
    """Data text for a cell of a Markdown table ('|' is escaped like every other punctuation character)."""
    return md(text)


class Linked(str):
    """Text a table shows as links: the string is the plain text (for a terminal, a CSV or a test), `markdown` the
    same text as Markdown links, made from escaped text by the one function that builds them (rk35.data.cite)."""

    markdown: str

    def __new__(cls, text: str, markdown: str) -> Self:
        made = super().__new__(cls, text)
        made.markdown = markdown
        return made


def number_word(n: int) -> str:
    """A count in running text: a word below ten ("none", "three"), else digits ("1,402")."""
    return ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][n] if n < 10 else f"{n:,}"


def url(address: str) -> str:
    """An http(s) URL, percent-encoded so that it cannot close the link that holds it."""
    if not re.match(r"^https?://", address):
        raise ValueError(f"not an http(s) URL: {address!r}")
    return quote(address, safe=_URL_SAFE)


def md_link(text, address: str) -> str:
    """A Markdown link: escaped text, a percent-encoded http(s) target."""
    return f"[{md(text)}](<{url(address)}>)"


def html(text) -> str:
    """Data text for HTML written by the book itself (quotes escaped too: safe inside attributes)."""
    return _html.escape(str(text), quote=True)


def script_json(value) -> str:
    """A value as JSON for inside a <script> element: '<', '>' and '&' as JSON escapes, so no text in it can close
    the element or open a comment (chart specs, schema.org records)."""
    payload = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


#: A spreadsheet reads a cell that begins with one of these as a formula (CSV injection): refused in the data
#: package by the loader, and in the book's own downloads.
FORMULA_START = ("=", "+", "-", "@")
#: A signed figure such as +16.7%, which a spreadsheet reads as the number it is (fmt writes − as U+2212).
SIGNED_FIGURE = re.compile(r"^\+[0-9][0-9.,]*%?$")


def csv_text(rows: list[dict], columns: list[str], name: str) -> str:
    """The rows as CSV in `columns` (None as an empty cell). A cell that a spreadsheet would run as a formula is an
    error that names the file (`name`), the line and the column."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(rows, start=2):
        for column, value in row.items():
            if isinstance(value, str) and value[:1] in FORMULA_START and not SIGNED_FIGURE.match(value):
                raise ValueError(f"{name}, line {number}, column {column!r}: text a spreadsheet would run as a formula")
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def write_downloads(folder, stem: str, rows: list[dict], columns: list[str], payload: dict) -> tuple:
    """Write `stem`.csv (the rows, flat, in `columns`) and `stem`.json (the payload) into folder; return both paths.
    A CSV cell that a spreadsheet would run as a formula is an error that names the row and the column."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = csv_text(rows, columns, f"{stem}.csv")
    paths = (folder / f"{stem}.csv", folder / f"{stem}.json")
    paths[0].write_text(text, encoding="utf-8")
    paths[1].write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return paths
