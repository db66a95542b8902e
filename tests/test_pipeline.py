"""Corpus → pairs → training → recording, on texts small enough to check by hand."""
import threading

import numpy as np
import pytest

import w2v
from w2v.corpus import STOPWORDS, load_corpus, tokenize
from w2v.pairs import generate_pairs
from w2v.training import record_schedule


# ── corpus ────────────────────────────────────────────────────────────────
def test_tokens_stopwords_and_vocab():
    text = "# header comment\nThe king and the queen\nthe queen rules\nking rules queen\n\nthe king"
    c = load_corpus(text, min_count=2)
    assert c.raw == [["the", "king", "and", "the", "queen"], ["the", "queen", "rules"],
                     ["king", "rules", "queen"], ["the", "king"]]
    # "the king" keeps one content word only, so it cannot give a pair and is dropped.
    assert c.cleaned == [["king", "queen"], ["queen", "rules"], ["king", "rules", "queen"]]
    assert c.counts == {"king": 2, "queen": 3, "rules": 2}
    assert c.vocab == ["king", "queen", "rules"]            # alphabetical


def test_min_count_drops_rare_words():
    text = "apple pear\napple pear\napple pear plum"
    assert load_corpus(text, min_count=3).vocab == ["apple", "pear"]
    assert load_corpus(text, min_count=1).vocab == ["apple", "pear", "plum"]


def test_stopword_list_is_the_seeds():
    assert len(STOPWORDS) == 104
    assert {"the", "near", "whom", "between"} <= STOPWORDS and "king" not in STOPWORDS


def test_prose_tokenization():
    text = ("The King's crown—gleaming! Naïve well-known 'quotes'. Über-cool ΑΘΗΝΑ café\n"
            "rock'n'roll don’t -dash- end")
    assert tokenize(text) == [
        ["the", "king's", "crown", "gleaming"],
        ["naïve", "well-known", "quotes"],
        ["über-cool", "αθηνα", "café"],
        ["rock'n'roll", "don't", "dash", "end"],
    ]


def test_curated_style_lines_tokenize_like_split():
    line = "the royal king wears a golden crown"
    assert tokenize(line) == [line.split()]


@pytest.mark.parametrize("text,reason", [
    ("", "empty"),
    ("   \n\t\n", "empty"),
    ("# only a comment\n!!! ...", "no words"),
    ("the and of\nit is to be\n", "stopwords"),
    ("king\nqueen\ncastle\nking\n", "stopwords"),                # one word per line: no pairs
    ("king queen\nprince castle\nhorse dog", "vocabulary of at least 2"),
    ("king queen\nking castle\nking dog", "vocabulary of at least 2"),  # only "king" >= 3
])
def test_corpus_errors(text, reason):
    with pytest.raises(w2v.CorpusError, match=reason):
        load_corpus(text, min_count=3)
    with pytest.raises(w2v.CorpusError):
        w2v.train(text, w2v.TrainConfig(steps=5))


# ── pairs ─────────────────────────────────────────────────────────────────
def test_pairs_with_window_clamped_at_sentence_edges():
    w2i = {"castle": 0, "crown": 1, "king": 2, "queen": 3}
    sentence = ["king", "rare", "queen", "crown", "castle"]     # "rare" is not in the vocab
    pairs = generate_pairs([sentence], w2i, window=2).tolist()
    assert pairs == [
        [2, 3], [2, 1],                 # king:   window clamped on the left
        [3, 2], [3, 1], [3, 0],         # queen
        [1, 2], [1, 3], [1, 0],         # crown
        [0, 3], [0, 1],                 # castle: clamped on the right
    ]
    assert generate_pairs([sentence], w2i, window=1).tolist() == [
        [2, 3], [3, 2], [3, 1], [1, 3], [1, 0], [0, 1]]


def test_pairs_span_sentences_separately():
    w2i = {"a1": 0, "b1": 1}
    assert generate_pairs([["a1", "b1"], ["b1", "a1"]], w2i, 5).tolist() == [
        [0, 1], [1, 0], [1, 0], [0, 1]]


# ── recording schedule ────────────────────────────────────────────────────
def test_schedule_at_defaults_has_the_seeds_1681_steps():
    s = record_schedule(15000, 200, 10)
    assert len(s) == 1681
    assert s[:3].tolist() == [0, 1, 2] and s[200] == 200 and s[201] == 210 and s[-1] == 15000


