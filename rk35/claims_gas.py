"""Computed checks of the gas-bridge claims: the KOGAS contract volume, Russia's 2024 LNG volume and rank, the
pipeline's cost (see rk35.checks). The gas chapter's other claims are judged: data/judgements.csv."""

from __future__ import annotations

from rk35 import lng
from rk35.checks import Finding, check
from rk35.fmt import date, mt, mt_range, ordinal, usd_bn
from rk35.verdicts import floor_verdict, rank_verdict, value_verdict

#: The pipeline's cost estimates in US dollars; the last is an upper estimate ('up to').
PIPELINE_COSTS = ("pipeline-kogas-cost-estimate", "pipeline-cost-700-km-north-korea", "pipeline-construction-cost-700-km-pipelines")
UPPER_ESTIMATE = "pipeline-construction-cost-700-km-pipelines"


@check("lng-kogas-1-5", rule="value")
def kogas_contract(t, claim) -> Finding:
    main = lng.measure(t.lng_facts, "sakhalin-contract-annual-volume")
    stated = float(claim["stated_value"])
    values = sorted(set(main["value_number"].astype(float)))
    # sources that disagree on the volume leave no one sourced value to compare
    verdict = value_verdict(stated, values[0] if len(values) == 1 else None, int(claim["stated_value_decimals"]))
    start = lng.measure(t.lng_facts, "sakhalin-contract-first-deliveries")["value"].iloc[0]
    term = lng.measure(t.lng_facts, "sakhalin-contract-term")["value"].iloc[0]
    end = lng.measure(t.lng_facts, "sakhalin-contract-end-year-reported-start-up")
    other = lng.measure(t.lng_facts, "sakhalin-contract-volume-as-reported")
    why = (f"{len(main)} sources give the KOGAS–Sakhalin Energy contract volume as {mt(values[0], 1)} a year; "
           f"deliveries began in {date(start)} for {term} years, and a 2009 report put the end at "
           f"{end['value'].iloc[0]}. One source reports {mt(float(other['value_number'].iloc[0]), 1)} a year "
           "received; it is shown, not used. No source found gives a quantified 'well beyond' target.")
    return Finding(verdict, f"{mt(stated, 1)} a year already bought",
                   f"the Sakhalin-2 contract: {mt(values[0], 1)} a year, {term} years, deliveries from {date(start)}",
                   why, tuple(main["source_id"].iloc[:3]) + tuple(end["source_id"]) + tuple(other["source_id"]))


def _implied(imports):
    table = lng.implied_previous_year(imports)
    total = lng.implied_total(imports)
    return table, total, lng.rank_robustness(table, total["implied"])


@check("lng-2024-volume", rule="value")
def russia_2024_volume(t, claim) -> Finding:
    table, _, robust = _implied(t.lng_imports)
    stated = float(claim["stated_value"])
    band = mt_range(robust["low"], robust["high"], 3)
    why = ("No source found states Russia's 2024 volume. KITA's 2025 volume for Russia and its stated change on "
           f"2024 imply {mt(robust['volume'])}, which rounds to the stated figure; the rounding of the printed "
           f"change keeps it within {band}.")
    return Finding(value_verdict(stated, robust["volume"], int(claim["stated_value_decimals"])), mt(stated, 1),
                   f"{mt(robust['volume'])} (implied; {band} given the rounding)", why, tuple(table["source_id"]))


@check("lng-2024-rank", rule="rank")
def russia_2024_rank(t, claim) -> Finding:
    _, total, robust = _implied(t.lng_imports)
    stated = int(claim["stated_value"])
    rank, worst = ordinal(robust["rank"]), ordinal(robust["worst_rank"])
    why = (f"Ranked by their implied 2024 volumes, the 2025 suppliers put Russia {rank}; no neighbour's rounding "
           f"range overlaps Russia's. But the listed suppliers account for {mt(robust['unexplained'])} less than the "
           f"implied 2024 total, so at most {robust['missing_above_at_most']} supplier absent from the 2025 list "
           f"could have shipped more than Russia in 2024 — which would make Russia {worst}.")
    return Finding(rank_verdict(stated, robust["rank"], robust["worst_rank"]), f"{ordinal(stated)} largest supplier",
                   f"{rank} on implied volumes; {worst} at worst", why, (total["source_id"],))


@check("pipeline-cost", rule="floor")
def pipeline_cost(t, claim) -> Finding:
    costs = lng.measure(t.lng_facts, *PIPELINE_COSTS)
    listed = "; ".join(
        f"{usd_bn(float(r['value_number']), int(r['value_number_decimals']))}"
        f"{' (upper estimate)' if r['measure'] == UPPER_ESTIMATE else ''} ({r['year']})"
        for _, r in costs.drop_duplicates(["value_number", "year"]).iterrows())
    why = (f"{len(costs)} sources give cost estimates: {listed}. KOGAS's 2011 estimate is exactly the stated "
           "figure; sources differ on whether it covers the whole route or the section through the DPRK.")
    verdict = floor_verdict(float(claim["stated_value"]), [float(v) for v in costs["value_number"]])
    return Finding(verdict, "no less than " + usd_bn(float(claim["stated_value"]), 1), listed, why,
                   tuple(costs["source_id"]))
