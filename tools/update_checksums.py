"""Record each data file's sha256 and size in data/datapackage.json.

Usage: python tools/update_checksums.py   (or: make checksums)

Run after an intended edit of a data file; the loader and the tests refuse a
file whose checksum differs from the recorded one.

The kept editions (data/editions/<n>/) are not touched: each records its own
checksums when it is kept (`make edition`), and a kept edition is never edited.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def main(data_dir: Path = DATA) -> None:
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if not (data_dir / resource["path"]).is_file():
            print(f"data/{resource['path']}: listed in datapackage.json but missing; its checksum is left as it was")
            continue
        content = (data_dir / resource["path"]).read_bytes()
        digest = "sha256:" + hashlib.sha256(content).hexdigest()
        if resource.get("hash") != digest:
            print(f"data/{resource['path']}: checksum recorded")
        resource["hash"] = digest
        resource["bytes"] = len(content)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
