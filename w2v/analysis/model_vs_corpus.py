"""The Model vs corpus page's bundle: everything it needs of a run, computed once.

Page-shaped (its limits are the page's), kept here until the page's own table module takes it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from ..curves import even_indices
from .distribution import corpus_pairs, default_tracked_pairs, sparse_pair_counts
from .kl import KLCurve, kl_curve


@dataclass(frozen=True)
class ModelVsCorpusBundle:
    """What the Model vs corpus page needs of a run, computed once (read-only, shared)."""
    counts: sparse.csr_matrix   # V×V pair counts, sparse
    pairs: pd.DataFrame         # the distinct pairs listed for tracking, most frequent first
    curve: KLCurve
    rows: np.ndarray            # recording indices of curve.steps
    distinct_pairs: int         # how many distinct pairs the corpus has


def listed_pairs(counts, vocab: list[str], limit: int | None) -> pd.DataFrame:
    """The pairs a reader may track: the `limit` most frequent (None: all), plus the default
    tracked pairs (distribution.default_tracked_pairs) wherever the limit cut them off."""
    listed = corpus_pairs(counts, vocab, limit=limit)
    if limit is None:
        return listed
    extra = [(c, o) for c, o in default_tracked_pairs(counts, 3)
             if not ((listed["center"] == c) & (listed["context"] == o)).any()]
    if not extra:
        return listed
    everything = corpus_pairs(counts, vocab)
    wanted = everything.set_index(["center", "context"]).index.isin(extra)
    return pd.concat([listed, everything[wanted]], ignore_index=True)


def model_vs_corpus_bundle(run, max_words: int, max_steps: int, max_pairs: int,
                           line_steps: int | None = None) -> ModelVsCorpusBundle:
    """Counts, listed pairs and the KL curve of a run. Up to `max_words` words everything is
    exact and every center is averaged; a larger vocabulary averages over its `max_words` most
    frequent centers, computes the curve at `max_steps` evenly spaced recordings and lists
    `max_pairs` pairs. `line_steps`: a small vocabulary's curve at at most that many evenly
    spaced recordings (the first and last included) — no more than a chart's lines draw; the
    exact numbers at any other step come from `kl_at` (None: at every recording)."""
    V = len(run.vocab)
    counts = sparse_pair_counts(run.pairs, V)
    large = V > max_words
    steps_kept = max_steps if large else line_steps
    curve = kl_curve(run.W, run.W_prime, run.steps, run.pairs,
                     centers=max_words if large else None, max_steps=steps_kept)
    listed = listed_pairs(counts, run.vocab, max_pairs if large else None)
    rows = even_indices(len(run.steps), steps_kept)
    for a in (curve.per_center, curve.weighted, curve.weights, rows):
        a.setflags(write=False)     # shared by every session through the page's cache
    return ModelVsCorpusBundle(counts, listed, curve, rows, int(counts.nnz))