@pytest.mark.parametrize("total,dense,interval,expected", [
    (5, 200, 10, [0, 1, 2, 3, 4, 5]),                 # dense covers the whole run
    (25, 0, 10, [0, 10, 20, 25]),                     # no dense part; last step added
    (23, 3, 10, [0, 1, 2, 3, 10, 20, 23]),
    (20, 3, 10, [0, 1, 2, 3, 10, 20]),                # last step already on the grid
    (12, 10, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]),  # next grid step after dense
    (4, 0, 1, [0, 1, 2, 3, 4]),
    (1, 0, 7, [0, 1]),
])
def test_schedule_edge_cases(total, dense, interval, expected):
    assert record_schedule(total, dense, interval).tolist() == expected


def test_run_records_the_schedule(small_run):
    assert small_run.steps.tolist() == record_schedule(400, 50, 25).tolist()
    assert small_run.W.shape == (len(small_run.steps), len(small_run.vocab), 8)
    assert small_run.steps_done == len(small_run.losses) == 400


# ── determinism, threads ──────────────────────────────────────────────────
ARRAYS = ("pairs", "centers", "contexts", "losses", "steps", "W", "W_prime")


def assert_same_run(a, b):
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


def test_same_config_and_text_give_identical_runs(text):
    config = w2v.TrainConfig(steps=300, dense_steps=20)
    assert_same_run(w2v.train(text, config), w2v.train(text, config))
    other = w2v.train(text, w2v.TrainConfig(steps=300, dense_steps=20, seed=7))
    assert not np.array_equal(other.W[-1], w2v.train(text, config).W[-1])


def test_two_runs_in_threads_equal_runs_alone(text):
    configs = [w2v.TrainConfig(steps=2000, seed=1), w2v.TrainConfig(steps=2000, seed=2, dim=5)]
    alone = [w2v.train(text, c) for c in configs]
    together = [None, None]
    barrier = threading.Barrier(2)

    def work(i):
        barrier.wait()
        together[i] = w2v.train(text, configs[i])
    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for a, b in zip(alone, together):
        assert_same_run(a, b)


def test_a_shorter_run_is_a_prefix_of_a_longer_one(text, small_run):
    short = w2v.train(text, w2v.TrainConfig(steps=77, dense_steps=77))
    np.testing.assert_array_equal(short.losses, small_run.losses[:77])
    np.testing.assert_array_equal(short.centers, small_run.centers[:77])


# ── divergence ────────────────────────────────────────────────────────────
@pytest.mark.parametrize("lr", [50.0, 1e3, 1e30])
def test_divergence_is_detected_and_the_run_stays_usable(text, lr):
    run = w2v.train(text, w2v.TrainConfig(steps=2000, lr=lr))
    assert run.diverged_at is not None and run.diverged_at <= 2000
    assert run.steps_done == run.diverged_at - 1
    assert np.isfinite(run.losses).all() and len(run.losses) == run.steps_done
    assert run.steps[-1] == run.steps_done
    assert np.isfinite(run.W).all() and np.isfinite(run.W_prime).all()
    last = run.step_state(run.steps_done)
    assert np.isfinite(last.loss) and last.step == run.steps_done
    with pytest.raises(ValueError):
        run.step_state(run.steps_done + 1)
    view = w2v.project(run, "global_pca")          # PCA needs every recorded weight finite
    assert np.isfinite(view.coords).all()


class CountingEngine:
    """A stand-in engine whose weights count the steps run: after step s every entry is s.
    `nan_after`: W′ turns non-finite at that step (the loss still finite); `flag_at`: the
    step it reports as diverged."""

    def __init__(self, nan_after=None, flag_at=None):
        self.nan_after, self.flag_at, self.calls = nan_after, flag_at, []

    def run(self, W, W_prime, centers, contexts, start, stop):
        self.calls.append((start, stop))
        W += stop - start
        W_prime += stop - start
        if self.nan_after is not None and stop >= self.nan_after:
            W_prime[0, 0] = np.inf
        return (stop if stop == self.flag_at else None), 0


@pytest.mark.parametrize("engine,step", [(CountingEngine(), 25),
                                         (CountingEngine(nan_after=23), 22),
                                         (CountingEngine(flag_at=22), 21)],
                         ids=["replayed up to the step before", "W' overflows", "loss diverges"])
def test_last_finite_trims_recordings_and_replays_to_the_last_finite_step(engine, step):
    schedule = np.array([0, 10, 20, 30])
    W_rec = np.stack([np.full((2, 2), s, np.float32) for s in schedule])
    Wp_rec = W_rec.copy()
    Wp_rec[3, 1, 1] = np.nan          # the last recording: W finite, W′ not
    n_rec, last, W, W_prime = w2v.training.last_finite(W_rec, Wp_rec, 4, schedule, None, None,
                                                        26, engine)
    assert (n_rec, last) == (3, step)
    assert W.tolist() == W_prime.tolist() == np.full((2, 2), step).tolist()
    assert engine.calls[0] == (20, 21) and all(b == a + 1 for a, b in engine.calls)
    assert W_rec[2].tolist() == np.full((2, 2), 20).tolist()      # the recording is not touched


