"""Verdicts of the claims on rails, ports, ships, wires and Far East investments.

Most are dated facts: the rule is RULE_FACT, the reason names what the sources
say and the dates come from the data. Where a claim is about a project's state
today, the verdict follows the project's recorded status.
"""

from __future__ import annotations

import pandas as pd

from rk35.fmt import date
from rk35.data import find_event
from rk35.verdicts import RULE_VALUE, Assessment, Verdict, fact

#: The article's eight areas, as the Korean list names them (the book's reading of each phrase).
ARTICLE_AREAS = {
    "shipbuilding": "shipbuilding",
    "port development": "ports",
    "the Northern Sea Route": "Arctic shipping route",
    "oil and gas": "gas",
    "railway modernization": "railways",
    "the electric power industry": "electricity",
    "agriculture": "agriculture",
    "fisheries": "fisheries",
}


def _figure(figures: pd.DataFrame, project_id: str, unit_starts: str) -> str:
    """A project's key figure as the source states it, e.g. '2,360' or '93.5'."""
    rows = figures[(figures["project_id"] == project_id) & figures["key_figure_unit"].fillna("").str.startswith(unit_starts)]
    if rows.empty:
        raise LookupError(f"no {project_id} figure in {unit_starts!r}")
    row = rows.iloc[0]
    return f"{float(row['key_figure']):,.{int(row['key_figure_decimals'])}f}"


def nine_bridges_areas(areas: pd.DataFrame, claim: pd.Series) -> Assessment:
    korean = areas[areas["source_id"] == "projects:S03"].sort_values("position")
    listed = list(korean["area"])
    named = set(ARTICLE_AREAS.values())
    missing = [a for a in listed if a not in named]
    variants = areas[(areas["source_id"] != "projects:S03") & ~areas["area"].isin(listed)]
    stated = int(claim["stated_value"])
    verdict = Verdict.HOLDS if not missing and len(listed) == stated else Verdict.PARTLY_HOLDS
    return Assessment(
        claim_id=claim.name, verdict=verdict, stated=f"{stated} areas named for nine bridges",
        found=f"{len(listed)} areas in the Korean list; missing from the article: {', '.join(missing) or 'none'}",
        rule=RULE_VALUE + " Here: every area of the Korean list must be among the article's.",
        reason=(f"Moon's list has {len(listed)} areas: {', '.join(listed)}. The article's eight match eight of them "
                f"(its 'oil and gas' is 'gas' in the Korean list) and leave out {', '.join(missing)}. Other sources "
                f"name the ninth differently: {'; '.join(variants['area'])}. The article's wording follows the "
                "Russian rendering word for word."),
        sources=("projects:S03",) + tuple(variants["source_id"]),
    )


