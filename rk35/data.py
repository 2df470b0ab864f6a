"""Load the data package, validated.

Every table is read through `load_table`, which first validates the whole
package with the frictionless library (schemas, primary and foreign keys,
checksums) and then the rules a schema cannot express. Any problem stops
with a `DataError` naming the file, the line and the field.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from pathlib import Path

import frictionless
import pandas as pd

from rk35.text import FORMULA_START  # a spreadsheet reads a cell that begins so as a formula

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
#: Successful validations, keyed by the bytes validated (see `_validation_key`); `rm -rf _build` clears them.
VALIDATION_CACHE = ROOT / "_build" / ".cache" / "validated"
#: Set by tools/execute.py: the file where each kernel records the resources it reads (make's dependencies).
READS_LOG = "RK35_READS"


def record_read(name: str, path: str) -> None:
    """Note that the running notebook read a resource, so that make re-executes it when that file changes."""
    log = os.environ.get(READS_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{name}\t{path}\n")


#: What validation refuses, in the reader's words, with the test that proves it (tests/test_bad_input.py).
#: The methods appendix prints this list. Every refusal stops the build with the file, the line and the field.
REFUSED = [
    ("a value that is not a number in a numeric field", "test_a_non_number_in_a_numeric_field"),
    ("a required value left empty", "test_a_missing_required_value"),
    ("two rows with the same key", "test_a_duplicate_key"),
    ("a source id that is not in sources.csv", "test_a_source_id_with_no_source"),
    ("a value outside its list (reporter, flow, unit, status, verdict …)", "test_an_unknown_enum_value"),
    ("a year outside the range the table covers", "test_a_year_out_of_range"),
    ("a negative volume, value or count", "test_a_negative_volume"),
    ("a share above 100% or any value above its maximum", "test_a_value_beyond_its_maximum"),
    ("a date that is not a calendar date (2019-02-30, 2022-13)", "test_a_date_that_is_not_a_date"),
    ("a coordinate off the globe", "test_a_coordinate_off_the_globe"),
    ("an id that breaks its pattern", "test_an_id_that_breaks_its_pattern"),
    ("a column the schema does not describe", "test_an_unknown_extra_column"),
    ("an empty file", "test_an_empty_file"),
    ("a quote that is never closed", "test_a_broken_csv_quote"),
    ("a row with more or fewer cells than the header", "test_a_row_with_a_cell_too_many"),
    ("a file datapackage.json lists that is missing", "test_a_listed_file_that_is_missing"),
    ("a file in data/ that datapackage.json does not list", "test_a_file_present_but_not_listed"),
    ("a URL that is not http or https (javascript:, data: …)", "test_a_url_that_is_not_http"),
    ("a control, zero-width or bidirectional-override character in text", "test_a_hidden_character"),
    ("text with a leading or trailing space", "test_a_leading_or_trailing_space"),
    ("text beginning with =, +, - or @, which a spreadsheet would run as a formula",
     "test_a_cell_a_spreadsheet_would_run_as_a_formula"),
    ("text longer than its field's limit (1,000 characters unless the schema sets one)", "test_text_longer_than_its_limit"),
    ("a placeholder in a judgement that names no row ({event:…} with an unknown id) or is malformed",
     "test_a_placeholder_that_names_no_row"),
    ("a judgement whose rule cannot give its verdict", "test_a_rule_that_cannot_give_the_verdict"),
]

#: Placeholders a judgement's text may hold: {kind:id} or {kind:id.field}, filled from the row of that id.
PLACEHOLDER_TABLES = {
    "event": ("events", "event_id"), "project-event": ("project_events", "event_id"), "fact": ("lng_facts", "fact_id"),
    "figure": ("project_figures", "figure_id"), "record": ("article_record", "field"), "transport": ("transport", "row_id"),
    "project": ("projects", "project_id"),
}
PLACEHOLDER = re.compile(r"\{([a-z-]+):([A-Za-z0-9_-]+)(?:\.([a-z_]+))?\}")
#: Judgement fields that may hold placeholders.
PLACEHOLDER_FIELDS = ("found", "reason")
#: Fields that hold ';'-separated source ids, each of which must be in sources.csv.
SOURCE_LIST_FIELDS = ("other_source_ids", "source_ids")


class DataError(ValueError):
    """The data package is invalid; the message names file, line and field."""


def _location(resource_path: str, line: int | None, field: str | None) -> str:
    where = f"data/{resource_path}"
    if line is not None:
        where += f", line {line}"
    if field:
        where += f", field '{field}'"
    return where


_LABEL_ERRORS = {
    "extra-label": "a column the schema does not have (add it to datapackage.json, or remove it)",
    "missing-label": "a column of the schema is missing from the header",
    "blank-label": "a column without a name",
    "duplicate-label": "two columns with the same name",
    "incorrect-label": "the header does not match the schema's field at this position",
}

#: Fields whose pattern is this hold an ISO date, as precise as the source: 2019, 2019-02 or 2019-02-28.
PARTIAL_DATE = "^\\d{4}(-\\d{2}(-\\d{2})?)?$"


def _file_problems(descriptor: dict, data_dir: Path) -> list[str]:
    """What must hold before the tables can be read at all: every listed file exists, every file is listed
    (or is a listed licence), and every CSV file is well-formed (a header, closed quotes, one cell per column)."""
    import csv

    problems = []
    listed = {r["path"] for r in descriptor.get("resources", [])}
    licences = {lic["path"] for r in descriptor.get("resources", []) for lic in r.get("licenses", [])
                if "path" in lic and "://" not in lic["path"]}
    for path in sorted(listed):
        if not (data_dir / path).is_file():
            problems.append(f"data/{path}: missing: datapackage.json lists this file, but it is not in data/")
    for path in sorted(p.name for p in data_dir.iterdir()):
        if path not in listed | licences | {"datapackage.json"}:
            problems.append(f"data/{path}: not listed: a file in data/ that datapackage.json does not describe "
                            "(add it as a resource with its schema and provenance, or remove it)")
    for resource in descriptor.get("resources", []):
        path = resource["path"]
        if not path.endswith(".csv") or not (data_dir / path).is_file():
            continue
        text = (data_dir / path).read_text(encoding="utf-8")
        if not text.strip():
            problems.append(f"data/{path}, line 1: empty: the file has no header row (and no data)")
            continue
        reader = csv.reader(text.splitlines(keepends=True), strict=True)
        header, start = None, 1
        try:
            for row in reader:
                if header is None:
                    header = row
                elif len(row) != len(header):
                    field = header[min(len(row), len(header)) - 1] if row else header[0]
                    problems.append(f"{_location(path, start, field)}: csv: {len(row)} cells where the header has "
                                    f"{len(header)} (a comma or a quote out of place?)")
                start = reader.line_num + 1
        except csv.Error as exc:
            line = text.splitlines()[start - 1]
            column, quoted = 0, False
            for char in line:  # the column in which the unclosed quote opened
                if char == '"':
                    quoted = not quoted
                elif char == "," and not quoted:
                    column += 1
            field = header[column] if header and column < len(header) else None
            problems.append(f"{_location(path, start, field)}: csv: a quote opened here is never closed ({exc})")
    return problems


def _problems_from_report(report: frictionless.Report, paths: dict[str, str], types: dict) -> list[str]:
    problems = []
    for task in report.tasks:
        path = paths.get(task.name, task.name)
        for error in task.errors:
            line = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            found = f" (found {cell!r})" if cell not in (None, "") else ""
            note = error.note or error.message
            if error.type == "foreign-key" and not field:
                field = ", ".join(getattr(error, "field_names", None) or []) or None
            if error.type in _LABEL_ERRORS:  # the header row: line 1, the column named in it
                line, field = 1, getattr(error, "label", None) or field
                note = _LABEL_ERRORS[error.type]
            if error.type == "type-error":
                note = f"not a valid {types.get((task.name, field), 'value')}"
            problems.append(f"{_location(path, line, field)}: {error.type}: {note}{found}")
    for error in report.errors:
        problems.append(f"data/datapackage.json: {error.type}: {error.note or error.message}")
    return problems


def _read_raw(path: Path) -> pd.DataFrame:
    """The CSV as text, so that stated precision survives; line = file line."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    frame.index = frame.index + 2  # line 1 is the header
    return frame


