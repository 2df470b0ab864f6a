"""Sources as a reader sees them: citation labels linked to the bibliography, short citations, bibliography entries
and publication dates, written through the one text boundary (rk35.text)."""

from __future__ import annotations

import pandas as pd

from rk35.data.cite import Citations, anchor
from rk35.fmt import date, written_dates
from rk35.text import md, md_cell, md_link, url

#: Citations computed once per sources table (keyed by the table's identity; the table is kept with them).
_CITATIONS: dict[int, tuple[pd.DataFrame, Citations]] = {}


def citations(sources: pd.DataFrame) -> Citations:
    """The labels and anchors of a sources table (indexed by source_id), computed once."""
    kept = _CITATIONS.get(id(sources))
    if kept is None or kept[0] is not sources:
        kept = _CITATIONS[id(sources)] = (sources, Citations(sources))
    return kept[1]


def _given(value) -> bool:
    """A text field that holds something (an empty cell loads as a missing value)."""
    return isinstance(value, str) and value != ""


def written_date(source: pd.Series) -> str:
    """A source's date for a reader: '21 February 2023', 'February 2023' or '2023', or 'undated'."""
    return date(source["date"]) if _given(source["date"]) else "undated"


def title(source: pd.Series) -> str:
    """The title as Markdown: the headline as text, or the book's description of the page in square brackets."""
    text = md(source["title"])
    return f"\\[{text}\\]" if source["title_kind"] == "description" else text


def source_list(source_ids, sources: pd.DataFrame) -> str:
    """A MyST list of short citations: the label (a link to the bibliography entry), publisher and its kind, title
    (the link to the page), date. Unknown ids are an error."""
    cite = citations(sources)
    items = []
    for sid in dict.fromkeys(source_ids):  # keep order, drop repeats
        label = cite.md([sid])  # an unknown id is an error here
        s = sources.loc[sid]
        page = md_link(s["title"], s["url"]) if _given(s["url"]) and s["title_kind"] == "headline" else title(s)
        if _given(s["url"]) and s["title_kind"] == "description":
            page = f"\\[{md_link(s['title'], s['url'])}\\]"
        items.append(f"- {label}: {md(written_dates(s['publisher']))} ({md(s['kind'])}), {page}, {md(written_date(s))}")
    return "\n".join(items)


def entry(source_id: str, sources: pd.DataFrame) -> str:
    """A source's bibliography entry as MyST: its anchor, its label in bold, then author, publisher, title, kind,
    date (and how it was found, where not from the page), address (or that it is not known)."""
    s, label = sources.loc[source_id], citations(sources)(source_id)
    parts = [f"**{md_cell(label)}**" + ("" if label.endswith(".") else ".")]
    if _given(s["author"]):
        parts.append(md(s["author"]) + ".")
    parts.append(md(written_dates(s["publisher"])) + ".")
    parts.append((f"*{title(s)}*" if s["title_kind"] == "headline" else title(s)) + ".")
    found = {"from the URL": " (dated by its address)", "from the content": " (dated by its content)"}
    parts.append(f"{md(s['kind'][:1].upper() + s['kind'][1:])}, {md(written_date(s))}"
                 f"{found.get(s['date_basis'], '')}.")
    # the address as its text, percent-encoded as the link is (so the PDF sets it as a breakable URL)
    parts.append(f"{md_link(url(s['url']), s['url'])}." if _given(s["url"]) else "Web article; its address is not known to this "
                 "book.")
    return f"({anchor(source_id)})=\n{' '.join(parts)}\n"


def cited(frame: pd.DataFrame, sources: pd.DataFrame, column: str = "source_id") -> pd.DataFrame:
    """A table's frame with its source column (and its other_source_ids, if any) as citation labels linked to the
    bibliography, for a reader's table."""
    cite = citations(sources)
    others = frame["other_source_ids"] if "other_source_ids" in frame else [()] * len(frame)
    return frame.assign(**{column: [cite.linked([sid, *more]) for sid, more in zip(frame[column], others)]})


def labelled(frame: pd.DataFrame, sources: pd.DataFrame, column: str = "source_id") -> pd.DataFrame:
    """A chart's frame with its source column as citation labels (a tooltip shows text, not links)."""
    cite = citations(sources)
    return frame.assign(**{column: [cite(sid) if isinstance(sid, str) and sid else "" for sid in frame[column]]})
