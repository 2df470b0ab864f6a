import pytest

from rk35.fmt import MINUS, Text, date, mt, pct, pct_change, usd_bn


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


def test_text_survives_the_glue_roles_literal_eval():
    from ast import literal_eval

    for text in ("1,431", "2012, 2016, 2017, 2018", "3.2", "2021", "it's", 'say "so"', "US$1 billion", f"{MINUS}45.7%"):
        assert literal_eval(repr(Text(text))) == text


def test_tables_have_a_stable_id():
    import pandas as pd

    from rk35.fmt import table

    frame = pd.DataFrame({"a": [1.234]})
    first, again = table(frame, "t1", 2)._repr_mimebundle_(), table(frame, "t1", 2)._repr_mimebundle_()
    assert first == again
    assert 'id="T_t1"' in first["text/html"] and "1.23" in first["text/html"]
    assert first["text/plain"].split() == ["a", "1.23"]