def _is_date(text: str) -> bool:
    """'2019', '2019-02' and '2019-02-28' are dates; '2019-13' and '2019-02-30' are not."""
    import datetime as dt

    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


#: Characters no text cell may hold: control characters (line breaks and tabs included), zero-width characters and
#: bidirectional overrides and isolates (they can make text read differently from what it is).
FORBIDDEN_CHARACTERS = re.compile("[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e"
                                  "\u2060-\u2064\u2066-\u2069\ufeff]")
#: The longest text a cell may hold, unless its schema sets its own maxLength.
TEXT_LIMIT = 1000


def _text_problems(resource: dict, data_dir: Path) -> list[str]:
    """Text that cannot be right: hidden characters, stray spaces, a formula, excessive length, a URL that is not
    http(s), a partial ISO date the calendar does not have. A field may allow a leading sign with
    `"rk35:leadingSign": true` in its schema (none does)."""
    problems = []
    fields = [f for f in resource.get("schema", {}).get("fields", []) if f["type"] == "string"]
    path = resource["path"]
    if not fields:  # the basemap (JSON) has no text cells
        return problems
    for line, row in _read_raw(data_dir / path).iterrows():
        for field in fields:
            name, text = field["name"], row[field["name"]]
            if not text:
                continue
            where = _location(path, line, name)
            hidden = FORBIDDEN_CHARACTERS.search(text)
            if hidden:
                problems.append(f"{where}: text: a hidden or control character U+{ord(hidden.group()):04X} "
                                f"at position {hidden.start() + 1}")
            if text != text.strip():
                problems.append(f"{where}: text: leading or trailing space (found {text[:40]!r})")
            if text.startswith(FORMULA_START) and not field.get("rk35:leadingSign"):
                problems.append(f"{where}: text: begins with {text[0]!r}, which a spreadsheet reads as a formula "
                                f"(found {text[:40]!r})")
            limit = field.get("constraints", {}).get("maxLength", TEXT_LIMIT)
            if len(text) > limit:
                problems.append(f"{where}: text: {len(text):,} characters, more than the {limit:,} allowed")
            if field.get("format") == "uri" and not re.match(r"^https?://[^\s<>\"]+$", text):
                problems.append(f"{where}: text: not an http(s) URL (found {text[:60]!r})")
            if field.get("constraints", {}).get("pattern") == PARTIAL_DATE and not _is_date(text):
                problems.append(f"{where}: rule: not a date (found {text!r})")
    return problems


