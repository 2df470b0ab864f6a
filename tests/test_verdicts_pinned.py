"""Every claim's verdict, pinned: a change of data, rule or code that moves a verdict fails here, and the fix is one
readable line of this table (claim id -> verdict), reviewed like any other change of the book's findings."""

import pytest

import rk35
from rk35.claims import assess_all
from rk35.verdicts import Verdict

PINNED = {
    "trade-2022-total": Verdict.HOLDS_APPROXIMATELY,
    "trade-2024-total": Verdict.NOT_VERIFIABLE,
    "trade-2017-2022-growth": Verdict.PARTLY_HOLDS,
    "trade-after-2014": Verdict.PARTLY_HOLDS,
    "fdi-total": Verdict.NOT_VERIFIABLE,
    "fdi-share": Verdict.HOLDS,
    "lng-kogas-1-5": Verdict.HOLDS,
    "lng-kogas-2018-interest": Verdict.HOLDS,
    "lng-2024-volume": Verdict.HOLDS,
    "lng-2024-rank": Verdict.HOLDS_APPROXIMATELY,
    "pipeline-cost": Verdict.HOLDS,
    "pipeline-busan": Verdict.NOT_VERIFIABLE,
    "pipeline-sanctions": Verdict.HOLDS,
    "nine-bridges-eef": Verdict.HOLDS,
    "nine-bridges-areas": Verdict.PARTLY_HOLDS,
    "npp-committee": Verdict.HOLDS,
    "rajin-khasan-pilot": Verdict.HOLDS,
    "tumen-bridge": Verdict.HOLDS,
    "zarubino-test-2018": Verdict.PARTLY_HOLDS,
    "shipbuilding-dsme": Verdict.HOLDS_APPROXIMATELY,
    "zvezda-hyundai": Verdict.PARTLY_HOLDS,
    "supergrid-novak": Verdict.PARTLY_HOLDS,
    "fish-cluster": Verdict.HOLDS_APPROXIMATELY,
    "nakhodka-plant": Verdict.PARTLY_HOLDS,
    "lotte-food": Verdict.NOT_VERIFIABLE,
    "lh-park": Verdict.HOLDS,
    "mikhaylovsky-food": Verdict.NOT_VERIFIABLE,
    "export-controls-1500": Verdict.HOLDS_APPROXIMATELY,
    "flights-three-years": Verdict.HOLDS,
    "zinoviev-friendliest": Verdict.HOLDS_APPROXIMATELY,
    "anniversary-35": Verdict.HOLDS,
    "yoon-erosion": Verdict.CONTEXT_ONLY,
    "double-freeze": Verdict.HOLDS_APPROXIMATELY,
    "hanoi-2019": Verdict.PARTLY_HOLDS,
    "rajin-khasan-sanctions": Verdict.HOLDS,
    "lee-transport": Verdict.NOT_VERIFIABLE,
    "seoul-pressure": Verdict.CONTEXT_ONLY,
    "apec-gyeongju": Verdict.HOLDS,
    "putin-invited": Verdict.HOLDS,
    "trump-tariffs": Verdict.NOT_VERIFIABLE,
    "ferry-resumed": Verdict.HOLDS_APPROXIMATELY,
    "lee-pragmatism": Verdict.CONTEXT_ONLY,
}


@pytest.fixture(scope="module")
def assessed():
    return assess_all()


def test_every_claim_is_pinned_and_every_pin_is_a_claim():
    assert set(PINNED) == set(rk35.load_claims().index)


@pytest.mark.parametrize("claim_id", sorted(PINNED))
def test_the_verdict_is_the_pinned_one(assessed, claim_id):
    a = assessed[claim_id]
    assert a.verdict is PINNED[claim_id], f"{claim_id}: {a.verdict.value}, pinned {PINNED[claim_id].value}"
    assert a.rule.strip() and a.reason.strip(), f"{claim_id}: a verdict needs its rule and its reason"
