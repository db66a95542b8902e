"""Altair builders for the Model vs corpus and Quiz pages (their tables: views/model_vs_corpus.py).

Chart builders are pure functions of DataFrames returning alt.Chart objects (inspect with
`chart.to_dict()` in tests). Corpus words only ever reach the browser as data (Vega text is not
HTML) or through `md_escape`, which makes any text literal inside Streamlit Markdown.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .style import BLUE, GREY, ORANGE, ROW_TOOLTIP, arrow, unvalidated

SOURCE_COLOURS = alt.Scale(domain=["corpus", "model"], range=[GREY, BLUE])


# -- Model vs corpus -------------------------------------------------------------------------
def comparison_chart(frame: pd.DataFrame, center_word: str) -> alt.Chart:
    """Dot plot, one row per context word: the corpus's P̂(o|c) (grey) and the model's P(o|c)
    (blue) joined by a line whose length is the disagreement."""
    order = list(dict.fromkeys(frame.sort_values("order")["word"]))
    y = alt.Y("word:N", sort=order, title=None, axis=alt.Axis(labelLimit=200))
    x = alt.X("probability:Q", title="P(context | center)",
              scale=alt.Scale(domain=[0, max(0.05, float(frame["probability"].max()) * 1.05)]))
    tooltip = [alt.Tooltip("word:N", title="context"), alt.Tooltip("source:N"),
               alt.Tooltip("probability:Q", format=".4f")]
    link = alt.Chart(frame).mark_line(color=GREY, strokeWidth=1.5, opacity=0.6).encode(
        x=x, y=y, detail="word:N")
    dots = alt.Chart(frame).mark_circle(size=110, opacity=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("source:N", scale=SOURCE_COLOURS, title=None,
                        legend=alt.Legend(orient="top")))
    return unvalidated(alt.layer(
        link, dots, height=110 + 26 * len(order),   # Streamlit fits title, legend and axes inside
        title=alt.Title("Contexts of the center word", subtitle=[f"center: {center_word}"])))


def _points(frame: pd.DataFrame, columns: list[str], decimals: dict):
    """The `columns` frame has, rounded as `decimals` says: a line point's tooltip data."""
    return arrow(frame[[c for c in columns if c in frame.columns]].round(decimals))


def kl_chart(frame: pd.DataFrame, step: int) -> alt.Chart:
    """KL(corpus ‖ model) over the recorded steps, both series, a rule at the chosen step."""
    series = list(dict.fromkeys(frame["series"]))
    lines = alt.Chart(_points(frame, ["step", "series", "KL"], {"KL": 4})).mark_line(
        strokeWidth=2, tooltip=ROW_TOOLTIP).encode(
        x=alt.X("step:Q", title="training step",
                scale=alt.Scale(domain=[0, max(1, int(frame["step"].max()))], nice=False)),
        y=alt.Y("KL:Q", title="KL(corpus ‖ model), nats"),
        color=alt.Color("series:N", title=None, sort=series,
                        scale=alt.Scale(domain=series, range=[BLUE, ORANGE]),
                        legend=alt.Legend(orient="top", labelLimit=400)))
    rule = alt.Chart(pd.DataFrame({"step": [step]})).mark_rule(
        color=GREY, strokeDash=[4, 3]).encode(x="step:Q", tooltip=[alt.Tooltip("step:Q",
                                                                             title="chosen step")])
    return unvalidated(alt.layer(lines, rule, height=300))


def track_charts(tracks: pd.DataFrame, targets: pd.DataFrame,
                 step: int) -> tuple[alt.LayerChart, alt.LayerChart]:
    """Tracked pairs over the recorded steps: model probability (dashed: the corpus's value),
    and rank among all V words (1 at the top). Two charts: Streamlit stretches single or
    layered charts to the column width, not concatenated ones."""
    pairs = list(dict.fromkeys(tracks["pair"]))
    colour = alt.Color("pair:N", title=None, sort=pairs, legend=alt.Legend(orient="top",
                                                                          labelLimit=400))
    x = alt.X("step:Q", title="training step",
              scale=alt.Scale(domain=[0, max(1, int(tracks["step"].max()))], nice=False))
    rule = alt.Chart(pd.DataFrame({"step": [step]})).mark_rule(
        color=GREY, strokeDash=[4, 3]).encode(x="step:Q")
    points = _points(tracks, ["step", "pair", "probability", "rank"], {"probability": 4})
    prob = alt.Chart(points).mark_line(strokeWidth=2, tooltip=ROW_TOOLTIP).encode(
        x=x, y=alt.Y("probability:Q", title="model P(context | center)"),
        color=colour)
    target = alt.Chart(targets).mark_rule(strokeDash=[6, 4], strokeWidth=1.5).encode(
        y="corpus P:Q", color=colour,
        tooltip=[alt.Tooltip("pair:N"), alt.Tooltip("corpus P:Q", format=".4f")])
    rank = alt.Chart(points).mark_line(strokeWidth=2, interpolate="step-after",
                                        tooltip=ROW_TOOLTIP).encode(
        x=x, y=alt.Y("rank:Q", title="rank among all words (1 = top guess)",
                     scale=alt.Scale(type="log", reverse=True, domainMin=1)),
        color=alt.Color("pair:N", sort=pairs, legend=None))
    return (unvalidated(alt.layer(prob, target, rule, height=320)),
            unvalidated(alt.layer(rank, rule, height=240)))


# -- Quiz ------------------------------------------------------------------------------------
def evidence_line_chart(rows, x: str, y: str) -> alt.Chart:
    frame = pd.DataFrame(list(rows))
    return alt.Chart(frame).mark_line(color=BLUE, strokeWidth=2).encode(
        x=alt.X(f"{x}:Q", title=x), y=alt.Y(f"{y}:Q", title=y, scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip(f"{x}:Q", format=","), alt.Tooltip(f"{y}:Q", format=".3f")],
    ).properties(height=220)
