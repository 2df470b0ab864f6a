"""The gas bridge: the chapter on LNG and the pipeline (the KOGAS contract, Russia's 2024 volume and rank, the
pipeline's cost)."""

from __future__ import annotations

from rk35.chapter import Chapter, Check, assess, citing, labels, record_scorecard
from rk35.data import Tables
from rk35.data.render import cited, labelled
from rk35.fmt import date, mt, mt_range, ordinal, pct, table, usd_bn
from rk35.records import Finding, Input, Recorder
from rk35.topics.lng import (
    IMPLIED_METHOD,
    implied_previous_year,
    implied_share,
    implied_total,
    measure,
    rank_robustness,
    russia_chart,
    russia_shares,
    supplier_chart,
)
from rk35.verdicts import floor_verdict, rank_verdict, value_verdict

NAME, TITLE, SECTION = "gas", "The gas bridge", "chapter-gas"


def numbers(t: Tables) -> Recorder:
    """The gas chapter's numbers: Russia's implied 2024 volume, share and rank, and KOGAS's shares."""
    n = Recorder("gas", "chapter-gas")
    implied, total = implied_previous_year(t.lng_imports), implied_total(t.lng_imports)
    robust = rank_robustness(implied, total["implied"])
    russia = implied.set_index("supplier").loc["Russia"]
    said = Input("Russia's 2025 volume and its stated change on 2024", f"{russia['volume']:g} Mt, {russia['yoy_pct']:+g}%",
                 (russia["source_id"],))
    said_total = Input("Korea's 2025 total and its stated change on 2024", f"{total['volume']:g} Mt, {total['yoy_pct']:+g}%",
                       (total["source_id"],))
    listed = Input("the implied 2024 volumes of the listed suppliers", ", ".join(
        f"{r['supplier']} {r['implied']:.3f}" for _, r in implied[implied["implied"].notna()].iterrows()),
        tuple(dict.fromkeys(implied["source_id"])))
    section = "claim-lng-2024-volume"
    n.add("lng_2024_russia_implied_mt", mt(robust["volume"]), "Russia's 2024 volume implied by its 2025 volume and "
          "stated change: volume / (1 + change / 100).", said, section=section)
    n.add("lng_2024_russia_implied_rank", ordinal(robust["rank"]), "Russia's place when the listed suppliers are ranked "
          "by their implied 2024 volumes.", said, listed, section="claim-lng-2024-rank")
    n.add("lng_2024_russia_implied_share", pct(implied_share(implied, total["implied"])), "Russia's implied 2024 volume over "
          "the implied 2024 total × 100.", said, said_total, section=section)
    n.add("lng_2024_total_implied_mt", mt(total["implied"]), "The 2024 total implied by the 2025 total and its stated "
          "change: total / (1 + change / 100).", said_total, section="claim-lng-2024-rank")
    n.add("lng_2024_unexplained_mt", mt(robust["unexplained"]), "The implied 2024 total minus the sum of the listed "
          "suppliers' implied 2024 volumes.", said_total, listed, section="claim-lng-2024-rank")
    n.add("lng_2024_missing_above_at_most", str(robust["missing_above_at_most"]), "How many suppliers larger than Russia "
          "the unexplained remainder could hold: remainder / Russia's implied volume, rounded down.", said_total, listed,
          section="claim-lng-2024-rank")
    n.add("lng_2024_worst_rank", ordinal(robust["worst_rank"]), "Russia's implied rank plus that many suppliers.",
          said, said_total, listed, section="claim-lng-2024-rank")
    n.add("lng_2024_suppliers_listed", str(int(implied["implied"].notna().sum())), "The 2025 suppliers with a stated change, "
          "counted.", listed, section="claim-lng-2024-rank")
    facts = t.lng_facts
    russia_2018, total_2018 = facts.loc["kogas-lng-imports-russia"], facts.loc["kogas-total-lng-imports-2018-energynews-67633"]
    stated_2022 = facts.loc["russia-share-kogas-annual-lng-imports"]
    n.add("kogas_2018_russia_share", pct(russia_2018["value_number"] / total_2018["value_number"] * 100),
          "KOGAS's imports from Russia over its total imports, 2018 × 100.",
          Input("KOGAS imports from Russia, 2018", f"{russia_2018['value_number']:g} Mt", (russia_2018["source_id"],)),
          Input("KOGAS total imports, 2018", f"{total_2018['value_number']:g} Mt", (total_2018["source_id"],)))
    n.add("kogas_2022_russia_share_stated", pct(stated_2022["value_number"], 0), "KOGAS's own statement, as given.",
          Input("Russia's share of KOGAS's imports, 2022 (KOGAS)", f"{stated_2022['value_number']:g}%",
                (stated_2022["source_id"],)))
    return n


