"""What the loader refuses: each test copies the package, breaks one thing, records the checksums (so that only the
breakage itself can be objected to) and asserts that validation stops with a message naming file, line and field.

The kinds are listed for readers in the methods appendix ("What the loader refuses"), from `rk35.data.REFUSED`;
the last test checks that every kind listed there has its test here.
"""

import csv
from pathlib import Path

import pytest

from rk35.data import REFUSED, DataError, validate_package
from tests.conftest import edit_cell
from tools.update_checksums import main as record_checksums


def refused(data_dir: Path) -> str:
    """The first problem validation reports for a broken copy (it must refuse it with a DataError)."""
    record_checksums(data_dir)
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_dir)
    return str(error.value).splitlines()[1].strip()


def rewrite(path: Path, change) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    change(rows)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_a_non_number_in_a_numeric_field(data_copy):
    edit_cell(data_copy / "lng_imports.csv", 7, "volume_mt", "2,5 Mt")
    first = refused(data_copy)
    assert first.startswith("data/lng_imports.csv, line 7, field 'volume_mt': type-error: not a valid number")


def test_a_missing_required_value(data_copy):
    edit_cell(data_copy / "projects.csv", 4, "status", "")
    assert refused(data_copy).startswith("data/projects.csv, line 4, field 'status': constraint-error")


def test_a_duplicate_key(data_copy):
    rewrite(data_copy / "places.csv", lambda rows: rows.append(list(rows[3])))
    first = refused(data_copy)
    assert first.startswith("data/places.csv, line 30, field 'place_id': unique-error")


def test_a_source_id_with_no_source(data_copy):
    edit_cell(data_copy / "events.csv", 12, "source_id", "timeline:NO_SUCH_SOURCE")
    first = refused(data_copy)
    assert first.startswith("data/events.csv, line 12, field 'source_id': foreign-key")


def test_an_unknown_enum_value(data_copy):
    edit_cell(data_copy / "trade_annual.csv", 5, "reporter", "JPN")
    first = refused(data_copy)
    assert first.startswith("data/trade_annual.csv, line 5, field 'reporter': constraint-error")
    assert "enum" in first and "'JPN'" in first


def test_a_year_out_of_range(data_copy):
    edit_cell(data_copy / "trade_annual.csv", 6, "year", "1850")
    first = refused(data_copy)
    assert first.startswith("data/trade_annual.csv, line 6, field 'year': constraint-error")
    assert "minimum" in first


def test_a_negative_volume(data_copy):
    edit_cell(data_copy / "lng_imports.csv", 5, "volume_mt", "-1.5")
    first = refused(data_copy)
    assert first.startswith("data/lng_imports.csv, line 5, field 'volume_mt': constraint-error")
    assert "minimum" in first and "-1.5" in first


@pytest.mark.parametrize("file, line, field, value", [
    ("events.csv", 3, "date", "2019-02-30"),        # the pattern fits, the calendar does not
    ("export_controls.csv", 4, "date", "2022-13"),
    ("sources.csv", 3, "date", "2019-02-30"),
])
def test_a_date_that_is_not_a_date(data_copy, file, line, field, value):
    edit_cell(data_copy / file, line, field, value)
    first = refused(data_copy)
    assert first.startswith(f"data/{file}, line {line}, field '{field}'")
    assert "not a date" in first or "not a valid date" in first


@pytest.mark.parametrize("field, value", [("lat", "95.1"), ("lon", "-181")])
def test_a_coordinate_off_the_globe(data_copy, field, value):
    edit_cell(data_copy / "places.csv", 3, field, value)
    first = refused(data_copy)
    assert first.startswith(f"data/places.csv, line 3, field '{field}': constraint-error")


def test_an_unknown_extra_column(data_copy):
    def add_column(rows):
        rows[0].append("comment")
        for row in rows[1:]:
            row.append("")

    rewrite(data_copy / "reader_poll.csv", add_column)
    first = refused(data_copy)
    assert first.startswith("data/reader_poll.csv, line 1, field 'comment': extra-label")


def test_an_empty_file(data_copy):
    (data_copy / "reader_poll.csv").write_text("", encoding="utf-8")
    assert refused(data_copy).startswith("data/reader_poll.csv, line 1: empty")


def test_a_broken_csv_quote(data_copy):
    path = data_copy / "reader_poll.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",", ',"', 1)  # line 3: a quote opens in the second column and never closes
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = refused(data_copy)
    assert first.startswith("data/reader_poll.csv, line 3, field 'option': csv: a quote opened here is never closed")


def test_a_row_with_a_cell_too_many(data_copy):
    path = data_copy / "corridors.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = refused(data_copy)
    assert first.startswith("data/corridors.csv, line 4, field 'note': csv:")


