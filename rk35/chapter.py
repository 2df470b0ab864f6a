"""A chapter of the book as one object, built once from the loaded tables.

`Chapter` holds everything a chapter page shows: its claims' assessments (computed by the chapter's own checks, or
judged in data/judgements.csv), its number records (the text of every number and sentence the prose glues), its
tables and its figures. Every sentence, table, chart and verdict box of the page is read from it; the appendices,
the downloads, the Sphinx extension and the tests read the same objects through rk35.book.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from rk35 import judgements
from rk35.data import Tables
from rk35.data.render import citations
from rk35.fmt import Table, Text, date
from rk35.records import Correction, Finding, Input, Number, Recorder
from rk35.text import number_word
from rk35.verdicts import Assessment, Verdict


@dataclass(frozen=True)
class Context:
    """What a chapter's checks read: the tables, and the number records the chapter has made (by key), so that a
    verdict's reason quotes the very text the prose shows."""

    tables: Tables
    numbers: dict[str, Number]


#: A computed check: the rule it applies and the function that returns its Finding (from the chapter's context).
Check = tuple[str, Callable[[Context, pd.Series], Finding]]


@dataclass(frozen=True)
class Split:
    """A sentence that splits a whole into parts: the whole's number key and every part's key (their values must
    add up to the whole's; tests/test_consistency.py checks it)."""

    whole: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Dated:
    """A table whose rows are dated: its glue key and its rows' dates, in the order shown (ISO, as precise as the
    source)."""

    table: str
    dates: tuple[str, ...]


@dataclass
class Chapter:
    """One chapter (or appendix) of the book: what its page shows, computed once."""

    name: str
    title: str
    section: str
    assessments: dict[str, Assessment] = field(default_factory=dict)
    numbers: list[Number] = field(default_factory=list)
    tables: dict[str, Table | str] = field(default_factory=dict)  # glue key -> a Table, or MyST text
    figures: dict[str, tuple[Callable, tuple]] = field(default_factory=dict)  # glue key -> (chart function, args)
    labels: dict[str, str] = field(default_factory=dict)  # claim id -> the claim's short name
    splits: list[Split] = field(default_factory=list)
    dated: list[Dated] = field(default_factory=list)
    finding: str = ""  # what the page found, in one sentence, where it checks no claim (a shared link says it)

    def number(self, key: str) -> Number:
        found = [n for n in self.numbers if n.key == key]
        if len(found) != 1:
            raise KeyError(f"{self.name}: no number {key!r}")
        return found[0]


def cite_key(source_id: str) -> str:
    """The glue key of a source's citation in a chapter's prose ("cite_lng_ekn_20260128")."""
    return "cite_" + re.sub(r"[^a-z0-9]+", "_", source_id.lower()).strip("_")


def citing(sources, *source_ids: str) -> dict[str, str]:
    """The citations a chapter's prose makes, as glue keys and their Markdown (the label linked to the bibliography),
    so that no label is typed into the prose."""
    return {cite_key(source_id): citations(sources).md([source_id]) for source_id in source_ids}


def assess(tables: Tables, chapter: str, checks: dict[str, Check], numbers: list[Number]) -> dict[str, Assessment]:
    """The assessments of a chapter's claims, in the order of claims.csv: computed by one of `checks` or judged in
    data/judgements.csv, never both, never neither. Each check is called once, with `context` (what the chapter has
    computed) and the claim's row."""
    claims = tables.claims[tables.claims["chapter"] == chapter]
    unknown = set(checks) - set(claims.index)
    if unknown:
        raise ValueError(f"{chapter}: checks for claims that are not this chapter's: {sorted(unknown)}")
    judged = judgements.assess(tables, set(claims.index) - set(checks))
    context, out = Context(tables, {n.key: n for n in numbers}), {}
    for claim_id in claims.index:
        if claim_id in checks and claim_id in judged:
            raise ValueError(f"claim {claim_id} is both computed and judged")
        if claim_id in checks:
            rule, function = checks[claim_id]
            found = function(context, claims.loc[claim_id])
            out[claim_id] = Assessment(claim_id, found.verdict, found.stated, found.found, rule, found.reason,
                                       tuple(dict.fromkeys(found.sources)), reading=found.reading, how="computed",
                                       numbers=found.numbers, second_reading=judgements.second_reading(
                                           tables.second_readings, claim_id)
                                       if claim_id in tables.second_readings.index else None)
        elif claim_id in judged:
            out[claim_id] = judged[claim_id]
        else:
            raise ValueError(f"claim {claim_id} has no verdict (neither computed nor in data/judgements.csv)")
        out[claim_id] = replace(out[claim_id], corrections=corrections(tables, claim_id))
    return out


