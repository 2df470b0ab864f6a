"""LNG: Korea's imports by supplier, Russia's volume, share and rank, and the pipeline facts.

Russia's 2024 volume is not stated by any source found; it is implied here from
the 2025 volumes and their stated year-on-year changes, with the rounding of
those changes carried as a low-high range.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from rk35.charts import MIN_FONT, PAGE, PALETTE, REPORTER_COLOURS, titled
from rk35.fmt import ordinal

#: Half of the last stated digit of a year-on-year change printed to one decimal.
PCT_ROUNDING = 0.05

IMPLIED_METHOD = (
    "A 2025 volume V with a stated year-on-year change of p% implies a 2024 volume of V / (1 + p/100). "
    "The changes are printed to one decimal, so p could lie anywhere within ±0.05 of the printed value; "
    "the low and high columns carry that range."
)


def implied_previous_year(imports: pd.DataFrame, year: int = 2025, series: str = "KITA") -> pd.DataFrame:
    """Each supplier's previous-year volume implied by its volume and stated change, ranked."""
    rows = imports[(imports["year"] == year) & (imports["period"] == "full_year") & (imports["series"] == series)
                   & imports["volume_mt"].notna() & (imports["supplier"] != "TOTAL")]
    out = []
    for _, r in rows.iterrows():
        volume = float(r["volume_mt"])
        if pd.isna(r["volume_yoy_pct"]):
            # no stated change (e.g. first imports): no previous-year figure is implied
            out.append({"supplier": r["supplier"], "volume": volume, "yoy_pct": None,
                        "implied": None, "low": None, "high": None, "source_id": r["source_id"]})
            continue
        p = float(r["volume_yoy_pct"])
        out.append({
            "supplier": r["supplier"], "volume": volume, "yoy_pct": p,
            "implied": volume / (1 + p / 100),
            "low": volume / (1 + (p + PCT_ROUNDING) / 100),
            "high": volume / (1 + (p - PCT_ROUNDING) / 100),
            "source_id": r["source_id"],
        })
    table = pd.DataFrame(out)
    table["implied_rank"] = table["implied"].rank(ascending=False, method="min").astype("Int64")
    return table.sort_values(["implied", "volume"], ascending=False, na_position="last").reset_index(drop=True)


def implied_total(imports: pd.DataFrame, year: int = 2025, series: str = "KITA") -> dict:
    """The previous year's total implied from the stated total and its change."""
    row = imports[(imports["year"] == year) & (imports["period"] == "full_year") & (imports["series"] == series)
                  & (imports["supplier"] == "TOTAL") & imports["volume_yoy_pct"].notna()].iloc[0]
    volume, p = float(row["volume_mt"]), float(row["volume_yoy_pct"])
    return {"volume": volume, "yoy_pct": p, "implied": volume / (1 + p / 100), "source_id": row["source_id"]}


