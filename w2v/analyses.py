"""Questions asked of trained vectors: neighbours, analogies, quality scores, convergence.

Pure functions on arrays (W is V×d, one row per vocabulary word). Cosines are computed in
float64 so a diverging run's huge-but-finite vectors still give numbers, not overflow.

A "sets" dict is what corpus_sets.json holds:
    {"groups": {name: [words]}, "analogies": [[a, b, c, d], ...]}
read "a is to b as c is to d": d should be the word nearest to W[b] − W[a] + W[c].
Words a set names but the vocabulary lacks are skipped, never an error.
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


def usable_groups(groups: dict[str, list[str]], vocab: list[str]) -> dict[str, list[str]]:
    """Each group cut to its in-vocabulary words; groups left with fewer than 2 are dropped."""
    known = set(vocab)
    cut = {name: [w for w in words if w in known] for name, words in groups.items()}
    return {name: words for name, words in cut.items() if len(words) >= 2}


def usable_analogies(analogies: list[list[str]], vocab: list[str]) -> list[list[str]]:
    """The analogies whose four words are all in the vocabulary."""
    known = set(vocab)
    return [list(q) for q in analogies if len(q) == 4 and set(q) <= known]


def neighbour_quality(W, vocab, groups: dict[str, list[str]], k: int = 3) -> float | None:
    """Fraction of grouped words with a word of their own group among their k nearest.

    Only groups with 2+ words in the vocabulary count (a lone word cannot succeed);
    None when no group qualifies.
    """
    hits = total = 0
    for words in usable_groups(groups, vocab).values():
        for word in words:
            near = {w for w, _ in nearest(W, vocab, word, k)}
            hits += bool(near & (set(words) - {word}))
            total += 1
    return hits / total if total else None


def analogy_results(W, vocab, analogies: list[list[str]]) -> list[dict]:
    """Each usable analogy's top answer, its score and whether it is the expected word."""
    results = []
    for a, b, c, d in usable_analogies(analogies, vocab):
        top = solve_analogy(W, vocab, a, b, c, k=1)
        answer, score = top[0] if top else (None, None)
        results.append({"analogy": [a, b, c, d], "answer": answer, "score": score,
                        "correct": answer == d})
    return results


def top1_accuracy(results: list[dict]) -> float | None:
    """Fraction of analogy_results answered correctly; None when there are none."""
    return sum(r["correct"] for r in results) / len(results) if results else None


def analogy_accuracy(W, vocab, analogies: list[list[str]]) -> float | None:
    """Top-1 accuracy over the usable analogies; None when there are none."""
    return top1_accuracy(analogy_results(W, vocab, analogies))


# A word has settled once its vector points within ~18° of where it ends (cosine ≥ 0.95).
# Direction, not length, is what neighbours, analogies and the PCA picture depend on, and
# softmax training keeps lengthening vectors long after their direction is fixed.
CONVERGED_COSINE = 0.95


def convergence_steps(steps: np.ndarray, W: np.ndarray,
                      min_cosine: float = CONVERGED_COSINE, chunk: int = 64) -> np.ndarray:
    """Per word, the first recorded step from which its row stays at cosine ≥ min_cosine
    to its final row (W is R×V×d over the recorded `steps`; the last step always qualifies).

    Computed `chunk` recordings at a time, so a large run (R×V×d in float64 would be hundreds
    of MB for a book-length vocabulary) needs only a few small blocks.
    """
    R, V = np.shape(W)[:2]
    final = unit_rows(W[-1])
    # Index of the last recording still away from the final direction, -1 if none.
    last_away = np.full(V, -1, dtype=np.int64)
    for lo in range(0, R, chunk):
        cos = np.einsum("rvd,vd->rv", unit_rows(W[lo:lo + chunk]), final)   # (r, V)
        away = cos < min_cosine
        hit = away.any(axis=0)
        last_in_block = lo + len(away) - 1 - np.argmax(away[::-1], axis=0)
        last_away = np.where(hit, last_in_block, last_away)
    return np.asarray(steps)[last_away + 1]
