"""Label placement for the book's charts: each label goes to the first place around its point where its text box
touches no other label, no mark it was told to avoid and no edge of the plot; a label set away from its point gets a
leader line.

Text boxes are estimated from the font size (the chart font's glyphs average about half an em; capitals and bold a
little wider), in the chart's pixels: a label placed here is set with vega's `align` and a middle baseline at the
point returned.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

#: The average width of a glyph of the chart font, in em, for regular and bold text (a slight overestimate, so that
#: labels placed apart stay apart in the browser).
GLYPH_EM = {False: 0.52, True: 0.58}
#: A text line's height, in em.
LINE_EM = 1.3


@dataclass(frozen=True)
class Box:
    """A rectangle in chart pixels (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return (self.left < other.right + gap and other.left < self.right + gap
                and self.top < other.bottom + gap and other.top < self.bottom + gap)

    def inside(self, frame: Box) -> bool:
        return (self.left >= frame.left and self.right <= frame.right
                and self.top >= frame.top and self.bottom <= frame.bottom)

    def overlap_area(self, other: Box) -> float:
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return max(width, 0) * max(height, 0)


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    return len(text) * font_size * GLYPH_EM[bold]


def text_box(text: str, x: float, y: float, align: str, font_size: float, bold: bool = False) -> Box:
    """The box of a one-line text set at (x, y) with `align` (left, center, right) and a middle baseline."""
    width, height = text_width(text, font_size, bold), font_size * LINE_EM
    left = {"left": x, "center": x - width / 2, "right": x - width}[align]
    return Box(left, y - height / 2, left + width, y + height / 2)


def point_box(x: float, y: float, radius: float) -> Box:
    return Box(x - radius, y - radius, x + radius, y + radius)


def line_boxes(points: list[tuple[float, float]], step: float = 4.0, half: float = 1.5) -> list[Box]:
    """A polyline as small boxes every `step` px along it (for labels to keep off the line)."""
    boxes = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = max(abs(x1 - x0), abs(y1 - y0))
        count = max(1, int(length / step))
        boxes += [point_box(x0 + (x1 - x0) * i / count, y0 + (y1 - y0) * i / count, half) for i in range(count + 1)]
    return boxes


@dataclass(frozen=True)
class Label:
    """A label to place: its text at a point (x, y) of the chart, whose mark has the given radius."""

    text: str
    x: float
    y: float
    radius: float = 3.0
    font_size: float = 11.0
    bold: bool = False


@dataclass(frozen=True)
class Placement:
    label: Label
    x: float  # where the text is set (with `align` and a middle baseline)
    y: float
    align: str
    box: Box
    leader: bool  # set away from its point: a leader line joins them
    clear: bool  # touches nothing it was told to avoid


#: The directions tried around a point, in order of preference: (dx, dy, align) per unit of distance.
DIRECTIONS = [(1, 0, "left"), (-1, 0, "right"), (0, -1, "center"), (0, 1, "center"),
              (0.8, -0.8, "left"), (-0.8, -0.8, "right"), (0.8, 0.8, "left"), (-0.8, 0.8, "right")]
#: How far from the mark's edge a label is tried, in px; past the first ring it gets a leader line.
DISTANCES = (3, 14, 28, 44, 60)


def leader_end(label: Label, box: Box) -> tuple[float, float]:
    """Where a leader line from the label's point meets its box: the box's nearest point."""
    return min(max(label.x, box.left), box.right), min(max(label.y, box.top), box.bottom)


def place(labels: list[Label], frame: Box, avoid: list[Box] = (), gap: float = 1.0,
          directions=DIRECTIONS, distances=DISTANCES, text: list[Box] = ()) -> list[Placement]:
    """Each label at the first position (nearest ring first, then by direction) whose box lies inside `frame`, touches
    no other text (the `text` boxes and the labels placed before it) and no mark to `avoid`, and whose leader line
    crosses neither; where there is none, at the position that costs least: leaving the frame, then touching text,
    then covering marks, then a leader crossing something. Labels are placed in the order given (the most important
    first)."""
    placed: list[Placement] = []
    for label in labels:
        best, best_cost = None, None
        for ring, distance in enumerate(distances):
            for dx, dy, align in directions:
                reach = label.radius + distance
                x, y = label.x + dx * reach, label.y + dy * reach
                if dy and not dx:  # straight above or below: the text's half height further
                    y += dy * label.font_size * LINE_EM / 2
                box = text_box(label.text, x, y, align, label.font_size, label.bold)
                texts = [p.box for p in placed] + list(text)
                others = texts + list(avoid)
                cost = 1e6 * sum(box.overlap_area(o) + 1 for o in texts if box.overlaps(o, gap))
                cost += 100 * sum(box.overlap_area(o) + 1 for o in avoid if box.overlaps(o, gap))
                if ring > 0:  # a leader line should not cross another label or mark either
                    own = point_box(label.x, label.y, label.radius + 1)
                    leader = line_boxes([(label.x, label.y), leader_end(label, box)], half=0.5)
                    cost += sum(1 for segment in leader if not segment.overlaps(own)
                                for o in others if segment.overlaps(o) and not o.overlaps(own))
                cost += 0 if box.inside(frame) else 1e12
                if cost == 0:
                    best, best_cost = Placement(label, x, y, align, box, ring > 0, True), 0
                    break
                if best_cost is None or cost < best_cost:
                    best, best_cost = Placement(label, x, y, align, box, ring > 0, False), cost
            if best_cost == 0:
                break
        placed.append(best)
    return placed


def spread(wanted: list[float], step: float, low: float, high: float) -> list[float]:
    """Positions on one axis as near as possible to `wanted` (in order) and at least `step` apart, within
    [low, high]: labels of a vertical timeline. Runs that would overlap are merged and centred on their wanted
    positions (least squares), then kept inside the range."""
    if not wanted:
        return []
    if (len(wanted) - 1) * step > high - low:
        raise ValueError(f"{len(wanted)} labels {step} px apart do not fit in {high - low:.0f} px")
    clusters: list[list] = []  # [first index, count, first position]
    for index, position in enumerate(wanted):
        clusters.append([index, 1, position])
        while len(clusters) > 1:
            previous, last = clusters[-2], clusters[-1]
            if previous[2] + previous[1] * step <= last[2]:
                break
            first, count = previous[0], previous[1] + last[1]
            mean = sum(wanted[first + k] - k * step for k in range(count)) / count
            clusters[-2:] = [[first, count, mean]]
        last = clusters[-1]
        last[2] = min(max(last[2], low), high - (last[1] - 1) * step)
        while len(clusters) > 1 and clusters[-2][2] + clusters[-2][1] * step > clusters[-1][2]:
            previous, last = clusters[-2], clusters[-1]
            first, count = previous[0], previous[1] + last[1]
            top = min(max(sum(wanted[first + k] - k * step for k in range(count)) / count, low), high - (count - 1) * step)
            clusters[-2:] = [[first, count, top]]
    return [top + k * step for _, count, top in clusters for k in range(count)]
