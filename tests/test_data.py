"""The data package: valid, checksummed, and refused loudly when it is not."""

import hashlib
import json

import pytest

from rk35 import data
from rk35.data import DataError, load_table, validate_package
from rk35.data.render import source_list
from tests.conftest import ROOT, edit_cell
from tools.update_checksums import main as record_checksums


def test_package_is_valid_and_has_the_tables():
    descriptor = validate_package()
    names = {r["name"] for r in descriptor["resources"]}
    assert {"sources", "trade_annual", "investment", "claims"} <= names


def test_every_resource_records_a_checksum_that_matches_its_file():
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        content = (ROOT / "data" / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest(), resource["path"]
        assert resource["bytes"] == len(content)
        assert resource.get("sources"), f"{resource['name']} has no provenance record"


def test_every_source_has_publisher_title_url_and_date():
    sources = data.load("sources")
    assert sources.index.is_unique
    # every source but the article under review, whose address is not known, was read at an http(s) address
    assert sources["url"].drop("article:gubin_2025").str.match(r"^https?://").all()
    assert sources["url"].isna().sum() == 1
    assert sources[["short_name", "publisher", "title", "title_kind", "date_basis", "states"]].notna().all().all()


def test_flags_follow_the_dossier_notes():
    trade = data.load("trade")
    says_lower = trade["note"].fillna("").str.contains("LOWER BOUND")
    says_caution = trade["note"].fillna("").str.startswith("CAUTION")
    assert trade.loc[says_lower, "lower_bound"].all()
    assert trade.loc[says_caution, "caution"].all()
    assert trade["lower_bound"].sum() >= 3 and trade["caution"].sum() >= 1


def test_stated_precision_is_kept():
    trade = data.load("trade")
    row = trade[(trade["year"] == 2024) & (trade["period"] == "jan_jul") & (trade["flow"] == "total")].iloc[0]
    assert row["value_usd_bn"] == pytest.approx(6.638)
    assert row["value_usd_bn_decimals"] == 3
    assert trade.index.name == "line" and trade.index.min() == 2


def test_a_letter_in_a_number_names_file_line_and_field(data_copy):
    edit_cell(data_copy / "trade_annual.csv", 45, "value_usd_bn", "2x.5")
    with pytest.raises(DataError) as error:
        validate_package(data_copy)
    message = str(error.value)
    first = message.splitlines()[1]
    assert "data/trade_annual.csv, line 45, field 'value_usd_bn'" in first
    assert "not a valid number" in first and "2x.5" in first


def test_an_unknown_source_is_refused(data_copy):
    edit_cell(data_copy / "trade_annual.csv", 10, "source_id", "trade:NO_SUCH_SOURCE")
    with pytest.raises(DataError, match=r"trade_annual\.csv, line 10.*foreign-key"):
        validate_package(data_copy)


def test_a_share_row_with_a_dollar_value_is_refused(data_copy):
    # line 4 is a share row (value_pct 0.7); give it a dollar value as well
    edit_cell(data_copy / "investment.csv", 4, "value_usd_bn", "1.0")
    record_checksums(data_copy)  # an intended edit: only the rule should object
    with pytest.raises(DataError, match=r"investment\.csv, line 4, field 'value_pct': rule"):
        validate_package(data_copy)


def test_an_unrecorded_edit_asks_for_make_checksums(data_copy):
    edit_cell(data_copy / "trade_annual.csv", 2, "note", "an edited note")
    with pytest.raises(DataError, match="make checksums"):
        validate_package(data_copy)


def test_a_missing_required_value_is_refused(data_copy):
    edit_cell(data_copy / "sources.csv", 3, "publisher", "")
    record_checksums(data_copy)
    with pytest.raises(DataError, match=r"sources\.csv, line 3, field 'publisher'"):
        validate_package(data_copy)


def test_load_table_types_the_columns():
    trade = load_table("trade_annual")
    assert str(trade["year"].dtype) == "Int64"
    assert trade["lower_bound"].dtype == bool
    assert set(trade["flow"]) == {"exports_kor_to_rus", "imports_kor_from_rus", "total"}


def test_citing_an_unknown_source_is_an_error():
    with pytest.raises(DataError, match="not in data/sources.csv"):
        source_list(["trade:NOPE"], data.load("sources"))


def test_a_table_whose_schema_allows_no_rows_builds_and_says_so(data_copy):
    """corrections.csv may be empty (rk35:mayBeEmpty): with only its header it validates, and the corrections
    appendix counts none and its table says there is nothing to show."""
    from rk35.appendices import corrections
    from rk35.data import Tables
    from rk35.fmt import EMPTY

    path = data_copy / "corrections.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    # no correction left, so no verdict may say it changed
    rows = (data_copy / "second_readings.csv").read_text(encoding="utf-8")
    (data_copy / "second_readings.csv").write_text(rows.replace("verdict changed", "verdict unchanged"), encoding="utf-8")
    record_checksums(data_copy)
    validate_package.cache_clear()
    validate_package(data_copy)
    empty = load_table("corrections", data_copy)
    assert empty.empty
    appendix = corrections(Tables(corrections=empty))
    assert EMPTY in appendix.tables["tbl_corrections"].text
    assert next(n.text for n in appendix.numbers if n.key == "corrections_count") == "0"


def test_the_claims_chapter_list_is_the_books():
    from rk35.book import CHAPTERS

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")
    field = next(f for f in claims["schema"]["fields"] if f["name"] == "chapter")
    assert field["constraints"]["enum"] == list(CHAPTERS)


def test_the_basemap_declares_every_country_the_map_draws():
    from rk35.topics.projects import MAP_COUNTRIES

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    basemap = next(r for r in descriptor["resources"] if "rk35:topology" in r)
    assert set(MAP_COUNTRIES) <= set(basemap["rk35:topology"]["names"])
