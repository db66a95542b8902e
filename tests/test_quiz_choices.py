"""What the quiz can ask: every step, milestone and pair a question may draw, and its edges."""
import dataclasses
import re
from types import SimpleNamespace

import numpy as np
import pytest

from test_quiz_wording import hand_run
from w2v.analysis import distribution
from w2v.quiz import predicting
from w2v.quiz.question import CHOICE, NUMBER, Question

MILESTONES = (250, 500, 1000, 2000, 3000, 5000, 8000, 10000, 15000, 20000)


def loss_run(steps, losses=None):
    losses = np.linspace(2.0, 1.0, steps) if losses is None else losses
    # Two words that always predict each other: a corpus floor of 0 for the explanation.
    return SimpleNamespace(steps_done=steps, losses=np.asarray(losses, dtype=np.float32),
                           pairs=np.array([[0, 1], [1, 0]]), vocab=["a", "b"],
                           config=SimpleNamespace(objective="softmax"))


def drawn(run, seeds=120):
    """(step n, gap, width) of every loss_later question the seeds draw."""
    found = set()
    for seed in range(seeds):
        q = predicting.loss_later(run, np.random.default_rng(seed))
        m = re.match(r"The average loss of the (\d+) steps up to step ([\d,]+) is .*"
                     r"the (\d+) steps up to step ([\d,]+) be lower", q.prompt)
        width, n, width2, later = (int(g.replace(",", "")) for g in m.groups())
        assert width == width2
        found.add((n, later - n, width))
    return found


@pytest.mark.parametrize("steps,expected", [
    (21_000, {(n, 1000, 200) for n in MILESTONES}),            # every milestone up to 20,000
    (1_201, {(200, 1000, 200)}),                               # 1,201 = gap + width + 1: none fits
    (1_200, {(250, 400, 200), (500, 400, 200)}),              # shorter: gap = a third
    (1_000, {(250, 333, 200), (500, 333, 200)}),
    (90, {(30, 30, 30)}),
])
def test_loss_later_draws_every_milestone_that_fits_and_only_those(steps, expected):
    assert drawn(loss_run(steps)) == expected


def test_loss_later_on_a_flat_curve_is_not_lower():
    run = loss_run(3_000, np.full(3_000, 1.5))
    q = predicting.loss_later(run, np.random.default_rng(0))
    assert q.answer == "No"
    # The stub's two words always predict each other, so the best possible loss is 0.
    assert q.explanation == ("It is 1.500: not lower (+0.000). Single pairs pull the average back "
                             "and forth. The average is 1.50 above the best possible loss, "
                             "H = 0.00 (Model vs corpus).")
    # From n − width to n + gap: 1,201 steps, thinned to every 4th (at most ~300 points).
    n = int(re.search(r"up to step ([\d,]+) is", q.prompt).group(1).replace(",", ""))
    assert [r["step"] for r in q.evidence.rows[:3]] == [n - 200, n - 196, n - 192]
    assert len(q.evidence.rows) == 301
    assert predicting.loss_later(loss_run(59), np.random.default_rng(0)) is None   # gap < 20


@pytest.mark.parametrize("before,after,said", [
    (0.5, 0.5, "It stays the same"), (0.0, 1e-12, "It stays the same"),
    (0.0, 2e-12, "It goes up"), (4.0, 4.0 + 2e-12, "It stays the same"),
    (1.0, 1.0 + 1.5e-12, "It goes up"), (0.3, 0.2, "It goes down"),
])
def test_a_probability_that_moves_by_less_than_rounding_stays_the_same(before, after, said):
    assert predicting._direction(before, after) == said


def test_step_questions_may_draw_any_step_and_say_when_it_overshoots():
    run = hand_run()
    steps, downs = set(), []
    for seed in range(400):
        own, other = predicting.step_pair(run, np.random.default_rng(seed))
        steps.add(int(re.match(r"Step ([\d,]+)", own.prompt).group(1)))
        if own.answer == "It goes down":
            downs.append(own)
    assert min(steps) == 1 and max(steps) == run.steps_done and len(steps) >= 55
    assert downs and all(q.explanation.endswith(
        " – unless the learning rate is so large that the step overshoots.") for q in downs)
    two = dataclasses.replace(run, losses=run.losses[:2])
    assert len(predicting.step_pair(two, np.random.default_rng(0))) == 2     # 2 steps suffice
    one = dataclasses.replace(run, losses=run.losses[:1])
    assert predicting.step_pair(one, np.random.default_rng(0)) == []


def test_final_rank_asks_only_about_the_ten_most_frequent_pairs(small_run):
    counts = distribution.sparse_pair_counts(small_run.pairs, len(small_run.vocab))
    top = distribution.corpus_pairs(counts, small_run.vocab, limit=10)
    expected = set(zip(top["center_word"], top["context_word"]))
    asked = set()
    for seed in range(150):
        q = predicting.final_rank(small_run, np.random.default_rng(seed))
        ow, cw = re.findall(r"“([^”]*)”", q.prompt)[:2]
        asked.add((cw, ow))
    assert asked == expected


def test_answers_checked_and_shown():
    number = Question("n", "t", "p", NUMBER, 0.0, "e", tolerance=0.0, decimals=2)
    assert number.is_correct(1e-9) and not number.is_correct(1.1e-9)
    assert Question("n", "t", "p", NUMBER, 1234.5, "e", decimals=2).shown_answer() == "1,234.50"
    choice = Question("c", "t", "p", CHOICE, "Yes", "e", options=("Yes", "No"))
    assert choice.shown_answer() == "Yes" and choice.is_correct("Yes")
    assert choice.is_correct(None) is False and number.is_correct(None) is False