#: The pipeline's cost estimates in US dollars; the last is an upper estimate ('up to').
PIPELINE_COSTS = ("pipeline-kogas-cost-estimate", "pipeline-cost-700-km-north-korea", "pipeline-construction-cost-700-km-pipelines",
                  "pipeline-project-estimate")
UPPER_ESTIMATE = "pipeline-construction-cost-700-km-pipelines"


def kogas_contract(ctx, claim) -> Finding:
    t = ctx.tables
    main = measure(t.lng_facts, "sakhalin-contract-annual-volume")
    stated = float(claim["stated_value"])
    values = sorted(set(main["value_number"].astype(float)))
    # sources that disagree on the volume leave no one sourced value to compare
    verdict = value_verdict(stated, values[0] if len(values) == 1 else None, int(claim["stated_value_decimals"]))
    contract = {part: measure(t.lng_facts, f"sakhalin-contract-{part}")
                for part in ("first-deliveries", "term", "end-year-reported-start-up", "volume-as-reported")}
    start, term = (contract[part]["value"].iloc[0] for part in ("first-deliveries", "term"))
    end, other = contract["end-year-reported-start-up"], contract["volume-as-reported"]
    why = (f"{len(main)} sources give the KOGAS–Sakhalin Energy contract volume as {mt(values[0], 1)} a year; "
           f"deliveries began in {date(start)} for {term} years, and a 2009 report put the end at "
           f"{end['value'].iloc[0]}. One source reports {mt(float(other['value_number'].iloc[0]), 1)} a year "
           "received; it is shown, not used. No source found gives a quantified 'well beyond' target.")
    return Finding(verdict, f"{mt(stated, 1)} a year already bought",
                   f"the Sakhalin-2 contract: {mt(values[0], 1)} a year, {term} years, deliveries from {date(start)}",
                   why, tuple(main["source_id"].iloc[:3]) + tuple(end["source_id"]) + tuple(other["source_id"]))


def _implied(imports):
    implied = implied_previous_year(imports)
    total = implied_total(imports)
    return implied, total, rank_robustness(implied, total["implied"])


def russia_2024_volume(ctx, claim) -> Finding:
    t = ctx.tables
    implied, _, robust = _implied(t.lng_imports)
    stated = float(claim["stated_value"])
    band = mt_range(robust["low"], robust["high"], 3)
    why = ("No source found states Russia's 2024 volume. KITA's 2025 volume for Russia and its stated change on "
           f"2024 imply {mt(robust['volume'])}, which rounds to the stated figure; the rounding of the printed "
           f"change keeps it within {band}.")
    return Finding(value_verdict(stated, robust["volume"], int(claim["stated_value_decimals"])), mt(stated, 1),
                   f"{mt(robust['volume'])} (implied; {band} given the rounding)", why, tuple(implied["source_id"]))


def russia_2024_rank(ctx, claim) -> Finding:
    t = ctx.tables
    _, total, robust = _implied(t.lng_imports)
    stated = int(claim["stated_value"])
    rank, worst = ordinal(robust["rank"]), ordinal(robust["worst_rank"])
    why = (f"Ranked by their implied 2024 volumes, the 2025 suppliers put Russia {rank}; no neighbour's rounding "
           f"range overlaps Russia's. But the listed suppliers account for {mt(robust['unexplained'])} less than the "
           f"implied 2024 total, so at most {robust['missing_above_at_most']} supplier absent from the 2025 list "
           f"could have shipped more than Russia in 2024 — which would make Russia {worst}.")
    return Finding(rank_verdict(stated, robust["rank"], robust["worst_rank"]), f"{ordinal(stated)} largest supplier",
                   f"{rank} on implied volumes; {worst} at worst", why, (total["source_id"],))


