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
MAX_LOSS_POINTS = 20_000     # raw loss points sent to the browser (the average uses them all)
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
    """step, loss, moving average; thinned to at most max_points rows for the browser."""
    losses = np.asarray(losses, dtype=np.float64)
    frame = pd.DataFrame({"step": np.arange(1, len(losses) + 1), "loss": losses,
                          "average": views.moving_average(losses, average_window)})
    if len(frame) > max_points:
        stride = int(np.ceil(len(frame) / max_points))
        keep = np.unique(np.r_[np.arange(0, len(frame), stride), len(frame) - 1])
        frame = frame.iloc[keep].reset_index(drop=True)
    return frame


def epoch_frame(steps_done: int, epoch_length: int, max_rules: int = MAX_EPOCH_RULES) -> pd.DataFrame:
    """Steps where a new epoch starts (every epoch_length steps), at most max_rules of them."""
    starts = list(range(epoch_length, steps_done, epoch_length)) if epoch_length > 0 else []
    if len(starts) > max_rules:
        every = int(np.ceil(len(starts) / max_rules))
        starts = starts[every - 1::every]
    return pd.DataFrame({"step": starts,
                         "epoch": [f"epoch {s // epoch_length + 1} starts" for s in starts]})


def loss_chart(frame: pd.DataFrame, chance: float, epochs: pd.DataFrame,
               average_window: int = 200) -> alt.Chart:
    """Every step's loss (light points), its moving average, ln V and epoch boundaries."""
    x = alt.X("step:Q", title="training step",
              scale=alt.Scale(domain=[0, int(frame["step"].max()) if len(frame) else 1], nice=False))
    base = alt.Chart(frame).encode(x=x)
    # A diverging run reaches astronomic losses: a symlog axis keeps ln V readable.
    huge = len(frame) > 0 and float(frame["loss"].max()) > 20 * max(chance, 1.0)
    y_scale = alt.Scale(type="symlog") if huge else alt.Undefined
    title = "loss  (−log p of the true context)" + (", symlog scale" if huge else "")
    points = base.mark_circle(size=6, opacity=0.18, color=GREY).encode(
        y=alt.Y("loss:Q", title=title, scale=y_scale, axis=alt.Axis(format=",~r")),
        tooltip=[alt.Tooltip("step:Q", format=","), alt.Tooltip("loss:Q", format=".3f"),
                 alt.Tooltip("average:Q", format=".3f", title=f"average of {average_window}")])
    average = base.mark_line(color=BLUE, strokeWidth=2.5).encode(
        y="average:Q",
        tooltip=[alt.Tooltip("step:Q", format=","),
                 alt.Tooltip("average:Q", format=".3f", title=f"average of {average_window}")])
    chance_df = pd.DataFrame({"y": [chance], "label": [f"random guessing: ln V = {chance:.2f}"]})
    chance_rule = alt.Chart(chance_df).mark_rule(color=RED, strokeDash=[6, 4]).encode(
        y="y:Q", tooltip=[alt.Tooltip("label:N", title="")])
    chance_text = alt.Chart(chance_df).mark_text(
        color=RED, align="right", baseline="bottom", dx=-4, dy=-3, fontWeight="bold").encode(
        y="y:Q", x=alt.value("width"), text="label:N")
    layers = [points, average, chance_rule, chance_text]
    if len(epochs):
        layers.insert(0, alt.Chart(epochs).mark_rule(color=GREY, strokeDash=[2, 3],
                                                     opacity=0.8).encode(
            x="step:Q", tooltip=[alt.Tooltip("epoch:N", title="boundary"),
                                 alt.Tooltip("step:Q", format=",")]))
    return alt.layer(*layers).properties(height=420)
