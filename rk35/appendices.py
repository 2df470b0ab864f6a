"""The appendices as chapters of the book: the claims register (read from every chapter's assessments), the data
and methods appendix (read from the package), every number in the book (read from every chapter's records), the
corrections, the standards page, and what changed since the last kept edition (rk35.editions)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from rk35 import editions
from rk35.chapter import Chapter, record_scorecard, verdict_counts
from rk35.charts import PAGE, titled
from rk35.data import DATA_DIR, REFUSED, Tables, record_read, validate_package
from rk35.data.cite import ARTICLE
from rk35.data.render import citations, entry
from rk35.fmt import date, pct, table
from rk35.records import Input, Number, Recorder, label
from rk35.render import PARTS, numbers_appendix, register_table, rulebook
from rk35.settings import publisher
from rk35.text import md, md_cell
from rk35.topics.events import poll_shares
from rk35.verdicts import LOOK, Assessment, Verdict

REGISTER, METHODS, NUMBERS, CORRECTIONS, STANDARDS = "register", "methods", "numbers", "corrections", "standards"
BIBLIOGRAPHY = "bibliography"
#: The sources the front page (book/intro.md) links to in the bibliography: the article under review.
FRONT_PAGE_CITES = (ARTICLE,)
CHANGES = editions.CHAPTER


def verdict_chart(counts: pd.DataFrame, title: str, opinions: str, width: int | None = None):
    """The checked claims by verdict (opinions are not checked, so they are not among the bars)."""
    width = width or PAGE
    checked = [v.value for v in Verdict if v is not Verdict.CONTEXT_ONLY]
    chart = alt.Chart(counts).mark_bar().encode(
        y=alt.Y("verdict:N", sort=checked, title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("claims:Q", title="Number of claims", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("verdict:N", sort=checked, legend=None,
                        scale=alt.Scale(domain=checked, range=[LOOK[Verdict(v)].colour for v in checked])),
        tooltip=["verdict:N", "claims:Q"],
    ).properties(width=min(460, width - 240), height=alt.Step(26))
    return titled(chart, title, f"The article's checked claims by verdict (one scale for the whole book); {opinions}.",
                  "the book's verdicts, from its data package (claims register)", width)


def register(assessed: dict[str, Assessment], tables: Tables) -> Chapter:
    """The claims register: every claim's verdict, the book's scorecard, and the chart of checked claims."""
    n = Recorder(REGISTER, "appendix-register")
    card = record_scorecard(n, "scorecard", assessed, " in the claims register", "The register's")
    count = verdict_counts(assessed)
    opinions = count[Verdict.CONTEXT_ONLY]
    checked = n.add("claims_checked", str(len(assessed) - opinions), "The claims checked: every claim but the "
                    "opinions.", *card.inputs)
    n.add("claims_opinions", str(opinions), "The claims that are opinions, shown for context and not checked.",
          card.inputs[-1])
    frame = pd.DataFrame({"verdict": [v.value for v in count if v is not Verdict.CONTEXT_ONLY],
                          "claims": [c for v, c in count.items() if v is not Verdict.CONTEXT_ONLY]})
    top = frame.sort_values("claims", ascending=False, kind="stable").iloc[0]
    title = f"{int(top['claims'])} of the {checked.text} claims checked: {top['verdict']}"
    said = f"{opinions} more {'is an opinion' if opinions == 1 else 'are opinions'}, shown for context and not checked"
    return Chapter(REGISTER, "Claims register", "appendix-register", assessed, n.numbers,
                   {"register": register_table(assessed, tables.claims)},
                   {"fig_verdicts": (verdict_chart, (frame, title, said))})


def data_dictionary() -> str:
    """One section per resource: title, rows, description, download link and fields."""
    out = []
    for resource in validate_package()["resources"]:
        path = DATA_DIR / resource["path"]
        record_read(resource["name"], resource["path"])
        schema = resource.get("schema")
        if schema:
            size = f"{sum(1 for _ in path.open(encoding='utf-8')) - 1:,} rows"
        else:
            size = f"{path.stat().st_size / 1024:,.0f} KiB, {resource.get('format', 'file')}"
        size += f" (size limit {resource['rk35:maxBytes'] / 1000:,.0f} kB"
        size += ", may be empty)" if resource.get("rk35:mayBeEmpty") else ")"
        out.append(f"### {_cell(resource['name'])}\n\n**{_cell(resource.get('title', ''))}** — {size}; "
                   f"{{download}}`{resource['path']} <../data/{resource['path']}>`\n\n{_cell(resource.get('description', ''))}\n")
        if schema:
            out.append(f"Primary key: {', '.join(_cell(k) for k in schema.get('primaryKey', []))}.\n")
            # a long table in the PDF: it starts where it is and breaks across pages, repeating its header
            out.append(":::{table}\n:class: longtable\n:widths: 21 10 12 57\n\n| Field | Type | Required | Meaning |\n|:--|:--|:--|:--|")
            for field in schema["fields"]:
                required = "yes" if field.get("constraints", {}).get("required") else ""
                allowed = field.get("constraints", {}).get("enum")
                meaning = _cell(field.get("description", ""))
                for extra in (allowed and "One of: " + ", ".join(_cell(a) for a in allowed) + "\\.", _cell(_range(field))):
                    if extra:
                        meaning += ("" if not meaning else " " if meaning.endswith("\\.") else "\\. ") + extra
                out.append(f"| {_cell(field['name'])} | {_cell(field['type'])} | {required} | {meaning} |")
            out.append(":::\n")
        if resource.get("licenses"):
            out.append("Licence: " + "; ".join(_cell(lic.get("title", lic["name"])) for lic in resource["licenses"]) + ".\n")
    return "\n".join(out)


def _range(field: dict) -> str:
    """The range a year or date field declares, in words ("From 1990 to 2026.")."""
    constraints = field.get("constraints", {})
    low, high = field.get("rk35:earliest", constraints.get("minimum")), field.get("rk35:latest", constraints.get("maximum"))
    if low is None or high is None or not (field["type"] in ("date", "string") or "year" in field["name"]):
        return ""
    return f"From {date(str(low))} to {date(str(high))}."


def _cell(text) -> str:
    return md_cell(text if text is not None else "")


REFUSED_TAIL = (
    "A change to a data file whose checksum and size `datapackage.json` does not hold (record them with "
    "`make checksums`) is refused too. Each kind has a test that breaks a copy of the package and checks "
    "the message (`tests/test_bad_input.py`).\n\n"
    "### Text from the data is shown as text\n\n"
    "Titles, publishers, quotes, notes and reasons were copied from web pages. None of them can become markup "
    "in this book: every string from the data reaches a page through one small set of functions "
    "(`rk35/text.py`) that make it literal text for where it goes. In Markdown every punctuation character is "
    "escaped, so no emphasis, link, role or HTML tag can come from a cell; the HTML and LaTeX writers then "
    "escape it as text (nothing from the data is passed raw to LaTeX); tables written as HTML escape their "
    "cells; charts carry data as data. Links lead only to http(s) addresses. Tests send hostile strings "
    "(markup, roles, LaTeX specials, Hangul, Cyrillic, very long text, generated at random as well as a fixed "
    "list) through every renderer and check that they come out as the same characters.\n\n"
    "The CSV files the book offers for download are the validated package files themselves. Because the "
    "loader refuses any text cell that begins with `=`, `+`, `-` or `@`, none of them can carry a formula "
    "that a spreadsheet would run when a reader opens it.\n")


def refused() -> str:
    """What the loader refuses, as a MyST list (from rk35.data.REFUSED; each kind has its test)."""
    items = "\n".join(f"- {_cell(kind)};" for kind, _ in REFUSED[:-1]) + f"\n- {_cell(REFUSED[-1][0])}."
    return (f"Before any chapter runs, the loader checks the whole package and stops the build on any of "
            f"{len(REFUSED)} kinds of bad input, with a message that names the file, the line and the field "
            "(a problem with a whole file names the file):\n\n" + items + "\n\n" + REFUSED_TAIL)


def methods(tables: Tables) -> Chapter:
    """The data and methods appendix: the data dictionary, the refusals, the rulebook, the reader poll, the sources."""
    n = Recorder(METHODS, "appendix-methods")
    shares = poll_shares(tables.reader_poll)
    n.add("poll_total", str(int(shares["total"].iloc[0])), "The votes for every option, added up.",
          *[Input(f"votes for '{r['option']}'", str(int(r["votes"])), (r["source_id"],))
            for _, r in tables.reader_poll.iterrows()])
    poll = table(shares.assign(recomputed=shares["recomputed_pct"].map(pct)),
                 {"option": "Option", "votes": "Votes", "stated_pct": "Printed %", "recomputed": "Recomputed",
                  "agrees": "Printed = recomputed, rounded"})
    return Chapter(METHODS, "Data and methods", "appendix-methods", {}, n.numbers,
                   {"dictionary": data_dictionary(), "refused": refused(), "rules": rulebook(), "tbl_poll": poll})


def every_number(numbers: list[Number], titles: dict[str, str], tables: Tables) -> Chapter:
    """The appendix "Every number in this book": each number's record, by chapter."""
    return Chapter(NUMBERS, "Every number in this book", "appendix-numbers", {},
                   [Number("numbers_count", str(len(numbers)), "The numbers recorded in the book, counted.",
                           (Input("number records", f"{len(numbers)} records"),), NUMBERS, "appendix-numbers")],
                   {"numbers_appendix": numbers_appendix(numbers, titles, tables.sources, tables.claims)})


