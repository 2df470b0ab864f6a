"""Execute notebooks in place, deterministically, for `make book`.

Usage: python tools/execute.py book/trade.ipynb [...]

Runs every cell in a fresh kernel with the notebook's folder as working
directory, stores the outputs without timing metadata (so that a re-run
gives the same file), and stops with the error of the first failing cell.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
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
    # Keep only what does not depend on the machine's exact Python build.
    nb.metadata["language_info"] = {"name": "python", "mimetype": "text/x-python", "file_extension": ".py"}
    nbformat.write(nb, path)


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    for arg in argv:
        print(f"executing {arg}", flush=True)
        execute(Path(arg))


if __name__ == "__main__":
    main(sys.argv[1:])
