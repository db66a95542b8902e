"""The reading questions on hand-made runs: thresholds, windows, options and the "no" case."""
from types import SimpleNamespace

import numpy as np
import pytest

from w2v.quiz import reading
from w2v.quiz.question import NO

VOCAB = ["a", "b", "c", "d", "e"]
# a and b (the group) point apart; c lies between them, so it is the nearest word to both.
W = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.1], [0.1, -1.0]])


def fake_run(steps_done=0, losses=(), vocab=VOCAB, W=W):
    return SimpleNamespace(steps_done=steps_done, losses=np.asarray(losses, dtype=float),
                           vocab=vocab, W=[W], W_prime=[W])


def test_start_loss_from_ten_steps_over_the_first_hundred():
    rng = np.random.default_rng(0)
    assert reading.start_loss(fake_run(9, [0.2] * 9), rng) is None
    q = reading.start_loss(fake_run(10, [0.2] * 10), rng)
    assert q.answer == "about 1/V = 0.200"       # 1/5 exactly, not 0 and not 2/V
    q = reading.start_loss(fake_run(150, [0.2] * 100 + [9.0] * 50), rng)
    assert "first 100 steps" in q.prompt and q.answer == "about 1/V = 0.200"


def test_end_loss_from_ten_steps_over_the_last_thousand():
    rng = np.random.default_rng(0)
    assert reading.end_loss(fake_run(9, [1.0] * 9), rng) is None
    assert reading.end_loss(fake_run(10, [1.0] * 10), rng).answer == 1.0
    q = reading.end_loss(fake_run(1500, [9.0] * 500 + [1.0] * 1000), rng)
    assert "last 1,000 steps" in q.prompt and q.answer == 1.0


def test_group_question_when_the_nearest_word_is_outside_the_group():
    q = reading.group(fake_run(), np.random.default_rng(0), {"groups": {"g": ["a", "b"]}}, [])
    assert q.answer == NO
    assert q.explanation == (
        "Its nearest neighbour is “c”, which is not in the group. A small corpus or a short run "
        "does not always separate the groups; frequent shared context words can pull unrelated "
        "words together.")
    assert [r["word"] for r in q.evidence.rows][0] == "c" and len(q.evidence.rows) == 3


def test_nearest_needs_two_other_words():
    rng = np.random.default_rng(0)
    assert reading.nearest(fake_run(vocab=VOCAB[:2], W=W[:2]), rng, "a") is None
    assert reading.nearest(fake_run(vocab=VOCAB[:3], W=W[:3]), rng, "a").answer == "c"


@pytest.mark.parametrize("seed", range(6))
def test_nearest_distractors_come_from_the_far_half(seed):
    # Nine words at growing angles from w0: the ranking is w1..w8, the far half w5..w8.
    angles = np.linspace(0, 3.0, 9)
    W9 = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    vocab = [f"w{i}" for i in range(9)]
    q = reading.nearest(fake_run(vocab=vocab, W=W9), np.random.default_rng(seed), "w0")
    assert q.answer == "w1"
    assert set(q.options) - {"w1"} <= {"w5", "w6", "w7", "w8"} and len(q.options) == 4


def test_rows_updated_counts_the_rows_step_one_changed():
    from w2v.quiz import concepts
    weights = {0: (np.array([[1.0, 0], [0, 1], [0, 0]]), np.array([[1.0, 1], [1, 1], [0, 0]])),
               1: (np.array([[2.0, 0], [0, 1], [0, 0]]), np.array([[1.0, 2], [1, 1], [0, 1]]))}
    run = SimpleNamespace(steps_done=1, vocab=["a", "b", "c"], weights_after=weights.__getitem__)
    q = concepts.rows_updated(run, None)
    assert [(r["rows changed"], r["of"]) for r in q.evidence.rows] == [(2, 3), (1, 3)]
    assert concepts.rows_updated(SimpleNamespace(steps_done=0), None) is None


@pytest.mark.parametrize("seed", range(6))
def test_top_context_recomputed_from_the_final_weights_and_the_pairs(small_run, seed):
    run, word = small_run, "king"
    c = run.vocab.index(word)
    scores = np.asarray(run.W[-1], np.float64)[c] @ np.asarray(run.W_prime[-1], np.float64).T
    probs = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
    ranked = sorted(range(len(run.vocab)), key=lambda j: -probs[j])
    centers, contexts = np.asarray(run.pairs).T
    mine = contexts[centers == c]
    q = reading.top_context(run, np.random.default_rng(seed), word)
    assert q.answer == run.vocab[ranked[0]]
    # Distractors: ranks 2 to 8 only.
    assert set(q.options) - {q.answer} <= {run.vocab[j] for j in ranked[1:8]}
    assert [(r["context word"], r["model P"], r["corpus P"]) for r in q.evidence.rows] == [
        (run.vocab[j], round(float(probs[j]), 4), round(float((mine == j).mean()), 4))
        for j in ranked[:5]]


def test_top_context_ranks_tied_probabilities_in_vocabulary_order():
    # Scores alternate 1 and 2: words b, d, f, h tie at the top, a, c, e, g below them.
    vocab = list("abcdefgh")
    W = np.tile(np.array([1.0, 0.0], np.float32), (8, 1))
    W_prime = np.array([[1.0 + j % 2, 0.0] for j in range(8)], np.float32)
    run = SimpleNamespace(vocab=vocab, W=[W], W_prime=[W_prime], pairs=np.array([[0, 1], [0, 2]]))
    q = reading.top_context(run, np.random.default_rng(0), "a")
    top, low = 1 / (4 + 4 / np.e), 1 / (4 * np.e + 4)
    assert q.answer == "b"
    assert [(r["context word"], r["model P"], r["corpus P"]) for r in q.evidence.rows] == [
        ("b", round(top, 4), 0.5), ("d", round(top, 4), 0.0), ("f", round(top, 4), 0.0),
        ("h", round(top, 4), 0.0), ("a", round(low, 4), 0.0)]


def test_top_context_of_huge_float32_weights():
    # A run near divergence: finite float32 rows whose products (1e40) only float64 holds.
    vocab = ["a", "b", "c"]
    W = np.array([[1e20, 0.0], [0.0, 1e20], [1e20, 1e20]], np.float32)
    run = SimpleNamespace(vocab=vocab, W=[W], W_prime=[W], pairs=np.array([[2, 0], [2, 1]]))
    q = reading.top_context(run, np.random.default_rng(0), "c")
    assert q.answer == "c"                      # scores 1e40, 1e40 and 2e40: c takes it all
    assert [(r["context word"], r["model P"]) for r in q.evidence.rows] == [
        ("c", 1.0), ("a", 0.0), ("b", 0.0)]


def test_floor_reads_the_mean_of_exactly_the_last_thousand_losses():
    from w2v.quiz import concepts
    # One center with two contexts, each half its pairs: the floor is ln 2.
    run = SimpleNamespace(vocab=["a", "b", "c"], pairs=np.array([[0, 1], [0, 2]]),
                          losses=np.array([9.0] * 500 + [1.0] * 1000), steps_done=1500)
    q = concepts.floor(run, None)
    assert q.evidence.rows == (
        {"quantity": "lowest possible average loss (conditional entropy)",
         "value": round(np.log(2), 3)},
        {"quantity": "mean loss of the last 1,000 steps", "value": 1.0})
