import base64

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
