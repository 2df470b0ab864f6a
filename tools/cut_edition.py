"""Keep the edition that _config.yml sets (rk35.edition: number and date) as data.

Usage: python tools/cut_edition.py   (or: make edition)

Writes data/editions/<number>/: claims-register.json and numbers.json, exactly the files the book's downloads give
now (rk35.downloads, from the book as computed from the data package), and edition.json with the edition's number,
date and the two files' checksums. A kept edition is never rewritten: an edition whose folder exists, or one not newer
than the last kept, is refused. Run it when an edition is published, after `make test`; then commit data/editions/.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rk35 import downloads, editions  # after the project root is put first on the path
from rk35.book import Book


def written(book: Book) -> dict[str, bytes]:
    """The register and the numbers as the book's JSON downloads give them."""
    with tempfile.TemporaryDirectory() as tmp:
        downloads.write_register(tmp, book)
        downloads.write_numbers(tmp, book)
        return {name: (Path(tmp) / name).read_bytes() for name in editions.FILES}


def main(data_dir: Path = editions.DATA_DIR, book: Book | None = None) -> Path:
    """Keep the book's edition in data_dir/editions/<number>; return that folder."""
    book = Book(kept=editions.kept(data_dir)) if book is None else book
    current, folder = book.edition, data_dir / editions.FOLDER / str(book.edition.number)
    if folder.exists():
        raise SystemExit(f"data/{editions.FOLDER}/{current.number} exists: edition {current.number} is kept already, "
                         "and a kept edition is never rewritten. For a new edition, set its number and date in "
                         "_config.yml (rk35.edition).")
    newer = [k.number for k in book.kept if k.number >= current.number]
    if newer:
        raise SystemExit(f"edition {max(newer)} is kept already; the edition to keep ({current.number}, _config.yml) "
                         "must come after it.")
    # The downloads as the book will write them once this edition is kept: "What changed" then compares the first
    # edition with itself as kept (its own numbers say so), so they are computed with this edition kept.
    files = written(book)
    files = written(Book(book.tables, book.kept + [editions.as_kept(current, files)], current))
    folder.mkdir(parents=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder / editions.MANIFEST).write_text(json.dumps(editions.manifest(current, files), indent=1) + "\n",
                                            encoding="utf-8")
    editions.kept(data_dir)  # read back and checked as every build will
    print(f"Kept {editions.title(current)} in data/{editions.FOLDER}/{current.number}: "
          f"{len(book.assessments)} claims, {len(book.numbers)} numbers. Commit that folder; "
          "`make book` compares the next edition with it.")
    return folder


if __name__ == "__main__":
    main()
