"""One formatting rule for the whole book.

Money in US$ billions with the precision the source states; shares and
changes as percentages with one decimal; volumes in million tonnes with two
decimals; dates as "30 September 1990". A minus sign is U+2212.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

import pandas as pd

from rk35.text import Linked, md_cell

MINUS = "\u2212"


class Text(str):
    """Formatted text for the book. Its repr is Python's own, quotes included: myst-nb's glue roles
    literal_eval the stored text/plain to strip them, so any text (even "1,431", which unquoted would
    read back as a tuple) comes back exactly as formatted."""


def _number(value: float, decimals: int) -> str:
    text = f"{abs(value):,.{decimals}f}"
    return (MINUS if round(value, decimals) < 0 else "") + text


def usd_bn(value: float, decimals: int) -> Text:
    """US$ billions at a given precision: usd_bn(21.15, 2) -> "US$21.15 billion"."""
    return Text(f"US${_number(float(value), decimals)} billion")


def pct(value: float, decimals: int = 1, signed: bool = False) -> Text:
    """A percentage: pct(0.52) -> '0.5%'; signed adds '+' or the minus sign."""
    text = _number(float(value), decimals)
    if signed and round(value, decimals) > 0:
        text = "+" + text
    return Text(text + "%")


def pct_change(old: float, new: float) -> float:
    """Change from old to new, in percent."""
    if old == 0:
        raise ZeroDivisionError("change from zero is undefined")
    return (new - old) / old * 100.0


def mt(value: float, decimals: int = 2) -> Text:
    """Million tonnes: mt(2.1234) -> '2.12 million tonnes'."""
    return Text(f"{_number(float(value), decimals)} million tonnes")


_MONTHS = [_dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]


def date(iso: str) -> Text:
    """'1990-09-30' -> '30 September 1990'; '2014-03' -> 'March 2014'; '2014' stays."""
    parts = iso.split("-")
    if len(parts) == 3:
        d = _dt.date.fromisoformat(iso)
        return Text(f"{d.day} {_MONTHS[d.month - 1]} {d.year}")
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        if not 1 <= month <= 12:
            raise ValueError(f"not a month: {iso!r}")
        return Text(f"{_MONTHS[month - 1]} {year}")
    if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) == 4:
        return Text(parts[0])
    raise ValueError(f"not an ISO date: {iso!r}")


def month_year(iso: str) -> Text:
    """A short date for a chart's label: '2024-12-03' -> 'Dec 2024', '2024-12' -> 'Dec 2024', '2014' stays."""
    parts = iso.split("-")
    return Text(f"{_MONTHS[int(parts[1]) - 1][:3]} {parts[0]}" if len(parts) > 1 else parts[0])


#: An ISO date (2025-04-30 or 2025-04) inside running text, not part of a longer number or a path.
_ISO_IN_TEXT = re.compile(r"(?<![\w/.-])\d{4}-\d{2}(?:-\d{2})?(?![\w/.-]|-\d)")


def on_date(iso: str) -> Text:
    """A date after its preposition in running text: 'on 26 March 2022', 'in March 2022', 'in 2022'."""
    return Text(("on " if len(iso.split("-")) == 3 else "in ") + date(iso))


def written_dates(text: str) -> str:
    """Text with every ISO date in it written out ('started 2025-04-30' -> 'started 30 April 2025'); a string that
    only looks like one (2023-24, a season) stays as it is."""
    def one(match: re.Match) -> str:
        try:
            return date(match.group(0))
        except ValueError:
            return match.group(0)

    return _ISO_IN_TEXT.sub(one, text)


def cell(value, decimals: int | None = None, plain: bool = False) -> str:
    """One table cell as the reader sees it: "—" for a gap, "yes" or blank for a flag, a number at its stated
    precision (thousands separated unless plain, e.g. a year), text as it is."""
    if isinstance(value, Linked):
        return value
    if _missing(value):
        return "—"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else ""
    if isinstance(value, int) or type(value).__name__.startswith("int"):
        return str(int(value)) if plain else _number(int(value), 0)
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        if decimals is None:  # as short as the value allows, never in exponent form
            text = f"{float(value):,.6f}".rstrip("0").rstrip(".")
            return text.replace("-", MINUS, 1) if text.startswith("-") else text
        return _number(float(value), int(decimals))
    return written_dates(str(value))


#: A table with more rows than this is set as a long table in the PDF: it breaks across pages, its header repeated.
LONG_TABLE = 8
#: What a table with no rows shows in its first cell.
EMPTY = "Nothing to show: the data has no rows."