def pipeline_cost(ctx, claim) -> Finding:
    t = ctx.tables
    costs = measure(t.lng_facts, *PIPELINE_COSTS)
    listed = "; ".join(
        f"{usd_bn(float(r['value_number']), int(r['value_number_decimals']))}"
        f"{' (upper estimate)' if r['measure'] == UPPER_ESTIMATE else ''} ({r['year']})"
        for _, r in costs.drop_duplicates(["value_number", "year"]).iterrows())
    below = costs[costs["value_number"].astype(float) < float(claim["stated_value"])]
    under = "; ".join(f"{usd_bn(float(r['value_number']), int(r['value_number_decimals']))} ({r['year']}), with no stated "
                      "basis" for _, r in below.iterrows())
    why = (f"{len(costs)} sources give cost estimates: {listed}. KOGAS's 2011 estimate is exactly the stated "
           "figure; sources differ on whether it covers the whole route or the section through the DPRK"
           + (f". One estimate is below the stated floor: {under}." if under else "."))
    verdict = floor_verdict(float(claim["stated_value"]), [float(v) for v in costs["value_number"]])
    return Finding(verdict, "no less than " + usd_bn(float(claim["stated_value"]), 1), listed, why,
                   tuple(costs["source_id"]))


#: The claims this chapter computes, with the rule each applies; its other claims are judged (data/judgements.csv).
CHECKS: dict[str, Check] = {
    "lng-kogas-1-5": ("value", kogas_contract),
    "lng-2024-volume": ("value", russia_2024_volume),
    "lng-2024-rank": ("rank", russia_2024_rank),
    "pipeline-cost": ("floor", pipeline_cost),
}

FACT_COLUMNS = {"subject": "Fact", "value": "Value", "unit": "Unit", "year": "Year", "source_id": "Source"}


def build(t: Tables) -> Chapter:
    """The gas chapter, computed once."""
    n = numbers(t)
    assessed = assess(t, NAME, CHECKS, n.numbers)
    record_scorecard(n, f"scorecard_{NAME}", assessed, " in this chapter", "This chapter's")
    imports, facts = t.lng_imports, t.lng_facts
    implied, total = implied_previous_year(imports), implied_total(imports)
    robust = rank_robustness(implied, total["implied"])
    shares = russia_shares(imports)
    # for the reader: dates written out, sources as labels linked to the bibliography
    shown = cited(facts, t.sources).assign(value=[date(v) if unit in ("date", "month") else v
                                                  for v, unit in zip(facts["value"], facts["unit"])])
    tables = {
        "implied_method": "> " + IMPLIED_METHOD,
        "tbl_sakhalin_contract": table(shown[shown["topic"] == "sakhalin_contract"], FACT_COLUMNS),
        "tbl_lng_implied": table(implied, {
            "supplier": "Supplier", "volume": "2025, Mt", "yoy_pct": "Stated change, %", "implied": "2024 implied, Mt",
            "low": "Low", "high": "High", "implied_rank": "2024 rank"},
            decimals={"volume": 3, "yoy_pct": 1, "implied": 3, "low": 3, "high": 3}),
        "tbl_russia_shares": table(shares.assign(share=shares["share_pct"].map(pct)),
                                   {"year": "Year", "share": "Share", "method": "Method"}),
        "tbl_pipeline": table(shown[shown["topic"] == "pipeline"], FACT_COLUMNS),
    }
    shown = labelled(imports, t.sources)
    figures = {"fig_lng_suppliers": (supplier_chart, (shown,)),
               "fig_lng_russia": (russia_chart, (shown, facts, robust["volume"],
                                                 implied_share(implied, total["implied"])))}
    tables |= citing(t.sources, "lng:ekn_20260128")
    return Chapter(NAME, TITLE, SECTION, assessed, n.numbers, tables, figures, labels(t, NAME))
