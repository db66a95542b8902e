"""What the Experiments page states about the reference's claims (w2v/verdicts.py), pinned on
hand-built summary rows and loss arrays small enough to reason about: each finding's verdict,
its numbers and its whole sentence, and every threshold at, just below and just above its limit.
"""
from types import SimpleNamespace

import numpy as np

from w2v import experiments as ex
from w2v import verdicts as vd
from w2v.verdicts import Finding

CHANCE = 4.8


def _row(value, final_loss=3.0, diverged_at=None, nq=0.5, aa=0.5, pairs=100, chance=CHANCE):
    return {"value": value, "final_loss": final_loss, "diverged_at": diverged_at,
            "neighbour_quality": nq, "analogy_accuracy": aa, "chance_loss": chance,
            "pairs": pairs, "status": ex.status(diverged_at)}


def _claims(findings):
    return [f.claim for f in findings]


# -- formats -----------------------------------------------------------------------------------
def test_a_loss_shows_two_decimals_below_ten_thousand_and_a_power_of_ten_from_there():
    assert vd._loss(9999.994) == "9999.99"
    assert vd._loss(1e4) == "1.0e+04"
    assert vd._loss(10000.5) == "1.0e+04"
    assert vd._loss(-2e4) == "-2.0e+04"


def test_a_failed_jobs_row_never_counts_as_trained():
    job = SimpleNamespace(error=RuntimeError("refused"), run=None,
                          config=SimpleNamespace(lr=2.0), seconds=0.0)
    failed = ex.job_row(job, None, "lr")
    assert failed["status"].startswith("failed") and failed["final_loss"] is None
    assert vd._trained([failed, _row(0.5), _row(1.0, 1e30, diverged_at=9)]) == [_row(0.5)]


# -- learning rate -----------------------------------------------------------------------------
def test_lr_sweep_without_divergence_every_sentence():
    rows = [_row(0.5, 3.3, nq=0.85), _row(0.05, 4.3, nq=0.4), _row(0.1, 2.8, nq=0.9)]
    assert vd.lr_findings(rows) == [
        Finding("Too high a rate diverges (lr 0.5)", False,
                "None of the 3 runs diverged; final losses lr 0.05 / 0.1 / 0.5: "
                "4.30 / 2.80 / 3.30. The largest rate trains, it only ends higher than the best."),
        Finding("Too low a rate barely learns (lr 0.05)", True,
                "lr 0.05 ends at loss 4.30, 0.50 below random guessing (ln V = 4.80); lr 0.1 gets "
                "2.00 below it: the small rate made 25% of that progress."),
        Finding("0.1 is the sweet spot", True,
                "The lowest final loss is lr 0.1's (2.80); neighbour quality is "
                "lr 0.05 / 0.1 / 0.5: 40% / 90% / 85%.")]


def test_lr_sweep_with_divergence_every_sentence():
    rows = [_row(0.1, 2.8, nq=0.9), _row(0.7, 3.5, nq=0.6),
            dict(_row(1.5, 1e37, 9612, nq=None), blows_up_at=4000),
            dict(_row(2.5, 1e35, 515, nq=None), blows_up_at=None)]
    # The smallest rate is the best one: nothing to say about a rate too low.
    assert vd.lr_findings(rows) == [
        Finding("Too high a rate diverges (lr 2.5)", True,
                "lr 1.5 diverged at step 9,612 (its loss passed twice ln V at step 4,000); "
                "lr 2.5 diverged at step 515. Divergence begins between lr 0.7 (trained to the "
                "end) and lr 1.5; the larger the rate, the sooner it breaks."),
        Finding("0.1 is the sweet spot", True,
                "The lowest final loss is lr 0.1's (2.80); neighbour quality is "
                "lr 0.1 / 0.7 / 1.5 / 2.5: 90% / 60% / – / –.")]


def test_lr_where_divergence_begins_only_above_the_largest_rate_that_trained():
    # A small rate diverged while a larger one trained: no "begins between", no order.
    rows = [_row(0.5, 1e30, 100), _row(1.5, 3.0)]
    assert vd.lr_findings(rows) == [
        Finding("Too high a rate diverges (lr 1.5)", False, "lr 0.5 diverged at step 100.")]
    # Every rate diverged: nothing trained to the end, the larger broke sooner.
    rows = [_row(1.5, 1e30, 900), _row(2.5, 1e30, 300)]
    assert vd.lr_findings(rows) == [
        Finding("Too high a rate diverges (lr 2.5)", True,
                "lr 1.5 diverged at step 900; lr 2.5 diverged at step 300; the larger the rate, "
                "the sooner it breaks.")]
    # The larger broke later: no claim about the order.
    rows = [_row(1.5, 1e30, 300), _row(2.5, 1e30, 900)]
    assert vd.lr_findings(rows)[0].evidence == \
        "lr 1.5 diverged at step 300; lr 2.5 diverged at step 900."


