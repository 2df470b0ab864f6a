"""The README's "When a year of data lands", walked on a copy of the project: the maintainer sets the next edition in
_config.yml, changes one value of the data (Korea's 2022 total in data/trade_annual.csv, 21.15 → 25.15, which flips
the claim "trade in 2022"), records the checksums, re-runs "What changed" as the build does, and finds the verdict and
the numbers that moved, from → to; then keeps the new edition, whose register carries the claim's verdict history.
"""

import ast
import json
import subprocess
import sys

import nbformat
import pytest

from tests.conftest import ROOT, edit_cell
from tools.update_checksums import main as record_checksums

COPIED = ("book", "rk35", "data", "tools")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with the next edition set and one value of the data changed (checksums recorded)."""
    import shutil

    copy = tmp_path_factory.mktemp("year") / "book-copy"
    for name in COPIED:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, copy / name)
    config = (copy / "_config.yml").read_text(encoding="utf-8")
    kept = json.loads((ROOT / "data" / "editions" / "1" / "edition.json").read_text(encoding="utf-8"))
    assert f'    number: {kept["number"]}\n    date: "{kept["date"]}"\n' in config  # as committed: edition 1 is kept
    (copy / "_config.yml").write_text(config.replace(f'    number: {kept["number"]}\n    date: "{kept["date"]}"\n',
                                                     '    number: 2\n    date: "2027-12-01"\n'), encoding="utf-8")
    edit_cell(copy / "data" / "trade_annual.csv", 76, "value_usd_bn", "25.15")  # Korea's 2022 total, as README says
    record_checksums(copy / "data")
    return copy


def run(project, *args):
    """A command of the copy, with the copy's module first on the path (as make runs it there)."""
    done = subprocess.run([sys.executable, *args], cwd=project, env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin",
                          "HOME": str(project)}, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def glued(project):
    """"What changed" as the copy's build computes it: its notebook executed as `make book` executes it, and what it
    glued (the page's text)."""
    run(project, "tools/execute.py", "--validate", "book/changes.ipynb")
    nb = nbformat.read(project / "book" / "changes.ipynb", 4)
    out = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:  # myst-nb's glue: the value under a prefixed mime type; text as its Python repr
                data = {k.rsplit("/", 2)[-2] + "/" + k.rsplit("/", 1)[-1]: v for k, v in output["data"].items()}
                out[name] = data.get("text/markdown") or ast.literal_eval(data["text/plain"])
    return out


def test_the_changed_verdict_is_listed_from_and_to(glued):
    assert glued["changes_summary"].startswith("1 verdict changed"), glued["changes_summary"]
    assert "compared with the last edition kept before it, edition 1 of 2 December 2026" in glued["changes_against"]
    report = glued["changes_report"]
    assert "## Verdicts that changed" in report
    assert "[trade in 2022](#claim-trade-2022-total): holds approximately → **does not hold**" in report


def test_the_numbers_that_moved_are_listed_with_the_rows_that_moved_them(glued):
    report = glued["changes_report"]
    assert "## Numbers that moved" in report
    line = next(item for item in report.splitlines() if "#number-trade-2022-total-kor" in item)
    assert "US\\$21\\.15 billion → **US\\$25\\.15 billion**" in line  # the number, from → to
    assert "Moved by: Korean\\-reported total\\, 2022\\: US\\$21\\.15 billion → US\\$25\\.15 billion" in line  # its row


def test_the_new_edition_is_kept_with_each_claims_verdict_history(project, glued):
    said = run(project, "tools/cut_edition.py")
    assert "Kept Edition 2, 1 December 2027 in data/editions/2" in said
    register = json.loads((project / "data" / "editions" / "2" / "claims-register.json").read_text(encoding="utf-8"))
    assert register["edition"] == {"number": 2, "date": "2027-12-01"}
    claim = next(r for r in register["claims"] if r["claim_id"] == "trade-2022-total")
    assert [(h["edition"], h["verdict"]) for h in claim["verdict_history"]] == [
        (1, "holds approximately"), (2, "does not hold")]