def test_divergence_between_recordings_keeps_the_last_finite_weights_as_a_recording(text):
    # Recorded at 0, 1000 and 2000 only: the run diverges long before 1000, so its last finite
    # step is replayed from step 0 and appended as the final recording.
    config = dict(steps=2000, lr=50.0)
    run = w2v.train(text, w2v.TrainConfig(**config, dense_steps=0, record_interval=1000))
    dense = w2v.train(text, w2v.TrainConfig(**config, dense_steps=2000))
    assert run.diverged_at == dense.diverged_at and run.steps_done == run.diverged_at - 1
    assert run.steps.tolist() == [0, run.steps_done] and len(run.W) == len(run.W_prime) == 2
    np.testing.assert_array_equal(run.W[1], dense.W[-1])
    np.testing.assert_array_equal(run.W_prime[1], dense.W_prime[-1])
    np.testing.assert_array_equal(run.W[0], dense.W[0])


# ── replay ────────────────────────────────────────────────────────────────
def test_replayed_step_equals_a_fresh_run(text, small_run):
    step = 77                                   # recorded: ..., 50, 75, 100: 76 is not
    assert 76 not in small_run.steps and 77 not in small_run.steps
    fresh = w2v.train(text, w2v.TrainConfig(steps=step, dense_steps=step))
    a, b = small_run.step_state(step), fresh.step_state(step)
    for field in ("center", "context", "loss", "W", "W_prime", "hidden", "logits",
                  "probabilities", "grad_v_c", "grad_u_o", "attractive_force",
                  "repulsive_force", "cosine_center_context", "context_rank", "context_prob"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field), err_msg=field)
    assert a.loss == pytest.approx(small_run.losses[step - 1], rel=1e-6)
    np.testing.assert_array_equal(a.W, fresh.W[-1])


def test_replay_between_the_first_two_recordings_and_steps_out_of_range(text):
    sparse = w2v.train(text, w2v.TrainConfig(steps=30, dense_steps=0, record_interval=10))
    assert sparse.steps.tolist() == [0, 10, 20, 30]
    dense = w2v.train(text, w2v.TrainConfig(steps=30, dense_steps=30))
    for step in (5, 25):
        W, W_prime = sparse.weights_after(step)
        np.testing.assert_array_equal(W, dense.W[dense.index_of(step)])
        np.testing.assert_array_equal(W_prime, dense.W_prime[dense.index_of(step)])
    with pytest.raises(ValueError, match=r"^step 31 is outside 0\.\.30$"):
        sparse.weights_after(31)
    with pytest.raises(ValueError, match=r"^step 0 is outside 1\.\.30$"):
        sparse.step_state(0)


def test_training_options_progress_and_losses(text):
    reports = []
    run = w2v.train(text, w2v.TrainConfig(steps=1000, min_count=1),
                    progress=lambda done, total: reports.append((done, total)))
    assert run.vocab == load_corpus(text, 1).vocab != load_corpus(text, 3).vocab
    assert run.losses.dtype == np.float32 and run.W.dtype == run.W_prime.dtype == np.float32
    # One report every 1 % of the steps (10 here), and the last one again when done.
    assert reports == [(done, 1000) for done in range(10, 1001, 10)] + [(1000, 1000)]
    reports.clear()
    w2v.train(text, w2v.TrainConfig(steps=50), progress=lambda d, t: reports.append(d))
    assert reports == list(range(1, 51)) + [50]          # under 100 steps: every step


def test_step_state_fields_are_consistent(small_run):
    s = small_run.step_state(3)
    assert s.probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    assert s.context_prob == pytest.approx(s.probabilities[s.context])
    assert s.context_rank == 1 + int((s.probabilities > s.context_prob).sum())
    np.testing.assert_allclose(s.grad_v_c, s.repulsive_force - s.attractive_force, atol=1e-6)
    assert s.loss == pytest.approx(-np.log(s.context_prob), rel=1e-4)


def test_bad_config_values_raise_value_error():
    for bad in (dict(steps=0), dict(dim=0), dict(lr=0.0), dict(lr=-1.0), dict(window=0),
                dict(pca="tsne"), dict(lr=float("nan"))):
        with pytest.raises(ValueError):
            w2v.TrainConfig(**bad)
