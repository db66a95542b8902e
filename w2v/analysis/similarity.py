"""Cosine similarity between trained vectors: nearest neighbours and analogies.

Pure functions on arrays (W is V×d, one row per vocabulary word). Cosines are computed in
float64 so a diverging run's huge-but-finite vectors still give numbers, not overflow.

Read an analogy "a is to b as c is to d": d should be the word nearest to W[b] − W[a] + W[c].
"""
import numpy as np


def unit_rows(W: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (float64); an all-zero row stays zero instead of dividing by 0."""
    W = np.asarray(W, dtype=np.float64)
    norms = np.linalg.norm(W, axis=-1, keepdims=True)
    return np.divide(W, norms, out=np.zeros_like(W), where=norms > 0)


def cosine_matrix(W: np.ndarray) -> np.ndarray:
    """V×V cosine similarity of every pair of rows."""
    U = unit_rows(W)
    return U @ U.T


def two_roles(W: np.ndarray, W_prime: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each word's two vectors side by side: cos(W row, W′ row), |W row| and |W′ row|.

    The same word plays two roles, center (its W row) and context (its W′ row); nothing in
    training ties the two together, so their cosine shows how alike the roles came out.
    """
    W, W_prime = np.asarray(W, dtype=np.float64), np.asarray(W_prime, dtype=np.float64)
    return ((unit_rows(W) * unit_rows(W_prime)).sum(axis=-1),
            np.linalg.norm(W, axis=-1), np.linalg.norm(W_prime, axis=-1))


def _index(vocab: list[str], word: str) -> int:
    try:
        return vocab.index(word)
    except ValueError:
        raise KeyError(f"{word!r} is not in the vocabulary") from None


def _top_k(scores: np.ndarray, exclude: list[int], vocab: list[str], k: int):
    """The k best (word, score) pairs, best first, never one of `exclude`."""
    scores = scores.copy()
    scores[exclude] = -np.inf
    k = min(k, len(vocab) - len(set(exclude)))
    best = np.argsort(-scores, kind="stable")[:max(k, 0)]
    return [(vocab[i], float(scores[i])) for i in best]


def nearest(W, vocab: list[str], word: str, k: int = 5) -> list[tuple[str, float]]:
    """The k words whose vectors point most nearly the same way as `word`'s (itself excluded)."""
    i = _index(vocab, word)
    return _top_k(unit_rows(W) @ unit_rows(W[i]), [i], vocab, k)


def solve_analogy(W, vocab, a: str, b: str, c: str, k: int = 5) -> list[tuple[str, float]]:
    """a is to b as c is to ?: the k words nearest by cosine to W[b] − W[a] + W[c].

    The question words are excluded, as is usual: otherwise c (or b) nearly always wins.
    """
    ia, ib, ic = (_index(vocab, w) for w in (a, b, c))
    W = np.asarray(W, dtype=np.float64)
    target = unit_rows(W[ib] - W[ia] + W[ic])
    return _top_k(unit_rows(W) @ target, [ia, ib, ic], vocab, k)
