import base64
import itertools
import json

import altair as alt
import pandas as pd
import pytest

from rk35 import charts
from rk35.settings import edition


@pytest.fixture
def chart():
    data = pd.DataFrame({"year": [2020, 2021], "value": [1.0, 2.0]})
    return charts.titled(alt.Chart(data).mark_line().encode(x="year:Q", y="value:Q"), "T", "S", "test data")


def test_bundle_has_html_png_and_text(chart):
    bundle = charts.render(chart)._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert bundle["text/plain"].endswith(": T>")


def test_chart_id_is_derived_from_the_spec(chart):
    first, again = charts.render(chart), charts.render(chart)
    assert first.id == again.id and first.id in first._repr_mimebundle_()["text/html"]
    other = charts.render(chart.properties(title="other"))
    assert other.id != first.id


def test_rendering_is_deterministic(chart):
    assert charts.render(chart)._repr_mimebundle_() == charts.render(chart)._repr_mimebundle_()


def test_html_loads_nothing_and_names_no_cdn(chart):
    html = charts.render(chart)._repr_mimebundle_()["text/html"]
    assert "<script src" not in html and "$schema" not in html
    for host in ("jsdelivr", "unpkg", "cdnjs", "vega.github.io"):
        assert host not in html
    assert charts.READY_EVENT in html


def test_embedded_spec_cannot_close_the_script(chart):
    data = pd.DataFrame({"year": [2020], "value": [1.0], "label": ["</script><b>"]})
    c = alt.Chart(data).mark_point().encode(x="year:Q", y="value:Q", tooltip="label:N")
    html = charts.render(c)._repr_mimebundle_()["text/html"]
    assert html.count("</script>") == 1


def test_source_line_is_part_of_the_chart(chart):
    spec = charts.render(chart).spec
    assert spec["title"]["text"] == ["Source: test data"] and spec["title"]["orient"] == "bottom"


def test_theme_is_active():
    assert alt.theme.active == "rk35"


def test_javascript_bundle_is_self_contained():
    bundle = charts.javascript_bundle()
    assert charts.READY_EVENT in bundle and "window.vegaEmbed" in bundle
    assert "cdn.jsdelivr" not in bundle and "unpkg.com" not in bundle
    assert bundle.startswith("(function () {")


def _book_charts():
    """Every chart the book draws: its chart function and the arguments its chapter gives it (rk35.book)."""
    from rk35.book import Book

    book = Book()
    names = {"fig_trade_series": "trade", "fig_lng_suppliers": "lng suppliers", "fig_lng_russia": "lng russia",
             "fig_projects_map": "map", "fig_projects_status": "status", "fig_export_controls": "export controls",
             "fig_visitors": "visitors", "fig_timeline": "timeline", "fig_verdicts": "verdicts"}
    return {names[key]: (function, *args) for chapter in [*book.chapters, book.chapter("register")]
            for key, (function, args) in chapter.figures.items()}


@pytest.fixture(scope="module")
def book_figures():
    return {name: charts.render(*built) for name, built in _book_charts().items()}


def _settings(node, suffix: str) -> set:
    """Every value a spec sets under a key that ends with `suffix` ('font', 'fontSize', matched case-blind)."""
    if isinstance(node, dict):
        found = {v for k, v in node.items() if k.lower().endswith(suffix.lower())}
        return found.union(*(_settings(v, suffix) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_settings(v, suffix) for v in node))
    return set()


def _fonts(node) -> set:
    """Every font a spec names (keys 'font' or '...Font', at any depth)."""
    return _settings(node, "font")


def _font_sizes(node) -> set:
    """Every font size a spec sets (keys 'fontSize' or '...FontSize', at any depth)."""
    return _settings(node, "fontSize")


def test_every_chart_of_the_book_is_a_valid_vega_lite_spec_in_the_one_font():
    for name, (build, *args) in _book_charts().items():
        for width in (charts.PAGE, charts.PHONE):
            spec = build(*args, width=width).to_dict(validate=True)  # raises on a spec vega-lite's schema refuses
            fonts = _fonts(spec)
            assert fonts <= {charts.FONT}, f"{name}: names {fonts - {charts.FONT}}"


def _drawn_width(spec: dict) -> int:
    import struct

    import vl_convert as vlc

    return struct.unpack(">I", vlc.vegalite_to_png(spec, scale=1)[16:20])[0]


