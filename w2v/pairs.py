"""(center, context) pairs from a sliding window, clamped to each sentence's edges."""
import numpy as np


def generate_pairs(sentences: list[list[str]], w2i: dict[str, int], window: int) -> np.ndarray:
    """All pairs in reading order, as an int array of shape (P, 2): column 0 center, 1 context.

    Words outside the vocabulary are dropped first, so the window spans in-vocabulary words.
    """
    pairs = []
    for sentence in sentences:
        ids = [w2i[w] for w in sentence if w in w2i]
        for i, center in enumerate(ids):
            lo, hi = max(0, i - window), min(len(ids), i + window + 1)
            pairs.extend((center, ids[j]) for j in range(lo, hi) if j != i)
    return np.array(pairs, dtype=np.int32).reshape(-1, 2)


def window_of(n_words: int, i: int, window: int) -> range:
    """Positions that are context for position i in a sentence of n_words in-vocabulary words."""
    return range(max(0, i - window), min(n_words, i + window + 1))
