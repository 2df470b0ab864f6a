"""The book's editions, kept as data, and what changed since the last one.

`make edition` (tools/cut_edition.py) keeps the edition that _config.yml sets: data/editions/<n>/ holds the claims
register and every number exactly as the book's downloads give them (claims-register.json, numbers.json), and
edition.json with the edition's number and date and the two files' checksums. A kept edition is never rewritten.

Here the kept editions are read back, each checked before use (its folder, its manifest, the checksums and the shape
of both files: a problem names the file and the field, and a file of any other shape is refused), and compared with
the book as built: the verdicts that changed (with the correction, or the numbers and their inputs, that changed
them), the claims added or withdrawn, and the numbers whose text moved (with the inputs that moved them). Claims are
compared by id and numbers by key, never by their wording.

It imports only leaves and the settings, so that the data package's validation can call `problems`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rk35.fmt import date
from rk35.records import Correction, Number
from rk35.settings import ROOT, Edition, check_edition, edition
from rk35.verdicts import Assessment, Verdict

DATA_DIR = ROOT / "data"
#: The folder of data/ that holds the kept editions, one folder per edition number.
FOLDER = "editions"
REGISTER, NUMBERS, MANIFEST = "claims-register.json", "numbers.json", "edition.json"
#: The kept files of an edition, as the downloads of the book give them.
FILES = (REGISTER, NUMBERS)
#: The page whose numbers describe the comparison itself: they are never compared.
CHAPTER = "changes"


class EditionError(ValueError):
    """A kept edition that cannot be read as one; the message names the file and the field."""


@dataclass(frozen=True)
class Kept:
    """A kept edition: its number and date, its claims' register records by claim id, its number records by key."""

    edition: Edition
    claims: dict[str, dict]
    numbers: dict[str, dict]

    @property
    def number(self) -> int:
        return self.edition.number


# The shapes of the kept files: each object's fields and their types. A field outside these is refused at the top
# level of a file (a file of another shape is not an edition); records may carry more columns than are read here.
TOP = {REGISTER: {"book": str, "edition": dict, "claims": list}, NUMBERS: {"book": str, "edition": dict, "numbers": list}}
RECORD = {REGISTER: ("claims", "claim_id", {"claim_id": str, "label": str, "verdict": str, "found": str,
                                             "corrections": list, "verdict_history": list}),
          NUMBERS: ("numbers", "key", {"key": str, "chapter": str, "text": str, "method": str, "inputs": list})}
INNER = {"corrections": {"number": int, "date": str, "changed": str, "was": str, "now": str, "why": str,
                         "source_ids": list},
         "verdict_history": {"edition": int, "date": str, "verdict": str},
         "inputs": {"what": str, "value": str, "sources": list}}
EDITION_FIELDS = {"number": int, "date": str}
MANIFEST_FIELDS = {"number": int, "date": str, "files": dict}
SCALE = {v.value for v in Verdict}


def _typed(value, fields: dict, where: str, exact: bool) -> list[str]:
    """What is wrong with an object against its fields: missing or mistyped fields (and unknown ones if exact)."""
    if not isinstance(value, dict):
        return [f"{where}: not an object (found {type(value).__name__})"]
    out = [f"{where}, field {name!r}: missing" for name in fields if name not in value]
    out += [f"{where}, field {name!r}: not {kind.__name__} (found {value[name]!r})" for name, kind in fields.items()
            if name in value and (not isinstance(value[name], kind) or isinstance(value[name], bool) and kind is int)]
    if exact:
        out += [f"{where}, field {name!r}: not a field of this file (a file of another shape is not a kept edition)"
                for name in value if name not in fields]
    return out


def _file_problems(path: str, payload, kept_as: Edition) -> list[str]:
    """The problems of one kept file (register or numbers) of the edition `kept_as`."""
    name = path.rsplit("/", 1)[-1]
    out = _typed(payload, TOP[name], path, exact=True)
    if out:
        return out
    out = _typed(payload["edition"], EDITION_FIELDS, f"{path}, edition", exact=True)
    if not out and (payload["edition"]["number"], payload["edition"]["date"]) != (kept_as.number, kept_as.date):
        out.append(f"{path}, field 'edition': edition {payload['edition']['number']} of {payload['edition']['date']}, "
                   f"not the edition {kept_as.number} of {kept_as.date} that {MANIFEST} records")
    listing, id_field, fields = RECORD[name]
    seen = set()
    for i, record in enumerate(payload[listing]):
        where = f"{path}, {listing}[{i}]"
        problems = _typed(record, fields, where, exact=False)
        if problems:
            out += problems
            continue
        where += f" ({record[id_field]})"
        if record[id_field] in seen:
            out.append(f"{where}, field {id_field!r}: listed twice")
        seen.add(record[id_field])
        for inner, inner_fields in INNER.items():
            for j, item in enumerate(record.get(inner, [])):
                out += _typed(item, inner_fields, f"{where}, {inner}[{j}]", exact=False)
        if name == REGISTER:
            out += _register_record_problems(record, where, kept_as)
    return out