def test_every_chart_fits_the_page_and_a_phone(book_figures):
    """Drawn, the page layout is at most PAGE px wide and the phone layout at most PHONE px."""
    for name, figure in book_figures.items():
        assert figure.phone is not None, f"{name}: no phone layout"
        assert figure.width <= charts.PAGE, f"{name}: {figure.width} px wide on the page"
        phone = _drawn_width(figure.phone)
        assert phone <= charts.PHONE, f"{name}: {phone} px wide on a phone"


def test_chart_text_prints_at_seven_points_or_more(book_figures):
    """The PDF sets each chart PNG at its text width: the smallest text a spec sets (and the theme's axis, legend
    and mark text), scaled by text width / chart width, is at least 7 pt."""
    theme_sizes = _font_sizes(charts.theme())
    for name, figure in book_figures.items():
        smallest = min(_font_sizes(figure.spec) | theme_sizes)
        printed = smallest * charts.PRINT_WIDTH_PT / figure.width
        assert printed >= 7, f"{name}: smallest text {smallest} px prints at {printed:.1f} pt"


def test_every_chart_prints_on_one_page_with_its_caption(book_figures):
    """At the text width, no chart is taller than PRINT_HEIGHT_PT: a taller one would push its caption into the
    footer (LaTeX scales an image down only to the full text height)."""
    for name, figure in book_figures.items():
        printed = figure.height * charts.PRINT_WIDTH_PT / figure.width
        assert printed <= charts.PRINT_HEIGHT_PT, f"{name}: prints {printed:.0f} pt tall"


def test_a_smaller_font_or_a_wider_chart_would_fail_the_print_check():
    assert charts.MIN_FONT * charts.PRINT_WIDTH_PT / charts.PAGE >= 7
    assert 10 * charts.PRINT_WIDTH_PT / charts.PAGE < 7  # the check above is not vacuous at the book's sizes


def test_phone_layout_is_drawn_where_the_page_layout_does_not_fit(book_figures):
    html = book_figures["trade"]._repr_mimebundle_()["text/html"]
    assert f"var PAGE_WIDTH = {book_figures['trade'].width + 40};" in html
    assert '"phone":{' in html and "specs.phone && box.clientWidth < PAGE_WIDTH" in html


def test_the_map_carries_its_outlines_once(book_figures):
    from rk35.topics.projects import BASEMAP

    html = book_figures["map"]._repr_mimebundle_()["text/html"]
    assert html.count(f'"{BASEMAP}":{{') == 1  # one copy in the shared datasets, drawn by both layouts
    assert html.count('"type":"Topology"') == 1


def test_each_chart_links_to_the_values_it_draws(book_figures):
    import csv
    import io
    import re

    for name, figure in book_figures.items():
        html = figure._repr_mimebundle_()["text/html"]
        links = re.findall(r'href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', html)
        tables = charts.data_tables(figure.spec)
        assert len(links) == len(tables) >= 1, name
        for link, rows in zip(links, tables):
            read = list(csv.DictReader(io.StringIO(base64.b64decode(link).decode("utf-8"))))
            assert len(read) == len(rows), name
            assert set(read[0]) == set().union(*rows) | {"edition", "edition_date"}, name  # every download: the edition
            assert {(r["edition"], r["edition_date"]) for r in read} == {(str(edition().number), edition().date)}, name


def test_chart_data_refuses_a_spreadsheet_formula():
    with pytest.raises(ValueError, match=r"line 3, column 'label'"):
        charts.data_csv([{"label": "fine"}, {"label": "=HYPERLINK(\"x\")"}])
    assert "+16.7%" in charts.data_csv([{"change": "+16.7%"}])


def test_shared_datasets_refuse_two_contents_under_one_name():
    with pytest.raises(ValueError, match="different data"):
        charts.shared_datasets({"datasets": {"d": [1]}}, {"datasets": {"d": [2]}})


def test_titles_are_wrapped_to_the_layout():
    long = "word " * 60
    for width in (charts.PAGE, charts.PHONE):
        for line in charts.wrap(long, width, 12):
            assert len(line) * 12 * 0.5 <= width


def test_a_table_whose_rows_are_all_in_a_larger_one_is_not_linked_twice():
    spec = {"datasets": {"a": [{"x": 1}, {"x": 2}], "b": [{"x": 2}], "c": [{"y": 1}], "outline": {"type": "Topology"}}}
    assert charts.data_tables(spec) == [[{"x": 1}, {"x": 2}], [{"y": 1}]]


