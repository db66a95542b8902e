"""KL, the corpus floor and the headline scores on inputs small enough to work out on paper."""
import math

import numpy as np
import pytest

from w2v.analysis import distribution, kl, word_sets

# Three words. Pairs: center 0 → context 1 twice, 0 → 0 once; center 1 → 0 once.
PAIRS = np.array([[0, 1], [0, 0], [0, 1], [1, 0]])
KL_0_UNIFORM = 1 / 3 * math.log((1 / 3) / (1 / 3)) + 2 / 3 * math.log((2 / 3) / (1 / 3))
H_0 = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3))


def test_kl_against_a_uniform_model_by_hand():
    # All-zero weights: the model says 1/3 for every word; P̂(·|0) = (1/3, 2/3, 0),
    # P̂(·|1) = (1, 0, 0), word 2 is never a center.
    W = np.zeros((2, 3, 2))                      # two recordings, both uniform
    curve = kl.kl_curve(W, W, np.array([0, 5]), PAIRS)
    assert curve.steps.tolist() == [0, 5] and curve.recorded == 2
    np.testing.assert_allclose(curve.weights, [3 / 4, 1 / 4, 0])
    np.testing.assert_allclose(curve.per_center[0, :2], [KL_0_UNIFORM, math.log(3)])
    assert np.isnan(curve.per_center[0, 2])
    assert curve.weighted[0] == pytest.approx(3 / 4 * KL_0_UNIFORM + 1 / 4 * math.log(3))
    assert curve.weighted[0] > 0.4                     # not stuck at 0
    assert curve.floor == pytest.approx(3 / 4 * H_0)
    assert curve.all_centers and curve.coverage == pytest.approx(1.0)
    counts = distribution.sparse_pair_counts(PAIRS, 3)
    assert distribution.corpus_floor(counts) == pytest.approx(3 / 4 * H_0)
    got = kl.center_kl(counts, W[0], W[0])
    np.testing.assert_allclose(got[:2], [KL_0_UNIFORM, math.log(3)])


def test_kl_is_zero_only_where_the_model_copies_the_corpus():
    # Center 0's row: logits log(1/3), log(2/3), −∞ (nearly) give exactly P̂(·|0).
    W = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    Wp = np.array([[math.log(1 / 3), 0.0], [math.log(2 / 3), 0.0], [-60.0, 0.0]])
    counts = distribution.sparse_pair_counts(PAIRS, 3)
    per = kl.center_kl(counts, W, Wp)
    assert per[0] == pytest.approx(0.0, abs=1e-12)
    # Center 1 sees logits (0, 0, 0) from W′'s second column: uniform, KL = log 3.
    assert per[1] == pytest.approx(math.log(3))
    log_q = kl.pair_log_probs(W, Wp, np.array([0, 0, 1]), np.array([1, 0, 0]), chunk=1)
    np.testing.assert_allclose(log_q, [math.log(2 / 3), math.log(1 / 3), math.log(1 / 3)])
    # Only center 1, then only center 0 averaged: the weights renormalise over the chosen.
    curve = kl.kl_curve(W[None], Wp[None], np.array([7]), PAIRS, centers=1)
    assert curve.centers.tolist() == [0] and curve.coverage == pytest.approx(3 / 4)
    assert curve.weighted[0] == pytest.approx(0.0, abs=1e-12)
    assert curve.floor == pytest.approx(H_0) and not curve.all_centers


def test_kl_at_a_step_off_the_curve_and_a_center_left_out():
    W0 = np.zeros((3, 2))
    W = np.stack([W0, W0, W0])
    counts = distribution.sparse_pair_counts(PAIRS, 3)
    curve = kl.kl_curve(W, W, np.array([0, 10, 20]), PAIRS, centers=1, max_steps=2)
    assert curve.steps.tolist() == [0, 20]
    assert kl.kl_at(curve, counts, W0, W0, 20, 0) == pytest.approx((KL_0_UNIFORM, KL_0_UNIFORM))
    # Step 10 is not on the curve and center 1 not averaged: both computed on demand.
    kl_c, kl_w = kl.kl_at(curve, counts, W0, W0, 10, 1)
    assert (kl_c, kl_w) == pytest.approx((math.log(3), KL_0_UNIFORM))
    series = kl.center_series(curve, counts, W, W, [0, 2], 1)
    np.testing.assert_allclose(series, [math.log(3)] * 2)
    np.testing.assert_allclose(kl.center_series(curve, counts, W, W, [0, 2], 0),
                               [KL_0_UNIFORM] * 2)


