"""Edges of the corpus-vs-model tables: ties, defaults, centers left out, nothing to show."""
import math
from types import SimpleNamespace

import numpy as np
import pytest

from w2v.analysis import distribution, kl, model_vs_corpus, pair_probs

# 40 centers: even words have 2 pairs, odd words 1 (many ties), each towards the next word.
MANY = np.array([(w, (w + 1) % 40) for w in range(40) for _ in range(1 + (w % 2 == 0))])
MANY_COUNTS = distribution.sparse_pair_counts(MANY, 40)
VOCAB40 = [f"w{i:02d}" for i in range(40)]


def test_ties_keep_vocabulary_order_however_many():
    evens, odds = list(range(0, 40, 2)), list(range(1, 40, 2))
    assert distribution.frequent_centers(MANY_COUNTS).tolist() == evens + odds
    assert distribution.default_tracked_pairs(MANY_COUNTS) == [(0, 1), (2, 3), (4, 5)]
    frame = distribution.corpus_pairs(MANY_COUNTS, VOCAB40)
    assert frame["center"].tolist() == evens + odds
    best = pair_probs.comparison(np.ones(40) / 40, np.ones(40) / 40, VOCAB40, top_n=40)
    assert best["word"].tolist()[::2] == VOCAB40
    two_levels = np.array([0.02, 0.03] * 20)        # ties in two levels: an unstable sort mixes them
    best = pair_probs.comparison(two_levels, two_levels, VOCAB40, top_n=40)
    assert best["word"].tolist()[::2] == VOCAB40[1::2] + VOCAB40[::2]


def test_listed_pairs_of_a_large_vocabulary_add_exactly_three_tracked_pairs():
    listed = model_vs_corpus.listed_pairs(MANY_COUNTS, VOCAB40, limit=1)
    assert list(zip(listed["center"], listed["context"])) == [(0, 1), (2, 3), (4, 5)]
    assert listed.index.tolist() == [0, 1, 2]


def test_kl_leaves_out_the_centers_not_asked_for():
    W = np.zeros((40, 2))
    per = kl.center_kl(MANY_COUNTS, W, W, centers=[2])
    assert per[2] == pytest.approx(math.log(40))              # one context; the model: 1/40
    assert np.isnan(np.delete(per, 2)).all()
    none = kl.center_kl(distribution.sparse_pair_counts(np.zeros((0, 2)), 3), W[:3], W[:3])
    assert np.isnan(none).all() and len(none) == 3             # no pairs: nothing to compare
    curve = kl.kl_curve(W[None], W[None], np.array([0]), MANY, centers=2)
    assert curve.centers.tolist() == [0, 2]
    assert np.isnan(np.delete(curve.per_center[0], [0, 2])).all()
    assert curve.coverage == pytest.approx(4 / 60)


def test_kl_at_a_step_past_the_curves_last():
    W = np.zeros((2, 40, 2))
    curve = kl.kl_curve(W, W, np.array([0, 10]), MANY)
    got = kl.kl_at(curve, MANY_COUNTS, W[0], W[0], 11, 5)
    assert got == pytest.approx((math.log(40), math.log(40)))


def test_bundle_of_a_small_vocabulary_averages_every_center_without_a_list():
    run = SimpleNamespace(vocab=VOCAB40, pairs=MANY, W=np.zeros((2, 40, 2)),
                          W_prime=np.zeros((2, 40, 2)), steps=np.array([0, 10]))
    bundle = model_vs_corpus.model_vs_corpus_bundle(run, max_words=40, max_steps=1, max_pairs=1)
    assert bundle.curve.all_centers and len(bundle.pairs) == 40
    assert bundle.pairs.index.tolist() == list(range(40))


def test_tracks_and_hardest_pairs_tables_keep_their_columns_and_types():
    W = np.zeros((2, 40, 2))
    tracks = pair_probs.pair_tracks(W, W, np.array([0, 10]), [(0, 1), (2, 3)], VOCAB40)
    assert list(tracks.columns) == ["step", "pair", "center", "context", "probability", "rank"]
    assert tracks.index.tolist() == [0, 1, 2, 3] and tracks["rank"].dtype == np.int64
    assert tracks["center"].tolist() == [0, 0, 2, 2] and tracks["context"].tolist() == [1, 1, 3, 3]
    hard = pair_probs.hardest_pairs(MANY_COUNTS, W[0], W[0], VOCAB40)
    assert len(hard) == 15 and hard.index.tolist() == list(range(15))
    assert list(hard.columns) == ["center word", "context word", "count", "corpus P", "model P",
                                  "rank", "−log model P"]
    # All P equal (1/40): the most frequent pairs first, then vocabulary order.
    assert hard["center word"].tolist()[:3] == ["w00", "w02", "w04"]
    empty = pair_probs.hardest_pairs(distribution.sparse_pair_counts(np.zeros((0, 2)), 40),
                                     W[0], W[0], VOCAB40)
    assert empty.empty and empty["rank"].dtype == np.int64
    assert list(empty.columns) == list(hard.columns)


def test_comparison_defaults_and_nothing_to_compare():
    frame = pair_probs.comparison(list(range(20)), [0] * 20, VOCAB40[:20])
    assert len(frame) == 2 * 10 and frame["word"].iloc[0] == "w19"      # top 10 by default
    assert frame["probability"].dtype == np.float64
    empty = pair_probs.comparison([0.5, 0.5], [0.5, 0.5], VOCAB40[:2], top_n=0)
    assert empty.empty and list(empty.columns) == ["word", "order", "source", "probability"]