#: How the second readings' outcomes are told, in this order (the sentence names every outcome that occurred).
OUTCOMES = {"verdict changed": ("changed its verdict", "changed their verdicts"),
            "reason corrected": ("corrected its wording", "corrected their wording"),
            "verdict unchanged": ("left it as it was", "left them as they were"),
            "not checked: an opinion": ("was an opinion, not checked", "were opinions, not checked")}


def corrections(tables: Tables) -> Chapter:
    """The corrections appendix: every correction, and what the second readings found."""
    n = Recorder(CORRECTIONS, "appendix-corrections")
    readings, claims = tables.second_readings, tables.claims
    fixes = tables.corrections.sort_values("correction_id")
    n.add("corrections_count", str(len(fixes)), "The corrections made, counted.",
          Input("corrections.csv rows", f"{len(fixes)} corrections", tuple(dict.fromkeys(s for ids in fixes["source_ids"] for s in ids))))
    counts = {outcome: int(n) for outcome, n in readings["outcome"].value_counts().items()}
    parts = [f"{counts[o]} {OUTCOMES[o][int(counts[o] != 1)]}" for o in OUTCOMES if counts.get(o, 0)]
    said = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    n.add("second_readings_outcomes", f"Of the {len(readings)} verdicts read a second time, {said}.",
          "The second readings counted by what they changed, every outcome named: the parts add up to the whole.",
          *(Input(f"second readings that {OUTCOMES[o][1]}", str(counts.get(o, 0))) for o in OUTCOMES))
    found = readings["counter_source_id"].notna().sum()
    n.add("counter_evidence_found", str(int(found)), "The second readings that found evidence against the verdict, "
          "counted (the others record the searches tried).", Input("second readings with a counter-source", str(int(found))))
    rows = fixes.assign(
        claim=fixes["claim_id"].map(claims["label"]), day=fixes["date"].map(date),
        what=[f"{changed}: “{was.rstrip('.')}” → “{now.rstrip('.')}”"
              for changed, was, now in zip(fixes["changed"], fixes["was"], fixes["now"])],
        sources=[citations(tables.sources).linked(ids) for ids in fixes["source_ids"]])
    listed = table(rows, {"day": "Date", "claim": "Claim", "what": "What changed", "why": "Why", "sources": "Sources"},
                   caption="Every correction, in the order made", label="tbl-corrections")
    return Chapter(CORRECTIONS, "Corrections", "appendix-corrections", {}, n.numbers, {"tbl_corrections": listed})


