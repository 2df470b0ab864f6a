"""The print edition page by page: no blank pages, nothing above the running head or below the running foot, a foot
that never runs into its page number, every rule of the rulebook printed, and no words that only make sense on a
screen."""

import itertools
import re
import subprocess
from collections import Counter
from html import unescape

import pytest

from rk35.verdicts import RULES
from tests.build.conftest import PDF

#: A pair of words of the foot of which one is the page number.
PAGE_NUMBER = re.compile(r"^([0-9ivxlc]+ \S+|\S+ [0-9ivxlc]+)$")
#: Words that only make sense on a screen.
SCREEN_WORDS = re.compile(r"\b(hover|click|tap)\w*", re.IGNORECASE)


@pytest.fixture(scope="module")
def pages():
    """Each page's words with their boxes (pdftotext -bbox): [(x0, y0, x1, y1, text), …] per page."""
    out = subprocess.run(["pdftotext", "-bbox", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    return [[(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in word.findall(body)]
            for body in re.findall(r"<page [^>]*>(.*?)</page>", out, flags=re.DOTALL)]


def running_lines(pages) -> tuple[float, float]:
    """The top of the running head and of the running foot, as most pages set them."""
    heads = Counter(round(min(w[1] for w in words)) for words in pages if len(words) > 20)
    feet = Counter(round(max(w[1] for w in words)) for words in pages if len(words) > 20)
    return heads.most_common(1)[0][0], feet.most_common(1)[0][0]


def test_no_page_is_blank(pages):
    blank = [number for number, words in enumerate(pages, 1) if not words]
    assert len(blank) <= 2 and blank == [], blank


def test_nothing_runs_above_the_head_or_into_and_below_the_foot(pages):
    head, foot = running_lines(pages)
    problems = []
    for number, words in enumerate(pages, 1):
        for x0, y0, x1, y1, text in words:
            on_foot = abs(y0 - foot) <= 2
            if y0 < head - 2 or y0 > foot + 2 or (not on_foot and y1 > foot - 6):
                problems.append((number, text, round(y0)))
    assert problems == [], problems[:10]


def test_the_running_foot_never_touches_its_page_number(pages):
    _, foot = running_lines(pages)
    for number, words in enumerate(pages, 1):
        line = sorted(w for w in words if abs(w[1] - foot) <= 2)
        touching = [(a[4], b[4]) for a, b in itertools.pairwise(line)
                    if b[0] < a[2] + 2 and PAGE_NUMBER.match(a[4] + " " + b[4])]
        assert touching == [], (number, touching)


def test_every_rule_of_the_rulebook_is_printed(pdf_text):
    text = re.sub(r"(\w)- (\w)", r"\1\2", pdf_text)  # words the PDF hyphenated at a line's end
    text = text.replace("\u2018", "'").replace("\u2019", "'")  # the PDF's typographic quotes
    start = text.index("The rulebook: the rule each verdict names")
    rulebook = text[start:start + 20000]
    missing = [rule.name for rule in RULES.values() if re.sub(r"\s+", " ", rule.situation) not in rulebook]
    assert missing == []


def test_no_word_of_the_print_edition_asks_for_a_mouse(pdf_text):
    assert SCREEN_WORDS.findall(pdf_text) == []
