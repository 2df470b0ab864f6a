"""Sources as a reader sees them: short citations and publication dates, written through the one text boundary
(rk35.text)."""

from __future__ import annotations

import re

import pandas as pd

from rk35.data.rules import DataError
from rk35.fmt import date
from rk35.text import md, md_link


def published_label(published: str) -> str:
    """A source's publication date for the reader: an ISO date written out ('27 February 2019'); 'not shown' (the
    page prints no date) reads 'undated'; anything else as the source list records it."""
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", published):
        try:
            return date(published)
        except ValueError:  # not a calendar date: shown as recorded
            return published
    return "undated" + published[len("not shown"):] if published.startswith("not shown") else published


def source_list(source_ids, sources: pd.DataFrame) -> str:
    """A MyST list of short citations: publisher and its kind, title (the link), date. Unknown ids are an error."""
    items = []
    for sid in dict.fromkeys(source_ids):  # keep order, drop repeats
        if sid not in sources.index:
            raise DataError(f"source_id {sid!r} is cited but not in data/sources.csv")
        s = sources.loc[sid]
        items.append(f"- {md(s['publisher'])} ({md(s['kind'])}), {md_link(s['title'], s['url'])}, "
                     f"{md(published_label(s['published']))}")
    return "\n".join(items)
