"""The Experiments page's sweeps, function by function, against figures checked by hand.

Fast: one small run (the session's `small_run`) and stand-ins built from it with
dataclasses.replace (a Run is frozen data, so losses, pairs or divergence can be set by hand).
"""
import math
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from conftest import SETS
from w2v import TrainConfig, budget
from w2v import experiments as ex
from w2v.analysis import word_sets

MB = 1024 * 1024
# The 17 words of ROYAL_TEXT seen 3+ times once stopwords ("the", "a", "in" ...) are removed.
ROYAL_VOCAB = ["animal", "boy", "bread", "castle", "cat", "dog", "garden", "girl", "horse",
               "house", "king", "man", "prince", "princess", "queen", "village", "woman"]


# -- parse_values -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2, 4, 8", "2,4,8", "2 4 8", "2;4;8", "2 ; 4,  8",
                                  "2,,4,,8,", "2,\t,4,\n8", "\t2\t, 4\n,8"])
def test_commas_semicolons_spaces_and_blanks_all_separate(text):
    values = ex.parse_values("dim", text)
    assert values == [2, 4, 8] and all(type(v) is int for v in values)


def test_underscores_group_digits():
    assert ex.parse_values("steps", "1_000, 25_000") == [1000, 25000]
    assert ex.parse_values("steps", "1__000, _2_000_") == [1000, 2000]   # Python's float refuses these
    assert ex.parse_values("lr", "0.000_5") == [0.0005]


def test_duplicates_dropped_first_kept_order_kept():
    assert ex.parse_values("window", "8, 2, 8, 5, 2.0, 5") == [8, 2, 5]
    assert ex.parse_values("lr", "0.5, 0.1, 0.50, 1e-1") == [0.5, 0.1]


def test_whole_numbers_become_ints_and_float_settings_stay_floats():
    dims = ex.parse_values("dim", "4.0, 1e1")
    assert dims == [4, 10] and all(type(v) is int for v in dims)
    lrs = ex.parse_values("lr", "1, 2.5")
    assert lrs == [1.0, 2.5] and all(type(v) is float for v in lrs)
    assert ex.parse_values("seed", "0, -3") == [0, -3]   # TrainConfig refuses -3, not the parser


def test_at_most_six_values():
    assert ex.MAX_VALUES == 6
    assert ex.parse_values("seed", "1 2 3 4 5 6 6 1") == [1, 2, 3, 4, 5, 6]   # 6 after duplicates
    with pytest.raises(ValueError) as e:
        ex.parse_values("seed", "1 2 3 4 5 6 7")
    assert str(e.value) == "at most 6 values in one sweep (got 7)"


@pytest.mark.parametrize("param, text, message", [
    ("dim", "4, x8, 16", "'x8' is not a number"),
    ("dim", " \t1_x ", "'1x' is not a number"),
    ("lr", "0.1, inf", "'inf' is not a finite number"),
    ("lr", "nan", "'nan' is not a finite number"),
    ("lr", "-inf", "'-inf' is not a finite number"),
    ("dim", "4, 2.5", "dim takes whole numbers ('2.5' is not one)"),
    ("window", "1_0.5", "window takes whole numbers ('10.5' is not one)"),
    ("steps", "", "give at least one value, separated by commas"),
    ("steps", " ,; \t", "give at least one value, separated by commas"),
    ("pca", "1", "'pca' cannot be swept; choose one of dim, lr, window, steps, min_count, seed"),
    ("objective", "1", "'objective' cannot be swept; choose one of dim, lr, window, steps, "
                       "min_count, seed"),
])
def test_each_refusal_names_the_value(param, text, message):
    with pytest.raises(ValueError) as e:
        ex.parse_values(param, text)
    assert str(e.value) == message


def test_the_first_bad_value_is_named():
    with pytest.raises(ValueError, match=r"^'a' is not a number$"):
        ex.parse_values("dim", "a, b")


# -- sweep_configs, sweep_bytes -------------------------------------------------------------------

