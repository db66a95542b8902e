"""The own-text verdict's measures (w2v/analysis/stability.py) on examples small enough to check
by hand, and on a real pair of runs against numpy written out here."""
import math

import numpy as np
import pytest

import w2v
from conftest import ROYAL_TEXT
from w2v.analysis import stability as S

# Five words on a plane: 0 and 1 point right, 2 up-right, 3 up, 4 left.
W = np.array([[1.0, 0.0], [2.0, 0.1], [1.0, 1.0], [0.0, 1.0], [-1.0, 0.0]], dtype=np.float32)


def test_top_neighbours_by_cosine_without_the_word_itself():
    rows = np.arange(5)
    top = S.top_neighbours(W, rows, k=2)
    assert top.tolist() == [[1, 2], [0, 2], [1, 0], [2, 1], [3, 2]]
    assert S.top_neighbours(W, np.array([0, 3, 4]), k=1).tolist() == [[1], [0], [1]]  # positions
    assert S.top_neighbours(np.tile(W[:1], (7, 1)), np.arange(7)).tolist()[0] == [1, 2, 3, 4, 5]
    # ties (all cosines equal) go in row order; the default is NEIGHBOURS = 5


def test_neighbour_overlap_is_the_mean_share_of_top_k_agreed_on():
    rows = np.arange(5)
    assert S.neighbour_overlap(W, W, rows, k=2) == 1.0
    swapped = W[[0, 1, 2, 4, 3]]          # words 3 and 4 trade places
    # top-2 before: [1,2] [0,2] [1,0] [2,1] [3,2]; after: [1,2] [0,2] [1,0] [2,0] [2,1]
    assert S.neighbour_overlap(W, swapped, rows, k=2) == pytest.approx((2 + 2 + 2 + 1 + 1) / 10)
    assert S.neighbour_overlap(W, swapped, np.array([], dtype=int), k=2) == 0.0
    seven = np.random.default_rng(0).normal(size=(7, 3))
    assert S.neighbour_overlap(seven, seven[::-1].copy(), np.arange(7)) == pytest.approx(
        np.mean([len(set(a) & set(b)) for a, b in zip(S.top_neighbours(seven, np.arange(7)).tolist(),
                                                    S.top_neighbours(seven[::-1].copy(),
                                                                     np.arange(7)).tolist())]) / 5)


def test_chance_overlap_is_k_over_the_other_candidates():
    assert S.chance_overlap(11, 5) == 0.5
    assert S.chance_overlap(101) == 0.05                     # k = NEIGHBOURS = 5
    assert S.chance_overlap(4, 5) == 1.0 and S.chance_overlap(6) == 1.0
    assert S.chance_overlap(1) == 1.0 and S.chance_overlap(0, 3) == 1.0
    assert S.chance_overlap(2, 1) == 1.0 and S.chance_overlap(3, 1) == 0.5


def test_frequent_rows_in_vocabulary_order_ties_to_the_earlier_word():
    counts = np.array([5, 9, 9, 1, 7])
    assert S.frequent_rows(counts, 2).tolist() == [1, 2]
    assert S.frequent_rows(counts, 3).tolist() == [1, 2, 4]
    assert S.frequent_rows(np.array([3, 3, 3, 3]), 2).tolist() == [0, 1]
    assert S.frequent_rows(np.arange(400)).tolist() == list(range(100, 400))  # WORDS = 300
    # Many ties (past the size where numpy's default sort stays stable): the earlier words.
    many = np.random.default_rng(1).integers(0, 3, 200)
    expected = sorted(sorted(range(200), key=lambda i: (-many[i], i))[:50])
    assert S.frequent_rows(many, 50).tolist() == expected


def direct_loss(W, W_prime, pairs):
    W, W_prime = np.asarray(W, np.float64), np.asarray(W_prime, np.float64)
    losses = []
    for c, o in pairs:
        z = W_prime @ W[c]
        losses.append(np.log(np.sum(np.exp(z - z.max()))) + z.max() - z[o])
    return float(np.mean(losses))


