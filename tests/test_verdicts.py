"""The reference's "Experiments to try", judged by a sweep's runs (w2v/verdicts.py), and the
sweep chart that draws diverged and nested runs readably (views/experiments, charts/analysis).

Each verdict is checked on a sweep where the reference's claim holds and one where it does not.
"""
import numpy as np

from charts import analysis as ac
from views import experiments as experiments_views
from w2v import verdicts as vd

CHANCE = 4.8


def _row(value, final_loss=3.0, diverged_at=None, nq=0.5, aa=0.5, pairs=100):
    return {"value": value, "final_loss": final_loss, "diverged_at": diverged_at,
            "neighbour_quality": nq, "analogy_accuracy": aa, "chance_loss": CHANCE,
            "pairs": pairs, "status": "trained" if diverged_at is None else
            f"diverged at step {diverged_at:,}"}


def _by_claim(findings, start):
    return next(f for f in findings if f.claim and f.claim.startswith(start))


def test_lr_none_diverged_says_so_and_offers_larger_rates():
    rows = [_row(0.01, 4.44), _row(0.1, 2.74, nq=0.98), _row(0.5, 3.60, nq=0.92)]
    findings = vd.lr_findings(rows)
    high = _by_claim(findings, "Too high")
    assert high.holds is False and "None of the 3 runs diverged" in high.evidence
    assert "4.44 / 2.74 / 3.60" in high.evidence
    low = _by_claim(findings, "Too low")
    # 4.8 − 4.44 = 0.36 of the best's 4.8 − 2.74 = 2.06: 17% of the progress
    assert low.holds is True and "17%" in low.evidence
    assert _by_claim(findings, "0.1 is the sweet spot").holds is True
    assert vd.lr_follow_up(rows) == (0.5, 1.0, 2.0, 5.0, 50.0)


def test_lr_divergence_found_holds_and_says_where_it_begins():
    rows = [_row(0.5, 3.6), _row(1.0, 1e37, 9612), _row(2.0, 1e35, 515), _row(50.0, 1e30, 95)]
    high = _by_claim(vd.lr_findings(rows), "Too high")
    assert high.holds is True
    assert "lr 2 diverged at step 515" in high.evidence
    assert "between lr 0.5 (trained to the end) and lr 1" in high.evidence
    assert "the larger the rate, the sooner" in high.evidence
    assert vd.lr_follow_up(rows) == ()


def test_a_run_that_blows_up_long_before_its_loss_is_nan_says_both():
    losses = np.concatenate([np.full(300, 4.0), np.geomspace(5, 1e30, 700)])
    early = vd.blows_up_at(losses, CHANCE)
    level = np.convolve(losses, np.ones(200) / 200, "valid")
    assert level[early - 200] > 2 * CHANCE >= level[early - 201]
    rows = [_row(0.5, 3.6), dict(_row(1.0, 1e30, 1001), blows_up_at=early)]
    high = _by_claim(vd.lr_findings(rows), "Too high")
    assert f"lr 1 diverged at step 1,001 (its loss passed twice ln V at step {early:,})" \
        in high.evidence
    rows = [_row(0.5, 3.6), dict(_row(1.0, 1e30, 1001), blows_up_at=1000)]
    assert "passed twice" not in _by_claim(vd.lr_findings(rows), "Too high").evidence


def test_lr_sweet_spot_and_slow_learning_can_fail():
    rows = [_row(0.01, 2.9), _row(0.1, 3.0), _row(0.5, 2.5)]
    findings = vd.lr_findings(rows)
    assert _by_claim(findings, "0.1 is the sweet spot").holds is False
    assert "lr 0.5's (2.50)" in _by_claim(findings, "0.1 is the sweet spot").evidence
    assert _by_claim(findings, "Too low").holds is False        # 0.01 made 83% of the progress


def test_dim_holds_with_numbers_and_fails_when_16_is_worse():
    good = vd.dim_findings([_row(4, 3.04, nq=0.93, aa=0.37), _row(8, 2.74, nq=0.98, aa=0.9),
                            _row(16, 2.56, nq=1.0, aa=1.0)])
    assert len(good) == 1 and good[0].holds is True
    assert "3.04 / 2.74 / 2.56" in good[0].evidence and "37% / 90% / 100%" in good[0].evidence
    bad = vd.dim_findings([_row(4, 2.5, nq=0.9), _row(16, 2.6, nq=0.8)])
    assert bad[0].holds is False


def _decay(n, knee, seed=0):
    """A loss that falls from 5 towards 2.5 with time constant `knee`, plus noise."""
    steps = np.arange(1, n + 1)
    noise = np.random.default_rng(seed).normal(0, 0.3, n)
    return 2.5 + 2.5 * np.exp(-steps / knee) + noise


def test_flattening_step_is_where_ninety_percent_of_the_fall_is_done():
    losses = np.concatenate([np.full(1000, 5.0), np.full(2000, 3.0), np.full(3000, 1.0)])
    # The 1,000-step level falls from 5 (step 1,000) to 1 (the end); 90% of that fall leaves
    # it at 1.4. After step 3,000 the level is (3·(4000 − s) + 1·(s − 3000)) / 1000, which
    # reaches 1.4 at s = 3,800.
    assert vd.flattens_at(losses) == 3800
    assert vd.flattens_at(np.full(5000, 3.0)) is None          # no fall, no flattening


