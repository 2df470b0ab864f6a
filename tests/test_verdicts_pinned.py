"""Every claim's verdict, pinned: a change of data, rule or code that moves a verdict fails here, and the fix is one
readable line of this table (claim id -> verdict), reviewed like any other change of the book's findings."""

import re
from pathlib import Path

import nbformat
import pytest

from rk35 import text
from rk35.book import MODULES
from rk35.render import rulebook
from rk35.verdicts import RULES, Verdict

ROOT = Path(__file__).resolve().parent.parent

PINNED = {
    "trade-2022-total": Verdict.HOLDS_APPROXIMATELY,  # 21.15 rounds to 21; "goods and services" unsupported
    "eaeu-fta": Verdict.PARTLY_HOLDS,  # talks confirmed to 2020; 2022 not found
    "trade-2024-total": Verdict.NOT_VERIFIABLE,
    "trade-2017-2022-growth": Verdict.PARTLY_HOLDS,
    "trade-after-2014": Verdict.PARTLY_HOLDS,  # the fall is in the data; no source states the intent
    "fdi-total": Verdict.NOT_VERIFIABLE,
    "fdi-share": Verdict.HOLDS,
    "lng-kogas-1-5": Verdict.HOLDS,
    "lng-kogas-2018-interest": Verdict.HOLDS,
    "lng-2024-volume": Verdict.HOLDS,
    "lng-2024-rank": Verdict.HOLDS_APPROXIMATELY,
    "pipeline-cost": Verdict.PARTLY_HOLDS,  # corrected 2 December 2026: a 2011 estimate of US$2.2 billion
    "pipeline-busan": Verdict.NOT_VERIFIABLE,
    "pipeline-sanctions": Verdict.PARTLY_HOLDS,  # a stated cause, but one among several
    "nine-bridges-eef": Verdict.HOLDS,
    "nine-bridges-areas": Verdict.PARTLY_HOLDS,
    "npp-committee": Verdict.HOLDS,
    "rajin-khasan-pilot": Verdict.HOLDS,
    "tumen-bridge": Verdict.HOLDS,
    "zarubino-test-2018": Verdict.HOLDS,  # corrected 2 December 2026: the test's route is in Donghae's announcement
    "shipbuilding-dsme": Verdict.PARTLY_HOLDS,  # "stopped in 2022" is contradicted for Yamal
    "zvezda-hyundai": Verdict.HOLDS,  # corrected 2 December 2026: RBC names Hyundai Samho
    "supergrid-novak": Verdict.PARTLY_HOLDS,
    "fish-cluster": Verdict.HOLDS,  # corrected 2 December 2026: the plans as presented were for Vladivostok
    "nakhodka-plant": Verdict.HOLDS,  # corrected 2 December 2026: a 2016 report gives the 2022 target
    "lotte-food": Verdict.NOT_VERIFIABLE,
    "lh-park": Verdict.HOLDS,
    "mikhaylovsky-food": Verdict.NOT_VERIFIABLE,
    "export-controls-1500": Verdict.HOLDS_APPROXIMATELY,
    "flights-three-years": Verdict.HOLDS,
    "zinoviev-friendliest": Verdict.HOLDS_APPROXIMATELY,
    "anniversary-35": Verdict.HOLDS,
    "yoon-erosion": Verdict.CONTEXT_ONLY,
    "double-freeze": Verdict.HOLDS_APPROXIMATELY,
    "hanoi-2019": Verdict.HOLDS,  # corrected 2 December 2026: said again at his news conference after the talks
    "rajin-khasan-sanctions": Verdict.HOLDS,
    "lee-transport": Verdict.DOES_NOT_HOLD,  # corrected 2 December 2026: Lee spoke well of relations in general
    "seoul-pressure": Verdict.CONTEXT_ONLY,
    "apec-gyeongju": Verdict.HOLDS,
    "putin-invited": Verdict.HOLDS,
    "trump-tariffs": Verdict.HOLDS,
    "ferry-resumed": Verdict.HOLDS,  # corrected 2 December 2026: resumed in August for cargo only
    "lee-pragmatism": Verdict.CONTEXT_ONLY,
    "dprk-rejects-unification": Verdict.HOLDS,
}


@pytest.fixture(scope="module")
def assessed(book):
    return book.assessments


def test_every_claim_is_pinned_and_every_pin_is_a_claim(book):
    assert set(PINNED) == set(book.tables.claims.index)


@pytest.mark.parametrize("claim_id", sorted(PINNED))
def test_the_verdict_is_the_pinned_one(assessed, claim_id):
    a = assessed[claim_id]
    assert a.verdict is PINNED[claim_id], f"{claim_id}: {a.verdict.value}, pinned {PINNED[claim_id].value}"
    assert a.rule.strip() and a.reason.strip(), f"{claim_id}: a verdict needs its rule and its reason"


@pytest.mark.parametrize("claim_id", sorted(PINNED))
def test_the_rule_is_in_the_rulebook_and_can_give_the_verdict(assessed, claim_id):
    a = assessed[claim_id]
    assert a.rule in RULES, f"{claim_id}: rule {a.rule!r} is not in the rulebook"
    assert a.verdict in RULES[a.rule].verdicts, f"{claim_id}: the {a.rule} rule cannot give {a.verdict.value}"


def test_every_claim_is_computed_or_judged_never_both(assessed, book):
    computed = {c for c, a in assessed.items() if a.how == "computed"}
    judged = set(book.tables.judgements["claim_id"])
    assert computed == {claim_id for module in MODULES for claim_id in module.CHECKS}
    assert not computed & judged
    assert computed | judged == set(book.tables.claims.index) == set(assessed)



def test_every_rule_a_verdict_names_is_printed_in_the_methods_appendix(assessed):
    appendix = rulebook()
    for rule in {a.rule for a in assessed.values()}:
        assert f"| {text.md_cell(rule)} |" in appendix


def test_the_readme_lists_exactly_the_computed_and_the_judged_claims(assessed):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Claims and verdicts", 1)[1].split("\n## ", 1)[0]
    bullets = {b.split("*", 1)[0]: b for b in section.split("\n- *")[1:]}
    computed_line, judged_line = bullets["Computed"], bullets["Judged"].split("\n\n", 1)[0]
    assert set(re.findall(r"`([a-z0-9-]+)`", computed_line)) == {c for c, a in assessed.items() if a.how == "computed"}
    assert set(re.findall(r"`([a-z0-9-]+)`", judged_line)) == {c for c, a in assessed.items() if a.how == "judged"}


def test_no_verdict_is_typed_in_the_chapter_modules():
    """Computed checks call the rule functions of rk35.verdicts; a judged verdict is a row of judgements.csv."""
    for path in (ROOT / "rk35" / "chapters").glob("*.py"):
        assert "Verdict." not in path.read_text(encoding="utf-8"), path.name


def test_nothing_is_looked_up_by_a_phrase_of_prose_or_a_numbered_fact():
    code = [p.read_text(encoding="utf-8") for p in (ROOT / "rk35").rglob("*.py")]
    code += ["\n".join(c.source for c in nbformat.read(p, 4).cells if c.cell_type == "code")
             for p in (ROOT / "book").glob("*.ipynb")]
    for text_ in code:
        assert not re.search(r'\["(event|subject)"\]\.str\.(contains|startswith)', text_)
        assert not re.search(r'"F\d{3}"', text_)
        assert "find_event" not in text_
