"""The predicting questions at their edges: which recording a question reads on short and
sparsely recorded runs, when a question has too little to ask about, and its explanation in
each case. Expected values are recomputed here from the run's arrays (steps, W, pairs)."""
import dataclasses
from collections import Counter

import numpy as np
import pytest

import w2v
from conftest import ROYAL_TEXT
from w2v.quiz import predicting

TRIO = "cat dog bird\ndog bird cat\nbird cat dog\n"        # exactly three words


def train(text=ROYAL_TEXT, **settings):
    return w2v.train(text, w2v.TrainConfig(**settings))


def early_step(q):
    return int(q.prompt.split("After step ")[1].split(" ")[0].replace(",", ""))


def nearest(W, vocab, word):
    """Top neighbour by cosine, written out (ties: the first in vocabulary order)."""
    W = np.asarray(W, np.float64)
    i = vocab.index(word)
    cos = W @ W[i] / (np.linalg.norm(W, axis=1) * np.linalg.norm(W[i]))
    cos[i] = -np.inf
    return vocab[int(np.argmax(cos))]


@pytest.mark.parametrize("steps, dense, expected", [
    (15, 15, 1),       # a tenth of 15 steps rounds to 1: the first step's recording
    (405, 405, 40),    # 405 // 10 = 40, not 40.5 rounded up to 41
    (400, 50, 40),     # every recording up to 50: the tenth itself
    (100, 3, 3),       # recordings 0, 1, 2, 3, 100: the last one before the end, never the end
])
def test_the_early_step_is_the_first_recording_from_a_tenth_of_the_run(steps, dense, expected):
    run = train(steps=steps, dense_steps=dense, record_interval=1000 if dense == 3 else 25)
    q = predicting.neighbour_stays(run, np.random.default_rng(0), "king")
    assert early_step(q) == expected
    assert 0 < expected < run.steps_done


def test_too_few_recordings_or_words_give_no_neighbour_question():
    run = train(steps=400, dense_steps=50, record_interval=25)
    keep = lambda idx: dataclasses.replace(run, steps=run.steps[idx], W=run.W[idx],
                                           W_prime=run.W_prime[idx])
    assert predicting.neighbour_stays(keep([0, -1]), np.random.default_rng(0), "king") is None
    three = predicting.neighbour_stays(keep([0, 30, -1]), np.random.default_rng(0), "king")
    assert early_step(three) == int(run.steps[30])              # the middle one
    trio = train(TRIO, steps=60, min_count=1, dense_steps=10)
    assert len(trio.vocab) == 3
    assert predicting.neighbour_stays(trio, np.random.default_rng(0), "cat") is not None
    duo = train("cat dog\ndog cat\n", steps=60, min_count=1, dense_steps=10)
    assert len(duo.vocab) == 2
    assert predicting.neighbour_stays(duo, np.random.default_rng(0), "cat") is None


def test_the_explanation_says_why_a_neighbour_changed_or_stayed(small_run):
    run, word = small_run, small_run.vocab[0]
    q = predicting.neighbour_stays(run, np.random.default_rng(0), word)
    i = list(run.steps).index(early_step(q))
    for W_last, stays in ((run.W[i, 0], True), (run.W[-1, -1] * 1.01, False)):
        W = run.W.copy()
        W[-1, 0] = W_last              # the last vector: as early on, or along the last word's
        moved = dataclasses.replace(run, W=W)
        q = predicting.neighbour_stays(moved, np.random.default_rng(0), word)
        early, late = nearest(W[i], run.vocab, word), nearest(W[-1], run.vocab, word)
        assert (early == late) is stays and q.answer == ("Yes" if stays else "No")
        a, b = np.asarray(W[i, 0], np.float64), np.asarray(W[-1, 0], np.float64)
        turned = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
        why = ("This word found its neighbour early." if stays else
               "Early neighbours often reflect the random start; training keeps moving words "
               "until words with similar contexts point alike.")
        assert q.explanation == (f"At the end the nearest neighbour is “{late}”. {why} Its own "
                                 f"vector after step {run.steps[i]:,} and at the end have "
                                 f"cosine {turned:.2f}.")


def test_a_two_step_run_asks_where_a_step_moves_the_center():
    assert predicting.step_move(train(steps=1, dense_steps=1), np.random.default_rng(0)) is None
    two = train(steps=2, dense_steps=2)
    moves = [predicting.step_move(two, np.random.default_rng(seed)) for seed in range(6)]
    # Steps whose center is its own context ask nothing; the others ask about step 1 or 2.
    assert any(q is not None for q in moves)


def pair_entropy_floor(run):
    """Σ_c π(c) H(P̂(·|c)) from the pairs counted here."""
    pairs = Counter(map(tuple, np.asarray(run.pairs).tolist()))
    by_center = Counter()
    for (c, _), n in pairs.items():
        by_center[c] += n
    total = sum(by_center.values())
    return -sum(n / total * np.log(n / by_center[c]) for (c, _), n in pairs.items())


@pytest.mark.parametrize("objective", ["softmax", "negative"])
def test_the_later_loss_explanation_names_the_floor_for_the_full_softmax_only(objective):
    run = train(steps=1500, objective=objective)
    q = predicting.loss_later(run, np.random.default_rng(0))
    after = float(q.explanation.split("It is ")[1].split(":")[0])
    if objective == "negative":   # its loss is not the softmax's: no floor to compare with
        assert q.explanation.endswith("Single pairs pull the average back and forth.")
        return
    floor = pair_entropy_floor(run)
    assert q.explanation.endswith(f"The average is {after - floor:.2f} above the best possible "
                                  f"loss, H = {floor:.2f} (Model vs corpus).")


def test_the_final_rank_table_shows_the_corpus_probability_to_four_places(small_run):
    run = small_run
    pairs = Counter(map(tuple, np.asarray(run.pairs).tolist()))
    for seed in range(5):
        q = predicting.final_rank(run, np.random.default_rng(seed))
        cw, ow = q.evidence.label.removesuffix(" at the end").strip("“”").split("” → “")
        c, o = run.vocab.index(cw), run.vocab.index(ow)
        p = pairs[(c, o)] / sum(n for (center, _), n in pairs.items() if center == c)
        corpus = q.evidence.rows[1]["corpus"]
        assert corpus == round(p, 4) and f"corpus P = {p:.3f}" in q.explanation


def test_a_step_that_leaves_the_center_in_place_asks_nothing(small_run):
    """Once P(o|c) is 1 in float32 the gradient vanishes and v_c stays: neither "towards" nor
    "away" would be true, so there is no question (here: the step's W with v_c put back)."""
    import types
    run = small_run
    step = next(s for s in range(1, run.steps_done + 1)
                if run.centers[s - 1] != run.contexts[s - 1])
    state = run.step_state(step)
    asked = types.SimpleNamespace(steps_done=run.steps_done, vocab=run.vocab,
                                  step_state=lambda s: state)
    q = predicting.step_move(asked, np.random.default_rng(0))
    assert q is not None and q.evidence.rows[0]["cosine"] == round(state.cosine_center_context, 4)
    W = state.W.copy()
    W[state.center] = run.weights_after(step - 1)[0][state.center]
    still = dataclasses.replace(state, W=W)
    asked.step_state = lambda s: still
    assert predicting.step_move(asked, np.random.default_rng(0)) is None
