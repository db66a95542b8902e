"""The memory policy (w2v/budget.py) recomputed by hand: schedules, bytes, step times, the long
intervals, and the plan at, below and above each budget, with its note and refusal in full.

Most plans below use V = 5,000 words, d = 8 and 15,000 steps, where one recording costs
V·(2·d·4 + 2·4) = 5,000·72 = 360,000 bytes (W and W′, and the 2-D map) and the per-step arrays
15,000·12 = 180,000 bytes. Counts of recordings over 15,000 steps:
  dense 200, every 10th    201 + 1,500 − 20 = 1,681      dense 200, every 25th  201 + 600 − 8 = 793
  dense 200, every 20th    201 + 750 − 10 = 941          dense 12, every 1,000th  13 + 15 = 28
  dense 0, every 1,000th   1 + 15 = 16                   dense 1, every 1,000th   2 + 15 = 17
  dense 0, every 2,000th   1 + 7 + the last = 9          dense 0, every 10,000th  1 + 1 + the last = 3
"""
import pytest

import w2v
from w2v import budget
from w2v.budget import MB, RecordPlan

V, D, STEPS = 5000, 8, 15000
PER_RECORDING = 360_000            # 5,000 · 72
PER_RUN = 180_000                  # 15,000 · 12
FULL = 1681 * PER_RECORDING + PER_RUN          # 605,340,000: the configured schedule
AT_25 = 793 * PER_RECORDING + PER_RUN          # 285,660,000
TAIL = ("Steps in between are replayed exactly when you look at them.")
ADVICE = "Lower dim or steps, or raise min_count to shrink the vocabulary."


def config(**changes):
    return w2v.TrainConfig(**{"steps": STEPS, "dim": D, "dense_steps": 200,
                              "record_interval": 10, **changes})


# --- ordinals in the notes -------------------------------------------------------------------

@pytest.mark.parametrize("n, word", [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"), (12, "12th"),
    (13, "13th"), (20, "20th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"),
    (111, "111th"), (112, "112th"), (121, "121st"), (211, "211th"), (1000, "1,000th"),
    (1001, "1,001st"), (2000, "2,000th")])
def test_ordinals(n, word):
    assert budget._nth(n) == word


# --- schedules and bytes ---------------------------------------------------------------------

@pytest.mark.parametrize("total, dense, interval, steps", [
    (10, 3, 4, [0, 1, 2, 3, 4, 8, 10]),       # dense start, every 4th, the last
    (12, 3, 4, [0, 1, 2, 3, 4, 8, 12]),       # the last is a multiple: not twice
    (10, 0, 3, [0, 3, 6, 9, 10]),             # no dense start
    (10, 5, 5, [0, 1, 2, 3, 4, 5, 10]),       # the first sparse step comes after dense_steps
    (6, 9, 4, [0, 1, 2, 3, 4, 5, 6]),         # dense_steps beyond the run: every step
    (1, 0, 10, [0, 1]),
])
def test_schedule_by_hand(total, dense, interval, steps):
    assert budget.record_schedule(total, dense, interval).tolist() == steps
    assert budget.count_recordings(total, dense, interval) == len(steps)


def test_bytes_by_hand():
    # 3 recordings of V = 5 words in d = 2: W and W′ are 2·3·5·2·4 = 240 bytes,
    # the 2-D map 3·5·2·4 = 120, and 7 steps of loss, center and context 7·12 = 84.
    assert budget.recording_bytes(3, 5, 2) == 240
    assert budget.run_bytes(3, 5, 2, 7) == 240 + 120 + 84
    assert budget.run_bytes(1681, V, D, STEPS) == FULL == 605_340_000


# --- step time and the long intervals of negative sampling -----------------------------------

