"""Checks of the built book (run by `make test` after `make book`, with RK35_BUILT=1)."""

import html
import re
import subprocess

import pytest

from rk35 import charts
from rk35.fmt import date, mt, ordinal, pct, pct_change, usd_bn
from rk35.topics import trade as T
from rk35.verdicts import Verdict
from tests.build.conftest import PDF
from tests.conftest import ROOT
from tools.check_offline import problems

HTML = ROOT / "_build" / "html"


def page_text(path):
    return text_of(path.read_text(encoding="utf-8"))


def text_of(raw: str) -> str:
    """The text a reader sees in a page's HTML: no scripts, styles or comments; inline elements joined without
    a space."""
    raw = re.sub(r"<!--.*?-->", " ", raw, flags=re.DOTALL)
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    raw = re.sub(r"</?(code|span|strong|em|a|b|i)\b[^>]*>", "", raw)  # inline: no space
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


@pytest.fixture(scope="module")
def expected(book):
    """The chapter's key numbers, recomputed here from the data."""
    trade, investment, claims = book.tables.trade, book.tables.investment, book.tables.claims
    kor = T.annual(trade)
    rows = trade[(trade["year"] == 2022) & (trade["reporter"] == "KOR") & (trade["period"] == "full_year")]
    parts = rows.set_index("flow")
    jan_jul = trade[(trade["year"] == 2024) & (trade["period"] == "jan_jul") & (trade["flow"] == "total")].iloc[0]
    shares = T.fdi_share_table(investment, claims.loc["fdi-total", "stated_value"], 2022)
    peak = T.peak(kor)
    return {
        "fall on the article's numbers": pct(pct_change(21, 11.4), signed=True),
        "2022 total": T.stated(kor, 2022),
        "2022 exports": T.stated_value(parts.loc["exports_kor_to_rus"]),
        "2022 imports": T.stated_value(parts.loc["imports_kor_from_rus"]),
        "peak year": str(peak["year"]),
        "peak value": T.stated(kor, peak["year"]),
        "2024 exports": T.stated(T.annual(trade, "KOR", "exports_kor_to_rus"), 2024),
        "2024 January-July": T.stated_value(jan_jul),
        "2024 naive annualisation": usd_bn(T.naive_annualisation(jan_jul["value_usd_bn"], 7), 2),
        "FDI share low": pct(shares["share_low_pct"].min()),
        "FDI share high": pct(shares["share_high_pct"].max()),
    }


def test_no_page_loads_anything_from_another_host():
    assert problems(HTML) == []


def test_the_chart_library_is_served_locally_on_every_chapter():
    assert (HTML / "_static" / charts.BUNDLE_NAME).stat().st_size > 100_000
    page = (HTML / "book" / "trade.html").read_text(encoding="utf-8")
    assert re.search(r'<script defer="defer" src="\.\./_static/rk35-vega\.js', page)


def test_the_trade_chart_carries_the_id_of_its_spec(book):
    function, args = book.chapter("trade").figures["fig_trade_series"]
    figure = charts.render(function, *args)
    page = (HTML / "book" / "trade.html").read_text(encoding="utf-8")
    assert f'<div id="{figure.id}" class="rk35-chart">' in page


@pytest.mark.parametrize("what", [
    "fall on the article's numbers", "2022 total", "2022 exports", "2022 imports", "peak year", "peak value",
    "2024 exports", "2024 January-July", "2024 naive annualisation", "FDI share low", "FDI share high",
])
def test_the_trade_chapter_shows_the_recomputed_values(what, expected, pdf_text):
    value = expected[what]
    assert value in page_text(HTML / "book" / "trade.html"), f"HTML lacks {what}: {value}"
    assert value in pdf_text, f"PDF lacks {what}: {value}"


def test_the_front_page_follows_the_chapter(expected):
    text = page_text(HTML / "book" / "intro.html")
    for what in ("peak value", "2022 total", "fall on the article's numbers", "FDI share low", "FDI share high"):
        assert expected[what] in text, what


def test_every_verdict_box_is_coloured_by_its_verdict(book):
    page = (HTML / "book" / "trade.html").read_text(encoding="utf-8")
    boxes = re.findall(r'class="verdict (verdict-[a-z-]+) admonition"', page)
    claims = book.tables.claims
    assert len(boxes) == (claims["chapter"] == "trade").sum()
    for css_class in boxes:
        assert css_class in {v.css_class for v in Verdict}


