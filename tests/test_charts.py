import base64

import altair as alt
import pandas as pd
import pytest

from rk35 import charts


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
    assert spec["title"]["text"] == "Source: test data" and spec["title"]["orient"] == "bottom"


def test_theme_is_active():
    assert alt.theme.active == "rk35"


def test_javascript_bundle_is_self_contained():
    bundle = charts.javascript_bundle()
    assert charts.READY_EVENT in bundle and "window.vegaEmbed" in bundle
    assert "cdn.jsdelivr" not in bundle and "unpkg.com" not in bundle
    assert bundle.startswith("(function () {")


def _book_charts():
    """Every chart the book draws, built from the data package."""
    import rk35
    from rk35 import context as X
    from rk35 import data as D
    from rk35 import lng
    from rk35 import projects as P
    from rk35 import trade as T
    from rk35.claims import assess_all, verdict_chart

    imports, facts = rk35.load_lng_imports(), rk35.load_lng_facts()
    return {
        "trade": T.trade_chart(rk35.load_trade(), rk35.load_sources()),
        "lng suppliers": lng.supplier_chart(imports),
        "lng russia": lng.russia_chart(imports, facts, 2.1, 4.6),
        "map": P.map_chart(rk35.load_projects(), rk35.load_places(), rk35.load_corridors(), rk35.load_basemap()),
        "status": P.status_chart(rk35.load_projects()),
        "export controls": X.items_chart(D.load_export_controls(), 1500),
        "visitors": X.visitors_chart(D.load_transport()),
        "timeline": X.timeline_chart(D.load_events()),
        "verdicts": verdict_chart(assess_all()),
    }


def _fonts(node) -> set:
    """Every font a spec names (keys 'font' or '...Font', at any depth)."""
    if isinstance(node, dict):
        named = {v for k, v in node.items() if k == "font" or k.endswith("Font")}
        return named.union(*(_fonts(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_fonts(v) for v in node))
    return set()


def test_every_chart_of_the_book_is_a_valid_vega_lite_spec_in_the_one_font():
    for name, chart in _book_charts().items():
        spec = chart.to_dict(validate=True)  # raises on a spec vega-lite's schema refuses
        fonts = _fonts(spec)
        assert fonts <= {charts.FONT}, f"{name}: names {fonts - {charts.FONT}}"
