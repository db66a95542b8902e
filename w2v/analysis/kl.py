"""The model against the corpus: softmax(W W′ᵀ) against P̂, measured by KL divergence.

Averaged over the corpus, the loss of a model Q is

    E[−log Q(o|c)] = Σ_c π(c) · ( H(P̂(·|c)) + KL(P̂(·|c) ‖ Q(·|c)) )

(see distribution.py for P̂, π and H). The entropy term does not depend on the model, so the
best possible model has Q = P̂ (KL = 0) and its average loss is the floor, not 0. The model's Q
is softmax(W W′ᵀ): row c is P(· | c) after the recorded step. The KL curve follows the
π-weighted KL over training: the expected loss minus its floor.

The logits are computed in float64 so that a diverging run's huge-but-finite weights give
numbers, not overflow. A large vocabulary never builds a V×V matrix here: the softmax is
computed a few rows at a time and only where a pair occurs, and the curve can be limited to
the most frequent centers and to evenly spaced recorded steps (curves.even_indices).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..curves import even_indices
from .distribution import (center_totals, center_weights, frequent_centers, occurring,
                           sparse_entropies, sparse_pair_counts)

CHUNK = 64     # softmax rows per block (≈ CHUNK·V floats at a time)


def log_model_matrix(W: np.ndarray, W_prime: np.ndarray) -> np.ndarray:
    """log softmax(W W′ᵀ) row by row (V×V, float64); works on stacks (..., V, d) too.

    The scores are an einsum, not a BLAS product: with d this small it is as fast, and it
    avoids the BLAS thread start-up that made small blocks slow on a busy server.
    """
    logits = np.einsum("...id,...jd->...ij", np.asarray(W, dtype=np.float64),
                       np.asarray(W_prime, dtype=np.float64))
    top = logits.max(axis=-1, keepdims=True)
    logits -= top
    norm = np.log(np.exp(logits).sum(axis=-1, keepdims=True))
    logits -= norm
    return logits


def pair_log_probs(W: np.ndarray, W_prime: np.ndarray, centers: np.ndarray,
                   contexts: np.ndarray, chunk: int = CHUNK) -> np.ndarray:
    """log Q(contexts[i] | centers[i]) under softmax(W W′ᵀ), for pairs sorted by center.

    Only the rows of the centers that occur are computed, `chunk` rows at a time, so memory
    stays at a few chunk×V blocks whatever V (never the V×V matrix).
    """
    centers, contexts = np.asarray(centers, np.int64), np.asarray(contexts, np.int64)
    out = np.empty(len(centers), dtype=np.float64)
    if len(centers) == 0:
        return out
    rows, starts = np.unique(centers, return_index=True)
    bounds = np.append(starts, len(centers))
    Wp = np.asarray(W_prime, dtype=np.float64)
    for lo in range(0, len(rows), chunk):
        block = rows[lo:lo + chunk]
        log_q = log_model_matrix(np.asarray(W)[block], Wp)              # (b, V)
        a, b = bounds[lo], bounds[lo + len(block)]
        local = np.repeat(np.arange(len(block)), np.diff(bounds[lo:lo + len(block) + 1]))
        out[a:b] = log_q[local, contexts[a:b]]
    return out


def model_matrix(W: np.ndarray, W_prime: np.ndarray) -> np.ndarray:
    """The model's P(context | center) for every center: softmax(W W′ᵀ), rows sum to 1."""
    return np.exp(log_model_matrix(W, W_prime))


