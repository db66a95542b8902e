"""What the corpus itself says: the empirical distribution P̂(context | center).

The training pairs define P̂(context | center): of all the pairs whose center is c, the
fraction whose context is o. No model can predict better than P̂ itself, and even P̂ is not
certain: a center with several contexts keeps some loss, its entropy H(P̂(·|c)). Averaged over
the corpus with π(c), how often c is a center, that is the floor of the average loss.

Counts are V×V, indexed like the vocabulary, row = center, column = context. A large
vocabulary (an own text of book length: V ≈ 5,000) makes a dense V×V matrix 25 million
numbers, so the counts are a sparse matrix (`sparse_pair_counts`); the functions taking
`counts` accept it or a dense one.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse


def sparse_pair_counts(pairs: np.ndarray, V: int) -> sparse.csr_matrix:
    """V×V counts of the training pairs: entry (i, j) is how many have center i and context j.

    Sparse (CSR, int64): only the pairs that occur are stored, so a book-length vocabulary's
    V×V of mostly zeros costs nothing.
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    counts = sparse.csr_matrix((np.ones(len(pairs), dtype=np.int64), (pairs[:, 0], pairs[:, 1])),
                               shape=(V, V))
    counts.sum_duplicates()
    return counts


def occurring(counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(center, context, count) of every pair that occurs, sorted by center then context."""
    if sparse.issparse(counts):
        coo = sparse.coo_matrix(counts)
        order = np.lexsort((coo.col, coo.row))
        keep = coo.data[order] > 0
        return (coo.row[order][keep].astype(np.int64), coo.col[order][keep].astype(np.int64),
                coo.data[order][keep].astype(np.int64))
    counts = np.asarray(counts)
    c, o = np.nonzero(counts)
    return c.astype(np.int64), o.astype(np.int64), counts[c, o].astype(np.int64)


def center_totals(counts) -> np.ndarray:
    """How many pairs each word is the center of (float64, length V)."""
    return np.asarray(counts.sum(axis=1), dtype=np.float64).ravel()


def count_row(counts, c: int) -> np.ndarray:
    """Row c of the counts (dense, length V): how often each context follows center c."""
    if sparse.issparse(counts):
        return np.asarray(counts[[c]].toarray()[0], dtype=np.int64)
    return np.asarray(counts[c], dtype=np.int64)


def empirical_row(counts, c: int) -> np.ndarray:
    """P̂(· | c), dense, length V (all zeros for a word that is never a center)."""
    row = count_row(counts, c).astype(np.float64)
    total = row.sum()
    return row / total if total > 0 else row


def frequent_centers(counts, n: int | None = None) -> np.ndarray:
    """Centers with at least one pair, most pairs first (ties: vocabulary order); the first n."""
    totals = center_totals(counts)
    order = np.argsort(-totals, kind="stable")
    order = order[totals[order] > 0]
    return order if n is None else order[:n]


def center_weights(counts) -> np.ndarray:
    """π(c): the fraction of all pairs whose center is c (sums to 1)."""
    totals = center_totals(counts)
    return totals / totals.sum()


def sparse_entropies(counts) -> np.ndarray:
    """H(P̂(·|c)) in nats for every center from the occurring pairs only (0 with no pairs)."""
    c, _, n = occurring(counts)
    totals = center_totals(counts)
    V = len(totals)
    if len(c) == 0:
        return np.zeros(V)
    p = n / totals[c]
    return -np.bincount(c, weights=p * np.log(p), minlength=V)


def corpus_floor(counts) -> float:
    """Σ_c π(c) H(P̂(·|c)): the lowest average loss any model can reach on these pairs."""
    return float(center_weights(counts) @ sparse_entropies(counts))


def corpus_pairs(counts, vocab: list[str], limit: int | None = None) -> pd.DataFrame:
    """Every distinct (center, context) pair that occurs, most frequent first.

    Columns: center, context (indices), center_word, context_word, count, empirical_p.
    Ties are broken by vocabulary order, so the order is deterministic. `limit`: only the
    `limit` most frequent pairs.
    """
    c, o, n = occurring(counts)
    totals = center_totals(counts)
    order = np.lexsort((o, c, -n))             # count desc, then center, then context
    if limit is not None:
        order = order[:limit]
    c, o, n = c[order], o[order], n[order]
    return pd.DataFrame({"center": c, "context": o,
                         "center_word": [vocab[i] for i in c],
                         "context_word": [vocab[j] for j in o],
                         "count": n, "empirical_p": n / totals[c]})


def default_tracked_pairs(counts, k: int = 3) -> list[tuple[int, int]]:
    """k frequent pairs with different centers: the most frequent pair of the most frequent
    centers (a sensible, deterministic start for the tracked-pairs chart)."""
    return [(int(c), int(np.argmax(count_row(counts, c)))) for c in frequent_centers(counts, k)]