def _rule_problems(descriptor: dict, data_dir: Path) -> list[str]:
    """Rules the Table Schema cannot express."""
    problems = []
    by_name = {r["name"]: r for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        problems += _text_problems(resource, data_dir)
    if "investment" in by_name:
        path = by_name["investment"]["path"]
        frame = _read_raw(data_dir / path)
        for line, row in frame.iterrows():
            if "_share" in row["metric"]:
                if row["value_pct"] == "" or row["value_usd_bn"] != "":
                    problems.append(
                        f"{_location(path, line, 'value_pct')}: rule: a share metric holds value_pct and no value_usd_bn"
                    )
            elif row["value_usd_bn"] == "":
                problems.append(f"{_location(path, line, 'value_usd_bn')}: rule: a non-share metric needs value_usd_bn")
    if "sources" in by_name:
        known = set(_read_raw(data_dir / by_name["sources"]["path"])["source_id"])
        for resource in descriptor["resources"]:
            fields = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
            for field in (f for f in SOURCE_LIST_FIELDS if f in fields):
                path = resource["path"]
                for line, row in _read_raw(data_dir / path).iterrows():
                    for sid in filter(None, row[field].split(";")):
                        if sid not in known:
                            problems.append(f"{_location(path, line, field)}: rule: {sid!r} is not in sources.csv")
    if "judgements" in by_name:
        problems += _placeholder_problems(by_name, data_dir)
        problems += _judgement_rule_problems(by_name["judgements"]["path"], data_dir)
    if "corridors" in by_name and "places" in by_name:
        places = set(_read_raw(data_dir / by_name["places"]["path"])["place_id"])
        path = by_name["corridors"]["path"]
        for line, row in _read_raw(data_dir / path).iterrows():
            for pid in row["place_sequence"].split(";"):
                if pid not in places:
                    problems.append(f"{_location(path, line, 'place_sequence')}: rule: {pid!r} is not in places.csv")
    for name in ("trade_annual", "investment", "lng_imports", "lng_facts"):
        if name not in by_name:
            continue
        path = by_name[name]["path"]
        frame = _read_raw(data_dir / path)
        for line, row in frame.iterrows():
            for flag in ("lower_bound", "caution"):
                if row.get(flag) == "true" and not row["note"].strip():
                    problems.append(f"{_location(path, line, 'note')}: rule: a {flag} row must say why in its note")
    return problems


def _placeholder_problems(by_name: dict, data_dir: Path) -> list[str]:
    """Every {kind:id.field} in a judgement names a table, a row of it and (if given) a column."""
    problems, keys, columns = [], {}, {}
    path = by_name["judgements"]["path"]
    for line, row in _read_raw(data_dir / path).iterrows():
        for field in PLACEHOLDER_FIELDS:
            text = row[field]
            for match in PLACEHOLDER.finditer(text):
                kind, key, column = match.groups()
                where = f"{_location(path, line, field)}: rule: {match.group(0)}"
                if kind not in PLACEHOLDER_TABLES:
                    problems.append(f"{where} names no table (known: {', '.join(PLACEHOLDER_TABLES)})")
                    continue
                table, id_field = PLACEHOLDER_TABLES[kind]
                if table not in keys:
                    frame = _read_raw(data_dir / by_name[table]["path"])
                    keys[table], columns[table] = set(frame[id_field]), set(frame.columns)
                if key not in keys[table]:
                    problems.append(f"{where} names no row of {by_name[table]['path']}")
                elif column and column not in columns[table]:
                    problems.append(f"{where} names no column of {by_name[table]['path']}")
            rest = PLACEHOLDER.sub("", text)
            if "{" in rest or "}" in rest:
                problems.append(f"{_location(path, line, field)}: rule: a brace that is not a placeholder {{kind:id}}")
    return problems


def _judgement_rule_problems(path: str, data_dir: Path) -> list[str]:
    """A judgement's rule must be able to give its verdict (the rulebook is rk35.verdicts.RULES)."""
    from rk35.verdicts import RULES

    problems = []
    for line, row in _read_raw(data_dir / path).iterrows():
        rule = RULES.get(row["rule"])
        if rule and row["verdict"] not in {v.value for v in rule.verdicts}:
            problems.append(f"{_location(path, line, 'verdict')}: rule: the {row['rule']!r} rule cannot give "
                            f"{row['verdict']!r} (it gives: {'; '.join(v.value for v in rule.verdicts)})")
    return problems


def _validation_key(data_dir: Path) -> str | None:
    """A digest of everything validation looks at: the descriptor, every file in the folder, this module's code
    and the frictionless version. None if a listed file cannot be read (validation will say why)."""
    digest = hashlib.sha256(frictionless.__version__.encode() + Path(__file__).read_bytes())
    try:
        for path in sorted(data_dir.iterdir()):
            digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"<dir>"))
    except OSError:
        return None
    return digest.hexdigest()


