"""Whole-file checks, made before any table is parsed: what data/ holds (regular files only, each listed), the
descriptor's shape, each file's size against its stated limit, strict UTF-8, well-formed CSV with at least one row
(unless its schema says a table may be empty) and a country-outline file with the objects the map draws.

Nothing outside data/ is read: a symbolic link or any other file that is not a regular file is refused before it is
opened, and every path the descriptor names is a plain file name in data/.
"""

from __future__ import annotations

import csv
import json
import re
import stat
from pathlib import Path

from rk35.data.cells import excerpt
from rk35.data.rules import LIST_REFERENCES, PARTIAL_DATE, DataError, location

DESCRIPTOR = "datapackage.json"
#: The descriptor's own size limit (about ten times its size at the first edition).
DESCRIPTOR_LIMIT = 1_000_000
#: A path the descriptor may name: a plain file name in data/ (no folder, no "..", no URL).
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
#: What a resource must declare, and of which type, before anything reads it.
RESOURCE_KEYS = {"name": str, "path": str, "rk35:maxBytes": int}
TABLE_KEYS = {"schema": dict}
KIND_NAMES = {str: "text", int: "an integer", dict: "an object"}


def entry_problems(data_dir: Path, folders: tuple[str, ...] = ()) -> list[str]:
    """Every entry of data/ is a regular file (no symbolic link, device or pipe), found without following any link;
    a folder only where it is one of `folders` (the kept editions), and then holding only folders and regular files
    itself; data/ itself is not a link."""
    if data_dir.is_symlink():
        return ["data: a symbolic link: the data package must be a folder of the project, not a link to one"]
    problems = []

    def check(folder: Path, shown: str, top: bool) -> None:
        for entry in sorted(folder.iterdir()):
            mode, where = entry.lstat().st_mode, f"{shown}/{entry.name}"
            if stat.S_ISLNK(mode):
                problems.append(f"{where}: a symbolic link: data/ holds regular files only, and nothing outside it is "
                                "read (copy the file in instead)")
            elif stat.S_ISDIR(mode) and (not top or entry.name in folders):
                check(entry, where, False)
            elif not stat.S_ISREG(mode):
                problems.append(f"{where}: not a regular file: data/ holds regular files only"
                                + (f" (and the folders {', '.join(folders)})" if folders else ""))

    check(data_dir, "data", True)
    return problems


