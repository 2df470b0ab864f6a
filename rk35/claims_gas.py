"""Verdicts of the gas-bridge claims (KOGAS, Russian LNG, the pipeline via the DPRK)."""

from __future__ import annotations

import pandas as pd

from rk35 import lng
from rk35.fmt import date, mt, mt_range, ordinal, usd_bn
from rk35.verdicts import (
    RULE_FACT,
    RULE_FLOOR,
    RULE_RANK,
    RULE_VALUE,
    Assessment,
    Verdict,
    floor_verdict,
    rank_verdict,
    value_verdict,
)


def _fmt_number(value: float) -> str:
    return f"{value:g}"


def kogas_contract(facts: pd.DataFrame, claim: pd.Series) -> Assessment:
    volumes = lng.facts(facts, "KOGAS-Sakhalin Energy LNG contract: annual volume")
    main = volumes[~volumes["subject"].str.contains("as reported")]
    stated = float(claim["stated_value"])
    values = sorted(set(main["value_number"].astype(float)))
    verdict = value_verdict(stated, values[0], int(claim["stated_value_decimals"])) if len(values) == 1 else Verdict.PARTLY_HOLDS
    start = lng.facts(facts, "KOGAS-Sakhalin Energy LNG contract: first deliveries")["value"].iloc[0]
    term = lng.facts(facts, "KOGAS-Sakhalin Energy LNG contract: term")["value"].iloc[0]
    end = lng.facts(facts, "KOGAS-Sakhalin Energy LNG contract: end year")
    other = volumes[volumes["subject"].str.contains("as reported")]
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated=f"{mt(stated, 1)} a year already bought",
        found=f"the Sakhalin-2 contract: {mt(values[0], 1)} a year, {term} years, deliveries from {date(start)}",
        rule=RULE_VALUE,
        reason=(f"{len(main)} sources give the KOGAS–Sakhalin Energy contract volume as {mt(values[0], 1)} a year; "
                f"deliveries began in {date(start)} for {term} years, and a 2009 report put the end at "
                f"{end['value'].iloc[0]}. One source reports {mt(float(other['value_number'].iloc[0]), 1)} a year "
                "received; it is shown, not used. No source found gives a quantified 'well beyond' target."),
        sources=tuple(main["source_id"].iloc[:3]) + tuple(end["source_id"]) + tuple(other["source_id"]),
    )


def kogas_2018_interest(facts: pd.DataFrame, claim: pd.Series) -> Assessment:
    rows = facts.loc[["F048", "F049", "F050"]]
    return Assessment(
        claim_id=claim.name, verdict=Verdict.HOLDS, stated="KOGAS's 2018 interest in more Russian LNG",
        found="three 2018 statements and agreements", rule=RULE_FACT,
        reason=("In 2018 KOGAS said at the World Gas Conference (June) that it would consider expanding cooperation "
                "with Sakhalin-2 if economically viable; KOGAS and Novatek signed a memorandum on Arctic LNG 2 at the "
                "June summit; and Gazprom's and KOGAS's heads discussed a long-term increase in LNG imports in "
                "Vladivostok in September."),
        sources=tuple(rows["source_id"]),
    )


def _implied(imports: pd.DataFrame):
    table = lng.implied_previous_year(imports)
    total = lng.implied_total(imports)
    return table, total, lng.rank_robustness(table, total["implied"])


def russia_2024_volume(imports: pd.DataFrame, claim: pd.Series) -> Assessment:
    table, total, robust = _implied(imports)
    stated = float(claim["stated_value"])
    verdict = value_verdict(stated, robust["volume"], int(claim["stated_value_decimals"]))
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated=mt(stated, 1),
        found=f"{mt(robust['volume'])} (implied; {mt_range(robust['low'], robust['high'], 3)} given the rounding)",
        rule=RULE_VALUE,
        reason=("No source found states Russia's 2024 volume. KITA's 2025 volume for Russia and its stated change on "
                f"2024 imply {mt(robust['volume'])}, which rounds to the stated figure; the rounding of the printed "
                f"change keeps it within {mt_range(robust['low'], robust['high'], 3)}."),
        sources=tuple(dict.fromkeys(table["source_id"])),
    )