def test_sweep_changes_only_the_one_setting_and_drops_duplicates():
    base = TrainConfig(steps=400, dim=8, lr=0.2, window=2, seed=7)
    configs = ex.sweep_configs(base, "dim", [4, 8, 4.0, 16])
    assert configs == [TrainConfig(steps=400, dim=4, lr=0.2, window=2, seed=7), base,
                       TrainConfig(steps=400, dim=16, lr=0.2, window=2, seed=7)]
    assert [type(c.dim) for c in configs] == [int, int, int]


def test_sweep_values_take_the_settings_type():
    base = TrainConfig(steps=400)
    (config,) = ex.sweep_configs(base, "lr", [1])
    assert config == TrainConfig(steps=400, lr=1.0) and type(config.lr) is float
    (config,) = ex.sweep_configs(base, "steps", [250.0])
    assert config.steps == 250 and type(config.steps) is int
    assert ex.sweep_configs(base, "objective", ("softmax", "negative")) == [
        base, TrainConfig(steps=400, objective="negative")]
    assert ex.sweep_configs(base, "min_count", []) == []


def test_sweep_refusals():
    base = TrainConfig(steps=400)
    with pytest.raises(ValueError) as e:
        ex.sweep_configs(base, "pca", ["global_pca"])
    assert str(e.value) == ("'pca' cannot be swept; choose one of dim, lr, window, steps, "
                            "min_count, seed")
    with pytest.raises(ValueError, match=r"^dim must be at least 1 \(got 0\)$"):
        ex.sweep_configs(base, "dim", [4, 0])


def test_sweep_bytes_is_the_sum_of_each_runs_estimate():
    # steps 400, dense to 50, every 25th after: 51 + 14 = 65 recordings of W and W' (float32).
    configs = [TrainConfig(steps=400, dense_steps=50, record_interval=25, dim=8, min_count=m)
               for m in (1, 3)]
    vocab = {1: 50, 3: 17}
    assert budget.estimate_run_bytes(configs[0], 50) == 2 * 65 * 50 * 8 * 4
    assert budget.estimate_run_bytes(configs[1], 17) == 2 * 65 * 17 * 8 * 4
    assert ex.sweep_bytes(configs, vocab.__getitem__) == 2 * 65 * (50 + 17) * 8 * 4
    assert ex.sweep_bytes([], vocab.__getitem__) == 0


def test_too_big_above_exactly_half_the_registry():
    assert ex.too_big(500, 1000) is None
    assert ex.too_big(0, 1000) is None
    assert ex.too_big(501, 1000) is not None
    assert ex.too_big(500, 1001) is None            # half rounds down: 500
    assert ex.too_big(501, 1001) is not None
    assert ex.too_big(1, 0) is not None


def test_too_big_message_in_megabytes():
    message = ex.too_big(2500 * MB, 4096 * MB)
    assert message == ("This sweep would keep about 2,500 MB of training state; the server "
                       "keeps 4,096 MB of runs for everybody, so it allows 2,048 MB for one "
                       "sweep. Use fewer values, fewer steps, a smaller dim, or a larger "
                       "record_interval.")
    message = ex.too_big(1001 * MB, 2001 * MB)    # half of an odd byte count: 1000.5 MB → 1,000
    assert "about 1,001 MB" in message and "keeps 2,001 MB" in message
    assert "allows 1,000 MB for one" in message


# -- final_loss, chance_loss, status ------------------------------------------------------------

def test_final_loss_is_the_mean_of_the_last_thousand_steps():
    assert ex.FINAL_LOSS_STEPS == 1000
    assert ex.final_loss(np.arange(1500.0)) == 999.5            # mean of 500 … 1499
    assert ex.final_loss(np.arange(1000.0)) == 499.5            # exactly 1000: all of them
    assert ex.final_loss(np.arange(1001.0)) == 500.5            # step 1 (value 0) left out
    assert ex.final_loss([1, 2, 6]) == 3.0                      # fewer: all, a list will do
    assert ex.final_loss([5]) == 5.0
    assert ex.final_loss(np.array([])) is None
    assert ex.final_loss([]) is None
    assert ex.final_loss([1.0, 2.0, 4.0, 8.0], last=2) == 6.0
    assert ex.final_loss([1.0, 2.0, 4.0, 8.0], last=1) == 8.0


