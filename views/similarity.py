"""The Similarity page's tables: every pair's cosine, neighbours, their evolution, W vs W′."""
from __future__ import annotations

import numpy as np
import pandas as pd

from w2v.analysis import over_training, similarity
from w2v.run import Run

from .groups import group_of, group_order


KEY_WORDS = 10     # rows of the neighbour-evolution table when the corpus has no groups

SIMILARITY_COLUMNS = ["row", "column", "cosine", "row group", "column group"]


def similarity_frame(W: np.ndarray, vocab: list[str], groups: dict,
                     words: list[int] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Long table, one row per cell of the lower triangle (diagonal included), and the word
    order for both axes.

    Cosine is symmetric, so each pair is drawn once: half the cells, half the browser's drawing
    (15,129 → 7,626 cells at V = 123). Columns (the heatmap's tooltip shows them as they are):
    row (the row's word), column (the column's word), cosine (3 decimals), row group, column
    group. Rows come in axis order (row word by row word, each over the words in the same
    order), so the chart needs no sort arrays; the word and group columns are categorical (sent
    as Arrow dictionaries: each string once, not once per cell).
    `words`: the vocabulary indices to show (None: every word); only their cosines are computed.
    """
    order = group_order(vocab, groups)
    if words is not None:
        keep = set(words)
        order = [i for i in order if i in keep]
    labels = [vocab[i] for i in order]
    group = group_of(vocab, groups)
    shown_groups = [group[i] for i in order]
    cos = similarity.cosine_matrix(np.asarray(W)[order])
    n = len(order)
    rows, cols = np.tril_indices(n)          # row by row, each over columns 0..row

    def column(values: list[str], index: np.ndarray) -> pd.Categorical:
        codes, cats = pd.factorize(pd.Series(values, dtype=object))
        return pd.Categorical.from_codes(codes[index], categories=cats)

    frame = pd.DataFrame({
        "row": column(labels, rows), "column": column(labels, cols),
        "cosine": cos[rows, cols].round(3),
        "row group": column(shown_groups, rows), "column group": column(shown_groups, cols),
    }, columns=SIMILARITY_COLUMNS)
    return frame, labels


def neighbours_frame(pairs: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame({"rank": range(1, len(pairs) + 1), "word": [w for w, _ in pairs],
                         "cosine": [round(s, 4) for _, s in pairs]})


def evolution_frame(run: Run, words: list[str], k: int = 3) -> pd.DataFrame:
    """One row per word, one column per milestone step (over_training.milestones), each cell
    the word's k nearest neighbours then."""
    steps = over_training.milestones(run)
    rows = [{"word": word, **{f"step {s:,}": ", ".join(w for w, _ in near)
                              for s, near in over_training.nearest_over_training(run, word,
                                                                                 steps, k)}}
            for word in words]
    return pd.DataFrame(rows, columns=["word"] + [f"step {s:,}" for s in steps])


def w_vs_wprime_frame(W: np.ndarray, W_prime: np.ndarray, vocab: list[str],
                      groups: dict) -> pd.DataFrame:
    """Each word's two roles (similarity.two_roles): word, group, the cosine of its W and W′
    rows, and both lengths."""
    cos, norm_W, norm_W_prime = similarity.two_roles(W, W_prime)
    return pd.DataFrame({"word": vocab, "group": group_of(vocab, groups),
                         "cosine": cos.round(6), "norm_W": norm_W.round(6),
                         "norm_W_prime": norm_W_prime.round(6)})


def shown_rows(frame: pd.DataFrame, words: list[int] | None) -> pd.DataFrame:
    """The rows of a one-row-per-vocabulary-word table at the indices `words` (None: all)."""
    return frame if words is None else frame.iloc[list(words)].reset_index(drop=True)
