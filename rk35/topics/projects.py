"""Projects: their status, the map of Northeast Asia and the status chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from rk35.charts import MIN_FONT, PAGE, PALETTE, layout_only, titled
from rk35.fmt import date
from rk35.labels import Box, Label, leader_end, line_boxes, place, point_box

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
#: The places each panel names, most important first (the first placed gets the best spot); where each label goes is
#: computed (rk35.labels.place): the first spot around its point that touches no other label, point, ring or line.
OVERVIEW_LABELLED = ("vladivostok", "rajin_port", "busan", "pohang", "donghae", "seoul", "changchun", "sakaiminato",
                     "okpo_geoje")
DETAIL_LABELLED = ("vladivostok", "rajin_port", "nakhodka", "slavyanka", "zarubino", "khasan", "kraskino", "hunchun",
                   "bolshoy_kamen_zvezda", "mikhaylovsky_adt", "nadezhdinskaya_adt")
#: Countries and seas named on each panel: name, longitude, latitude (a point inside the country or the sea, in
#: open land or water, where the name is centred), and whether it is a sea.
OVERVIEW_REGIONS = (("RUSSIA", 134.6, 45.2, False), ("CHINA", 126.0, 44.9, False), ("NORTH KOREA", 126.9, 40.2, False),
                    ("SOUTH KOREA", 127.9, 36.4, False), ("JAPAN", 135.6, 35.0, False),
                    ("Sea of Japan (East Sea)", 133.0, 39.6, True), ("Yellow Sea", 124.4, 36.2, True))
DETAIL_REGIONS = (("RUSSIA", 132.75, 43.6, False), ("CHINA", 130.45, 43.55, False), ("NORTH KOREA", 130.3, 42.38, False),
                  ("Sea of Japan (East Sea)", 131.7, 42.15, True))
#: How a country's or a sea's name may move off its point: centred on it, or shifted along one axis.
REGION_SHIFTS = [(0, 0, "center"), (1, 0, "center"), (-1, 0, "center"), (0, -1, "center"), (0, 1, "center")]
REGION_COLOURS = {False: "#5A5A5A", True: "#2F6690"}
#: The radius in px of the rings drawn at a place (outermost first), and of a place's point.
RING_SIZES = (420, 190, 70)
POINT_RADIUS = 3.5


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


def to_pixels(view: dict, lon: float, lat: float) -> tuple[float, float]:
    """Where a point falls in a panel drawn with `view` (d3's Mercator: x = tx + k·λ, y = ty − k·ln tan(π/4 + φ/2),
    both measured from the centre)."""
    from math import log, pi, radians, tan

    (lon0, lat0), (tx, ty), k = view["center"], view["translate"], view["scale"]
    return (tx + k * radians(lon - lon0),
            ty - k * (log(tan(pi / 4 + radians(lat) / 2)) - log(tan(pi / 4 + radians(lat0) / 2))))


def to_degrees(view: dict, x: float, y: float) -> tuple[float, float]:
    """The inverse of to_pixels."""
    from math import atan, degrees, exp, log, pi, radians, tan

    (lon0, lat0), (tx, ty), k = view["center"], view["translate"], view["scale"]
    mercator_y = (ty - y) / k + log(tan(pi / 4 + radians(lat0) / 2))
    return lon0 + degrees((x - tx) / k), degrees(2 * atan(exp(mercator_y)) - pi / 2)


def ring_radius(order: int) -> float:
    """The outer radius of a ring drawn at a place (its area in px² as vega sizes points, and its stroke)."""
    from math import pi, sqrt

    return sqrt(RING_SIZES[min(order, len(RING_SIZES) - 1)] / pi) + 1.5


def map_labels(visible: pd.DataFrame, marks: pd.DataFrame, vertices: pd.DataFrame, labelled: tuple[str, ...],
               regions: tuple, view: dict, size: tuple[int, int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The panel's labels, placed: the countries and seas at their fixed points, then each named place at the first
    spot around it that touches no other label, no point, no ring and no corridor line (rk35.labels.place). Returns
    the labels (text, lon, lat, align, kind, and their boxes in px) and the leader lines (lon, lat to lon2, lat2)."""

    avoid = []
    for _, p in visible.iterrows():
        avoid.append(point_box(*to_pixels(view, p["lon"], p["lat"]), POINT_RADIUS))
    for _, m in marks.iterrows():
        avoid.append(point_box(*to_pixels(view, m["lon"], m["lat"]), ring_radius(int(m["ring"]))))
    for _, route in vertices.groupby("corridor"):
        avoid += line_boxes([to_pixels(view, r["lon"], r["lat"]) for _, r in route.sort_values("order").iterrows()])
    # a country's or a sea's name centred on its point, or moved a little (never with a leader) off a mark or line
    names = [Label(name, *to_pixels(view, lon, lat), radius=0, font_size=MIN_FONT, bold=not sea)
             for name, lon, lat, sea in regions]
    spots = place(names, Box(0, 0, *size), avoid, directions=REGION_SHIFTS, distances=tuple(range(0, 64, 8)))
    fixed, region_boxes = [], []
    for (name, _, _, sea), spot in zip(regions, spots):
        lon, lat = to_degrees(view, spot.x, spot.y)
        fixed.append({"text": name, "lon": lon, "lat": lat, "align": "center", "kind": "sea" if sea else "country",
                      "left": spot.box.left, "top": spot.box.top, "right": spot.box.right, "bottom": spot.box.bottom})
        region_boxes.append(spot.box)
    by_id = visible.set_index("place_id")
    wanted = []
    for pid in labelled:
        if pid not in by_id.index:
            continue
        p = by_id.loc[pid]
        rings = marks[(marks["lon"] == p["lon"]) & (marks["lat"] == p["lat"])]
        radius = ring_radius(int(rings["ring"].min())) if not rings.empty else POINT_RADIUS
        name = MAP_NAMES.get(pid) or _short(p["name"])
        wanted.append((pid, Label(name, *to_pixels(view, p["lon"], p["lat"]), radius=radius,
                                  font_size=MIN_FONT)))
    placed = place([label for _, label in wanted], Box(0, 0, *size), avoid, text=region_boxes)
    rows, leaders = list(fixed), []
    for (pid, label), spot in zip(wanted, placed):
        lon, lat = to_degrees(view, spot.x, spot.y)
        rows.append({"text": label.text, "lon": lon, "lat": lat, "align": spot.align, "kind": "place",
                     "left": spot.box.left, "top": spot.box.top, "right": spot.box.right, "bottom": spot.box.bottom})
        if spot.leader:
            # from the edge of the point's mark to the nearest point of the label's box
            end_lon, end_lat = to_degrees(view, *leader_end(label, spot.box))
            leaders.append({"place": label.text, "lon": by_id.loc[pid, "lon"], "lat": by_id.loc[pid, "lat"],
                            "lon2": end_lon, "lat2": end_lat})
    return pd.DataFrame(rows), pd.DataFrame(leaders, columns=["place", "lon", "lat", "lon2", "lat2"])