def test_final_loss_adds_up_in_float64():
    losses = np.random.default_rng(0).uniform(0, 5, 3000).astype(np.float32)
    expected = float(np.sum(losses[2000:].astype(np.float64)) / 1000)
    assert ex.final_loss(losses) == pytest.approx(expected, rel=1e-14, abs=0)
    assert isinstance(ex.final_loss(losses), float)


def test_chance_loss_ln_v_for_softmax_and_k_plus_one_ln_2_for_negative(small_run):
    assert small_run.vocab == ROYAL_VOCAB
    assert ex.chance_loss(small_run) == pytest.approx(math.log(17), rel=1e-15)
    negative = replace(small_run, config=replace(small_run.config, objective="negative",
                                                 negatives=7))
    assert ex.chance_loss(negative) == pytest.approx(8 * math.log(2), rel=1e-15)


def test_status():
    assert ex.status(None) == "trained"
    assert ex.status(0) == "diverged at step 0"
    assert ex.status(12345) == "diverged at step 12,345"


# -- summarise, job_row -------------------------------------------------------------------------

def _expected_row(run, sets, **extra):
    """The row summarise should give, from the run's data: losses averaged in numpy, the scores
    from word_sets at k = 3 on the last recording."""
    scores = word_sets.scores(run.W[-1], run.vocab, sets, k=3) if sets else {
        "neighbour_quality": None, "analogy_accuracy": None}
    return {**extra, "final_loss": float(np.mean(run.losses[-1000:], dtype=np.float64)),
            **scores, "chance_loss": math.log(17), "steps_done": len(run.losses),
            "pairs": len(run.pairs), "diverged_at": run.diverged_at,
            "status": "trained" if run.diverged_at is None else
            f"diverged at step {run.diverged_at:,}"}


def test_summary_of_a_trained_run(small_run):
    row = ex.summarise(small_run, SETS, "lr")
    assert row == pytest.approx(_expected_row(small_run, SETS, param="lr", value=0.1))
    assert list(row)[:2] == ["param", "value"]
    assert row["steps_done"] == 400 and row["pairs"] == 86 and row["status"] == "trained"
    assert row["final_loss"] == pytest.approx(float(small_run.losses.astype(np.float64).mean()))
    # the last recording's scores: the one before it scores lower, so another would show
    assert (row["neighbour_quality"], row["analogy_accuracy"]) == (1.0, 0.5)
    assert word_sets.scores(small_run.W[-2], small_run.vocab, SETS, k=3)["neighbour_quality"] < 1


def test_summary_scores_at_three_neighbours(small_run):
    """On the first recording the 4th neighbour would turn a miss into a hit."""
    first = replace(small_run, W=small_run.W[:1])
    row = ex.summarise(first, SETS)
    assert row["neighbour_quality"] == pytest.approx(10 / 13)      # 13 grouped words in the vocab
    assert row == pytest.approx(_expected_row(first, SETS))
    assert "param" not in row and "value" not in row


def test_summary_of_a_long_diverged_run_without_sets(small_run):
    run = replace(small_run, losses=np.arange(1500.0), pairs=np.zeros((7, 2), np.int32),
                  diverged_at=1501)
    row = ex.summarise(run, None, "steps")
    assert row == {"param": "steps", "value": 400, "final_loss": 999.5,
                   "neighbour_quality": None, "analogy_accuracy": None,
                   "chance_loss": pytest.approx(math.log(17)), "steps_done": 1500, "pairs": 7,
                   "diverged_at": 1501, "status": "diverged at step 1,501"}


def test_failed_job_still_gives_its_row(small_run):
    config = TrainConfig(steps=100, min_count=50)
    failed = SimpleNamespace(error=ValueError("no word is left"), run=None, config=config,
                             seconds=1.5)
    blank = {"param": "min_count", "value": 50, "final_loss": None, "neighbour_quality": None,
             "analogy_accuracy": None, "chance_loss": None, "steps_done": 0, "pairs": None,
             "diverged_at": None, "status": "failed: no word is left", "seconds": 1.5}
    assert ex.job_row(failed, SETS, "min_count") == blank
    # an error wins over a run; no run and no error is a failure too
    both = SimpleNamespace(error=ValueError("no word is left"), run=small_run, config=config,
                           seconds=1.5)
    assert ex.job_row(both, SETS, "min_count") == blank
    nothing = SimpleNamespace(error=None, run=None, config=config, seconds=None)
    assert ex.job_row(nothing, SETS, "min_count") == {**blank, "status": "failed: no result",
                                                      "seconds": None}


