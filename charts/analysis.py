"""DataFrame and Altair builders for the Similarity, Analogies and Experiments pages.

Pure functions (arrays, dicts or DataFrames in, DataFrame or alt.Chart out), so tests can call
them and inspect `chart.to_dict()`. Words are data, never markup: they reach the browser only
as chart data or table cells.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from w2v import analyses
from w2v.experiments import format_value
from w2v.forces import map_domain

from .style import PALETTE, RED, ROW_TOOLTIP, UNGROUPED, arrow, word_groups

NO_GROUP = "in no group"


# -- groups ------------------------------------------------------------------------------------
def group_of(vocab: list[str], groups: dict) -> list[str]:
    """Each vocabulary word's topic group name (the first that lists it), or NO_GROUP."""
    names, of_word = word_groups(vocab, groups or {})
    return [names[g] if g >= 0 else NO_GROUP for g in of_word]


def group_order(vocab: list[str], groups: dict) -> list[int]:
    """Vocabulary indices: grouped words first, group by group and word by word in the sets'
    order, then the words in no group in vocabulary order."""
    index = {w: i for i, w in enumerate(vocab)}
    order: list[int] = []
    for words in (groups or {}).values():
        order += [index[w] for w in words if w in index and index[w] not in order]
    seen = set(order)
    return order + [i for i in range(len(vocab)) if i not in seen]


def group_color(vocab: list[str], groups: dict) -> alt.Color:
    names, _ = word_groups(vocab, groups or {})
    domain = names + [NO_GROUP]
    return alt.Color("group:N", title="topic group", sort=domain,
                     scale=alt.Scale(domain=domain,
                                     range=[PALETTE[i % len(PALETTE)] for i in range(len(names))]
                                     + [UNGROUPED]))


# -- Similarity --------------------------------------------------------------------------------
SIMILARITY_COLUMNS = ["row", "column", "cosine", "row group", "column group"]


def similarity_frame(W: np.ndarray, vocab: list[str], groups: dict,
                     words: list[int] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Long table, one row per cell, and the word order for both axes.

    Columns (the heatmap's tooltip shows them as they are): row (the row's word), column (the
    column's word), cosine (3 decimals), row group, column group. Rows come in axis order (row
    word by row word, each over the words in the same order), so the chart needs no sort
    arrays; the word and group columns are categorical (sent as Arrow dictionaries: each
    string once, not once per cell).
    `words`: the vocabulary indices to show (None: every word); only their cosines are computed.
    """
    order = group_order(vocab, groups)
    if words is not None:
        keep = set(words)
        order = [i for i in order if i in keep]
    labels = [vocab[i] for i in order]
    group = group_of(vocab, groups)
    shown_groups = [group[i] for i in order]
    cos = analyses.cosine_matrix(np.asarray(W)[order])
    n = len(order)
    rows, cols = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)

    def column(values: list[str], index: np.ndarray) -> pd.Categorical:
        codes, cats = pd.factorize(pd.Series(values, dtype=object))
        return pd.Categorical.from_codes(codes[index], categories=cats)

    frame = pd.DataFrame({
        "row": column(labels, rows), "column": column(labels, cols),
        "cosine": cos.ravel().round(3),
        "row group": column(shown_groups, rows), "column group": column(shown_groups, cols),
    }, columns=SIMILARITY_COLUMNS)
    return frame, labels


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


def neighbours_frame(pairs: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame({"rank": range(1, len(pairs) + 1), "word": [w for w, _ in pairs],
                         "cosine": [round(s, 4) for _, s in pairs]})


def evolution_frame(evolution: dict, k: int = 3) -> pd.DataFrame:
    """reports.neighbor_evolution → one row per key word, one column per milestone step,
    each cell the word's top-k neighbours then."""
    steps = evolution["steps"]
    rows = []
    for word, entries in evolution["words"].items():
        row = {"word": word}
        for entry in entries:
            row[f"step {entry['step']:,}"] = ", ".join(
                n["word"] for n in entry["neighbors"][:k])
        rows.append(row)
    return pd.DataFrame(rows, columns=["word"] + [f"step {s:,}" for s in steps])


def w_vs_wprime_frame(rows: list[dict], vocab: list[str], groups: dict) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["word", "cosine", "norm_W", "norm_W_prime"])
    frame.insert(1, "group", group_of(vocab, groups))
    return frame


def shown_rows(frame: pd.DataFrame, words: list[int] | None) -> pd.DataFrame:
    """The rows of a one-row-per-vocabulary-word table at the indices `words` (None: all)."""
    return frame if words is None else frame.iloc[list(words)].reset_index(drop=True)