def test_step_seconds_by_hand():
    negative = w2v.TrainConfig(objective="negative", negatives=5, dim=8)
    assert budget.step_seconds(V, negative) == pytest.approx(4e-7 + 2e-9 * 6 * 8, rel=1e-12)
    few = w2v.TrainConfig(objective="negative", negatives=2, dim=3)
    assert budget.step_seconds(V, few) == pytest.approx(4e-7 + 2e-9 * 3 * 3, rel=1e-12)
    assert budget.step_seconds(123, few) == budget.step_seconds(V, few)   # k+1 rows, not V
    softmax = w2v.TrainConfig(dim=8)
    assert budget.step_seconds(1000, softmax) == pytest.approx(2e-9 * 1000 * 12, rel=1e-12)
    assert budget.step_seconds(10, w2v.TrainConfig(dim=1)) == pytest.approx(1e-7, rel=1e-12)


def test_long_intervals_by_hand():
    def long(steps, **changes):
        return budget.long_intervals(V, w2v.TrainConfig(steps=steps, objective="negative",
                                                        **changes))
    # k = 5, d = 8: a step takes 4.96e-7 s, so 0.5 s replays 1,008,064 steps.
    everything = [2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000,
                  200000, 250000, 500000, 1000000]
    assert long(10**7) == everything and all(type(i) is int for i in everything)
    # d = 300: 4e-7 + 2e-9·6·300 = 4e-6 s a step, 0.5 s replays 125,000 steps: up to 100,000.
    assert long(10**7, dim=300) == everything[:8]
    assert long(15000) == [2000, 2500, 5000, 10000]          # the run itself is shorter
    assert long(20000) == [2000, 2500, 5000, 10000, 20000]   # a run of exactly 20,000 steps
    assert long(2000) == [2000]                              # exactly the longest interval
    assert long(2200) == [2000]
    assert long(2499) == [2000]
    assert long(1999) == []
    assert budget.long_intervals(V, w2v.TrainConfig(steps=10**7)) == []   # softmax: none


# --- plans at, below and above the budget -----------------------------------------------------

def test_exactly_the_budget_keeps_the_configured_schedule():
    assert budget.plan(V, config(), FULL) == RecordPlan(200, 10, 1681, FULL, False, None, FULL)


def test_one_byte_under_the_configured_need_records_every_20th():
    plan = budget.plan(V, config(), FULL - 1)
    assert (plan.dense_steps, plan.record_interval, plan.recordings) == (200, 20, 941)
    assert plan.bytes == 941 * PER_RECORDING + PER_RUN == 338_940_000
    assert plan.adapted is True and plan.budget == FULL - 1


def test_exactly_the_budget_of_an_adapted_schedule():
    note = ("Vocabulary 5,000 words × dim 8: recorded every 25th step instead of every 10th "
            "(793 recordings, about 272 MB) to stay within 272 MB per run; the full schedule "
            "would need 577 MB. " + TAIL)
    assert budget.plan(V, config(), AT_25) == RecordPlan(200, 25, 793, AT_25, True, note, AT_25)
    # One byte less: every 50th, 201 + 300 − 4 = 497 recordings.
    sparser = budget.plan(V, config(), AT_25 - 1)
    assert (sparser.record_interval, sparser.recordings) == (50, 497)
    assert sparser.bytes == 497 * PER_RECORDING + PER_RUN


def test_dense_start_halved_until_it_fits():
    # 1,000th steps with dense 100, 50, 25 need 116, 66, 41 recordings; dense 12 needs 28.
    need = 28 * PER_RECORDING + PER_RUN                     # 10,260,000
    note = ("Vocabulary 5,000 words × dim 8: recorded every 1,000th step instead of every 10th "
            "and every step only up to step 12 instead of 200 (28 recordings, about 10 MB) to "
            "stay within 10 MB per run; the full schedule would need 577 MB. " + TAIL)
    assert budget.plan(V, config(), need) == RecordPlan(12, 1000, 28, need, True, note, need)


def test_dense_start_halved_down_to_none():
    need = 16 * PER_RECORDING + PER_RUN                     # 5,940,000; dense 1 needs 17
    plan = budget.plan(V, config(), need)
    assert (plan.dense_steps, plan.record_interval, plan.recordings, plan.bytes) == \
        (0, 1000, 16, need)
    assert "every step only up to step 0 instead of 200 (16 recordings, about 6 MB)" in plan.note


