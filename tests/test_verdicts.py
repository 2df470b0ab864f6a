import pytest

from rk35.data import load
from rk35.render import how_to_read, scale_table, verdict_box, verdict_css
from rk35.text import md
from rk35.verdicts import (
    RULES,
    Assessment,
    Verdict,
    causal_verdict,
    ceiling_verdict,
    floor_verdict,
    list_verdict,
    lower_one_step,
    rank_verdict,
    status_verdict,
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
    a = Assessment("x", Verdict.PARTLY_HOLDS, "a", "b", "part-unconfirmed", "reason", ("trade:KITA_YONHAP_2023",))
    sources = load("sources")
    text = verdict_box(a, "", sources)
    assert text.startswith(":::{admonition} Verdict: partly holds\n:class: verdict verdict-partly-holds")
    # a short citation: the publisher and the linked title, the source id only in the source list
    assert md(sources.loc["trade:KITA_YONHAP_2023", "publisher"]) in text and "(<https://" in text
    assert "KITA\\_YONHAP" not in text


def test_every_verdict_has_a_css_class_in_the_stylesheet():
    css = verdict_css()
    for verdict in Verdict:
        assert f".{verdict.css_class} " in css or f".{verdict.css_class}{{" in css, verdict


def test_scale_table_lists_every_verdict():
    table = scale_table()
    assert ":name: tbl-verdict-scale" in table
    for verdict in Verdict:
        assert f"| {verdict.value} |" in table


def test_an_assessment_names_a_rule_of_the_rulebook_that_can_give_its_verdict():
    with pytest.raises(ValueError, match="no rule named 'guess'"):
        Assessment("x", Verdict.HOLDS, "a", "b", "guess", "reason")
    with pytest.raises(ValueError, match="the 'detail-differs' rule cannot give 'holds'"):
        Assessment("x", Verdict.HOLDS, "a", "b", "detail-differs", "reason")


def test_the_box_prints_the_rule_by_name_and_the_books_reading_and_says_nothing_the_chapter_says_once():
    text = Assessment("x", Verdict.HOLDS_APPROXIMATELY, "a", "b", "value", "why", reading="Read to the hundred.",
                      as_of="28 November 2026")
    text = verdict_box(text, "", load("sources"))
    assert "*Rule:* {ref}`value <tbl-rulebook>`." in text
    assert "Read to the hundred\\." in text
    assert "28 November 2026" not in text and "rulebook says" not in text  # the chapter's "how to read" says them
    assert text.count("holds approximately") == 1  # the verdict, once, in the box's title


def test_how_to_read_names_every_part_of_the_chapters_claims_and_each_date_once():
    def judged(claim_id, day, verdict=Verdict.HOLDS, rule="dated-fact"):
        return Assessment(claim_id, verdict, "a", "b", rule, "why", as_of=day)

    assessed = {"c1": Assessment("c1", Verdict.HOLDS, "a", "b", "value", "why", how="computed"),
                "j1": judged("j1", "28 November 2026"), "j2": judged("j2", "2 December 2026"),
                "j3": judged("j3", "2 December 2026"),
                "o1": judged("o1", "2 December 2026", Verdict.CONTEXT_ONLY, "opinion")}
    text = how_to_read(assessed, {"j1": "the first one"})
    assert "the verdicts of one claim are computed" in text
    assert ("those of three claims are judged from the sources found by 28 November 2026 (“the first one”) and by "
            "2 December 2026 (the other two)") in text
    assert "one is an opinion, shown for context and not checked" in text
    assert "{numref}`tbl-verdict-scale`" in text and "{numref}`tbl-rulebook`" in text
    one_date = how_to_read({"j2": assessed["j2"]}, {})
    assert "the verdicts of one claim are judged from the sources found by 2 December 2026." in one_date


def test_status_causal_and_list_rules():
    assert status_verdict("operating", "operating") is Verdict.HOLDS
    assert status_verdict("halted", "operating") is Verdict.DOES_NOT_HOLD
    assert status_verdict("unknown", "operating") is Verdict.NOT_VERIFIABLE
    assert status_verdict("announced only", "operating") is Verdict.NOT_VERIFIABLE
    assert causal_verdict(True, True, False) is Verdict.HOLDS
    assert causal_verdict(True, True, True) is Verdict.PARTLY_HOLDS
    assert causal_verdict(True, False, False) is Verdict.PARTLY_HOLDS
    assert causal_verdict(False, True, False) is Verdict.DOES_NOT_HOLD
    assert list_verdict(9, 9, 9) is Verdict.HOLDS
    assert list_verdict(8, 9, 8) is Verdict.PARTLY_HOLDS
    assert list_verdict(0, 9, 8) is Verdict.DOES_NOT_HOLD


def test_every_rule_function_gives_only_verdicts_its_rule_lists():
    """The computed rules' functions, tried on many inputs, never give a verdict the rulebook does not list."""
    cases = {
        "value": [value_verdict(s, f, d) for s in (1.0, 21.0, 1500.0) for f in (None, 0.9, 1.0, 20.6, 21.15, 1431.0, 2000.0)
                  for d in (-2, 0, 1)],
        "trend": [trend_verdict(v, 1, 3) for v in ({1: 1, 2: 2, 3: 3}, {1: 1, 2: 0.5, 3: 3}, {1: 3, 2: 2, 3: 1}, {1: 1})],
        "ceiling": [ceiling_verdict(1, v) for v in ([], [0.5], [0.5, 1.5], [2.0])],
        "floor": [floor_verdict(1, v) for v in ([], [1.5], [0.5, 1.5], [0.5])],
        "rank": [rank_verdict(7, c, w) for c in (None, 6, 7) for w in (None, 7, 8, 9)],
        "status": [status_verdict(r, "operating") for r in ("operating", "halted", "unknown", "completed")],
        "causal": [causal_verdict(a, b, c) for a in (True, False) for b in (True, False) for c in (True, False)],
        "list": [list_verdict(n, 9, s) for n in (0, 8, 9) for s in (8, 9)],
        "unsupported-qualifier": [lower_one_step(value_verdict(21, f, 0)) for f in (None, 21.15, 20.2, 30.0)],
    }
    for rule, given in cases.items():
        assert set(given) <= set(RULES[rule].verdicts), rule
