"""The rules a Table Schema cannot express, and the list of what the loader refuses (`REFUSED`).

Each rule reads the package's CSV files as text (so that stated precision survives) and returns problems that name
the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from rk35.data.cells import cast, excerpt, plain_problem
from rk35.text import FORMULA_START  # a spreadsheet reads a cell that begins so as a formula
from rk35.verdicts import RULES

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
    ("a date that is not a calendar date (30 February 2019, a thirteenth month)", "test_a_date_that_is_not_a_date"),
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
    ("a judged verdict without a second reading, or a second reading of no judged verdict",
     "test_a_judgement_without_a_second_reading"),
    ("a counter-source without what it says, or what it says without its source",
     "test_a_counter_source_without_what_it_says"),
    ("a verdict correction whose verdict now is not the claim's verdict, or a changed verdict with no correction",
     "test_a_verdict_correction_that_disagrees_with_the_verdict"),
    (("a number not written plainly: an exponent (1e400), Infinity or not-a-number, 3_3, a padding or non-breaking space, "
     "fullwidth or other non-ASCII digits, a leading zero or plus"), "test_a_number_not_written_plainly"),
    ("a true/false value written other than true or false (TRUE, 1, yes)",
     "test_a_true_or_false_not_written_true_or_false"),
    ("a year or date outside the range its field declares (a stated year of 2099, an event in 2099 or 1066)",
     "test_a_date_outside_its_range"),
    ("two claims with the same anchor", "test_two_claims_with_the_same_anchor"),
    ("a claim whose chapter is not a chapter of the book", "test_a_claim_in_no_chapter"),
    ("a placeholder that names an empty value, or names no field where its kind has no default",
     "test_a_placeholder_that_names_an_empty_value_or_no_field"),
    ("a byte that is not UTF-8 (Latin-1, cp1252, a stray 0xFF) or a byte-order mark, in any file",
     "test_a_file_that_is_not_utf8"),
    (("a descriptor of the wrong shape: not an object, a resource without a path, size limit or schema, a path "
     "outside data/, a schema fetched from elsewhere, two resources with one name"), "test_a_descriptor_of_the_wrong_shape"),
    ("country outlines that do not parse, or lack the map's object or one of its countries", "test_a_broken_basemap"),
    ("a table with a header and no rows, unless its schema says it may be empty", "test_a_table_with_no_rows"),
    ("a symbolic link in data/ (to a file outside, to the process's environment, or even within data/)",
     "test_a_symbolic_link"),
    ("anything in data/ that is not a regular file (a folder, a pipe, a device)",
     "test_a_file_that_is_not_a_regular_file"),
    (("a source's date that disagrees with how it was found (a date 'not shown', or a date found on the page that is "
     "empty)"), "test_a_source_date_that_disagrees_with_how_it_was_found"),
    ("a file larger than its stated limit (ten times its size at the first edition; rk35:maxBytes)",
     "test_a_file_over_its_size_limit"),
]

#: Placeholders a judgement's text may hold: {kind:id} or {kind:id.field}, filled from the row of that id.
PLACEHOLDER_TABLES = {
    "event": ("events", "event_id"), "project-event": ("project_events", "event_id"), "fact": ("lng_facts", "fact_id"),
    "figure": ("project_figures", "figure_id"), "record": ("article_record", "field"), "transport": ("transport", "row_id"),
    "project": ("projects", "project_id"),
}
#: The column a placeholder shows when it names none, and the column shown where a fact's number is empty.
DEFAULT_FIELD = {"event": "date", "project-event": "date", "fact": "value_number", "figure": "key_figure",
                 "record": "value", "transport": "value"}
FALLBACK_FIELD = {"value_number": "value"}
PLACEHOLDER = re.compile(r"\{([a-z-]+):([A-Za-z0-9_-]+)(?:\.([a-z_]+))?\}")
#: Judgement fields that may hold placeholders.
PLACEHOLDER_FIELDS = ("found", "reason")
#: List fields (declared in the schema with "rk35:separator") and the table whose ids their items must be.
LIST_REFERENCES = {"source_ids": ("sources", "source_id"), "other_source_ids": ("sources", "source_id"),
                   "place_sequence": ("places", "place_id")}


def list_items(text: str, separator: str) -> list[str]:
    """The items of a list field's cell (the loader's split, for the rules that read the raw text)."""
    return [item for item in text.split(separator) if item]


class DataError(ValueError):
    """The data package is invalid; the message names file, line and field."""


def location(resource_path: str, line: int | None, field: str | None) -> str:
    where = f"data/{resource_path}"
    if line is not None:
        where += f", line {line}"
    if field:
        where += f", field '{field}'"
    return where


#: Fields whose pattern is this hold an ISO date, as precise as the source: 2019, 2019-02 or 2019-02-28.
PARTIAL_DATE = "^\\d{4}(-\\d{2}(-\\d{2})?)?$"


def read_raw(path: Path) -> pd.DataFrame:
    """The CSV as text, so that stated precision survives; line = file line."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    frame.index = frame.index + 2  # line 1 is the header
    return frame