def test_lr_the_early_blow_up_is_told_only_before_nine_tenths_of_the_divergence_step():
    def evidence(early):
        rows = [_row(0.5, 3.0), dict(_row(1.5, 1e30, 1000), blows_up_at=early)]
        return vd.lr_findings(rows)[0].evidence

    tail = ". Divergence begins between lr 0.5 (trained to the end) and lr 1.5."
    assert evidence(900) == "lr 1.5 diverged at step 1,000" + tail           # 0.9 · 1,000
    assert evidence(899) == ("lr 1.5 diverged at step 1,000 (its loss passed twice ln V at "
                             "step 899)" + tail)
    assert evidence(None) == "lr 1.5 diverged at step 1,000" + tail


def _too_low(chance, low_loss, best_loss):
    rows = [_row(0.05, low_loss, chance=chance), _row(0.2, best_loss, chance=chance)]
    return [f for f in vd.lr_findings(rows) if f.claim.startswith("Too low")]


def test_lr_too_low_with_two_trained_runs_and_a_fall_smaller_than_one():
    # 0.20 of the best's 0.50 below ln V: 40% (a floor of 1 on the divisor would say 20%).
    assert _too_low(4.8, 4.6, 4.3) == [Finding(
        "Too low a rate barely learns (lr 0.05)", True,
        "lr 0.05 ends at loss 4.60, 0.20 below random guessing (ln V = 4.80); lr 0.2 gets 0.50 "
        "below it: the small rate made 40% of that progress.")]


def test_lr_too_low_holds_below_half_of_the_best_runs_progress():
    assert [f.holds for f in _too_low(5.0, 4.0, 3.0)] == [False]          # exactly half
    assert [f.holds for f in _too_low(5.0, 4.0, 2.998)] == [True]         # just below half
    assert [f.holds for f in _too_low(5.0, 3.998, 3.0)] == [False]        # just above half
    # Above ln V: no progress at all, said as 0%.
    low = _too_low(4.8, 5.0, 3.0)[0]
    assert low.holds is True and low.evidence.endswith("made 0% of that progress.")
    # The smallest rate is the best: no claim; no ln V to measure from: no claim either.
    assert _too_low(4.8, 3.0, 4.0) == []
    assert _too_low(None, 4.3, 3.0) == []


def test_lr_no_sweet_spot_claim_without_a_run_at_0_1():
    findings = vd.lr_findings([_row(0.05, 4.3), _row(0.5, 3.0), _row(0.7, 3.2)])
    assert _claims(findings) == ["Too high a rate diverges (lr 0.7)",
                                 "Too low a rate barely learns (lr 0.05)"]
    # 0.1 ran but diverged, and nothing trained: no sweet spot either.
    findings = vd.lr_findings([_row(0.1, 1e30, 50), _row(0.5, 1e30, 10)])
    assert _claims(findings) == ["Too high a rate diverges (lr 0.5)"]


def test_lr_follow_up_starts_at_the_largest_rate_without_repeating_it():
    assert vd.lr_follow_up([_row(0.5), _row(1.0)]) == (1.0, 2.0, 5.0, 50.0)
    assert vd.lr_follow_up([_row(0.5), _row(5.0)]) == (5.0, 50.0)
    assert vd.lr_follow_up([]) == ()


def test_blows_up_at_the_first_200_step_mean_above_twice_ln_v():
    # 1.5 after 300 zeros: the mean of 200 steps holding n of them is 1.5·n/200, above 2·0.5
    # once n = 134 (1.005; n = 133 gives 0.9975), the 434th step.
    assert vd.blows_up_at(np.r_[np.zeros(300), np.full(300, 1.5)], 0.5) == 434
    assert vd.blows_up_at(np.full(500, 5.0), 2.5) is None        # at twice ln V, not above
    assert vd.blows_up_at(np.full(500, 5.0), 2.499) == 1
    # A loss that stops being a number is off the chart from that step.
    assert vd.blows_up_at(np.r_[np.full(300, 4.0), np.full(10, np.nan)], CHANCE) == 301