def corrections(tables: Tables, claim_id: str) -> tuple[Correction, ...]:
    """A claim's corrections, oldest first (data/corrections.csv)."""
    rows = tables.corrections[tables.corrections["claim_id"] == claim_id].sort_values("correction_id")
    return tuple(Correction(int(r["correction_id"]), date(r["date"]), r["changed"], r["was"], r["now"], r["why"],
                            r["source_ids"]) for _, r in rows.iterrows())


def verdict_counts(assessed: dict[str, Assessment]) -> dict[Verdict, int]:
    return {v: sum(a.verdict is v for a in assessed.values()) for v in Verdict}


def scorecard(assessed: dict[str, Assessment], where: str = "") -> Text:
    """All six verdict counts in one sentence, the finding first (none contradicted, or how many); `where` says
    whose claims they are (" in this chapter")."""
    count = verdict_counts(assessed)
    opinions = count[Verdict.CONTEXT_ONLY]
    checked = len(assessed) - opinions
    against = count[Verdict.DOES_NOT_HOLD]
    head = (f"Of the {checked} claim{'s' if checked != 1 else ''} checked{where}, "
            + ("none is contradicted by the sources" if against == 0 else
               f"{number_word(against)} {'is' if against == 1 else 'are'} contradicted by the sources"))

    def verb(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    parts = [verb(count[Verdict.HOLDS], "holds", "hold"),
             verb(count[Verdict.HOLDS_APPROXIMATELY], "holds approximately", "hold approximately"),
             verb(count[Verdict.PARTLY_HOLDS], "partly holds", "partly hold")]
    if against:
        parts.append(verb(against, "does not hold", "do not hold"))
    parts.append(f"{count[Verdict.NOT_VERIFIABLE]} cannot be checked with the sources found")
    body = ", ".join(parts[:-1]) + " and " + parts[-1]
    tail = (f"; {number_word(opinions)} more {'is an opinion' if opinions == 1 else 'are opinions'}, shown for context "
            "and not checked." if opinions else ".")
    return Text(f"{head}: {body}{tail}")


#: How the verdicts read in a count: one claim, several claims.
VERBS = {Verdict.HOLDS: ("holds", "hold"), Verdict.HOLDS_APPROXIMATELY: ("holds approximately", "hold approximately"),
         Verdict.PARTLY_HOLDS: ("partly holds", "partly hold"), Verdict.DOES_NOT_HOLD: ("does not hold", "do not hold"),
         Verdict.NOT_VERIFIABLE: ("cannot be checked with the sources found", "cannot be checked with the sources found")}


def checked_summary(assessed: dict[str, Assessment], where: str = "") -> str:
    """The verdict counts in one short sentence, only the verdicts that occur: "9 claims checked in this chapter: 3
    hold, 1 does not hold; 1 opinion shown for context, not checked." (a page's description)."""
    count = verdict_counts(assessed)
    opinions = count[Verdict.CONTEXT_ONLY]
    checked = len(assessed) - opinions
    parts = [f"{count[v]} {one if count[v] == 1 else many}" for v, (one, many) in VERBS.items() if count[v]]
    text = f"{checked} claim{'s' if checked != 1 else ''} checked{where}" + (": " + ", ".join(parts) if parts else "")
    if opinions:
        text += f"; {opinions} {'opinion' if opinions == 1 else 'opinions'} shown for context, not checked"
    return text + "."


def verdict_counts_as_inputs(assessed: dict[str, Assessment], where: str) -> tuple[Input, ...]:
    """The inputs of a scorecard: how many claims have each verdict (`where`: " in this chapter")."""
    return tuple(Input((f"claims whose verdict is '{v.value}'" if v is not Verdict.CONTEXT_ONLY else "opinions") + where,
                       str(n)) for v, n in verdict_counts(assessed).items())


def record_scorecard(numbers: Recorder, key: str, assessed: dict[str, Assessment], where: str, whose: str) -> Number:
    """The scorecard sentence as a number record, with a record of the claims checked and of the opinions, so that
    every page that counts them reads these records."""
    inputs = verdict_counts_as_inputs(assessed, where)
    card = numbers.add(key, scorecard(assessed, where), f"{whose} verdicts counted by verdict, in one sentence; the "
                       "claims checked are all its claims but the opinions.", *inputs)
    numbers.numbers.insert(0, numbers.numbers.pop())  # the page opens with it
    return card


def labels(tables: Tables, chapter: str) -> dict[str, str]:
    claims = tables.claims
    return dict(claims.loc[claims["chapter"] == chapter, "label"])