def assess_all(projects, events, areas, claims, figures) -> dict[str, Assessment]:
    c = claims.loc
    p = projects.loc

    def fig(project_id, unit_starts):
        return _figure(figures, project_id, unit_starts)

    bridge_start = find_event(events, "Groundbreaking of Tumen River road bridge")
    bridge_deal = find_event(events, "Tumen River road bridge signed")
    nakhodka_epc = find_event(events, "Nakhodka fertilizer plant contract")
    lh_signed = find_event(events, "implementation agreement for KICP")
    lh_stalled = find_event(events, "industrial complex still not started")
    novak = find_event(events, "Novak at EEF")
    monomakh = find_event(events, "Vladimir Monomakh handed over")
    lotte = find_event(events, "Lotte signs deal")
    keynote = find_event(events, "keynote")
    decree = find_event(events, "decree setting up the Presidential Committee")
    committee = find_event(events, "Committee on Northern Economic Cooperation officially launched")
    first_coal = find_event(events, "arrives at Pohang")
    zarubino_call = find_event(events, "test call at Zarubino")
    out = {
        "nine-bridges-eef": fact(
            c["nine-bridges-eef"], Verdict.HOLDS, "Nine Bridges unveiled in the 2017 EEF plenary keynote",
            f"keynote of {date(keynote['date'])}",
            f"Moon proposed the nine bridges in his keynote at the plenary of the 3rd Eastern Economic Forum on "
            f"{date(keynote['date'])}; the summit with Putin had been the day before.",
            ("projects:S01", "projects:S03", keynote["source_id"])),
        "nine-bridges-areas": nine_bridges_areas(areas, c["nine-bridges-areas"]),
        "npp-committee": fact(
            c["npp-committee"], Verdict.HOLDS, "a presidential committee on northern economic cooperation",
            f"launched {date(committee['date'])}",
            f"The decree creating the Presidential Committee on Northern Economic Cooperation was approved on "
            f"{date(decree['date'])}; the committee was formally launched and first met on {date(committee['date'])}.",
            (decree["source_id"], committee["source_id"])),
        "rajin-khasan-pilot": fact(
            c["rajin-khasan-pilot"], Verdict.HOLDS, "Rajin–Khasan as the pilot route",
            p["rajin_khasan_pilot", "status_as_stated"],
            f"The {fig('rajin_khasan_rail', 'km')}-km Khasan–Rajin line was rebuilt by 2013, and Korean companies (POSCO, Korail, Hyundai Merchant "
            f"Marine) ran {fig('rajin_khasan_pilot', 'trial shipments')} trial coal shipments through Rajin to Korea, the first arriving in Pohang on "
            f"{date(first_coal['date'])}. Seoul suspended its participation in March 2016.",
            ("projects:S13", "projects:S16", "projects:S17", "projects:S18")),
        "tumen-bridge": fact(
            c["tumen-bridge"], Verdict.HOLDS if p["tumen_road_bridge", "status"] == "under construction" else Verdict.DOES_NOT_HOLD,
            "a Russia–DPRK road bridge over the Tumen under construction", p["tumen_road_bridge", "status_basis"],
            f"Construction of the road bridge began on {date(bridge_start['date'])} under an agreement of "
            f"{date(bridge_deal['date'])}; sources give its length as {fig('tumen_road_bridge', 'km bridge')} km "
            f"({fig('tumen_road_bridge', 'm bridge')} m in another report) and its completion as 2026.",
            (bridge_start["source_id"], bridge_deal["source_id"])),
        "zarubino-test-2018": fact(
            c["zarubino-test-2018"], Verdict.PARTLY_HOLDS, "a 2018 Sakaiminato–Zarubino–Changchun test",
            "a 2018 ferry test call at Zarubino; a 2017 test from Changchun",
            f"In April 2018 the DBS ferry (Donghae–Vladivostok, a line that also serves Sakaiminato) made a test call at "
            f"Zarubino ({date(zarubino_call['date'])}), and a Tottori official said cargo went on from Zarubino to China, "
            "without naming Changchun. A separate test that did start in Changchun ran in April 2017, to Korea. The "
            "article appears to merge the two.",
            ("projects:S29", "projects:S30", "projects:S26")),
        "shipbuilding-dsme": fact(
            c["shipbuilding-dsme"], Verdict.HOLDS_APPROXIMATELY, "DSME built carriers for Yamal LNG and Arctic LNG 2; work stopped in 2022",
            "15 Yamal carriers delivered by 2020; Arctic LNG 2 orders cancelled or frozen in 2022",
            f"DSME built all {fig('yamal_arc7_dsme', 'vessels')} Arc7 carriers for Yamal LNG (delivered by 2019–2020, before "
            f"2022). For Arctic LNG 2 it took {fig('arctic_lng2_dsme', 'vessels')} orders in 2020; the Sovcomflot ones were "
            "cancelled in 2022 and the MOL ones delayed. "
            "Samsung Heavy, not DSME, supplied hulls for the Zvezda-built carriers; that work was frozen in February "
            "2022. 'Stopped in 2022' fits Arctic LNG 2, not Yamal, whose work had ended.",
            ("projects:S32", "projects:S36", "projects:S37", "projects:S39", "projects:S40")),
        "zvezda-hyundai": fact(
            c["zvezda-hyundai"], Verdict.PARTLY_HOLDS, "Zvezda Aframax tankers with Hyundai Samho components",
            "a Zvezda–Hyundai design and technical-support venture; no components",
            f"Zvezda built Aframax tankers (the lead ship was handed over in {date(monomakh['date'])}) with a Zvezda–Hyundai joint "
            "venture providing design and technical support, and Hyundai Heavy agreed joint-venture principles in "
            "2016. No source found mentions Hyundai Samho components.",
            ("projects:S41", "projects:S42", "projects:S43", "projects:S44" if "projects:S44" in projects["source_id"].values else "projects:S84")),
        "supergrid-novak": fact(
            c["supergrid-novak"], Verdict.PARTLY_HOLDS, "Novak at EEF 2018: Russia ready to join the super grid",
            "Novak at EEF 2018: Russia considering power supplies to the DPRK, Japan and the ROK",
            f"At the Eastern Economic Forum on {date(novak['date'])} Novak said Russia was considering electricity supplies "
            "to North Korea, Japan and South Korea. The full quote was not found, so 'ready to join' and 'a priority' "
            "cannot be checked.",
            ("projects:S47", novak["source_id"])),
        "fish-cluster": fact(
            c["fish-cluster"], Verdict.HOLDS_APPROXIMATELY, "plans for a Korean fish cluster in Vladivostok",
            "an MOU of 2017 for Cape Nazimov, Vladivostok; moved to Olginsky district in January 2018",
            "Korean companies signed a memorandum at the 2017 Eastern Economic Forum for a fish-processing and logistics "
            f"cluster at Cape Nazimov in Vladivostok ({fig('vladivostok_fish_cluster', 't per year')} t a year, "
            f"{fig('vladivostok_fish_cluster', 'jobs')} jobs). In January 2018 the regional "
            "government placed it in Olginsky district instead; its later status was not found.",
            ("projects:S55", "projects:S56", "projects:S57", "projects:S83")),
        "nakhodka-plant": fact(
            c["nakhodka-plant"], Verdict.PARTLY_HOLDS, "Hyundai's fertiliser plant near Nakhodka, by 2022",
            p["nakhodka_fertilizer", "status_basis"],
            "Hyundai Engineering, Hyundai E&C and Toyo signed the engineering, procurement and construction contract "
            f"for the Nakhodka fertiliser and methanol plant on {date(nakhodka_epc['date'])}. No source found gives 2022 as the "
            "target; by 2023 the first phase's contractor was China Chengda and the launch had moved to 2025–2026.",
            ("projects:S58", "projects:S59", "projects:S60")),
        "lotte-food": fact(
            c["lotte-food"], Verdict.NOT_VERIFIABLE, "Lotte's interest in organic food production in the Far East",
            "a Lotte farm in Primorye (2017), no food production",
            "No source found mentions Lotte making food products in the Russian Far East. Lotte did buy a farm in "
            f"Primorye (farmland rights on {fig('lotte_primorye_farm', 'million m2')} million m², soy and corn) and the "
            f"Hyundai Hotel Vladivostok from Hyundai Heavy Industries in {date(lotte['date'])}.",
            ("projects:S65", "projects:S66")),
        "lh-park": fact(
            c["lh-park"], Verdict.HOLDS, "LH's industrial park in Nadezhdinskaya", p["lh_kicp", "status_basis"],
            f"LH signed the implementation agreement for a Korea–Russia industrial complex of {fig('lh_kicp', 'm2')} m² "
            f"in the Nadezhdinskaya territory on {date(lh_signed['date'])}; it had not started by {date(lh_stalled['date'])}.",
            ("projects:S61", lh_signed["source_id"], lh_stalled["source_id"])),
        "mikhaylovsky-food": fact(
            c["mikhaylovsky-food"],
            Verdict.HOLDS if p["mikhaylovsky_agri", "status"] == "operating" else Verdict.NOT_VERIFIABLE,
            "Korean food production in Mikhaylovsky, still operating", p["mikhaylovsky_agri", "status_basis"],
            "The only source found on Korean activity in the Mikhaylovsky territory is an undated report of a proposed "
            f"inter-Korean agricultural project ({fig('mikhaylovsky_agri', 'ha')} ha). No source found shows food "
            "production launched there, or operating today.",
            ("projects:S67",)),
    }
    return out
