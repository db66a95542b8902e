"""The per-run memory policy (w2v/budget.py): unchanged when it fits, adapted, or refused."""
import pytest

import w2v
from w2v import budget


def test_default_curated_run_is_unchanged():
    text = open(budget.__file__.replace("w2v/budget.py", "corpus.txt"), encoding="utf-8").read()
    V = len(w2v.load_corpus(text).vocab)
    plan = budget.plan(V, w2v.TrainConfig())
    assert not plan.adapted and plan.note is None
    assert plan.recordings == 1681 and (plan.dense_steps, plan.record_interval) == (200, 10)


def test_book_vocabulary_is_adapted_under_300_mb():
    plan = budget.plan(5000, w2v.TrainConfig())
    assert plan.adapted and plan.bytes <= budget.RUN_BUDGET == 300 * budget.MB
    assert plan.dense_steps == 200 and plan.record_interval == 25    # smallest nice interval
    assert plan.recordings == len(plan.schedule(15000)) < 1681
    assert plan.schedule(15000)[-1] == 15000
    assert "5,000 words" in plan.note and "every 25th step instead of every 10th" in plan.note
    assert "300 MB" in plan.note


def test_dense_part_shrinks_when_the_interval_alone_is_not_enough():
    config = w2v.TrainConfig(steps=15000, dim=64, dense_steps=5000)
    plan = budget.plan(5000, config)
    assert plan.adapted and plan.bytes <= budget.RUN_BUDGET
    assert plan.record_interval == budget.MAX_INTERVAL and plan.dense_steps < 5000


def test_refused_only_when_even_the_sparsest_schedule_does_not_fit():
    with pytest.raises(budget.RunTooLarge, match="Lower dim or steps"):
        budget.plan(50_000, w2v.TrainConfig(steps=200_000, dim=64))


def test_training_follows_the_plan(text):
    config = w2v.TrainConfig(steps=600, dense_steps=20, record_interval=5)
    V = len(w2v.load_corpus(text).vocab)
    small = budget.run_bytes(budget.count_recordings(600, 20, 50), V, 8, 600) + 1
    run = w2v.train(text, config, budget=small)
    plan = budget.plan(V, config, small)
    assert plan.record_interval == 50 and run.steps.tolist() == plan.schedule(600).tolist()
    assert run.record_note == plan.note
    # Steps between the sparser recordings replay to the same weights as a full recording.
    full = w2v.train(text, config, budget=None)
    assert full.record_note is None
    for step in (33, 127, 599):
        a, b = run.weights_after(step), full.weights_after(step)
        assert (a[0] == b[0]).all() and (a[1] == b[1]).all()
