import pytest

from rk35.verdicts import (
    Assessment,
    Verdict,
    ceiling_verdict,
    lower_one_step,
    scale_table,
    trend_verdict,
    value_verdict,
)


@pytest.mark.parametrize(
    "stated, found, decimals, expected",
    [
        (21, 21.15, 0, Verdict.HOLDS),  # rounds to the stated figure
        (21, 21.5, 0, Verdict.HOLDS),  # exactly half a unit: still rounds to it
        (21, 21.6, 0, Verdict.HOLDS_APPROXIMATELY),  # 2.9% off
        (21, 22.05, 0, Verdict.HOLDS_APPROXIMATELY),  # 5.0% off
        (21, 22.2, 0, Verdict.DOES_NOT_HOLD),  # 5.7% off
        (11.4, 11.38, 1, Verdict.HOLDS),
        (11.4, 11.5, 1, Verdict.HOLDS_APPROXIMATELY),
        (11.4, None, 1, Verdict.NOT_VERIFIABLE),
        (11.4, float("nan"), 1, Verdict.NOT_VERIFIABLE),
    ],
)
def test_value_rule(stated, found, decimals, expected):
    assert value_verdict(stated, found, decimals) is expected


def test_a_qualifier_lowers_only_positive_verdicts():
    assert lower_one_step(Verdict.HOLDS) is Verdict.HOLDS_APPROXIMATELY
    assert lower_one_step(Verdict.HOLDS_APPROXIMATELY) is Verdict.PARTLY_HOLDS
    assert lower_one_step(Verdict.DOES_NOT_HOLD) is Verdict.DOES_NOT_HOLD
    assert lower_one_step(Verdict.NOT_VERIFIABLE) is Verdict.NOT_VERIFIABLE


def test_trend_rule():
    assert trend_verdict({2017: 1, 2018: 2, 2019: 3}, 2017, 2019) is Verdict.HOLDS
    assert trend_verdict({2017: 1, 2018: 3, 2019: 2}, 2017, 2019) is Verdict.PARTLY_HOLDS
    assert trend_verdict({2017: 3, 2018: 4, 2019: 2}, 2017, 2019) is Verdict.DOES_NOT_HOLD
    assert trend_verdict({2017: 1, 2019: 2}, 2017, 2020) is Verdict.NOT_VERIFIABLE
    # a gap gives no change: only measurable changes count
    assert trend_verdict({2017: 1, 2018: 2, 2020: 5}, 2017, 2020) is Verdict.HOLDS


def test_ceiling_rule():
    assert ceiling_verdict(1, [0.5, 0.99]) is Verdict.HOLDS
    assert ceiling_verdict(1, [0.5, 1.0]) is Verdict.PARTLY_HOLDS
    assert ceiling_verdict(1, [1.2, 1.5]) is Verdict.DOES_NOT_HOLD
    assert ceiling_verdict(1, []) is Verdict.NOT_VERIFIABLE


def test_admonition_class_follows_the_verdict():
    a = Assessment("x", Verdict.PARTLY_HOLDS, "a", "b", "rule", "reason", ("trade:KITA_YONHAP_2023",))
    text = a.admonition()
    assert text.startswith(":::{admonition} Verdict: partly holds\n:class: verdict verdict-partly-holds")
    assert "trade\\:KITA\\_YONHAP\\_2023" in text and "(<https://" in text


def test_every_verdict_has_a_css_class_in_the_stylesheet():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "rk35" / "static" / "rk35.css").read_text()
    for verdict in Verdict:
        assert f".{verdict.css_class} " in css or f".{verdict.css_class}{{" in css, verdict


def test_scale_table_lists_every_verdict():
    table = scale_table()
    assert ":name: tbl-verdict-scale" in table
    for verdict in Verdict:
        assert f"| {verdict.value} |" in table
