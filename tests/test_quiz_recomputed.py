"""The quiz's answers recomputed here from the run's weights at the steps the questions name.

The reference uses only run.weights_after (the recorded W, W′, replayed between recordings),
a softmax and cosines written out below: never the quiz's own code, so a question that reads
the wrong weights (before instead of after a step, the wrong recording) disagrees with it.
"""
import re

import numpy as np
import pytest

import w2v
from w2v import quiz


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def probs_of(run, step, c):
    """P(· | c) under the weights after `step`."""
    W, Wp = (np.asarray(a, np.float64) for a in run.weights_after(step))
    return softmax(W[c] @ Wp.T)


def cosines_to(W, i):
    W = np.asarray(W, np.float64)
    cos = W @ W[i] / (np.linalg.norm(W, axis=1) * np.linalg.norm(W[i]))
    cos[i] = -np.inf
    return cos


def number_after(text, word):
    return int(re.search(rf"{word} ([\d,]+)", text).group(1).replace(",", ""))


def quoted(text):
    return re.findall(r"“([^”]*)”", text)


@pytest.fixture(scope="module", params=[0, 1, 2], ids=lambda s: f"seed{s}")
def run_and_quiz(request, text, sets):
    run = w2v.train(text, w2v.TrainConfig(steps=400, dense_steps=50, record_interval=25,
                                          seed=request.param))
    return run, {q.qid: q for q in quiz.make_quiz(run, sets)}


def direction(before, after):
    return "It goes up" if after > before else "It goes down"


def test_one_steps_probabilities_before_and_after(run_and_quiz):
    run, qs = run_and_quiz
    own, other = qs["step_own"], qs["step_other"]
    step = number_after(own.prompt, "Step")
    assert number_after(other.prompt, "step") == step
    c, o = int(run.centers[step - 1]), int(run.contexts[step - 1])
    assert quoted(own.prompt)[:2] == [run.vocab[c], run.vocab[o]]
    before, after = probs_of(run, step - 1, c), probs_of(run, step, c)
    # "other word": the most probable context other than the true one, before the step.
    w = max((j for j in range(len(run.vocab)) if j != o), key=lambda j: before[j])
    assert quoted(other.prompt) == [run.vocab[w], run.vocab[c], run.vocab[o]]
    rows = {r["role"]: r for r in own.evidence.rows}
    assert rows["true context"]["context word"] == run.vocab[o]
    assert rows["other word"]["context word"] == run.vocab[w]
    for role, j in (("true context", o), ("other word", w)):
        assert rows[role]["P before the step"] == pytest.approx(before[j], rel=1e-5)
        assert rows[role]["P after the step"] == pytest.approx(after[j], rel=1e-5)
    assert own.answer == direction(before[o], after[o])
    assert other.answer == direction(before[w], after[w])
    assert f"{before[o]:.4f}" in own.prompt and f"to {after[o]:.4f}" in own.explanation


def test_the_early_neighbour_comes_from_the_named_step(run_and_quiz):
    run, qs = run_and_quiz
    q = qs["neighbour_stays"]
    step = number_after(q.prompt, "After step")
    assert step in set(run.steps.tolist()) and 0 < step < run.steps_done
    # The recording nearest above a tenth of the run (kept off the first and last).
    assert step == min(s for s in run.steps.tolist() if s >= max(1, run.steps_done // 10))
    word, early = quoted(q.prompt)[:2]
    i = run.vocab.index(word)
    W_early = run.weights_after(step)[0]
    cos_early, cos_late = cosines_to(W_early, i), cosines_to(run.weights_after(run.steps_done)[0], i)
    assert early == run.vocab[int(np.argmax(cos_early))]
    late = run.vocab[int(np.argmax(cos_late))]
    assert q.answer == ("Yes" if early == late else "No")
    rows = q.evidence.rows
    assert [r["after step"] for r in rows] == [step] * 3 + [run.steps_done] * 3
    for r, j in zip(rows[:3], np.argsort(-cos_early, kind="stable")[:3]):
        assert (r["word"], r["cosine"]) == (run.vocab[j], pytest.approx(cos_early[j], abs=1e-3))
    for r, j in zip(rows[3:], np.argsort(-cos_late, kind="stable")[:3]):
        assert (r["word"], r["cosine"]) == (run.vocab[j], pytest.approx(cos_late[j], abs=1e-3))


def test_the_late_neighbour_is_read_from_the_last_recording(small_run):
    """Move one word's final vector onto another word: the question's late neighbour (and so
    its answer and explanation) must follow the last recording, not an earlier one."""
    import dataclasses
    from w2v.quiz import predicting
    run = small_run
    word, target = run.vocab[0], run.vocab[-1]
    W = run.W.copy()
    W[-1, 0] = W[-1, -1] * 1.01          # word's last vector: along target's, nowhere else
    moved = dataclasses.replace(run, W=W)
    q = predicting.neighbour_stays(moved, np.random.default_rng(0), word)
    early = quoted(q.prompt)[1]
    assert f"At the end the nearest neighbour is “{target}”" in q.explanation
    assert q.answer == ("Yes" if early == target else "No")
    assert [r["word"] for r in q.evidence.rows[3:]][0] == target
    step = number_after(q.prompt, "After step")
    i = list(run.steps).index(step)
    assert f"cosine {float(W[i, 0] @ W[-1, 0] / np.linalg.norm(W[i, 0]) / np.linalg.norm(W[-1, 0])):.2f}" \
        in q.explanation