def ranks_of(log_q: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Rank of column target[i] in row i (1 = most probable; ties in the target's favour)."""
    own = np.take_along_axis(log_q, np.asarray(target)[..., None], axis=-1)
    return (log_q > own).sum(axis=-1) + 1


@dataclass(frozen=True)
class KLCurve:
    steps: np.ndarray        # (S,) the recorded step numbers computed (all, or evenly spaced)
    per_center: np.ndarray   # (S, V) KL(P̂(·|c) ‖ model after the step); NaN for non-centers
                             # and for centers left out (see `centers`)
    weighted: np.ndarray     # (S,) Σ_c π(c) KL_c over `centers`: expected loss minus its floor
    floor: float             # Σ_c π(c) H(P̂(·|c)) over `centers`: the lowest average loss
    weights: np.ndarray      # (V,) π(c) over every center
    centers: np.ndarray | None = None   # the centers averaged over, most frequent first
    coverage: float = 1.0    # the share of all pairs whose center is in `centers`
    recorded: int = 0        # how many steps were recorded (S ≤ recorded)

    @property
    def all_centers(self) -> bool:
        """The averages are over every center (a small vocabulary)."""
        return self.coverage >= 1.0 - 1e-9


@dataclass(frozen=True)
class _Rows:
    """The occurring pairs of some centers, ready for KL: center, context, P̂, Σ_o P̂ log P̂."""
    c: np.ndarray
    o: np.ndarray
    p: np.ndarray
    neg_entropy: np.ndarray     # (V,)
    has: np.ndarray             # (V,) bool: the center is included and has pairs


def _rows(counts, centers=None) -> _Rows:
    c, o, n = occurring(counts)
    totals = center_totals(counts)
    V = len(totals)
    if centers is not None:
        mask = np.zeros(V, dtype=bool)
        mask[np.asarray(centers, dtype=np.int64)] = True
        keep = mask[c]
        c, o, n = c[keep], o[keep], n[keep]
    p = n / totals[c]                   # empty (float) when no center is kept
    return _Rows(c, o, p, np.bincount(c, weights=p * np.log(p), minlength=V),
                 np.bincount(c, minlength=V) > 0)


def _kl(rows: _Rows, W, W_prime, chunk: int) -> np.ndarray:
    V = len(rows.has)
    cross = np.bincount(rows.c, weights=rows.p * pair_log_probs(W, W_prime, rows.c, rows.o,
                                                               chunk), minlength=V)
    kl = np.full(V, np.nan)
    kl[rows.has] = np.maximum(rows.neg_entropy[rows.has] - cross[rows.has], 0.0)
    return kl


def center_kl(counts, W: np.ndarray, W_prime: np.ndarray, centers=None,
              chunk: int = CHUNK) -> np.ndarray:
    """KL(P̂(·|c) ‖ softmax(W W′ᵀ)_c) per center (length V) after one step's weights.

    Only `centers` are computed (None: every center with pairs); the others are NaN.
    """
    return _kl(_rows(counts, centers), W, W_prime, chunk)


def kl_curve(W: np.ndarray, W_prime: np.ndarray, steps: np.ndarray, pairs: np.ndarray,
             chunk: int = CHUNK, centers: int | None = None,
             max_steps: int | None = None) -> KLCurve:
    """KL per center and its π-weighted average after every recorded step.

    W, W_prime are the (R, V, d) recordings. With a large vocabulary, `centers` limits the
    computation to that many most frequent centers (the averages and the floor are then over
    them, renormalised: `coverage` says what share of the pairs they hold) and `max_steps`
    to that many evenly spaced recordings. The softmax is computed `chunk` rows at a time and
    only for rows of centers, so memory stays small whatever V.
    """
    R, V, _ = np.shape(W)
    counts = sparse_pair_counts(pairs, V)
    weights = center_weights(counts)
    chosen = frequent_centers(counts, centers)
    rows = even_indices(R, max_steps)
    pairs_of = _rows(counts, chosen)
    per_center = np.empty((len(rows), V), dtype=np.float64)
    for k, r in enumerate(rows):
        per_center[k] = _kl(pairs_of, W[r], W_prime[r], chunk)
    share = weights[chosen]
    coverage = float(share.sum())
    norm = share / coverage             # > 0: the chosen centers have pairs
    weighted = per_center[:, chosen] @ norm
    floor = float(norm @ sparse_entropies(counts)[chosen])
    return KLCurve(np.asarray(steps)[rows], per_center, weighted, floor, weights,
                   chosen, coverage, R)


def center_curve(W: np.ndarray, W_prime: np.ndarray, counts, c: int, rows,
                 chunk: int = CHUNK) -> np.ndarray:
    """KL for one center after each recording in `rows` (its curve when the cached one left it
    out): one softmax row per step."""
    pairs_of = _rows(counts, [c])
    return np.array([_kl(pairs_of, W[r], W_prime[r], chunk)[c] for r in rows])


def kl_at(curve: KLCurve, counts, W: np.ndarray, W_prime: np.ndarray, step: int,
          center: int, chunk: int = CHUNK) -> tuple[float, float]:
    """(KL of `center`, the curve's weighted average) after recorded `step` with weights W, W′:
    read from the curve when it holds that step and center, else computed for that step
    alone (one softmax row per averaged center)."""
    k = int(np.searchsorted(curve.steps, step))
    on_curve = k < len(curve.steps) and int(curve.steps[k]) == int(step)
    if on_curve:
        per_center, weighted = curve.per_center[k], float(curve.weighted[k])
    else:
        per_center = center_kl(counts, W, W_prime, curve.centers, chunk)
        share = curve.weights[curve.centers]
        weighted = float(per_center[curve.centers] @ (share / share.sum()))
    if curve.centers is None or center in set(curve.centers.tolist()):
        return float(per_center[center]), weighted
    return float(center_kl(counts, W, W_prime, [center], chunk)[center]), weighted


def center_series(curve: KLCurve, counts, W: np.ndarray, W_prime: np.ndarray,
                  rows, center: int, chunk: int = CHUNK) -> np.ndarray:
    """The curve of one center at the curve's steps (`rows`: their recording indices)."""
    if curve.centers is None or center in set(curve.centers.tolist()):
        return curve.per_center[:, center]
    return center_curve(W, W_prime, counts, center, rows, chunk)
