"""What one training step costs: the multiply-adds each objective needs, and the engine's time.

Full softmax scores every word: V·d multiply-adds for the logits (and as many again for the
gradient of W′). Negative sampling scores the true context and k noise words: (k+1)·d. The
measured time runs the compiled engine on a run's own settings and window pairs, without
recording, from the run's initial weights: what a step of that run costs here and now.
"""
from __future__ import annotations

import time

import numpy as np

from .budget import step_seconds
from .config import TrainConfig
from .corpus import Corpus
from .engine import Engine
from .model import initial_weights
from .run import vocab_counts
from .subsample import token_stream, window_pairs

TIMED_STEPS = 20_000        # at most: long enough to swamp the call's overhead
TIMED_SECONDS = 0.1         # and about this long a timing (a softmax step on a big V is slow)


def scores_per_step(objective: str, V: int, d: int, k: int) -> int:
    """Multiply-adds of one step's scores u_w·v_c: V·d (softmax) or (k+1)·d (negative)."""
    return V * d if objective == "softmax" else (k + 1) * d


def timed_steps(config: TrainConfig, V: int) -> int:
    """Steps one timing runs: TIMED_STEPS, fewer when the estimate says they would take longer
    than TIMED_SECONDS (at least 200)."""
    return int(min(TIMED_STEPS, max(200, TIMED_SECONDS / step_seconds(V, config))))


def seconds_per_step(config: TrainConfig, corpus: Corpus, steps: int | None = None,
                     repeat: int = 3) -> float:
    """The compiled engine's time for one step of a run with `config` on `corpus` (the best of
    `repeat` timings of `steps` steps over its window pairs, shuffled; default timed_steps)."""
    steps = steps or timed_steps(config, len(corpus.vocab))
    ids, sentence = token_stream(corpus.cleaned, corpus.w2i)
    pairs = window_pairs(ids, sentence, config.window)
    rng = np.random.default_rng(config.seed)
    order = rng.integers(0, len(pairs), steps)
    centers = pairs[order, 0].astype(np.int32)
    contexts = pairs[order, 1].astype(np.int32)
    engine = Engine.for_run(config, vocab_counts(corpus))
    W0, Wp0 = initial_weights(len(corpus.vocab), config.dim, config.seed)
    engine.run(W0.copy(), Wp0.copy(), centers, contexts, 0, min(steps, 10))   # compiled or cached
    best = float("inf")
    for _ in range(repeat):
        W, W_prime = W0.copy(), Wp0.copy()
        t0 = time.perf_counter()
        engine.run(W, W_prime, centers, contexts, 0, steps)
        best = min(best, time.perf_counter() - t0)
    return best / steps