def test_panels_of_one_frame_are_linked_as_one_table():
    spec = {"datasets": {"a": [{"year": 2018, "v": 1}], "b": [{"year": 2020, "v": 2}, {"year": 2018, "v": 1}]}}
    assert charts.data_tables(spec) == [[{"year": 2018, "v": 1}, {"year": 2020, "v": 2}]]


# --- the four figures of issue 21: each states one finding, nothing clipped, no label on another ----------------

def test_each_chart_states_its_finding_in_its_text_alternative_and_names_no_interaction(book_figures):
    """The description (the drawing's aria-label) opens with the title, and no title, subtitle or description asks
    the reader to hover or click: the PDF prints the PNG."""
    for name, figure in book_figures.items():
        for spec in (figure.spec, figure.phone):
            title = charts._title_text(spec)
            assert spec["description"].startswith(title + ". "), name
            words = json.dumps([spec["description"], _titles(spec)]).lower()
            assert not any(word in words for word in ("hover", "click", "tap ")), name


def _titles(node):
    """Every title and subtitle a spec sets, at any depth."""
    if isinstance(node, dict):
        found = [node[k] for k in ("title", "subtitle") if k in node and isinstance(node[k], (str, list))]
        return found + [t for v in node.values() for t in _titles(v)]
    if isinstance(node, list):
        return [t for v in node for t in _titles(v)]
    return []



def _units(node, transforms=()):
    """Every unit spec (one mark) of a spec with the filters it inherits from the layers around it."""
    if isinstance(node, dict):
        here = tuple(transforms) + tuple(t["filter"] for t in node.get("transform", []) if "filter" in t)
        if "mark" in node:
            yield node, here
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                yield from _units(child, here)


def test_the_article_points_come_from_the_claims(book):
    from rk35.topics.trade import article_points, trade_chart

    claims = book.tables.claims
    points = article_points(claims, ["trade-2022-total", "trade-2024-total"])
    assert list(points["year"]) == [int(claims.loc["trade-2022-total", "stated_year"]),
                                    int(claims.loc["trade-2024-total", "stated_year"])]
    assert list(points["value"]) == [float(claims.loc["trade-2022-total", "stated_value"]),
                                     float(claims.loc["trade-2024-total", "stated_value"])]
    changed = claims.copy()
    changed.loc["trade-2024-total", "stated_value"] = 13.7
    spec = trade_chart(book.tables.trade, book.tables.sources,
                       article_points(changed, ["trade-2022-total", "trade-2024-total"])).to_dict()
    diamonds = [rows for rows in spec["datasets"].values() if rows and "claim_id" in rows[0]]
    assert diamonds and {(r["year"], r["value"]) for r in diamonds[0]} == {(2022, 21.0), (2024, 13.7)}
    assert "Article: 13.7" in json.dumps(spec)


def test_the_trade_title_is_computed_from_the_data(book):
    from rk35.topics.trade import article_points, trade_finding

    trade, claims = book.tables.trade, book.tables.claims
    points = article_points(claims, ["trade-2022-total", "trade-2024-total"])
    assert trade_finding(trade, points) == ("Korean-reported trade peaked in 2021 at US$27.34 billion; the article's "
                                            "2022 figure matches, its 2024 figure has no full-year total to match")
    points.loc[0, "value"] = 30.0
    assert "the article's 2022 figure does not match (US$21.15 billion)" in trade_finding(trade, points)


@pytest.mark.parametrize("width", [charts.PAGE, charts.PHONE])
def test_the_trade_chart_draws_every_value_inside_its_axes(book, width):
    """Every value a panel draws lies inside its y domain with room for its mark (the 2022 'over 30' triangle was cut
    by the plot's top), and every year inside the x domain with room (the 2025 triangle was cut at the right)."""
    from rk35.topics.trade import FLOW_LABELS, article_points, chart_frame, trade_chart

    article = article_points(book.tables.claims, ["trade-2022-total", "trade-2024-total"])
    spec = trade_chart(book.tables.trade, book.tables.sources, article, width=width).to_dict()
    frame = chart_frame(book.tables.trade)
    checked = 0
    for unit, filters in _units(spec):
        y = unit.get("encoding", {}).get("y", {})
        x = unit.get("encoding", {}).get("x", {})
        flows = [label for label in FLOW_LABELS.values() if any(label in str(f) for f in filters)]
        if y.get("field") != "value" or not flows:
            continue
        values = frame[frame["flow"] == flows[0]]["value"].dropna()
        low, top = y["scale"]["domain"]
        assert low == 0 and values.max() <= top * 0.95, (flows, values.max(), top)
        first, last = x["scale"]["domain"]
        years = frame[frame["flow"] == flows[0]].dropna(subset=["value"])["year"]
        assert first <= years.min() - 0.5 and years.max() + 0.5 <= last
        checked += 1
    assert checked >= 6  # a line and points in each of three panels
    said = [unit for unit, _ in _units(spec) if unit.get("mark", {}).get("shape") == "diamond"]
    assert said and max(article["value"]) <= said[0]["encoding"]["y"]["scale"]["domain"][1] * 0.95


