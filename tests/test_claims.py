"""The claims: each has exactly one verdict, cites real sources, and is checked where the data say."""

import json
import re

import pytest

import rk35.text
from rk35.chapter import scorecard
from rk35.render import verdict_box
from rk35.verdicts import Assessment, Verdict
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def assessed(book):
    return book.assessments


@pytest.fixture(scope="module")
def claims(book):
    return book.tables.claims


def test_every_claim_has_a_verdict(assessed, claims):
    assert set(assessed) == set(claims.index), set(claims.index) ^ set(assessed)
    assert all(isinstance(a.verdict, Verdict) for a in assessed.values())


def test_every_claim_has_its_anchor_in_its_chapter(assessed, claims):
    for claim_id, row in claims.iterrows():
        notebook = json.loads((ROOT / "book" / f"{row['chapter']}.ipynb").read_text())
        markdown = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
        assert f"({row['anchor']})=" in markdown, f"{claim_id}: no anchor {row['anchor']} in {row['chapter']}.ipynb"


def test_every_verdict_cites_sources_that_exist(assessed, claims, book):
    for claim_id, a in assessed.items():
        if a.verdict not in (Verdict.CONTEXT_ONLY, Verdict.NOT_VERIFIABLE):
            assert a.sources, claim_id
        label = claims.loc[claim_id, "label"]
        text = verdict_box(a, label, book.tables.sources)  # raises DataError on an unknown source id
        shown = re.sub(r"\]\(#[a-z0-9-]+\)", "]", text)  # an internal link's target is not shown
        assert f"**Claim: {rk35.text.md(label)}.**" in text and claim_id not in shown


def test_opinions_are_context_only_and_only_opinions_are(assessed, claims):
    for claim_id, a in assessed.items():
        assert (a.verdict is Verdict.CONTEXT_ONLY) == (claims.loc[claim_id, "kind"] == "opinion"), claim_id


def test_numeric_claims_state_a_value(claims):
    numeric = claims[claims["kind"] == "numeric"]
    assert numeric["stated_value"].notna().all() or set(numeric[numeric["stated_value"].isna()].index) == {
        "trade-2017-2022-growth"}


def test_quotes_are_in_the_claims_table_only_briefly(claims):
    assert claims["quote"].str.len().max() <= 240


def test_the_scorecard_states_all_six_counts(assessed):
    text = scorecard(assessed)
    counts = {v: sum(a.verdict is v for a in assessed.values()) for v in Verdict}
    checked = len(assessed) - counts[Verdict.CONTEXT_ONLY]
    assert text.startswith(f"Of the {checked} claims checked, ")
    assert ("none is contradicted" in text) == (counts[Verdict.DOES_NOT_HOLD] == 0)
    for verdict, phrase in ((Verdict.HOLDS, "hold,"), (Verdict.HOLDS_APPROXIMATELY, "hold approximately"),
                            (Verdict.PARTLY_HOLDS, "partly hold"),
                            (Verdict.NOT_VERIFIABLE, "cannot be checked with the sources found")):
        assert f"{counts[verdict]} {phrase}" in text
    assert "opinion" in text


def test_each_chapter_that_checks_claims_opens_with_its_own_scorecard(book, claims):
    scored = {c.name for c in book.chapters if c.numbers[0].key.startswith("scorecard_")}
    assert scored == set(claims["chapter"])
    for chapter in scored:
        first = book.chapter(chapter).numbers[0]
        assert first.key == f"scorecard_{chapter}"
        counted = sum(int(i.value) for i in first.inputs)
        assert counted == (claims["chapter"] == chapter).sum(), chapter
        notebook = json.loads((ROOT / "book" / f"{chapter}.ipynb").read_text())
        opening = "".join(next(c for c in notebook["cells"] if c["cell_type"] == "markdown")["source"])
        assert f"{{glue:text}}`scorecard_{chapter}`" in opening, chapter


def test_a_scorecard_agrees_in_number_and_names_what_it_counts():
    def one(verdict):
        return Assessment("x", verdict, "s", "f", "value" if verdict is not Verdict.CONTEXT_ONLY else "opinion", "r",
                          ("trade:KITA_YONHAP_2023",) if verdict is not Verdict.CONTEXT_ONLY else ())

    text = str(scorecard({"a": one(Verdict.HOLDS), "b": one(Verdict.DOES_NOT_HOLD)}, " in this chapter"))
    assert text == ("Of the 2 claims checked in this chapter, one is contradicted by the sources: 1 holds, "
                    "0 hold approximately, 0 partly hold, 1 does not hold and 0 cannot be checked with the sources found.")
