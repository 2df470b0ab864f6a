"""Verdicts of the claims in the article's opening, "Pressure or engagement?" and conclusion."""

from __future__ import annotations


from rk35 import context as X
from rk35.fmt import date
from rk35.data import find_event, row_sources
from rk35.verdicts import RULE_VALUE, Assessment, Verdict, fact, value_verdict

RULE_DURATION = (
    "'For N years now' holds if the time elapsed, at every date the article could have been written, is at least "
    "N years and less than N + 1."
)
RULE_OPINION = "An opinion or a judgement of intent: shown for context, not checked."


def _opinion(claim) -> Assessment:
    return Assessment(claim.name, Verdict.CONTEXT_ONLY, "an opinion", "not checked", RULE_OPINION,
                      "The book checks figures and facts; it shows this sentence for context and does not argue with it.",
                      ())


def assess_all(controls, transport, events, unsc, record, claims) -> dict[str, Assessment]:
    c = claims.loc
    sworn, apec = X.article_window(events)
    window_start, window_end = X.to_date(sworn["date"]), X.to_date(apec["date"])

    # export controls: the total standing when the article was written
    latest = X.latest_total(controls, window_end)
    stated_items = float(c["export-controls-1500", "stated_value"])
    items_verdict = value_verdict(stated_items, float(latest["items_total"]), -2)  # "around 1,500": to the hundred
    first = X.restricted_items(controls).iloc[0]

    # flights: elapsed since the last suspension, at both ends of the article's window
    stop = X.flight_stop(transport)
    stop_day = X.to_date(stop["period"])
    shortest, longest = X.years_between(stop_day, window_start), X.years_between(stop_day, window_end)
    stated_years = int(c["flights-three-years", "stated_value"])
    flights_verdict = (Verdict.HOLDS if stated_years <= shortest and longest < stated_years + 1
                       else Verdict.HOLDS_APPROXIMATELY if abs(shortest - stated_years) < 1 else Verdict.DOES_NOT_HOLD)
    kbs = transport[transport["metric"] == "time_since_kor_direct_flights_suspended"].iloc[0]

    relations = find_event(events, "establish diplomatic relations")
    years = int(c["anniversary-35", "stated_year"]) - X.to_date(relations["date"]).year
    freeze = find_event(events, "double freeze")
    hanoi = find_event(events, "Hanoi")
    r2270 = find_event(events, "resolution 2270")
    r2397 = find_event(events, "resolution 2397")
    delegation = find_event(events, "Overchuk")
    summit = apec
    quote_origin, quote_when, took_office = record.loc["zinoviev_quote_origin"], record.loc["zinoviev_quote_published"], record.loc["zinoviev_took_office"]
    ferry_back = transport[transport["metric"] == "sokcho_vladivostok_ferry_passengers_month"].iloc[0]
    ferry_vehicles = transport[transport["metric"] == "sokcho_vladivostok_ferry_vehicles_month"].iloc[0]
    ferry_teu = transport[transport["metric"] == "sokcho_vladivostok_ferry_container_capacity"].iloc[0]
    ferry_stop = transport[transport["metric"] == "sokcho_vladivostok_ferry_suspended"].iloc[0]

    return {
        "export-controls-1500": Assessment(
            "export-controls-1500", items_verdict, f"around {stated_items:,.0f} product categories",
            f"{int(latest['items_total']):,} items (as of {date(latest['date'])})",
            RULE_VALUE + " 'Around 1,500' is read as stated to the hundred.",
            f"Korea's situational-permit list for Russia and Belarus grew from {int(first['items_total'])} items in "
            f"{date(first['date'])} to {int(latest['items_total']):,} as of {date(latest['date'])}, the last total found "
            f"before the article. That is within 5% of 'around {stated_items:,.0f}', but not {stated_items:,.0f} to the "
            "hundred. Strategic items, banned outright since 28 February 2022, are not counted in either figure.",
            (latest["source_id"], first["source_id"])),
        "flights-three-years": fact(
            c["flights-three-years"], flights_verdict, f"{stated_years} years without direct flights",
            f"{shortest:.1f} to {longest:.1f} years, depending on when the article was written",
            f"The last direct passenger service stopped in March 2022: Aeroflot suspended its international flights, "
            f"Korean Air halted Moscow and Vladivostok, and Air Busan cancelled its flights from {date(stop['period'])}. "
            f"The article was written after {date(sworn['date'])} (it calls Lee Jae-myung the current president) and "
            f"before {date(apec['date'])} (it calls the APEC summit upcoming): by then {shortest:.1f} to "
            f"{longest:.1f} years had passed. KBS put it at 'almost three and a half years' in October 2025.",
            (stop["source_id"], kbs["source_id"], sworn["source_id"], apec["source_id"]), rule=RULE_DURATION),
        "zinoviev-friendliest": fact(
            c["zinoviev-friendliest"], Verdict.HOLDS_APPROXIMATELY, "Zinoviev's words, as observed",
            "the headline of his Kommersant interview on taking up the post",
            f"The phrase is the headline of a written interview Zinoviev gave Kommersant as the newly appointed ambassador "
            f"(published on 'the 18th', probably of December 2023); he took over the embassy on "
            f"{date(took_office['value'])} and repeated it to the Korea Times that month. English renderings say "
            "'countries' or 'so-called unfavorable nations', not 'states'. It was said in 2023–2024, not in 2025.",
            (quote_origin["source_id"], quote_when["source_id"], took_office["source_id"], "timeline:S04")),
        "anniversary-35": fact(
            c["anniversary-35"], Verdict.HOLDS if years == int(c["anniversary-35", "stated_value"]) else Verdict.DOES_NOT_HOLD,
            "the 35th anniversary in 2025", f"relations established on {date(relations['date'])}: {years} years in 2025",
            f"The USSR and the Republic of Korea established diplomatic relations on {date(relations['date'])} (the "
            "agreement's printed date, 1 January 1991, was crossed out by hand); Russia counts its relations from then as "
            f"the USSR's successor, so 2025 marks {years} years.", row_sources(relations)),
        "yoon-erosion": _opinion(c["yoon-erosion"]),
        "double-freeze": fact(
            c["double-freeze"], Verdict.HOLDS_APPROXIMATELY, "a Russian–Chinese 'double freeze' roadmap",
            f"a joint statement of the two foreign ministries, {date(freeze['date'])}",
            f"Russia and China set out the 'double freeze' — a North Korean moratorium on tests with restraint on large "
            f"US–ROK drills, and parallel talks — in a joint statement of their foreign ministries on "
            f"{date(freeze['date'])}, circulated at the UN as S/2017/613. It was a public statement of the two "
            "ministries rather than a proposal put to the US administration.", row_sources(freeze)),
        "hanoi-2019": fact(
            c["hanoi-2019"], Verdict.PARTLY_HOLDS, "Trump's statement after the Hanoi meeting, February 2019",
            f"the Hanoi summit, from {date(hanoi['date'])}, ended without agreement",
            "The Trump–Kim summit in Hanoi (27–28 February 2019) took place and ended without an agreement, as the "
            "article says. What Trump said afterwards about North Korea's economic development is in no source found.",
            row_sources(hanoi)),
        "rajin-khasan-sanctions": fact(
            c["rajin-khasan-sanctions"], Verdict.HOLDS, "Rajin–Khasan not directly affected by UN sanctions",
            "exempted, by the account of Russia's envoys, in 2016 and 2017",
            f"When resolution 2270 was adopted ({date(r2270['date'])}), Russia's UN ambassador said it did not affect the "
            "Rajin–Khasan project and that Russian coal shipped to South Korea via Rajin needed only a notification; on "
            f"{date(r2397['date'])} Russia's deputy envoy said resolution 2397 did not apply to the Rajin project either. "
            "The resolutions' own texts were not retrieved; the sources are the envoys' statements as reported.",
            (r2270["source_id"], r2397["source_id"])),
        "lee-transport": fact(
            c["lee-transport"], Verdict.NOT_VERIFIABLE, "Lee has spoken positively only of transport and logistics",
            "no statement of Lee's on Russia found",
            "No source found reports what President Lee Jae-myung has said about cooperation with Russia. In October 2025 "
            "Russia's ambassador said relations remained 'on pause' despite the change of president.",
            row_sources(find_event(events, "on pause"))),
        "seoul-pressure": _opinion(c["seoul-pressure"]),
        "apec-gyeongju": fact(
            c["apec-gyeongju"], Verdict.HOLDS, "the Gyeongju APEC summit opening on 31 October",
            f"held {date(summit['date'])} – 1 November 2025",
            f"The APEC leaders' summit in Gyeongju opened on {date(summit['date'])} and closed on 1 November 2025.",
            row_sources(summit)),
        "putin-invited": fact(
            c["putin-invited"], Verdict.HOLDS, "an invitation extended to Putin",
            "invited on 15 August 2025; did not attend",
            "Seoul said in May 2025 it would invite Putin, and Life.ru reports that the invitation came on 15 August 2025. "
            "Putin did not go: a presidential order sent a delegation led by Deputy Prime Minister Alexei Overchuk.",
            ("timeline:S74", "timeline:S66") + row_sources(delegation)),
        "trump-tariffs": fact(
            c["trump-tariffs"], Verdict.NOT_VERIFIABLE, "new US tariffs on Korea", "no source in the data package",
            "The sources gathered for this book do not cover US tariffs on Korea, so the claim is left unchecked here.",
            ()),
        "ferry-resumed": fact(
            c["ferry-resumed"], Verdict.HOLDS_APPROXIMATELY, "ferry service resumed, mainly for freight",
            f"Sokcho–Vladivostok resumed in September 2025: {int(ferry_back['value'])} passengers and "
            f"{int(ferry_vehicles['value'])} vehicles that month",
            f"The Sokcho–Vladivostok ferry, suspended in {date(ferry_stop['period'])}, sailed again in September 2025, "
            f"carrying {int(ferry_back['value'])} passengers and {int(ferry_vehicles['value'])} vehicles in the month; the "
            f"ship takes {int(ferry_teu['value'])} TEU of containers. The sources do not weigh freight against "
            "passengers, so 'mainly for freight' is not shown.",
            (ferry_back["source_id"], ferry_vehicles["source_id"], ferry_teu["source_id"], ferry_stop["source_id"])),
        "lee-pragmatism": _opinion(c["lee-pragmatism"]),
    }
