"""Model vs corpus: what full-softmax skip-gram is trying to learn, and how close it gets.

The training pairs define an empirical distribution P̂(context | center): of all the pairs whose
center is c, the fraction whose context is o. Averaged over the corpus, the loss of a model Q is

    E[−log Q(o|c)] = Σ_c π(c) · ( H(P̂(·|c)) + KL(P̂(·|c) ‖ Q(·|c)) )

where π(c) is how often c is a center. The entropy term does not depend on the model, so the
best possible model has Q = P̂ (KL = 0) and its average loss is the weighted conditional entropy,
not 0. The model's Q is softmax(W W′ᵀ): row c is P(· | c) after the recorded step.

Pure NumPy/pandas: arrays in, arrays or DataFrames out. Matrices are V×V, indexed like the
vocabulary, row = center, column = context. The logits are computed in float64 so that a
diverging run's huge-but-finite weights give numbers, not overflow.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

CHUNK = 32     # recorded steps per block when computing the KL curve (≈ CHUNK·V·V floats)


# -- the corpus side -------------------------------------------------------------------------
def pair_counts(pairs: np.ndarray, V: int) -> np.ndarray:
    """V×V int matrix: how many training pairs have center i and context j."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    counts = np.zeros((V, V), dtype=np.int64)
    np.add.at(counts, (pairs[:, 0], pairs[:, 1]), 1)
    return counts


def empirical_matrix(counts: np.ndarray) -> np.ndarray:
    """P̂(context | center): each row of the count matrix divided by its sum.

    A word that is never a center (possible when min_count drops its sentence-mates) gets an
    all-zero row: it has no empirical distribution.
    """
    counts = np.asarray(counts, dtype=np.float64)
    totals = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)


def center_weights(counts: np.ndarray) -> np.ndarray:
    """π(c): the fraction of all pairs whose center is c (sums to 1)."""
    totals = np.asarray(counts, dtype=np.float64).sum(axis=1)
    return totals / totals.sum()


def entropy_per_center(empirical: np.ndarray) -> np.ndarray:
    """H(P̂(·|c)) in nats for every center (0 for a center with no pairs)."""
    p = np.asarray(empirical, dtype=np.float64)
    logp = np.log(p, out=np.zeros_like(p), where=p > 0)
    return -(p * logp).sum(axis=1)


# -- the model side --------------------------------------------------------------------------
def log_model_matrix(W: np.ndarray, W_prime: np.ndarray) -> np.ndarray:
    """log softmax(W W′ᵀ) row by row (V×V, float64); works on stacks (..., V, d) too."""
    logits = np.asarray(W, dtype=np.float64) @ np.swapaxes(np.asarray(W_prime, dtype=np.float64), -1, -2)
    top = logits.max(axis=-1, keepdims=True)
    return logits - top - np.log(np.exp(logits - top).sum(axis=-1, keepdims=True))


def model_matrix(W: np.ndarray, W_prime: np.ndarray) -> np.ndarray:
    """The model's P(context | center) for every center: softmax(W W′ᵀ), rows sum to 1."""
    return np.exp(log_model_matrix(W, W_prime))


def kl_divergence(empirical: np.ndarray, log_model: np.ndarray) -> np.ndarray:
    """KL(P̂(·|c) ‖ Q(·|c)) for each row c, in nats; NaN for a row with no empirical mass.

    Terms with P̂ = 0 contribute 0; only the model's log-probabilities where P̂ > 0 are used, so a
    model probability that underflows to 0 gives a large finite number, not inf·0.
    """
    p = np.asarray(empirical, dtype=np.float64)
    logp = np.log(p, out=np.zeros_like(p), where=p > 0)
    kl = (p * (logp - np.where(p > 0, log_model, 0.0))).sum(axis=-1)
    return np.where(p.sum(axis=-1) > 0, np.maximum(kl, 0.0), np.nan)


@dataclass(frozen=True)
class KLCurve:
    steps: np.ndarray        # (R,) recorded step numbers
    per_center: np.ndarray   # (R, V) KL(P̂(·|c) ‖ model after the step), NaN for non-centers
    weighted: np.ndarray     # (R,) Σ_c π(c) KL_c: expected loss minus its floor
    floor: float             # Σ_c π(c) H(P̂(·|c)): the lowest average loss any model can reach
    weights: np.ndarray      # (V,) π(c)


