"""The computed checks: one function per claim, registered by claim id with the rule it applies.

A check reads the tables it needs from a `Tables` bundle and returns a `Finding`; `run` turns it into the
claim's Assessment. The judged verdicts are not here: they are rows of data/judgements.csv (rk35.judgements).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pandas as pd

from rk35.data import Tables
from rk35.verdicts import Assessment, Verdict


class Finding(NamedTuple):
    """What a check found: the verdict its rule gives, the stated and found values, why, and the sources."""

    verdict: Verdict
    stated: str
    found: str
    reason: str
    sources: tuple[str, ...]
    reading: str = ""


#: claim_id -> (rule name, check function); filled by the @check decorators of the claims_* modules.
CHECKS: dict[str, tuple[str, Callable[[Tables, pd.Series], Finding]]] = {}


def check(claim_id: str, rule: str):
    """Register a function as the computed check of one claim, under one rule of the rulebook."""
    def register(function):
        if claim_id in CHECKS:
            raise ValueError(f"claim {claim_id} has two computed checks")
        CHECKS[claim_id] = (rule, function)
        return function

    return register


def run(claim_id: str, tables: Tables | None = None) -> Assessment:
    """The Assessment of one computed claim."""
    tables = Tables() if tables is None else tables
    rule, function = CHECKS[claim_id]
    found = function(tables, tables.claims.loc[claim_id])
    return Assessment(claim_id, found.verdict, found.stated, found.found, rule, found.reason,
                      tuple(dict.fromkeys(found.sources)), reading=found.reading)


def run_all(tables: Tables | None = None, only=None) -> dict[str, Assessment]:
    """Every computed claim's Assessment, by claim_id (or only those of the claim ids in `only`)."""
    tables = Tables() if tables is None else tables
    return {claim_id: run(claim_id, tables) for claim_id in CHECKS if only is None or claim_id in only}
