"""Every claim's verdict, from the one function that checks it.

The chapters glue these assessments, and the claims register lists them, so
the two cannot disagree.
"""

from __future__ import annotations

import rk35
from rk35 import claims_gas, claims_rails, claims_trade
from rk35.data import load_nine_bridges_areas
from rk35.verdicts import Assessment


def assess_all() -> dict:
    """Every assessed claim, by claim_id (loads the data package)."""
    claims = rk35.load_claims()
    out: dict[str, Assessment] = {}
    parts = [
        claims_trade.assess_all(rk35.load_trade(), rk35.load_investment(), claims),
        claims_gas.assess_all(rk35.load_lng_imports(), rk35.load_lng_facts(), claims),
        claims_rails.assess_all(rk35.load_projects(), rk35.load_project_events(), load_nine_bridges_areas(), claims),
    ]
    for part in parts:
        overlap = set(out) & set(part)
        if overlap:
            raise ValueError(f"claims assessed twice: {sorted(overlap)}")
        out.update(part)
    return out
