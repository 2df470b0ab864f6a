import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Checks of the built book run after `make book` (see `make test`), with RK35_BUILT=1.
collect_ignore = [] if os.environ.get("RK35_BUILT") else ["build"]


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
