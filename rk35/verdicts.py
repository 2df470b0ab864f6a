"""One verdict scale for the whole book, its look, and the rules that decide it.

A leaf: it imports nothing of the book's but its colour arithmetic (rk35.colours). It renders nothing either
(rk35.render writes the boxes, badges and tables); `LOOK` is the one table of each verdict's label, colours, CSS
class and LaTeX box, from which the stylesheet, the PDF's box colours, the chart colours and the badges are
generated; the looks in the theme's dark mode (`LOOKS["dark"]`) are derived from it, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from math import isfinite
from typing import NamedTuple

from rk35.colours import MODES, TEXT_CONTRAST, contrast, over, rgb, standing_out, text_on


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

    @property
    def rating(self) -> int | None:
        """A numeric rating (4 best, 1 worst) where the sources settle the claim; None where they do not."""
        return RATINGS.get(self)


MEANINGS = {
    Verdict.HOLDS: "the sources give the stated value, to the precision the article states it",
    Verdict.HOLDS_APPROXIMATELY: "the sources give a value within 5% of the stated one; or the number holds but a qualifier (its scope or basis) is unsupported; or a fact holds with a detail that differs",
    Verdict.PARTLY_HOLDS: "one part of the claim holds and another does not, or cannot be checked",
    Verdict.DOES_NOT_HOLD: "the sources contradict the claim",
    Verdict.NOT_VERIFIABLE: "no source found states or allows computing the value; shown as a gap, not guessed",
    Verdict.CONTEXT_ONLY: "an opinion or a forecast: shown for context, not checked",
}

#: The numeric ratings of the verdicts that settle a claim (ClaimReview's ratingValue; bestRating 4, worstRating 1).
RATINGS = {Verdict.HOLDS: 4, Verdict.HOLDS_APPROXIMATELY: 3, Verdict.PARTLY_HOLDS: 2, Verdict.DOES_NOT_HOLD: 1}



class Look(NamedTuple):
    """How a verdict looks: the colour of its box border and chart bar (Okabe-Ito), the tint of its box title, its
    badge's colours (WCAG AA text contrast), and the admonition type its box is set as in the PDF."""

    colour: str
    tint: tuple[int, int, int, float]
    badge_background: str
    badge_text: str
    latex_box: str


#: The one definition of each verdict's look.
LOOK: dict[Verdict, Look] = {
    Verdict.HOLDS: Look("#009E73", (0, 158, 115, 0.15), "#007A5A", "#FFFFFF", "tip"),
    Verdict.HOLDS_APPROXIMATELY: Look("#56B4E9", (86, 180, 233, 0.18), "#1F6FA8", "#FFFFFF", "hint"),
    Verdict.PARTLY_HOLDS: Look("#E69F00", (230, 159, 0, 0.18), "#E69F00", "#000000", "attention"),
    Verdict.DOES_NOT_HOLD: Look("#CC79A7", (204, 121, 167, 0.18), "#A8487F", "#FFFFFF", "danger"),
    Verdict.NOT_VERIFIABLE: Look("#7F7F7F", (127, 127, 127, 0.15), "#5F5F5F", "#FFFFFF", "important"),
    Verdict.CONTEXT_ONLY: Look("#000000", (0, 0, 0, 0.10), "#000000", "#FFFFFF", "caution"),
}


def dark_look(look: Look) -> Look:
    """A verdict's look in the theme's dark mode, derived from its light look: each colour is kept where it stands
    out from the dark page (3:1, WCAG's least for a graphical object), else its lightness is turned over (black
    becomes white); the title's tint is the border's colour at the same strength; the badge keeps its text colour
    where that still reads (4.5:1) on the badge, else takes black or white, whichever reads better."""
    page = MODES["dark"].background
    colour = standing_out(look.colour, page)
    badge = standing_out(look.badge_background, page)
    badge_text = look.badge_text if contrast(look.badge_text, badge) >= TEXT_CONTRAST else text_on(badge)
    return Look(colour, (*rgb(colour), look.tint[3]), badge, badge_text, look.latex_box)