def test_small_suppliers_are_summed_as_others(book):
    from rk35.topics.lng import OTHERS_BELOW_MT, group_small_suppliers, supplier_frame

    full = supplier_frame(book.tables.lng_imports)
    grouped = group_small_suppliers(full)
    for year, group in full.groupby("year"):
        small = group[(group["volume"] < OTHERS_BELOW_MT) & (group["supplier"] != "Russia")]
        drawn = grouped[grouped["year"] == year]
        others = drawn[drawn["supplier"].str.endswith(" others")]
        if small.empty:
            assert others.empty
            continue
        assert len(others) == 1 and others["supplier"].iloc[0] == f"{len(small)} others"
        assert others["volume"].iloc[0] == pytest.approx(small["volume"].sum())
        assert set(small["supplier"]).isdisjoint(drawn["supplier"])
        assert drawn["volume"].sum() == pytest.approx(group["volume"].sum())  # nothing lost, nothing added
    assert "United States Minor Outlying Islands" not in set(grouped["supplier"])
    assert "United States Minor Outlying Islands" in set(full["supplier"])  # the data still hold it


def test_the_supplier_legend_swatches_are_the_bars(book_figures):
    """The bars' fill and outline come from one field whose legend shows the same fill and outline: no legend of
    opacities over black swatches."""
    from rk35.topics.lng import SHADES

    for spec in (book_figures["lng suppliers"].spec, book_figures["lng suppliers"].phone):
        bars = [u for u, _ in _units(spec) if u.get("mark", {}).get("type") == "bar"]
        assert bars and all("opacity" not in b["encoding"] for b in bars)
        for bar in bars:
            assert bar["encoding"]["color"]["scale"]["range"] == [fill for fill, _ in SHADES.values()]
            assert bar["encoding"]["stroke"]["scale"]["range"] == [line for _, line in SHADES.values()]
            assert bar["encoding"]["color"]["title"] == bar["encoding"]["stroke"]["title"]  # one legend, merged
        fills = [fill for fill, _ in SHADES.values()]
        assert len(set(fills)) == len(fills)


def test_the_supplier_panels_line_up(book_figures):
    """Every panel's name axis takes the same width, so that bars and panel titles start at the same x."""
    for spec in (book_figures["lng suppliers"].spec, book_figures["lng suppliers"].phone):
        extents = {(u["encoding"]["y"]["axis"]["minExtent"], u["encoding"]["y"]["axis"]["maxExtent"])
                   for u, _ in _units(spec) if u.get("encoding", {}).get("y", {}).get("field") == "supplier"}
        assert len(extents) == 1


def test_the_timeline_names_every_event_with_labels_apart(book):
    from rk35.topics.events import ROW, TIMELINE_NAMES, timeline_frame

    events = book.tables.events
    assert set(events["event_id"]) <= set(TIMELINE_NAMES)  # each event has its short name
    frame = timeline_frame(events)
    assert len(frame) == len(events) and frame["label"].str.len().max() <= 52
    for _, run in frame.groupby("panel"):
        places = sorted(run["label_at"])
        assert all(b - a >= ROW - 1e-9 for a, b in itertools.pairwise(places))
        assert min(places) >= 0 and max(places) <= run["height"].iloc[0]
        assert list(run["at"]) == sorted(run["at"])  # dates in order down the panel


def test_the_timeline_title_is_computed_from_the_events(book):
    from rk35.topics.events import timeline_finding

    events = book.tables.events
    title = timeline_finding(events)
    after = events["date"] >= "2022-02-24"
    pressure = events["category"].isin(["security", "sanctions"])
    assert f"{int((after & pressure).sum())} of the timeline's {int(after.sum())} events" in title
    assert title.endswith("the last economic event is from 2017")


