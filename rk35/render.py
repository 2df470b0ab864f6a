"""The book's own MyST and styles, written from the leaf records: verdict boxes and badges, the verdict scale and
the rulebook as tables, the claims register, the numbers appendix, and the verdict look as CSS and as the PDF's box
colours (from rk35.verdicts.LOOK, the one definition). Data text goes through rk35.text only."""

from __future__ import annotations

import pandas as pd

from rk35.data.render import citations, source_list
from rk35.records import Correction, Input, Number, SecondReading
from rk35.text import md, md_cell, md_link, number_word
from rk35.verdicts import (
    APPROX_TOLERANCE,
    GAP_VERSUS_CONTRADICTION,
    LOOK,
    LOOKS,
    RULES,
    Assessment,
    Verdict,
    title_tint_on_white,
)

#: The sphinx-design badge of each verdict: the badge's own name, styled in the verdict's look by verdict_css().
BADGE = {Verdict.HOLDS: "success", Verdict.HOLDS_APPROXIMATELY: "info", Verdict.PARTLY_HOLDS: "warning",
         Verdict.DOES_NOT_HOLD: "danger", Verdict.NOT_VERIFIABLE: "secondary", Verdict.CONTEXT_ONLY: "dark"}


def verdict_box(a: Assessment, label: str, sources: pd.DataFrame, report: str = "") -> str:
    """The verdict as a MyST admonition; its class follows the verdict. `label` is the claim's short name
    (claims.csv), which the reader sees instead of the claim's id. A corrected claim shows its dated corrections
    first; a judged one, after its sources, the strongest evidence against it that its second reading found. With
    `report` (a URL), the box ends with a link to report an error in this check."""
    if a.sources:
        cited = source_list(a.sources, sources)
    elif a.verdict is Verdict.CONTEXT_ONLY:
        cited = "- not applicable: an opinion is not checked"
    else:
        cited = "- none: no source found covers it"
    reading = f" {md(a.reading)}" if a.reading else ""
    return (
        f":::{{admonition}} Verdict: {a.verdict.value}\n"
        f":class: verdict {a.verdict.css_class}\n\n"
        + "".join(correction_note(c) for c in a.corrections)
        + f"**Claim{': ' + md(label) if label else ''}.** Stated: {md(a.stated)}. Found: {md(a.found)}.\n\n"
        f"{md(a.reason)}\n\n"
        f"*Rule:* {{ref}}`{a.rule} <tbl-rulebook>`.{reading}\n\n"
        f"*Sources:*\n\n{cited}\n\n"
        + (counter_evidence(a.second_reading, sources) if a.second_reading else "")
        + (md_link("Report an error in this check", report) + "\n\n" if report else "")
        + ":::\n"
    )


def how_to_read(assessed: dict[str, Assessment], labels: dict[str, str]) -> str:
    """What a chapter's claim checks have in common, said once at its top instead of in every box: where the verdict
    is shown, what the box holds, where the rules are explained, and which verdicts were computed and which judged, and
    on the sources found by when (the judged ones grouped by that date, each group named unless it is the last)."""
    computed = [a for a in assessed.values() if a.how == "computed"]
    opinions = [a for a in assessed.values() if a.verdict is Verdict.CONTEXT_ONLY]
    judged = [a for a in assessed.values() if a.how != "computed" and a.verdict is not Verdict.CONTEXT_ONLY]
    by_date: dict[str, list[str]] = {}
    for a in judged:
        by_date.setdefault(a.as_of, []).append(labels.get(a.claim_id, a.claim_id))
    dates = sorted(by_date, key=lambda day: (len(by_date[day]), day))  # the largest group last, as "the other N"
    found_by = [f"by {md(day)} ({', '.join(f'“{md(name)}”' for name in by_date[day])})" for day in dates[:-1]]
    if dates:
        rest = f"the other {number_word(len(by_date[dates[-1]]))}" if found_by else ""
        found_by.append(f"by {md(dates[-1])}" + (f" ({rest})" if rest else ""))

    def claims(n: int) -> str:
        return f"{number_word(n)} claim{'s' if n != 1 else ''}"

    parts = []
    if computed:
        parts.append(f"the verdicts of {claims(len(computed))} are computed from the data tables by the book's code")
    if judged:
        parts.append(f"{'those' if computed else 'the verdicts'} of {claims(len(judged))} are judged from the sources "
                     f"found {' and '.join(found_by)}")
    if opinions:
        parts.append(f"{number_word(len(opinions))} {'is an opinion' if len(opinions) == 1 else 'are opinions'}, "
                     "shown for context and not checked")
    joint = "; and " if len(parts) > 2 else ", and "
    split = "; ".join(parts[:-1]) + (joint if len(parts) > 1 else "") + parts[-1] if parts else ""
    return ("Each claim below is quoted from the article. Its heading ends with its verdict on the book's one scale "
            "({numref}`tbl-verdict-scale`), and the box under it says what the article states, what the sources "
            "give and why, names the rule that decided the verdict and lists the sources; the rulebook "
            "({numref}`tbl-rulebook`) says how each rule decides."
            + (f" In this chapter, {split}." if split else "") + "\n")