# -- dimension ---------------------------------------------------------------------------------
def test_dim_every_sentence_with_a_missing_score():
    rows = [_row(8, 2.74, nq=0.98, aa=0.9), _row(16, 2.56, nq=1.0, aa=1.0),
            _row(4, 3.04, nq=0.5, aa=None), _row(32, None, 50, nq=None, aa=None)]
    assert vd.dim_findings(rows) == [Finding(
        "dim 4 struggles, dim 16 does better", True,
        "Final loss dim 4 / 8 / 16: 3.04 / 2.74 / 2.56; neighbour quality dim 4 / 8 / 16: "
        "50% / 98% / 100%; analogy accuracy dim 4 / 8 / 16: – / 90% / 100%.")]
    rows = [_row(4, 3.0, nq=None, aa=None), _row(16, 2.5, nq=None, aa=None)]
    assert vd.dim_findings(rows) == [Finding(
        "dim 4 struggles, dim 16 does better", True, "Final loss dim 4 / 16: 3.00 / 2.50.")]
    assert vd.dim_findings([_row(4), _row(16, None, 50)]) == []


def _dim_holds(small, large):
    rows = [_row(dim, loss, nq=nq, aa=aa) for dim, (loss, nq, aa) in ((4, small), (16, large))]
    return vd.dim_findings(rows)[0].holds


def test_dim_holds_only_with_a_lower_loss_and_no_worse_scores():
    # (final loss, neighbour quality, analogy accuracy) of dim 4, then of dim 16
    assert _dim_holds((3.0, 0.9, 0.5), (2.5, 0.9, 0.5)) is True          # equal scores
    assert _dim_holds((3.0, 0.9, 0.5), (2.5, 0.8, 0.6)) is False         # neighbours worse
    assert _dim_holds((3.0, 0.9, 0.5), (2.5, 0.95, 0.4)) is False        # analogies worse
    assert _dim_holds((3.0, 0.9, 0.5), (3.0, 0.95, 0.6)) is False        # the same loss
    assert _dim_holds((3.0, 0.9, 0.5), (3.1, 0.95, 0.6)) is False        # a higher loss
    assert _dim_holds((3.0, None, 0.5), (2.5, 0.8, 0.6)) is True         # nothing to compare
    assert _dim_holds((3.0, 0.9, 0.5), (2.5, None, 0.6)) is True


# -- steps -------------------------------------------------------------------------------------
def _steps_losses():
    """45 for 1,000 steps, 25 for 2,000, then 5; the 1,000th and the last step 7 higher.

    The mean of 1,000 steps is 45.007 at step 1,000 and 5.007 at the end; at a step s in
    (3,000, 4,000] it is (25·(4,000 − s) + 5·(s − 3,000)) / 1,000 = 85 − 0.02·s, within 10% of
    the fall (9.007) from s = 3,800 (9.00; 9.02 at 3,799)."""
    losses = np.concatenate([np.full(1000, 45.0), np.full(2000, 25.0), np.full(3000, 5.0)])
    losses[999] += 7
    losses[-1] += 7
    return losses


def test_steps_every_sentence_when_the_loss_flattens_at_the_shortest_run():
    long = _steps_losses()
    assert vd.flattens_at(long) == 3800
    rows = [_row(6000, 5.01, aa=0.6), _row(3800, 9.1, aa=0.4), _row(5000, 5.2, aa=0.5)]
    assert vd.steps_findings(rows, [long, long[:3800], long[:5000]]) == [
        Finding(None, None,
                "Same seed, same pairs: the 3,800 / 5,000-step runs are exact prefixes of the "
                "6,000-step run (their losses agree step for step), so their curves lie on the "
                "longest one; the chart marks where each ends."),
        Finding("The loss drops fast in the first 3,800 steps, then plateaus", True,
                "In the 6,000-step run the mean loss of 1,000 steps falls from 45.01 to 5.01; "
                "90% of that fall is done by step 3,800."),
        Finding("More steps give better analogies", True,
                "Analogy accuracy steps 3,800 / 5,000 / 6,000: 40% / 50% / 60%; final loss "
                "(last 1,000 steps) steps 3,800 / 5,000 / 6,000: 9.10 / 5.20 / 5.01.")]


