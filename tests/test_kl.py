"""The corpus's P̂, the model's softmax, KL, tracked and hardest pairs (w2v/analysis), checked
against the dense formulas of tests/reference.py."""
import math

import numpy as np
import pytest

import reference
from w2v import curves
from w2v.analysis import distribution, kl, model_vs_corpus, pair_probs
from w2v.model import softmax


def test_empirical_matrix_by_hand():
    pairs = np.array([[0, 1], [0, 1], [0, 2], [1, 0], [2, 0], [2, 1]])
    counts = reference.pair_counts(pairs, 4)
    assert counts.tolist() == [[0, 2, 1, 0], [1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0]]
    P = reference.empirical_matrix(counts)
    np.testing.assert_allclose(P[:3], [[0, 2 / 3, 1 / 3, 0], [1, 0, 0, 0], [.5, .5, 0, 0]])
    np.testing.assert_allclose(P[:3].sum(axis=1), 1)
    assert P[3].sum() == 0                                  # word 3 is never a center
    np.testing.assert_allclose(distribution.center_weights(counts), [3 / 6, 1 / 6, 2 / 6, 0])
    np.testing.assert_allclose(reference.entropy_per_center(P),
                               [-(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3)), 0,
                                math.log(2), 0])


def test_model_matrix_is_softmax_of_scores():
    rng = np.random.default_rng(0)
    W, Wp = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    Q = kl.model_matrix(W, Wp)
    np.testing.assert_allclose(Q, softmax(W @ Wp.T))
    np.testing.assert_allclose(Q.sum(axis=1), 1)


def test_kl_zero_when_equal_known_two_word_value_and_non_negative():
    P = np.array([[0.25, 0.75], [1.0, 0.0]])
    assert np.allclose(reference.kl_divergence(P, np.log(np.where(P > 0, P, 1e-300))), 0)
    Q = np.array([[0.5, 0.5], [0.5, 0.5]])
    kl_rows = reference.kl_divergence(P, np.log(Q))
    assert kl_rows[0] == pytest.approx(0.25 * math.log(0.5) + 0.75 * math.log(1.5))
    assert kl_rows[1] == pytest.approx(math.log(2))
    rng = np.random.default_rng(1)
    for _ in range(20):
        A = rng.dirichlet(np.ones(6), size=6)
        A[A < 0.05] = 0
        A /= A.sum(axis=1, keepdims=True)
        B = rng.dirichlet(np.ones(6), size=6)
        assert (reference.kl_divergence(A, np.log(B)) >= 0).all()