def standards(tables: Tables) -> Chapter:
    """The standards page: the claims checked and the opinions left unchecked in each part of the article, and who
    publishes the book (from its configuration)."""
    n = Recorder(STANDARDS, "front-standards")
    claims = tables.claims
    rows = []
    for part in PARTS:
        mine = claims[claims["article_section"] == part]
        opinions = mine[mine["kind"] == "opinion"]
        rows.append({"part": part, "checked": len(mine) - len(opinions), "opinions": "; ".join(opinions["label"]) or "none"})
    n.add("publisher", publisher() or "not stated", "Who publishes the book, as its configuration (_config.yml) names "
          "its author.", Input("_config.yml, author", publisher() or "not stated"))
    listed = table(pd.DataFrame(rows), {"part": "Part of the article", "checked": "Claims checked",
                                        "opinions": "Opinions shown for context, not checked"},
                   caption="The article's checkable claims by part", label="tbl-claims-by-part")
    return Chapter(STANDARDS, "How this book checks", "front-standards", {}, n.numbers, {"tbl_claims_by_part": listed})



def bibliography(tables: Tables, cited: set[str]) -> Chapter:
    """The bibliography: every source the book cites, alphabetical by label (under its first letter), then the
    sources consulted and not cited; each entry under the anchor that every citation label links to."""
    sources, cite = tables.sources, citations(tables.sources)

    def listing(ids: list[str]) -> str:
        out, letter = [], None
        for source_id in sorted(ids, key=lambda sid: (cite(sid).casefold(), sid)):
            first = cite(source_id)[:1].upper()
            if first != letter:
                out.append(f"```{{rubric}} {md_cell(first)}\n```\n")
                letter = first
            out.append(entry(source_id, sources))
        return "::::{container} rk35-bibliography\n" + "\n".join(out) + "::::\n"

    unknown = sorted(set(cited) - set(sources.index))
    if unknown:
        raise KeyError(f"cited but not in data/sources.csv: {unknown}")
    consulted = [sid for sid in sources.index if sid not in cited]
    return Chapter(BIBLIOGRAPHY, "Bibliography", "appendix-bibliography", {}, [],
                   {"bibliography_cited": listing(sorted(cited)), "bibliography_consulted": listing(consulted)})