def test_final_loss_by_hand_and_over_evenly_spaced_pairs():
    # Two words, zero vectors: every probability is 1/2, so the loss is ln 2 on any pair.
    assert S.final_loss(np.zeros((2, 3)), np.zeros((2, 3)), [[0, 1], [1, 0]]) == pytest.approx(
        math.log(2))
    Wp = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.5, 0.5], [0.0, -2.0]])
    pairs = np.array([[c, o] for c in range(5) for o in range(5) if c != o])    # 20 pairs
    for chunk in (1, 3, 512):
        assert S.final_loss(W, Wp, pairs, chunk=chunk) == pytest.approx(
            direct_loss(W, Wp, pairs), rel=1e-12)
    picked = pairs[np.linspace(0, 19, 6).round().astype(int)]        # 6 evenly spaced of 20
    assert S.final_loss(W, Wp, pairs, limit=6) == pytest.approx(direct_loss(W, Wp, picked))
    assert S.final_loss(W, Wp, pairs, limit=20) == pytest.approx(direct_loss(W, Wp, pairs))
    assert S.final_loss(W, Wp, pairs.ravel()) == pytest.approx(direct_loss(W, Wp, pairs))
    assert math.isnan(S.final_loss(W, Wp, np.zeros((0, 2), dtype=int)))
    # float32 vectors whose products overflow float32 still give a finite float64 loss.
    big = (W * 1e20).astype(np.float32)
    assert math.isfinite(S.final_loss(big, (Wp * 1e20).astype(np.float32), pairs))
    assert S.final_loss(W, Wp, np.tile(pairs, (300, 1))) == pytest.approx(
        direct_loss(W, Wp, np.tile(pairs, (300, 1))[np.linspace(0, 5999, 4000).round()
                                                     .astype(int)]))   # LOSS_PAIRS = 4000


def measures(loss=3.0, chance_loss=4.0, floor=2.0, overlap=0.6, chance=0.2):
    return S.Stability(vocab_size=55, pairs=10, epochs=1.0, loss=loss, chance_loss=chance_loss,
                       floor=floor, overlap=overlap, chance=chance, words=55)


def test_learned_and_agreement_by_hand():
    assert measures().learned == 0.5 and measures().agreement == pytest.approx(0.5)
    assert measures(loss=1.0).learned == 1.0 and measures(loss=5.0).learned == 0.0
    assert measures(loss=math.inf).learned == 0.0 and measures(loss=math.nan).learned == 0.0
    assert measures(floor=4.0).learned == 0.0 and measures(floor=5.0).learned == 0.0
    assert measures(chance=1.0).agreement == 0.0 and measures(overlap=0.1).agreement == 0.0
    assert measures(overlap=1.0).agreement == 1.0 and measures().k == 5


def test_stability_of_two_real_runs_against_numpy():
    config = w2v.TrainConfig(steps=1500, dense_steps=50, record_interval=50)
    run = w2v.train(ROYAL_TEXT, config)
    other = w2v.train(ROYAL_TEXT, w2v.TrainConfig(**{**config.as_dict(), "seed": 43}))
    s = S.stability(run, other)
    V = len(run.vocab)
    counts = np.array([run.corpus.counts[w] for w in run.vocab])
    assert (s.vocab_size, s.words, s.k) == (V, V, 5)                   # fewer than 300 words
    assert s.pairs == run.epoch_length and s.epochs == pytest.approx(1500 / run.epoch_length)
    assert s.loss == pytest.approx(direct_loss(run.W[-1], run.W_prime[-1], run.pairs))
    assert s.chance_loss == pytest.approx(math.log(V)) and s.chance == pytest.approx(5 / (V - 1))
    # The floor: the corpus's conditional entropy, weighted by how often each word is a center.
    joint = np.zeros((V, V))
    np.add.at(joint, (run.pairs[:, 0], run.pairs[:, 1]), 1)
    rows = joint[joint.sum(axis=1) > 0]
    p = rows / rows.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -np.nansum(np.where(p > 0, p * np.log(p), 0.0), axis=1)
    assert s.floor == pytest.approx(float(h @ (rows.sum(axis=1) / rows.sum())))
    assert s.overlap == S.neighbour_overlap(run.W[-1], other.W[-1], np.arange(V))
    assert 0 < s.overlap <= 1 and counts.sum() > 0
    few = S.stability(run, other, k=3, words=4)
    assert (few.words, few.k) == (4, 3)
    assert few.overlap == S.neighbour_overlap(run.W[-1], other.W[-1],
                                              S.frequent_rows(counts, 4), 3)
    assert S.stability(run, other, words=2).k == 1                     # k ≤ words − 1
    assert S.stability(run, other, k=3, words=11).chance == pytest.approx(3 / 10)   # its own k
