"""word2vec's frequent-word subsampling and the epochs of window pairs it gives.

Very frequent words ("said", "also") carry little about their neighbours and dominate the
pairs. Before each epoch every occurrence of a word of frequency f is kept with probability

    keep(f) = min(1, (sqrt(f / t) + 1) · t / f)

the rule in word2vec.c (the paper states 1 − sqrt(t/f) for the discard probability; the code's
rule keeps a little more and is what word2vec and gensim run). t is TrainConfig.sample. The
discarded words leave the sentence before the window slides, so the window reaches further.
"""
import numpy as np


def keep_probability(counts: np.ndarray, t: float) -> np.ndarray:
    """The chance each word's occurrence survives subsampling (1 where t = 0)."""
    counts = np.asarray(counts, dtype=np.float64)
    if t <= 0:
        return np.ones_like(counts)
    f = counts / counts.sum()
    return np.minimum(1.0, (np.sqrt(f / t) + 1.0) * t / f)


def token_stream(sentences: list[list[str]], w2i: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """In-vocabulary word ids in reading order, and the sentence each belongs to."""
    ids, sentence = [], []
    for s, words in enumerate(sentences):
        known = [w2i[w] for w in words if w in w2i]
        ids.extend(known)
        sentence.extend([s] * len(known))
    return np.array(ids, dtype=np.int32), np.array(sentence, dtype=np.int64)


def thin(ids: np.ndarray, keep: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Which occurrences survive one subsampling (a boolean mask over the token stream)."""
    return rng.random(len(ids)) < keep[ids]


def window_pairs(ids: np.ndarray, sentence: np.ndarray, window: int) -> np.ndarray:
    """(P, 2) pairs of a token stream in reading order, like pairs.generate_pairs, vectorised."""
    n, pos = len(ids), np.arange(len(ids))
    centers, contexts = [], []
    for offset in range(-window, window + 1):
        if offset == 0:
            continue
        i = pos[max(0, -offset):max(0, n - max(0, offset))]   # none if the offset passes n
        same = sentence[i] == sentence[i + offset]
        centers.append(i[same])
        contexts.append(i[same] + offset)
    i, j = np.concatenate(centers), np.concatenate(contexts)
    order = np.lexsort((j, i))                 # by center position, then context position
    return np.stack([ids[i[order]], ids[j[order]]], axis=1).astype(np.int32).reshape(-1, 2)


def pair_count(sentence: np.ndarray, window: int) -> int:
    """len(window_pairs(ids, sentence, window)) without making the pairs: a sentence of m
    tokens gives 2·Σ_{d=1..window} max(0, m − d)."""
    m = np.unique(sentence, return_counts=True)[1]
    return int(2 * np.maximum(0, m[:, None] - np.arange(1, window + 1)).sum())


def thinnings(ids, sentence, keep, window: int, rng: np.random.Generator):
    """Each epoch's surviving occurrences (masks), skipping a thinning that leaves no pair."""
    while True:
        kept = thin(ids, keep, rng)
        if pair_count(sentence[kept], window):
            yield kept


def subsampled_epochs(ids, sentence, keep, window: int, steps: int, seed: int):
    """Shuffled pairs for `steps` steps, each epoch from a fresh subsampling of the text.

    Returns (centers, contexts, epoch_starts): epoch_starts[e] is the first step (1-based) of
    epoch e + 1. Deterministic for a seed; a shorter run is a prefix of a longer one.
    """
    rng = np.random.default_rng(seed)
    chunks, starts, total = [], [], 0
    for kept in thinnings(ids, sentence, keep, window, rng):
        pairs = window_pairs(ids[kept], sentence[kept], window)
        starts.append(total + 1)
        chunks.append(pairs[rng.permutation(len(pairs))])
        total += len(pairs)
        if total >= steps:
            break
    pairs = np.concatenate(chunks)[:steps]
    return pairs[:, 0].copy(), pairs[:, 1].copy(), np.array(starts, dtype=np.int64)


def first_epoch_pairs(ids, sentence, keep, window: int, seed: int) -> int:
    """How many pairs the first epoch of subsampled_epochs(..., seed) has, whatever the steps
    (a run's epoch_starts only say it once a second epoch begins), without making them."""
    kept = next(thinnings(ids, sentence, keep, window, np.random.default_rng(seed)))
    return pair_count(sentence[kept], window)
