"""Every claim's verdict, from the one function that checks it.

The chapters glue these assessments, and the claims register lists them, so
the two cannot disagree.
"""

from __future__ import annotations

import rk35
from rk35 import checks, claims_context, claims_gas, claims_rails, claims_trade, judgements  # noqa: F401  (they register their checks)
from rk35 import data as D
from rk35.text import md, md_cell
from rk35.verdicts import Assessment


def computed(tables: D.Tables | None = None, only=None) -> dict[str, Assessment]:
    """The verdicts computed from the data, by claim_id: one registered check per claim (rk35.checks)."""
    return checks.run_all(tables, only)


def _merge(out: dict, part: dict) -> None:
    overlap = set(out) & set(part)
    if overlap:
        raise ValueError(f"claims assessed twice: {sorted(overlap)}")
    out.update(part)


def assess_all(tables: D.Tables | None = None, chapter: str | None = None) -> dict[str, Assessment]:
    """Every claim's assessment, by claim_id, in the order of claims.csv: computed or judged, never both, never neither.
    With `chapter`, only that chapter's claims: a chapter then reads only the tables its own checks read, so that a
    data edit re-executes only the chapters it concerns."""
    tables = D.Tables() if tables is None else tables
    claims = tables.claims
    if chapter is not None:
        claims = claims[claims["chapter"] == chapter]
    only = None if chapter is None else set(claims.index)
    out = computed(tables, only)
    _merge(out, judgements.assess(tables, only))
    missing = [c for c in claims.index if c not in out]
    if missing:
        raise ValueError(f"claims with no verdict (neither computed nor in data/judgements.csv): {missing}")
    return {c: out[c] for c in claims.index}


def glue_chapter(chapter: str) -> None:
    """Glue a chapter's verdict boxes (`verdict_<claim id>`, hyphens as underscores), the badge under each claim's
    quote (`badge_<claim id>`, or `badge_labelled_<claim id>` with the claim's short name where a quote holds
    several claims) and every number its prose shows: one call per chapter, one load of the tables."""
    from IPython.display import Markdown
    from myst_nb import glue

    from rk35.numbers import glue_numbers

    tables = D.Tables()
    assessed, claims = assess_all(tables, chapter), tables.claims
    for claim_id in assessed:
        glue(glue_key(claim_id), Markdown(assessed[claim_id].admonition(claims.loc[claim_id, "label"])), display=False)
        glue(badge_key(claim_id), Markdown(badge(assessed[claim_id])), display=False)
        glue(labelled_badge_key(claim_id), Markdown(f"{badge(assessed[claim_id])} ({md(claims.loc[claim_id, 'label'])})"),
             display=False)
    glue_numbers(chapter, tables)


#: The sphinx-design badge colour of each verdict (the closest to the verdict colours of the boxes and charts).
BADGES = {"holds": "success", "holds approximately": "info", "partly holds": "warning", "does not hold": "danger",
          "not verifiable with the sources found": "secondary", "context only": "dark"}


def badge(a: Assessment) -> str:
    """The verdict as a badge for under the claim's quote (MyST, sphinx-design)."""
    return f"{{bdg-{BADGES[a.verdict.value]}}}`{a.verdict.value}`"


def badge_key(claim_id: str) -> str:
    return "badge_" + claim_id.replace("-", "_")


def labelled_badge_key(claim_id: str) -> str:
    """The badge followed by the claim's short name, for under a quote that holds several claims."""
    return "badge_labelled_" + claim_id.replace("-", "_")


def glue_key(claim_id: str) -> str:
    return "verdict_" + claim_id.replace("-", "_")


#: Columns of the downloadable register (CSV and JSON), in order.
REGISTER_COLUMNS = ["claim_id", "article_section", "quote", "chapter", "verdict", "rating", "rule", "how", "stated",
                    "found", "reason", "reading", "source_ids", "as_of"]
BOOK = "Russia–Korea at 35: an executable analytical book"