def _is_date(text: str) -> bool:
    """'2019', '2019-02' and '2019-02-28' are dates; '2019-13' and '2019-02-30' are not."""
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


def _cell_problems(resource: dict, data_dir: Path) -> list[str]:
    """Cells that cannot be right: a number not written plainly (rk35.data.cells); text with hidden characters,
    stray spaces, a formula, excessive length, a URL that is not http(s); a partial ISO date the calendar does not
    have or outside its field's range (`"rk35:earliest"` to `"rk35:latest"`). A field may allow a leading sign with
    `"rk35:leadingSign": true` in its schema (none does)."""
    problems = []
    fields = resource.get("schema", {}).get("fields", [])
    path = resource["path"]
    if not fields:  # the basemap (JSON) has no cells
        return problems
    for line, row in read_raw(data_dir / path).iterrows():
        for field in fields:
            name, text = field["name"], row[field["name"]]
            if not text:
                continue
            where = location(path, line, name)
            if field["type"] != "string":
                plain = plain_problem(field, text)
                if plain:
                    problems.append(f"{where}: type-error: {plain}")
                continue
            hidden = FORBIDDEN_CHARACTERS.search(text)
            if hidden:
                problems.append(f"{where}: text: a hidden or control character U+{ord(hidden.group()):04X} "
                                f"at position {hidden.start() + 1}")
            if text != text.strip():
                problems.append(f"{where}: text: leading or trailing space (found {excerpt(text)})")
            if text.startswith(FORMULA_START) and not field.get("rk35:leadingSign"):
                problems.append(f"{where}: text: begins with {excerpt(text[0])}, which a spreadsheet reads as a "
                                f"formula (found {excerpt(text)})")
            limit = field.get("constraints", {}).get("maxLength", TEXT_LIMIT)
            if len(text) > limit:
                problems.append(f"{where}: text: {len(text):,} characters, more than the {limit:,} allowed")
            if field.get("format") == "uri" and not re.match(r"^https?://[^\s<>\"]+$", text):
                problems.append(f"{where}: text: not an http(s) URL (found {excerpt(text)})")
            if "rk35:earliest" in field:
                problems += _date_problems(field, text, where)
    return problems


def _date_problems(field: dict, text: str, where: str) -> list[str]:
    """A partial ISO date (2019, 2019-02 or 2019-02-28) that the calendar has, within its field's range
    (`"rk35:earliest"` to `"rk35:latest"`); in a text field that states a period in words ("c.2016", "2009-2010"),
    every year it names within that range."""
    earliest, latest = field["rk35:earliest"], field["rk35:latest"]
    if re.fullmatch(PARTIAL_DATE, text, flags=re.ASCII):
        if not _is_date(text):
            return [f"{where}: rule: not a date (found {excerpt(text)})"]
        if text < earliest[:len(text)] or text > latest[:len(text)]:
            return [f"{where}: rule: {text} is outside the field's range, {earliest} to {latest}"]
        return []
    outside = [year for year in re.findall(r"(?<![0-9])[0-9]{4}(?![0-9])", text) if not earliest[:4] <= year <= latest[:4]]
    return [f"{where}: rule: the year {outside[0]} is outside the field's range, {earliest[:4]} to {latest[:4]}"] \
        if outside else []


