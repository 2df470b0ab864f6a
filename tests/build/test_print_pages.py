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


def body_lines(words, head: float, foot: float) -> list[tuple[float, str]]:
    """A page's lines between its running head and its running foot, top to bottom: (the line's bottom, its text)."""
    lines: dict[int, list] = {}
    for x0, y0, x1, y1, text in words:
        if head + 2 < y0 < foot - 2:
            lines.setdefault(round(y1 / 3), []).append((x0, y1, text))
    return [(max(y for _, y, _ in line), " ".join(t for _, _, t in sorted(line))) for _, line in sorted(lines.items())]


#: A numbered heading of a chapter or an appendix ("2.3 Claim: trade in 2022 · holds", "C.1 The tables").
HEADING = re.compile(r"^([0-9]+|[A-F])(\.[0-9]+)+ \S")


def test_no_heading_or_verdict_box_title_stands_alone_at_a_page_foot(pages):
    head, foot = running_lines(pages)
    alone = []
    for number, words in enumerate(pages, 1):
        lines = body_lines(words, head, foot)
        last = lines[-1][1] if lines else ""
        if last.startswith("Verdict:") or (HEADING.match(last) and ". . ." not in last):  # not a line of the contents
            alone.append((number, last))
    assert alone == []


def test_a_chapters_first_page_is_filled(pages):
    """A chart too tall for what is left of a chapter's first page floats on; the text fills the page (the
    opening is not left half empty), unless the chapter ends there."""
    head, foot = running_lines(pages)
    half_empty = []
    for number, words in enumerate(pages[:-1], 1):
        lines = body_lines(words, head, foot)
        if lines and lines[0][1] == "CHAPTER" and pages[number] and body_lines(pages[number], head, foot)[0][1] != "CHAPTER":
            gap = foot - lines[-1][0]
            if gap > 150:  # about eleven lines of text
                half_empty.append((number, round(gap)))
    assert half_empty == []


def test_every_table_and_figure_has_the_same_number_in_print_as_on_screen(pdf_text):
    """Sphinx numbers the HTML's tables and figures; LaTeX counts its own (and a long table without a caption would
    take a number there). Each captioned table and figure must carry the same number in both editions."""
    from tests.conftest import ROOT

    caption = re.compile(r'<span class="caption-number">((?:Table|Figure) [A-Z0-9.]+) </span>'
                         r'<span class="caption-text">(.*?)</span>', re.DOTALL)
    found = []
    for page in sorted((ROOT / "_build" / "html" / "book").glob("*.html")):
        for number, text in caption.findall(page.read_text(encoding="utf-8")):
            words = " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split()[:3])
            found.append((number, words))
            assert f"{number}: {words}" in pdf_text, (page.name, number, words)
    assert len(found) >= 15  # every captioned table and figure of the book


def test_a_running_foot_names_a_claim_without_its_verdicts(pages):
    """The heading and the box say a claim's verdict; the foot names the section only, so it is never cut short in
    the middle of a list of verdicts."""
    _, foot = running_lines(pages)
    with_verdict = [(number, " ".join(w[4] for w in sorted(words) if abs(w[1] - foot) <= 2))
                    for number, words in enumerate(pages, 1)]
    assert [(number, line) for number, line in with_verdict if " · " in line] == []


def test_a_continued_table_names_only_its_own_number(pdf_text):
    """A long table's header on its next page says "Table C.2 – continued from previous page" if it is Table C.2, and
    only "continued from previous page" if it has no number (the data dictionary's tables): never the number of
    another table."""
    last_caption, wrong = None, []
    for match in re.finditer(r"Table ([A-Z0-9.]+)(:| – continued from previous page)", pdf_text):
        number, what = match.groups()
        if what == ":":
            last_caption = number
        elif number != last_caption:
            wrong.append((number, last_caption))
    assert wrong == []


def test_an_empty_table_cell_holds_no_empty_paragraph():
    """An empty paragraph in a cell gives its row a blank second line (the data dictionary's rows doubled in height)."""
    tex = PDF.with_suffix(".tex").read_text(encoding="utf-8")
    assert re.findall(r"\\sphinxAtStartPar\n\n(?:&|\\\\)", tex) == []