def test_steps_shared_prefix_and_plateau_verdicts():
    long = _decay(25000, 3000)
    runs = [long[:5000], long[:15000], long]
    rows = [_row(5000, aa=0.4), _row(15000, aa=0.9), _row(25000, aa=1.0)]
    findings = vd.steps_findings(rows, runs)
    note = findings[0]
    assert note.claim is None and note.mark == "Note" and "exact prefixes" in note.evidence
    plateau = _by_claim(findings, "The loss drops fast")
    flat = vd.flattens_at(long)
    assert flat > 5000 and plateau.holds is False and f"by step {flat:,}" in plateau.evidence
    assert "still falling" in plateau.evidence
    assert _by_claim(findings, "More steps").holds is True
    # A loss that flattens early: the claim holds; different seeds share no prefix.
    fast = _decay(25000, 500, seed=1)
    other = [_decay(5000, 500, seed=2), _decay(15000, 500, seed=3), fast]
    findings = vd.steps_findings([_row(5000, aa=0.9), _row(15000, aa=0.8), _row(25000, aa=0.9)],
                                 other)
    assert not any(f.claim is None for f in findings)
    assert _by_claim(findings, "The loss drops fast").holds is True
    assert _by_claim(findings, "More steps").holds is False


def test_window_verdict_gives_the_pair_counts_and_why_it_cannot_be_tested():
    rows = [_row(2, pairs=2660), _row(3, pairs=2810), _row(5, pairs=2832)]
    lengths = [2] * 400 + [3] * 50 + [4] * 50 + [5] * 10
    finding = vd.window_findings(rows, lengths)[0]
    assert finding.holds is None and finding.mark == "Cannot be tested here"
    assert "2,660 / 2,810 / 2,832" in finding.evidence
    assert "window 2 / 3 / 5: 60 / 10 / 0" in finding.evidence     # sentences beyond reach
    assert "no word-type groups" in finding.evidence
    assert "no word-type" not in vd.window_findings(rows, lengths, has_word_types=True)[0].evidence


def test_judge_on_real_runs(small_run):
    rows = [{"value": small_run.config.lr, "final_loss": 3.0, "diverged_at": None,
             "neighbour_quality": None, "analogy_accuracy": None, "chance_loss": 3.5,
             "pairs": len(small_run.pairs), "status": "trained"}]
    assert vd.judge("seed", rows, [small_run]) == []
    window = vd.judge("window", rows + [dict(rows[0], value=9)], [small_run, small_run])
    assert window and f"{len(small_run.pairs):,}" in window[0].evidence


def test_sweep_chart_staggers_divergence_labels_and_marks_run_ends():
    steps = np.arange(1, 101)
    curves = [("0.5", steps, np.linspace(4.8, 3.6, 100), "trained"),
              ("2", steps[:10], np.geomspace(4.8, 1e30, 10), "diverged at step 11"),
              ("5", steps[:8], np.geomspace(4.8, 1e30, 8), "diverged at step 9")]
    frame = experiments_views.sweep_loss_frame(curves)
    domain = experiments_views.loss_domain(frame, CHANCE)
    cut, exits = experiments_views.clip_curves(frame, domain, "lr")
    assert cut["loss"].max() <= domain[1]
    assert len(exits) == 2 and exits["label_y"].nunique() == 2      # one row per label
    assert abs(exits["label_y"].diff().iloc[1]) >= 0.07 * (domain[1] - domain[0])
    ac.sweep_loss_chart(frame, "lr", ["0.5", "2", "5"], CHANCE).to_dict()
    # An early wobble above the top (near ln V) is not where a run diverges.
    wobbly = experiments_views.sweep_loss_frame([
        ("0.5", steps[:5], np.array([4.8, 4.0, 3.8, 3.7, 3.6]), "trained"),
        ("1", steps[:5], np.array([4.8, 6.0, 4.0, 4.1, 1e30]), "diverged at step 6")])
    _, exits = experiments_views.clip_curves(
        wobbly, experiments_views.loss_domain(wobbly, CHANCE), "lr")
    assert list(exits["step"]) == [5]
    nested = experiments_views.sweep_loss_frame([
        ("5,000", steps[:50], np.linspace(5, 3, 50), "trained"),
        ("10,000", steps, np.linspace(5, 2, 100), "trained")])
    ends = experiments_views.run_ends(nested)
    assert list(ends["step"]) == [50, 100] and list(ends["label"]) == ["5,000 ends", "10,000 ends"]
    spec = ac.sweep_loss_chart(nested, "steps", ["5,000", "10,000"], CHANCE).to_dict()
    widths = [layer["mark"].get("strokeWidth") for layer in spec["layer"]
              if layer["mark"]["type"] == "line"]
    assert widths[0] > widths[1]                     # the longest run underneath, widest
