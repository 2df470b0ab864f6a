import pytest

from rk35.fmt import MINUS, Text, date, month_year, mt, on_date, pct, pct_change, usd_bn


def test_money_keeps_the_given_precision():
    assert usd_bn(21.15, 2) == "US$21.15 billion"
    assert usd_bn(16.0, 1) == "US$16.0 billion"
    assert usd_bn(6.638, 3) == "US$6.638 billion"
    assert usd_bn(1234.5, 1) == "US$1,234.5 billion"


def test_money_needs_an_explicit_precision():
    with pytest.raises(TypeError):
        usd_bn(21.15)  # type: ignore[call-arg]


def test_percentages_and_signs():
    assert pct(0.518) == "0.5%"
    assert pct(-45.714, signed=True) == f"{MINUS}45.7%"
    assert pct(11.3, signed=True) == "+11.3%"
    assert pct(0.04, signed=True) == "0.0%"  # rounds to zero: no sign
    assert pct(0.7470, 2) == "0.75%"


def test_change():
    assert pct_change(21, 11.4) == pytest.approx(-45.714, abs=1e-3)
    with pytest.raises(ZeroDivisionError):
        pct_change(0, 1)


def test_volumes():
    assert mt(2.1234) == "2.12 million tonnes"


def test_dates():
    assert date("1990-09-30") == "30 September 1990"
    assert date("2014-03") == "March 2014"
    assert date("2014") == "2014"
    for bad in ("2014-13", "30.09.1990", "1990-02-30"):
        with pytest.raises(ValueError):
            date(bad)
    assert [on_date(day) for day in ("2022-03-26", "2022-03", "2022")] == ["on 26 March 2022", "in March 2022", "in 2022"]


def test_text_survives_the_glue_roles_literal_eval():
    from ast import literal_eval

    for text in ("1,431", "2012, 2016, 2017, 2018", "3.2", "2021", "it's", 'say "so"', "US$1 billion", f"{MINUS}45.7%"):
        assert literal_eval(repr(Text(text))) == text


def test_a_table_reads_as_a_readers_table():
    import pandas as pd

    from rk35.fmt import table

    frame = pd.DataFrame({"year": pd.array([2022, 2023], dtype="Int64"), "value": pd.array([21.15, None], dtype="Float64"),
                          "value_decimals": pd.array([2, None], dtype="Int64"), "flag": [True, False],
                          "count": pd.array([1431, 12000], dtype="Int64"), "code": ["KOR", "RUS"]})
    t = table(frame, {"year": "Year", "value": "US$ billion", "flag": "Lower bound", "count": "Items", "code": "Reported by"},
              labels={"code": {"KOR": "Korean-reported"}})
    assert t.rows == [["2022", "21.15", "yes", "1,431", "Korean-reported"], ["2023", "—", "", "12,000", "RUS"]]
    assert t.headers == ["Year", "US$ billion", "Lower bound", "Items", "Reported by"]
    bundle = t._repr_mimebundle_()
    assert set(bundle) == {"text/markdown", "text/plain"}  # a document table in HTML and PDF, never pandas HTML
    assert bundle == table(frame, {"year": "Year", "value": "US$ billion", "flag": "Lower bound", "count": "Items",
                                   "code": "Reported by"}, labels={"code": {"KOR": "Korean-reported"}})._repr_mimebundle_()
    for raw in ("NaN", "nan", "None", "True", "False", "<NA>", "value_usd_bn"):
        assert raw not in bundle["text/markdown"] and raw not in bundle["text/plain"]
    assert "|--:|" in bundle["text/markdown"].replace("|:--|", "|").replace("||", "|")  # numbers right-aligned
    captioned = table(frame, {"year": "Year"}, caption="Years", label="tbl-years").markdown
    assert captioned.startswith(":::{table} Years\n:name: tbl-years\n")


def test_a_table_refuses_a_column_the_frame_lacks():
    import pandas as pd
    import pytest

    from rk35.fmt import table

    with pytest.raises(KeyError, match="missing_column"):
        table(pd.DataFrame({"a": [1]}), {"missing_column": "A"})


def test_month_year_is_the_charts_short_date():
    assert (month_year("2024-12-03"), month_year("2024-06"), month_year("2014")) == ("Dec 2024", "Jun 2024", "2014")