def kl_curve(W: np.ndarray, W_prime: np.ndarray, steps: np.ndarray, pairs: np.ndarray,
             chunk: int = CHUNK) -> KLCurve:
    """KL per center and its π-weighted average after every recorded step.

    W, W_prime are the (R, V, d) recordings; computed CHUNK recordings at a time so memory
    stays at a few CHUNK×V×V blocks however long the run.
    """
    R, V, _ = np.shape(W)
    counts = pair_counts(pairs, V)
    emp = empirical_matrix(counts)
    weights = center_weights(counts)
    has = emp.sum(axis=1) > 0
    neg_entropy = -entropy_per_center(emp)                      # Σ_o P̂ log P̂
    per_center = np.empty((R, V), dtype=np.float64)
    for lo in range(0, R, chunk):
        log_q = log_model_matrix(W[lo:lo + chunk], W_prime[lo:lo + chunk])   # (r, V, V)
        cross = np.einsum("vo,rvo->rv", emp, log_q)                        # Σ_o P̂ log Q
        per_center[lo:lo + chunk] = np.maximum(neg_entropy - cross, 0.0)
    per_center[:, ~has] = np.nan
    weighted = per_center[:, has] @ weights[has]
    floor = float(weights @ entropy_per_center(emp))
    return KLCurve(np.asarray(steps), per_center, weighted, floor, weights)


# -- pairs -----------------------------------------------------------------------------------
def corpus_pairs(counts: np.ndarray, vocab: list[str]) -> pd.DataFrame:
    """Every distinct (center, context) pair that occurs, most frequent first.

    Columns: center, context (indices), center_word, context_word, count, empirical_p.
    Ties are broken by vocabulary order, so the order is deterministic.
    """
    emp = empirical_matrix(counts)
    c, o = np.nonzero(counts)
    frame = pd.DataFrame({"center": c, "context": o,
                          "center_word": [vocab[i] for i in c],
                          "context_word": [vocab[j] for j in o],
                          "count": counts[c, o], "empirical_p": emp[c, o]})
    return frame.sort_values(["count", "center", "context"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def default_tracked_pairs(counts: np.ndarray, k: int = 3) -> list[tuple[int, int]]:
    """k frequent pairs with different centers: the most frequent pair of the most frequent
    centers (a sensible, deterministic start for the tracked-pairs chart)."""
    totals = np.asarray(counts).sum(axis=1)
    centers = [int(c) for c in np.argsort(-totals, kind="stable")[:k] if totals[c] > 0]
    return [(c, int(np.argmax(counts[c]))) for c in centers]


def ranks_of(log_q: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Rank of column target[i] in row i (1 = most probable; ties in the target's favour)."""
    own = np.take_along_axis(log_q, np.asarray(target)[..., None], axis=-1)
    return (log_q > own).sum(axis=-1) + 1


def pair_tracks(W: np.ndarray, W_prime: np.ndarray, steps: np.ndarray,
                tracked: list[tuple[int, int]], vocab: list[str]) -> pd.DataFrame:
    """Model P(context | center) and its rank among all V words after every recorded step.

    Long table: step, pair ("center → context"), center, context, probability, rank.
    At a recorded step s this is the probability step s+1 starts from, i.e. what
    run.step_state(s + 1) reports as context_prob when step s+1 trains that pair.
    """
    W_prime = np.asarray(W_prime, dtype=np.float64)
    frames = []
    for c, o in tracked:
        logits = np.einsum("rd,rvd->rv", np.asarray(W[:, c], dtype=np.float64), W_prime)
        top = logits.max(axis=1, keepdims=True)
        log_q = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
        frames.append(pd.DataFrame({
            "step": np.asarray(steps), "pair": pair_label(vocab, c, o), "center": c,
            "context": o, "probability": np.exp(log_q[:, o]),
            "rank": ranks_of(log_q, np.full(len(steps), o))}))
    if not frames:
        return pd.DataFrame(columns=["step", "pair", "center", "context", "probability", "rank"])
    return pd.concat(frames, ignore_index=True)


def pair_label(vocab: list[str], center: int, context: int) -> str:
    return f"{vocab[center]} → {vocab[context]}"


def hardest_pairs(counts: np.ndarray, W: np.ndarray, W_prime: np.ndarray, vocab: list[str],
                  n: int = 15) -> pd.DataFrame:
    """The n pairs that occur in the corpus with the lowest model probability under (W, W′).

    Columns: center, context (words), count, empirical P, model P, rank (among V), and
    −log model P (the loss a step on this pair would have).
    """
    log_q = log_model_matrix(W, W_prime)
    frame = corpus_pairs(counts, vocab)
    c, o = frame["center"].to_numpy(), frame["context"].to_numpy()
    frame["model_p"] = np.exp(log_q[c, o])
    frame["rank"] = ranks_of(log_q[c], o)
    frame["loss"] = -log_q[c, o]
    frame = frame.sort_values(["model_p", "count"], ascending=[True, False], kind="stable")
    return (frame.head(n).rename(columns={"center_word": "center word",
                                          "context_word": "context word",
                                          "empirical_p": "corpus P", "model_p": "model P",
                                          "loss": "−log model P"})
            [["center word", "context word", "count", "corpus P", "model P", "rank",
              "−log model P"]].reset_index(drop=True))


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
