"""A step's cost: multiply-adds by objective, and the engine's measured time."""
import w2v
from w2v import cost


def test_scores_per_step_are_v_d_and_k_plus_one_d():
    assert cost.scores_per_step("softmax", 2750, 50, 5) == 137_500
    assert cost.scores_per_step("negative", 2750, 50, 5) == 300
    assert cost.scores_per_step("negative", 100_000, 50, 5) == 300   # no V in it


def test_measured_step_time_is_positive_and_leaves_nothing_behind(text):
    corpus = w2v.load_corpus(text, 1)
    for objective in ("softmax", "negative"):
        seconds = cost.seconds_per_step(w2v.TrainConfig(objective=objective), corpus, steps=500,
                                        repeat=1)
        assert 0 < seconds < 1e-3


def test_timings_of_slow_steps_are_shorter():
    assert cost.timed_steps(w2v.TrainConfig(objective="negative"), 100_000) == cost.TIMED_STEPS
    big_softmax = cost.timed_steps(w2v.TrainConfig(dim=64), 5_000)
    assert 200 <= big_softmax < cost.TIMED_STEPS
