"""Single (center, context) pairs: the model's probability against the corpus's.

The tracked pairs' probability and rank over training, the pairs the model finds hardest,
and one center's contexts side by side. Tables (DataFrames) of the Model vs corpus page.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .distribution import center_totals, occurring
from .kl import CHUNK, log_model_matrix, pair_log_probs, ranks_of


def pair_tracks(W: np.ndarray, W_prime: np.ndarray, steps: np.ndarray,
                tracked: list[tuple[int, int]], vocab: list[str],
                chunk: int = CHUNK) -> pd.DataFrame:
    """Model P(context | center) and its rank among all V words after every recorded step.

    Long table: step, pair ("center → context"), center, context, probability, rank.
    At a recorded step s this is the probability step s+1 starts from, i.e. what
    run.step_state(s + 1) reports as context_prob when step s+1 trains that pair.
    Computed `chunk` recordings at a time (a few chunk×V blocks, whatever V).
    """
    frames = []
    R = len(steps)
    for c, o in tracked:
        prob, rank = np.empty(R), np.empty(R, dtype=np.int64)
        for lo in range(0, R, chunk):
            # One row (center c) of each recording's softmax: a stack of (1, V) blocks.
            log_q = log_model_matrix(W[lo:lo + chunk, c][:, None, :], W_prime[lo:lo + chunk])[:, 0]
            prob[lo:lo + chunk] = np.exp(log_q[:, o])
            rank[lo:lo + chunk] = ranks_of(log_q, np.full(len(log_q), o))
        frames.append(pd.DataFrame({
            "step": np.asarray(steps), "pair": pair_label(vocab, c, o), "center": c,
            "context": o, "probability": prob, "rank": rank}))
    if not frames:
        return pd.DataFrame(columns=["step", "pair", "center", "context", "probability", "rank"])
    return pd.concat(frames, ignore_index=True)


def pair_label(vocab: list[str], center: int, context: int) -> str:
    return f"{vocab[center]} → {vocab[context]}"


def hardest_pairs(counts, W: np.ndarray, W_prime: np.ndarray, vocab: list[str],
                  n: int = 15, chunk: int = CHUNK) -> pd.DataFrame:
    """The n pairs that occur in the corpus with the lowest model probability under (W, W′).

    Columns: center, context (words), count, empirical P, model P, rank (among V), and
    −log model P (the loss a step on this pair would have). The softmax is computed only for
    rows of centers, a few at a time; ranks only for the n pairs shown.
    """
    c, o, cnt = occurring(counts)
    log_p = pair_log_probs(W, W_prime, c, o, chunk)
    totals = center_totals(counts)
    order = np.lexsort((o, c, -cnt, log_p))[:n]   # model P ascending, then count desc
    c, o, cnt, log_p = c[order], o[order], cnt[order], log_p[order]
    log_q = log_model_matrix(np.asarray(W)[c], W_prime)          # (n, V): only these rows
    frame = pd.DataFrame({
        "center word": [vocab[i] for i in c], "context word": [vocab[j] for j in o],
        "count": cnt, "corpus P": cnt / totals[c], "model P": np.exp(log_p),
        "rank": ranks_of(log_q, o) if len(c) else np.zeros(0, dtype=np.int64),
        "−log model P": -log_p})
    return frame.reset_index(drop=True)


def comparison(empirical_row: np.ndarray, model_row: np.ndarray, vocab: list[str],
               top_n: int = 10) -> pd.DataFrame:
    """Long table for one center: the top_n context words by the larger of the two
    probabilities, with source "corpus" / "model" and the probability (order kept in `order`)."""
    emp, mod = np.asarray(empirical_row, float), np.asarray(model_row, float)
    best = np.argsort(-np.maximum(emp, mod), kind="stable")[:top_n]
    rows = []
    for order, j in enumerate(best):
        rows.append({"word": vocab[j], "order": order, "source": "corpus", "probability": emp[j]})
        rows.append({"word": vocab[j], "order": order, "source": "model", "probability": mod[j]})
    return pd.DataFrame(rows, columns=["word", "order", "source", "probability"])