def test_spread_keeps_labels_apart_and_near_their_places():
    from rk35.labels import spread

    assert spread([10, 50, 90], 14, 0, 100) == [10, 50, 90]  # nothing to move
    assert spread([50, 50, 50], 10, 0, 100) == pytest.approx([40, 50, 60])  # a run centred on its place
    assert spread([0, 0, 0], 10, 5, 100) == pytest.approx([5, 15, 25])  # kept inside
    with pytest.raises(ValueError):
        spread([1] * 20, 10, 0, 100)


def _map_boxes(book, width):
    """Each map panel's label boxes (countries, seas and places) at a layout width, and the panel's size."""
    from rk35.topics import projects as map_module

    t = book.tables
    side_by_side = width >= charts.PAGE
    size = ((width - 40) // 2, 420) if side_by_side else (width - 10, 330)
    panels = []
    for extent, labelled, regions in ((map_module.MAP_EXTENT, map_module.OVERVIEW_LABELLED, map_module.OVERVIEW_REGIONS),
                                      (map_module.DETAIL_EXTENT, map_module.DETAIL_LABELLED, map_module.DETAIL_REGIONS)):
        visible, marks, vertices = map_module.map_frames(t.projects, t.places, t.corridors, extent)
        texts, _ = map_module.map_labels(visible, marks, vertices, labelled, regions,
                                         map_module.mercator_view(extent, *size), size)
        panels.append((texts, size))
    return panels


@pytest.mark.parametrize("width", [charts.PAGE, charts.PHONE])
def test_map_labels_do_not_overlap_and_stay_in_their_panel(book, width):
    """Text boxes estimated from the font size (rk35.labels): no two labels of a panel touch, none leaves it; the
    places that collided (Donghae and Pohang; Vladivostok, Rajin, Slavyanka, Nakhodka) are all labelled."""
    from rk35.labels import Box

    names = []
    for texts, (panel_width, panel_height) in _map_boxes(book, width):
        boxes = [(r["text"], Box(r["left"], r["top"], r["right"], r["bottom"])) for _, r in texts.iterrows()]
        for i, (text, box) in enumerate(boxes):
            assert box.inside(Box(0, 0, panel_width, panel_height)), text
            for other, other_box in boxes[i + 1:]:
                assert not box.overlaps(other_box), (text, other)
        names += list(texts["text"])
    assert {"Donghae", "Pohang", "Vladivostok", "Rajin", "Slavyanka", "Nakhodka"} <= set(names)
    assert {"RUSSIA", "CHINA", "NORTH KOREA", "SOUTH KOREA", "JAPAN", "Sea of Japan (East Sea)"} <= set(names)


def test_map_region_names_stand_in_their_country_or_sea(book):
    """Each country's name is centred on a point of that country's outline and each sea's on no country (Natural
    Earth 1:50m, the basemap drawn)."""
    from rk35.topics import projects as map_module

    shapes = _country_shapes(book.tables.basemap)
    for name, lon, lat, sea in map_module.OVERVIEW_REGIONS + map_module.DETAIL_REGIONS:
        inside = {country for country, rings in shapes.items() if any(_in_ring(lon, lat, ring) for ring in rings)}
        if sea:
            assert not inside, (name, inside)
        else:
            assert inside == {name.title()}, (name, inside)


def _country_shapes(topology):
    """Each country's outer rings as lists of (lon, lat), decoded from the TopoJSON arcs."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            points += arcs[index] if index >= 0 else arcs[~index][::-1]
        return points

    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        shapes[geometry["properties"]["name"]] = [ring(polygon[0]) for polygon in polygons]
    return shapes


def _in_ring(lon, lat, ring):
    inside = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside



def test_frames_that_only_place_labels_and_lines_are_not_offered_as_data(book_figures):
    """The map's label positions and leader lines and the timeline's axis are drawn, not downloaded: each chart
    offers its values only (the map its places, corridors and projects; the timeline its events)."""
    for name in ("map", "timeline"):
        spec = book_figures[name].spec
        drawn = [rows for rows in spec["datasets"].values() if any(charts.LAYOUT_COLUMN in row for row in rows)]
        assert drawn, name  # the layout frames are in the chart
        offered = charts.data_tables(spec)
        assert all(charts.LAYOUT_COLUMN not in row for rows in offered for row in rows), name
    assert len(charts.data_tables(book_figures["timeline"].spec)) == 1
    assert len(charts.data_tables(book_figures["map"].spec)) == 3
