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
from .model import initial_weights, sgd_step
from .pairs import generate_pairs
from .run import Run

Progress = Callable[[int, int], None]


def pair_order(n_pairs: int, steps: int, seed: int) -> np.ndarray:
    """Index of the pair used at each step: a fresh shuffle for every epoch."""
    rng = np.random.default_rng(seed)
    epochs = math.ceil(steps / n_pairs)
    return np.concatenate([rng.permutation(n_pairs) for _ in range(epochs)])[:steps]


def _finite(*arrays) -> bool:
    return all(np.isfinite(a).all() for a in arrays)


def last_finite(W_rec, Wp_rec, n_rec, schedule, centers, contexts, diverged_at, lr):
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
        with np.errstate(over="ignore", invalid="ignore"):
            sgd_step(W_next, Wp_next, centers[step], contexts[step], lr)
        if not _finite(W_next, Wp_next):
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
    pairs = generate_pairs(corpus.cleaned, corpus.w2i, config.window)
    order = pair_order(len(pairs), config.steps, config.seed)
    centers, contexts = pairs[order, 0], pairs[order, 1]

    W, W_prime = initial_weights(len(corpus.vocab), config.dim, config.seed)
    W_rec = np.empty((len(schedule),) + W.shape, dtype=np.float32)
    Wp_rec = np.empty_like(W_rec)
    W_rec[0], Wp_rec[0] = W, W_prime
    losses = np.empty(config.steps, dtype=np.float32)
    n_rec, diverged_at = 1, None
    every = max(1, config.steps // 100)

    # A diverging run overflows before its loss turns non-finite; that is detected below,
    # so numpy's overflow warnings would only be noise on the console.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, config.steps + 1):
            loss = sgd_step(W, W_prime, centers[step - 1], contexts[step - 1], config.lr)
            if not math.isfinite(loss):
                diverged_at = step
                break
            losses[step - 1] = loss
            if n_rec < len(schedule) and schedule[n_rec] == step:
                W_rec[n_rec], Wp_rec[n_rec] = W, W_prime
                n_rec += 1
            if progress and step % every == 0:
                progress(step, config.steps)

    done = config.steps
    if diverged_at is not None:
        n_rec, done, W_last, Wp_last = last_finite(W_rec, Wp_rec, n_rec, schedule, centers,
                                                   contexts, diverged_at, config.lr)
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
               diverged_at=diverged_at, record_note=plan.note if plan else None)

