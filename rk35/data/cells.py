"""The book's one type system: how a cell's text becomes a value. The schema (datapackage.json) is the only place a
field's type, format, constraints and true/false values are declared; validation and the loader both read them here.

A cell is first checked to be written plainly (`plain_problem`): an integer or a number in ASCII digits, with a point
for decimals and at most a leading minus (a field with `"rk35:signed": true` may also write a leading plus, as its
sources do), no exponent, spaces, separators or other digits; so every number is finite and its stated precision is
the text as written. Then frictionless's own cast turns the text into the value (`convert`), so a value that
validates always loads to the same value.
"""

from __future__ import annotations

import functools
import json
import math
import re

import frictionless
import pandas as pd

#: How an integer and a number are written: ASCII digits, no leading zero, a point for decimals.
PLAIN = {"integer": r"-?(0|[1-9][0-9]*)", "number": r"-?(0|[1-9][0-9]*)(\.[0-9]+)?"}
SIGNED = {kind: "[+]?" + pattern for kind, pattern in PLAIN.items()}
#: The longest excerpt of a cell an error message quotes.
EXCERPT = 40


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """A short, escaped excerpt of a cell for an error message: at most `limit` characters, every control, hidden or
    non-printable character escaped, so that no file content can spill into a log."""
    cut = text[:limit]
    shown = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in cut)
    return f"'{shown}'" + ("…" if len(text) > limit else "")


def plain_problem(field: dict, text: str) -> str | None:
    """Why a numeric cell is not written plainly, or None (empty cells and other types are not this rule's)."""
    kind = field.get("type")
    if not text or kind not in PLAIN:
        return None
    pattern = (SIGNED if field.get("rk35:signed") else PLAIN)[kind]
    if re.fullmatch(pattern, text, flags=re.ASCII):
        return None
    what = "an integer" if kind == "integer" else "a number"
    return (f"not {what} written plainly: ASCII digits{', a point for decimals' if kind == 'number' else ''}, "
            "no exponent, spaces, separators or other signs (found " + excerpt(text) + ")")


@functools.cache
def _field(descriptor: str) -> frictionless.Field:
    return frictionless.Schema.from_descriptor({"fields": [json.loads(descriptor)]}).fields[0]


def cast(field: dict, text: str):
    """The value of one cell as frictionless reads it under the field's schema (None for an empty cell). Raises
    ValueError if the text is not a valid value of the field's type."""
    if text == "":
        return None
    value, notes = _field(json.dumps(field, sort_keys=True)).read_cell(text)
    if notes and "type" in notes:
        raise ValueError(f"not a valid {field.get('type')}: {excerpt(text)}")
    return value


def convert(field: dict, text: pd.Series) -> pd.Series:
    """A column of cells as typed values, by the field's schema: integers as Int64, numbers as Float64 (finite, or
    ValueError), booleans as bool, dates kept as their ISO text, lists (`"rk35:separator"`) as tuples, other text
    as str (None where empty)."""
    kind = field["type"]
    if "rk35:separator" in field:
        separator = field["rk35:separator"]
        return text.map(lambda cell: tuple(item for item in cell.split(separator) if item))
    if kind in ("string", "date"):
        return text.where(text != "", None)
    values = [cast(field, cell) for cell in text]
    if kind == "integer":
        return pd.Series(values, index=text.index, dtype="Int64")
    if kind == "number":
        floats = [None if v is None else float(v) for v in values]
        if any(v is not None and not math.isfinite(v) for v in floats):
            raise ValueError(f"field {field['name']!r}: a number that is not finite")
        return pd.Series(floats, index=text.index, dtype="Float64")
    if kind == "boolean":
        return pd.Series([bool(v) for v in values], index=text.index, dtype=bool)
    raise ValueError(f"field {field['name']!r}: the loader has no conversion for type {kind!r}")


def decimals(text: str) -> int | None:
    """The stated precision of a number as written (digits after the point); None for an empty cell."""
    if text == "":
        return None
    return len(text.split(".", 1)[1]) if "." in text else 0

