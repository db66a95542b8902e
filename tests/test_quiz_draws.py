"""The quiz's draws: how many words, options and rows, and which words each question gets."""
from types import SimpleNamespace

import numpy as np
import pytest

import w2v
from w2v.quiz import draw, make, predicting, reading
from conftest import ROYAL_TEXT


def test_focus_words_without_sets_are_the_20_most_frequent():
    vocab = [f"w{i:02d}" for i in range(25)]
    counts = {w: 100 - i for i, w in enumerate(vocab)}       # w00 most frequent
    run = SimpleNamespace(vocab=vocab, corpus=SimpleNamespace(counts=counts))
    assert draw.focus_words(run, None) == vocab[:20]


def test_choice_options_are_the_answer_and_three_distractors():
    pool = [f"w{i}" for i in range(10)]
    options = draw.choice_options(np.random.default_rng(0), "w3", pool)
    assert len(options) == 4 and len(set(options)) == 4
    assert "w3" in options and set(options) <= set(pool)


def test_nearest_rows_are_the_five_nearest_by_default():
    W = np.array([[1.0, 0.0]] + [[1.0, 0.1 * i] for i in range(1, 8)])
    vocab = [f"w{i}" for i in range(8)]
    rows = draw.nearest_rows(W, vocab, "w0")
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert [r["word"] for r in rows] == ["w1", "w2", "w3", "w4", "w5"]
    assert rows[0]["cosine"] == round(1 / np.hypot(1, 0.1), 3)


@pytest.fixture
def asked(monkeypatch):
    """The words make_quiz hands to the three questions about one word each."""
    got = {}
    monkeypatch.setattr(reading, "nearest", lambda run, rng, w: got.setdefault("w1", w) and None)
    monkeypatch.setattr(reading, "top_context",
                        lambda run, rng, w: got.setdefault("w2", w) and None)
    monkeypatch.setattr(predicting, "neighbour_stays",
                        lambda run, rng, w: got.setdefault("w3", w) and None)
    return got


@pytest.mark.parametrize("focus", [["king", "queen", "man"], ["king", "queen", "man", "woman"]])
def test_three_different_focus_words(small_run, monkeypatch, asked, focus):
    monkeypatch.setattr(make, "focus_words", lambda run, sets: list(focus))
    make.make_quiz(small_run)
    assert {asked["w1"], asked["w2"], asked["w3"]} <= set(focus)
    assert len({asked["w1"], asked["w2"], asked["w3"]}) == 3


@pytest.mark.parametrize("seed", range(8))
def test_with_two_focus_words_the_third_comes_from_the_vocabulary(small_run, monkeypatch, asked,
                                                                   seed):
    # Eight seeds: a second word drawn without avoiding the first would repeat it in some.
    monkeypatch.setattr(make, "quiz_rng", lambda run: np.random.default_rng(seed))
    monkeypatch.setattr(make, "focus_words", lambda run, sets: ["king", "queen"])
    make.make_quiz(small_run)
    assert {asked["w1"], asked["w2"]} == {"king", "queen"}
    assert asked["w3"] in small_run.vocab and asked["w3"] not in ("king", "queen")


def test_a_negative_sampling_quiz_leaves_out_the_softmax_questions(small_run):
    softmax_ids = {q.qid for q in make.make_quiz(small_run)}
    assert {"uniform_loss", "floor"} <= softmax_ids
    run = w2v.train(ROYAL_TEXT, w2v.TrainConfig(steps=200, dense_steps=50, record_interval=25,
                                                objective="negative"))
    ids = {q.qid for q in make.make_quiz(run)}
    assert ids and not ids & make.SOFTMAX_ONLY


def test_pick_falls_back_to_an_avoided_item_when_nothing_else_is_left():
    assert draw.pick(np.random.default_rng(0), ["a"], avoid=["a"]) == "a"


def test_mean_of_no_losses_is_nan_without_a_warning():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # numpy's mean of nothing would warn
        assert np.isnan(draw.mean([]))
    assert draw.mean([1.0, 2.0, 6.0]) == 3.0