def read_text(path: Path, shown: str) -> str:
    """A file's text, read as strict UTF-8; a bad byte is refused with the line it is on."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise DataError(f"{shown}, line 1: encoding: the file begins with a byte-order mark (save it as UTF-8 "
                        "without one)")
    try:
        return data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataError(f"{shown}, line {line}: encoding: byte 0x{data[exc.start]:02X} is not UTF-8 (save the file as "
                        "UTF-8)") from None


def read_descriptor(data_dir: Path) -> dict:
    """datapackage.json, read and checked for shape before anything else reads it."""
    path = data_dir / DESCRIPTOR
    shown = f"data/{DESCRIPTOR}"
    if not path.exists():
        raise DataError(f"{shown}: missing: the data package has no descriptor")
    if path.stat().st_size > DESCRIPTOR_LIMIT:
        raise DataError(f"{shown}: too large: {path.stat().st_size:,} bytes, more than its limit of "
                        f"{DESCRIPTOR_LIMIT:,}")
    try:
        descriptor = json.loads(read_text(path, shown))
    except json.JSONDecodeError as exc:
        raise DataError(f"{shown}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    problems = shape_problems(descriptor)
    if problems:
        raise DataError("The data package is invalid; nothing is built from it:\n  " + "\n  ".join(problems))
    return descriptor


def shape_problems(descriptor) -> list[str]:
    """What the code relies on before frictionless reads the descriptor: an object with a list of resources, each
    with a unique name, a plain file name, a size limit and (for a table) a schema object with a list of fields."""
    shown = f"data/{DESCRIPTOR}"
    if not isinstance(descriptor, dict):
        return [f"{shown}: shape: the descriptor must be a JSON object, not {type(descriptor).__name__}"]
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return [f"{shown}: shape: 'resources' must be a non-empty list"]
    problems, names = [], set()
    for position, resource in enumerate(resources, 1):
        where = f"{shown}: resource {position}"
        if not isinstance(resource, dict):
            problems.append(f"{where}: shape: a resource must be an object")
            continue
        name, path = resource.get("name"), resource.get("path")
        if isinstance(name, str):
            where += f" ({excerpt(name)})"
        needed = dict(RESOURCE_KEYS, **(TABLE_KEYS if str(path).endswith(".csv") else {}))
        for key, kind in needed.items():
            if key not in resource:
                problems.append(f"{where}: shape: {key!r} is missing")
            elif not isinstance(resource[key], kind) or isinstance(resource[key], bool):
                problems.append(f"{where}: shape: {key!r} must be {KIND_NAMES[kind]} (found "
                                f"{excerpt(str(resource[key]))})")
        if isinstance(name, str):
            if name in names:
                problems.append(f"{where}: shape: two resources named {excerpt(name)}")
            names.add(name)
        paths = [path] + [lic.get("path") for lic in resource.get("licenses", []) if isinstance(lic, dict)
                          and "://" not in str(lic.get("path", "://"))]
        for item in paths:
            if isinstance(item, str) and (not FILE_NAME.fullmatch(item) or item == DESCRIPTOR):
                problems.append(f"{where}: shape: {excerpt(item)} is not a plain file name in data/")
        topology = resource.get("rk35:topology", {"object": "", "names": []})
        if not (isinstance(topology, dict) and isinstance(topology.get("object"), str)
                and isinstance(topology.get("names"), list) and all(isinstance(n, str) for n in topology["names"])):
            problems.append(f"{where}: shape: 'rk35:topology' must name an object and a list of outline names")
        if not isinstance(resource.get("rk35:mayBeEmpty", False), bool):
            problems.append(f"{where}: shape: 'rk35:mayBeEmpty' must be true or false")
        schema = resource.get("schema")
        if isinstance(schema, dict):
            fields = schema.get("fields")
            if not isinstance(fields, list) or not fields or not all(
                    isinstance(f, dict) and isinstance(f.get("name"), str) and isinstance(f.get("type"), str)
                    for f in fields):
                problems.append(f"{where}: shape: the schema's 'fields' must be a list of objects with a name and "
                                "a type")
            else:
                problems += [f"{where}, field {excerpt(f['name'])}: shape: {p}" for f in fields
                             if (p := field_problem(f))]
    return problems


#: The book's own field properties and the type of their values.
EXTENSIONS = {"rk35:separator": str, "rk35:signed": bool, "rk35:leadingSign": bool, "rk35:earliest": str,
              "rk35:latest": str}


def field_problem(field: dict) -> str | None:
    """A field's book properties have their types; a list field is one the code knows (LIST_REFERENCES); every year
    and date field declares the range the book can defend: a date or a year by the schema's minimum and maximum; a
    partial ISO date (text) by `"rk35:earliest"` and `"rk35:latest"`."""
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return "the field's constraints must be an object"
    for key, kind in EXTENSIONS.items():
        if key in field and not isinstance(field[key], kind):
            return f"{key} must be {'true or false' if kind is bool else 'text'}"
    if "rk35:separator" in field and (field["name"] not in LIST_REFERENCES or len(field["rk35:separator"]) != 1):
        return (f"only {', '.join(LIST_REFERENCES)} are list fields, each with a one-character separator")
    for key in ("trueValues", "falseValues"):
        if key in field and not (isinstance(field[key], list) and all(isinstance(v, str) for v in field[key])):
            return f"{key} must be a list of texts"
    is_year = field["type"] == "integer" and (field["name"] == "year" or field["name"].endswith("_year"))
    if (field["type"] in ("date", "year") or is_year) and not {"minimum", "maximum"} <= set(constraints):
        return "a date or year field needs a minimum and a maximum"
    if constraints.get("pattern") == PARTIAL_DATE or "rk35:earliest" in field or "rk35:latest" in field:
        bounds = [field.get("rk35:earliest"), field.get("rk35:latest")]
        if not all(isinstance(b, str) and re.fullmatch(PARTIAL_DATE, b) for b in bounds):
            return "a date field needs rk35:earliest and rk35:latest, each a date such as 1990 or 2026-12-31"
    return None


def size_problems(descriptor: dict, data_dir: Path) -> list[str]:
    """Each file within its stated limit (`rk35:maxBytes`), checked before it is read."""
    problems = []
    for resource in descriptor["resources"]:
        path = data_dir / resource["path"]
        if path.is_file() and path.stat().st_size > resource["rk35:maxBytes"]:
            problems.append(f"data/{resource['path']}: too large: {path.stat().st_size:,} bytes, more than its limit "
                            f"of {resource['rk35:maxBytes']:,} (rk35:maxBytes in datapackage.json)")
    return problems


def listing_problems(descriptor: dict, data_dir: Path, folders: tuple[str, ...] = ()) -> list[str]:
    """Every listed file exists, and every file is listed (or is a listed licence)."""
    problems = []
    listed = {r["path"] for r in descriptor["resources"]}
    licences = {lic["path"] for r in descriptor["resources"] for lic in r.get("licenses", [])
                if isinstance(lic, dict) and "path" in lic and "://" not in lic["path"]}
    for path in sorted(listed):
        if not (data_dir / path).is_file():
            problems.append(f"data/{path}: missing: datapackage.json lists this file, but it is not in data/")
    for path in sorted(p.name for p in data_dir.iterdir()):
        if path not in listed | licences | {DESCRIPTOR, *folders}:
            problems.append(f"data/{path}: not listed: a file in data/ that datapackage.json does not describe "
                            "(add it as a resource with its schema and provenance, or remove it)")
    return problems


def content_problems(descriptor: dict, data_dir: Path) -> list[str]:
    """Each file's content as a whole: strict UTF-8; a CSV well-formed, with rows unless it may be empty; the
    country outlines with the objects the map draws."""
    problems = []
    for resource in descriptor["resources"]:
        path = resource["path"]
        try:
            text = read_text(data_dir / path, f"data/{path}")
        except DataError as exc:
            problems.append(str(exc))
            continue
        if path.endswith(".csv"):
            problems += csv_problems(resource, text)
        elif "rk35:topology" in resource:
            problems += topology_problems(resource, text)
    return problems


def csv_problems(resource: dict, text: str) -> list[str]:
    """A header, closed quotes, one cell per column, and at least one row unless `"rk35:mayBeEmpty": true`."""
    path = resource["path"]
    if not text.strip():
        return [f"data/{path}, line 1: empty: the file has no header row (and no data)"]
    problems = []
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    header, start, rows = None, 1, 0
    try:
        for row in reader:
            if header is None:
                header = row
            else:
                rows += 1
                if len(row) != len(header):
                    field = header[min(len(row), len(header)) - 1] if row else header[0]
                    problems.append(f"{location(path, start, field)}: csv: {len(row)} cells where the header has "
                                    f"{len(header)} (a comma or a quote out of place?)")
            start = reader.line_num + 1
    except csv.Error:
        line = text.splitlines()[start - 1]
        column, quoted = 0, False
        for char in line:  # the column in which the unclosed quote opened
            if char == '"':
                quoted = not quoted
            elif char == "," and not quoted:
                column += 1
        field = header[column] if header and column < len(header) else None
        problems.append(f"{location(path, start, field)}: csv: a quote opened here is never closed")
    if not problems and rows == 0 and not resource.get("rk35:mayBeEmpty"):
        problems.append(f"data/{path}, line 2: empty: the table has a header and no rows (only a table whose schema "
                        "says rk35:mayBeEmpty may be empty)")
    return problems


def topology_problems(resource: dict, text: str) -> list[str]:
    """The country outlines parse as a TopoJSON topology whose declared object holds every declared name."""
    shown = f"data/{resource['path']}"
    try:
        topology = json.loads(text)
    except json.JSONDecodeError as exc:
        return [f"{shown}, line {exc.lineno}: not valid JSON ({exc.msg})"]
    expected = resource["rk35:topology"]
    wrong = (f"{shown}: topology: not a TopoJSON topology with arcs and an object {expected['object']!r} of named "
             "geometries")
    try:
        if topology["type"] != "Topology" or not isinstance(topology["arcs"], list) or not topology["arcs"]:
            return [wrong]
        names = {g["properties"]["name"] for g in topology["objects"][expected["object"]]["geometries"]}
    except (KeyError, TypeError):
        return [wrong]
    missing = sorted(set(expected["names"]) - names)
    return [f"{shown}: topology: no outline named {', '.join(missing)}"] if missing else []
