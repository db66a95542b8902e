"""Do a run's vectors mean anything yet? Measures that need no labels, so they judge any text.

* epochs: how many times training went through every window pair;
* loss: the final vectors' average loss on the text's pairs, against ln V (a uniform guess)
  and against the corpus floor (the lowest any model can reach, distribution.corpus_floor);
* stability: two runs that differ only in their seed start from different random vectors and
  read the pairs in a different order. The nearest neighbours they agree on, the text put
  there; the ones they disagree on are still the seed's.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .distribution import corpus_floor, sparse_pair_counts
from .similarity import unit_rows

NEIGHBOURS = 5          # top-k neighbours compared between the two seeds
WORDS = 300             # neighbours among this many most frequent words (bounded cost)
LOSS_PAIRS = 4000       # pairs the final loss is averaged over (evenly spaced; all if fewer)


def top_neighbours(W: np.ndarray, rows: np.ndarray, k: int = NEIGHBOURS) -> np.ndarray:
    """(len(rows), k) positions in `rows` of each row's k nearest by cosine, itself excluded."""
    U = unit_rows(np.asarray(W)[rows])
    cos = U @ U.T
    np.fill_diagonal(cos, -np.inf)
    return np.argsort(-cos, axis=1, kind="stable")[:, :k]


def neighbour_overlap(W_a: np.ndarray, W_b: np.ndarray, rows: np.ndarray,
                      k: int = NEIGHBOURS) -> float:
    """Mean share of each word's k nearest neighbours (among `rows`) that two runs agree on."""
    a, b = top_neighbours(W_a, rows, k), top_neighbours(W_b, rows, k)
    shared = [len(set(x) & set(y)) for x, y in zip(a.tolist(), b.tolist())]
    return float(np.mean(shared)) / k if shared else 0.0


def chance_overlap(n: int, k: int = NEIGHBOURS) -> float:
    """The overlap two unrelated random orders of n − 1 candidates share on average: k/(n − 1)."""
    return min(1.0, k / (n - 1)) if n > 1 else 1.0


def frequent_rows(counts: np.ndarray, limit: int = WORDS) -> np.ndarray:
    """Vocabulary indices of the `limit` most frequent words (ties: vocabulary order)."""
    return np.sort(np.argsort(-np.asarray(counts), kind="stable")[:limit])


def final_loss(W: np.ndarray, W_prime: np.ndarray, pairs: np.ndarray,
               limit: int = LOSS_PAIRS, chunk: int = 512) -> float:
    """Mean full-softmax loss −log P(o | c) of vectors W, W′ over the pairs (`limit` of them,
    evenly spaced). The same measure for either objective: negative sampling trains the same
    scores W′·v_c without normalising them."""
    pairs = np.asarray(pairs).reshape(-1, 2)
    if len(pairs) > limit:
        pairs = pairs[np.linspace(0, len(pairs) - 1, limit).round().astype(int)]
    W, W_prime = np.asarray(W, np.float64), np.asarray(W_prime, np.float64)
    total = 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        for start in range(0, len(pairs), chunk):
            c, o = pairs[start:start + chunk, 0], pairs[start:start + chunk, 1]
            z = W[c] @ W_prime.T
            top = z.max(axis=1, keepdims=True)
            log_norm = top[:, 0] + np.log(np.exp(z - top).sum(axis=1))
            total += float((log_norm - z[np.arange(len(c)), o]).sum())
    return total / len(pairs) if len(pairs) else math.nan


@dataclass(frozen=True)
class Stability:
    """The measures of one run against a second run of another seed (see the module doc)."""
    vocab_size: int
    pairs: int              # window pairs in one epoch
    epochs: float           # steps trained / pairs in one epoch
    loss: float             # final vectors' mean loss on the pairs (nan or inf: diverged)
    chance_loss: float      # ln V
    floor: float            # the corpus floor
    overlap: float          # top-k neighbours shared by the two seeds
    chance: float           # the overlap of two random orders
    words: int              # words whose neighbours were compared
    k: int = NEIGHBOURS

    @property
    def learned(self) -> float:
        """How far the loss has come from ln V towards the floor: 0 = guessing, 1 = the floor."""
        span = self.chance_loss - self.floor
        if not math.isfinite(self.loss) or span <= 0:
            return 0.0
        return float(np.clip((self.chance_loss - self.loss) / span, 0.0, 1.0))

    @property
    def agreement(self) -> float:
        """The overlap above chance: 0 = as two random orders, 1 = the same neighbours."""
        if self.chance >= 1:
            return 0.0
        return float(max(0.0, (self.overlap - self.chance) / (1 - self.chance)))


def stability(run, other, k: int = NEIGHBOURS, words: int = WORDS) -> Stability:
    """Measure `run` (a w2v.Run) against `other`, the same settings and text with another seed."""
    V = len(run.vocab)
    counts = np.array([run.corpus.counts[w] for w in run.vocab])
    rows = frequent_rows(counts, words)
    k = min(k, max(len(rows) - 1, 1))
    floor = corpus_floor(sparse_pair_counts(run.pairs, V))
    return Stability(
        vocab_size=V, pairs=run.epoch_length, epochs=run.steps_done / max(run.epoch_length, 1),
        loss=final_loss(run.W[-1], run.W_prime[-1], run.pairs),
        chance_loss=math.log(V), floor=floor,
        overlap=neighbour_overlap(run.W[-1], other.W[-1], rows, k),
        chance=chance_overlap(len(rows), k), words=len(rows), k=k)
