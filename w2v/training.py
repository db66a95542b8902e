"""The training loop and what it records.

A run keeps every step's pair and loss, and W and W′ at the recorded steps only. Everything
else a step can show (hidden vector, logits, probabilities, gradients, forces, rank) is
derived on demand by replaying from the nearest recording (see run.py): training is
deterministic, so the replay reproduces the step bit for bit.
"""
import math
from typing import Callable

import numpy as np

from . import budget as _budget
from .budget import record_schedule  # noqa: F401 - re-exported: the schedule lives in budget.py
from .config import TrainConfig
from .corpus import load_corpus
from .engine import Engine
from .model import initial_weights
from .run import Run, vocab_counts
from .subsample import keep_probability, subsampled_epochs, token_stream, window_pairs

Progress = Callable[[int, int], None]


def pair_order(n_pairs: int, steps: int, seed: int) -> np.ndarray:
    """Index of the pair used at each step: a fresh shuffle for every epoch."""
    rng = np.random.default_rng(seed)
    epochs = math.ceil(steps / n_pairs)
    return np.concatenate([rng.permutation(n_pairs) for _ in range(epochs)])[:steps]


def step_pairs(corpus, ids, sentence, pairs: np.ndarray, config: TrainConfig):
    """(centers, contexts, epoch_starts) of every step: the seed's shuffled epochs of all pairs,
    or, with subsampling (config.sample > 0), each epoch's pairs from a freshly thinned text
    (ids, sentence: the token stream). epoch_starts is None when every epoch is all the pairs."""
    if config.sample <= 0:
        order = pair_order(len(pairs), config.steps, config.seed)
        return pairs[order, 0], pairs[order, 1], None
    keep = keep_probability(vocab_counts(corpus), config.sample)
    return subsampled_epochs(ids, sentence, keep, config.window, config.steps, config.seed)


def _finite(*arrays) -> bool:
    return all(np.isfinite(a).all() for a in arrays)


def last_finite(W_rec, Wp_rec, n_rec, schedule, centers, contexts, diverged_at, engine):
    """The last step before `diverged_at` whose weights are all finite, and those weights.

    A huge update can overflow W or W′ one step before the loss itself turns non-finite, so
    the recordings are trimmed back to finite ones and the steps after them replayed one by one.
    Returns (recordings kept, that step, W, W′); step 0, the initial weights, is always finite.
    """
    while not _finite(W_rec[n_rec - 1], Wp_rec[n_rec - 1]):
        n_rec -= 1
    step = int(schedule[n_rec - 1])
    W, W_prime = W_rec[n_rec - 1].copy(), Wp_rec[n_rec - 1].copy()
    while step + 1 < diverged_at:
        W_next, Wp_next = W.copy(), W_prime.copy()
        diverged, _ = engine.run(W_next, Wp_next, centers, contexts, step, step + 1)
        if diverged or not _finite(W_next, Wp_next):
            break
        W, W_prime, step = W_next, Wp_next, step + 1
    return n_rec, step, W, W_prime


def train(text: str, config: TrainConfig = TrainConfig(), progress: Progress | None = None,
          budget: int | None = _budget.RUN_BUDGET) -> Run:
    """Train a SkipGram on `text`; raises CorpusError for text that cannot be trained on.

    With a `budget` (bytes, default 300 MB) a run too large for the configured record schedule
    is recorded more sparsely (see budget.py; `run.record_note` says how), or refused with
    budget.RunTooLarge when even that would not fit. `budget=None` records as configured.
    """
    corpus = load_corpus(text, config.min_count)
    if budget is None:
        plan = None
        schedule = record_schedule(config.steps, config.dense_steps, config.record_interval)
    else:
        plan = _budget.plan(len(corpus.vocab), config, budget)
        schedule = plan.schedule(config.steps)
    ids, sentence = token_stream(corpus.cleaned, corpus.w2i)
    pairs = window_pairs(ids, sentence, config.window)   # = pairs.generate_pairs, vectorised
    centers, contexts, epoch_starts = step_pairs(corpus, ids, sentence, pairs, config)
    centers, contexts = centers.astype(np.int32), contexts.astype(np.int32)
    engine = Engine.for_run(config, vocab_counts(corpus))

    W, W_prime = initial_weights(len(corpus.vocab), config.dim, config.seed)
    W_rec = np.empty((len(schedule),) + W.shape, dtype=np.float32)
    Wp_rec = np.empty_like(W_rec)
    W_rec[0], Wp_rec[0] = W, W_prime
    losses = np.empty(config.steps, dtype=np.float32)
    n_rec, diverged_at, done = 1, None, 0
    every = max(1, config.steps // 100)
    # The compiled loop runs between progress reports and records inside itself.
    while done < config.steps and diverged_at is None:
        stop = min(config.steps, done + every)
        diverged_at, n_rec = engine.run(W, W_prime, centers, contexts, done, stop,
                                        losses[done:stop], schedule, W_rec, Wp_rec, n_rec)
        done = stop
        if progress and diverged_at is None:
            progress(done, config.steps)

    done = config.steps
    if diverged_at is not None:
        n_rec, done, W_last, Wp_last = last_finite(W_rec, Wp_rec, n_rec, schedule, centers,
                                                   contexts, diverged_at, engine)
        diverged_at = done + 1
    recorded = schedule[:n_rec]
    if recorded[-1] != done:
        # Divergence cut the run short: keep the last finite weights as the final recording.
        W_rec[n_rec], Wp_rec[n_rec] = W_last, Wp_last
        recorded, n_rec = np.append(recorded, done), n_rec + 1
    if progress:
        progress(config.steps, config.steps)
    return Run(config=config, corpus=corpus, pairs=pairs,
               centers=centers[:done].copy(), contexts=contexts[:done].copy(),
               losses=losses[:done].copy(), steps=recorded,
               W=W_rec[:n_rec].copy() if n_rec < len(W_rec) else W_rec,
               W_prime=Wp_rec[:n_rec].copy() if n_rec < len(Wp_rec) else Wp_rec,
               diverged_at=diverged_at, record_note=plan.note if plan else None,
               epoch_starts=epoch_starts)