def test_a_listed_file_that_is_missing(data_copy):
    (data_copy / "reader_poll.csv").unlink()
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    assert "data/reader_poll.csv: missing" in str(error.value)


def test_a_file_present_but_not_listed(data_copy):
    (data_copy / "extra_table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    first = refused(data_copy)
    assert first.startswith("data/extra_table.csv: not listed")


def test_a_value_beyond_its_maximum(data_copy):
    edit_cell(data_copy / "lng_imports.csv", 10, "volume_share_pct", "140")
    assert refused(data_copy).startswith("data/lng_imports.csv, line 10, field 'volume_share_pct': constraint-error")


def test_an_id_that_breaks_its_pattern(data_copy):
    edit_cell(data_copy / "claims.csv", 3, "claim_id", "Trade 2024!")
    assert refused(data_copy).startswith("data/claims.csv, line 3, field 'claim_id': constraint-error")


def test_every_kind_the_methods_appendix_lists_has_a_test():
    names = {name for name in globals() if name.startswith("test_")}
    for kind, test_name in REFUSED:
        assert test_name in names, f"{kind!r}: no test named {test_name}"
    assert len(REFUSED) >= 12


def test_a_url_that_is_not_http(data_copy):
    edit_cell(data_copy / "sources.csv", 5, "url", "javascript:alert(document.domain)")
    first = refused(data_copy)
    assert first.startswith("data/sources.csv, line 5, field 'url': text: not an http(s) URL")


@pytest.mark.parametrize("character", ["\u202e", "\u200b", "\u0007", "\u2066", "\ufeff"])
def test_a_hidden_character(data_copy, character):
    edit_cell(data_copy / "sources.csv", 6, "title", f"Trade up{character}25 times")
    first = refused(data_copy)
    assert first.startswith("data/sources.csv, line 6, field 'title': text: a hidden or control character")
    assert f"U+{ord(character):04X}" in first


@pytest.mark.parametrize("value", [" KITA", "KITA "])
def test_a_leading_or_trailing_space(data_copy, value):
    edit_cell(data_copy / "sources.csv", 7, "publisher", value)
    assert refused(data_copy).startswith("data/sources.csv, line 7, field 'publisher': text: leading or trailing space")


@pytest.mark.parametrize("value", ['=HYPERLINK("https://example.org","click")', "+1+cmd|' /C calc'!A0", "@SUM(A1)"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula(data_copy, value):
    edit_cell(data_copy / "trade_annual.csv", 8, "note", value)
    first = refused(data_copy)
    assert first.startswith("data/trade_annual.csv, line 8, field 'note': text: begins with")
    assert "formula" in first


def test_text_longer_than_its_limit(data_copy):
    edit_cell(data_copy / "events.csv", 9, "note", "x" * 1001)
    assert refused(data_copy).startswith("data/events.csv, line 9, field 'note': text: 1,001 characters")


@pytest.mark.parametrize("text, problem", [
    ("began on {event:no-such-event}", "{event:no-such-event} names no row of events.csv"),
    ("began on {evnt:hanoi-summit}", "{evnt:hanoi-summit} names no table"),
    ("began on {event:hanoi-summit.when}", "{event:hanoi-summit.when} names no column of events.csv"),
    ("began on {event hanoi-summit}", "a brace that is not a placeholder"),
])
def test_a_placeholder_that_names_no_row(data_copy, text, problem):
    edit_cell(data_copy / "judgements.csv", 4, "reason", text)
    first = refused(data_copy)
    assert first.startswith("data/judgements.csv, line 4, field 'reason': rule:") and problem in first


def test_a_rule_that_cannot_give_the_verdict(data_copy):
    edit_cell(data_copy / "judgements.csv", 3, "verdict", "holds approximately")
    edit_cell(data_copy / "judgements.csv", 3, "rule", "dated-fact")
    first = refused(data_copy)
    assert first.startswith("data/judgements.csv, line 3, field 'verdict': rule: the 'dated-fact' rule cannot give")


def test_a_judgement_without_a_second_reading(data_copy):
    rewrite(data_copy / "second_readings.csv", lambda rows: rows.pop(3))  # line 4: the third judged claim's reading
    first = refused(data_copy)
    assert first.startswith("data/judgements.csv, line 4, field 'claim_id': rule:") and "no second reading" in first


def test_a_counter_source_without_what_it_says(data_copy):
    with (data_copy / "second_readings.csv").open(encoding="utf-8") as f:
        line = next(n for n, row in enumerate(csv.DictReader(f), start=2) if row["counter_source_id"])
    edit_cell(data_copy / "second_readings.csv", line, "counter_says", "")
    first = refused(data_copy)
    assert first.startswith(f"data/second_readings.csv, line {line}, field 'counter_says': rule: a counter-source")


def test_a_verdict_correction_that_disagrees_with_the_verdict(data_copy):
    with (data_copy / "corrections.csv").open(encoding="utf-8") as f:
        line = next(n for n, row in enumerate(csv.DictReader(f), start=2) if row["changed"] == "verdict")
    edit_cell(data_copy / "corrections.csv", line, "now", "partly holds")
    first = refused(data_copy)
    assert first.startswith(f"data/corrections.csv, line {line}, field 'now': rule: the verdict is now")


@pytest.mark.parametrize("value", ["1e400", "Infinity", "NaN", "3_3", "\uff13", "3.3\u00a0", " 3", "+3", "03", ".5"])
def test_a_number_not_written_plainly(data_copy, value):
    edit_cell(data_copy / "trade_annual.csv", 4, "value_usd_bn", value)
    first = refused(data_copy)
    assert first.startswith("data/trade_annual.csv, line 4, field 'value_usd_bn': "), first


@pytest.mark.parametrize("value", ["TRUE", "True", "1", "yes"])
def test_a_true_or_false_not_written_true_or_false(data_copy, value):
    edit_cell(data_copy / "trade_annual.csv", 4, "lower_bound", value)
    assert refused(data_copy).startswith("data/trade_annual.csv, line 4, field 'lower_bound': type-error")


@pytest.mark.parametrize(("file", "line", "field", "value"), [
    ("claims.csv", 2, "stated_year", "2099"), ("events.csv", 3, "date", "2099-01-01"),
    ("events.csv", 3, "date", "1066"), ("judgements.csv", 2, "as_of", "2099-01-01"),
    ("investment.csv", 2, "period_end", "c.2099"),
])
def test_a_date_outside_its_range(data_copy, file, line, field, value):
    edit_cell(data_copy / file, line, field, value)
    first = refused(data_copy)
    assert first.startswith(f"data/{file}, line {line}, field '{field}': "), first


def test_two_claims_with_the_same_anchor(data_copy):
    edit_cell(data_copy / "claims.csv", 3, "anchor", "claim-trade-2022-total")
    assert refused(data_copy).startswith("data/claims.csv, line 3, field 'anchor': unique-error")


def test_a_claim_in_no_chapter(data_copy):
    edit_cell(data_copy / "claims.csv", 3, "chapter", "appendix")
    assert refused(data_copy).startswith("data/claims.csv, line 3, field 'chapter': constraint-error")


@pytest.mark.parametrize(("placeholder", "problem"), [
    ("{event:1990-roh-tae-woo-gorbachev.note}", "names an empty value"),
    ("{project:nine_bridges}", "names no field"),
])
def test_a_placeholder_that_names_an_empty_value_or_no_field(data_copy, placeholder, problem):
    edit_cell(data_copy / "judgements.csv", 4, "reason", f"As {placeholder} shows.")
    first = refused(data_copy)
    assert first.startswith("data/judgements.csv, line 4, field 'reason': rule:") and problem in first, first


@pytest.mark.parametrize(("file", "bad"), [("claims.csv", "é".encode("latin-1")), ("claims.csv", b"\xff"),
                                           ("datapackage.json", "é".encode("cp1252"))])
def test_a_file_that_is_not_utf8(data_copy, file, bad):
    record_checksums(data_copy)
    path = data_copy / file
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"a", bad, 1)
    path.write_bytes(b"\n".join(lines))
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    assert f"data/{file}, line 3: encoding: byte 0x" in str(error.value)


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: [d], "must be a JSON object"),
    (lambda d: {**d, "resources": {}}, "'resources' must be a non-empty list"),
    (lambda d: {**d, "resources": [{k: v for k, v in d["resources"][0].items() if k != "path"}]}, "'path' is missing"),
    (lambda d: {**d, "resources": [{**d["resources"][0], "path": "../README.md"}]}, "not a plain file name"),
    (lambda d: {**d, "resources": [{**d["resources"][0], "path": "/etc/passwd"}]}, "not a plain file name"),
    (lambda d: {**d, "resources": [{**d["resources"][0], "schema": "https://example.org/schema.json"}]},
     "'schema' must be an object"),
    (lambda d: {**d, "resources": [{**d["resources"][0], "rk35:maxBytes": "big"}]}, "must be an integer"),
    (lambda d: {**d, "resources": d["resources"] + [d["resources"][0]]}, "two resources named"),
    (lambda d: {**d, "resources": [{**d["resources"][0], "schema": {"fields": [
        {**d["resources"][0]["schema"]["fields"][0], "constraints": [1]}]}}]}, "constraints must be an object"),
    (lambda d: {**d, "resources": [{**d["resources"][0], "schema": {"fields": [
        {**d["resources"][0]["schema"]["fields"][0], "rk35:separator": ";"}]}}]}, "are list fields"),
    (lambda d: {**d, "resources": [{**d["resources"][0], "rk35:topology": {"obj": 1}}]}, "'rk35:topology' must"),
])
def test_a_descriptor_of_the_wrong_shape(data_copy, change, problem):
    import json

    path = data_copy / "datapackage.json"
    path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    assert "data/datapackage.json" in str(error.value) and problem in str(error.value)