def _register_record_problems(record: dict, where: str, kept_as: Edition) -> list[str]:
    out = [] if record["verdict"] in SCALE else [f"{where}, field 'verdict': {record['verdict']!r} is not on the scale"]
    history = record["verdict_history"]
    if any(not isinstance(h, dict) or h.get("verdict") not in SCALE for h in history):
        out.append(f"{where}, field 'verdict_history': a verdict that is not on the scale")
    elif not history or history[-1].get("edition") != kept_as.number or history[-1]["verdict"] != record["verdict"]:
        out.append(f"{where}, field 'verdict_history': does not end with this edition's verdict")
    return out


def _checksum(content: bytes) -> dict:
    return {"hash": "sha256:" + hashlib.sha256(content).hexdigest(), "bytes": len(content)}


def _read(data_dir: Path) -> tuple[list[Kept], list[str]]:
    """Every kept edition that reads without a problem, oldest first; and every problem found."""
    folder, out, kept = data_dir / FOLDER, [], []
    if not folder.is_dir():
        return [], []
    for entry in sorted(folder.iterdir(), key=lambda p: (len(p.name), p.name)):
        where = f"data/{FOLDER}/{entry.name}"
        if not entry.is_dir() or not re.fullmatch(r"[1-9][0-9]*", entry.name):
            out.append(f"{where}: not an edition: data/{FOLDER} holds one folder per edition, named by its number")
            continue
        names = {p.name for p in entry.iterdir()}
        if names != {MANIFEST, *FILES}:
            out.append(f"{where}: holds {sorted(names)}; a kept edition is {MANIFEST} and {', '.join(FILES)}")
            continue
        try:
            manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
            problems = _typed(manifest, MANIFEST_FIELDS, f"{where}/{MANIFEST}", exact=True)
            if not problems:
                kept_as = check_edition(manifest["number"], manifest["date"], f"{where}/{MANIFEST}")
                if kept_as.number != int(entry.name):
                    problems.append(f"{where}/{MANIFEST}, field 'number': {kept_as.number}, in the folder of edition "
                                    f"{entry.name}")
                files = manifest["files"]
                problems += _typed(files, {name: dict for name in FILES}, f"{where}/{MANIFEST}, files", exact=True)
            payloads = {}
            for name in FILES if not problems else ():
                content = (entry / name).read_bytes()
                if files[name] != _checksum(content):
                    problems.append(f"{where}/{name}: changed since the edition was kept (its checksum is not the one "
                                    f"{MANIFEST} records): a kept edition is not edited; a new one is kept with "
                                    "`make edition`")
                    continue
                payloads[name] = json.loads(content.decode("utf-8"))
                problems += _file_problems(f"{where}/{name}", payloads[name], kept_as)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems = [f"{where}: cannot be read as JSON: {exc}"]
        except ValueError as exc:  # an edition number or date that is not one (settings.check_edition)
            problems = [str(exc)]
        out += problems
        if not problems:
            kept.append(_kept(kept_as, payloads))
    return kept, out


def _kept(kept_as: Edition, payloads: dict) -> Kept:
    return Kept(kept_as, {r["claim_id"]: r for r in payloads[REGISTER]["claims"]},
                {r["key"]: r for r in payloads[NUMBERS]["numbers"]})


def as_kept(current: Edition, files: dict[str, bytes]) -> Kept:
    """An edition as it will read once kept, from the files that keep it (checked as a kept edition is)."""
    payloads = {name: json.loads(files[name].decode("utf-8")) for name in FILES}
    found = [p for name in FILES for p in _file_problems(f"data/{FOLDER}/{current.number}/{name}", payloads[name], current)]
    if found:
        raise EditionError("\n  ".join(["The edition to keep is not of a kept edition's shape:", *found]))
    return _kept(current, payloads)


def problems(data_dir: Path = DATA_DIR) -> list[str]:
    """What is wrong with the kept editions in data_dir (none is newer than the edition _config.yml sets)."""
    kept, out = _read(data_dir)
    try:
        current = edition()
    except ValueError as exc:
        return out + [str(exc)]
    out += [f"data/{FOLDER}/{k.number}: kept edition {k.number} is newer than the edition _config.yml sets "
            f"({current.number})" for k in kept if k.number > current.number]
    return out


def kept(data_dir: Path = DATA_DIR) -> list[Kept]:
    """The kept editions, oldest first, each checked; any problem is an EditionError naming the file and field."""
    editions, found = _read(data_dir)
    if found:
        raise EditionError(f"The kept editions in data/{FOLDER} cannot be read ({len(found)} problem(s)):\n  "
                           + "\n  ".join(found[:20]))
    return editions


def manifest(current: Edition, files: dict[str, bytes]) -> dict:
    """The manifest of an edition being kept: its number, its date and its files' checksums."""
    return {"number": current.number, "date": current.date, "files": {n: _checksum(files[n]) for n in FILES}}


def title(e: Edition) -> str:
    """An edition as the title page, the front page and "What changed" name it: "Edition 1, 2 December 2026"."""
    return f"Edition {e.number}, {date(e.date)}"