@functools.cache
def validate_package(data_dir: Path = DATA_DIR) -> dict:
    """Validate the package once per process; return its descriptor.

    A successful validation is remembered under _build/.cache, keyed by the bytes it validated: the same files
    are not validated twice (make validates once before the chapters execute; their kernels then reuse it).
    """
    descriptor_path = data_dir / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"data/datapackage.json: cannot be read: {exc}") from exc
    key = _validation_key(data_dir)
    if key and (VALIDATION_CACHE / key).exists():
        return descriptor
    _validate(data_dir, descriptor_path, descriptor)
    if key:
        try:
            VALIDATION_CACHE.mkdir(parents=True, exist_ok=True)
            (VALIDATION_CACHE / key).write_text(str(data_dir) + "\n", encoding="utf-8")
        except OSError:
            pass  # a read-only tree: validate every time
    return descriptor


def _validate(data_dir: Path, descriptor_path: Path, descriptor: dict) -> None:
    paths = {r["name"]: r["path"] for r in descriptor.get("resources", [])}
    types = {(r["name"], f["name"]): f["type"] for r in descriptor.get("resources", [])
             for f in r.get("schema", {}).get("fields", [])}
    problems = _file_problems(descriptor, data_dir)
    if problems:
        _refuse(problems)
    try:
        report = frictionless.Package(str(descriptor_path)).validate()
    except frictionless.FrictionlessException as exc:
        raise DataError(f"data/datapackage.json: invalid descriptor: {exc}") from exc
    problems = _problems_from_report(report, paths, types)
    # cell and row errors first: they say what to fix; a checksum error alone means an edit
    problems.sort(key=lambda p: "hash-count" in p or "byte-count" in p)
    if problems and all("hash-count" in p or "byte-count" in p for p in problems):
        problems.append("data/datapackage.json: if the change to the data is intended, record it with `make checksums`")
    if not problems:
        problems = _rule_problems(descriptor, data_dir)
    if problems:
        _refuse(problems)


