"""Citation labels: how a reader sees a source. Each source of sources.csv gets an author–year label ("KITA 2023a",
"Yonhap 2024b", "Wikipedia n.d.-a"), computed once here from its short name and the year of its date, with a
letter where two sources would share a label, and an anchor for its entry in the bibliography. Ids stay in the data
and the downloads, where machines read them.

A label depends only on the sources that share its short name and year, so adding an unrelated source never changes
it; within a group the letters follow the date, then the id.
"""

from __future__ import annotations

import re
from collections import defaultdict
from string import ascii_lowercase

import pandas as pd

from rk35.data.rules import DataError
from rk35.text import Linked, md_cell

UNDATED = "n.d."


#: The article this book checks: a source like any other, cited after every quote from it.
ARTICLE = "article:gubin_2025"


def _letters(position: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa' …"""
    out = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        out = ascii_lowercase[rest] + out
    return out


def anchor(source_id: str) -> str:
    """The bibliography entry's anchor of a source ("source-trade-kita-yonhap-2023")."""
    return "source-" + re.sub(r"[^a-z0-9]+", "-", source_id.lower()).strip("-")


def labels(sources: pd.DataFrame) -> dict[str, str]:
    """Every source's citation label, by source_id (sources indexed by source_id, with short_name and date)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for source_id, row in sources.iterrows():
        year = row["date"][:4] if isinstance(row["date"], str) and row["date"] else UNDATED
        groups[f"{row['short_name']} {year}"].append(source_id)
    out = {}
    for base, ids in groups.items():
        if len(ids) == 1:
            out[ids[0]] = base
            continue
        ordered = sorted(ids, key=lambda sid: (sources.loc[sid, "date"] or "", sid))
        joiner = "-" if base.endswith(UNDATED) else ""
        out.update({sid: f"{base}{joiner}{_letters(i)}" for i, sid in enumerate(ordered)})
    anchors: dict[str, str] = {}
    for source_id in out:
        other = anchors.setdefault(anchor(source_id), source_id)
        if other != source_id:
            raise DataError(f"data/sources.csv, field 'source_id': {source_id!r} and {other!r} give the same anchor")
    return out


class Citations:
    """The labels and anchors of every source, computed once per set of tables."""

    def __init__(self, sources: pd.DataFrame) -> None:
        self.sources = sources
        self.label = labels(sources)

    def __call__(self, source_id: str) -> str:
        """A source's label; an id that is not in sources.csv is an error."""
        if source_id not in self.label:
            raise DataError(f"source_id {source_id!r} is cited but not in data/sources.csv")
        return self.label[source_id]

    def md(self, source_ids) -> str:
        """Markdown links to the bibliography entries of some sources ("[KITA 2023a](#source-…); […](#…)")."""
        return "; ".join(f"[{md_cell(self(sid))}](#{anchor(sid)})" for sid in dict.fromkeys(source_ids))

    def linked(self, source_ids) -> Linked:
        """Some sources' labels for a table cell: plain text, and links to their bibliography entries."""
        ids = [sid for sid in dict.fromkeys(source_ids) if isinstance(sid, str) and sid]
        return Linked("; ".join(self(sid) for sid in ids), self.md(ids))
