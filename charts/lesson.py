"""DataFrame builders and Altair chart builders for the Corpus, Model and Loss curve pages.

Every chart builder is a pure function of a DataFrame (plus a few numbers) returning an
alt.Chart, so tests can inspect `chart.to_dict()`.
"""
from __future__ import annotations

import html

import altair as alt
import numpy as np
import pandas as pd

from w2v import views

BLUE, GREEN, GREY, ORANGE, RED = "#1f6feb", "#2da44e", "#8c959f", "#d97706", "#cf222e"
MAX_LOSS_POINTS = 3_000      # loss dots drawn, evenly spaced steps (more made Vega slow to draw)
LOSS_BUCKETS = 400           # slices of the min–max band and points of the average line
MAX_EPOCH_RULES = 40


# -- Corpus ----------------------------------------------------------------------------------
def frequency_frame(corpus) -> pd.DataFrame:
    rows = views.word_frequencies(corpus)
    return pd.DataFrame(rows, columns=["word", "count", "in_vocab"])


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


def vocab_frame(corpus) -> pd.DataFrame:
    """The vocabulary in index order with counts."""
    return pd.DataFrame({"index": range(len(corpus.vocab)), "word": corpus.vocab,
                         "count": [corpus.counts[w] for w in corpus.vocab]})


ROLE_STYLE = {
    views.STOPWORD: "color:#8c959f;text-decoration:line-through",
    views.RARE: "color:#d97706;text-decoration:line-through",
    views.VOCAB: "",
    views.CENTER: "background:#1f6feb;color:white;font-weight:600",
    views.CONTEXT: "background:#2da44e;color:white",
    views.OUTSIDE: "",
    views.FILTERED: "color:#8c959f;text-decoration:line-through",
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
def parameter_frame(V: int, d: int) -> pd.DataFrame:
    frame = pd.DataFrame(views.parameter_table(V, d))
    frame["parameters"] = frame["parameters"].map("{:,}".format)
    return frame.set_index("layer")


def scale_frame(V: int, d: int) -> pd.DataFrame:
    return pd.DataFrame(views.scale_table(V, d))


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
    return (bars + text).properties(height=220)


# -- Loss curve ------------------------------------------------------------------------------
def loss_frame(losses: np.ndarray, average_window: int = 200,
               max_points: int = MAX_LOSS_POINTS) -> pd.DataFrame:
    """step, loss, moving average; thinned to about max_points evenly spaced rows (the last
    step always kept) for the dot cloud. The average is computed over every step first."""
    losses = np.asarray(losses, dtype=np.float64)
    frame = pd.DataFrame({"step": np.arange(1, len(losses) + 1), "loss": losses,
                          "average": views.moving_average(losses, average_window)})
    if len(frame) > max_points:
        stride = int(np.ceil(len(frame) / max_points))
        keep = np.unique(np.r_[np.arange(0, len(frame), stride), len(frame) - 1])
        frame = frame.iloc[keep].reset_index(drop=True)
    return frame


def loss_band_frame(losses: np.ndarray, average_window: int = 200,
                    buckets: int = LOSS_BUCKETS) -> pd.DataFrame:
    """The run cut into at most `buckets` slices of consecutive steps, one row per slice:
    first and last step, the slice's lowest and highest loss (so every step's loss lies inside
    the band), and the moving average at the slice's last step (the line and its tooltips).
    `step` is the slice's last step (the final row ends on the run's last step)."""
    losses = np.asarray(losses, dtype=np.float64)
    n = len(losses)
    columns = ["step", "first", "low", "high", "average"]
    if n == 0:
        return pd.DataFrame({c: [] for c in columns})
    size = int(np.ceil(n / max(1, buckets)))
    starts = np.arange(0, n, size)
    ends = np.minimum(starts + size, n) - 1
    average = views.moving_average(losses, average_window)
    return pd.DataFrame({
        "step": ends + 1, "first": starts + 1,
        "low": np.fmin.reduceat(losses, starts),       # fmin/fmax: a NaN does not hide the rest
        "high": np.fmax.reduceat(losses, starts),
        "average": average[ends]})


def epoch_frame(steps_done: int, epoch_length: int, max_rules: int = MAX_EPOCH_RULES) -> pd.DataFrame:
    """Steps where a new epoch starts (every epoch_length steps), at most max_rules of them."""
    starts = list(range(epoch_length, steps_done, epoch_length)) if epoch_length > 0 else []
    if len(starts) > max_rules:
        every = int(np.ceil(len(starts) / max_rules))
        starts = starts[every - 1::every]
    return pd.DataFrame({"step": starts,
                         "epoch": [f"epoch {s // epoch_length + 1} starts" for s in starts]})


def loss_chart(frame: pd.DataFrame, band: pd.DataFrame, chance: float, epochs: pd.DataFrame,
               average_window: int = 200) -> alt.LayerChart:
    """Every step's loss as a light min–max band (`band`, from `loss_band_frame`) with a thinned
    dot cloud on top (`frame`, from `loss_frame`), the moving average, ln V and epoch boundaries.

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
    chance_df = pd.DataFrame({"y": [chance], "label": [f"random guessing: ln V = {chance:.2f}"]})
    chance_rule = alt.Chart(chance_df).mark_rule(color=RED, strokeDash=[6, 4]).encode(
        y="y:Q", tooltip=[alt.Tooltip("label:N", title="")])
    chance_text = alt.Chart(chance_df).mark_text(
        color=RED, align="right", baseline="bottom", dx=-4, dy=-3, fontWeight="bold").encode(
        y="y:Q", x=alt.value("width"), text="label:N")
    layers = [spread, points, average, average_hover, chance_rule, chance_text]
    if len(epochs):
        layers.insert(0, alt.Chart(epochs).mark_rule(color=GREY, strokeDash=[2, 3],
                                                     opacity=0.8).encode(
            x="step:Q", tooltip=[alt.Tooltip("epoch:N", title="boundary"),
                                 alt.Tooltip("step:Q", format=",")]))
    return alt.layer(*layers).properties(height=420)
