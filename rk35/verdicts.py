"""One verdict scale for the whole book, and the rules that decide it.

Numeric verdicts are computed here from the data; the book prints the rule
next to every verdict, so a reader can re-decide it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from math import isfinite

from rk35.data import source_list
from rk35.text import md


class Verdict(Enum):
    HOLDS = "holds"
    HOLDS_APPROXIMATELY = "holds approximately"
    PARTLY_HOLDS = "partly holds"
    DOES_NOT_HOLD = "does not hold"
    NOT_VERIFIABLE = "not verifiable with the sources found"
    CONTEXT_ONLY = "context only"

    @property
    def css_class(self) -> str:
        return "verdict-" + self.name.lower().replace("_", "-")

    @property
    def meaning(self) -> str:
        return MEANINGS[self]


MEANINGS = {
    Verdict.HOLDS: "the sources give the stated value, to the precision the article states it",
    Verdict.HOLDS_APPROXIMATELY: "the sources give a value within 5% of the stated one, or the number holds but a qualifier (such as its scope) does not",
    Verdict.PARTLY_HOLDS: "one part of the claim holds and another does not, or cannot be checked",
    Verdict.DOES_NOT_HOLD: "the sources contradict the claim",
    Verdict.NOT_VERIFIABLE: "no source found states or allows computing the value; shown as a gap, not guessed",
    Verdict.CONTEXT_ONLY: "an opinion or a forecast: shown for context, not checked",
}

#: Relative tolerance of "holds approximately".
APPROX_TOLERANCE = 0.05

RULE_VALUE = (
    "A stated value holds if the source value rounds to it at the precision the article uses "
    "(within half a unit of its last digit); it holds approximately if it is within 5% of it; "
    "otherwise it does not hold. A qualifier the sources do not support lowers the verdict one step."
)
RULE_TREND = (
    "'Grew steadily' holds if every year-on-year change that both years' full-year figures allow is "
    "positive; it partly holds if the last year is above the first but some change is negative; "
    "it does not hold if the last year is not above the first."
)
RULE_CEILING = (
    "'Less than X' holds if every combination of numerator and denominator the sources allow gives "
    "less than X; it partly holds if some do; it does not hold if none does."
)


@dataclass(frozen=True)
class Assessment:
    """A claim's verdict with what decided it."""

    claim_id: str
    verdict: Verdict
    stated: str
    found: str
    rule: str
    reason: str
    sources: tuple[str, ...] = field(default_factory=tuple)

    def admonition(self) -> str:
        """The verdict as a MyST admonition; its class follows the verdict."""
        if self.sources:
            cited = source_list(self.sources)
        elif self.verdict is Verdict.CONTEXT_ONLY:
            cited = "- not applicable: an opinion is not checked"
        else:
            cited = "- none: no source in the data package covers it"
        return (
            f":::{{admonition}} Verdict: {self.verdict.value}\n"
            f":class: verdict {self.verdict.css_class}\n\n"
            f"**Claim {md(self.claim_id)}.** Stated: {md(self.stated)}. Found: {md(self.found)}.\n\n"
            f"{md(self.reason)}\n\n"
            f"*Rule:* {md(self.rule)}\n\n"
            f"*Sources:*\n\n{cited}\n"
            f":::\n"
        )


_EPSILON = 1e-9


def _half_unit(decimals: int) -> float:
    return 0.5 * 10.0 ** (-decimals)


def value_verdict(stated: float, found: float | None, stated_decimals: int) -> Verdict:
    """Compare a stated value with the sourced one (RULE_VALUE, without qualifiers)."""
    if found is None or not isfinite(found):
        return Verdict.NOT_VERIFIABLE
    # a tiny epsilon so that the boundaries (half a unit, exactly 5%) survive binary floating point
    if abs(found - stated) <= _half_unit(stated_decimals) + _EPSILON:
        return Verdict.HOLDS
    if stated != 0 and abs(found - stated) / abs(stated) <= APPROX_TOLERANCE + _EPSILON:
        return Verdict.HOLDS_APPROXIMATELY
    return Verdict.DOES_NOT_HOLD


