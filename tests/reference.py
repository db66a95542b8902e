"""Dense reference versions of the library's sparse, chunked computations: test oracles.

Each builds the full V×V matrix the library avoids, in the most direct NumPy, so a test can
check the library's answer against the textbook formula on a small vocabulary.
"""
import numpy as np


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


def entropy_per_center(empirical: np.ndarray) -> np.ndarray:
    """H(P̂(·|c)) in nats for every center (0 for a center with no pairs)."""
    p = np.asarray(empirical, dtype=np.float64)
    logp = np.log(p, out=np.zeros_like(p), where=p > 0)
    return -(p * logp).sum(axis=1)


def kl_divergence(empirical: np.ndarray, log_model: np.ndarray) -> np.ndarray:
    """KL(P̂(·|c) ‖ Q(·|c)) for each row c, in nats; NaN for a row with no empirical mass.

    Terms with P̂ = 0 contribute 0; only the model's log-probabilities where P̂ > 0 are used, so a
    model probability that underflows to 0 gives a large finite number, not inf·0.
    """
    p = np.asarray(empirical, dtype=np.float64)
    logp = np.log(p, out=np.zeros_like(p), where=p > 0)
    kl = (p * (logp - np.where(p > 0, log_model, 0.0))).sum(axis=-1)
    return np.where(p.sum(axis=-1) > 0, np.maximum(kl, 0.0), np.nan)