def test_ranks_by_hand():
    log_q = np.log(np.array([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]]))
    assert kl.ranks_of(log_q, np.array([2, 1])).tolist() == [3, 2]    # a tie counts in favour
    assert kl.ranks_of(log_q, np.array([0, 2])).tolist() == [1, 1]


# Five words on the plane: a ≈ b, c ≈ d, e points down.
VOCAB = ["a", "b", "c", "d", "e"]
W = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [-1.0, 0.1], [0.0, -1.0]])


def test_neighbour_quality_by_hand():
    groups = {"ab": ["a", "b"], "cd": ["c", "d", "unknown"], "lone": ["e", "unknown"]}
    # k=1: a→b ✓, b→a ✓, c→b ✗ (cos 0.110 > c·d 0.0995), d→c ✓; "lone" has one word: skipped.
    assert word_sets.neighbour_quality(W, VOCAB, groups, k=1) == 3 / 4
    assert word_sets.neighbour_quality(W, VOCAB, groups, k=2) == 1.0
    assert word_sets.neighbour_quality(W, VOCAB, {"lone": ["e"]}) is None
    assert word_sets.usable_groups(groups, VOCAB) == {"ab": ["a", "b"], "cd": ["c", "d"]}


def test_analogies_by_hand():
    # b − a + c = (−0.1, 1.1): nearest of d and e (a, b, c excluded) is d.
    analogies = [["a", "b", "c", "d"], ["a", "b", "c", "e"], ["a", "b", "c", "zzz"],
                 ["a", "b", "c"]]
    assert word_sets.usable_analogies(analogies, VOCAB) == analogies[:2]
    results = word_sets.analogy_results(W, VOCAB, analogies)
    assert [(r["answer"], r["correct"]) for r in results] == [("d", True), ("d", False)]
    target = np.array([-0.1, 1.1])
    assert results[0]["score"] == pytest.approx(
        W[3] @ target / (np.linalg.norm(W[3]) * np.linalg.norm(target)))
    assert word_sets.analogy_accuracy(W, VOCAB, analogies) == 0.5
    assert word_sets.top1_accuracy([]) is None
    sets = {"groups": {"ab": ["a", "b"], "cd": ["c", "d"]}, "analogies": analogies}
    assert word_sets.scores(W, VOCAB, sets, k=1) == {"neighbour_quality": 0.75,
                                                     "analogy_accuracy": 0.5}
    assert word_sets.scores(W, VOCAB, None) == {"neighbour_quality": None,
                                                "analogy_accuracy": None}


def test_key_words_grouped_first_else_most_frequent():
    counts = {"a": 1, "b": 5, "c": 5, "d": 2, "e": 9}
    sets = {"groups": {"g": ["d", "a", "zzz"], "h": ["a", "c"]}}
    assert word_sets.key_words(VOCAB, counts, sets, 2) == ["d", "a", "c"]
    assert word_sets.key_words(VOCAB, counts, None, 3) == ["e", "b", "c"]
    assert word_sets.key_words(VOCAB, counts, {"groups": {"g": ["zzz"]}}, 2) == ["e", "b"]


def test_the_defaults_three_neighbours_five_answers():
    # Ten words on a half circle, 10° apart: t at 0°, m (t's group mate) the 4th nearest.
    names = ["t", "n1", "n2", "n3", "m", "x5", "x6", "x7", "x8", "x9"]
    angles = np.radians(np.arange(10) * 10.0)
    W10 = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    groups = {"g": ["t", "m"]}
    assert word_sets.neighbour_quality(W10, names, groups) == 0.0          # k = 3
    assert word_sets.neighbour_quality(W10, names, groups, k=4) == 0.5
    assert word_sets.scores(W10, names, {"groups": groups})["neighbour_quality"] == 0.0
    from w2v.analysis import similarity
    assert [w for w, _ in similarity.nearest(W10, names, "t")] == ["n1", "n2", "n3", "m", "x5"]
    assert len(similarity.solve_analogy(W10, names, "t", "n1", "n2")) == 5


def test_log_softmax_of_huge_scores_stays_finite():
    # Scores 800 and 0: shifting by the largest keeps exp() from overflowing.
    log_q = kl.log_model_matrix(np.array([[20.0, 0.0]]), np.array([[40.0, 0.0], [0.0, 0.0]]))
    np.testing.assert_allclose(log_q, [[0.0, -800.0]])
