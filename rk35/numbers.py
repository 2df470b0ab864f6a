"""Every number the prose shows, with how it was computed: one record per glued number.

A chapter's numbers come from one function of its module (for example `rk35.trade.numbers`), which returns
`Number` records: the text the prose shows, the method in words, the inputs with their values and sources, and
the section that computes it. The chapter glues them in one call (`glue_numbers`); in the prose each number is a
link to its record in the appendix "Every number in this book", which is generated from the same records, as are
its CSV and JSON downloads. One source of truth: the text a reader sees is the text the record holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rk35.fmt import Text
from rk35.text import md

#: The chapters whose numbers are recorded, in book order, with the function that gives each chapter's numbers.
CHAPTERS = {
    "opening": ("rk35.context", "opening_numbers"),
    "trade": ("rk35.trade", "numbers"),
    "gas": ("rk35.lng", "numbers"),
    "rails": ("rk35.projects", "numbers"),
    "pressure": ("rk35.context", "pressure_numbers"),
    "outlook": ("rk35.context", "outlook_numbers"),
    "register": ("rk35.claims", "numbers"),
    "methods": ("rk35.methods", "numbers"),
}
KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Input:
    """One input of a computed number: what it is, its value as shown, and where it comes from."""

    what: str
    value: str
    sources: tuple[str, ...] = ()
    claim: str = ""  # a figure taken from the article: the claim's id in claims.csv

    @property
    def origin(self) -> str:
        parts = ([f"the article, claim {self.claim}"] if self.claim else []) + list(self.sources)
        return "; ".join(parts)


@dataclass(frozen=True)
class Number:
    """A number as the prose shows it, and its derivation."""

    key: str
    text: str
    method: str
    inputs: tuple[Input, ...]
    chapter: str
    section: str

    @property
    def label(self) -> str:
        return label(self.key)


def label(key: str) -> str:
    """The cross-reference label of a number's record: 'number-' and the key with hyphens."""
    return "number-" + key.replace("_", "-")


@dataclass
class Recorder:
    """Collects a chapter's numbers: `add(key, text, method, *inputs)`; keys are unique, inputs required."""

    chapter: str
    section: str
    numbers: list[Number] = field(default_factory=list)

    def add(self, key: str, text: str, method: str, *inputs: Input, section: str | None = None) -> None:
        if not KEY.match(key) or any(n.key == key for n in self.numbers):
            raise ValueError(f"{self.chapter}: number key {key!r} is malformed or used twice")
        if not inputs:
            raise ValueError(f"{self.chapter}: number {key!r} has no inputs")
        self.numbers.append(Number(key, str(text), method, tuple(inputs), self.chapter, section or self.section))

    def add_event_date(self, key: str, what: str, row) -> None:
        """A date the prose names: the event's date, written out, from the event's row and its source."""
        from rk35.fmt import date

        self.add(key, date(row["date"]), "The event's date, as its source gives it.",
                 Input(what, date(row["date"]), (row["source_id"],)))


def chapter_numbers(chapter: str, tables=None) -> list[Number]:
    """The numbers of one chapter, from its module's function; first its scorecard, if the chapter checks claims."""
    import importlib

    from rk35.claims import chapter_scorecard
    from rk35.data import Tables

    tables = Tables() if tables is None else tables
    module, function = CHAPTERS[chapter]
    numbers = getattr(importlib.import_module(module), function)(tables)
    card = chapter_scorecard(chapter, f"chapter-{chapter}", tables)  # a chapter that checks claims opens with its counts
    return numbers if card is None else [card, *numbers]


def all_numbers(tables=None) -> list[Number]:
    """Every recorded number of the book, in book order; a key used by two chapters is an error."""
    from rk35.data import Tables

    tables = Tables() if tables is None else tables
    out = [n for chapter in CHAPTERS for n in chapter_numbers(chapter, tables)]
    keys = [n.key for n in out]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"number keys used by two chapters: {repeated}")
    return out


def glue_numbers(chapter: str, tables=None) -> None:
    """Glue every number of a chapter as text under its key (one call per chapter)."""
    from myst_nb import glue

    for number in chapter_numbers(chapter, tables):
        glue(number.key, Text(number.text), display=False)


#: Chapter titles, as their pages give them.
TITLES = {"opening": "Where relations stand", "trade": "Trade and investment", "gas": "The gas bridge",
          "rails": "Rails, ports, ships and wires", "pressure": "Pressure or engagement?", "outlook": "Outlook",
          "register": "Claims register", "methods": "Data and methods"}


def appendix(numbers: list[Number], titles: dict[str, str] = TITLES) -> str:
    """The appendix body as MyST: per chapter, each number's record under its label."""
    out = []
    for chapter in CHAPTERS:
        chosen = [n for n in numbers if n.chapter == chapter]
        if not chosen:
            continue
        out.append(f"## {md(titles[chapter])}\n")
        for n in chosen:
            inputs = "\n".join(f"  - {md(i.what)}: {md(i.value)}" + (f" ({md(i.origin)})" if i.origin else "")
                               for i in n.inputs)  # a count of the book's own verdicts has no source to name
            out.append(f"({n.label})=\n**{md(n.text)}** — {md(n.method)} Computed in {{ref}}`{n.section}`.\n\n"
                       f"- Inputs:\n{inputs}\n")
    return "\n".join(out)


#: Columns of the downloadable list of numbers.
COLUMNS = ["key", "chapter", "text", "method", "inputs", "sources"]


def records(numbers: list[Number]) -> list[dict]:
    return [{"key": n.key, "chapter": n.chapter, "text": n.text, "method": n.method,
             "inputs": [{"what": i.what, "value": i.value, "sources": list(i.sources), "claim": i.claim} for i in n.inputs],
             "sources": sorted({s for i in n.inputs for s in i.sources})} for n in numbers]


def write(folder, numbers: list[Number]) -> tuple:
    """Write numbers.csv and numbers.json into folder; return the two paths."""
    from rk35.text import write_downloads

    rows = records(numbers)
    flat = [{**r, "inputs": "; ".join(f"{i['what']}: {i['value']}" for i in r["inputs"]), "sources": ";".join(r["sources"])}
            for r in rows]
    return write_downloads(folder, "numbers", flat, COLUMNS, {"numbers": rows})
