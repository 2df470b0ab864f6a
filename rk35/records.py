"""The leaf record types: a number the prose shows (`Number`, with its `Input`s), and what a check found (`Finding`).

Nothing here imports anything above it. A chapter records each number it shows once (`Recorder.add`, which returns
the record), and its checks quote those records, so a sentence, a verdict box and the numbers appendix show the
same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from rk35.fmt import date

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

    def __str__(self) -> str:
        return self.text


def label(key: str) -> str:
    """The cross-reference label of a number's record: 'number-' and the key with hyphens."""
    return "number-" + key.replace("_", "-")


@dataclass
class Recorder:
    """Collects a chapter's numbers: `add(key, text, method, *inputs)` returns the record; keys are unique, inputs
    required."""

    chapter: str
    section: str
    numbers: list[Number] = field(default_factory=list)

    def add(self, key: str, text: str, method: str, *inputs: Input, section: str | None = None) -> Number:
        if not KEY.match(key) or any(n.key == key for n in self.numbers):
            raise ValueError(f"{self.chapter}: number key {key!r} is malformed or used twice")
        if not inputs:
            raise ValueError(f"{self.chapter}: number {key!r} has no inputs")
        number = Number(key, str(text), method, tuple(inputs), self.chapter, section or self.section)
        self.numbers.append(number)
        return number

    def add_event_date(self, key: str, what: str, row, section: str | None = None) -> Number:
        """A date the prose names: the event's date, written out, from the event's row and its source."""
        return self.add(key, date(row["date"]), "The event's date, as its source gives it.",
                        Input(what, date(row["date"]), (row["source_id"],)), section=section)


class Finding(NamedTuple):
    """What a check found: the verdict its rule gives, the stated and found values, why, the sources, the book's
    reading of the claim, and the number records its text quotes (so that the numbers appendix can show them)."""

    verdict: object  # a rk35.verdicts.Verdict
    stated: str
    found: str
    reason: str
    sources: tuple[str, ...]
    reading: str = ""
    numbers: tuple[Number, ...] = ()


@dataclass(frozen=True)
class SecondReading:
    """A second reader's search for the strongest evidence against a judged verdict (data/second_readings.csv): the
    counter-source's id and what it says (both empty if none was found), the searches tried, what it changed."""

    read_on: str
    source: str
    says: str
    searches: str
    outcome: str


@dataclass(frozen=True)
class Correction:
    """A dated correction of a claim's verdict or wording (data/corrections.csv)."""

    number: int
    date: str
    changed: str
    was: str
    now: str
    why: str
    sources: tuple[str, ...]