def baseline(editions: list[Kept], current: Edition) -> Kept | None:
    """The edition the book is compared with: the last kept before the current one, or the current one as kept if
    it is the first (so that any change since it was kept shows); None if none is kept."""
    earlier = [k for k in editions if k.number < current.number]
    same = [k for k in editions if k.number == current.number]
    return earlier[-1] if earlier else same[0] if same else None


def verdict_history(editions: list[Kept], current: Edition, claim_id: str, verdict: str) -> list[dict]:
    """A claim's verdict in each kept edition before the current one that has it, then in the current one."""
    past = [{"edition": k.number, "date": k.edition.date, "verdict": k.claims[claim_id]["verdict"]}
            for k in editions if k.number < current.number and claim_id in k.claims]
    return past + [{"edition": current.number, "date": current.date, "verdict": verdict}]


@dataclass(frozen=True)
class Moved:
    """An input of a number whose value moved (None where the input is new, or gone), with its sources now."""

    what: str
    was: str | None
    now: str | None
    sources: tuple[str, ...]
    claim: str = ""


@dataclass(frozen=True)
class NumberChange:
    """A number whose text moved since the baseline (was None: new; now None: gone), and the inputs that moved it."""

    key: str
    chapter: str
    method: str
    was: str | None
    now: str | None
    moved: tuple[Moved, ...]


@dataclass(frozen=True)
class VerdictChange:
    """A claim whose verdict changed: from, to, and what changed it (the corrections made since the baseline, or the
    numbers its check quotes that moved), with what the check found then and now."""

    claim_id: str
    was: str
    now: str
    corrections: tuple[Correction, ...]
    numbers: tuple[NumberChange, ...]
    found_was: str
    found_now: str


@dataclass(frozen=True)
class Changes:
    """What changed between the baseline edition and the book as built."""

    current: Edition
    baseline: Kept | None
    kept: tuple[int, ...] = ()  # the numbers of every kept edition
    verdicts: tuple[VerdictChange, ...] = ()
    added: tuple[tuple[str, str], ...] = ()  # claim id, verdict
    withdrawn: tuple[dict, ...] = ()  # the baseline's register records
    numbers: tuple[NumberChange, ...] = ()

    @property
    def nothing(self) -> bool:
        return not (self.verdicts or self.added or self.withdrawn or self.numbers)


def _inputs_moved(was: list[dict], now: tuple) -> tuple[Moved, ...]:
    """The inputs (matched by what they are) whose value differs, appeared or disappeared."""
    before = {i["what"]: i for i in was}
    after = {i.what: i for i in now}
    moved = [Moved(i.what, before[i.what]["value"] if i.what in before else None, i.value, i.sources, i.claim)
             for i in now if i.what not in before or before[i.what]["value"] != i.value]
    moved += [Moved(w, i["value"], None, tuple(i["sources"]), i.get("claim") or "") for w, i in before.items()
              if w not in after]
    return tuple(moved)


def compare_numbers(base: Kept, numbers: list[Number]) -> tuple[NumberChange, ...]:
    """The numbers whose text moved, by key, in book order (then the numbers that are gone)."""
    now = {n.key: n for n in numbers if n.chapter != CHAPTER}
    was = {k: r for k, r in base.numbers.items() if r["chapter"] != CHAPTER}
    out = [NumberChange(n.key, n.chapter, n.method, was[n.key]["text"] if n.key in was else None, n.text,
                        _inputs_moved(was[n.key]["inputs"] if n.key in was else [], n.inputs))
           for n in now.values() if n.key not in was or was[n.key]["text"] != n.text]
    out += [NumberChange(k, r["chapter"], r["method"], r["text"], None, ()) for k, r in was.items() if k not in now]
    return tuple(out)


def compare(kept_editions: list[Kept], current: Edition, assessed: dict[str, Assessment],
            numbers: list[Number]) -> Changes:
    """What changed between the baseline edition (see `baseline`) and the book as built: its assessments and its
    number records."""
    base, kept_as = baseline(kept_editions, current), tuple(k.number for k in kept_editions)
    if base is None:
        return Changes(current, None, kept_as)
    moved = compare_numbers(base, numbers)
    by_key = {m.key: m for m in moved}
    verdicts = []
    for claim_id, a in assessed.items():
        record = base.claims.get(claim_id)
        if record is None or record["verdict"] == a.verdict.value:
            continue
        known = {c["number"] for c in record["corrections"]}
        verdicts.append(VerdictChange(
            claim_id, record["verdict"], a.verdict.value,
            tuple(c for c in a.corrections if c.number not in known and c.changed == "verdict"),
            tuple(by_key[n.key] for n in a.numbers if n.key in by_key), record["found"], a.found))
    return Changes(current, base, kept_as, tuple(verdicts),
                   tuple((c, a.verdict.value) for c, a in assessed.items() if c not in base.claims),
                   tuple(r for c, r in base.claims.items() if c not in assessed), moved)