@pytest.mark.parametrize(("content", "problem"), [
    ("", "not valid JSON"), ('{"type": "Topology", "objects": {}}', "topology: not a TopoJSON"),
    (('{"type": "Topology", "arcs": [[[0, 0]]], "objects": {"countries": {"type": "GeometryCollection", "geometries": '
     '[{"type": "Polygon", "arcs": [[0]], "properties": {"name": "Russia"}}]}}}'), "no outline named"),
])
def test_a_broken_basemap(data_copy, content, problem):
    (data_copy / "world_countries_50m.topojson").write_text(content, encoding="utf-8")
    first = refused(data_copy)
    assert first.startswith("data/world_countries_50m.topojson") and problem in first, first


def test_a_table_with_no_rows(data_copy):
    path = data_copy / "unsc_resolutions.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    assert refused(data_copy).startswith("data/unsc_resolutions.csv, line 2: empty: the table has a header and no rows")


@pytest.mark.parametrize("target", ["outside", "/proc/self/environ", "inside"])
def test_a_symbolic_link(data_copy, tmp_path, target):
    outside = tmp_path / "claims-elsewhere.csv"
    outside.write_bytes((data_copy / "claims.csv").read_bytes())
    record_checksums(data_copy)
    (data_copy / "claims.csv").unlink()
    link_to = {"outside": outside, "inside": data_copy / "places.csv"}.get(target, target)
    (data_copy / "claims.csv").symlink_to(link_to)
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    message = str(error.value)
    assert "data/claims.csv: a symbolic link" in message
    assert "PATH=" not in message and "HOME=" not in message