def register_records(assessed: dict, claims) -> list[dict]:
    """One record per claim: the claim, its verdict and rating, the rule, stated and found values, sources."""
    records = []
    for claim_id, row in claims.iterrows():
        a = assessed[claim_id]
        records.append({
            "claim_id": claim_id, "article_section": row["article_section"], "quote": row["quote"],
            "chapter": row["chapter"], "verdict": a.verdict.value, "rating": a.verdict.rating, "rule": a.rule,
            "how": "computed" if claim_id in checks.CHECKS else "judged", "stated": a.stated, "found": a.found,
            "reason": a.reason, "reading": a.reading, "source_ids": list(a.sources), "as_of": a.as_of,
        })
    return records


def write_register(folder, assessed: dict | None = None) -> tuple:
    """Write the register as claims-register.csv and claims-register.json into folder; return the two paths."""
    from rk35.text import write_downloads

    claims = rk35.load_claims()
    records = register_records(assess_all() if assessed is None else assessed, claims)
    flat = [{**r, "source_ids": ";".join(r["source_ids"]), "rating": "" if r["rating"] is None else r["rating"]}
            for r in records]
    return write_downloads(folder, "claims-register", flat, REGISTER_COLUMNS, {"book": BOOK, "claims": records})


def claim_reviews(chapter: str, assessed: dict | None = None) -> list[dict]:
    """schema.org ClaimReview records for the checked claims (opinions excluded) of a chapter page."""
    from rk35.verdicts import Verdict

    claims = rk35.load_claims()
    record = D.load_article_record()
    assessed = assess_all() if assessed is None else assessed
    author = {"@type": "Person", "name": record.loc["author", "value"],
              "affiliation": {"@type": "Organization", "name": "Russian International Affairs Council"}}
    reviews = []
    for claim_id, row in claims[claims["chapter"] == chapter].iterrows():
        a = assessed[claim_id]
        if a.verdict is Verdict.CONTEXT_ONLY:
            continue
        rating = {"@type": "Rating", "alternateName": a.verdict.value}
        if a.verdict.rating is not None:
            rating.update(ratingValue=a.verdict.rating, bestRating=4, worstRating=1)
        reviews.append({
            "@context": "https://schema.org", "@type": "ClaimReview",
            "url": f"{chapter}.html#{row['anchor']}", "claimReviewed": row["quote"],
            "author": {"@type": "Organization", "name": BOOK},
            "reviewRating": rating,
            "itemReviewed": {"@type": "Claim", "author": author, "datePublished": "2025",
                             "appearance": {"@type": "CreativeWork", "author": author, "datePublished": "2025",
                                            "publisher": {"@type": "Organization",
                                                          "name": "Russian International Affairs Council"}}},
        })
    return reviews


PARTS = ["Opening", "Integration as a path to peace", "Pressure or engagement?", "Conclusion"]


def register_table(assessed: dict, claims) -> str:
    """The claims register as a compact MyST table: the claim, its verdict as a badge, what was found, and a link to
    the section that checks it (where the sources, the rule and the reason are; all of it is in the downloads)."""
    order = claims.assign(part=claims["article_section"].map(PARTS.index)).sort_values("part", kind="stable")
    rows = ["| Claim | Verdict | Found | Checked in |", "|:--|:--|:--|:--|"]
    for claim_id, row in order.iterrows():
        a = assessed[claim_id]
        rows.append(f"| “{md_cell(row['quote'])}” ({md_cell(row['article_section'])}) "
                    f"| {badge(a)} | {md_cell(a.found)} | {{ref}}`{row['anchor']}` |")
    return ":::{table} Every checkable claim of the article, its verdict and where it is checked\n:name: tbl-register\n" \
           ":widths: 44 16 24 16\n\n" + "\n".join(rows) + "\n:::\n"


def verdict_counts(assessed: dict):
    import pandas as pd

    from rk35.verdicts import Verdict

    counts = pd.Series([a.verdict.value for a in assessed.values()]).value_counts()
    return pd.DataFrame({"verdict": [v.value for v in Verdict], "claims": [int(counts.get(v.value, 0)) for v in Verdict]})


