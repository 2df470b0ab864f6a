"""One formatting rule for the whole book.

Money in US$ billions with the precision the source states; shares and
changes as percentages with one decimal; volumes in million tonnes with two
decimals; dates as "30 September 1990". A minus sign is U+2212.
"""

from __future__ import annotations

import datetime as _dt

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


class Table:
    """A table for the book: HTML without index and with a fixed id (pandas draws a random
    one per run), and a plain-text rendition for the PDF and for nbval."""

    def __init__(self, frame, name: str, precision: int | None = None) -> None:
        # escape="html": a cell's text is text, never markup (see rk35.text)
        styler = frame.style.set_uuid(name).hide(axis="index").format(precision=precision, escape="html")
        self.html = styler.to_html()
        self.text = frame.to_string(index=False, float_format=None if precision is None else f"{{:.{precision}f}}".format)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.text}

    def __repr__(self) -> str:
        return self.text


def table(frame, name: str, precision: int | None = None) -> Table:
    return Table(frame, name, precision)


def ordinal(n: int) -> Text:
    """7 -> '7th', 1 -> '1st', 12 -> '12th', 22 -> '22nd'."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return Text(f"{n}{suffix}")


def mt_range(low: float, high: float, decimals: int = 2) -> Text:
    """'2.116–2.117 million tonnes'."""
    return Text(f"{_number(float(low), decimals)}–{_number(float(high), decimals)} million tonnes")
