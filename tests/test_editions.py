"""Editions: set in one place, kept as data (checked like every table), compared with the book as built, and carried by
every download."""

import csv
import json
import shutil

import pytest

from rk35 import downloads, editions
from rk35.book import Book
from rk35.data import DataError, Tables, load, validate_package
from rk35.fmt import date
from rk35.settings import Edition, check_edition, config, edition
from tests.conftest import ROOT
from tools.cut_edition import main as cut_edition
from tools.cut_edition import written


@pytest.fixture(scope="module")
def kept():
    return editions.kept()


@pytest.fixture(scope="module")
def flipped():
    """The book with Korea's 2022 total (data/trade_annual.csv, line 76) at 25.15 instead of 21.15."""
    trade = load("trade")
    assert (trade.loc[76, "year"], trade.loc[76, "reporter"], trade.loc[76, "flow"]) == (2022, "KOR", "total")
    trade.loc[76, "value_usd_bn"] = 25.15
    return Book(Tables(trade=trade))


def test_the_edition_is_set_once_in_the_configuration():
    settings = config()["rk35"]["edition"]
    assert edition() == Edition(settings["number"], settings["date"])
    with pytest.raises(ValueError, match=r"_config\.yml, rk35\.edition, field 'date'"):
        check_edition(1, "2 December 2026", "_config.yml, rk35.edition")
    with pytest.raises(ValueError, match=r"field 'number'"):
        check_edition(0, "2026-12-02", "_config.yml, rk35.edition")


def test_edition_one_is_kept_as_data(kept):
    assert kept and kept[0].number == 1
    first = kept[0]
    assert first.claims and first.numbers
    assert all(r["verdict_history"][-1]["edition"] == 1 for r in first.claims.values())


def test_the_configured_edition_once_kept_is_what_the_book_gives(book, kept):
    """The kept files are the downloads, byte for byte: a book that moves away from its kept edition needs a new
    edition number in _config.yml (and `make edition` when it is published)."""
    same = [k for k in kept if k.number == book.edition.number]
    if not same:
        pytest.skip("this edition is not kept yet (make edition keeps it)")
    folder = ROOT / "data" / editions.FOLDER / str(book.edition.number)
    for name, content in written(book).items():
        assert (folder / name).read_bytes() == content, f"{name} differs from the book: set the next edition"


def test_nothing_changed_says_so_and_names_the_edition_compared(book):
    found = book.changes()
    assert found.nothing and found.baseline is not None
    chapter = book.chapter("changes")
    said = {n.key: n.text for n in chapter.numbers}
    assert said["changes_summary"].startswith("Nothing changed")
    assert f"edition {found.baseline.number}" in said["changes_against"].lower()
    assert date(found.baseline.edition.date) in said["changes_against"]
    assert said["edition"] == editions.title(book.edition)


def test_a_changed_value_is_listed_with_its_verdict_from_and_to(flipped):
    found = flipped.changes()
    verdicts = {v.claim_id: v for v in found.verdicts}
    assert set(verdicts) == {"trade-2022-total"}
    change = verdicts["trade-2022-total"]
    assert (change.was, change.now) == ("holds approximately", "does not hold")
    moved = {n.key: n for n in found.numbers}
    total = moved["trade_2022_total_kor"]
    assert (total.was, total.now) == ("US$21.15 billion", "US$25.15 billion")
    assert [(m.was, m.now) for m in total.moved] == [("US$21.15 billion", "US$25.15 billion")]
    assert total in change.numbers  # the number that moved the verdict, with its input
    report = flipped.chapter("changes").tables["changes_report"]
    assert "[trade in 2022](#claim-trade-2022-total): holds approximately → **does not hold**" in report
    assert "US\\$21\\.15 billion → **US\\$25\\.15 billion**" in report
    assert flipped.chapter("changes").number("changes_summary").text.startswith("1 verdict changed")


def test_claims_added_or_withdrawn_and_numbers_gone_are_listed(book, kept):
    first = kept[0]
    gone = dict(list(first.claims.items())[1:])  # the first claim "added" since
    extra = {**gone, "old-claim": {**first.claims["trade-2022-total"], "claim_id": "old-claim", "label": "an old claim"}}
    numbers = {**first.numbers, "old_number": {**first.numbers["trade_2022_total_kor"], "key": "old_number"}}
    found = editions.compare([editions.Kept(first.edition, extra, numbers)], book.edition, book.assessments,
                             book.numbers)
    assert [c for c, _ in found.added] == [next(iter(first.claims))]
    assert [r["claim_id"] for r in found.withdrawn] == ["old-claim"]
    assert [(n.key, n.now) for n in found.numbers] == [("old_number", None)]
    report = book.chapter("changes").tables  # the committed book is unchanged
    assert "Claims added" not in report["changes_report"]