def russia_2024_rank(imports: pd.DataFrame, claim: pd.Series) -> Assessment:
    table, total, robust = _implied(imports)
    stated = int(claim["stated_value"])
    verdict = rank_verdict(stated, robust["rank"], robust["worst_rank"])
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated=f"{ordinal(stated)} largest supplier",
        found=f"{ordinal(robust['rank'])} on implied volumes; {ordinal(robust['worst_rank'])} at worst",
        rule=RULE_RANK,
        reason=(f"Ranked by their implied 2024 volumes, the 2025 suppliers put Russia {ordinal(robust['rank'])}; "
                f"no neighbour's rounding range overlaps Russia's. But the listed suppliers account for "
                f"{mt(robust['unexplained'])} less than the implied 2024 total, so at most "
                f"{robust['missing_above_at_most']} supplier absent from the 2025 list could have shipped more than "
                f"Russia in 2024 — which would make Russia {ordinal(robust['worst_rank'])}."),
        sources=(total["source_id"],),
    )


def pipeline_cost(facts: pd.DataFrame, claim: pd.Series) -> Assessment:
    costs = facts[facts["subject"].str.startswith("Russia-DPRK-ROK gas pipeline") & facts["unit"].eq("USD bn")]
    values = [float(v) for v in costs["value_number"]]
    verdict = floor_verdict(float(claim["stated_value"]), values)
    listed = "; ".join(
        f"{usd_bn(float(r['value_number']), int(r['value_number_decimals']))}{' (upper estimate)' if 'upper' in r['subject'] else ''} ({r['year']})"
        for _, r in costs.drop_duplicates(["value_number", "year"]).iterrows())
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated="no less than " + usd_bn(float(claim["stated_value"]), 1),
        found=listed, rule=RULE_FLOOR,
        reason=(f"{len(costs)} sources give cost estimates: {listed}. KOGAS's 2011 estimate is exactly the stated "
                "figure; sources differ on whether it covers the whole route or the section through the DPRK."),
        sources=tuple(costs["source_id"]),
    )


def pipeline_busan(facts: pd.DataFrame, claim: pd.Series) -> Assessment:
    goseong = facts.loc[["F062", "F063"]]
    length = facts[facts["subject"] == "Russia-DPRK-ROK gas pipeline: total length"]
    return Assessment(
        claim_id=claim.name, verdict=Verdict.NOT_VERIFIABLE, stated="a pipeline network to Busan",
        found="no source names Busan; a 2018 estimate ends at Goseong", rule=RULE_FACT,
        reason=(f"The sources give the pipeline's length ({_fmt_number(float(length['value_number'].iloc[0]))} km, "
                "700 km through the DPRK) and capacity, but none names Busan as its end. A 2018 contractor "
                f"estimate priced a line from the Tumen River to Goseong (Gangwon), "
                f"{_fmt_number(float(goseong.loc['F063', 'value_number']))} km."),
        sources=tuple(length["source_id"].iloc[:1]) + tuple(goseong["source_id"].drop_duplicates()),
    )


def pipeline_sanctions(claim: pd.Series) -> Assessment:
    return Assessment(
        claim_id=claim.name, verdict=Verdict.HOLDS, stated="UN sanctions on the DPRK stood in the way",
        found="talks resumed in 2018 conditional on sanctions relief", rule=RULE_FACT,
        reason=("When the talks resumed in June 2018, KOGAS's chief executive named North Korea's denuclearisation "
                "and the lifting of sanctions as preconditions for the pipeline."),
        sources=("projects:S52", "projects:S54"),
    )


def assess_all(imports: pd.DataFrame, facts: pd.DataFrame, claims: pd.DataFrame) -> dict[str, Assessment]:
    return {
        "lng-kogas-1-5": kogas_contract(facts, claims.loc["lng-kogas-1-5"]),
        "lng-kogas-2018-interest": kogas_2018_interest(facts, claims.loc["lng-kogas-2018-interest"]),
        "lng-2024-volume": russia_2024_volume(imports, claims.loc["lng-2024-volume"]),
        "lng-2024-rank": russia_2024_rank(imports, claims.loc["lng-2024-rank"]),
        "pipeline-cost": pipeline_cost(facts, claims.loc["pipeline-cost"]),
        "pipeline-busan": pipeline_busan(facts, claims.loc["pipeline-busan"]),
        "pipeline-sanctions": pipeline_sanctions(claims.loc["pipeline-sanctions"]),
    }
