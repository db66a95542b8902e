"""Orders a user sees: the vocabulary's, and the pairs' from one epoch to the next."""
import numpy as np
import pytest

import w2v
from w2v.pairs import generate_pairs, window_of
from w2v.training import pair_order

# First seen: zebra, mango, apple; alphabetical: apple, mango, zebra.
UNSORTED = "zebra mango apple\nzebra apple mango\nmango zebra apple\n"


def test_vocabulary_is_alphabetical_not_first_seen():
    corpus = w2v.load_corpus(UNSORTED)
    assert corpus.vocab == ["apple", "mango", "zebra"]
    assert corpus.w2i == {"apple": 0, "mango": 1, "zebra": 2}


def test_vocabulary_keeps_exactly_the_words_seen_min_count_times():
    text = "zebra mango apple kiwi\nzebra apple mango\nmango zebra apple kiwi\n"
    assert w2v.load_corpus(text, min_count=3).vocab == ["apple", "mango", "zebra"]
    assert w2v.load_corpus(text, min_count=2).vocab == ["apple", "kiwi", "mango", "zebra"]
    corpus = w2v.load_corpus(text, min_count=3)
    assert corpus.in_vocab(["kiwi", "zebra", "the", "apple"]) == ["zebra", "apple"]


def test_pairs_by_hand():
    w2i = {"a": 0, "b": 1, "c": 2, "d": 3}
    pairs = generate_pairs([["a", "b", "x", "c", "d"]], w2i, window=1)
    # "x" is not in the vocabulary: dropped first, so b and c are neighbours.
    assert pairs.tolist() == [[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2]]
    assert pairs.dtype == np.int32
    empty = generate_pairs([["x", "y"]], w2i, window=2)
    assert empty.shape == (0, 2) and empty.dtype == np.int32
    assert list(window_of(5, 0, 2)) == [0, 1, 2] and list(window_of(5, 4, 2)) == [2, 3, 4]


@pytest.mark.parametrize("n_pairs,steps", [(7, 7 * 3 + 2), (5, 5 * 4)])
def test_every_epoch_is_a_fresh_permutation_of_all_pairs(n_pairs, steps):
    order = pair_order(n_pairs, steps, seed=0)
    assert len(order) == steps
    epochs = [order[i:i + n_pairs] for i in range(0, steps, n_pairs)]
    full = [e for e in epochs if len(e) == n_pairs]
    for epoch in full:
        assert sorted(epoch.tolist()) == list(range(n_pairs))
    # A fresh shuffle every epoch: not one order reused (7! and 5! orders make a repeat unlikely,
    # and the seed is fixed, so this cannot flake).
    assert len({tuple(e) for e in full}) == len(full)
    assert len(set(epochs[-1].tolist())) == len(epochs[-1])      # a partial epoch repeats nothing
    assert np.array_equal(order, pair_order(n_pairs, steps, seed=0))
    assert not np.array_equal(order, pair_order(n_pairs, steps, seed=1))


def test_a_run_uses_every_pair_once_per_epoch_in_a_new_order_each_epoch(text):
    corpus = w2v.load_corpus(text)
    P = len(generate_pairs(corpus.cleaned, corpus.w2i, w2v.TrainConfig().window))
    run = w2v.train(text, w2v.TrainConfig(steps=2 * P + 3, dense_steps=10, record_interval=50))
    used = np.stack([run.centers, run.contexts], axis=1)
    first, second = used[:P], used[P:2 * P]
    key = lambda rows: sorted(map(tuple, rows.tolist()))            # noqa: E731
    assert len(run.pairs) == P and key(first) == key(run.pairs) == key(second)
    assert not np.array_equal(first, second)
    assert not np.array_equal(first, run.pairs)                      # shuffled, not reading order
    assert run.epoch_of(P) == 1 and run.epoch_of(P + 1) == 2 and run.epoch_of(2 * P + 1) == 3
