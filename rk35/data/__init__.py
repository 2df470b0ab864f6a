"""The data package, in three parts: `validate` (whole files, frictionless, the table rules of `rules` and the
refusals list), `load` (typed tables, list fields split once) and `render` (citations, behind the text boundary)."""

from rk35.data.load import (
    LOADERS,
    Tables,
    by_id,
    event,
    load,
    load_basemap,
    load_table,
    row_sources,
)
from rk35.data.rules import PLACEHOLDER, PLACEHOLDER_TABLES, REFUSED, DataError
from rk35.data.validate import DATA_DIR, record_read, validate_package

__all__ = ["DATA_DIR", "LOADERS", "PLACEHOLDER", "PLACEHOLDER_TABLES", "REFUSED", "DataError", "Tables", "by_id",
           "event", "load", "load_basemap", "load_table", "record_read", "row_sources", "validate_package"]