def test_steps_a_shortest_run_one_step_before_the_flattening_is_still_falling():
    long = _steps_losses()
    rows = [_row(3799, 9.1, aa=None), _row(6000, 5.01, aa=0.6)]
    assert vd.steps_findings(rows, [long[:3799], long]) == [
        Finding(None, None,
                "Same seed, same pairs: the 3,799-step runs are exact prefixes of the "
                "6,000-step run (their losses agree step for step), so their curves lie on the "
                "longest one; the chart marks where each ends."),
        Finding("The loss drops fast in the first 3,799 steps, then plateaus", False,
                "In the 6,000-step run the mean loss of 1,000 steps falls from 45.01 to 5.01; "
                "90% of that fall is done by step 3,800, so at step 3,799 it is still falling "
                "(9.02).")]
    assert vd.steps_findings(rows[:1], [long[:3799]]) == []


def _more_steps_holds(accuracies):
    rows = [_row(1000 * (i + 1), aa=a) for i, a in enumerate(accuracies)]
    runs = [np.full(1000 * (i + 1), 3.0 + i) for i in range(len(rows))]     # no shared prefix
    [finding] = vd.steps_findings(rows, runs)
    return finding.holds


def test_more_steps_better_analogies_never_worse_and_better_at_the_end():
    assert _more_steps_holds([0.4, 0.4, 0.6]) is True
    assert _more_steps_holds([0.4, 0.6, 0.6]) is True
    assert _more_steps_holds([0.4, 0.3, 0.6]) is False
    assert _more_steps_holds([0.5, 0.5, 0.5]) is False
    assert _more_steps_holds([0.5, 0.5]) is False
    assert _more_steps_holds([0.5, 0.6]) is True


def test_flattening_needs_two_windows_of_finite_losses_and_a_fall():
    # 5 for 1,000 steps, then 4.5 (the last step 4.8): the level falls from 5 to 4.5003;
    # 90% of it is done when (5,500 − 0.5·s) / 1,000 ≤ 4.55027, at s = 1,900.
    losses = np.r_[np.full(1000, 5.0), np.full(1000, 4.5)]
    losses[-1] = 4.8
    assert vd.flattens_at(losses) == 1900
    assert vd.flattens_at(losses[:-1]) is None                       # 1,999 steps
    losses[5] = np.nan
    assert vd.flattens_at(losses) is None
    assert vd.flattens_at(np.r_[np.full(1000, 4.0), np.full(1000, 5.0)]) is None   # a rise


def test_flattening_measures_from_the_last_steps_level():
    # 5 then 1, the last step 501: the end level is 1.5, the fall 3.5; (9,000 − 4·s) / 1,000
    # reaches 1.85 at s = 1,787.5. Measured to the level one step earlier (1.004) it would
    # be step 1,900.
    losses = np.r_[np.full(1000, 5.0), np.full(1000, 1.0)]
    losses[-1] = 501
    assert vd.flattens_at(losses) == 1788


def test_a_run_with_nan_losses_is_still_a_prefix_of_the_longer_one():
    assert vd.shares_prefix([np.array([1.0, np.nan]), np.array([1.0, np.nan, 2.0])])
    assert not vd.shares_prefix([np.array([1.0, 2.0]), np.array([1.0, 3.0, 4.0])])


# -- window ------------------------------------------------------------------------------------
def test_window_every_sentence_with_and_without_word_type_groups():
    rows = [_row(5, pairs=2832), _row(2, pairs=2660), _row(3, pairs=2810)]
    lengths = [2] * 400 + [3] * 50 + [4] * 50 + [5] * 10        # 1,200 words in 510 sentences
    common = ("its 510 training sentences keep 2.4 vocabulary words on average (the longest 5), "
              "and a window of w already reaches every word of a sentence of up to w + 1 words. "
              "Only the longer sentences (window 2 / 3 / 5: 60 / 10 / 0) can tell windows "
              "apart, so the windows see nearly the same pairs (window 2 / 3 / 5: "
              "2,660 / 2,810 / 2,832)")
    claim = "A larger window gives topical neighbours, a smaller one word-type neighbours"
    assert vd.window_findings(rows, lengths) == [Finding(
        claim, None, "This corpus cannot show it: " + common + "; and the corpus's sets have no "
        "word-type groups to score 'syntactic' neighbours against, only topic groups.")]
    assert vd.window_findings(rows, lengths, has_word_types=True) == [Finding(
        claim, None, "This corpus cannot show it: " + common + ".")]
    assert vd.window_findings(rows[:1], lengths) == []
    assert vd.window_findings(rows, []) == []