def chart_count(book):
    """How many charts the book's chapters and appendices glue (each notebook glues its chapter's figures)."""
    from rk35 import appendices
    from rk35.book import CHAPTERS

    names = [*CHAPTERS, appendices.REGISTER, appendices.METHODS, appendices.NUMBERS]
    return sum(len(book.chapter(name).figures) for name in names)


def test_the_pdf_shows_every_chart_as_an_image(book):
    listing = subprocess.run(["pdfimages", "-list", str(PDF)], check=True, capture_output=True, text=True).stdout
    images = [line for line in listing.splitlines()[2:] if " image " in line]
    assert len(images) >= chart_count(book) >= 9


@pytest.fixture(scope="module")
def gas_expected(book):
    from rk35.topics import lng

    imports = book.tables.lng_imports
    table = lng.implied_previous_year(imports)
    total = lng.implied_total(imports)
    robust = lng.rank_robustness(table, total["implied"])
    return {
        "Russia 2024 implied volume": mt(robust["volume"]),
        "Russia 2024 implied rank": ordinal(robust["rank"]),
        "Russia 2024 share": pct(lng.implied_share(table, total["implied"])),
    }


def test_the_gas_chapter_and_the_front_page_show_the_implied_2024_figures(gas_expected, pdf_text):
    gas = page_text(HTML / "book" / "gas.html")
    front = page_text(HTML / "book" / "intro.html")
    for what, value in gas_expected.items():
        assert value in gas, f"gas page lacks {what}: {value}"
        assert value in front, f"front page lacks {what}: {value}"
        assert value in pdf_text, f"PDF lacks {what}: {value}"


def test_the_map_draws_from_the_vendored_basemap_only():
    page = (HTML / "book" / "rails.html").read_text(encoding="utf-8")
    assert '"type":"topojson"' in page and "Natural Earth" in page
    assert "world-atlas@" not in page and ".json\"" not in page


def test_the_pdf_has_no_missing_glyphs():
    log = (ROOT / "_build" / "latex" / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_the_register_lists_every_claim_with_a_working_link(book):
    page = (HTML / "book" / "register.html").read_text(encoding="utf-8")
    body = page[page.index('id="tbl-register"'):]
    links = re.findall(r'<a class="reference internal" href="([a-z]+\.html)#(claim-[a-z0-9-]+)"', body)
    claims = book.tables.claims
    assert len(claims) >= 30 and len(links) == len(claims)
    assert {anchor for _, anchor in links} == set(claims["anchor"])
    for target, anchor in links:
        assert f'id="{anchor}"' in (HTML / "book" / target).read_text(encoding="utf-8"), f"{target}#{anchor}"


def test_the_register_and_the_chapters_show_the_same_verdicts(book):
    assessed = book.assessments
    register = (HTML / "book" / "register.html").read_text(encoding="utf-8")
    rows = {}
    for tr in re.findall(r"<tr.*?</tr>", register, flags=re.DOTALL):
        anchor = re.search(r'href="[a-z]+\.html#(claim-[a-z0-9-]+)"', tr)
        if anchor:
            rows[anchor.group(1)] = html.unescape(re.sub(r"<[^>]+>", "", tr))
    claims = book.tables.claims
    rows = {claim_id: rows[anchor] for claim_id, anchor in claims["anchor"].items() if anchor in rows}
    assert set(rows) == set(claims.index)
    for claim_id, row in claims.iterrows():
        verdict = assessed[claim_id].verdict.value
        chapter = page_text(HTML / "book" / f"{row['chapter']}.html").replace("’", "'")
        assert f"Claim: {row['label']}. Stated:" in chapter and f"Verdict: {verdict}" in chapter, claim_id
        shown = re.sub(r"“[^”]*”", "", chapter)  # "double-freeze" is also a word the article puts in quotes
        assert claim_id not in shown, f"{claim_id}: an internal id shown to the reader"
        assert verdict in rows[claim_id], claim_id


def test_the_opening_and_the_methods_show_the_recomputed_figures(book, pdf_text):
    from rk35.topics import controls as C
    from rk35.topics import events as X

    events, controls, transport = book.tables.events, book.tables.export_controls, book.tables.transport
    _, apec = X.article_window(events)
    latest = C.latest_total(controls, X.to_date(apec["date"]))
    stop = X.flight_stop(transport)
    opening = page_text(HTML / "book" / "opening.html")
    for value in (f"{int(latest['items_total']):,}", date(stop["period"]),
                  f"{X.years_between(X.to_date(stop['period']), X.to_date(apec['date'])):.1f}"):
        assert value in opening and value in pdf_text, value
    shares = X.poll_shares(book.tables.reader_poll)
    methods = page_text(HTML / "book" / "methods.html")
    for share in shares["recomputed_pct"]:
        assert pct(share) in methods and pct(share) in pdf_text
    assert [30.6, 27.8, 22.2, 19.4] == [round(p, 1) for p in shares["recomputed_pct"]]


def test_the_timeline_chart_is_on_the_pressure_page():
    page = (HTML / "book" / "pressure.html").read_text(encoding="utf-8")
    assert 'class="rk35-chart"' in page and "Every dated event of the data package" in page


def test_every_table_is_downloadable_from_the_book():
    import json

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text())
    page = (HTML / "book" / "methods.html").read_text(encoding="utf-8")
    for resource in descriptor["resources"]:
        assert re.search(rf'href="\.\./_downloads/[0-9a-f]+/{re.escape(resource["path"])}"', page), resource["path"]