def correction_note(c: Correction) -> str:
    """A dated correction, at the top of the claim's box: what was changed, from what to what, and why (the sources
    that made it are among the box's sources, and in the corrections appendix)."""
    what = {"verdict": "The verdict", "found": "What was found", "reason": "The reason", "stated": "What is stated",
            "sources": "The sources"}[c.changed]
    was, now = (md(text.rstrip(".")) for text in (c.was, c.now))
    return f"**Corrected on {md(c.date)}.** {what} read “{was}”; it now reads “{now}”. {md(c.why)}\n\n"


def counter_evidence(second: SecondReading, sources: pd.DataFrame) -> str:
    """The second reading: the strongest evidence against the verdict, or that none was found and where."""
    if second.outcome == "not checked: an opinion":
        return ""
    if second.source:
        found = f"{citation(second.source, sources)}: {md(second.says)}"
    else:
        tried = len([query for query in second.searches.split(" | ") if query.strip()])
        found = (f"none found, in {tried} search{'es' if tried != 1 else ''} of the public record (the searches are in "
                 "the claims register's download)")
    return f"*Strongest evidence against* (second reading, {md(second.read_on)}): {found}\n\n"


def citation(source_id: str, sources: pd.DataFrame) -> str:
    """One short citation in running text: publisher, title (the link), date."""
    return source_list([source_id], sources).removeprefix("- ")


def badge(a: Assessment) -> str:
    """The verdict as a badge for under the claim's quote (MyST, sphinx-design)."""
    return f"{{bdg-{BADGE[a.verdict]}}}`{a.verdict.value}`"


def scale_table() -> str:
    """The scale as a numbered MyST table (in the methods appendix; every chapter refers to it)."""
    rows = ["| Verdict | Meaning |", "|:--|:--|"] + [f"| {md(v.value)} | {md(v.meaning)} |" for v in Verdict]
    return ":::{table} The verdict scale used for every claim in the book\n:name: tbl-verdict-scale\n\n" + "\n".join(rows) + "\n:::\n"


def rulebook() -> str:
    """The verdict scale, then the rulebook as a numbered table: every verdict in the book names one of its rules."""
    rows = ["| Rule | Situation | How it decides | Verdicts it can give |", "|:--|:--|:--|:--|"]
    for rule in RULES.values():
        rows.append(f"| {md_cell(rule.name)} | {md_cell(rule.situation)} | {md_cell(rule.wording)} | "
                    f"{md_cell('; '.join(v.value for v in rule.verdicts))} |")
    book = ("::::{table} The rulebook: the rule each verdict names, and the verdicts it can give\n:name: tbl-rulebook\n"
            ":class: longtable\n:widths: 16 17 42 25\n\n" + "\n".join(rows) + "\n::::\n")
    return (f"{scale_table()}\nThe tolerance of 'holds approximately' is "
            f"{APPROX_TOLERANCE:.0%} for a number. Lower bounds and figures marked suspect never decide a verdict.\n\n"
            + book + "\n" + md_cell(GAP_VERSUS_CONTRADICTION) + "\n")


#: The article's parts, in order (the register lists its claims by part).
PARTS = ["Opening", "Integration as a path to peace", "Pressure or engagement?", "Conclusion"]


