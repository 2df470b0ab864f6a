"""pytest, run from anywhere: the project root is first on the path of pytest and of every kernel nbval starts,
so that `rk35` and `data/` are this folder's own (the venv points at no folder; see Makefile)."""

import os
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
os.environ["PYTHONPATH"] = os.pathsep.join(
    [ROOT] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != ROOT])