#: Each verdict's look in each of the theme's modes: light as defined above, dark derived from it.
LOOKS: dict[str, dict[Verdict, Look]] = {"light": LOOK, "dark": {v: dark_look(look) for v, look in LOOK.items()}}


def title_tint_on_white(look: Look) -> str:
    """The box title's tint as an opaque colour on white (the PDF's title row), as RRGGBB."""
    return over(look.tint, "#FFFFFF").removeprefix("#")


#: Relative tolerance of "holds approximately" for a number.
APPROX_TOLERANCE = 0.05

H, HA, PH, DNH, NV, CO = (Verdict.HOLDS, Verdict.HOLDS_APPROXIMATELY, Verdict.PARTLY_HOLDS, Verdict.DOES_NOT_HOLD,
                          Verdict.NOT_VERIFIABLE, Verdict.CONTEXT_ONLY)


#: One rule of the rulebook: its name, the situation it covers, how it decides, the verdicts it can give.
class Rule(NamedTuple):
    name: str
    situation: str
    wording: str
    verdicts: tuple


#: The rulebook: every verdict in the book names one of these rules, and the same situation gets the same rule.
RULES: dict[str, Rule] = {r.name: r for r in (
    Rule("value", "A number", "A stated value holds if the source value rounds to it at the precision the article uses "
         "(within half a unit of its last digit); it holds approximately if it is within 5% of it; otherwise it does "
         "not hold. With no sourced value it is not verifiable.", (H, HA, DNH, NV)),
    Rule("unsupported-qualifier", "A number with a qualifier the sources do not support",
         "A qualifier is a word that sets what a number counts (its scope, its basis, its label). If the sources give "
         "the number but not the qualifier, the number's verdict under the value rule is lowered one step: holds "
         "becomes holds approximately, holds approximately becomes partly holds.", (HA, PH, DNH, NV)),
    Rule("dated-fact", "A fact: an event, a date, a statement, a state of affairs",
         "A fact holds if a source found states it as the article does; it does not hold if the sources found "
         "contradict it; it is not verifiable if no source found states it or its opposite.", (H, DNH, NV)),
    Rule("detail-differs", "A fact the sources give with a different detail",
         "A fact holds approximately if the sources confirm its substance but give a detail (a date, a place, a "
         "name, a wording, who it was addressed to) differently, and the difference does not change what the "
         "sentence asserts.", (HA,)),
    Rule("part-unconfirmed", "A sentence with several parts, one of them not found",
         "A sentence that asserts several things partly holds if at least one part is confirmed and another is "
         "neither confirmed nor contradicted by the sources found.", (PH,)),
    Rule("part-contradicted", "A sentence with several parts, one of them contradicted",
         "A sentence that asserts several things partly holds if at least one part is confirmed and another is "
         "contradicted by the sources found; it does not hold if every part is contradicted.", (PH, DNH)),
    Rule("causal", "A cause or an intent",
         "A claim that one thing caused another, or was done on purpose, holds if a source found states that cause "
         "and none found names another; it partly holds if the effect is confirmed but no source found states the "
         "cause, or sources name other causes as well; it does not hold if the effect itself is contradicted.",
         (H, PH, DNH)),
    Rule("rank", "A rank", "A stated rank holds if the rank computed from the sources equals it and no figure missing "
         "from the sources could change it; it holds approximately if a missing figure could move it by one place; "
         "it partly holds if by more; it does not hold if the computed rank differs.", (H, HA, PH, DNH, NV)),
    Rule("floor", "'No less than X'", "'No less than X' holds if every estimate the sources give is at least X; it "
         "partly holds if some are; it does not hold if none is.", (H, PH, DNH, NV)),
    Rule("ceiling", "'Less than X'", "'Less than X' holds if every share the sources allow (each combination of "
         "numerator and denominator) or state gives less than X; it partly holds if some do; it does not hold if none does.",
         (H, PH, DNH, NV)),
    Rule("trend", "A trend", "'Grew steadily' holds if every year-on-year change that both years' full-year figures "
         "allow is positive; it partly holds if the last year is above the first but some change is negative; it "
         "does not hold if the last year is not above the first.", (H, PH, DNH, NV)),
    Rule("duration", "A duration", "'For N years now' holds if the time elapsed, at every date the article could have "
         "been written, is at least N years and less than N + 1; it holds approximately if it is within a year of N "
         "at some of those dates; otherwise it does not hold.", (H, HA, DNH)),
    Rule("list", "A list of items", "A list holds if the article names every item of the source's list and the "
         "count matches; it partly holds if it names some; it does not hold if it names none.", (H, PH, DNH)),
    Rule("status", "A project's state today", "A claim about a project's state holds if the project's status "
         "recorded from the latest source found is that state; it does not hold if the recorded status is another "
         "known state (halted, completed, cancelled); it is not verifiable if no source found records its state.",
         (H, DNH, NV)),
    Rule("opinion", "An opinion, a forecast or a judgement of intent",
         "An opinion is shown for context and not checked.", (CO,)),
)}

