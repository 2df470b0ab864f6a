"""Colour arithmetic for the book's look: WCAG 2 contrast ratios, a tint laid over a background, a colour made to
stand out from a page, and the theme's page colours in its light and dark modes.

A leaf: it imports nothing of the book's.
"""

from __future__ import annotations

import colorsys
from typing import NamedTuple


class Page(NamedTuple):
    """The colours a mode of the theme gives the page: its background, a box's background (admonitions, cards),
    body text and muted text."""

    background: str
    box: str
    text: str
    muted: str


#: The theme's page colours in each of its modes (pydata-sphinx-theme's --pst-color-background, -on-background,
#: -text-base and -text-muted). tests/test_looks.py checks them against the installed theme's stylesheet.
MODES: dict[str, Page] = {
    "light": Page(background="#FFFFFF", box="#FFFFFF", text="#222832", muted="#48566B"),
    "dark": Page(background="#14181E", box="#222832", text="#CED6DD", muted="#9CA4AF"),
}

#: WCAG 2.1 AA: the least contrast of text (1.4.3) and of a graphical object that carries meaning (1.4.11).
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0


def rgb(colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' as three 0–255 channels."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_colour(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{min(255, max(0, round(c))):02X}" for c in channels)


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance (0 black, 1 white)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(c) for c in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def over(tint: tuple[int, int, int, float], background: str) -> str:
    """A translucent colour (red, green, blue, alpha) laid over an opaque background, as the opaque colour seen."""
    *channels, alpha = tint
    return hex_colour(tuple(alpha * c + (1 - alpha) * b for c, b in zip(channels, rgb(background))))


def reflected(colour: str) -> str:
    """The colour with the same hue and saturation and its lightness turned over (black becomes white)."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb(colour)))
    return hex_colour(tuple(255 * c for c in colorsys.hls_to_rgb(hue, 1 - lightness, saturation)))


def standing_out(colour: str, background: str, minimum: float = GRAPHIC_CONTRAST) -> str:
    """The colour itself where it stands out from the background (a graphical object's 3:1); else its lightness
    turned over; failing that, mixed towards white or black (whichever is farther from the background) until it
    does."""
    if contrast(colour, background) >= minimum:
        return colour
    end = "#FFFFFF" if luminance(background) < 0.5 else "#000000"
    for step in range(21):
        candidate = over((*rgb(end), step / 20), reflected(colour))
        if contrast(candidate, background) >= minimum:
            return candidate
    raise ValueError(f"no colour like {colour} stands out {minimum}:1 from {background}")


def text_on(background: str) -> str:
    """Black or white, whichever reads better on the background."""
    return max(("#000000", "#FFFFFF"), key=lambda text: contrast(text, background))