_STEP_DOWN = {
    Verdict.HOLDS: Verdict.HOLDS_APPROXIMATELY,
    Verdict.HOLDS_APPROXIMATELY: Verdict.PARTLY_HOLDS,
}


def lower_one_step(verdict: Verdict) -> Verdict:
    """A qualifier the sources do not support lowers a positive verdict one step."""
    return _STEP_DOWN.get(verdict, verdict)


def trend_verdict(values: dict[int, float], start: int, end: int) -> Verdict:
    """'Grew steadily from start to end' against full-year values by year (RULE_TREND)."""
    if start not in values or end not in values:
        return Verdict.NOT_VERIFIABLE
    if values[end] <= values[start]:
        return Verdict.DOES_NOT_HOLD
    changes = [values[y + 1] - values[y] for y in range(start, end) if y in values and y + 1 in values]
    if changes and all(c > 0 for c in changes):
        return Verdict.HOLDS
    return Verdict.PARTLY_HOLDS


def ceiling_verdict(limit: float, values: list[float]) -> Verdict:
    """'Less than limit' against every allowed combination (RULE_CEILING)."""
    if not values:
        return Verdict.NOT_VERIFIABLE
    below = [v < limit for v in values]
    if all(below):
        return Verdict.HOLDS
    if any(below):
        return Verdict.PARTLY_HOLDS
    return Verdict.DOES_NOT_HOLD


def scale_table(name: str = "tbl-verdict-scale") -> str:
    """The scale as a numbered MyST table, for the book."""
    rows = ["| Verdict | Meaning |", "|---|---|"]
    rows += [f"| {md(v.value)} | {md(v.meaning)} |" for v in Verdict]
    body = "\n".join(rows)
    return f":::{{table}} The verdict scale used for every claim in the book\n:name: {name}\n\n{body}\n:::\n"

RULE_FLOOR = (
    "'No less than X' holds if every estimate the sources give is at least X; it partly holds if some are; "
    "it does not hold if none is."
)
RULE_RANK = (
    "A stated rank holds if the rank computed from the sources equals it and no figure missing from the sources "
    "could change it; it holds approximately if it equals it but a missing figure could move it by one place."
)
RULE_FACT = (
    "A dated fact holds if a source found states it as the article does; it holds approximately if the sources "
    "state it with a detail (a date, a place, a name) that differs without changing its substance; it partly "
    "holds if one part is confirmed and another is not or is contradicted; it is not verifiable if no source "
    "found states it."
)


def floor_verdict(limit: float, values: list[float]) -> Verdict:
    """'No less than limit' against every estimate (RULE_FLOOR)."""
    if not values:
        return Verdict.NOT_VERIFIABLE
    at_least = [v >= limit for v in values]
    if all(at_least):
        return Verdict.HOLDS
    if any(at_least):
        return Verdict.PARTLY_HOLDS
    return Verdict.DOES_NOT_HOLD


def rank_verdict(stated: int, computed: int | None, worst: int | None) -> Verdict:
    """A stated rank against the computed one and the worst rank a missing figure allows (RULE_RANK)."""
    if computed is None:
        return Verdict.NOT_VERIFIABLE
    if computed != stated:
        return Verdict.DOES_NOT_HOLD
    if worst is None or worst == computed:
        return Verdict.HOLDS
    return Verdict.HOLDS_APPROXIMATELY if worst - computed == 1 else Verdict.PARTLY_HOLDS


def fact(claim, verdict: Verdict, stated: str, found: str, reason: str, sources, rule: str = RULE_FACT) -> Assessment:
    """An assessment of a dated fact (RULE_FACT unless another rule is given); repeated sources are dropped."""
    return Assessment(claim.name, verdict, stated, found, rule, reason, tuple(dict.fromkeys(sources)))
