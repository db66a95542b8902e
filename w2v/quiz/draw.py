"""Seeded draws shared by the question generators: words, options, evidence rows.

The choice of words, sentences and steps is drawn from a generator seeded by the run's seed:
every student who opens the same link gets the same quiz.
"""
from __future__ import annotations

import numpy as np

from ..analysis import similarity, word_sets
from ..run import Run

QUIZ_SALT = 7_919          # keeps the quiz's draws apart from the training's (same seed)
FOCUS_WITHOUT_SETS = 20    # the most frequent words stand in for groups


def quiz_rng(run: Run) -> np.random.Generator:
    """The quiz's own generator: seeded by the run's seed, so a link always gives one quiz."""
    return np.random.default_rng([int(run.config.seed), QUIZ_SALT])


def focus_words(run: Run, sets: dict | None) -> list[str]:
    """Words worth asking about: grouped words in the vocabulary, else the frequent ones."""
    return word_sets.key_words(run.vocab, run.corpus.counts, sets, FOCUS_WITHOUT_SETS)


def pick(rng: np.random.Generator, items: list, avoid=()) -> object:
    """One of `items`, not one of `avoid` unless nothing else is left."""
    left = [x for x in items if x not in set(avoid)] or list(items)
    return left[int(rng.integers(len(left)))]


def choice_options(rng, answer: str, pool: list[str], n: int = 4) -> tuple[str, ...]:
    """The answer and up to n−1 distractors from pool, in a seeded order."""
    pool = [w for w in dict.fromkeys(pool) if w != answer]
    k = min(n - 1, len(pool))
    picked = [pool[i] for i in rng.choice(len(pool), size=k, replace=False)] if k else []
    options = picked + [answer]
    return tuple(options[i] for i in rng.permutation(len(options)))


def final_weights(run: Run):
    """(W, W′) after the run's last step."""
    return run.W[-1], run.W_prime[-1]


def nearest_rows(W, vocab, word, k=5):
    """The k nearest words to `word` as evidence rows: rank, word, cosine."""
    return tuple({"rank": i + 1, "word": w, "cosine": round(s, 3)}
                 for i, (w, s) in enumerate(similarity.nearest(W, vocab, word, k)))


def mean(values) -> float:
    """The mean of some losses, NaN for none (a run too short for the window asked)."""
    values = np.asarray(values, dtype=np.float64)
    return float(values.mean()) if len(values) else float("nan")
