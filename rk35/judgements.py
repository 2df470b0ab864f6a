"""Judged verdicts: the rows of data/judgements.csv, their placeholders filled from the data.

A judgement is a reading of the sources (a fact found or not, a part confirmed or not, a cause, an opinion).
It names its rule; its text refers to dates and figures by id, as {event:hanoi-summit} or
{figure:lh-kicp-m2-site}, and the book fills them from the row of that id, so a reason never types a date
or a figure the data holds. The loader has already checked that every placeholder names a row.
"""

from __future__ import annotations

import re

import pandas as pd

from rk35.data import PLACEHOLDER, PLACEHOLDER_TABLES, DataError, Tables, by_id
from rk35.data.rules import DEFAULT_FIELD
from rk35.fmt import date
from rk35.records import SecondReading
from rk35.verdicts import Assessment, Verdict

_ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _row(tables: Tables, kind: str, key: str) -> pd.Series:
    """The row a placeholder names, from the shared tables bundle (an id kept in the index is looked up too)."""
    table, id_field = PLACEHOLDER_TABLES[kind]
    frame = getattr(tables, table)
    frame = frame.reset_index() if frame.index.name == id_field else frame
    return by_id(frame.assign(**{id_field: frame[id_field].astype(str)}), id_field, key)


def _shown(row: pd.Series, column: str) -> str:
    value = row[column]
    if column == "value_number" and pd.isna(value):
        return str(row["value"])
    if f"{column}_decimals" in row.index and not pd.isna(value):
        return f"{float(value):,.{int(row[f'{column}_decimals'])}f}"
    if pd.isna(value):
        raise ValueError(f"the placeholder's field {column!r} is empty")
    text = str(value)
    return date(text) if _ISO_DATE.match(text) else text


def fill(text: str, tables: Tables) -> str:
    """The text with every {kind:id} or {kind:id.field} replaced by that row's value, formatted."""
    def one(match: re.Match) -> str:
        kind, key, column = match.groups()
        if column is None and kind not in DEFAULT_FIELD:
            raise ValueError(f"{match.group(0)}: a {kind} placeholder must name its field")
        return _shown(_row(tables, kind, key), column or DEFAULT_FIELD[kind])

    return PLACEHOLDER.sub(one, text)


def second_reading(readings, claim_id: str) -> SecondReading:
    """A judged claim's second reading (the loader has checked that every judged claim has one)."""
    row = readings.loc[claim_id]
    source, says = ("" if pd.isna(row[field]) else row[field] for field in ("counter_source_id", "counter_says"))
    return SecondReading(date(row["read_on"]), source, says, row["searches"], row["outcome"])


def assess(tables: Tables, only=None) -> dict[str, Assessment]:
    """Every judged claim's assessment, by claim_id (or only those of the claim ids in `only`)."""
    judgements, readings = tables.judgements, tables.second_readings  # judgements by line, so an error can name it
    out = {}
    for line, row in judgements.iterrows():
        claim_id = row["claim_id"]
        if only is not None and claim_id not in only:
            continue
        try:
            out[claim_id] = Assessment(
                claim_id=claim_id, verdict=Verdict(row["verdict"]), stated=row["stated"],
                found=fill(row["found"], tables), rule=row["rule"], reason=fill(row["reason"], tables),
                sources=row["source_ids"], as_of=date(row["as_of"]), second_reading=second_reading(readings, claim_id))
        except (ValueError, LookupError) as exc:
            raise DataError(f"data/judgements.csv, line {line}, claim {claim_id}: {exc}") from exc
    return out
