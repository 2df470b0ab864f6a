"""Validate the data package; with --schemas FOLDER also write each table's schema there (for make).

Usage: python tools/validate_data.py [--schemas FOLDER]     (make runs it before any notebook executes)
Exits 1, printing every problem with its file, line and field, if the package is invalid.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rk35.data.validate import main

if __name__ == "__main__":
    main(sys.argv[1:])
