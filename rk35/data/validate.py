"""Validate the data package: whole files first, then frictionless (schemas, keys, checksums), then the table rules
(rk35.data.rules). Any problem stops with a `DataError` naming the file, the line and the field.

A successful validation is cached under _build/.cache, keyed by the bytes validated; the files a notebook reads are
recorded for make (`record_read`), and each table's schema is written where make can see when it changes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from pathlib import Path

import frictionless

from rk35 import editions
from rk35.data.cells import excerpt
from rk35.data.files import content_problems, entry_problems, listing_problems, read_descriptor, size_problems
from rk35.data.rules import DataError, location, rule_problems

ROOT = Path(__file__).resolve().parent.parent.parent
DATA_DIR = ROOT / "data"
#: Successful validations, keyed by the bytes validated (see `_validation_key`); `rm -rf _build` clears them.
VALIDATION_CACHE = ROOT / "_build" / ".cache" / "validated"
#: Set by tools/execute.py: the file where each kernel records the resources it reads (make's dependencies).
READS_LOG = "RK35_READS"


def record_read(name: str, path: str) -> None:
    """Note that the running notebook read a resource, so that make re-executes it when that file changes."""
    log = os.environ.get(READS_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{name}\t{path}\n")


_LABEL_ERRORS = {
    "extra-label": "a column the schema does not have (add it to datapackage.json, or remove it)",
    "missing-label": "a column of the schema is missing from the header",
    "blank-label": "a column without a name",
    "duplicate-label": "two columns with the same name",
    "incorrect-label": "the header does not match the schema's field at this position",
}

def _problems_from_report(report: frictionless.Report, paths: dict[str, str], types: dict) -> list[str]:
    problems = []
    for task in report.tasks:
        path = paths.get(task.name, task.name)
        for error in task.errors:
            line = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            found = f" (found {excerpt(str(cell))})" if cell not in (None, "") else ""
            note = error.note or error.message
            if error.type == "foreign-key" and not field:
                field = ", ".join(getattr(error, "field_names", None) or []) or None
            if error.type in _LABEL_ERRORS:  # the header row: line 1, the column named in it
                line, field = 1, getattr(error, "label", None) or field
                note = _LABEL_ERRORS[error.type]
            if error.type == "type-error":
                note = f"not a valid {types.get((task.name, field), 'value')}"
            problems.append(f"{location(path, line, field)}: {error.type}: {note}{found}")
    for error in report.errors:
        problems.append(f"data/datapackage.json: {error.type}: {error.note or error.message}")
    return problems


def _validation_key(data_dir: Path) -> str | None:
    """A digest of everything validation looks at: the descriptor, every file in the folder, this module's code
    and the frictionless version. None if a listed file cannot be read (validation will say why)."""
    digest = hashlib.sha256(frictionless.__version__.encode())
    for module in ("validate.py", "rules.py", "files.py", "cells.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    try:
        for path in sorted(data_dir.iterdir()):
            digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"<dir>"))
    except OSError:
        return None
    return digest.hexdigest()


@functools.cache
def validate_package(data_dir: Path = DATA_DIR) -> dict:
    """Validate the package once per process; return its descriptor.

    A successful validation is remembered under _build/.cache, keyed by the bytes it validated: the same files
    are not validated twice (make validates once before the chapters execute; their kernels then reuse it).
    """
    descriptor_path = data_dir / "datapackage.json"
    # Before any file is opened: only regular files, a descriptor of the right shape, every file within its limit.
    problems = entry_problems(data_dir, folders=(editions.FOLDER,))
    if problems:
        _refuse(problems)
    descriptor = read_descriptor(data_dir)
    problems = size_problems(descriptor, data_dir) + listing_problems(descriptor, data_dir, folders=(editions.FOLDER,))
    if problems:
        _refuse(problems)
    key = _validation_key(data_dir)
    if problems := editions.problems(data_dir):  # data/editions (rk35.editions), outside the cache's key: every time
        _refuse(problems)
    if key and (VALIDATION_CACHE / key).exists():
        return descriptor
    _validate(data_dir, descriptor_path, descriptor)
    if key:
        try:
            VALIDATION_CACHE.mkdir(parents=True, exist_ok=True)
            (VALIDATION_CACHE / key).write_text(str(data_dir) + "\n", encoding="utf-8")
        except OSError:
            pass  # a read-only tree: validate every time
    return descriptor


def _validate(data_dir: Path, descriptor_path: Path, descriptor: dict) -> None:
    paths = {r["name"]: r["path"] for r in descriptor.get("resources", [])}
    types = {(r["name"], f["name"]): f["type"] for r in descriptor.get("resources", [])
             for f in r.get("schema", {}).get("fields", [])}
    problems = content_problems(descriptor, data_dir)
    if problems:
        _refuse(problems)
    try:
        report = frictionless.Package(str(descriptor_path)).validate()
    except frictionless.FrictionlessException as exc:
        raise DataError(f"data/datapackage.json: invalid descriptor: {exc}") from exc
    problems = _problems_from_report(report, paths, types)
    # cell and row errors first: they say what to fix; a checksum error alone means an edit
    problems.sort(key=lambda p: "hash-count" in p or "byte-count" in p)
    if problems and all("hash-count" in p or "byte-count" in p for p in problems):
        problems.append("data/datapackage.json: if the change to the data is intended, record it with `make checksums`")
    if not problems:
        problems = rule_problems(descriptor, data_dir)
    if problems:
        _refuse(problems)


#: The longest problem line a refusal prints (cells are quoted as short, escaped excerpts; this bounds the rest).
PROBLEM_LIMIT = 400


def _refuse(problems: list[str]) -> None:
    problems = [p if len(p) <= PROBLEM_LIMIT else p[:PROBLEM_LIMIT] + "…" for p in problems]
    shown = "\n  ".join(problems[:20])
    more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
    raise DataError(f"The data package is invalid ({len(problems)} problem(s)); nothing is built from it:\n  {shown}{more}")


def write_schemas(folder: Path, data_dir: Path = DATA_DIR) -> None:
    """Write each resource's descriptor (without its checksum and size) to folder/<name>.json, touching a file
    only when its content changes: make then re-executes a chapter when the schema of a table it reads changes,
    not when any table's checksum does."""
    descriptor = validate_package(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for resource in descriptor["resources"]:
        text = json.dumps({k: v for k, v in resource.items() if k not in ("hash", "bytes")}, indent=1, sort_keys=True)
        target = folder / f"{resource['name']}.json"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> None:
    """Validate the package (exit 1 with the problems if invalid); `--schemas FOLDER` also writes the schemas."""
    try:
        descriptor = validate_package()
        if argv[:1] == ["--schemas"]:
            write_schemas(Path(argv[1]))
    except DataError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(1) from None
    print(f"data package valid: {len(descriptor['resources'])} resources")