def rule_problems(descriptor: dict, data_dir: Path) -> list[str]:
    """Rules the Table Schema cannot express."""
    problems = []
    by_name = {r["name"]: r for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        problems += _cell_problems(resource, data_dir)
    if "investment" in by_name:
        path = by_name["investment"]["path"]
        frame = read_raw(data_dir / path)
        for line, row in frame.iterrows():
            if "_share" in row["metric"]:
                if row["value_pct"] == "" or row["value_usd_bn"] != "":
                    problems.append(
                        f"{location(path, line, 'value_pct')}: rule: a share metric holds value_pct and no value_usd_bn"
                    )
            elif row["value_usd_bn"] == "":
                problems.append(f"{location(path, line, 'value_usd_bn')}: rule: a non-share metric needs value_usd_bn")
    problems += _list_problems(descriptor["resources"], by_name, data_dir)
    if "sources" in by_name:
        problems += _source_date_problems(by_name["sources"]["path"], data_dir)
    if {"judgements", "second_readings"} <= set(by_name):
        problems += _second_reading_problems(by_name, data_dir)
    if "judgements" in by_name:
        problems += _placeholder_problems(by_name, data_dir)
        problems += _judgement_rule_problems(by_name["judgements"]["path"], data_dir)
    for name in ("trade_annual", "investment", "lng_imports", "lng_facts"):
        if name not in by_name:
            continue
        path = by_name[name]["path"]
        fields = {f["name"]: f for f in by_name[name]["schema"]["fields"]}
        frame = read_raw(data_dir / path)
        for line, row in frame.iterrows():
            for flag in ("lower_bound", "caution"):
                if flag in fields and cast(fields[flag], row[flag]) and not row["note"].strip():
                    problems.append(f"{location(path, line, 'note')}: rule: a {flag} row must say why in its note")
    return problems


#: How a source's date was found when the book has no date for it.
UNDATED_BASES = ("not shown", "not applicable")


def _source_date_problems(path: str, data_dir: Path) -> list[str]:
    """A source's date and how it was found agree: a date comes with how it was found, and 'not shown' or 'not
    applicable' with no date."""
    problems = []
    for line, row in read_raw(data_dir / path).iterrows():
        if bool(row["date"]) == (row["date_basis"] in UNDATED_BASES):
            problems.append(f"{location(path, line, 'date_basis')}: rule: {row['date_basis']!r} does not go with "
                            + (f"the date {row['date']}" if row["date"] else "an empty date"))
    return problems


def _second_reading_problems(by_name: dict, data_dir: Path) -> list[str]:
    """Every judged verdict has one second reading; a counter-source comes with what it says; a verdict the second
    reading changed has a correction, and a verdict correction's 'now' is the claim's verdict today."""
    problems = []
    judged_path, read_path = by_name["judgements"]["path"], by_name["second_readings"]["path"]
    judged = read_raw(data_dir / judged_path)
    readings = read_raw(data_dir / read_path)
    verdicts, read = dict(zip(judged["claim_id"], judged["verdict"])), set(readings["claim_id"])
    for line, row in judged.iterrows():
        if row["claim_id"] not in read:
            problems.append(f"{location(judged_path, line, 'claim_id')}: rule: {row['claim_id']!r} has no second "
                            f"reading in {read_path}")
    corrected: dict[str, tuple[int, str]] = {}  # claim -> (line, verdict now) of its latest verdict correction
    if "corrections" in by_name:
        corrections_path = by_name["corrections"]["path"]
        for line, row in read_raw(data_dir / corrections_path).iterrows():
            if row["changed"] == "verdict":
                corrected[row["claim_id"]] = (line, row["now"])
        for claim_id, (line, now) in corrected.items():
            if claim_id in verdicts and now != verdicts[claim_id]:
                problems.append(f"{location(corrections_path, line, 'now')}: rule: the verdict is now "
                                f"{verdicts[claim_id]!r} in {judged_path}, not {now!r}")
    for line, row in readings.iterrows():
        if bool(row["counter_source_id"]) != bool(row["counter_says"]):
            field = "counter_says" if row["counter_source_id"] else "counter_source_id"
            problems.append(f"{location(read_path, line, field)}: rule: a counter-source and what it says go "
                            "together (both, or neither when none was found)")
        if row["outcome"] == "verdict changed" and row["claim_id"] not in corrected:
            problems.append(f"{location(read_path, line, 'outcome')}: rule: the verdict changed, but "
                            f"corrections.csv has no correction of {row['claim_id']!r}'s verdict")
    return problems


def _list_problems(resources: list[dict], by_name: dict, data_dir: Path) -> list[str]:
    """Every item of a list field names a row of the table it refers to (sources, places)."""
    problems, known = [], {}
    for resource in resources:
        for field in resource.get("schema", {}).get("fields", []):
            if "rk35:separator" not in field or field["name"] not in LIST_REFERENCES:
                continue
            table, id_field = LIST_REFERENCES[field["name"]]
            if table not in by_name:
                continue
            if table not in known:
                known[table] = set(read_raw(data_dir / by_name[table]["path"])[id_field])
            path = resource["path"]
            for line, row in read_raw(data_dir / path).iterrows():
                for item in list_items(row[field["name"]], field["rk35:separator"]):
                    if item not in known[table]:
                        problems.append(f"{location(path, line, field['name'])}: rule: {item!r} is not in "
                                        f"{by_name[table]['path']}")
    return problems


def _placeholder_problems(by_name: dict, data_dir: Path) -> list[str]:
    """Every {kind:id.field} in a judgement names a table, a row of it and (if given) a column."""
    problems, frames = [], {}
    path = by_name["judgements"]["path"]
    for line, row in read_raw(data_dir / path).iterrows():
        for field in PLACEHOLDER_FIELDS:
            text = row[field]
            for match in PLACEHOLDER.finditer(text):
                kind, key, column = match.groups()
                where = f"{location(path, line, field)}: rule: {match.group(0)}"
                if kind not in PLACEHOLDER_TABLES:
                    problems.append(f"{where} names no table (known: {', '.join(PLACEHOLDER_TABLES)})")
                    continue
                table, id_field = PLACEHOLDER_TABLES[kind]
                if table not in frames:
                    frames[table] = read_raw(data_dir / by_name[table]["path"]).set_index(id_field, drop=False)
                frame, column = frames[table], column or DEFAULT_FIELD.get(kind)
                if key not in frame.index:
                    problems.append(f"{where} names no row of {by_name[table]['path']}")
                elif column is None:
                    problems.append(f"{where} names no field, and a {kind} placeholder has no default field")
                elif column not in frame.columns:
                    problems.append(f"{where} names no column of {by_name[table]['path']}")
                elif not frame.loc[key, column] and not frame.loc[key].get(FALLBACK_FIELD.get(column, ""), ""):
                    problems.append(f"{where} names an empty value ({column!r} of that row is empty)")
            rest = PLACEHOLDER.sub("", text)
            if "{" in rest or "}" in rest:
                problems.append(f"{location(path, line, field)}: rule: a brace that is not a placeholder {{kind:id}}")
    return problems


def _judgement_rule_problems(path: str, data_dir: Path) -> list[str]:
    """A judgement's rule must be able to give its verdict (the rulebook is rk35.verdicts.RULES)."""
    problems = []
    for line, row in read_raw(data_dir / path).iterrows():
        rule = RULES.get(row["rule"])
        if rule and row["verdict"] not in {v.value for v in rule.verdicts}:
            problems.append(f"{location(path, line, 'verdict')}: rule: the {row['rule']!r} rule cannot give "
                            f"{row['verdict']!r} (it gives: {'; '.join(v.value for v in rule.verdicts)})")
    return problems


