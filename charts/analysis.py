"""Altair builders for the Similarity, Analogies and Experiments pages (tables: views/).

Pure functions (DataFrames in, alt.Chart out), so tests can call
them and inspect `chart.to_dict()`. Words are data, never markup: they reach the browser only
as chart data or table cells.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from views.groups import NO_GROUP, word_groups
from views.experiments import clip_curves, loss_domain, run_ends
from views.similarity import SIMILARITY_COLUMNS
from w2v.forces import map_domain

from .labels import label_frame
from .style import INDEPENDENT_AXES, PALETTE, RED, ROW_TOOLTIP, SHAPES, UNGROUPED, arrow


# -- groups ------------------------------------------------------------------------------------
# Without topic groups (own text) every word is "in no group": the words are drawn in this one
# colour and shape with no legend, which would only name that one non-group.
ONE_COLOR, ONE_SHAPE = PALETTE[0], "circle"


def has_groups(vocab: list[str], groups: dict) -> bool:
    """Whether any topic group has a word among `vocab` (the charts then colour by group)."""
    return bool(word_groups(vocab, groups or {})[0])


def group_colors(vocab: list[str], groups: dict) -> dict[str, str]:
    """Topic group name → its colour, in legend order; words in no group last, grey."""
    names, _ = word_groups(vocab, groups or {})
    return {**{name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)},
            NO_GROUP: UNGROUPED}


def group_color(vocab: list[str], groups: dict) -> alt.Color | dict:
    if not has_groups(vocab, groups):
        return alt.value(ONE_COLOR)
    colors = group_colors(vocab, groups)
    return alt.Color("group:N", title="topic group", sort=list(colors),
                     scale=alt.Scale(domain=list(colors), range=list(colors.values())))


def group_shape(vocab: list[str], groups: dict) -> alt.Shape | dict:
    """The same groups told by shape (for colour-blind readers); one legend with group_color."""
    names, _ = word_groups(vocab, groups or {})
    if not names:
        return alt.value(ONE_SHAPE)
    return alt.Shape("group:N", title="topic group", sort=names + [NO_GROUP],
                     scale=alt.Scale(domain=names + [NO_GROUP],
                                     range=[SHAPES[i % len(SHAPES)] for i in range(len(names))]
                                     + ["circle"]))


def word_tooltip(vocab: list[str], groups: dict) -> list[alt.Tooltip]:
    """The word, and its topic group when there are groups to name."""
    return [alt.Tooltip("word:N")] + ([alt.Tooltip("group:N")] if has_groups(vocab, groups)
                                      else [])


# -- Similarity --------------------------------------------------------------------------------
def heatmap_chart(frame: pd.DataFrame, order: list[str], max_side: int = 760) -> alt.Chart:
    """Cosine similarity of every pair of words, −1 (red) to +1 (blue), grouped words first.

    Cells are at most 9 px and shrink so the square fits the page's main column (max_side).
    Drawing cost matters (Streamlit's Vega evaluates every per-cell expression through an
    interpreter; 123 words are 15,129 cells): the axes keep the frame's row order (`sort: null`,
    no per-cell index lookup into a sort array) and the tooltip is the cell's row itself
    (`content: "data"`: no per-cell tooltip object to build), so `frame` must hold only the
    columns to show (similarity_frame's) in axis order. The data go as an index-free Arrow
    table, so no "(index)" field joins the tooltip."""
    if list(frame.columns) != SIMILARITY_COLUMNS:
        raise ValueError(f"expected the columns {SIMILARITY_COLUMNS}, got {list(frame.columns)}")
    if list(dict.fromkeys(frame["row"])) != list(order):
        raise ValueError("the frame's rows must come in the axis order")
    cell = min(9.0, max_side / max(len(order), 1))
    side = max(240, round(cell * len(order)))
    label_size = max(5, min(8, round(cell)))
    return alt.Chart(arrow(frame)).mark_rect(tooltip=ROW_TOOLTIP).encode(
        x=alt.X("column:N", sort=None, title=None,
                axis=alt.Axis(labelFontSize=label_size, labelAngle=-90, labelOverlap=False)),
        y=alt.Y("row:N", sort=None, title=None,
                axis=alt.Axis(labelFontSize=label_size, labelOverlap=False)),
        color=alt.Color("cosine:Q", title="cosine",
                        scale=alt.Scale(scheme="redblue", domain=[-1, 1])),
    ).properties(width=side, height=side)


def w_vs_wprime_chart(frame: pd.DataFrame, vocab: list[str], groups: dict) -> alt.Chart:
    """Per word: the cosine between its W row and its W′ row (how alike its two vectors are)."""
    return alt.Chart(frame).mark_point(size=60, opacity=0.8, filled=True).encode(
        x=alt.X("norm_W:Q", title="length of the word's W row (as a center)"),
        y=alt.Y("cosine:Q", title="cosine(W row, W′ row)", scale=alt.Scale(domain=[-1, 1])),
        color=group_color(vocab, groups), shape=group_shape(vocab, groups),
        tooltip=[*word_tooltip(vocab, groups), alt.Tooltip("cosine:Q", format=".3f"),
                 alt.Tooltip("norm_W:Q", format=".3f", title="|W row|"),
                 alt.Tooltip("norm_W_prime:Q", format=".3f", title="|W′ row|")],
    ).properties(height=320)


# -- Analogies ---------------------------------------------------------------------------------
def analogy_accuracy_chart(frame: pd.DataFrame) -> alt.Chart:
    base = alt.Chart(frame).encode(
        x=alt.X("step:Q", title="training step", scale=alt.Scale(nice=False)),
        y=alt.Y("accuracy:Q", title="top-1 accuracy",
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("step:Q", format=","), alt.Tooltip("accuracy:Q", format=".0%"),
                 alt.Tooltip("correct:Q"), alt.Tooltip("total:Q")])
    return alt.layer(base.mark_line(color=PALETTE[0]), base.mark_circle(size=70, color=PALETTE[0]),
                     height=280)


def analogy_grid_chart(frame: pd.DataFrame) -> alt.Chart:
    """Each analogy × milestone step: green when the top answer was the expected word."""
    steps = sorted(frame["step"].unique().tolist())
    order = list(dict.fromkeys(frame["analogy"]))
    base = alt.Chart(frame).encode(
        x=alt.X("step:O", title="training step", sort=steps, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("analogy:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)))
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("correct:N", title=None,
                        scale=alt.Scale(domain=["right", "wrong"], range=["#2da44e", "#eaeef2"])),
        tooltip=[alt.Tooltip("analogy:N"), alt.Tooltip("step:O"),
                 alt.Tooltip("answer:N", title="top answer"), alt.Tooltip("correct:N")])
    text = base.mark_text(fontSize=12).encode(text="answer:N")
    return alt.layer(cells, text, height=alt.Step(26))


def convergence_chart(frame: pd.DataFrame, final_step: int, vocab: list[str],
                      groups: dict) -> alt.Chart:
    """Each word's settling step against how often it occurs (log scale)."""
    return alt.Chart(frame).mark_point(size=70, opacity=0.8, filled=True).encode(
        x=alt.X("frequency:Q", title="times the word occurs (log scale)",
                scale=alt.Scale(type="log")),
        y=alt.Y("converged_at:Q", title="step after which it stays near its final direction",
                scale=alt.Scale(domain=[0, max(1, final_step)])),
        color=group_color(vocab, groups), shape=group_shape(vocab, groups),
        tooltip=[*word_tooltip(vocab, groups),
                 alt.Tooltip("converged_at:Q", format=",", title="settled at step"),
                 alt.Tooltip("frequency:Q", title="occurrences")],
    ).properties(height=340)


# -- Experiments -------------------------------------------------------------------------------
def sweep_loss_chart(frame: pd.DataFrame, param: str, order: list[str],
                     chance: float | None = None,
                     chance_label: str = "random guessing: ln V") -> alt.Chart:
    """Smoothed loss curves overlaid, colour = swept value. A diverged curve is cut where it
    leaves the top of the axis, marked there with a red ▲ and labelled in a row of its own;
    runs that end at different steps (same seed: a shorter run lies on a longer one) are
    drawn widest first, each end marked. `chance`: the untrained loss, a dashed line named
    `chance_label` (negative sampling's is (k+1)·ln 2, not ln V)."""
    domain = loss_domain(frame, chance)
    curves, exits = clip_curves(frame, domain, param)
    ends = run_ends(curves)
    y_scale = alt.Scale(domain=list(domain), clamp=True, nice=False)
    color = alt.Color("value:N", title=param, sort=order, scale=alt.Scale(scheme="viridis"))
    x = alt.X("step:Q", title="training step", scale=alt.Scale(nice=False))
    y = alt.Y("loss:Q", title="loss (moving average of 200 steps)", scale=y_scale)
    tooltip = [alt.Tooltip("value:N", title=param), alt.Tooltip("step:Q", format=","),
               alt.Tooltip("loss:Q", format=".3f"), alt.Tooltip("status:N")]
    layers = []
    if len(ends):
        # Longest run first and widest, so the shorter ones drawn over it stay visible.
        by_length = ends.sort_values("step", ascending=False)["value"].tolist()
        widths = [2.2 + 2.4 * i for i in range(len(by_length))][::-1]
        for value, width in zip(by_length, widths):
            layers.append(alt.Chart(curves[curves["value"] == value]).mark_line(
                strokeWidth=width, clip=True).encode(x=x, y=y, color=color, tooltip=tooltip))
        marks = alt.Chart(ends).encode(x="step:Q", y=alt.Y("loss:Q", scale=y_scale))
        layers.append(marks.mark_point(shape="diamond", size=140, filled=True, stroke="black",
                                       strokeWidth=1).encode(color=color, tooltip=tooltip))
        for halo in ({"stroke": "white", "strokeWidth": 4}, {}):
            layers.append(marks.mark_text(align="right", dx=-6, dy=-16, fontSize=12,
                                          fontWeight="bold", **halo).encode(text="label:N"))
    else:
        layers.append(alt.Chart(curves).mark_line(strokeWidth=2.2, clip=True).encode(
            x=x, y=y, color=color, tooltip=tooltip))
    if len(exits):
        edge = alt.Chart(exits).encode(x="step:Q", y=alt.Y("loss:Q", scale=y_scale))
        layers.append(edge.mark_point(shape="triangle-up", size=150, color=RED, filled=True)
                      .encode(tooltip=[alt.Tooltip("label:N", title="")]))
        # Labels of curves that leave in the right half read leftwards, so none runs off.
        middle = float(curves["step"].max()) / 2
        for side, rows in (("left", exits[exits["step"] <= middle]),
                           ("right", exits[exits["step"] > middle])):
            if not len(rows):
                continue
            label = alt.Chart(rows).encode(x="step:Q", y=alt.Y("label_y:Q", scale=y_scale),
                                           text="label:N")
            dx = 8 if side == "left" else -8
            layers.append(label.mark_text(align=side, dx=dx, fontSize=12, fontWeight="bold",
                                          stroke="white", strokeWidth=4))
            layers.append(label.mark_text(align=side, dx=dx, fontSize=12, fontWeight="bold",
                                          color=RED))
    if chance is not None:
        rule = pd.DataFrame({"y": [chance], "label": [f"{chance_label} = {chance:.2f}"]})
        layers.append(alt.Chart(rule).mark_rule(color="#8c959f", strokeDash=[6, 4]).encode(
            y=alt.Y("y:Q", scale=y_scale), tooltip=[alt.Tooltip("label:N", title="")]))
    return alt.layer(*layers, height=360)


MAP_PX = 400        # each final map's plot, square: two a row in the page's main column
MAP_LABEL_PX = 12   # its word labels
DARK_GREY = "#57606a"   # labels of words in no group: the dots' grey is too light for text


def small_scatter(frame: pd.DataFrame, title: str, vocab: list[str], groups: dict,
                  size: int = MAP_PX, labelled: list[str] = ()) -> alt.LayerChart:
    """One run's final map, axes fixed to its own extent (PCA axes differ between runs), with
    the `labelled` words written beside their dots (most important first; a label that would
    overlap another is left out, charts.labels).

    `vocab` sets the colour legend's groups: pass every word the charts shown together hold.
    """
    domain = map_domain(frame[["x", "y"]].to_numpy(), frac=0.08, decimals=6)
    x = alt.X("x:Q", title=None, scale=alt.Scale(domain=domain["x"], nice=False),
              axis=alt.Axis(labels=False, ticks=False))
    y = alt.Y("y:Q", title=None, scale=alt.Scale(domain=domain["y"], nice=False),
              axis=alt.Axis(labels=False, ticks=False))
    color = group_color(vocab, groups)
    tooltip = word_tooltip(vocab, groups)
    dots = alt.Chart(frame).mark_point(size=40, opacity=0.85, filled=True).encode(
        x=x, y=y, color=color, shape=group_shape(vocab, groups), tooltip=tooltip)
    order = {w: i for i, w in enumerate(labelled)}
    wanted = frame[frame["word"].isin(order)].sort_values(
        "word", key=lambda words: words.map(order), kind="stable")
    placed = label_frame(wanted, "word", domain["x"], domain["y"], size, size, MAP_LABEL_PX)
    # The labels' own colours (no scale to merge with the dots'): a darker grey for text.
    ink = {**group_colors(vocab, groups), NO_GROUP: DARK_GREY}
    placed["ink"] = placed["group"].map(ink)
    labels = alt.Chart(placed).mark_text(
        fontSize=MAP_LABEL_PX, dx=alt.expr("datum.dx"), dy=alt.expr("datum.dy"),
        align=alt.expr("datum.align"), baseline=alt.expr("datum.baseline")).encode(
        x=x, y=y, text="word:N", color=alt.Color("ink:N", scale=None), tooltip=tooltip)
    return alt.layer(dots, labels, title=title, width=size, height=size)


def small_scatters(panels: list[tuple[str, pd.DataFrame]], groups: dict, columns: int = 2,
                   size: int = MAP_PX, labelled: list[str] = ()) -> alt.ConcatChart:
    """The runs' final maps side by side (wrapping after `columns`), each with its own fixed
    axes, sharing one colour legend (below, so the maps keep the width); without topic groups
    one colour and no legend."""
    words = list(dict.fromkeys(w for _, f in panels for w in f["word"]))
    charts = [small_scatter(frame, title, words, groups, size, labelled)
              for title, frame in panels]
    return alt.concat(*charts, columns=columns, resolve=INDEPENDENT_AXES,
                      config=alt.Config(legend=alt.LegendConfig(orient="bottom")))