def test_negative_sampling_records_past_1000_steps_without_a_dense_start():
    need = 9 * PER_RECORDING + PER_RUN                      # 3,420,000; dense 0 at 1,000: 16
    note = ("Vocabulary 5,000 words × dim 8: recorded every 2,000th step instead of every 10th "
            "and every step only up to step 0 instead of 200 (9 recordings, about 3 MB) to "
            "stay within 3 MB per run; the full schedule would need 577 MB. " + TAIL)
    plan = budget.plan(V, config(objective="negative"), need)
    assert plan == RecordPlan(0, 2000, 9, need, True, note, need)
    assert plan.schedule(STEPS).tolist() == [0, 2000, 4000, 6000, 8000, 10000, 12000, 14000,
                                             15000]


# --- refusals, quoting the coarsest schedule tried -------------------------------------------

def test_softmax_refused_at_1000th_steps_without_a_dense_start():
    message = ("This run would need 6 MB even when recording only every 1,000th step "
               "(vocabulary 5,000 words × dim 8, 15,000 steps, 16 recordings); the limit is "
               "5 MB per run. " + ADVICE)
    with pytest.raises(budget.RunTooLarge) as refused:
        budget.plan(V, config(), 5 * MB)
    assert str(refused.value) == message
    need = 16 * PER_RECORDING + PER_RUN
    with pytest.raises(budget.RunTooLarge, match="16 recordings"):
        budget.plan(V, config(), need - 1)                  # one byte over


def test_negative_sampling_refused_at_its_longest_interval():
    # The longest interval a 15,000-step run allows is 10,000: 3 recordings, 1,260,000 bytes.
    message = ("This run would need 1 MB even when recording only every 10,000th step "
               "(vocabulary 5,000 words × dim 8, 15,000 steps, 3 recordings); the limit is "
               "1 MB per run. " + ADVICE)
    with pytest.raises(budget.RunTooLarge) as refused:
        budget.plan(V, config(objective="negative"), 1 * MB)
    assert str(refused.value) == message
    fits = budget.plan(V, config(objective="negative"), 3 * PER_RECORDING + PER_RUN)
    assert (fits.dense_steps, fits.record_interval, fits.recordings) == (0, 10000, 3)


@pytest.mark.parametrize("dense_steps", [200, 0])    # 0: nothing left to try at all
def test_refused_when_already_recording_every_1000th(dense_steps):
    # No sparser nice interval to try: the message quotes every 1,000th step from step 0.
    message = ("This run would need 6 MB even when recording only every 1,000th step "
               "(vocabulary 5,000 words × dim 8, 15,000 steps, 16 recordings); the limit is "
               "5 MB per run. " + ADVICE)
    with pytest.raises(budget.RunTooLarge) as refused:
        budget.plan(V, config(record_interval=1000, dense_steps=dense_steps), 5 * MB)
    assert str(refused.value) == message


def test_estimate_follows_the_limit_given():
    # At the limit AT_25 the run records 793 times: W and W′ are 2·793·5,000·8·4 bytes.
    assert budget.estimate_run_bytes(config(), V, AT_25) == 2 * 793 * 5000 * 8 * 4
    assert budget.estimate_run_bytes(config(), V, FULL) == 2 * 1681 * 5000 * 8 * 4


def test_record_interval_1000_still_thins_the_dense_start():
    # 50,000 words: every 1,000th step after a dense start of 200 needs 216 recordings
    # (742 MB) over a 300 MB limit. The largest interval the sidebar offers must still thin
    # the dense start, as record_interval = 999 does (dense 50: 66 recordings, 227 MB),
    # instead of refusing the run.
    plan = budget.plan(50_000, w2v.TrainConfig(record_interval=1000))
    assert (plan.dense_steps, plan.record_interval, plan.recordings) == (50, 1000, 66)