def test_finished_job_row_is_its_summary_and_seconds(small_run):
    job = SimpleNamespace(error=None, run=small_run, config=small_run.config, seconds=2.25)
    row = ex.job_row(job, SETS, "window")
    assert row == pytest.approx({**_expected_row(small_run, SETS, param="window", value=3),
                                 "seconds": 2.25})


# -- smoothed_loss ------------------------------------------------------------------------------

def _trailing_mean(losses, window):
    return np.array([np.mean(losses[max(0, i - window + 1):i + 1]) for i in range(len(losses))])


def test_smoothed_loss_is_the_trailing_mean_by_hand():
    steps, average = ex.smoothed_loss([2, 4, 9], window=2)
    assert steps.tolist() == [1, 2, 3] and average.tolist() == [2.0, 3.0, 6.5]
    steps, average = ex.smoothed_loss(np.array([2.0, 4.0, 9.0]), window=5)
    assert average.tolist() == [2.0, 3.0, 5.0]
    assert average.dtype == np.float64


def test_smoothed_loss_defaults_window_200_and_400_points():
    assert (ex.SMOOTH_WINDOW, ex.CURVE_POINTS) == (200, 400)
    losses = np.random.default_rng(1).uniform(0, 4, 400)
    steps, average = ex.smoothed_loss(losses)                   # 400 points: none dropped
    assert steps.tolist() == list(range(1, 401))
    np.testing.assert_allclose(average, _trailing_mean(losses, 200), rtol=1e-12)

    losses = np.random.default_rng(2).uniform(0, 4, 1000)
    steps, average = ex.smoothed_loss(losses)
    assert len(steps) == 400 and steps[0] == 1 and steps[-1] == 1000
    assert np.all(np.diff(steps) >= 2) and np.all(np.diff(steps) <= 3)   # evenly: 999 / 399
    np.testing.assert_allclose(average, _trailing_mean(losses, 200)[steps - 1], rtol=1e-12)


def test_smoothed_loss_thins_and_keeps_the_last_step():
    losses = np.arange(1.0, 402.0)                              # 401 steps, one too many
    steps, average = ex.smoothed_loss(losses, window=3, max_points=400)
    assert len(steps) <= 400 and steps[0] == 1 and steps[-1] == 401
    np.testing.assert_allclose(average, _trailing_mean(losses, 3)[steps - 1])
    steps, average = ex.smoothed_loss(np.arange(1.0, 11.0), window=1, max_points=4)
    assert steps.tolist() == [1, 4, 7, 10] and average.tolist() == [1.0, 4.0, 7.0, 10.0]
    steps, _ = ex.smoothed_loss(np.ones(10), window=1, max_points=10)
    assert steps.tolist() == list(range(1, 11))


def test_smoothed_loss_of_one_step():
    steps, average = ex.smoothed_loss([5.0])
    assert steps.tolist() == [1] and average.tolist() == [5.0]


def test_smoothed_loss_of_no_steps():
    steps, average = ex.smoothed_loss([])
    assert steps.shape == (0,) and average.shape == (0,)
    assert steps.dtype == np.int64 and average.dtype == np.float64


# -- format_value, Sweep.label ------------------------------------------------------------------

@pytest.mark.parametrize("param, value, shown", [
    ("objective", "negative", "negative"), ("lr", 0.1, "0.1"), ("lr", 1e-05, "1e-05"),
    ("lr", 2, "2"), ("steps", 25000, "25,000"), ("steps", 400.0, "400"), ("dim", 16, "16"),
    ("window", 3.0, "3"), ("seed", 123456, "123456"), ("min_count", 1000, "1000"),
])
def test_format_value(param, value, shown):
    assert ex.format_value(param, value) == shown


def test_sweep_labels():
    assert ex.PRESETS["steps"].label == "steps 5,000 / 15,000 / 25,000"
    assert ex.PRESETS["lr"].label == "lr 0.01 / 0.1 / 0.5"
    assert ex.PRESETS["objective"].label == "objective softmax / negative"
    assert ex.Sweep("seed", (7,), "t", "l").label == "seed 7"