def verdict_chart(assessed: dict, width: int | None = None):
    import altair as alt

    from rk35.charts import PAGE, VERDICT_COLOURS, titled

    width = width or PAGE

    counts = verdict_counts(assessed)
    top = counts.sort_values("claims", ascending=False).iloc[0]
    chart = alt.Chart(counts).mark_bar().encode(
        y=alt.Y("verdict:N", sort=list(VERDICT_COLOURS), title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("claims:Q", title="Number of claims", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("verdict:N", sort=list(VERDICT_COLOURS), legend=None,
                        scale=alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values()))),
        tooltip=["verdict:N", "claims:Q"],
    ).properties(width=min(460, width - 240), height=alt.Step(26))
    return titled(chart, f"{int(top['claims'])} of {int(counts['claims'].sum())} claims: {top['verdict']}",
                  "The article's checkable claims by verdict (one scale for the whole book).",
                  "the book's verdicts, from its data package (claims register)", width)


def _number_word(n: int) -> str:
    return ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][n] if n < 10 else f"{n:,}"


def scorecard(assessed: dict, where: str = ""):
    """All six verdict counts in one sentence, the finding first (none contradicted, or how many); `where` says
    whose claims they are (" in this chapter")."""
    from rk35.fmt import Text
    from rk35.verdicts import Verdict

    count = {v: sum(a.verdict is v for a in assessed.values()) for v in Verdict}
    opinions = count[Verdict.CONTEXT_ONLY]
    checked = len(assessed) - opinions
    against = count[Verdict.DOES_NOT_HOLD]
    head = (f"Of the {checked} claim{'s' if checked != 1 else ''} checked{where}, "
            + ("none is contradicted by the sources" if against == 0 else
               f"{_number_word(against)} {'is' if against == 1 else 'are'} contradicted by the sources"))

    def verb(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    parts = [verb(count[Verdict.HOLDS], "holds", "hold"),
             verb(count[Verdict.HOLDS_APPROXIMATELY], "holds approximately", "hold approximately"),
             verb(count[Verdict.PARTLY_HOLDS], "partly holds", "partly hold")]
    if against:
        parts.append(verb(against, "does not hold", "do not hold"))
    parts.append(f"{count[Verdict.NOT_VERIFIABLE]} cannot be checked with the sources found")
    body = ", ".join(parts[:-1]) + " and " + parts[-1]
    if opinions:
        tail = (f"; {_number_word(opinions)} more {'is an opinion' if opinions == 1 else 'are opinions'}, "
                "shown for context and not checked.")
    else:
        tail = "."
    return Text(f"{head}: {body}{tail}")


def verdict_counts_as_inputs(assessed: dict, where: str) -> tuple:
    """The inputs of a scorecard: how many claims have each verdict (`where`: " in this chapter")."""
    from rk35.numbers import Input
    from rk35.verdicts import Verdict

    return tuple(Input((f"claims whose verdict is '{v.value}'" if v is not Verdict.CONTEXT_ONLY else "opinions") + where,
                       str(sum(a.verdict is v for a in assessed.values()))) for v in Verdict)


def chapter_scorecard(chapter: str, section: str, t):
    """The scorecard of one chapter's claims, as a number record (`scorecard_<chapter>`), for the top of the chapter;
    None for a chapter that checks no claim."""
    from rk35.numbers import Number

    mine = assess_all(t, chapter)
    if not mine:
        return None
    return Number(f"scorecard_{chapter}", str(scorecard(mine, " in this chapter")),
                  "This chapter's verdicts counted by verdict, in one sentence; the claims checked are all its claims "
                  "but the opinions.", verdict_counts_as_inputs(mine, " in this chapter"), chapter, section)


def numbers(t) -> list:
    """The register's number: the scorecard sentence of verdict counts (rk35.numbers)."""
    from rk35.numbers import Recorder

    n = Recorder("register", "appendix-register")
    assessed = assess_all(t)
    n.add("scorecard", scorecard(assessed), "The register's verdicts counted by verdict, in one sentence; the claims "
          "checked are all claims but the opinions.", *verdict_counts_as_inputs(assessed, " in the claims register"))
    return n.numbers
