"""Fixtures of the checks of the built book."""

import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

PDF = ROOT / "_build" / "latex" / "book.pdf"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def pdf_text():
    """The PDF's text, its whitespace folded to single spaces."""
    out = subprocess.run(["pdftotext", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (which cannot download browsers here), for a module's browser tests
    (closed at the module's end: a module that starts Playwright itself, tests/build/test_lab.py, cannot run inside
    another's loop)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