def _refuse(problems: list[str]) -> None:
    shown = "\n  ".join(problems[:20])
    more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
    raise DataError(f"The data package is invalid ({len(problems)} problem(s)); nothing is built from it:\n  {shown}{more}")


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One resource of the package as a typed DataFrame (after validation).

    Number fields keep their stated precision in `<field>_decimals`.
    The index is the file's line number, so a row can always be traced back.
    """
    descriptor = validate_package(data_dir)
    resource = next((r for r in descriptor["resources"] if r["name"] == name), None)
    if resource is None or "schema" not in resource:
        raise KeyError(f"no resource named {name!r} in data/datapackage.json")
    record_read(name, resource["path"])
    raw = _read_raw(data_dir / resource["path"])
    frame = pd.DataFrame(index=raw.index)
    for field in resource["schema"]["fields"]:
        column, kind = field["name"], field["type"]
        text = raw[column]
        if kind == "integer":
            frame[column] = pd.to_numeric(text.replace("", None)).astype("Int64")
        elif kind == "number":
            frame[column] = pd.to_numeric(text.replace("", None)).astype("Float64")
            frame[f"{column}_decimals"] = text.map(_decimals).where(text != "", None).astype("Int64")
        elif kind == "boolean":
            frame[column] = text.eq("true")
        else:
            frame[column] = text.where(text != "", None)
    frame.index.name = "line"
    return frame


#: The public loaders: name -> (table, index column or None, what it holds). Each becomes a function load_<name>().
LOADERS = {
    "trade": ("trade_annual", None, "Korea-Russia goods trade, one row per figure per source."),
    "investment": ("investment", None, "Korean investment in Russia and Korea's outbound FDI."),
    "lng_imports": ("lng_imports", None, "Korea's LNG imports by year, period, supplier and compiler."),
    "lng_facts": ("lng_facts", "fact_id", "Contract, KOGAS and pipeline facts, indexed by fact_id."),
    "projects": ("projects", "project_id", "The projects and initiatives, with their dated status, by project_id."),
    "project_figures": ("project_figures", None, "Key figures of the projects, as their sources state them."),
    "project_events": ("project_events", None, "Dated events of the projects."),
    "places": ("places", "place_id", "Map points, indexed by place_id."),
    "corridors": ("corridors", "corridor_id", "Links drawn on the map, indexed by corridor_id."),
    "nine_bridges_areas": ("nine_bridges_areas", None, "The Nine Bridges areas as each source lists them."),
    "export_controls": ("export_controls", None, "Korea's export-control list for Russia, by date."),
    "transport": ("transport", None, "Flights, ferries and visitors."),
    "events": ("events", None, "Dated events 1990-2025 (relations, peninsula, sanctions)."),
    "unsc_resolutions": ("unsc_resolutions", None, "UN Security Council resolutions on the DPRK."),
    "article_record": ("article_record", "field", "What is known of the article itself, by field."),
    "reader_poll": ("reader_poll", None, "The site-wide reader poll printed under the article."),
    "sources": ("sources", "source_id", "Every source, indexed by source_id."),
    "claims": ("claims", "claim_id", "The article's checkable claims, indexed by claim_id."),
    "judgements": ("judgements", None, "The judged verdicts, by line (rk35.judgements reads them)."),
}


def load(name: str) -> pd.DataFrame:
    """One of the LOADERS' tables, validated, typed and indexed."""
    table, index, _ = LOADERS[name]
    frame = load_table(table)
    return frame.set_index(index) if index else frame


def _loader(name: str):
    def loader() -> pd.DataFrame:
        return load(name)

    loader.__name__ = loader.__qualname__ = f"load_{name}"
    loader.__doc__ = LOADERS[name][2]
    return loader


