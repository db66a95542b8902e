"""Where to write word labels on a map so that no two print over each other.

Pure geometry in pixels, so any map can use it: an Altair chart turns its data into pixels with
its own scales (`to_pixels`, `label_frame`), and a player drawing frames in the browser can run
the same greedy pass on its pixel boxes (`place_labels`: anchors and text sizes in, kept labels
with their offsets out).

Greedy, most important label first: each label takes the first free spot around its dot (right,
upper right, lower right, left, …) whose box stays inside the plot, overlaps no label already
placed and, if some spot allows it, covers no other dot; a label with no free spot is dropped
(the word is still a dot with a tooltip). Text sizes are estimated generously from the font
size, since the browser's exact widths are not known here.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

CHAR_EM = 0.62      # an average character's width in em: generous for lowercase sans-serif
BOLD_EM = 0.68
LINE_EM = 1.2       # a label's height in em
GAP = 4.0           # pixels between a dot's edge and its label
DOT = 4.0           # a dot's radius in pixels (as an obstacle for other dots' labels)

# The spots around a dot, in the order they are tried: (align, baseline, x side, y side), sides
# −1, 0 or +1 in pixels' directions (y grows downwards). align/baseline are Vega's text marks'.
SPOTS = (("left", "middle", 1, 0), ("left", "bottom", 1, -1), ("left", "top", 1, 1),
         ("right", "middle", -1, 0), ("right", "bottom", -1, -1), ("right", "top", -1, 1),
         ("center", "bottom", 0, -1), ("center", "top", 0, 1))


@dataclass(frozen=True)
class Placement:
    index: int                  # the label's position in the input
    dx: float                   # from the anchor to the text's anchor, pixels (right +)
    dy: float                   # pixels (down +)
    align: str                  # Vega text align at (dx, dy): left, right or center
    baseline: str               # Vega text baseline: top, middle or bottom
    box: tuple[float, float, float, float]   # x0, y0, x1, y1 of the text, pixels


def text_size(text: str, font_px: float, bold: bool = False) -> tuple[float, float]:
    """Estimated (width, height) in pixels of `text` at `font_px`."""
    return len(text) * font_px * (BOLD_EM if bold else CHAR_EM), font_px * LINE_EM


def to_pixels(x, y, x_domain, y_domain, width: float, height: float) -> np.ndarray:
    """Data coordinates → (n, 2) pixels of a plot width × height (origin top left, y down)."""
    (x0, x1), (y0, y1) = x_domain, y_domain
    px = (np.asarray(x, float) - x0) / ((x1 - x0) or 1.0) * width
    py = (1.0 - (np.asarray(y, float) - y0) / ((y1 - y0) or 1.0)) * height
    return np.column_stack([px, py])


def _spot(x, y, w, h, spot, gap):
    align, baseline, sx, sy = spot
    dx, dy = sx * gap, sy * gap
    x0 = x + dx - (w if align == "right" else w / 2 if align == "center" else 0)
    y0 = y + dy - (h if baseline == "bottom" else h / 2 if baseline == "middle" else 0)
    return dx, dy, (x0, y0, x0 + w, y0 + h)


def _apart(a, a_at, b, b_at, growing: bool) -> bool:
    """Do boxes a and b (anchored at a_at, b_at) not overlap?

    growing: the plot may be drawn larger than the size the pixels were computed for (a chart
    stretched to its column). Anchors then move apart while boxes keep their size and offset,
    so two boxes side by side stay apart only if their anchors are in the same order as they
    are; boxes that overlap nowhere now but swap sides later would meet on the way.
    """
    for axis in (0, 1):
        lo, hi = axis, axis + 2
        if a[hi] <= b[lo] and (not growing or a_at[axis] <= b_at[axis]):
            return True
        if b[hi] <= a[lo] and (not growing or b_at[axis] <= a_at[axis]):
            return True
    return False


def place_labels(anchors, sizes, width: float, height: float, gap: float = GAP,
                 dot: float = DOT, growing: bool = False) -> list[Placement]:
    """Kept labels, in input order (put the most important first), with their offsets.

    anchors: (n, 2) pixel positions of the dots; sizes: (n, 2) text widths and heights (see
    text_size); width, height: the plot in pixels (boxes stay inside it).
    """
    anchors = np.asarray(anchors, float).reshape(-1, 2)
    sizes = np.asarray(sizes, float).reshape(-1, 2)
    dots = [((x - dot, y - dot, x + dot, y + dot), (x, y)) for x, y in anchors]
    kept: list[Placement] = []
    for i, ((x, y), (w, h)) in enumerate(zip(anchors, sizes)):
        options = []
        for spot in SPOTS:
            dx, dy, box = _spot(x, y, w, h, spot, gap + dot)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if inside and all(_apart(box, (x, y), p.box, tuple(anchors[p.index]), growing)
                              for p in kept):
                clear = all(_apart(box, (x, y), d, at, growing)
                            for j, (d, at) in enumerate(dots) if j != i)
                options.append((not clear, len(options), Placement(i, dx, dy, *spot[:2], box)))
        if options:
            kept.append(min(options, key=lambda o: o[:2])[2])
    return kept


def label_frame(frame: pd.DataFrame, text: str, x_domain, y_domain, width: float,
                height: float, font_px: float, bold: bool = False,
                growing: bool = False) -> pd.DataFrame:
    """The rows of `frame` (columns x, y and `text`, most important first) whose labels fit,
    with dx, dy, align and baseline columns for a text mark (`mark_text(dx=alt.expr(…))`)."""
    anchors = to_pixels(frame["x"], frame["y"], x_domain, y_domain, width, height)
    sizes = [text_size(str(t), font_px, bold) for t in frame[text]]
    kept = place_labels(anchors, sizes, width, height, growing=growing)
    rows = frame.iloc[[p.index for p in kept]].copy()
    for column in ("dx", "dy", "align", "baseline"):
        rows[column] = [getattr(p, column) for p in kept]
    return rows.reset_index(drop=True)