def register_table(assessed: dict[str, Assessment], claims: pd.DataFrame) -> str:
    """The claims register as a compact MyST table: the claim, its verdict as a badge, what was found, and a link to
    the section that checks it (where the sources, the rule and the reason are; all of it is in the downloads)."""
    order = claims.assign(part=claims["article_section"].map(PARTS.index)).sort_values("part", kind="stable")
    rows = ["| Claim | Verdict | Found | Checked in |", "|:--|:--|:--|:--|"]
    for claim_id, row in order.iterrows():
        a = assessed[claim_id]
        rows.append(f"| “{md_cell(row['quote'])}” ({md_cell(row['article_section'])}) "
                    f"| {badge(a)} | {md_cell(a.found)} | {{ref}}`{row['anchor']}` |")
    return ":::{table} Every checkable claim of the article, its verdict and where it is checked\n:name: tbl-register\n" \
           ":widths: 44 16 24 16\n\n" + "\n".join(rows) + "\n:::\n"


def origin(i: Input, sources: pd.DataFrame, claims: pd.DataFrame) -> str:
    """Where an input comes from, for a reader: the article's claim (a link to it) and the sources' labels (links to
    the bibliography)."""
    parts = []
    if i.claim:
        claim = claims.loc[i.claim]
        parts.append(f"the article's claim [{md(claim['label'])}](#{claim['anchor']})")
    if i.sources:
        parts.append(citations(sources).md(i.sources))
    return "; ".join(parts)


def numbers_appendix(numbers: list[Number], titles: dict[str, str], sources: pd.DataFrame, claims: pd.DataFrame) -> str:
    """The appendix body as MyST: per chapter (in `titles`' order), each number's record under its label."""
    out = []
    for chapter, title in titles.items():
        chosen = [n for n in numbers if n.chapter == chapter]
        if not chosen:
            continue
        out.append(f"## {md(title)}\n")
        for n in chosen:
            inputs = "\n".join(f"  - {md(i.what)}: {md(i.value)}" + (f" ({origin(i, sources, claims)})" if i.origin else "")
                               for i in n.inputs)  # a count of the book's own verdicts has no source to name
            out.append(f"({n.label})=\n**{md(n.text)}** — {md(n.method)} Computed in {{ref}}`{n.section}`.\n\n"
                       f"- Inputs:\n{inputs}\n")
    return "\n".join(out)


def _rgba(look) -> str:
    red, green, blue, alpha = look.tint
    return f"rgba({red}, {green}, {blue}, {alpha:g})"


#: The selector that puts a rule in the theme's dark mode (sphinx-book-theme sets html[data-theme] to "dark").
DARK_MODE = 'html[data-theme="dark"] '


def verdict_css() -> str:
    """The verdict boxes and badges in the verdict's look (rk35.verdicts.LOOKS: light as LOOK defines it, dark
    derived from it), as CSS for the HTML edition."""
    lines = ["/* Generated from rk35.verdicts.LOOK by rk35.render.verdict_css: the verdict colours, defined once; the",
             "   dark mode's are derived from them (rk35.verdicts.dark_look). */",
             "div.admonition.verdict { border-left-width: 0.4rem; }",
             "div.admonition.verdict > .admonition-title { font-weight: 600; }",
             "div.admonition.verdict > .admonition-title::after { content: none; }"]
    for mode, looks in LOOKS.items():
        scope = DARK_MODE if mode == "dark" else ""
        for verdict, look in looks.items():
            box = f"{scope}div.admonition.{verdict.css_class}"
            lines += [f"{box} {{ border-color: {look.colour}; }}",
                      f"{box} > .admonition-title {{ background-color: {_rgba(look)}; }}",
                      (f"{scope}.sd-badge.sd-bg-{BADGE[verdict]} {{ background-color: {look.badge_background} "
                       f"!important; color: {look.badge_text} !important; }}")]
    return "\n".join(lines) + "\n"


def latex_box_colours() -> str:
    """The PDF's verdict boxes in the verdict's look: Sphinx's sphinxsetup keys for each admonition type a verdict box
    is set as (the border in the verdict colour, the title row its tint on white)."""
    return ", ".join((f"div.{look.latex_box}_border-TeXcolor={{HTML}}{{{look.colour.lstrip('#')}}}, "
                      f"div.{look.latex_box}_title-background-TeXcolor={{HTML}}{{{title_tint_on_white(look)}}}, "
                      f"div.{look.latex_box}_border-width=1.5pt") for look in LOOK.values())