def test_no_glued_value_reads_back_as_a_python_literal():
    """Glued text passes through literal_eval in myst-nb; '1,431' unquoted would come back as '(1, 431)'."""
    bad = []
    for page in sorted((HTML / "book").glob("*.html")):
        for value in re.findall(r'<span class="pasted-text">(.*?)</span>', page.read_text(encoding="utf-8")):
            if re.fullmatch(r"\(.*, .*\)|\[.*\]|'.*'", html.unescape(value)):
                bad.append(f"{page.name}: {value}")
    assert bad == []


def test_no_page_carries_an_event_handler_or_a_script_link():
    from html.parser import HTMLParser

    class Attributes(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            self.found += attrs

    for page in sorted(HTML.rglob("*.html")):
        parser = Attributes()
        parser.feed(page.read_text(encoding="utf-8"))
        # the theme's own buttons use onclick; nothing else may carry an event handler
        handlers = {name for name, _ in parser.found if name.startswith("on")} - {"onclick"}
        assert not handlers, f"{page.name}: {handlers}"
        assert not any((value or "").strip().lower().startswith("javascript:") for _, value in parser.found), page.name


def test_source_links_keep_their_query_strings():
    """MyST doubles the escaping of '&' in link targets; the book's extension undoes it."""
    bibliography = (HTML / "book" / "bibliography.html").read_text(encoding="utf-8")
    assert "&amp;amp;" not in bibliography
    assert 'href="http://global.kita.net/about/newsView.do?id=&amp;no=2525&amp;searchWrd=&amp;pageIndex=1"' in bibliography


RAW_VALUES = ("NaN", "nan", "None", "True", "False", "<NA>")


def test_no_table_shows_raw_pandas_values_or_an_index():
    for page in sorted((HTML / "book").glob("*.html")):
        markup = page.read_text(encoding="utf-8")
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                 for c in re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", markup, flags=re.DOTALL)]
        assert not [c for c in cells if c in RAW_VALUES], page.name
        assert "dataframe" not in markup and ">line</th>" not in markup, page.name


def test_the_pdf_has_no_monospace_table_dumps_or_raw_values(pdf_text):
    assert ",→" not in pdf_text and "<NA>" not in pdf_text
    assert not re.search(r"\bNaN\b", pdf_text)


def test_the_front_page_opens_with_the_scorecard(book):
    from rk35.chapter import scorecard

    text = page_text(HTML / "book" / "intro.html")
    line = book.chapter("register").number("scorecard").text  # the register's scorecard: every claim's verdict
    assert line == scorecard(book.assessments, " in the claims register")
    assert line in text and text.index(line) < text.index("What this book is")


def test_every_verdict_box_in_the_pdf_is_set_in_its_verdicts_colours(book):
    from rk35.sphinx_latex import VERDICT_LATEX

    tex = (ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    used = {a.verdict for a in book.assessments.values()}
    for verdict in used:
        kind = VERDICT_LATEX[verdict.css_class]
        assert f"\\begin{{sphinxadmonition}}{{{kind}}}{{Verdict: {verdict.value}}}" in tex, verdict
    assert "\\begin{sphinxadmonition}{note}{Verdict" not in tex


#: What schema.org's ClaimReview type and the fact-check markup guidelines ask of a record: the review's
#: claimReviewed, reviewRating (with the publisher's own wording as alternateName), url and author; the
#: reviewed Claim's author, date and appearance. https://schema.org/ClaimReview
CLAIM_REVIEW_REQUIRED = ("claimReviewed", "reviewRating", "url", "author", "itemReviewed")
CLAIM_REQUIRED = ("author", "datePublished", "appearance")


def claim_reviews(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.DOTALL)
    import json

    return [json.loads(b) for b in blocks if json.loads(b).get("@type") == "ClaimReview"]


def test_every_chapter_page_carries_one_claim_review_per_checked_claim(book):
    assessed, claims = book.assessments, book.tables.claims
    for chapter, group in claims.groupby("chapter"):
        reviews = claim_reviews(HTML / "book" / f"{chapter}.html")
        checked = [c for c in group.index if assessed[c].verdict is not Verdict.CONTEXT_ONLY]
        assert len(reviews) == len(checked), chapter
        by_claim = {r["claimReviewed"]: r for r in reviews}
        for claim_id in checked:
            review = by_claim[claims.loc[claim_id, "quote"]]
            assert review["@context"] == "https://schema.org"
            assert all(review.get(k) for k in CLAIM_REVIEW_REQUIRED), claim_id
            assert review["itemReviewed"]["@type"] == "Claim"
            assert all(review["itemReviewed"].get(k) for k in CLAIM_REQUIRED), claim_id
            rating, verdict = review["reviewRating"], assessed[claim_id].verdict
            assert rating["@type"] == "Rating" and rating["alternateName"] == verdict.value
            assert rating.get("ratingValue") == verdict.rating, claim_id  # none where the sources do not settle it
            anchor = review["url"].split("#", 1)[1]
            assert review["url"].startswith(f"{chapter}.html#") and f'id="{anchor}"' in (
                HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")


def test_the_register_downloads_work_from_the_page_and_match_the_verdicts(book):
    import csv
    import json

    page = (HTML / "book" / "register.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(\.\./_static/data/claims-register\.(?:csv|json))"', page)
    assert len(links) == 2
    files = {link.rsplit(".", 1)[1]: (HTML / "book" / link).resolve() for link in links}
    rows = list(csv.DictReader(files["csv"].open(encoding="utf-8")))
    records = json.loads(files["json"].read_text(encoding="utf-8"))["claims"]
    assessed = book.assessments
    assert [r["claim_id"] for r in rows] == [r["claim_id"] for r in records] == list(assessed)
    for row, record in zip(rows, records):
        a = assessed[row["claim_id"]]
        assert row["verdict"] == record["verdict"] == a.verdict.value
        assert row["rule"] == record["rule"] == a.rule and row["how"] in ("computed", "judged")
        assert row["source_ids"].split(";") == record["source_ids"] == list(a.sources) or not a.sources


def test_every_number_in_a_chapter_is_a_link_to_its_record_and_the_record_lists_it(book):
    import json

    recorded = book.numbers
    appendix = (HTML / "book" / "numbers.html").read_text(encoding="utf-8")
    front = (HTML / "book" / "intro.html").read_text(encoding="utf-8")
    for n in recorded:
        page = (HTML / "book" / f"{n.chapter}.html").read_text(encoding="utf-8") + front
        link = re.escape(f'href="numbers.html#{n.label}"') + r'><span class="std std-ref"><span class="pasted-text">'
        shown = re.findall(link + r"(.*?)</span>", page)
        assert shown and all(html.unescape(s) == n.text for s in shown), n.key
        assert f'id="{n.label}"' in appendix, n.key
    links = re.findall(r'href="(\.\./_static/data/numbers\.(?:csv|json))"', appendix)
    assert len(links) == 2
    listed = json.loads((HTML / "book" / links[1]).resolve().read_text(encoding="utf-8"))["numbers"]
    assert [r["key"] for r in listed] == [n.key for n in recorded]
    assert all(r["inputs"] for r in listed)


def test_each_claims_verdict_is_said_once_in_its_heading_and_once_in_its_box(book):
    """A claim's verdict is in its section's heading and in the title of its box, and nowhere else on its page (no
    badge under the quote); the rulebook note and the judging dates are said once, in the chapter's "how to read"
    section, not in every box. Each quote ends with the article's citation, a link to its bibliography entry."""
    assessed, claims = book.assessments, book.tables.claims
    box = re.compile(r'<div class="verdict [^"]*">\s*<p class="admonition-title">Verdict: ([^<]*)</p>(.*?)<strong>Claim: '
                     r'(.*?)\.</strong>', re.DOTALL)
    seen = []
    for chapter in claims["chapter"].unique():
        page = (HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        assert "sd-badge" not in page, chapter
        assert "the rulebook says" not in page and "Judged on the sources found" not in page, chapter
        assert len(re.findall(r'<section id="how-to-read-this-chapter">', page)) == 1, chapter
        how = text_of(page.split('<section id="how-to-read-this-chapter">')[1].split("</section>")[0])
        assert "rulebook" in how and "judged from the sources found by" in how, chapter
        by_label = {html.unescape(label): claim_id for claim_id, label in claims.loc[claims["chapter"] == chapter, "label"].items()}
        for verdict, _, label in box.findall(page):
            claim_id = by_label[html.unescape(re.sub(r"<[^>]+>", "", label)).replace("’", "'")]
            assert verdict == assessed[claim_id].verdict.value, claim_id
            section = page.split(f'<span id="{claims.loc[claim_id, "anchor"]}"></span>')[1].split("</h")[0]
            heading = re.search(r'<span class="rk35-heading-verdict"> · ([^<]*)</span>', section)
            assert heading and heading.group(1) == verdict, claim_id  # its own verdict, not its subsections'
            seen.append(claim_id)
        quotes = re.findall(r"</h[2-4]>\s*<blockquote>(.*?)</blockquote>", page, flags=re.DOTALL)  # a claim's quote
        assert quotes and all(q.rstrip().endswith("Gubin 2025</span></a></p>\n</div>") for q in quotes), chapter
    assert sorted(seen) == sorted(claims.index)


def test_the_pdf_contents_lists_the_parts_and_letters_the_appendices():
    from rk35.sphinx_latex import APPENDICES, part_starts

    contents = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "8", str(PDF), "-"], check=True,
                              capture_output=True, text=True).stdout
    for caption in part_starts(ROOT / "_toc.yml").values():
        assert caption in contents, caption
    assert APPENDICES in contents
    assert contents.count("THE ARTICLE'S OPENING") == 0 and "CONTENTS" in contents  # not named after a part
    assert re.search(r"^A\s+Claims register", contents, re.MULTILINE) and re.search(r"^\f?B\s+Every number", contents, re.MULTILINE)


def test_the_print_edition_stays_inside_its_margins_and_keeps_pages_for_a_person():
    """No overfull line over 5 pt in the LaTeX log, no word past the text block's right edge, no 'Hover' (a screen
    instruction) in print; PNGs of the pages an editor looks at first are kept under _build/pdf-pages/."""
    log = (PDF.parent / "book.log").read_text(encoding="utf-8", errors="replace")
    overfull = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert all(w <= 5 for w in overfull), f"overfull boxes over 5 pt: {sorted(overfull)[-5:]}"
    bbox = subprocess.run(["pdftotext", "-bbox", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    pages = re.findall(r"<page [^>]*>(.*?)</page>", bbox, flags=re.DOTALL)
    right = [max(float(x) for x in re.findall(r'xMax="([\d.]+)"', page)) for page in pages if "xMax" in page]
    edge = max({round(r, 1) for r in right}, key=[round(r, 1) for r in right].count)  # the text block's edge
    beyond = [(i + 1, r) for i, r in enumerate(right) if r > edge + 1]
    assert not beyond, f"text past the right margin ({edge} pt) on pages {beyond[:5]}"
    text = subprocess.run(["pdftotext", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    assert "Hover" not in text and ",→" not in text
    chosen = {"title": 1}
    for i, page in enumerate(text.split("\f"), start=1):
        for name, marker in (("contents", "Where relations stand"), ("chart", "Figure 2.1"), ("map", "Figure 4.1"),
                             ("register", "Every checkable claim of the article"),
                             ("bibliography", "Every source is cited by a label"),
                             ("rulebook", "The rulebook: the rule each verdict names"),
                             ("opening-chapter", "WHERE RELATIONS STAND"), ("trade-chapter", "TRADE AND INVESTMENT")):
            if name not in chosen and marker in page:
                chosen[name] = i
    assert set(chosen) == {"title", "contents", "chart", "map", "register", "bibliography", "rulebook",
                           "opening-chapter", "trade-chapter"}, chosen
    out = ROOT / "_build" / "pdf-pages"
    out.mkdir(parents=True, exist_ok=True)
    for name, number in chosen.items():
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(number), "-l", str(number), str(PDF),
                        str(out / name)], check=True)
    if "rulebook" in chosen:  # the rulebook breaks across pages: its second page too
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(chosen["rulebook"] + 1), "-l",
                        str(chosen["rulebook"] + 1), str(PDF), str(out / "rulebook-continued")], check=True)
    assert len(list(out.glob("*.png"))) >= 10


def test_the_html_edition_links_to_the_print_edition():
    page = (HTML / "book" / "intro.html").read_text(encoding="utf-8")
    link = re.search(r'href="(\.\./_static/russia-korea-at-35\.pdf)"', page)
    assert link and (HTML / "book" / link.group(1)).resolve().read_bytes() == PDF.read_bytes()


def test_each_claims_heading_and_the_pages_contents_carry_its_verdict(book):
    """The heading a claim's anchor points at ends with the claim's verdict, and so does its entry in the page's
    contents (the sidebar) and in the PDF's table of contents."""
    assessed, claims = book.assessments, book.tables.claims
    contents = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "8", str(PDF), "-"], check=True,
                              capture_output=True, text=True).stdout
    for claim_id, row in claims.iterrows():
        page = (HTML / "book" / f"{row['chapter']}.html").read_text(encoding="utf-8")
        at = re.search(rf'<(?:span|section) id="{row["anchor"]}"', page)
        heading = re.compile(r"<h[23]>(.*?)</h[23]>", flags=re.DOTALL).search(page, at.start())
        verdict = assessed[claim_id].verdict.value
        assert heading and f"· {verdict}" in html.unescape(re.sub(r"<[^>]+>", "", heading.group(1)))
        toc = re.search(r'<nav id="pst-page-toc-nav".*?</nav>', page, flags=re.DOTALL).group(0)
        assert f"· {verdict}" in html.unescape(re.sub(r"<[^>]+>", "", toc)), claim_id
    assert contents.count("· ") >= 30


def test_the_running_heads_name_the_part(pdf_text):
    """Every page of a part carries the part's name in its running head (not only the contents and the part page)."""
    from rk35.sphinx_latex import part_starts

    for caption in part_starts(ROOT / "_toc.yml").values():
        # the contents, the part's own page, and the running head of every page after a chapter's first
        assert pdf_text.count(caption) >= 3, caption
    log = (ROOT / "_build" / "latex" / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "headheight is too small" not in log


def test_the_built_styles_follow_the_verdict_look():
    """The HTML's verdict stylesheet and the PDF's box colours are the ones rk35.verdicts.LOOK defines."""
    from rk35.verdicts import LOOK, title_tint_on_white

    css = (ROOT / "_build" / "html" / "_static" / "rk35-verdicts.css").read_text(encoding="utf-8")
    tex = (ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    page = (ROOT / "_build" / "html" / "book" / "trade.html").read_text(encoding="utf-8")
    assert "rk35-verdicts.css" in page
    for verdict, look in LOOK.items():
        assert f"div.admonition.{verdict.css_class} {{ border-color: {look.colour}; }}" in css
        assert f"div.{look.latex_box}_border-TeXcolor={{HTML}}{{{look.colour[1:]}}}" in tex
        assert f"div.{look.latex_box}_title-background-TeXcolor={{HTML}}{{{title_tint_on_white(look)}}}" in tex
