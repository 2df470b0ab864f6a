"""Every claim's verdict, from the one function that checks it.

The chapters glue these assessments, and the claims register lists them, so
the two cannot disagree.
"""

from __future__ import annotations

import rk35
from rk35 import claims_context, claims_gas, claims_rails, claims_trade
from rk35 import data as D
from rk35.text import md_cell
from rk35.verdicts import Assessment


def assess_all() -> dict:
    """Every assessed claim, by claim_id (loads the data package)."""
    claims = rk35.load_claims()
    out: dict[str, Assessment] = {}
    parts = [
        claims_trade.assess_all(rk35.load_trade(), rk35.load_investment(), claims),
        claims_gas.assess_all(rk35.load_lng_imports(), rk35.load_lng_facts(), claims),
        claims_rails.assess_all(rk35.load_projects(), rk35.load_project_events(), D.load_nine_bridges_areas(), claims,
                                rk35.load_project_figures()),
        claims_context.assess_all(D.load_export_controls(), D.load_transport(), D.load_events(), D.load_unsc_resolutions(),
                                  D.load_article_record(), claims),
    ]
    for part in parts:
        overlap = set(out) & set(part)
        if overlap:
            raise ValueError(f"claims assessed twice: {sorted(overlap)}")
        out.update(part)
    return out


PARTS = ["Opening", "Integration as a path to peace", "Pressure or engagement?", "Conclusion"]


def register_table(assessed: dict, claims) -> str:
    """The claims register as a MyST table: every claim, its verdict, and a link to the section that checks it."""
    order = claims.assign(part=claims["article_section"].map(PARTS.index)).sort_values("part", kind="stable")
    rows = ["| Claim | Stated | Found | Verdict | Sources | Checked in |", "|---|---|---|---|---|---|"]
    for claim_id, row in order.iterrows():
        a = assessed[claim_id]
        sources = ", ".join(md_cell(s) for s in a.sources) or "—"
        rows.append(f"| “{md_cell(row['quote'])}” ({md_cell(claim_id)}, {md_cell(row['article_section'])}) | {md_cell(a.stated)} "
                    f"| {md_cell(a.found)} | **{md_cell(a.verdict.value)}** | {sources} | {{ref}}`{row['anchor']}` |")
    return ":::{table} Every checkable claim of the article, its verdict and where it is checked\n:name: tbl-register\n" \
           ":widths: 30 12 18 10 18 12\n\n" + "\n".join(rows) + "\n:::\n"


def verdict_counts(assessed: dict):
    import pandas as pd

    from rk35.verdicts import Verdict

    counts = pd.Series([a.verdict.value for a in assessed.values()]).value_counts()
    return pd.DataFrame({"verdict": [v.value for v in Verdict], "claims": [int(counts.get(v.value, 0)) for v in Verdict]})


def verdict_chart(assessed: dict):
    import altair as alt

    from rk35.charts import VERDICT_COLOURS, titled

    counts = verdict_counts(assessed)
    top = counts.sort_values("claims", ascending=False).iloc[0]
    chart = alt.Chart(counts).mark_bar().encode(
        y=alt.Y("verdict:N", sort=list(VERDICT_COLOURS), title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("claims:Q", title="Number of claims", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("verdict:N", sort=list(VERDICT_COLOURS), legend=None,
                        scale=alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values()))),
        tooltip=["verdict:N", "claims:Q"],
    ).properties(width=460, height=alt.Step(26))
    return titled(chart, f"{int(top['claims'])} of {int(counts['claims'].sum())} claims: {top['verdict']}",
                  "The article's checkable claims by verdict (one scale for the whole book).",
                  "the book's verdicts (rk35.claims), from the data package")


def _number_word(n: int) -> str:
    return ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][n] if n < 10 else f"{n:,}"


def scorecard(assessed: dict):
    """All six verdict counts in one sentence, the finding first (none contradicted, or how many)."""
    from rk35.fmt import Text
    from rk35.verdicts import Verdict

    count = {v: sum(a.verdict is v for a in assessed.values()) for v in Verdict}
    opinions = count[Verdict.CONTEXT_ONLY]
    checked = len(assessed) - opinions
    against = count[Verdict.DOES_NOT_HOLD]
    head = (f"Of the {checked} claims checked, "
            + ("none is contradicted by the sources" if against == 0 else
               f"{_number_word(against)} {'is' if against == 1 else 'are'} contradicted by the sources"))
    parts = [f"{count[Verdict.HOLDS]} hold", f"{count[Verdict.HOLDS_APPROXIMATELY]} hold approximately",
             f"{count[Verdict.PARTLY_HOLDS]} partly hold"]
    if against:
        parts.append(f"{against} do not hold")
    parts.append(f"{count[Verdict.NOT_VERIFIABLE]} cannot be checked with the sources found")
    body = ", ".join(parts[:-1]) + " and " + parts[-1]
    tail = (f"; {_number_word(opinions)} more {'is an opinion' if opinions == 1 else 'are opinions'}, "
            "shown for context and not checked.")
    return Text(f"{head}: {body}{tail}")