def _corpus(cleaned, vocab):
    return SimpleNamespace(cleaned=cleaned, in_vocab=lambda s: [w for w in s if w in vocab])


def test_sentence_lengths_count_vocabulary_words_of_sentences_with_two_or_more():
    corpus = _corpus([["a", "b"], ["a", "x"], ["a", "b", "c"], ["c", "y", "a"]], {"a", "b", "c"})
    assert vd.sentence_lengths(corpus) == [2, 3, 2]


# -- judge: which claims a sweep gets, from its rows and runs -------------------------------------
def _run(losses, objective="softmax", corpus=None):
    return SimpleNamespace(config=SimpleNamespace(objective=objective),
                           losses=np.asarray(losses, dtype=np.float64), corpus=corpus)


def _lr_sweep(objective):
    # The diverged run's 200-step mean passes 2·4.8 once 71 of its 20s are in it: step 371.
    blown = np.r_[np.full(300, 4.0), np.full(700, 20.0), [np.nan]]
    rows = [_row(0.05, 4.3), _row(0.5, 3.6), _row(1.5, 1e30, 1001)]
    runs = [_run(np.full(1000, 4.3), objective), _run(np.full(1000, 3.6), objective),
            _run(blown, objective)]
    return rows, runs


def test_judge_lr_with_softmax_measures_against_ln_v():
    rows, runs = _lr_sweep("softmax")
    assert vd.judge("lr", rows, runs) == [
        Finding("Too high a rate diverges (lr 1.5)", True,
                "lr 1.5 diverged at step 1,001 (its loss passed twice ln V at step 371). "
                "Divergence begins between lr 0.5 (trained to the end) and lr 1.5."),
        Finding("Too low a rate barely learns (lr 0.05)", True,
                "lr 0.05 ends at loss 4.30, 0.50 below random guessing (ln V = 4.80); lr 0.5 "
                "gets 1.20 below it: the small rate made 42% of that progress.")]


def test_judge_lr_with_negative_sampling_has_no_ln_v_to_measure_from():
    rows, runs = _lr_sweep("negative")
    assert vd.judge("lr", rows, runs) == [
        Finding("Too high a rate diverges (lr 1.5)", True,
                "lr 1.5 diverged at step 1,001. Divergence begins between lr 0.5 (trained to "
                "the end) and lr 1.5.")]


def test_judge_dim_and_steps_skip_the_runs_that_failed():
    rows = [_row(4, 3.0, nq=0.8), _row(16, 2.5, nq=0.9)]
    runs = [_run(np.full(100, 3.0)), _run(np.full(100, 2.5))]
    assert vd.judge("dim", rows, runs) == [Finding(
        "dim 4 struggles, dim 16 does better", True,
        "Final loss dim 4 / 16: 3.00 / 2.50; neighbour quality dim 4 / 16: 80% / 90%; "
        "analogy accuracy dim 4 / 16: 50% / 50%.")]
    long = _steps_losses()
    failed = dict(_row(5000, None), status="failed: refused")
    rows = [_row(3800, 9.1, aa=0.4), failed, _row(6000, 5.01, aa=0.6)]
    for objective in ("softmax", "negative"):
        runs = [_run(long[:3800], objective), None, _run(long, objective)]
        assert vd.judge("steps", rows, runs) == vd.steps_findings(
            [rows[0], rows[2]], [long[:3800], long])
    assert len(vd.judge("steps", rows, runs)) == 3


def test_judge_window_reads_the_corpus_and_its_word_type_groups():
    corpus = _corpus([["a", "b"], ["a", "b", "c", "a"]], {"a", "b", "c"})
    rows = [_row(2, pairs=10), _row(3, pairs=12)]
    runs = [_run(np.full(10, 3.0), corpus=corpus), _run(np.full(10, 3.0), corpus=corpus)]
    expected = vd.window_findings(rows, [2, 4])
    assert "no word-type groups" in expected[0].evidence
    assert vd.judge("window", rows, runs) == expected
    assert vd.judge("window", rows, runs, {"word_types": {"verbs": ["a", "b"]}}) == \
        vd.window_findings(rows, [2, 4], has_word_types=True)
    assert vd.judge("window", rows, runs, {"word_types": {}}) == expected
    assert vd.judge("window", rows, [runs[0], None]) == []          # one run left: no sweep
    assert vd.judge("seed", rows, runs) == []                        # the reference is silent