load_trade, load_investment, load_lng_imports, load_lng_facts = map(_loader, ("trade", "investment", "lng_imports", "lng_facts"))
load_projects, load_project_figures, load_project_events = map(_loader, ("projects", "project_figures", "project_events"))
load_places, load_corridors, load_nine_bridges_areas = map(_loader, ("places", "corridors", "nine_bridges_areas"))
load_export_controls, load_transport, load_events = map(_loader, ("export_controls", "transport", "events"))
load_unsc_resolutions, load_article_record, load_reader_poll = map(_loader, ("unsc_resolutions", "article_record", "reader_poll"))
load_sources, load_claims = map(_loader, ("sources", "claims"))


class Tables:
    """The loaded tables by LOADERS name (tables.trade, tables.claims …), each loaded once on first use.
    Keyword arguments stand in for a table (a test passes a changed copy)."""

    def __init__(self, **given: pd.DataFrame):
        unknown = set(given) - set(LOADERS)
        if unknown:
            raise KeyError(f"no table named {sorted(unknown)}")
        self._frames = dict(given)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in LOADERS:
            raise AttributeError(name)
        if name not in self._frames:
            self._frames[name] = load(name)
        return self._frames[name]


def load_basemap(data_dir: Path = DATA_DIR) -> dict:
    """The vendored Natural Earth country outlines (TopoJSON), after validation."""
    descriptor = validate_package(data_dir)
    resource = next(r for r in descriptor["resources"] if r["name"] == "world_countries_50m")
    record_read(resource["name"], resource["path"])
    return json.loads((data_dir / resource["path"]).read_text(encoding="utf-8"))


def by_id(frame: pd.DataFrame, id_field: str, key: str) -> pd.Series:
    """The row whose id is `key`; an unknown id is an error that names the table's id field."""
    rows = frame[frame[id_field] == key]
    if len(rows) != 1:
        raise LookupError(f"no row with {id_field} {key!r}")
    return rows.iloc[0]


def event(events: pd.DataFrame, event_id: str) -> pd.Series:
    """An event (of events.csv or project_events.csv) by its id."""
    return by_id(events, "event_id", event_id)


def row_sources(row: pd.Series) -> tuple[str, ...]:
    """A row's source_id followed by its other_source_ids, if the table has them."""
    text = row.get("other_source_ids")
    others = [s for s in text.split(";") if s] if isinstance(text, str) else []
    return (row["source_id"], *others)


def published_label(published: str) -> str:
    """A source's publication date for the reader: an ISO date written out ('27 February 2019'); 'not shown' (the
    page prints no date) reads 'undated'; anything else as the source list records it."""
    from rk35.fmt import date

    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", published):
        try:
            return date(published)
        except ValueError:  # not a calendar date: shown as recorded
            return published
    return "undated" + published[len("not shown"):] if published.startswith("not shown") else published


def source_list(source_ids, sources: pd.DataFrame | None = None) -> str:
    """A MyST list of short citations: publisher and its kind, title (the link), date. Unknown ids are an error."""
    sources = load_sources() if sources is None else sources
    from rk35.text import md, md_link

    items = []
    for sid in dict.fromkeys(source_ids):  # keep order, drop repeats
        if sid not in sources.index:
            raise DataError(f"source_id {sid!r} is cited but not in data/sources.csv")
        s = sources.loc[sid]
        items.append(f"- {md(s['publisher'])} ({md(s['kind'])}), {md_link(s['title'], s['url'])}, "
                     f"{md(published_label(s['published']))}")
    return "\n".join(items)


def write_schemas(folder: Path, data_dir: Path = DATA_DIR) -> None:
    """Write each resource's descriptor (without its checksum and size) to folder/<name>.json, touching a file
    only when its content changes: make then re-executes a chapter when the schema of a table it reads changes,
    not when any table's checksum does."""
    descriptor = validate_package(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for resource in descriptor["resources"]:
        text = json.dumps({k: v for k, v in resource.items() if k not in ("hash", "bytes")}, indent=1, sort_keys=True)
        target = folder / f"{resource['name']}.json"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> None:
    """Validate the package (exit 1 with the problems if invalid); `--schemas FOLDER` also writes the schemas."""
    try:
        descriptor = validate_package()
        if argv[:1] == ["--schemas"]:
            write_schemas(Path(argv[1]))
    except DataError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(1) from None
    print(f"data package valid: {len(descriptor['resources'])} resources")
