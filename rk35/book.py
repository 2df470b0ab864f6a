"""The book: its chapters (as builder objects, in book order) and its appendices, each built once from one set of
tables. The chapter notebooks, the appendices, the downloads, the Sphinx extension and the build tests all read
the book from here, so a count shown on two pages is one record.
"""

from __future__ import annotations

import re

from rk35 import appendices, editions
from rk35.chapter import Chapter
from rk35.chapters import gas, opening, outlook, pressure, rails, trade
from rk35.data import Tables
from rk35.data.cite import anchor
from rk35.fmt import Table
from rk35.records import Number
from rk35.settings import Edition, edition
from rk35.verdicts import Assessment

#: A link to a bibliography entry in a page's Markdown.
LINK = re.compile(r"\]\(#(source-[a-z0-9-]+)\)")
#: The chapter modules, in book order.
MODULES = (opening, trade, gas, rails, pressure, outlook)
#: The chapters, in book order: each module's name and its builder.
CHAPTERS = {module.NAME: module.build for module in MODULES}
#: The pages whose numbers "Every number in this book" lists, in book order, with their titles.
TITLES = {appendices.STANDARDS: "How this book checks"} | {module.NAME: module.TITLE for module in MODULES} | {
    appendices.REGISTER: "Claims register", appendices.METHODS: "Data and methods", appendices.CORRECTIONS: "Corrections",
    appendices.CHANGES: "What changed"}


class Book:
    """Every chapter and appendix of the book, each built on first use and then kept. `tables` stands in for the
    data package, `kept` for the kept editions and `current` for the configured edition (a test passes its own)."""

    def __init__(self, tables: Tables | None = None, kept: list[editions.Kept] | None = None,
                 current: Edition | None = None) -> None:
        self.tables = Tables() if tables is None else tables
        self._kept = kept
        self.edition = edition() if current is None else current
        self._built: dict[str, Chapter] = {}

    @property
    def kept(self) -> list[editions.Kept]:
        """The kept editions (data/editions), oldest first, read and checked once."""
        if self._kept is None:
            self._kept = editions.kept()
        return self._kept

    def chapter(self, name: str) -> Chapter:
        """A chapter or appendix by its name (`opening` … `outlook`, `register`, `methods`, `numbers`)."""
        if name not in self._built:
            if name in CHAPTERS:
                self._built[name] = CHAPTERS[name](self.tables)
            elif name == appendices.REGISTER:
                self._built[name] = appendices.register(self.assessments, self.tables)
            elif name == appendices.METHODS:
                self._built[name] = appendices.methods(self.tables)
            elif name == appendices.STANDARDS:
                self._built[name] = appendices.standards(self.tables)
            elif name == appendices.CORRECTIONS:
                self._built[name] = appendices.corrections(self.tables)
            elif name == appendices.BIBLIOGRAPHY:
                self._built[name] = appendices.bibliography(self.tables, self.cited_sources())
            elif name == appendices.NUMBERS:
                self._built[name] = appendices.every_number(self.numbers, TITLES, self.tables)
            elif name == appendices.CHANGES:
                compared = self._numbers(exclude=appendices.CHANGES)
                self._built[name] = appendices.changes(self.changes(compared), (len(self.assessments), len(compared)),
                                                       self.tables, TITLES)
            else:
                raise KeyError(f"the book has no chapter {name!r}")
        return self._built[name]

    def cited_sources(self) -> set[str]:
        """The sources a reader meets as a citation label on some page: in a verdict box (its sources, the evidence
        against it, its corrections), in a table or list (found by their links), or as an input of a number (the
        appendix "Every number in this book" lists them all)."""
        anchors = {anchor(source_id): source_id for source_id in self.tables.sources.index}
        cited: set[str] = set(appendices.FRONT_PAGE_CITES)
        for name in [*CHAPTERS, *TITLES, appendices.NUMBERS]:
            chapter = self.chapter(name)
            for a in chapter.assessments.values():
                cited |= set(a.sources) | {s for c in a.corrections for s in c.sources}
                cited |= {a.second_reading.source} if a.second_reading and a.second_reading.source else set()
            for shown in chapter.tables.values():
                text = shown.markdown if isinstance(shown, Table) else shown
                cited |= {anchors[found] for found in LINK.findall(text)}
            cited |= {s for n in chapter.numbers for i in n.inputs for s in i.sources}
        return cited

    @property
    def chapters(self) -> list[Chapter]:
        """The chapters that check claims, in book order."""
        return [self.chapter(name) for name in CHAPTERS]

    @property
    def assessments(self) -> dict[str, Assessment]:
        """Every claim's assessment, in the order of claims.csv; every claim has exactly one."""
        found: dict[str, Assessment] = {}
        for chapter in self.chapters:
            found.update(chapter.assessments)
        missing = [c for c in self.tables.claims.index if c not in found]
        if missing:
            raise ValueError(f"claims that no chapter assesses (check their chapter in claims.csv): {missing}")
        return {claim_id: found[claim_id] for claim_id in self.tables.claims.index}

    def changes(self, numbers: list[Number] | None = None) -> editions.Changes:
        """What changed since the last kept edition before this one (rk35.editions.baseline): verdicts, claims and
        numbers (those of every page but "What changed" itself)."""
        compared = self._numbers(exclude=appendices.CHANGES) if numbers is None else numbers
        return editions.compare(self.kept, self.edition, self.assessments, compared)

    @property
    def numbers(self) -> list[Number]:
        """Every recorded number of the chapters and appendices, in book order; a key used twice is an error."""
        return self._numbers()

    def _numbers(self, exclude: str = "") -> list[Number]:
        out = [n for name in TITLES if name != exclude for n in self.chapter(name).numbers]
        keys = [n.key for n in out]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"number keys used by two chapters: {repeated}")
        return out