def test_a_file_that_is_not_a_regular_file(data_copy):
    import os

    os.mkfifo(data_copy / "pipe.csv")
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    assert "data/pipe.csv: not a regular file" in str(error.value)


def test_a_file_over_its_size_limit(data_copy):
    import json

    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    limit = next(r["rk35:maxBytes"] for r in descriptor["resources"] if r["name"] == "reader_poll")
    with (data_copy / "reader_poll.csv").open("a", encoding="utf-8") as f:
        f.write("# " + "x" * limit + "\n")
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    assert "data/reader_poll.csv: too large:" in str(error.value)
    assert f"more than its limit of {limit:,}" in str(error.value)


def test_every_file_declares_a_size_limit_of_about_ten_times_its_size():
    import json

    from tests.conftest import ROOT

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        size = (ROOT / "data" / resource["path"]).stat().st_size
        assert 5 * size <= resource["rk35:maxBytes"] <= 20 * size, resource["name"]


def test_an_error_quotes_only_a_short_escaped_excerpt(data_copy):
    secret = "\x1b[31m\u202eTOKEN=" + "s3cr3t" * 50
    edit_cell(data_copy / "trade_annual.csv", 4, "value_usd_bn", secret)
    record_checksums(data_copy)
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    message = str(error.value)
    assert "s3cr3t" * 8 not in message and "\x1b" not in message and "\u202e" not in message
    assert all(len(line) <= 402 for line in message.splitlines())


@pytest.mark.parametrize(("date", "basis"), [("2020-01-02", "not shown"), ("", "shown on the page")])
def test_a_source_date_that_disagrees_with_how_it_was_found(data_copy, date, basis):
    edit_cell(data_copy / "sources.csv", 5, "date", date)
    edit_cell(data_copy / "sources.csv", 5, "date_basis", basis)
    assert refused(data_copy).startswith("data/sources.csv, line 5, field 'date_basis': rule:")


def test_a_symbolic_link_in_a_kept_edition(data_copy, tmp_path):
    """The kept editions are the one folder data/ may hold; a link in it is refused like any other."""
    kept = data_copy / "editions" / "1" / "numbers.json"
    (tmp_path / "numbers.json").write_bytes(kept.read_bytes())
    kept.unlink()
    kept.symlink_to(tmp_path / "numbers.json")
    validate_package.cache_clear()
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    assert "data/editions/1/numbers.json: a symbolic link" in str(error.value)