def w_vs_wprime_chart(frame: pd.DataFrame, vocab: list[str], groups: dict) -> alt.Chart:
    """Per word: the cosine between its W row and its W′ row (how alike its two vectors are)."""
    return alt.Chart(frame).mark_circle(size=60, opacity=0.8).encode(
        x=alt.X("norm_W:Q", title="length of the word's W row (as a center)"),
        y=alt.Y("cosine:Q", title="cosine(W row, W′ row)", scale=alt.Scale(domain=[-1, 1])),
        color=group_color(vocab, groups),
        tooltip=[alt.Tooltip("word:N"), alt.Tooltip("group:N"),
                 alt.Tooltip("cosine:Q", format=".3f"),
                 alt.Tooltip("norm_W:Q", format=".3f", title="|W row|"),
                 alt.Tooltip("norm_W_prime:Q", format=".3f", title="|W′ row|")],
    ).properties(height=320)


# -- Analogies ---------------------------------------------------------------------------------
def analogy_accuracy_frame(evolution: dict) -> pd.DataFrame:
    """reports.analogy_evolution → step, accuracy, correct, total (steps with no answer: NaN)."""
    rows = []
    for m in evolution["milestones"]:
        results = m["results"]
        rows.append({"step": m["step"], "accuracy": m["accuracy"],
                     "correct": sum(r["correct"] for r in results), "total": len(results)})
    return pd.DataFrame(rows, columns=["step", "accuracy", "correct", "total"])


def analogy_accuracy_chart(frame: pd.DataFrame) -> alt.Chart:
    base = alt.Chart(frame).encode(
        x=alt.X("step:Q", title="training step", scale=alt.Scale(nice=False)),
        y=alt.Y("accuracy:Q", title="top-1 accuracy",
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("step:Q", format=","), alt.Tooltip("accuracy:Q", format=".0%"),
                 alt.Tooltip("correct:Q"), alt.Tooltip("total:Q")])
    return (base.mark_line(color=PALETTE[0]) + base.mark_circle(size=70, color=PALETTE[0])
            ).properties(height=280)


def analogy_grid_frame(evolution: dict) -> pd.DataFrame:
    """One row per (analogy, milestone): the top answer then and whether it was right."""
    rows = []
    for m in evolution["milestones"]:
        for r in m["results"]:
            a, b, c, d = r["analogy"]
            rows.append({"analogy": f"{a} : {b} :: {c} : {d}", "step": m["step"],
                         "answer": r["answer"], "correct": "right" if r["correct"] else "wrong"})
    return pd.DataFrame(rows, columns=["analogy", "step", "answer", "correct"])


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
    text = base.mark_text(fontSize=10).encode(text="answer:N")
    return (cells + text).properties(height=alt.Step(26))


def convergence_frame(convergence: dict, vocab: list[str], groups: dict) -> pd.DataFrame:
    """reports.word_convergence → word, group, converged_at, frequency."""
    frame = pd.DataFrame(convergence["words"], columns=["word", "converged_at", "frequency"])
    by_word = dict(zip(vocab, group_of(vocab, groups)))
    frame.insert(1, "group", [by_word.get(w, NO_GROUP) for w in frame["word"]])
    return frame


def convergence_chart(frame: pd.DataFrame, final_step: int, vocab: list[str],
                      groups: dict) -> alt.Chart:
    """Each word's settling step against how often it occurs (log scale)."""
    return alt.Chart(frame).mark_circle(size=70, opacity=0.8).encode(
        x=alt.X("frequency:Q", title="times the word occurs (log scale)",
                scale=alt.Scale(type="log")),
        y=alt.Y("converged_at:Q", title="step after which it stays near its final direction",
                scale=alt.Scale(domain=[0, max(1, final_step)])),
        color=group_color(vocab, groups),
        tooltip=[alt.Tooltip("word:N"), alt.Tooltip("group:N"),
                 alt.Tooltip("converged_at:Q", format=",", title="settled at step"),
                 alt.Tooltip("frequency:Q", title="occurrences")],
    ).properties(height=340)


# -- Experiments -------------------------------------------------------------------------------
def sweep_loss_frame(curves: list[tuple[str, np.ndarray, np.ndarray, str]]) -> pd.DataFrame:
    """(value label, steps, smoothed loss, status) per run → one long table."""
    parts = [pd.DataFrame({"value": label, "step": steps, "loss": loss, "status": status})
             for label, steps, loss, status in curves]
    if not parts:
        return pd.DataFrame(columns=["value", "step", "loss", "status"])
    return pd.concat(parts, ignore_index=True)