class Table:
    """A table for the book, written once as a MyST Markdown table: Sphinx then sets it as a real table in the HTML
    (no index, human headers) and in the PDF (a tabulary, not a monospace dump). Cells follow `cell`; every cell's
    text goes through rk35.text.md_cell, so data text stays text. With a caption and a label the table is numbered
    ("Table 2.3") and can be glued with {glue:md}."""

    def __init__(self, frame, columns: dict[str, str], caption: str | None = None, label: str | None = None,
                 decimals: dict[str, int] | None = None, plain: tuple[str, ...] = (),
                 labels: dict[str, dict] | None = None) -> None:
        for column, mapping in (labels or {}).items():  # codes in the data, words for the reader
            frame = frame.assign(**{column: frame[column].map(lambda v, m=mapping: m.get(v, v))})
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise KeyError(f"table columns not in the frame: {missing}")
        decimals = decimals or {}
        rows = []
        for _, record in frame.iterrows():
            row = []
            for column in columns:
                stated = record.get(f"{column}_decimals")
                places = decimals.get(column, None if stated is None or _missing(stated) else int(stated))
                row.append(cell(record[column], places, plain=column in plain or column.endswith("year")))
            rows.append(row)
        numeric = [all(_looks_numeric(r[i]) for r in rows) and bool(rows) for i in range(len(columns))]
        if not rows:  # a table whose schema allows no rows: say so in the table, so its number and label stay
            rows = [[EMPTY] + [""] * (len(columns) - 1)]
        self.headers = list(columns.values())
        self.rows = rows
        align = "|" + "|".join("--:" if n else ":--" for n in numeric) + "|"
        body = ["| " + " | ".join(md_cell(h) for h in self.headers) + " |", align]
        body += ["| " + " | ".join((v.markdown if isinstance(v, Linked) else md_cell(v)) if v else " " for v in row) + " |"
                 for row in rows]
        table = "\n".join(body)
        # planned column widths, so that the PDF wraps text in every column instead of running off the page
        head = (f":::{{table}} {md_cell(caption)}\n" if caption else ":::{table}\n") + (f":name: {label}\n" if label else "")
        if len(rows) > LONG_TABLE:  # the PDF breaks it across pages and repeats its header
            head += ":class: longtable\n"
        table = head + f":widths: {' '.join(map(str, column_widths(self.headers, rows)))}\n\n" + table + "\n:::"
        self.markdown = table + "\n"
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(self.headers)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(self.headers, widths))]
        lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in rows]
        self.text = "\n".join(line.rstrip() for line in lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/markdown": self.markdown, "text/plain": self.text}

    def __repr__(self) -> str:
        return self.text


def column_widths(headers: list[str], rows: list[list[str]]) -> list[int]:
    """Relative column widths from the text each column holds: its longest word and its typical (90th percentile)
    length, within 7 and 40 characters (a column also loses its padding, hence the margin on the longest word)."""
    widths = []
    for i, header in enumerate(headers):
        cells = sorted(len(r[i]) for r in rows) or [0]
        typical = cells[int(0.9 * (len(cells) - 1))]
        longest_word = max((len(w) for text in [header] + [r[i] for r in rows] for w in text.split()), default=1)
        widths.append(max(7, min(40, max(typical, longest_word + 3))))
    return widths


def _missing(value) -> bool:
    """None, pandas' NA or a float NaN: a gap."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _looks_numeric(text: str) -> bool:
    return text in ("—", "") or text.replace(",", "").replace(".", "").replace(MINUS, "").replace("+", "").replace("%", "").strip().isdigit()


def table(frame, columns: dict[str, str], caption: str | None = None, label: str | None = None,
          decimals: dict[str, int] | None = None, plain: tuple[str, ...] = (), labels: dict[str, dict] | None = None) -> Table:
    """A reader's table of some columns of a frame, with their headers: see Table."""
    return Table(frame, columns, caption, label, decimals, plain, labels)


def ordinal(n: int) -> Text:
    """7 -> '7th', 1 -> '1st', 12 -> '12th', 22 -> '22nd'."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return Text(f"{n}{suffix}")


def mt_range(low: float, high: float, decimals: int = 2) -> Text:
    """'2.116–2.117 million tonnes'."""
    return Text(f"{_number(float(low), decimals)}–{_number(float(high), decimals)} million tonnes")
