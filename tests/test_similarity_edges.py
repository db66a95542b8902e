"""Neighbours and analogies at their edges: many ties, vectors near float32's limit."""
import numpy as np

from w2v.analysis import similarity


def test_many_tied_neighbours_come_in_vocabulary_order():
    # 64 words on one direction: every cosine is 1, so only a stable sort keeps vocabulary order.
    vocab = [f"w{i:02d}" for i in range(64)]
    W = np.ones((64, 3))
    got = similarity.nearest(W, vocab, "w10", k=63)
    assert [w for w, _ in got] == [w for w in vocab if w != "w10"]


def test_an_analogy_of_huge_float32_vectors_is_computed_in_float64():
    # b − a + c = 9e38 overflows float32 (max ~3.4e38) but not float64.
    vocab = ["a", "b", "c", "d", "e"]
    W = np.array([[-3e38, 0], [3e38, 0], [3e38, 0], [1, 0], [0, 1]], dtype=np.float32)
    got = similarity.solve_analogy(W, vocab, "a", "b", "c", k=2)
    assert got == [("d", 1.0), ("e", 0.0)]


def test_zero_rows_stay_zero_even_where_memory_held_other_numbers():
    # The division skips zero rows; their output must be written as 0, not left as whatever
    # the freshly allocated memory held (here: a freed array of 7s of the same size).
    W = np.zeros((200, 2))
    W[0] = [3.0, 4.0]
    for _ in range(5):
        junk = np.full((200, 2), 7.0)
        del junk
        U = similarity.unit_rows(W)
        assert U[0].tolist() == [0.6, 0.8] and not U[1:].any()
