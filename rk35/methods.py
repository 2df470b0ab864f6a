"""The data-and-methods appendix: data dictionary, rules and source list, generated from the package."""

from __future__ import annotations

from rk35 import verdicts
from rk35.data import DATA_DIR, REFUSED, load_sources, published_label, record_read, validate_package
from rk35.text import md_cell, md_link


def _cell(text) -> str:
    return md_cell(text if text is not None else "")


def data_dictionary() -> str:
    """One section per resource: title, rows, description, download link and fields."""
    descriptor = validate_package()
    out = []
    for resource in descriptor["resources"]:
        path = DATA_DIR / resource["path"]
        record_read(resource["name"], resource["path"])
        schema = resource.get("schema")
        if schema:
            rows = sum(1 for _ in path.open(encoding="utf-8")) - 1
            size = f"{rows:,} rows"
        else:
            size = f"{path.stat().st_size / 1024:,.0f} KiB, {resource.get('format', 'file')}"
        out.append(f"### {_cell(resource['name'])}\n\n**{_cell(resource.get('title', ''))}** — {size}; "
                   f"{{download}}`{resource['path']} <../data/{resource['path']}>`\n\n{_cell(resource.get('description', ''))}\n")
        if schema:
            keys = ", ".join(_cell(k) for k in schema.get("primaryKey", []))
            out.append(f"Primary key: {keys}.\n")
            out.append(":::{table}\n:widths: 22 10 10 58\n\n| Field | Type | Required | Meaning |\n|:--|:--|:--|:--|")
            for field in schema["fields"]:
                required = "yes" if field.get("constraints", {}).get("required") else ""
                allowed = field.get("constraints", {}).get("enum")
                meaning = _cell(field.get("description", ""))
                if allowed:
                    meaning += (" " if meaning else "") + "One of: " + ", ".join(_cell(a) for a in allowed) + "\\."
                out.append(f"| {_cell(field['name'])} | {_cell(field['type'])} | {required} | {meaning} |")
            out.append(":::\n")
        licences = resource.get("licenses")
        if licences:
            out.append("Licence: " + "; ".join(_cell(lic.get("title", lic["name"])) for lic in licences) + ".\n")
    return "\n".join(out)


def rules() -> str:
    """The verdict scale, then the rulebook as a numbered table: every verdict in the book names one of its rules."""
    scale = verdicts.scale_table(name="tbl-verdict-scale-methods")
    rows = ["| Rule | Situation | How it decides | Verdicts it can give |", "|:--|:--|:--|:--|"]
    for rule in verdicts.RULES.values():
        rows.append(f"| {_cell(rule.name)} | {_cell(rule.situation)} | {_cell(rule.wording)} | "
                    f"{_cell('; '.join(v.value for v in rule.verdicts))} |")
    book = ("::::{table} The rulebook: the rule each verdict names, and the verdicts it can give\n:name: tbl-rulebook\n"
            ":widths: 16 17 42 25\n\n" + "\n".join(rows) + "\n::::\n")
    return (f"{scale}\nThe tolerance of 'holds approximately' is {verdicts.APPROX_TOLERANCE:.0%} for a number. "
            "Lower bounds and figures marked suspect never decide a verdict.\n\n" + book + "\n"
            + _cell(verdicts.GAP_VERSUS_CONTRADICTION) + "\n")


def source_table() -> str:
    sources = load_sources()
    rows = ["| Source | Publisher | Kind | Title | Published |", "|:--|:--|:--|:--|:--|"]
    for sid, s in sources.sort_index().iterrows():
        rows.append(f"| {_cell(sid)} | {_cell(s['publisher'])} | {_cell(s['kind'])} | {md_link(s['title'], s['url'])} "
                    f"| {_cell(published_label(s['published']))} |")
    return (f"{len(sources)} sources, by id.\n\n:::{{table}}\n:widths: 25 18 12 33 12\n\n" + "\n".join(rows)
            + "\n:::\n")



def refused() -> str:
    """What the loader refuses, as a MyST list (from rk35.data.REFUSED; each kind has its test)."""
    items = "\n".join(f"- {_cell(kind)};" for kind, _ in REFUSED[:-1]) + f"\n- {_cell(REFUSED[-1][0])}."
    return (f"Before any chapter runs, the loader checks the whole package and stops the build on any of "
            f"{len(REFUSED)} kinds of bad input, with a message that names the file, the line and the field "
            "(a problem with a whole file names the file):\n\n" + items + "\n\n"
            "A change to a data file that is not recorded in `datapackage.json` (its checksum and size, with "
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


def numbers(t) -> list:
    """The methods appendix's numbers: the reader poll's votes."""
    from rk35.context import poll_shares
    from rk35.numbers import Input, Recorder

    n = Recorder("methods", "appendix-methods")
    shares = poll_shares(t.reader_poll)
    n.add("poll_total", str(int(shares["total"].iloc[0])), "The votes for every option, added up.",
          *[Input(f"votes for '{r['option']}'", str(int(r["votes"])), (r["source_id"],)) for _, r in t.reader_poll.iterrows()])
    return n.numbers
