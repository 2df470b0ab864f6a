"""Projects: their status, the map of Northeast Asia and the status chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from rk35.charts import MIN_FONT, PAGE, PALETTE, titled
from rk35.fmt import date

STATUSES = ["operating", "completed", "under construction", "halted", "announced only", "unknown"]
STATUS_COLOURS = ["#009E73", "#56B4E9", "#E69F00", "#CC79A7", "#7F7F7F", "#000000"]
MAP_COUNTRIES = ("Russia", "China", "Mongolia", "Japan", "North Korea", "South Korea")
#: The map's extent: west, south, east, north (degrees).
MAP_EXTENT = (123.0, 33.0, 137.5, 46.0)
#: The LNG facts (lng_facts.csv measures) that record a project at work in a given year: a project's status may not
#: be dated earlier than the latest of them (tests/test_consistency.py).
STATUS_EVIDENCE = {"sakhalin_lng_korea": ("sakhalin-2-sales-share-south-korea", "sakhalin-2-shipments-share-south-korea",
                                          "sakhalin-2-deliveries-south-korea-2009-2010")}
#: The name under which the map spec carries its country outlines (one copy, drawn by both panels).
BASEMAP = "country-outlines"


def subset_topology(topology: dict, names: tuple[str, ...], object_name: str = "countries") -> dict:
    """A TopoJSON topology with only the named countries, and only the arcs they use.

    Arcs are independent in a quantized topology (each is delta-encoded on its own), so
    keeping a subset and renumbering the references leaves every outline unchanged.
    """
    geometries = [g for g in topology["objects"][object_name]["geometries"] if g["properties"]["name"] in names]
    missing = set(names) - {g["properties"]["name"] for g in geometries}
    if missing:
        raise KeyError(f"not in the basemap: {sorted(missing)}")

    def arc_lists(geometry):
        if geometry["type"] == "Polygon":
            return geometry["arcs"]
        if geometry["type"] == "MultiPolygon":
            return [ring for polygon in geometry["arcs"] for ring in polygon]
        raise ValueError(f"unexpected geometry type {geometry['type']}")

    used = sorted({a if a >= 0 else ~a for g in geometries for ring in arc_lists(g) for a in ring})
    new_index = {old: new for new, old in enumerate(used)}

    def renumber(ring):
        return [new_index[a] if a >= 0 else ~new_index[~a] for a in ring]

    out = []
    for g in geometries:
        arcs = ([renumber(r) for r in g["arcs"]] if g["type"] == "Polygon"
                else [[renumber(r) for r in polygon] for polygon in g["arcs"]])
        out.append({**g, "arcs": arcs})
    return {"type": "Topology", "transform": topology["transform"],
            "objects": {object_name: {"type": "GeometryCollection", "geometries": out}},
            "arcs": [topology["arcs"][i] for i in used]}


def in_extent(places: pd.DataFrame, extent=MAP_EXTENT) -> pd.Series:
    west, south, east, north = extent
    return places["lon"].between(west, east) & places["lat"].between(south, north)


def status_counts(projects: pd.DataFrame) -> pd.DataFrame:
    """How many projects (initiatives excluded) are in each status, in scale order, zeros included."""
    counts = projects[projects["kind"] == "project"]["status"].value_counts()
    return pd.DataFrame({"status": STATUSES, "projects": [int(counts.get(s, 0)) for s in STATUSES]})


def status_chart(projects: pd.DataFrame, title: str, width: int | None = None):
    """Projects by status; `title` states the finding, from the chapter's count records."""
    width = width or PAGE

    counts = status_counts(projects)
    listed = projects[projects["kind"] == "project"]
    dated = listed["name"] + listed["status_as_of"].map(lambda d: f" (as of {date(d)})" if isinstance(d, str) else " (undated)")
    names = dated.groupby(listed["status"]).apply(lambda s: "; ".join(sorted(s)))
    counts["names"] = counts["status"].map(names).fillna("")
    chart = alt.Chart(counts).mark_bar().encode(
        y=alt.Y("status:N", sort=STATUSES, title=None),
        x=alt.X("projects:Q", title="Number of projects", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("status:N", sort=STATUSES, scale=alt.Scale(domain=STATUSES, range=STATUS_COLOURS), legend=None),
        tooltip=[alt.Tooltip("status:N", title="Status"), alt.Tooltip("projects:Q", title="Projects"),
                 alt.Tooltip("names:N", title="Which")],
    ).properties(width=min(480, width - 130), height=alt.Step(24))
    return titled(
        chart,
        title,
        "Projects by status when last reported (initiatives such as Nine Bridges excluded).",
        "the sources named for each project, read for its status (the book's table projects.csv)",
        width,
    )


def map_frames(projects, places, corridors, extent=MAP_EXTENT):
    """The frames a map panel draws: places in the extent, project markers at places, corridor vertices."""
    visible = places[in_extent(places, extent)].copy()
    visible["coordinate"] = visible["approximate"].map({True: "approximate (placed by the compiler)",
                                                        False: "from a gazetteer"})
    visible = visible.reset_index()
    marks = []
    located = projects[projects["kind"] == "project"].dropna(subset=["place_id"])
    for place_id, group in located.groupby("place_id"):
        for order, (pid, row) in enumerate(group.sort_index().iterrows()):
            if place_id not in visible["place_id"].values:
                continue
            p = places.loc[place_id]
            marks.append({"project": row["name"], "status": row["status"], "lon": p["lon"], "lat": p["lat"],
                          "ring": order, "place": p["name"], "approximate": bool(p["approximate"])})
    marks = pd.DataFrame(marks)
    vertices = []
    for cid, c in corridors.iterrows():
        for order, pid in enumerate(c["place_sequence"]):
            p = places.loc[pid]
            vertices.append({"corridor": c["label"], "mode": c["mode"], "schematic": bool(c["schematic"]),
                             "order": order, "lon": p["lon"], "lat": p["lat"], "source_id": c["source_id"]})
    return visible, marks, pd.DataFrame(vertices)


#: The detail panel: the Tumen delta, Vladivostok and Nakhodka.
DETAIL_EXTENT = (129.9, 41.9, 133.2, 43.95)
#: Labels per panel: place -> where the label goes from the point (placed by eye so that no two labels touch).
LABEL_POSITIONS = {"right": ("left", 9, -8), "left": ("right", -9, -8), "above": ("center", 0, -24),
                   "below": ("center", 0, 22)}
DETAIL_LABELLED = {"vladivostok": "left", "zarubino": "right", "rajin_port": "left", "khasan": "right", "kraskino": "left",
                   "hunchun": "right", "nakhodka": "left", "bolshoy_kamen_zvezda": "right", "mikhaylovsky_adt": "right",
                   "nadezhdinskaya_adt": "left", "slavyanka": "right"}
OVERVIEW_LABELLED = {"vladivostok": "above", "rajin_port": "left", "busan": "right", "pohang": "right", "donghae": "below",
                     "seoul": "left", "changchun": "right", "sakaiminato": "below", "okpo_geoje": "below"}


def mercator_view(extent, width: int, height: int) -> dict:
    """Projection parameters that fit an extent (west, south, east, north) into width x height pixels."""
    from math import atan, exp, log, pi, radians, tan

    west, south, east, north = extent

    def y(lat):
        return log(tan(pi / 4 + radians(lat) / 2))

    scale = min(width / radians(east - west), height / (y(north) - y(south)))
    centre_lat = (2 * atan(exp((y(north) + y(south)) / 2)) - pi / 2) * 180 / pi
    # clipExtent cuts the outlines to the panel geometrically (d3-geo): the outlines of Russia and China are drawn
    # only where they show, which makes the PNG several times faster to render than an SVG clip path would
    return {"type": "mercator", "scale": scale, "center": [(west + east) / 2, centre_lat],
            "translate": [width / 2, height / 2], "clipExtent": [[0, 0], [width, height]]}


def _short(name: str) -> str:
    return name.split(" (")[0].split(",")[0].replace(" border station", "").replace(" road border crossing", "").replace(" port", "")


def _map_panel(projects, places, corridors, extent, labelled, size, title):
    visible, marks, vertices = map_frames(projects, places, corridors, extent)
    visible["label"] = [_short(n) if pid in labelled else "" for pid, n in zip(visible["place_id"], visible["name"])]
    visible["side"] = [labelled.get(pid, "right") for pid in visible["place_id"]]
    projection = mercator_view(extent, *size)
    outlines = alt.NamedData(name=BASEMAP, format=alt.DataFormat(type="topojson", feature="countries"))
    base = alt.Chart(outlines).mark_geoshape(
        fill="#EEEEEE", stroke="#FFFFFF", strokeWidth=0.8, aria=False).project(**projection)  # background: not read out
    modes = ["rail", "road and rail", "sea", "pipeline"]
    routes = alt.Chart(vertices).mark_line(strokeWidth=2, clip=True).encode(
        longitude="lon:Q", latitude="lat:Q", detail="corridor:N", order="order:Q",
        color=alt.Color("mode:N", title="Corridor", sort=modes, scale=alt.Scale(domain=modes, range=PALETTE[:4])),
        strokeDash=alt.StrokeDash("schematic:N", title="Line", scale=alt.Scale(domain=[False, True], range=[[1, 0], [5, 4]]),
                                  legend=alt.Legend(labelExpr="datum.value ? 'schematic: joins the named places only' : 'follows the named stations'")),
        tooltip=[alt.Tooltip("corridor:N", title="Corridor"), alt.Tooltip("source_id:N", title="Source")],
    ).project(**projection)
    rings = alt.Chart(marks).mark_point(filled=False, strokeWidth=3, clip=True).encode(
        longitude="lon:Q", latitude="lat:Q",
        stroke=alt.Stroke("status:N", title="Project status", sort=STATUSES,
                          scale=alt.Scale(domain=STATUSES, range=STATUS_COLOURS)),
        size=alt.Size("ring:O", scale=alt.Scale(domain=[0, 1, 2], range=[420, 190, 70]), legend=None),
        tooltip=[alt.Tooltip("project:N", title="Project"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("place:N", title="Place"), alt.Tooltip("approximate:N", title="Approximate point")],
    ).project(**projection)
    coordinate_kinds = ["from a gazetteer", "approximate (placed by the compiler)"]
    points = alt.Chart(visible).mark_point(filled=True, size=24, clip=True, color="#222222").encode(
        longitude="lon:Q", latitude="lat:Q",
        shape=alt.Shape("coordinate:N", title="Place coordinate", sort=coordinate_kinds,
                        scale=alt.Scale(domain=coordinate_kinds, range=["circle", "diamond"])),
        tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("coordinate:N", title="Coordinate"), alt.Tooltip("coordinate_basis:N", title="Basis")],
    ).project(**projection)
    named = visible[visible["label"] != ""]
    labels = [
        alt.Chart(named[named["side"] == side]).mark_text(align=align, dx=dx, dy=dy, fontSize=MIN_FONT, color="#222222").encode(
            longitude="lon:Q", latitude="lat:Q", text="label:N").project(**projection)
        for side, (align, dx, dy) in LABEL_POSITIONS.items() if (named["side"] == side).any()
    ]
    return alt.layer(base, routes, rings, points, *labels).properties(width=size[0], height=size[1], title=title)


def map_chart(projects, places, corridors, topology, width: int | None = None):
    width = width or PAGE

    side_by_side = width >= PAGE  # two panels at the page's width; stacked on a phone
    size = ((width - 40) // 2, 420) if side_by_side else (width - 10, 330)
    overview = _map_panel(projects, places, corridors, MAP_EXTENT, OVERVIEW_LABELLED, size, "Northeast Asia")
    detail = _map_panel(projects, places, corridors, DETAIL_EXTENT, DETAIL_LABELLED, size,
                        "Detail: the Tumen delta and Vladivostok")
    outside = places[~in_extent(places)]["name"].map(_short)
    return titled(
        alt.hconcat(overview, detail) if side_by_side else alt.vconcat(overview, detail),
        "Where the projects are",
        ["Places the projects name, the corridors between them, and each project coloured by status (concentric",
         "rings where several projects share a place). Diamonds mark approximate coordinates, placed by the compiler.",
         f"Outside the map: {', '.join(outside)}."],
        "the sources named for each place, corridor and project (places.csv, corridors.csv, projects.csv); country outlines: Natural Earth 1:50m",
        width,
    ).properties(datasets={BASEMAP: subset_topology(topology, MAP_COUNTRIES)})  # the outlines, once for both panels
