"""Fixtures of the checks of the built book."""

import re
import subprocess

import pytest

from tests.conftest import ROOT

PDF = ROOT / "_build" / "latex" / "book.pdf"


@pytest.fixture(scope="session")
def pdf_text():
    """The PDF's text, its whitespace folded to single spaces."""
    out = subprocess.run(["pdftotext", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", out)