#: What a reader should not confuse: a gap in the sources is not a contradiction.
GAP_VERSUS_CONTRADICTION = (
    "'Not verifiable' means the sources found do not cover the point: no source states it, and none states its "
    "opposite. It says nothing against the article, and the book shows the gap instead of guessing. 'Does not hold' "
    "means a source found states something else. When part of a sentence is uncovered, the verdict is 'partly holds' "
    "under the part-unconfirmed rule; when part is contradicted, it is the part-contradicted rule."
)


@dataclass(frozen=True)
class Assessment:
    """A claim's verdict with what decided it: the rule (by name), the book's reading of the claim, the reason."""

    claim_id: str
    verdict: Verdict
    stated: str
    found: str
    rule: str
    reason: str
    sources: tuple[str, ...] = field(default_factory=tuple)
    reading: str = ""
    as_of: str = ""
    how: str = "judged"  # "computed" by a check of the book's code, or "judged" (a row of data/judgements.csv)
    numbers: tuple = ()  # the number records the reason quotes (computed checks)
    second_reading: object = None  # a rk35.records.SecondReading (judged verdicts)
    corrections: tuple = ()  # rk35.records.Correction, oldest first

    def __post_init__(self):
        if self.rule not in RULES:
            raise ValueError(f"claim {self.claim_id}: no rule named {self.rule!r} in the rulebook")
        if self.verdict not in RULES[self.rule].verdicts:
            raise ValueError(f"claim {self.claim_id}: the {self.rule!r} rule cannot give '{self.verdict.value}'")

    @property
    def rule_wording(self) -> str:
        return RULES[self.rule].wording


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


def status_verdict(recorded: str, stated: str) -> Verdict:
    """A project's recorded status against the state the article gives it (the status rule)."""
    if recorded == stated:
        return Verdict.HOLDS
    if recorded in ("unknown", "announced only"):
        return Verdict.NOT_VERIFIABLE
    return Verdict.DOES_NOT_HOLD


def causal_verdict(effect_confirmed: bool, cause_stated: bool, other_causes: bool) -> Verdict:
    """A cause or an intent (the causal rule)."""
    if not effect_confirmed:
        return Verdict.DOES_NOT_HOLD
    if cause_stated and not other_causes:
        return Verdict.HOLDS
    return Verdict.PARTLY_HOLDS


def list_verdict(named: int, listed: int, stated_count: int) -> Verdict:
    """How many of a source's listed items the article names (the list rule)."""
    if named == listed == stated_count:
        return Verdict.HOLDS
    return Verdict.PARTLY_HOLDS if named else Verdict.DOES_NOT_HOLD


def duration_verdict(stated_years: int, shortest: float, longest: float) -> Verdict:
    """'For N years now' against the time elapsed at both ends of the window the article was written in."""
    if stated_years <= shortest and longest < stated_years + 1:
        return Verdict.HOLDS
    return Verdict.HOLDS_APPROXIMATELY if abs(shortest - stated_years) < 1 else Verdict.DOES_NOT_HOLD
