"""The Model vs corpus page's tables on a four-word corpus, every number worked out by hand."""
import math
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import sparse

from w2v.analysis import distribution, model_vs_corpus, pair_probs

VOCAB = ["a", "b", "c", "d"]
# Center a: b ×3, c ×1.  Center b: a ×2.  Center c: d ×1, a ×1.  d is never a center.
PAIRS = np.array([[0, 1], [2, 3], [0, 1], [1, 0], [0, 2], [0, 1], [1, 0], [2, 0]])
COUNTS = distribution.sparse_pair_counts(PAIRS, 4)


def fake_run(R=3, d=2):
    """Recordings of all-zero weights (a uniform model: every P = 1/4) at steps 0, 10, 20 …"""
    W = np.zeros((R, 4, d))
    return SimpleNamespace(vocab=VOCAB, pairs=PAIRS, W=W, W_prime=W.copy(),
                           steps=np.arange(R) * 10)


def test_counts_rows_and_centers_by_hand():
    assert COUNTS.toarray().tolist() == [[0, 3, 1, 0], [2, 0, 0, 0], [1, 0, 0, 1], [0, 0, 0, 0]]
    assert COUNTS.dtype == np.int64 and COUNTS.shape == (4, 4)
    assert distribution.center_totals(COUNTS).tolist() == [4, 2, 2, 0]
    assert distribution.center_totals(COUNTS).dtype == np.float64
    assert distribution.occurring(COUNTS)[2].dtype == np.int64
    no_pairs = distribution.sparse_pair_counts(np.zeros((0, 2)), 3)
    assert distribution.sparse_entropies(no_pairs).tolist() == [0.0, 0.0, 0.0]
    assert distribution.count_row(COUNTS, 2).tolist() == [1, 0, 0, 1]
    assert distribution.count_row(COUNTS.toarray(), 2).tolist() == [1, 0, 0, 1]
    assert distribution.empirical_row(COUNTS, 0).tolist() == [0, 0.75, 0.25, 0]
    assert distribution.empirical_row(COUNTS, 3).tolist() == [0, 0, 0, 0]
    assert distribution.frequent_centers(COUNTS).tolist() == [0, 1, 2]      # d: no pairs
    assert distribution.frequent_centers(COUNTS, 2).tolist() == [0, 1]
    np.testing.assert_allclose(distribution.sparse_entropies(COUNTS),
                               [-(0.75 * math.log(0.75) + 0.25 * math.log(0.25)), 0,
                                math.log(2), 0])
    dense = [tuple(map(list, distribution.occurring(COUNTS.toarray())))]
    assert dense == [tuple(map(list, distribution.occurring(COUNTS)))] == [
        ([0, 0, 1, 2, 2], [1, 2, 0, 0, 3], [3, 1, 2, 1, 1])]
    assert distribution.default_tracked_pairs(COUNTS, 2) == [(0, 1), (1, 0)]


def test_counts_built_inside_a_test_are_int64_and_sorted_whatever_the_input():
    # COUNTS above is built when the module loads; here the counting itself runs in the test.
    counts = distribution.sparse_pair_counts(PAIRS.astype(np.int32), 4)
    assert counts.dtype == np.int64 and counts.toarray().tolist() == COUNTS.toarray().tolist()
    # A sparse matrix out of order, with an explicitly stored zero: the zero is not a pair.
    shuffled = sparse.coo_matrix(([1, 0, 2, 3], ([2, 1, 0, 0], [3, 0, 2, 1])), shape=(4, 4))
    assert [a.tolist() for a in distribution.occurring(shuffled)] == [[0, 0, 2], [1, 2, 3],
                                                                       [3, 2, 1]]
    dense = distribution.occurring(COUNTS.toarray())
    assert all(a.dtype == np.int64 for a in dense)
    # Counts handed over as floats still come back as whole numbers.
    row = distribution.count_row(COUNTS.toarray().astype(np.float64), 0)
    assert row.dtype == np.int64 and row.tolist() == [0, 3, 1, 0]
    row = distribution.count_row(sparse.csr_matrix(COUNTS, dtype=np.float64), 0)
    assert row.dtype == np.int64 and row.tolist() == [0, 3, 1, 0]


def test_corpus_pairs_most_frequent_first_ties_in_vocabulary_order():
    frame = distribution.corpus_pairs(COUNTS, VOCAB)
    assert list(zip(frame["center_word"], frame["context_word"], frame["count"])) == [
        ("a", "b", 3), ("b", "a", 2), ("a", "c", 1), ("c", "a", 1), ("c", "d", 1)]
    assert frame["empirical_p"].tolist() == [0.75, 1.0, 0.25, 0.5, 0.5]
    assert frame["center"].tolist() == [0, 1, 0, 2, 2]
    assert frame["context"].tolist() == [1, 0, 2, 0, 3]
    assert len(distribution.corpus_pairs(COUNTS, VOCAB, limit=2)) == 2