def sweep_loss_chart(frame: pd.DataFrame, param: str, order: list[str],
                     chance: float | None = None) -> alt.Chart:
    """Smoothed loss curves overlaid, colour = swept value; a diverged curve ends in a red ✕
    labelled with where it diverged."""
    color = alt.Color("value:N", title=param, sort=order, scale=alt.Scale(scheme="viridis"))
    # A diverged curve shoots up by many orders of magnitude: fix the axis to the runs that
    # trained (and the chance line), and clamp the diverged part to the top edge.
    trained = frame.loc[frame["status"] == "trained", "loss"]
    known = [float(trained.max())] if len(trained) else []
    known += [chance] if chance is not None else []
    lowest = [float(trained.min())] if len(trained) else []
    top = max(known) if known else 1.0
    bottom = min(lowest + known) if known else 0.0
    pad = max(0.05, 0.08 * (top - bottom))
    y_scale = alt.Scale(domain=[max(0.0, bottom - pad), top + pad], clamp=True, nice=False)
    lines = alt.Chart(frame).mark_line(strokeWidth=2.2, clip=True).encode(
        x=alt.X("step:Q", title="training step", scale=alt.Scale(nice=False)),
        y=alt.Y("loss:Q", title="loss (moving average of 200 steps)", scale=y_scale),
        color=color,
        tooltip=[alt.Tooltip("value:N", title=param), alt.Tooltip("step:Q", format=","),
                 alt.Tooltip("loss:Q", format=".3f"), alt.Tooltip("status:N")])
    layers = [lines]
    ends = frame[frame["status"] != "trained"].groupby("value", sort=False).tail(1)
    if len(ends):
        marks = alt.Chart(ends).encode(x="step:Q", y=alt.Y("loss:Q", scale=y_scale))
        layers.append(marks.mark_point(shape="cross", size=160, color=RED, filled=True,
                                       angle=45).encode(tooltip=["value:N", "status:N"]))
        layers.append(marks.mark_text(align="left", dx=8, color=RED, fontWeight="bold").encode(
            text="status:N"))
    if chance is not None:
        rule = pd.DataFrame({"y": [chance], "label": [f"random guessing: ln V = {chance:.2f}"]})
        layers.append(alt.Chart(rule).mark_rule(color="#8c959f", strokeDash=[6, 4]).encode(
            y=alt.Y("y:Q", scale=y_scale), tooltip=[alt.Tooltip("label:N", title="")]))
    return alt.layer(*layers).properties(height=360)


def results_frame(rows: list[dict], param: str, for_display: bool = True) -> pd.DataFrame:
    """Summary rows (w2v.experiments.job_row) → the results table, one row per run.

    For display, a diverged run's final loss (the mean of its last finite, astronomically
    large losses) is left blank: its status says what happened. The CSV keeps the number.
    """
    def loss(r):
        if for_display and r.get("diverged_at") is not None:
            return None
        return r.get("final_loss")

    return pd.DataFrame([{
        param: format_value(param, r["value"]) if for_display else r["value"],
        "final loss": loss(r),
        "neighbour quality": r.get("neighbour_quality"),
        "analogy accuracy": r.get("analogy_accuracy"),
        "steps trained": r.get("steps_done"),
        "diverged at": r.get("diverged_at"),
        "status": r.get("status"),
        "seconds": r.get("seconds"),
    } for r in rows], columns=[param, "final loss", "neighbour quality", "analogy accuracy",
                               "steps trained", "diverged at", "status", "seconds"])


def scatter_frame(coords: np.ndarray, vocab: list[str], groups: dict) -> pd.DataFrame:
    """A run's final 2-D positions: word, x, y, group."""
    return pd.DataFrame({"word": vocab, "x": coords[:, 0].astype(float),
                         "y": coords[:, 1].astype(float), "group": group_of(vocab, groups)})


def small_scatter(frame: pd.DataFrame, title: str, vocab: list[str], groups: dict,
                  size: int = 230) -> alt.Chart:
    """One run's final map, axes fixed to its own extent (PCA axes differ between runs).

    `vocab` sets the colour legend's groups: pass every word the charts shown together hold.
    """
    domain = map_domain(frame[["x", "y"]].to_numpy(), frac=0.08, decimals=6)
    return alt.Chart(frame).mark_circle(size=28, opacity=0.85).encode(
        x=alt.X("x:Q", title=None, scale=alt.Scale(domain=domain["x"], nice=False),
                axis=alt.Axis(labels=False, ticks=False)),
        y=alt.Y("y:Q", title=None, scale=alt.Scale(domain=domain["y"], nice=False),
                axis=alt.Axis(labels=False, ticks=False)),
        color=group_color(vocab, groups),
        tooltip=[alt.Tooltip("word:N"), alt.Tooltip("group:N")],
    ).properties(title=title, width=size, height=size)


def small_scatters(panels: list[tuple[str, pd.DataFrame]], groups: dict, columns: int = 3,
                   size: int = 230) -> alt.ConcatChart:
    """The runs' final maps side by side (wrapping after `columns`), each with its own fixed
    axes, sharing one colour legend."""
    words = list(dict.fromkeys(w for _, f in panels for w in f["word"]))
    charts = [small_scatter(frame, title, words, groups, size) for title, frame in panels]
    return alt.concat(*charts, columns=columns).resolve_scale(x="independent", y="independent")