def rank_robustness(table: pd.DataFrame, total_implied: float, supplier: str = "Russia") -> dict:
    """How far a supplier's implied rank could move.

    Rounding: the rank is robust to rounding if no other supplier's range overlaps its range.
    Missing suppliers: a supplier absent from the year's list could have been larger in the previous
    year only out of the volume the listed suppliers leave unexplained (implied total minus the sum of
    the listed implied volumes); at most floor(unexplained / volume) such suppliers fit.
    """
    me = table.set_index("supplier").loc[supplier]
    others = table[(table["supplier"] != supplier) & table["implied"].notna()]
    overlapping = others[(others["low"] <= me["high"]) & (others["high"] >= me["low"])]
    unexplained = total_implied - float(table["implied"].sum())
    at_most_missing_above = int(unexplained // me["implied"]) if unexplained > 0 else 0
    return {
        "rank": int(me["implied_rank"]),
        "volume": float(me["implied"]),
        "low": float(me["low"]),
        "high": float(me["high"]),
        "rounding_overlaps": list(overlapping["supplier"]),
        "unexplained": unexplained,
        "missing_above_at_most": at_most_missing_above,
        "worst_rank": int(me["implied_rank"]) + at_most_missing_above,
    }


def russia_by_year(imports: pd.DataFrame) -> pd.DataFrame:
    """Every full-year figure for Russia (volume, value, stated rank or share), with its compiler."""
    rows = imports[(imports["supplier"] == "Russia") & (imports["period"] == "full_year")]
    return rows[["year", "volume_mt", "value_usd_bn", "stated_rank", "volume_share_pct", "value_share_pct",
                 "series", "source_id"]].sort_values(["year", "series"])


def national_totals(imports: pd.DataFrame, series: tuple[str, ...] = ("customs", "KITA", "KGU")) -> pd.DataFrame:
    """Full-year national totals, one per year and compiler (first stated), excluding suspect rows."""
    rows = imports[(imports["supplier"] == "TOTAL") & (imports["period"] == "full_year") & ~imports["caution"]
                   & imports["series"].isin(series) & imports["volume_mt"].notna()]
    return rows.drop_duplicates(["year", "series"])[["year", "series", "volume_mt", "source_id"]]


def russia_shares(imports: pd.DataFrame) -> pd.DataFrame:
    """Russia's share of Korea's LNG import volume per year, stated or computed, with the method."""
    totals = national_totals(imports)
    out = []
    stated = imports[(imports["supplier"] == "Russia") & (imports["period"] == "full_year")
                     & imports["volume_share_pct"].notna()]
    for _, r in stated.iterrows():
        out.append({"year": int(r["year"]), "share_pct": float(r["volume_share_pct"]), "method": "stated",
                    "numerator": None, "denominator": None, "sources": (r["source_id"],)})
    russia = imports[(imports["supplier"] == "Russia") & (imports["period"] == "full_year")
                     & imports["volume_mt"].notna() & imports["series"].isin(["customs", "KITA"])]
    for _, r in russia.iterrows():
        same = totals[(totals["year"] == r["year"]) & (totals["series"] == r["series"])]
        if same.empty:
            continue
        t = same.iloc[0]
        out.append({"year": int(r["year"]), "share_pct": r["volume_mt"] / t["volume_mt"] * 100,
                    "method": f"computed: {r['series']} volume / {t['series']} total",
                    "numerator": float(r["volume_mt"]), "denominator": float(t["volume_mt"]),
                    "sources": (r["source_id"], t["source_id"])})
    return pd.DataFrame(out).sort_values("year").reset_index(drop=True)


def measure(lng_facts: pd.DataFrame, *measures: str) -> pd.DataFrame:
    """The facts of the given measures (rows from different sources share a measure); an unknown one is an error."""
    unknown = set(measures) - set(lng_facts["measure"])
    if unknown:
        raise LookupError(f"no LNG fact of measure {sorted(unknown)}")
    return lng_facts[lng_facts["measure"].isin(measures)]


def implied_share(table: pd.DataFrame, total: float, supplier: str = "Russia") -> float:
    """A supplier's implied volume as a percentage of the implied total."""
    return float(table.set_index("supplier").loc[supplier, "implied"]) / total * 100


# --- charts -------------------------------------------------------------------

SUPPLIER_KINDS = ["stated", "implied from 2025 and stated change", "computed from stated share × total"]
#: A supplier that shipped less than this in a year (million tonnes) is summed into that year's "others" bar; Russia,
#: the chapter's subject, is always drawn on its own.
OTHERS_BELOW_MT = 0.5
#: How each panel's volumes were obtained, for its title.
PANEL_BASIS = {SUPPLIER_KINDS[0]: "stated", SUPPLIER_KINDS[1]: "implied from 2025", SUPPLIER_KINDS[2]: "from stated shares"}
#: The bar shades: Russia or not, stated or computed. Each legend swatch is the very fill and outline of its bars.
SHADES = {"Russia, stated": (REPORTER_COLOURS["Russian-reported"],) * 2, "Russia, computed": ("#F3BD97", REPORTER_COLOURS["Russian-reported"]),
          "other suppliers, stated": ("#8C8C8C", "#8C8C8C"), "other suppliers, computed": ("#D9D9D9", "#737373")}


def supplier_frame(imports: pd.DataFrame) -> pd.DataFrame:
    """Supplier volumes per year the sources cover, with how each was obtained."""
    rows = []
    full = imports[(imports["period"] == "full_year") & (imports["supplier"] != "TOTAL") & ~imports["caution"]]
    main = full[full["series"].isin(["customs", "KITA"])]
    for year in (2018, 2020, 2025):
        this = main[main["year"] == year].drop_duplicates("supplier")
        total_row = imports[(imports["year"] == year) & (imports["supplier"] == "TOTAL") & (imports["period"] == "full_year")
                            & (imports["series"] == "KITA")]
        for _, r in this.iterrows():
            if pd.notna(r["volume_mt"]):
                rows.append({"year": str(year), "supplier": r["supplier"], "volume": float(r["volume_mt"]),
                             "kind": SUPPLIER_KINDS[0], "source_id": r["source_id"]})
            elif pd.notna(r["volume_share_pct"]) and not total_row.empty:
                rows.append({"year": str(year), "supplier": r["supplier"],
                             "volume": float(r["volume_share_pct"]) / 100 * float(total_row["volume_mt"].iloc[0]),
                             "kind": SUPPLIER_KINDS[2], "source_id": r["source_id"]})
    implied = implied_previous_year(imports)
    for _, r in implied[implied["implied"].notna()].iterrows():
        rows.append({"year": "2024", "supplier": r["supplier"], "volume": float(r["implied"]),
                     "kind": SUPPLIER_KINDS[1], "source_id": r["source_id"]})
    frame = pd.DataFrame(rows)
    frame["is_russia"] = frame["supplier"].eq("Russia").map({True: "Russia", False: "other suppliers"})
    return frame.sort_values(["year", "volume"], ascending=[True, False]).reset_index(drop=True)


def supplier_ranks(frame: pd.DataFrame, supplier: str = "Russia") -> dict[str, int]:
    """A supplier's place in each year's table of `supplier_frame` (years whose table lists it)."""
    return {year: int(group.reset_index(drop=True).index[group["supplier"].eq(supplier).to_numpy()][0]) + 1
            for year, group in frame.groupby("year") if group["supplier"].eq(supplier).any()}


def group_small_suppliers(frame: pd.DataFrame, below: float = OTHERS_BELOW_MT, keep: str = "Russia") -> pd.DataFrame:
    """Each year's suppliers of less than `below` Mt (other than `keep`) summed into one "others" row, drawn last.

    The row's volume is the sum of theirs, its `grouped` column names them with their volumes, its kind is theirs
    (or "stated and computed" if they differ) and its sources are theirs."""
    out = []
    for year, group in frame.groupby("year", sort=True):
        small = group[(group["volume"] < below) & (group["supplier"] != keep)]
        out.append(group.drop(small.index).assign(grouped=""))
        if small.empty:
            continue
        kinds = list(dict.fromkeys(small["kind"]))
        out.append(pd.DataFrame([{
            "year": year, "supplier": f"{len(small)} others", "volume": float(small["volume"].sum()),
            "kind": kinds[0] if len(kinds) == 1 else "stated and computed",
            "source_id": "; ".join(dict.fromkeys(small["source_id"])), "is_russia": "other suppliers",
            "grouped": "; ".join(f"{s} {v:.3f}" for s, v in zip(small["supplier"], small["volume"]))}]))
    return pd.concat(out, ignore_index=True)


#: A long supplier name shortened on the axis (the tooltip keeps it whole): "Trinidad & Tobago".
SHORT_NAME = "length(datum.label) > 16 ? replace(datum.label, ' and ', ' & ') : datum.label"


def panel_basis(group: pd.DataFrame) -> str:
    """How a year's volumes were obtained: the most common way, and the suppliers obtained otherwise."""
    kinds = group["kind"].value_counts()
    main = kinds.index[0]
    others = group[group["kind"] != main]
    if others.empty:
        return PANEL_BASIS.get(main, main)
    return f"{PANEL_BASIS.get(main, main)} ({', '.join(others['supplier'])}: {', '.join(dict.fromkeys(PANEL_BASIS.get(k, k) for k in others['kind']))})"


def supplier_chart(imports: pd.DataFrame, width: int | None = None):
    width = width or PAGE

    full = supplier_frame(imports)
    rank = supplier_ranks(full)
    frame = group_small_suppliers(full)
    # Each bar carries its value, so that a small volume does not read as a zero; a year whose table does not list
    # Russia says so in its title. On the page the four years are a grid of two by two; on a phone they are stacked.
    frame["label"] = frame["volume"].map(lambda v: f"{v:.2f}" if v >= 0.1 else f"{v:.3f}")
    frame["shade"] = frame["is_russia"] + frame["kind"].map(lambda k: ", stated" if k == SUPPLIER_KINDS[0] else ", computed")
    grid = width >= PAGE
    names_width = 104  # the same for every panel, so that the panels' bars and titles line up
    bars_width = (width - 2 * names_width - 70) // 2 if grid else width - names_width - 40
    top = max(frame["volume"].max() * 1.2, 1)  # room for the longest bar's value
    shades = list(SHADES)
    years = sorted(frame["year"].unique())
    panels = []
    for year, group in frame.groupby("year"):
        listed = (group["supplier"] == "Russia").any()
        basis = panel_basis(group)
        axis_below = year in years[-2:] if grid else year == years[-1]
        bars = alt.Chart(group).encode(
            y=alt.Y("supplier:N", sort=list(group["supplier"]), title=None,
                    axis=alt.Axis(labelLimit=names_width - 8, minExtent=names_width, maxExtent=names_width,
                                  ticks=False, domain=False, labelExpr=SHORT_NAME)),
            x=alt.X("volume:Q", title="Million tonnes" if axis_below else None, scale=alt.Scale(domain=[0, top], nice=False),
                    axis=alt.Axis(labels=axis_below, ticks=axis_below, tickCount=4 if grid else 5)),
        )
        panels.append(alt.layer(
            bars.mark_bar(strokeWidth=1).encode(
                color=alt.Color("shade:N", title="Bars", sort=shades,
                                scale=alt.Scale(domain=shades, range=[fill for fill, _ in SHADES.values()])),
                stroke=alt.Stroke("shade:N", title="Bars", sort=shades,
                                  scale=alt.Scale(domain=shades, range=[line for _, line in SHADES.values()])),
                tooltip=[alt.Tooltip("supplier:N", title="Supplier"), alt.Tooltip("volume:Q", format=".3f", title="Mt"),
                         alt.Tooltip("kind:N", title="Volume"), alt.Tooltip("grouped:N", title="Grouped"),
                         alt.Tooltip("source_id:N", title="Source")]),
            bars.mark_text(align="left", dx=3, color="#222222").encode(text="label:N"),
        ).properties(width=bars_width, height=alt.Step(14),
                     title=alt.Title(f"{year}, {basis}" if listed else f"{year}, {basis}: Russia not listed",
                                     anchor="start", frame="bounds", fontSize=13)))
    if grid:
        body = alt.vconcat(*[alt.hconcat(*panels[i:i + 2], spacing=40) for i in range(0, len(panels), 2)], spacing=14)
    else:
        body = alt.vconcat(*panels, spacing=14)
    computed = [year for year in years if (frame[frame["year"] == year]["kind"] != SUPPLIER_KINDS[0]).any()]
    return titled(
        body.resolve_scale(x="shared"),
        f"Russia was Korea's {ordinal(rank['2024'])} LNG supplier in 2024 (implied) and {ordinal(rank['2025'])} in 2025",
        ["Korea's LNG imports by supplier, million tonnes, in the years the sources give a supplier table.",
         "2024 is implied from the 2025 volumes and their stated changes; 2018 from stated shares of the total",
         f"(lighter bars: computed, {' and '.join(computed)}). Suppliers of less than {OTHERS_BELOW_MT:g} Mt in a year are",
         "summed as \"others\"."],
        "KITA and the Korea Customs Service, via Energy Economy News and Asia Economy (the book's table lng_imports.csv)",
        width,
    )


def russia_chart(imports: pd.DataFrame, lng_facts: pd.DataFrame, implied_2024: float, implied_share_2024: float,
                 width: int | None = None):
    width = width or PAGE

    rows = []
    for _, r in imports[(imports["supplier"] == "Russia") & (imports["period"] == "full_year")
                        & imports["volume_mt"].notna()].iterrows():
        rows.append({"year": int(r["year"]), "volume": float(r["volume_mt"]), "basis": r["series"], "source_id": r["source_id"]})
    kogas = measure(lng_facts, "kogas-lng-imports-russia")
    for fid, r in kogas.iterrows():
        rows.append({"year": int(r["year"]), "volume": float(r["value_number"]), "basis": "KOGAS only", "source_id": r["source_id"]})
    rows.append({"year": 2024, "volume": implied_2024, "basis": "implied", "source_id": "computed"})
    volumes = pd.DataFrame(rows)
    shares = russia_shares(imports)
    shares = pd.concat([shares, pd.DataFrame([{"year": 2024, "share_pct": implied_share_2024, "method": "implied"}])])
    bases = ["exporter", "KOGAS only", "customs", "KOTRA", "unclear", "implied", "KITA"]
    no_yellow = [c for c in PALETTE if c != "#F0E442"]  # too pale for points on white
    colour = alt.Color("basis:N", title="Compiled by", sort=bases, scale=alt.Scale(domain=bases, range=no_yellow[:len(bases)]))
    x = alt.X("year:Q", title="Year", scale=alt.Scale(domain=[2009, 2025]), axis=alt.Axis(format="d"))
    contract = pd.DataFrame({"y": [1.5], "label": ["Sakhalin-2 contract: 1.5 Mt a year from 2009"]})
    volume_chart = alt.layer(
        alt.Chart(contract).mark_rule(strokeDash=[4, 3], color="#444444").encode(y="y:Q"),
        alt.Chart(contract).mark_text(align="left", dx=4, dy=-7, x=2, fontSize=MIN_FONT, color="#444444").encode(y="y:Q", text="label:N"),
        alt.Chart(volumes).mark_point(filled=True, size=70).encode(
            x=x, y=alt.Y("volume:Q", title="Million tonnes", scale=alt.Scale(domain=[0, 3])), color=colour,
            shape=alt.Shape("basis:N", sort=bases, legend=None),
            tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("volume:Q", format=".3f", title="Mt"),
                     alt.Tooltip("basis:N", title="Compiled by"), alt.Tooltip("source_id:N", title="Source")]),
    ).properties(width=width - 70, height=200, title="Volume")
    share_chart = alt.Chart(shares).mark_point(filled=True, size=70, color="#000000").encode(
        x=x, y=alt.Y("share_pct:Q", title="% of Korea's LNG imports", scale=alt.Scale(domain=[0, 8])),
        shape=alt.Shape("method:N", title="Share"),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("share_pct:Q", format=".1f", title="%"),
                 alt.Tooltip("method:N", title="Share")],
    ).properties(width=width - 70, height=140, title="Share of Korea's imports")
    return titled(
        alt.vconcat(volume_chart, share_chart).resolve_scale(shape="independent").resolve_legend(shape="independent"),
        "Russian LNG to Korea: scattered figures from different compilers, and many missing years",
        ["Korea's LNG imports from Russia by year, and Russia's share, by who compiled the figure.",
         "Years without a point have no figure in the sources found."],
        "Korea Customs Service, KITA, KOTRA, KOGAS and Gazprom (the book's tables lng_imports.csv and lng_facts.csv)",
        width,
    )