def test_listed_pairs_add_the_tracked_ones_a_limit_cut_off():
    listed = model_vs_corpus.listed_pairs(COUNTS, VOCAB, limit=1)
    # The default tracked pairs are (a→b), (b→a), (c→a): the two cut off come back.
    assert list(zip(listed["center"], listed["context"])) == [(0, 1), (1, 0), (2, 0)]
    assert listed.index.tolist() == [0, 1, 2] and listed["count"].dtype == np.int64
    assert len(model_vs_corpus.listed_pairs(COUNTS, VOCAB, limit=None)) == 5
    assert len(model_vs_corpus.listed_pairs(COUNTS, VOCAB, limit=3)) == 4   # + (c→a)
    assert len(model_vs_corpus.listed_pairs(COUNTS, VOCAB, limit=5)) == 5


def test_bundle_of_a_small_vocabulary_is_exact_at_every_recording():
    bundle = model_vs_corpus.model_vs_corpus_bundle(fake_run(), max_words=4, max_steps=2,
                                                    max_pairs=1)
    assert bundle.distinct_pairs == 5 and len(bundle.pairs) == 5
    assert bundle.rows.tolist() == [0, 1, 2] and bundle.curve.steps.tolist() == [0, 10, 20]
    assert bundle.curve.all_centers
    kl_a = 0.75 * math.log(0.75 * 4) + 0.25 * math.log(0.25 * 4)
    expected = 0.5 * kl_a + 0.25 * math.log(4) + 0.25 * math.log(2)
    np.testing.assert_allclose(bundle.curve.weighted, [expected] * 3)
    assert not bundle.curve.weighted.flags.writeable and not bundle.rows.flags.writeable
    thin = model_vs_corpus.model_vs_corpus_bundle(fake_run(5), max_words=4, max_steps=2,
                                                  max_pairs=1, line_steps=3)
    assert thin.rows.tolist() == [0, 2, 4] and thin.curve.steps.tolist() == [0, 20, 40]


def test_bundle_of_a_large_vocabulary_keeps_its_limits():
    bundle = model_vs_corpus.model_vs_corpus_bundle(fake_run(5), max_words=2, max_steps=2,
                                                    max_pairs=1, line_steps=4)
    # V = 4 > max_words: the 2 most frequent centers (a, b), 2 recordings, 1 pair listed
    # plus the tracked ones it cut off.
    assert bundle.curve.centers.tolist() == [0, 1]
    assert bundle.curve.coverage == pytest.approx(6 / 8) and not bundle.curve.all_centers
    assert bundle.rows.tolist() == [0, 4] and bundle.curve.steps.tolist() == [0, 40]
    assert list(zip(bundle.pairs["center"], bundle.pairs["context"])) == [(0, 1), (1, 0), (2, 0)]
    assert bundle.distinct_pairs == 5
    kl_a = 0.75 * math.log(3) + 0.25 * math.log(1)
    np.testing.assert_allclose(bundle.curve.weighted, [(4 * kl_a + 2 * math.log(4)) / 6] * 2)


def test_hardest_pairs_and_tracks_by_hand():
    # Center a's scores 0, 1, 0, 0 for contexts a, b, c, d (W row (1, 0), W′ column 0).
    W = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
    Wp = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
    e = math.e
    table = pair_probs.hardest_pairs(COUNTS, W, Wp, VOCAB, n=2)
    # a→c: P = 1/(3 + e), the lowest; then the uniform rows' pairs (1/4), most frequent first.
    assert table["center word"].tolist() == ["a", "b"]
    assert table["context word"].tolist() == ["c", "a"]
    np.testing.assert_allclose(table["model P"], [1 / (3 + e), 0.25])
    np.testing.assert_allclose(table["corpus P"], [0.25, 1.0])
    np.testing.assert_allclose(table["−log model P"], [math.log(3 + e), math.log(4)])
    assert table["count"].tolist() == [1, 2] and table["rank"].tolist() == [2, 1]
    tracks = pair_probs.pair_tracks(np.stack([W, W * 0]), np.stack([Wp, Wp]), np.array([0, 5]),
                                    [(0, 1), (0, 2)], VOCAB, chunk=1)
    assert tracks["pair"].tolist() == ["a → b", "a → b", "a → c", "a → c"]
    np.testing.assert_allclose(tracks["probability"], [e / (3 + e), 0.25, 1 / (3 + e), 0.25])
    assert tracks["rank"].tolist() == [1, 1, 2, 1] and tracks["step"].tolist() == [0, 5, 0, 5]
    empty = pair_probs.pair_tracks(W[None], Wp[None], np.array([0]), [], VOCAB)
    assert empty.empty and list(empty.columns) == ["step", "pair", "center", "context",
                                                   "probability", "rank"]


def test_comparison_orders_by_the_larger_probability():
    frame = pair_probs.comparison([0.0, 0.6, 0.4, 0.0], [0.1, 0.2, 0.3, 0.4], VOCAB, top_n=3)
    assert frame["word"].tolist() == ["b", "b", "c", "c", "d", "d"]
    assert frame["order"].tolist() == [0, 0, 1, 1, 2, 2]
    assert frame["source"].tolist() == ["corpus", "model"] * 3
    assert frame["probability"].tolist() == [0.6, 0.2, 0.4, 0.3, 0.0, 0.4]
