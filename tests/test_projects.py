from math import isclose

from rk35.data import load, load_basemap
from rk35.topics import projects as P


def test_subset_topology_keeps_only_used_arcs_and_renumbers_them():
    topo = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
            "arcs": [[[0, 0], [1, 0]], [[5, 5], [1, 1]], [[1, 0], [0, 1]], [[9, 9], [0, 1]]],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, ~2]], "properties": {"name": "A"}},
                {"type": "MultiPolygon", "arcs": [[[3]]], "properties": {"name": "B"}},
                {"type": "Polygon", "arcs": [[1]], "properties": {"name": "C"}}]}}}
    sub = P.subset_topology(topo, ("A", "B"))
    assert sub["arcs"] == [topo["arcs"][0], topo["arcs"][2], topo["arcs"][3]]
    geometries = sub["objects"]["countries"]["geometries"]
    assert geometries[0]["arcs"] == [[0, ~1]] and geometries[1]["arcs"] == [[[2]]]


def test_the_real_basemap_subset_has_the_six_countries():
    sub = P.subset_topology(load_basemap(), P.MAP_COUNTRIES)
    assert {g["properties"]["name"] for g in sub["objects"]["countries"]["geometries"]} == set(P.MAP_COUNTRIES)
    assert len(sub["arcs"]) < len(load_basemap()["arcs"])


def test_mercator_view_fits_the_extent():
    view = P.mercator_view((120, 30, 130, 40), 300, 380)
    assert view["type"] == "mercator" and view["translate"] == [150, 190]
    assert isclose(view["center"][0], 125)
    assert 34.5 < view["center"][1] < 35.5  # the Mercator middle lies a little north of 35


def test_status_counts_cover_the_scale_and_exclude_initiatives():
    projects = load("projects")
    counts = P.status_counts(projects)
    assert list(counts["status"]) == P.STATUSES
    assert counts["projects"].sum() == (projects["kind"] == "project").sum()


def test_every_place_and_project_has_a_source_and_approximate_points_are_flagged():
    places, projects = load("places"), load("projects")
    assert places["source_id"].notna().all() and projects["source_id"].notna().all()
    approx = places["coordinate_basis"].str.startswith("approximate")
    assert (places["approximate"] == approx).all() and approx.sum() > 0


def test_the_map_draws_approximate_points_differently():
    visible, marks, vertices = P.map_frames(load("projects"), load("places"), load("corridors"))
    assert set(visible["coordinate"]) == {"from a gazetteer", "approximate (placed by the compiler)"}
    assert not marks.empty and vertices.groupby("corridor")["order"].min().eq(0).all()


def test_a_corridor_through_an_unknown_place_is_refused(data_copy):
    import pytest

    from rk35.data import DataError, validate_package
    from tests.conftest import edit_cell
    from tools.update_checksums import main as record

    edit_cell(data_copy / "corridors.csv", 2, "place_sequence", "khasan;atlantis")
    record(data_copy)
    with pytest.raises(DataError, match=r"corridors\.csv, line 2, field 'place_sequence': rule: 'atlantis'"):
        validate_package(data_copy)
