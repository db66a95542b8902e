"""The compiled engine against the readable NumPy steps, and the default run against its record."""
from pathlib import Path

import numpy as np
import pytest

import w2v
from w2v.config import TrainConfig
from w2v.engine import Engine

REPO = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).with_name("data") / "default_run_reference.npz"


def random_case(V=40, d=6, steps=600, seed=0):
    rng = np.random.default_rng(seed)
    W = rng.uniform(-0.5, 0.5, (V, d)).astype(np.float32)
    W_prime = rng.uniform(-0.5, 0.5, (V, d)).astype(np.float32)
    centers = rng.integers(0, V, steps).astype(np.int32)
    contexts = rng.integers(0, V, steps).astype(np.int32)
    counts = rng.integers(1, 200, V)
    return W, W_prime, centers, contexts, counts


@pytest.mark.parametrize("objective", ["softmax", "negative"])
@pytest.mark.parametrize("schedule", ["constant", "linear"])
def test_kernel_equals_the_numpy_reference(objective, schedule):
    W, W_prime, centers, contexts, counts = random_case()
    config = TrainConfig(objective=objective, lr_schedule=schedule, steps=600, lr=0.3, negatives=7)
    engine = Engine.for_run(config, counts)
    Wk, Wpk = W.copy(), W_prime.copy()
    losses = np.empty(600, np.float32)
    assert engine.run(Wk, Wpk, centers, contexts, 0, 600, losses) == (None, 0)
    ref_losses = engine.reference_run(W, W_prime, centers, contexts, 0, 600)
    np.testing.assert_allclose(losses, ref_losses, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(Wk, W, atol=1e-5)
    np.testing.assert_allclose(Wpk, W_prime, atol=1e-5)
    assert not np.array_equal(Wk, random_case()[0])           # the run did move the weights


@pytest.mark.parametrize("objective", ["softmax", "negative"])
def test_reference_run_from_a_later_step_and_the_noise_words_of_softmax(objective):
    W, W_prime, centers, contexts, counts = random_case(steps=30)
    engine = Engine.for_run(TrainConfig(objective=objective, steps=30, lr=0.3), counts)
    Wk, Wpk = W.copy(), W_prime.copy()
    losses = np.empty(30, np.float32)
    engine.run(Wk, Wpk, centers, contexts, 0, 30, losses)
    engine.reference_run(W, W_prime, centers, contexts, 0, 20)
    later = engine.reference_run(W, W_prime, centers, contexts, 20, 30)   # steps 21 … 30
    assert later.dtype == np.float64 and later.shape == (10,)
    np.testing.assert_allclose(later, losses[20:], rtol=1e-5)
    noise = engine.negatives(7)
    if objective == "softmax":
        assert noise.dtype == np.int32 and noise.shape == (0,)
    else:
        assert noise.dtype == np.int32 and noise.shape == (5,)


def test_kernel_records_the_scheduled_steps():
    W, W_prime, centers, contexts, counts = random_case(steps=50)
    engine = Engine.for_run(TrainConfig(objective="negative", steps=50), counts)
    at = np.array([0, 3, 17, 50])
    W_rec, Wp_rec = np.zeros((4,) + W.shape, np.float32), np.zeros((4,) + W.shape, np.float32)
    Wa, Wpa = W.copy(), W_prime.copy()
    _, n_rec = engine.run(Wa, Wpa, centers, contexts, 0, 20, None, at, W_rec, Wp_rec, 1)
    _, n_rec = engine.run(Wa, Wpa, centers, contexts, 20, 50, None, at, W_rec, Wp_rec, n_rec)
    assert n_rec == 4
    for i, step in enumerate(at[1:], start=1):
        Wb, Wpb = W.copy(), W_prime.copy()
        engine.run(Wb, Wpb, centers, contexts, 0, int(step))
        np.testing.assert_array_equal(W_rec[i], Wb)
        np.testing.assert_array_equal(Wp_rec[i], Wpb)


def test_default_run_matches_its_stored_reference():
    """The seed's default run on corpus.txt, as recorded with the NumPy loop before the engine.

    Same pairs in the same order, and the same losses and weights to float32 rounding (the
    compiled exponentials and sums round differently from NumPy's, so not bit for bit).
    """
    ref = np.load(REFERENCE)
    run = w2v.train((REPO / "corpus.txt").read_text(encoding="utf-8"), TrainConfig())
    np.testing.assert_array_equal(run.centers, ref["centers"])
    np.testing.assert_array_equal(run.contexts, ref["contexts"])
    np.testing.assert_allclose(run.losses, ref["losses"], atol=2e-5)
    np.testing.assert_allclose(run.W[run.index_of(100)], ref["W_100"], atol=1e-6)
    np.testing.assert_allclose(run.W[-1], ref["W"], atol=2e-5)
    np.testing.assert_allclose(run.W_prime[-1], ref["W_prime"], atol=2e-5)


@pytest.mark.parametrize("lr", [1e3, 1e30])
def test_negative_run_divergence_keeps_the_last_finite_weights(text, lr):
    run = w2v.train(text, TrainConfig(objective="negative", steps=3000, lr=lr))
    assert run.diverged_at is not None and run.steps_done == run.diverged_at - 1
    assert run.steps_done == run.diverged_at - 1 and run.steps[-1] == run.steps_done
    assert np.isfinite(run.W).all() and np.isfinite(run.W_prime).all()
    assert np.isfinite(run.step_state(run.steps_done).loss)


def test_negative_replay_equals_a_fresh_run(text):
    config = dict(objective="negative", sample=0.01, lr_schedule="linear", steps=400)
    long = w2v.train(text, TrainConfig(**config, dense_steps=10, record_interval=100))
    assert 277 not in long.steps
    W, W_prime = long.weights_after(277)
    fresh = w2v.train(text, TrainConfig(**{**config, "steps": 400}, dense_steps=400))
    np.testing.assert_array_equal(W, fresh.W[fresh.index_of(277)])
    np.testing.assert_array_equal(W_prime, fresh.W_prime[fresh.index_of(277)])


def test_two_negative_runs_in_threads_equal_runs_alone(text):
    """The kernels release the GIL (nogil): runs in threads must not share any state."""
    import threading
    configs = [TrainConfig(objective="negative", sample=0.01, steps=3000, seed=s) for s in (1, 2)]
    alone = [w2v.train(text, c) for c in configs]
    together = [None, None]

    def work(i):
        together[i] = w2v.train(text, configs[i])
    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for a, b in zip(alone, together):
        np.testing.assert_array_equal(a.losses, b.losses)
        np.testing.assert_array_equal(a.W, b.W)
        np.testing.assert_array_equal(a.W_prime, b.W_prime)