def test_kl_curve_matches_direct_computation_and_weights(small_run):
    run = small_run
    curve = kl.kl_curve(run.W, run.W_prime, run.steps, run.pairs, chunk=7)
    counts = reference.pair_counts(run.pairs, len(run.vocab))
    P = reference.empirical_matrix(counts)
    for r in (0, len(run.steps) // 2, len(run.steps) - 1):
        direct = reference.kl_divergence(P, np.log(kl.model_matrix(run.W[r], run.W_prime[r])))
        np.testing.assert_allclose(curve.per_center[r], direct, rtol=1e-9, atol=1e-12)
        pi = distribution.center_weights(counts)
        ok = ~np.isnan(direct)
        assert curve.weighted[r] == pytest.approx((pi[ok] * direct[ok]).sum())
    # Expected loss over all corpus pairs = floor + weighted KL.
    log_q = kl.log_model_matrix(run.W[-1], run.W_prime[-1])
    mean_loss = -log_q[run.pairs[:, 0], run.pairs[:, 1]].mean()
    assert mean_loss == pytest.approx(curve.floor + curve.weighted[-1])
    assert curve.weighted[-1] < curve.weighted[0]         # training closes the gap


def test_tracked_pairs_match_step_state(small_run):
    run = small_run
    # Steps whose previous step was recorded: the track at step s-1 is what step s starts from.
    steps = [s for s in range(1, run.steps_done + 1) if (s - 1) in set(run.steps.tolist())][:40:7]
    for s in steps:
        c, o = int(run.centers[s - 1]), int(run.contexts[s - 1])
        track = pair_probs.pair_tracks(run.W, run.W_prime, run.steps, [(c, o)], run.vocab)
        row = track[track["step"] == s - 1].iloc[0]
        state = run.step_state(s)
        assert row["probability"] == pytest.approx(state.context_prob, rel=1e-5)
        assert row["rank"] == state.context_rank
        assert row["pair"] == f"{run.vocab[c]} → {run.vocab[o]}"


def test_hardest_pairs_and_defaults(small_run):
    run = small_run
    V = len(run.vocab)
    counts = reference.pair_counts(run.pairs, V)
    table = pair_probs.hardest_pairs(counts, run.W[-1], run.W_prime[-1], run.vocab, n=5)
    assert len(table) == 5 and table["model P"].is_monotonic_increasing
    Q = kl.model_matrix(run.W[-1], run.W_prime[-1])
    occurring = Q[counts > 0]
    assert table["model P"].iloc[0] == pytest.approx(occurring.min())
    first = table.iloc[0]
    c, o = run.vocab.index(first["center word"]), run.vocab.index(first["context word"])
    assert first["count"] == counts[c, o] and first["rank"] == (Q[c] > Q[c, o]).sum() + 1
    tracked = distribution.default_tracked_pairs(counts, 3)
    assert len(tracked) == 3 and len({c for c, _ in tracked}) == 3
    assert all(counts[c, o] > 0 for c, o in tracked)


def test_comparison_frame_picks_top_words():
    emp, mod = np.array([0.5, 0.5, 0, 0]), np.array([0.1, 0.2, 0.6, 0.1])
    frame = pair_probs.comparison(emp, mod, ["a", "b", "c", "d"], top_n=3)
    assert list(dict.fromkeys(frame["word"])) == ["c", "a", "b"]
    assert set(frame["source"]) == {"corpus", "model"} and len(frame) == 6


def test_compare_thins_a_small_vocabularys_curve_to_the_drawn_steps(small_run):
    """line_steps: the KL curve at that many evenly spaced recordings only (the first and
    last included), every center still averaged; its values equal the full curve's there."""
    run = small_run
    full = model_vs_corpus.model_vs_corpus_bundle(run, max_words=10_000, max_steps=100, max_pairs=1_000)
    thin = model_vs_corpus.model_vs_corpus_bundle(run, max_words=10_000, max_steps=100, max_pairs=1_000,
                             line_steps=10)
    assert full.curve.all_centers and len(full.curve.steps) == len(run.steps)
    R = len(run.steps)
    assert thin.curve.all_centers and len(thin.curve.steps) < R
    assert len(thin.curve.steps) <= 10 and thin.curve.recorded == R
    assert list(thin.rows) == list(curves.even_indices(R, 10))
    assert thin.curve.steps[0] == run.steps[0] and thin.curve.steps[-1] == run.steps[-1]
    np.testing.assert_allclose(thin.curve.weighted, full.curve.weighted[thin.rows])
    np.testing.assert_allclose(thin.curve.per_center, full.curve.per_center[thin.rows])
    assert thin.curve.floor == pytest.approx(full.curve.floor)
    # a step between the computed ones: exact values on demand, equal to the full curve's
    r = int(thin.rows[1]) - 1
    step, c = int(run.steps[r]), int(np.argmax(distribution.center_totals(thin.counts)))
    assert step not in set(thin.curve.steps.tolist())
    kl_c, kl_w = kl.kl_at(thin.curve, thin.counts, run.W[r], run.W_prime[r], step, c)
    assert kl_c == pytest.approx(full.curve.per_center[r, c])
    assert kl_w == pytest.approx(full.curve.weighted[r])


def test_with_step_inserts_the_chosen_point_in_order():
    steps, (a, b) = curves.with_step(np.array([0, 10, 20]), [np.array([3., 2., 1.]),
                                                               np.array([5., 4., 3.])],
                                        15, [1.5, 3.5])
    assert steps.tolist() == [0, 10, 15, 20]
    assert a.tolist() == [3, 2, 1.5, 1] and b.tolist() == [5, 4, 3.5, 3]
    same, (c,) = curves.with_step(np.array([0, 10]), [np.array([1., 2.])], 10, [9.0])
    assert same.tolist() == [0, 10] and c.tolist() == [1, 2]       # already there: unchanged
    first, (d,) = curves.with_step(np.array([5, 10]), [np.array([1., 2.])], 0, [7.0])
    assert first.tolist() == [0, 5, 10] and d.tolist() == [7, 1, 2]