def _count(n: int, one: str, many: str) -> str:
    return f"no {one}" if n == 0 else f"{n} {one if n == 1 else many}"


def _moved(moved: tuple[editions.Moved, ...], sources: pd.DataFrame) -> str:
    """The inputs that moved, as a reader reads them: what, was → now, and where it comes from."""
    def origin(m: editions.Moved) -> str:
        names = (["the article"] if m.claim else []) + [sources.loc[s, "publisher"] if s in sources.index else s
                                                         for s in m.sources]
        return f" ({'; '.join(dict.fromkeys(names))})" if names else ""
    return "; ".join(f"{m.what}: {m.was or 'none'} → {m.now or 'none'}{origin(m)}" for m in moved)


def changes_report(found: editions.Changes, tables: Tables, titles: dict[str, str]) -> str:
    """What changed as MyST: a section for each kind of change there is, one item per claim or number (lists, which
    read on a phone and in print), then where the kept edition is."""
    base, out = found.baseline, []
    if base is None:
        return ""
    claims, sources = tables.claims, tables.sources

    def claim(claim_id: str) -> str:
        return f"[{md(claims.loc[claim_id, 'label'])}](#{claims.loc[claim_id, 'anchor']})"

    if found.verdicts:
        out.append("## Verdicts that changed\n")
        for v in found.verdicts:
            why = ("; ".join(f"the correction of {c.date}: {c.why}" for c in v.corrections)
                   or _moved(tuple(m for n in v.numbers for m in n.moved), sources)
                   or f"what the check found: “{v.found_was}” → “{v.found_now}”")
            out.append(f"- {claim(v.claim_id)}: {md(v.was)} → **{md(v.now)}**. What changed it: {md(why.rstrip('.'))}.")
    if found.added:
        out.append("\n## Claims added\n")
        out += [f"- {claim(c)}: {md(verdict)}." for c, verdict in found.added]
    if found.withdrawn:
        out.append("\n## Claims withdrawn\n")
        out += [f"- {md(r['label'])} (in edition {base.number}: {md(r['verdict'])})." for r in found.withdrawn]
    if found.numbers:
        out.append("\n## Numbers that moved\n")
        for n in found.numbers:
            method = n.method.rstrip(".")
            what = f"[{md(method)}](#{label(n.key)})" if n.now is not None else md(method)
            change = (f"new: **{md(n.now.rstrip('.'))}**" if n.was is None else f"gone (was {md(n.was.rstrip('.'))})"
                      if n.now is None else f"{md(n.was.rstrip('.'))} → **{md(n.now.rstrip('.'))}**")
            moved = _moved(n.moved, sources) or "its computation"
            out.append(f"- {what} ({md(titles.get(n.chapter, n.chapter))}): {change}. Moved by: {md(moved)}.")
    files = " and ".join(f"{what}, {{download}}`{path} <../data/{path}>`" for what, path in
                         (("its claims register", f"{editions.FOLDER}/{base.number}/{editions.REGISTER}"),
                          ("its numbers", f"{editions.FOLDER}/{base.number}/{editions.NUMBERS}")))
    out.append(f"\nEdition {base.number} is kept in the data package, as its downloads gave them: {files}.\n")
    return "\n".join(out)


