"""The verdicts' look in the theme's light and dark modes: every text reads (WCAG AA), the dark look is derived from
the one light table, and the page colours the contrasts are computed on are the theme's."""

import re
from pathlib import Path

import pydata_sphinx_theme
import pytest

from rk35.colours import GRAPHIC_CONTRAST, MODES, TEXT_CONTRAST, contrast, over, reflected, standing_out, text_on
from rk35.render import BADGE, DARK_MODE, verdict_css
from rk35.verdicts import LOOK, LOOKS, Verdict, dark_look

THEME_CSS = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "styles"
             / "pydata-sphinx-theme.css")


def test_the_contrast_ratio_is_wcag_s():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes on white
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert over((0, 0, 0, 0.5), "#FFFFFF") == "#808080"
    assert reflected("#000000") == "#FFFFFF" and reflected("#FFFFFF") == "#000000"
    assert text_on("#FFFF00") == "#000000" and text_on("#000080") == "#FFFFFF"


def test_a_colour_that_vanishes_on_the_page_is_made_to_stand_out():
    assert standing_out("#009E73", MODES["dark"].background) == "#009E73"
    lifted = standing_out("#222222", MODES["dark"].background)
    assert contrast(lifted, MODES["dark"].background) >= GRAPHIC_CONTRAST


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("verdict", list(Verdict))
def test_each_verdict_reads_in_each_mode(mode, verdict):
    page, look = MODES[mode], LOOKS[mode][verdict]
    badge = contrast(look.badge_text, look.badge_background)
    assert badge >= TEXT_CONTRAST, f"{verdict.value} badge, {mode}: {badge:.2f}"
    title = contrast(page.text, over(look.tint, page.box))
    assert title >= TEXT_CONTRAST, f"{verdict.value} box title, {mode}: {title:.2f}"
    assert contrast(page.text, page.box) >= TEXT_CONTRAST  # the box's body text
    if mode == "dark":  # every border and badge stands out from the dark page (in light mode, as LOOK chose)
        assert contrast(look.colour, page.background) >= GRAPHIC_CONTRAST
        assert contrast(look.badge_background, page.background) >= GRAPHIC_CONTRAST


def test_the_dark_look_is_derived_from_the_light_one_and_styled():
    css = verdict_css()
    for verdict, look in LOOK.items():
        dark = LOOKS["dark"][verdict]
        assert dark == dark_look(look) and dark.latex_box == look.latex_box
        assert f"{DARK_MODE}div.admonition.{verdict.css_class} {{ border-color: {dark.colour}; }}" in css
        assert (f"{DARK_MODE}.sd-badge.sd-bg-{BADGE[verdict]} {{ background-color: {dark.badge_background} "
                f"!important; color: {dark.badge_text} !important; }}") in css
    # black on a dark page would vanish: the context-only look turns white; the colours that stand out stay
    assert LOOKS["dark"][Verdict.CONTEXT_ONLY].colour == "#FFFFFF"
    assert LOOKS["dark"][Verdict.HOLDS].colour == LOOK[Verdict.HOLDS].colour


def _theme_block(mode: str) -> str:
    return "".join(re.findall(r"html\[data-theme=" + mode + r"\]\{([^}]*)\}", THEME_CSS.read_text(encoding="utf-8")))


@pytest.mark.parametrize("mode", list(MODES))
def test_the_page_colours_are_the_theme_s(mode):
    block = _theme_block(mode)
    variables = {"background": "background", "box": "on-background", "text": "text-base", "muted": "text-muted"}
    for field, variable in variables.items():
        found = re.search(rf"--pst-color-{variable}:#([0-9a-fA-F]{{6}}|[0-9a-fA-F]{{3}})\b", block)
        assert found, variable
        value = found.group(1).upper()
        value = "".join(c * 2 for c in value) if len(value) == 3 else value
        assert "#" + value == getattr(MODES[mode], field), (mode, variable)
