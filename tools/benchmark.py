"""Measure the book's speed and size, and print a report (nothing is asserted).

Usage: python tools/benchmark.py [--build]     (or: make benchmark)

Measures loading and validating the data package, executing each notebook
(on a copy, so the tree is untouched), and the sizes of what the book ships.
With --build it also times a full HTML and PDF build into a temporary folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(label: str, func, rows: list) -> None:
    start = time.perf_counter()
    func()
    rows.append((label, f"{time.perf_counter() - start:.2f} s"))


def size(path: Path) -> str:
    total = path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return f"{total / 1024:,.0f} KiB"


def main(argv: list[str]) -> None:
    rows: list[tuple[str, str]] = []
    code = "from rk35.data import validate_package; validate_package()"
    timed("validate + load the data package (fresh process)",
          lambda: subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT), rows)
    from tools.execute import execute

    with tempfile.TemporaryDirectory() as tmp:
        for notebook in sorted((ROOT / "book").glob("*.ipynb")):
            copy = Path(tmp) / notebook.name
            shutil.copy(notebook, copy)
            # run in the book folder so relative paths resolve as in the build
            target = notebook.with_name(f".bench-{notebook.name}")
            shutil.copy(copy, target)
            try:
                timed(f"execute {notebook.name}", lambda t=target: execute(t), rows)
            finally:
                target.unlink(missing_ok=True)
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        rows.append((f"size of {notebook.name} (stored outputs)", size(notebook)))
    rows.append(("size of data/", size(ROOT / "data")))
    html = ROOT / "_build" / "html"
    if html.exists():
        rows.append(("size of _build/html", size(html)))
        for page in sorted((html / "book").glob("*.html")):
            rows.append((f"size of {page.name}", size(page)))
        bundle = html / "_static" / "rk35-vega.js"
        if bundle.exists():
            rows.append(("size of the vega bundle (one file, cached across pages)", size(bundle)))
    pdf = ROOT / "_build" / "latex" / "book.pdf"
    if pdf.exists():
        rows.append(("size of book.pdf", size(pdf)))
    if "--build" in argv:
        jb = str(Path(sys.executable).with_name("jupyter-book"))
        with tempfile.TemporaryDirectory() as out:
            for builder in ("html", "pdflatex"):
                timed(f"jupyter-book build --builder {builder}",
                      lambda b=builder: subprocess.run(
                          [jb, "build", ".", "--all", "--builder", b, "--path-output", out],
                          check=True, cwd=ROOT, capture_output=True), rows)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  value")
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")


if __name__ == "__main__":
    main(sys.argv[1:])
