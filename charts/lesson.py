"""Chart builders for the Corpus, Training pairs, Model and Loss curve pages (tables: views/).

Every chart builder is a pure function of a DataFrame (plus a few numbers) returning an
alt.Chart, so tests can inspect `chart.to_dict()`.
"""
from __future__ import annotations

import html

import altair as alt
import numpy as np
import pandas as pd

from views import corpus as corpus_views
from views import pairs as pair_views

from .style import BLUE, GREEN, GREY, RED



# -- Corpus ----------------------------------------------------------------------------------
def frequency_chart(freq: pd.DataFrame, min_count: int, top: int = 40) -> alt.Chart:
    """Horizontal bars of the `top` most frequent content words, vocabulary words in blue."""
    data = freq.head(top).assign(
        status=lambda d: np.where(d["in_vocab"], "in vocabulary", f"fewer than {min_count}"))
    order = list(data["word"])
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("count:Q", title="times in the cleaned sentences",
                axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("word:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
        color=alt.Color("status:N", title=None,
                        scale=alt.Scale(domain=["in vocabulary", f"fewer than {min_count}"],
                                        range=[BLUE, GREY]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("word:N"), alt.Tooltip("count:Q"), alt.Tooltip("status:N")],
    ).properties(height=max(120, 18 * len(data)))


# Text colours reach 4.5:1 on white (WCAG AA), and no role is told by colour alone: struck
# through = removed (italic when rare), bold = the center, underlined = a context word.
MUTED, RARE_TEXT, CENTER_BG, CONTEXT_BG = "#57606a", "#a04100", "#0550ae", "#1a7f37"
ROLE_STYLE = {
    corpus_views.STOPWORD: f"color:{MUTED};text-decoration:line-through",
    corpus_views.RARE: f"color:{RARE_TEXT};text-decoration:line-through;font-style:italic",
    corpus_views.VOCAB: "",
    pair_views.CENTER: f"background:{CENTER_BG};color:white;font-weight:700",
    pair_views.CONTEXT: f"background:{CONTEXT_BG};color:white;text-decoration:underline",
    pair_views.OUTSIDE: "",
    pair_views.FILTERED: f"color:{MUTED};text-decoration:line-through",
}


def tokens_html(tokens: list[tuple[str, str]]) -> str:
    """A sentence as HTML spans styled by role; every word goes through html.escape."""
    spans = []
    for word, role in tokens:
        style = "padding:1px 5px;border-radius:4px;margin:0 1px;" + ROLE_STYLE.get(role, "")
        spans.append(f'<span style="{style}">{html.escape(word)}</span>')
    return ('<div style="font-size:1.15rem;line-height:2.1;font-family:sans-serif">'
            + " ".join(spans) + "</div>")


def legend_html(items: list[tuple[str, str]]) -> str:
    """A legend in the same styles (our own labels, escaped anyway)."""
    return tokens_html(items).replace("1.15rem", "0.85rem")


# -- Model -----------------------------------------------------------------------------------
def scale_chart(scale: pd.DataFrame) -> alt.Chart:
    """Parameter counts on a log axis, this model highlighted."""
    order = list(scale["model"])
    ticks = [10.0 ** k for k in range(2, 14)]
    label = ("datum.value >= 1e12 ? format(datum.value / 1e12, '~s') + 'T' : "
             "datum.value >= 1e9 ? format(datum.value / 1e9, '~s') + 'B' : "
             "format(datum.value, '~s')")
    base = alt.Chart(scale).encode(
        y=alt.Y("model:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("parameters:Q", scale=alt.Scale(type="log", domain=[100, 1e13]),
                title="parameters (log scale: each gridline is 10× the last)",
                axis=alt.Axis(values=ticks, labelExpr=label)),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("label:N", title="parameters"),
                 alt.Tooltip("parameters:Q", format=",")],
    )
    bars = base.mark_bar().encode(
        x2=alt.datum(100),   # bars start at the axis: a log scale has no zero
        color=alt.condition(alt.datum.this, alt.value(BLUE), alt.value(GREY)))
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    return alt.layer(bars, text, height=220)


# -- Loss curve ------------------------------------------------------------------------------
def loss_chart(frame: pd.DataFrame, band: pd.DataFrame, chance: float, epochs: pd.DataFrame,
               average_window: int = 200, floor: float | None = None,
               chance_label: str = "random guessing: ln V") -> alt.LayerChart:
    """Every step's loss as a light min–max band (`band`, from `loss_band_frame`) with a thinned
    dot cloud on top (`frame`, from `loss_frame`), the moving average, ln V, the best possible
    loss (`floor`, the corpus's conditional entropy; None: not drawn) and epoch boundaries.

    Only the average line carries tooltips: hovering anywhere selects the nearest of its
    (at most LOSS_BUCKETS) points. Thousands of dots with tooltips made Vega slow to draw.
    """
    last = int(max(frame["step"].max() if len(frame) else 0,
                   band["step"].max() if len(band) else 0)) or 1
    x = alt.X("step:Q", title="training step", scale=alt.Scale(domain=[0, last], nice=False))
    # A diverging run reaches astronomic losses: a symlog axis keeps ln V readable.
    top = max(float(frame["loss"].max()) if len(frame) else 0.0,
              float(band["high"].max()) if len(band) else 0.0)
    huge = top > 20 * max(chance, 1.0)
    y_scale = alt.Scale(type="symlog") if huge else alt.Undefined
    title = "loss  (−log p of the true context)" + (", symlog scale" if huge else "")
    y_loss = alt.Y("loss:Q", title=title, scale=y_scale, axis=alt.Axis(format=",~r"))
    spread = alt.Chart(band).mark_area(color=GREY, opacity=0.22).encode(
        x=x, y=alt.Y("low:Q", title=title, scale=y_scale, axis=alt.Axis(format=",~r")),
        y2="high:Q")
    points = alt.Chart(frame).mark_circle(size=6, opacity=0.3, color=GREY).encode(x=x, y=y_loss)
    average_tips = [alt.Tooltip("step:Q", format=",", title="step"),
                    alt.Tooltip("average:Q", format=".3f", title=f"average of {average_window}"),
                    alt.Tooltip("low:Q", format=".3f", title="lowest loss nearby"),
                    alt.Tooltip("high:Q", format=".3f", title="highest loss nearby")]
    average = alt.Chart(band).mark_line(color=BLUE, strokeWidth=2.5).encode(x=x, y="average:Q")
    # A line mark's tooltip would always show its first point: hover the nearest point instead.
    hover = alt.selection_point(name="loss_hover", on="pointerover", nearest=True,
                                fields=["step"], empty=False, clear="pointerout")
    average_hover = alt.Chart(band).mark_circle(size=70, color=BLUE).encode(
        x=x, y="average:Q", tooltip=average_tips,
        opacity=alt.condition(hover, alt.value(1), alt.value(0))).add_params(hover)
    chance_df = pd.DataFrame({"y": [chance], "label": [f"{chance_label} = {chance:.2f}"]})
    chance_rule = alt.Chart(chance_df).mark_rule(color=RED, strokeDash=[6, 4]).encode(
        y="y:Q", tooltip=[alt.Tooltip("label:N", title="")])
    chance_text = alt.Chart(chance_df).mark_text(
        color=RED, align="right", baseline="bottom", dx=-4, dy=-3, fontWeight="bold").encode(
        y="y:Q", x=alt.value("width"), text="label:N")
    layers = [spread, points, average, average_hover, chance_rule, chance_text]
    if floor is not None:
        floor_df = pd.DataFrame({"y": [floor], "label": [f"best possible: H = {floor:.2f}"]})
        layers.append(alt.Chart(floor_df).mark_rule(color=GREEN, strokeDash=[6, 4]).encode(
            y="y:Q", tooltip=[alt.Tooltip("label:N", title="")]))
        layers.append(alt.Chart(floor_df).mark_text(
            color=GREEN, align="right", baseline="top", dx=-4, dy=3, fontWeight="bold").encode(
            y="y:Q", x=alt.value("width"), text="label:N"))
    if len(epochs):
        layers.insert(0, alt.Chart(epochs).mark_rule(color=GREY, strokeDash=[2, 3],
                                                     opacity=0.8).encode(
            x="step:Q", tooltip=[alt.Tooltip("epoch:N", title="boundary"),
                                 alt.Tooltip("step:Q", format=",")]))
    return alt.layer(*layers, height=420)
