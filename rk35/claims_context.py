"""Computed checks of the claims in the article's opening, "Pressure or engagement?" and conclusion.

Three are arithmetic: the export-control list (the value rule), the years without flights (the duration
rule) and the anniversary (the value rule). The other claims of these sections are judged: see
data/judgements.csv.
"""

from __future__ import annotations

from rk35 import context as X
from rk35.checks import Finding, check
from rk35.data import by_id, event, row_sources
from rk35.fmt import date
from rk35.verdicts import duration_verdict, value_verdict

#: 'Around 1,500' is read as stated to the hundred: the value rule's precision is 10^2.
AROUND_PRECISION = -2
#: The transport row KBS's own count of the years without flights is in.
KBS_COUNT = "time_since_kor_direct_flights_suspended"


@check("export-controls-1500", rule="value")
def export_controls(t, claim) -> Finding:
    _, apec = X.article_window(t.events)
    latest = X.latest_total(t.export_controls, X.to_date(apec["date"]))
    first = X.restricted_items(t.export_controls).iloc[0]
    stated, items = float(claim["stated_value"]), int(latest["items_total"])
    why = (f"Korea's situational-permit list for Russia and Belarus grew from {int(first['items_total'])} items in "
           f"{date(first['date'])} to {items:,} as of {date(latest['date'])}, the last total found before the article. "
           f"That is within 5% of 'around {stated:,.0f}', but not {stated:,.0f} to the hundred. Strategic items, banned "
           "outright since the end of February 2022, are not counted in either figure.")
    return Finding(value_verdict(stated, float(items), AROUND_PRECISION), f"around {stated:,.0f} product categories",
                   f"{items:,} items (as of {date(latest['date'])})", why, (latest["source_id"], first["source_id"]),
                   f"'Around {stated:,.0f}' is read as stated to the hundred.")


@check("flights-three-years", rule="duration")
def flights(t, claim) -> Finding:
    sworn, apec = X.article_window(t.events)
    stop = X.flight_stop(t.transport)
    stop_day = X.to_date(stop["period"])
    shortest = X.years_between(stop_day, X.to_date(sworn["date"]))
    longest = X.years_between(stop_day, X.to_date(apec["date"]))
    stated = int(claim["stated_value"])
    kbs = by_id(t.transport, "metric", KBS_COUNT)
    why = (f"The last direct passenger service stopped in March 2022: Aeroflot suspended its international flights, "
           f"Korean Air halted Moscow and Vladivostok, and Air Busan cancelled its flights from {date(stop['period'])}. "
           f"The article was written after {date(sworn['date'])} (it calls Lee Jae-myung the current president) and "
           f"before {date(apec['date'])} (it calls the APEC summit upcoming): by then {shortest:.1f} to "
           f"{longest:.1f} years had passed. KBS put it at 'almost three and a half years' in {date(kbs['period'])}.")
    return Finding(duration_verdict(stated, shortest, longest), f"{stated} years without direct flights",
                   f"{shortest:.1f} to {longest:.1f} years, depending on when the article was written", why,
                   (stop["source_id"], kbs["source_id"], sworn["source_id"], apec["source_id"]))


@check("anniversary-35", rule="value")
def anniversary(t, claim) -> Finding:
    relations = event(t.events, "relations-established")
    year = int(claim["stated_year"])
    years = year - X.to_date(relations["date"]).year
    why = (f"The USSR and the Republic of Korea established diplomatic relations on {date(relations['date'])} (the "
           "agreement's printed date, 1 January 1991, was crossed out by hand); Russia counts its relations from then "
           f"as the USSR's successor, so {year} marks {years} years.")
    return Finding(value_verdict(float(claim["stated_value"]), float(years), 0),
                   f"the {int(claim['stated_value'])}th anniversary in {year}",
                   f"relations established on {date(relations['date'])}: {years} years in {year}", why,
                   row_sources(relations))
