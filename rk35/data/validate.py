"""Validate the data package: whole files first, then frictionless (schemas, keys, checksums), then the table rules
(rk35.data.rules). Any problem stops with a `DataError` naming the file, the line and the field.

A successful validation is cached under _build/.cache, keyed by the bytes validated; the files a notebook reads are
recorded for make (`record_read`), and each table's schema is written where make can see when it changes.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import sys
from pathlib import Path

import frictionless

from rk35 import editions
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

def _file_problems(descriptor: dict, data_dir: Path) -> list[str]:
    """What must hold before the tables can be read at all: every listed file exists, every file is listed
    (or is a listed licence), and every CSV file is well-formed (a header, closed quotes, one cell per column)."""
    problems = []
    listed = {r["path"] for r in descriptor.get("resources", [])}
    licences = {lic["path"] for r in descriptor.get("resources", []) for lic in r.get("licenses", [])
                if "path" in lic and "://" not in lic["path"]}
    for path in sorted(listed):
        if not (data_dir / path).is_file():
            problems.append(f"data/{path}: missing: datapackage.json lists this file, but it is not in data/")
    for path in sorted(p.name for p in data_dir.iterdir()):
        if path not in listed | licences | {"datapackage.json", editions.FOLDER}:
            problems.append(f"data/{path}: not listed: a file in data/ that datapackage.json does not describe "
                            "(add it as a resource with its schema and provenance, or remove it)")
    for resource in descriptor.get("resources", []):
        path = resource["path"]
        if not path.endswith(".csv") or not (data_dir / path).is_file():
            continue
        text = (data_dir / path).read_text(encoding="utf-8")
        if not text.strip():
            problems.append(f"data/{path}, line 1: empty: the file has no header row (and no data)")
            continue
        reader = csv.reader(text.splitlines(keepends=True), strict=True)
        header, start = None, 1
        try:
            for row in reader:
                if header is None:
                    header = row
                elif len(row) != len(header):
                    field = header[min(len(row), len(header)) - 1] if row else header[0]
                    problems.append(f"{location(path, start, field)}: csv: {len(row)} cells where the header has "
                                    f"{len(header)} (a comma or a quote out of place?)")
                start = reader.line_num + 1
        except csv.Error as exc:
            line = text.splitlines()[start - 1]
            column, quoted = 0, False
            for char in line:  # the column in which the unclosed quote opened
                if char == '"':
                    quoted = not quoted
                elif char == "," and not quoted:
                    column += 1
            field = header[column] if header and column < len(header) else None
            problems.append(f"{location(path, start, field)}: csv: a quote opened here is never closed ({exc})")
    return problems


def _problems_from_report(report: frictionless.Report, paths: dict[str, str], types: dict) -> list[str]:
    problems = []
    for task in report.tasks:
        path = paths.get(task.name, task.name)
        for error in task.errors:
            line = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            found = f" (found {cell!r})" if cell not in (None, "") else ""
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
    digest = hashlib.sha256(frictionless.__version__.encode() + Path(__file__).read_bytes()
                            + (Path(__file__).parent / "rules.py").read_bytes())
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
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"data/datapackage.json: cannot be read: {exc}") from exc
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
    problems = _file_problems(descriptor, data_dir)
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


def _refuse(problems: list[str]) -> None:
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