def changes(found: editions.Changes, compared: tuple[int, int], tables: Tables, titles: dict[str, str]) -> Chapter:
    """The appendix "What changed": the edition, the edition it is compared with, what changed (verdicts, claims,
    numbers) or that nothing did. `compared`: how many claims and numbers the book has now."""
    n = Recorder(CHANGES, "appendix-changes")
    current, base = found.current, found.baseline
    kept = Input("editions kept (data/editions)", ", ".join(str(k) for k in found.kept) or "none")
    n.add("edition", editions.title(current), "The edition, as the book's configuration (_config.yml) sets its number "
          "and date.", Input("_config.yml, rk35.edition", f"number {current.number}, date {date(current.date)}"))
    if base is None:
        against = "No edition has been kept yet, so there is nothing to compare this one with."
    elif base.number == current.number:
        against = (f"It is compared with edition {base.number} as it was kept on {date(base.edition.date)}: the first "
                   "edition, compared with itself, so that any change since shows here.")
    else:
        against = f"It is compared with the last edition kept before it, edition {base.number} of {date(base.edition.date)}."
    n.add("changes_against", against, "The edition the book is compared with: the last kept before this one (the first "
          "edition is compared with itself as kept).", kept, Input("this edition", str(current.number)))
    claims, numbers = compared
    counts = (len(found.verdicts), len(found.added), len(found.withdrawn), len(found.numbers))
    if base is None:
        said = "Nothing can be compared yet."
    elif found.nothing:
        said = (f"Nothing changed: all {claims} claims keep their verdicts, and all {numbers} numbers compared keep "
                "their values.")
    else:
        claims_said = ("no claim was added or withdrawn" if not (counts[1] or counts[2]) else
                       f"{_count(counts[1], 'claim was added', 'claims were added')}, "
                       f"{_count(counts[2], 'claim was withdrawn', 'claims were withdrawn')}")
        said = (f"{_count(counts[0], 'verdict changed', 'verdicts changed')}, {claims_said} and "
                f"{_count(counts[3], 'number moved', 'numbers moved')}.")
        said = said[0].upper() + said[1:]
    summary = n.add("changes_summary", said, "The claims whose verdict changed, the claims added and withdrawn, and the "
                    "numbers whose text moved since that edition, counted (claims by id, numbers by key).",
                    *(Input(what, str(c)) for what, c in zip(("verdicts changed", "claims added", "claims withdrawn",
                                                              "numbers moved"), counts)),
                    Input("claims now", str(claims)), Input("numbers compared", str(numbers)))
    return Chapter(CHANGES, "What changed", "appendix-changes", {}, n.numbers,
                   {"changes_report": changes_report(found, tables, titles)},
                   finding=f"{editions.title(current)}. {against} {summary.text}")
