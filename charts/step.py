"""Altair chart builders for the Step internals page.

Each builder is a pure function of a DataFrame from `views.step` (plus a few numbers) and
returns an Altair chart, so tests can inspect `chart.to_dict()`. Words only ever travel as data
(axis labels and tooltips), never inside a chart title or other text built here.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from w2v import forces as F
from views.step import CENTER, CONTEXT, NOISE_WORD, OTHER, TOP

from .labels import label_frame
from .style import (BLACK, BLUE, INDEPENDENT_COLOURS, ORANGE, PURPLE, RED, ROW_TOOLTIP, arrow,
                    unvalidated)
from .style import LIGHT_GREY as GREY
ARROW_RANGE = [RED, BLUE, BLACK]          # attractive, repulsive, actual move (w2v.forces.ARROWS)
NOISE_BLUE = "#6e9fd8"                    # one noise word's push: a lighter share of the blue sum
ARROW_COLOURS = {**dict(zip(F.ARROWS, ARROW_RANGE)),
                 **dict(zip(F.NEGATIVE_ARROWS, [RED, BLUE, BLACK, NOISE_BLUE]))}
ROLE_DOMAIN = [CONTEXT, CENTER, TOP, OTHER]
ROLE_RANGE = [RED, PURPLE, BLUE, GREY]
ROLE_COLOURS = {**dict(zip(ROLE_DOMAIN, ROLE_RANGE)), NOISE_WORD: NOISE_BLUE}
ROW_PX = 16          # heatmap row height
MAP_MIN_WIDTH = 420  # the force map's plot is at least this wide (it stretches to its column)
MAP_FRAME_PX = 170   # title, legends and axis: the plot is the chart's height minus this
LABEL_PX = 13        # the map's word labels (bold)
FRAME_PX = 140       # legend + axis room: Streamlit fits the whole chart (plot and labels) in `height`


def _role_color(legend_title: str | None = None, domain: list[str] = ROLE_DOMAIN) -> alt.Color:
    return alt.Color("role:N", title=legend_title,
                     scale=alt.Scale(domain=domain, range=[ROLE_COLOURS[r] for r in domain]),
                     legend=alt.Legend(orient="top"))


def _word_tooltips() -> list:
    return [alt.Tooltip("word:N"), alt.Tooltip("probability:Q", format=".4f"),
            alt.Tooltip("logit:Q", format=".3f"), alt.Tooltip("rank:Q"),
            alt.Tooltip("role:N")]


def probability_chart(probs: pd.DataFrame, vocab_size: int) -> alt.LayerChart:
    """P(w | center) for every word, sorted descending; the true context in red.

    A dashed rule marks 1/V, what an untrained model (uniform guess) would give every word.
    """
    order = list(probs["word"])
    bars = alt.Chart(probs).mark_bar().encode(
        x=alt.X("word:N", sort=order, title=None, axis=alt.Axis(labelAngle=-60, labelFontSize=12)),
        y=alt.Y("probability:Q", title="P(word | center)"),
        color=_role_color(),
        tooltip=_word_tooltips(),
    )
    uniform = alt.Chart(pd.DataFrame({"uniform": [1.0 / vocab_size]})).mark_rule(
        strokeDash=[4, 4], color=ORANGE).encode(
        y="uniform:Q", tooltip=[alt.Tooltip("uniform:Q", title="1/V (uniform guess)", format=".4f")])
    return unvalidated(alt.layer(bars, uniform, height=380))


def sigma_chart(scored: pd.DataFrame) -> alt.LayerChart:
    """σ(u·v_c) of the true context and of each noise word (views.step.negative_sampling_table):
    training pushes the context's bar towards 1 and the noise words' towards 0."""
    bars = alt.Chart(scored).mark_bar().encode(
        x=alt.X("slot:N", sort=list(scored["slot"]), title=None,
                axis=alt.Axis(labelAngle=-40, labelFontSize=12)),
        y=alt.Y("sigma:Q", title="σ(u_w · v_c)", scale=alt.Scale(domain=[0, 1])),
        color=_role_color(None, [CONTEXT, NOISE_WORD]),
        tooltip=[alt.Tooltip("word:N"), alt.Tooltip("role:N"), alt.Tooltip("target:Q"),
                 alt.Tooltip("score:Q", title="u·v_c", format=".3f"),
                 alt.Tooltip("sigma:Q", title="σ(u·v_c)", format=".4f"),
                 alt.Tooltip("weight:Q", title="force weight", format=".4f"),
                 alt.Tooltip("loss_term:Q", title="loss term", format=".4f")])
    half = alt.Chart(pd.DataFrame({"half": [0.5]})).mark_rule(
        strokeDash=[4, 4], color=ORANGE).encode(
        y="half:Q", tooltip=[alt.Tooltip("half:Q", title="σ(0): a score of zero")])
    return unvalidated(alt.layer(bars, half, height=300))


def logit_chart(probs: pd.DataFrame) -> alt.Chart:
    """The raw scores u_w · v_c in the same word order as the probabilities."""
    order = list(probs["word"])
    return unvalidated(alt.Chart(probs).mark_bar().encode(
        x=alt.X("word:N", sort=order, title=None, axis=alt.Axis(labelAngle=-60, labelFontSize=12)),
        y=alt.Y("logit:Q", title="logit  u_w · v_c"),
        color=_role_color(),
        tooltip=_word_tooltips(),
    ).properties(height=330))


def vector_chart(vec: pd.DataFrame, field: str, title: str, color: str = BLUE,
                 height: int = 240) -> alt.Chart:
    """Bars of a d-vector, one per dimension (positive and negative around zero)."""
    return unvalidated(alt.Chart(vec).mark_bar(color=color).encode(
        x=alt.X("dim:O", title="dimension"),
        y=alt.Y(f"{field}:Q", title=title),
        tooltip=[alt.Tooltip("dim:O"), alt.Tooltip(f"{field}:Q", format=".5f")],
    ).properties(height=height))


def forces_chart(forces: pd.DataFrame) -> alt.Chart:
    """Attractive (−u_o) and repulsive (Σ P·u_w) terms side by side for each dimension."""
    return unvalidated(alt.Chart(forces).mark_bar().encode(
        x=alt.X("dim:O", title="dimension"),
        xOffset=alt.XOffset("force:N"),
        y=alt.Y("value:Q", title="term of ∂L/∂v_c"),
        color=alt.Color("force:N", title=None, scale=alt.Scale(range=[RED, BLUE]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("dim:O"), alt.Tooltip("force:N"),
                 alt.Tooltip("value:Q", format=".5f")],
    ).properties(height=300))


HEATMAP_COLUMNS = ["word", "row", "dim", "value", "role"]   # the cells' tooltip, in order


def heatmap_chart(cells: pd.DataFrame, value_title: str) -> alt.LayerChart:
    """Rows = words (vocabulary order), columns = dimensions; the center and context rows outlined.

    `cells` is views.step.heatmap_table's long table. Cheap to draw (Streamlit's Vega
    interprets every per-cell expression): the word axis has an explicit domain instead of a
    sort array (no per-cell index lookup), the tooltip is the cell's own row (word, its row
    number in the matrix, dim, value to 4 decimals, role) instead of a tooltip object built
    per cell, and the outline layer gets just the two outlined rows' cells instead of
    filtering every cell. Data go as index-free Arrow tables, so no "(index)" field joins
    the tooltip.
    """
    ordered = cells.sort_values(["row", "dim"], kind="stable")
    order = list(dict.fromkeys(ordered["word"]))
    n_rows = len(order)
    limit = float(cells["value"].abs().max()) if len(cells) else 0.0
    limit = limit if np.isfinite(limit) and limit > 0 else 1.0
    shown = ordered[HEATMAP_COLUMNS].assign(value=ordered["value"].round(4))
    for column in ("word", "role"):
        shown[column] = shown[column].astype("category")
    outlined = shown[ordered["role"].to_numpy() != OTHER]
    x = alt.X("dim:O", title="dimension", axis=alt.Axis(labelAngle=0))
    y = alt.Y("word:N", title=None, scale=alt.Scale(domain=order),
              axis=alt.Axis(labelFontSize=12, labelOverlap=False))
    rect = alt.Chart(arrow(shown)).mark_rect(tooltip=ROW_TOOLTIP).encode(
        x=x, y=y,
        color=alt.Color("value:Q", title=value_title,
                        scale=alt.Scale(scheme="redblue", domain=[-limit, limit], reverse=True),
                        legend=alt.Legend(orient="top", gradientLength=180)),
    )
    marked = alt.Chart(arrow(outlined)).mark_rect(
        filled=False, strokeWidth=2, tooltip=ROW_TOOLTIP).encode(
        x=x, y=y,
        stroke=alt.Stroke("role:N", title="row", scale=alt.Scale(domain=[CONTEXT, CENTER],
                                                                  range=[RED, PURPLE]),
                          legend=alt.Legend(orient="top")),
    )
    return unvalidated(alt.layer(rect, marked, resolve=INDEPENDENT_COLOURS,
                                 height=ROW_PX * n_rows + FRAME_PX))


# Clockwise angle (Vega's point `angle`, 0 = the triangle points up) of the arrow x,y → x2,y2 in
# *pixels*: the scales' own functions, so it stays right whatever width the chart is drawn at.
_HEAD_ANGLE = ("atan2(scale('x', datum.x2) - scale('x', datum.x), "
               "scale('y', datum.y) - scale('y', datum.y2)) * 180 / PI")


def map_labels(points: pd.DataFrame, domain: dict, height: int) -> pd.DataFrame:
    """The labelled words of the force map that fit without overlapping (charts.labels): the
    center first, then the context, then the top guesses by probability. Placed for the
    smallest plot the page draws, so a wider one only moves them further apart."""
    rank = points["role"].map({CENTER: 0, CONTEXT: 1}).fillna(2)
    wanted = points[points["label"] != ""].assign(_rank=rank).sort_values(
        ["_rank", "probability"], ascending=[True, False], kind="stable").drop(columns="_rank")
    return label_frame(wanted, "label", domain["x"], domain["y"], MAP_MIN_WIDTH,
                       height - MAP_FRAME_PX, LABEL_PX, bold=True, growing=True)


def force_map_chart(points: pd.DataFrame, arrows: pd.DataFrame, domain: dict,
                    scale: float, height: int = 640) -> alt.LayerChart:
    """The map of one step: every word (grey), labels for the center, context and top guesses,
    and three arrows from v_c — attractive (red), repulsive (blue), actual move (black) — drawn
    `scale` times their length. Axes are fixed to `domain` ({"x": [lo, hi], "y": [lo, hi]})."""
    x_scale = alt.Scale(domain=domain["x"], nice=False, zero=False)
    y_scale = alt.Scale(domain=domain["y"], nice=False, zero=False)
    x = alt.X("x:Q", scale=x_scale, title="PC1")
    y = alt.Y("y:Q", scale=y_scale, title="PC2")
    word_tips = [alt.Tooltip("word:N"), alt.Tooltip("role:N"),
                 alt.Tooltip("probability:Q", title="P(word | center)", format=".4f")]
    dots = alt.Chart(points).mark_circle(size=55, color=GREY, opacity=0.9, clip=True).encode(
        x=x, y=y, tooltip=word_tips)
    centre = alt.Chart(points).transform_filter(alt.datum.role == CENTER).mark_point(
        size=220, filled=False, strokeWidth=2.5, color=PURPLE, clip=True).encode(
        x=x, y=y, tooltip=word_tips)
    labels = alt.Chart(map_labels(points, domain, height)).mark_text(
        fontSize=LABEL_PX, fontWeight="bold", clip=True,
        dx=alt.expr("datum.dx"), dy=alt.expr("datum.dy"), align=alt.expr("datum.align"),
        baseline=alt.expr("datum.baseline")).encode(
        x=x, y=y, text="label:N",
        color=_role_color("word", [r for r in ROLE_COLOURS if r in set(points["role"])]),
        tooltip=word_tips)
    negative = F.NOISE in set(arrows["arrow"]) or F.NEG_ATTRACTIVE in set(arrows["arrow"])
    names = list(F.arrow_names("negative" if negative else "softmax"))
    arrow_color = alt.Color("arrow:N", title=f"arrows (drawn ×{scale:g})",
                            scale=alt.Scale(domain=names, range=[ARROW_COLOURS[a] for a in names]),
                            legend=alt.Legend(orient="bottom", direction="horizontal"))
    noise_tip = [alt.Tooltip("word:N", title="noise word")] if negative else []
    arrow_tips = [alt.Tooltip("arrow:N"), *noise_tip, alt.Tooltip("dx:Q", format=".5f"),
                  alt.Tooltip("dy:Q", format=".5f"),
                  alt.Tooltip("length:Q", title="length (map units, ×1)", format=".5f")]
    shafts = alt.Chart(arrows).mark_rule(strokeWidth=3, clip=True).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q", color=arrow_color, tooltip=arrow_tips)
    heads = alt.Chart(arrows).mark_point(
        shape="triangle", filled=True, size=170, opacity=1, clip=True,
        angle=alt.expr(_HEAD_ANGLE)).encode(
        x=alt.X("x2:Q", scale=x_scale, title="PC1"), y=alt.Y("y2:Q", scale=y_scale, title="PC2"),
        color=arrow_color.legend(None), tooltip=arrow_tips)       # one legend: the shafts'

    return unvalidated(alt.layer(
        dots, centre, shafts, heads, labels, resolve=INDEPENDENT_COLOURS, height=height,
        title=f"Forces on v_c, arrows drawn ×{scale:g} their length"))


