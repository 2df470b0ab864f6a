import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    """The checks of the built book (tests/build) carry the marker `built`: `make test` runs them after `make book`
    (`pytest -m built`); a plain `pytest` leaves them out (pyproject.toml: -m "not built")."""
    for item in items:
        if (ROOT / "tests" / "build") in Path(item.path).parents:
            item.add_marker(pytest.mark.built)


@pytest.fixture(scope="session")
def root() -> Path:
    """The project root: the one place tests find it."""
    return ROOT


@pytest.fixture(scope="session")
def book():
    """The whole book, built once from the committed data package (rk35.book)."""
    from rk35.book import Book

    return Book()


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of the data package that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit_cell(path: Path, line: int, field: str, value: str) -> None:
    """Set one cell of a CSV file (line as in the file, header = line 1)."""
    import csv

    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    column = rows[0].index(field)
    rows[line - 1][column] = value
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def verdict_with(claim_id: str, **tables):
    """The claim's assessment when the book is built with some tables changed (the others as committed)."""
    from rk35.book import Book
    from rk35.data import Tables, load

    book = Book(Tables(**tables))
    return book.chapter(load("claims").loc[claim_id, "chapter"]).assessments[claim_id]