#: A place whose name is too long for the map, by its shorter name there (the tooltip keeps the whole name).
MAP_NAMES = {"okpo_geoje": "Okpo shipyard"}


def _short(name: str) -> str:
    return name.split(" (")[0].split(",")[0].replace(" border station", "").replace(" road border crossing", "").replace(" port", "")


def _map_panel(projects, places, corridors, extent, labelled, regions, size, title):
    visible, marks, vertices = map_frames(projects, places, corridors, extent)
    projection = mercator_view(extent, *size)
    texts, leaders = map_labels(visible, marks, vertices, labelled, regions, projection, size)
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
        size=alt.Size("ring:O", scale=alt.Scale(domain=[0, 1, 2], range=list(RING_SIZES)), legend=None),
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
    layers = [base, routes, rings, points]
    if not leaders.empty:
        layers.append(alt.Chart(layout_only(leaders, "leader lines")).mark_rule(color="#222222", strokeWidth=0.8).encode(
            longitude="lon:Q", latitude="lat:Q", longitude2="lon2:Q", latitude2="lat2:Q").project(**projection))
    for kind, colour, weight, style in (("country", REGION_COLOURS[False], "bold", "normal"),
                                        ("sea", REGION_COLOURS[True], "normal", "italic"),
                                        ("place", "#222222", "normal", "normal")):
        for align in ("left", "center", "right"):
            some = texts[(texts["kind"] == kind) & (texts["align"] == align)]
            if not some.empty:
                layers.append(alt.Chart(layout_only(some[["text", "lon", "lat"]], f"{kind} labels")).mark_text(
                    align=align, baseline="middle", fontSize=MIN_FONT, color=colour, fontWeight=weight,
                    fontStyle=style).encode(longitude="lon:Q", latitude="lat:Q", text="text:N").project(**projection))
    return alt.layer(*layers).properties(width=size[0], height=size[1], title=title)


def map_chart(projects, places, corridors, topology, width: int | None = None):
    width = width or PAGE

    side_by_side = width >= PAGE  # two panels at the page's width; stacked on a phone
    size = ((width - 40) // 2, 420) if side_by_side else (width - 10, 330)
    overview = _map_panel(projects, places, corridors, MAP_EXTENT, OVERVIEW_LABELLED, OVERVIEW_REGIONS, size,
                          "Northeast Asia")
    detail = _map_panel(projects, places, corridors, DETAIL_EXTENT, DETAIL_LABELLED, DETAIL_REGIONS, size,
                        "Detail: the Tumen delta and Vladivostok")
    outside = places[~in_extent(places)]["name"].map(_short)
    located = projects[(projects["kind"] == "project") & projects["place_id"].notna()]
    shown = located[located["place_id"].isin(places[in_extent(places)].index)]
    near = shown["place_id"].map(lambda pid: in_extent(places.loc[[pid]], DETAIL_EXTENT).iloc[0])
    return titled(
        alt.hconcat(overview, detail) if side_by_side else alt.vconcat(overview, detail),
        f"{int(near.sum())} of the {len(shown)} projects on the map lie around Vladivostok and the Tumen delta, "
        "where Russia, China and North Korea meet",
        ["Places the projects name, the corridors between them, and each project coloured by status (concentric",
         "rings where several projects share a place). Diamonds mark approximate coordinates, placed by the compiler.",
         f"Outside the map: {', '.join(outside)}."],
        "the sources named for each place, corridor and project (places.csv, corridors.csv, projects.csv); country outlines: Natural Earth 1:50m",
        width,
    ).properties(datasets={BASEMAP: subset_topology(topology, MAP_COUNTRIES)})  # the outlines, once for both panels