def test_the_register_carries_each_claims_verdict_history(book, kept, tmp_path):
    later = Book(book.tables, kept, Edition(kept[-1].number + 1, "2027-12-01"))
    records = downloads.register_records(later)
    for record in records:
        history = record["verdict_history"]
        assert [h["edition"] for h in history] == [k.number for k in kept] + [later.edition.number]
        assert history[-1] == {"edition": later.edition.number, "date": "2027-12-01", "verdict": record["verdict"]}


def test_every_download_carries_the_edition(book, tmp_path):
    at = {"number": book.edition.number, "date": book.edition.date}
    for path in (*downloads.write_register(tmp_path, book), *downloads.write_numbers(tmp_path, book)):
        if path.suffix == ".json":
            assert json.loads(path.read_text(encoding="utf-8"))["edition"] == at, path.name
        else:
            rows = list(csv.DictReader(path.open(encoding="utf-8")))
            assert {(r["edition"], r["edition_date"]) for r in rows} == {(str(at["number"]), at["date"])}, path.name


@pytest.fixture
def data_copy_with_editions(data_copy):
    assert (data_copy / editions.FOLDER / "1").is_dir()
    return data_copy


def test_an_edited_kept_edition_is_refused_naming_the_file(data_copy_with_editions):
    path = data_copy_with_editions / editions.FOLDER / "1" / editions.NUMBERS
    path.write_text(path.read_text(encoding="utf-8").replace("US$21.15 billion", "US$25.15 billion"), encoding="utf-8")
    with pytest.raises(DataError, match=r"data/editions/1/numbers\.json: changed since the edition was kept"):
        validate_package(data_copy_with_editions)
    with pytest.raises(editions.EditionError, match=r"numbers\.json: changed since"):
        editions.kept(data_copy_with_editions)


def _rewrite(folder, name, change):
    """Change a kept file and record its checksum, as if it had been kept so: only its shape is then wrong."""
    path = folder / name
    payload = change(json.loads(path.read_text(encoding="utf-8")))
    content = (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    path.write_bytes(content)
    manifest = json.loads((folder / editions.MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][name] = editions._checksum(content)
    (folder / editions.MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("name", "change", "message"), [
    (editions.REGISTER, lambda p: {**p, "rows": []}, r"claims-register\.json, field 'rows': not a field of this file"),
    (editions.REGISTER, lambda p: {**p, "claims": [{k: v for k, v in p["claims"][0].items() if k != "verdict"}]},
     r"claims-register\.json, claims\[0\], field 'verdict': missing"),
    (editions.REGISTER, lambda p: {**p, "claims": [{**p["claims"][0], "verdict": "maybe"}]},
     r"claims\[0\] \(trade-2022-total\), field 'verdict': 'maybe' is not on the scale"),
    (editions.NUMBERS, lambda p: {**p, "edition": {"number": 2, "date": "2027-01-01"}},
     r"numbers\.json, field 'edition': edition 2"),
    (editions.NUMBERS, lambda p: {**p, "numbers": p["numbers"] + p["numbers"][:1]}, r"field 'key': listed twice"),
    (editions.NUMBERS, lambda p: [p], r"numbers\.json: not an object"),
])
def test_a_kept_file_of_another_shape_is_refused_naming_the_field(data_copy_with_editions, name, change, message):
    _rewrite(data_copy_with_editions / editions.FOLDER / "1", name, change)
    with pytest.raises(DataError, match=message):
        validate_package(data_copy_with_editions)


def test_a_stray_file_among_the_editions_is_refused(data_copy_with_editions):
    (data_copy_with_editions / editions.FOLDER / "latest").mkdir()
    with pytest.raises(DataError, match=r"data/editions/latest: not an edition"):
        validate_package(data_copy_with_editions)


def test_make_edition_keeps_a_new_edition_and_never_rewrites_one(book, data_copy_with_editions):
    with pytest.raises(SystemExit, match="kept already"):
        cut_edition(data_copy_with_editions, book)
    second = Book(book.tables, editions.kept(data_copy_with_editions), Edition(2, "2027-12-01"))
    folder = cut_edition(data_copy_with_editions, second)
    assert sorted(p.name for p in folder.iterdir()) == sorted([editions.MANIFEST, *editions.FILES])
    both = editions.kept(data_copy_with_editions)
    assert [k.number for k in both] == [1, 2]
    assert both[1].claims["trade-2022-total"]["verdict_history"] == [
        {"edition": 1, "date": both[0].edition.date, "verdict": "holds approximately"},
        {"edition": 2, "date": "2027-12-01", "verdict": "holds approximately"}]
    assert written(Book(book.tables, both, Edition(2, "2027-12-01"))) == {
        n: (folder / n).read_bytes() for n in editions.FILES}
    # edition 2 compares with edition 1, and nothing changed between them
    assert editions.baseline(both, Edition(2, "2027-12-01")).number == 1
    shutil.rmtree(folder)
