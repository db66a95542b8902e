"""Milestones, neighbours over training and the two roles of a word, on hand-made vectors."""
import math
from types import SimpleNamespace

import numpy as np
import pytest

from w2v.analysis import over_training, similarity

VOCAB = ["a", "b", "c"]


def fake_run(steps, W):
    steps = np.asarray(steps)
    return SimpleNamespace(steps=steps, W=np.asarray(W, dtype=float), vocab=VOCAB,
                           index_of=lambda s: int(np.flatnonzero(steps == s)[0]))


def test_milestones_snap_to_the_recording_at_or_before_each_landmark():
    run = fake_run([0, 50, 90, 400, 1200, 1500], np.zeros((6, 3, 2)))
    # 0 → 0, 100 → 90, 1000 → 400; 5000 and 10000 lie past the last step; then the last.
    assert over_training.milestones(run) == [0, 90, 400, 1500]
    assert over_training.milestones(run, landmarks=(50, 1500)) == [50, 1500]
    assert over_training.milestones(fake_run([0, 100], np.zeros((2, 3, 2)))) == [0, 100]


def test_neighbours_and_analogies_read_the_recording_of_each_step():
    W0 = [[1.0, 0.0], [0.0, 1.0], [0.8, 0.2]]          # a's nearest: c
    W1 = [[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]]          # a's nearest: b
    run = fake_run([0, 10], [W0, W1])
    got = over_training.nearest_over_training(run, "a", [10, 0], k=1)
    assert [(s, [w for w, _ in near]) for s, near in got] == [(10, ["b"]), (0, ["c"])]
    assert got[1][1][0][1] == pytest.approx(0.8 / math.hypot(0.8, 0.2))
    assert over_training.W_at(run, 10).tolist() == W1
    res = over_training.analogies_over_training(run, [["b", "a", "c", "a"]], [0])
    # Three words, all in the question: no answer is left.
    assert res == [(0, [{"analogy": ["b", "a", "c", "a"], "answer": None, "score": None,
                         "correct": False}])]


def test_convergence_in_small_chunks_equals_one_block():
    final = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    W = np.stack([-final] * 5 + [final * k for k in (1, 2, 3, 4)])      # away, then final
    W[1, 2] = final[2]          # word c: at its final direction once early, then away again
    W[0:4, 1] = final[1]        # word b: there from the start until recording 4 wanders off
    steps = np.arange(9) * 10
    for chunk in (64, 2, 3):
        assert over_training.convergence_steps(steps, W, chunk=chunk).tolist() == [50, 50, 50]
    W[4, 1] = final[1]          # b never leaves: settled from step 0
    assert over_training.convergence_steps(steps, W, chunk=2).tolist() == [50, 0, 50]


def test_unit_rows_cosines_and_two_roles_by_hand():
    W = np.array([[3.0, 4.0], [0.0, 0.0], [0.0, -2.0]])
    np.testing.assert_allclose(similarity.unit_rows(W), [[0.6, 0.8], [0, 0], [0, -1]])
    np.testing.assert_allclose(similarity.cosine_matrix(W),
                               [[1, 0, -0.8], [0, 0, 0], [-0.8, 0, 1]])
    W_prime = np.array([[4.0, 3.0], [1.0, 0.0], [0.0, 5.0]])
    cos, norm_w, norm_wp = similarity.two_roles(W, W_prime)
    np.testing.assert_allclose(cos, [0.96, 0.0, -1.0])
    np.testing.assert_allclose(norm_w, [5, 0, 2]) and np.testing.assert_allclose(norm_wp, [5, 1, 5])
    with pytest.raises(KeyError, match="'zzz' is not in the vocabulary"):
        similarity.nearest(W, VOCAB, "zzz")
    # Ties keep vocabulary order; k larger than the vocabulary gives every other word once.
    assert [w for w, _ in similarity.nearest(np.array([[1.0, 0], [1.0, 0], [1.0, 0]]), VOCAB,
                                             "b", k=5)] == ["a", "c"]
