"""Execute notebooks in place, deterministically, for `make book`.

Usage: python tools/execute.py book/trade.ipynb [...]

Runs every cell in a fresh kernel with the notebook's folder as working
directory and the project root on the kernel's path (so the book's module is
imported from this folder, wherever it was copied), stores the outputs without
timing metadata (so that a re-run gives the same file), and stops with the
error of the first failing cell.

It also records which data files the notebook read (the loader notes each
table it loads) in _build/.executed/<name>.d, a make rule: make re-executes a
notebook when a table it reads, or that table's schema, changes.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
EXECUTED = ROOT / "_build" / ".executed"
SCHEMAS = "_build/.schemas"


def kernel_environment() -> None:
    """The project root first on the kernel's path: `rk35` and `data/` are this folder's, never another's."""
    paths = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(ROOT)]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)


def execute(path: Path) -> list[tuple[str, str]]:
    """Execute one notebook in place; return the (resource, file) pairs it read."""
    kernel_environment()
    nb = nbformat.read(path, as_version=4)
    with tempfile.NamedTemporaryFile("r", suffix=".reads", encoding="utf-8") as reads:
        os.environ["RK35_READS"] = reads.name
        client = NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
        except CellExecutionError as exc:
            print(f"\n{path}: a cell failed; nothing was written.\n", file=sys.stderr)
            plain = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))
            lines = [line for line in plain.splitlines() if line.strip()]
            print("\n".join(lines[-12:]), file=sys.stderr)
            raise SystemExit(1) from None
        finally:
            del os.environ["RK35_READS"]
        read = sorted({tuple(line.rstrip("\n").split("\t")) for line in reads if line.strip()})
    # Keep only what does not depend on the machine's exact Python build.
    nb.metadata["language_info"] = {"name": "python", "mimetype": "text/x-python", "file_extension": ".py"}
    nbformat.write(nb, path)
    return read


def write_dependencies(notebook: Path, read: list[tuple[str, str]]) -> None:
    """_build/.executed/<name>.d: the stamp of this notebook depends on the files and schemas it read."""
    files = " ".join(f"data/{file} {SCHEMAS}/{name}.json" for name, file in read)
    EXECUTED.mkdir(parents=True, exist_ok=True)
    (EXECUTED / f"{notebook.stem}.d").write_text(f"_build/.executed/{notebook.stem}.stamp: {files}\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    for arg in argv:
        print(f"executing {arg}", flush=True)
        path = Path(arg)
        start = time.perf_counter()
        read = execute(path)
        print(f"executed {arg} in {time.perf_counter() - start:.1f} s", flush=True)
        if path.resolve().parent == ROOT / "book":
            write_dependencies(path, read)


if __name__ == "__main__":
    main(sys.argv[1:])
